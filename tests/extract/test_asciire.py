"""ASCII-mode twins (kg/extract/asciire.py) find on ASCII text exactly what the Unicode patterns find."""
import random
import re
import sys

import pytest

import kg.extract.rules  # installs the wrappers; rules.PATTERNS lists them
from kg.extract import asciire, fastre
from kg.extract.sentences import split_sentences


def _ascii_matched(lo: int, hi: int) -> set[str]:
    """The ASCII characters ``[lo-hi]`` matches under Unicode ``re.IGNORECASE``."""
    return set(re.findall(f"[{re.escape(chr(lo))}-{re.escape(chr(hi))}]", "".join(map(chr, range(128))), re.I))


def test_fold_keys_are_all_non_ascii_characters_that_equate_with_ascii():
    found, todo = set(), [(128, sys.maxunicode)]
    while todo:  # bisect the non-ASCII range down to the characters that match some ASCII one
        lo, hi = todo.pop()
        if _ascii_matched(lo, hi):
            if lo == hi:
                found.add(chr(lo))
            else:
                todo += [(lo, (lo + hi) // 2), ((lo + hi) // 2 + 1, hi)]
    assert found == asciire._FOLD_KEYS
    for c in found:  # and as a literal too
        assert any(re.fullmatch(re.escape(c), chr(a), re.I) for a in range(128))


def test_twin_rules():
    twin = asciire.ascii_twin(re.compile(r"\s+(\S+)\s*$"))
    assert twin.flags & re.ASCII
    for t in ("a\x1cb\x1f", "a b", "x\x1d\x1e", "\x1c", "a\tb\x0b", "a\x1cb"):
        m, ref = twin.search(t), re.search(r"\s+(\S+)\s*$", t)
        assert (m and m.span(1)) == (ref and ref.span(1)), repr(t)
    for p in (re.compile(r"\u017ftop", re.I), re.compile(r"[\u0100-\u0200]x", re.I), re.compile(r"[^\u212a]", re.I),
              re.compile(r"(a)?(?(1)b|c)"), re.compile(rb"\w+"), re.compile(r"\w", re.A)):
        assert asciire.ascii_twin(p) is p, p
    assert re.compile(r"\S").fullmatch("é") and re.compile(r"\s").fullmatch("\x1c")  # the parser's tables are intact
    assert re.compile(r"[\S]").fullmatch("é") and not re.compile(r"[^\s]").fullmatch("\x1f")


def _wrappers():
    return [pytest.param(v, id=name.removeprefix("kg.extract.")) for name, v in kg.extract.rules.PATTERNS.items()
            if isinstance(v, (fastre.Prefiltered, asciire.AsciiTwin))]


@pytest.fixture(scope="module")
def texts():
    from bench.synth import sample_papers
    rng = random.Random(1)
    out = [s for p in sample_papers() for s in [p.title, *split_sentences(p.abstract)]]
    out += ["", "\x1c", "a\x1fb", "we\x1cpropose\x1dX-Net\x1e(XN),\x1fa model", "on\x1cthe\x1dImageNet\x1ebenchmark",
            "İntroducing ſpeedup over the K-means baseline (KB)", "We propoſe thİs", "ıntroduce", "COMPARED TO X"]
    out = rng.sample(out, 250) + out[-9:]
    spaced = [re.sub(" ", lambda _: rng.choice(" \t\x1c\x1d\x1e\x1f\x0b\n"), s) for s in out[:100]]
    out += spaced + [s.upper() for s in out[:50]] + [s.lower() for s in out[:50]]
    out += [s[rng.randrange(len(s) + 1):] for s in out[:100] if s]
    return out


@pytest.mark.parametrize("wrapped", _wrappers())
def test_twin_and_wrapper_give_the_patterns_answers(wrapped, texts):
    raw = wrapped.pattern_obj
    twin = asciire.ascii_twin(raw)
    span = lambda m: m and (m.span(), m.groups())  # noqa: E731
    for t in texts:
        pairs = ((twin, raw), (wrapped, raw)) if t.isascii() else ((wrapped, raw),)
        for new, old in pairs:
            assert span(new.search(t)) == span(old.search(t)), t
            assert span(new.match(t)) == span(old.match(t)), t
            assert [span(m) for m in new.finditer(t)] == [span(m) for m in old.finditer(t)], t
            assert new.sub("#", t) == old.sub("#", t)
            assert new.split(t) == old.split(t)
            for pos, end in ((3, len(t)), (0, len(t) // 2), (len(t) // 3, len(t) - 2)):
                assert span(new.search(t, pos, end)) == span(old.search(t, pos, end))
                assert span(new.match(t, pos, end)) == span(old.match(t, pos, end))


@pytest.mark.parametrize("wrapped", _wrappers()[:1] + [w for w in _wrappers() if isinstance(w.values[0], asciire.AsciiTwin)][:1])
def test_wrappers_expose_the_pattern_attributes(wrapped):
    raw = wrapped.pattern_obj
    for name in ("pattern", "flags", "groups", "groupindex"):
        assert getattr(wrapped, name) == getattr(raw, name)
    assert not hasattr(type(wrapped), "__getattr__")  # it would put every attribute lookup on the slow path


@pytest.mark.parametrize("source,flags", [
    (r"[^a\s]b", 0), (r"[^a]+", re.I), (r"\b(?:ab|Ba)\b", re.I), (r"(?<![\w.])(?:x |y )?\d+", re.I),
    (r"(?=[A-Z])\w+", 0), (r"(?:a|)b", 0), (r"(?:a?|b*)-", 0), (r"(?i:a)B", 0), (r"(?-i:a)B", re.I),
    (r"\S+\s", 0), (r"(?>a|b)c", 0), (r"(?:_|\.)+\W", 0), (r"[\x1c]a", 0), (r"[A-C][^\W\d]", re.I), (r"\B-\D", 0),
    (r"(?!a)[ab]", re.I), (r"é|b", re.I), (r"(a)\1", re.I),
    (r"\ba\s+\w*$", 0), (r"(?<=a)_\s*[A-C]", 0), (r"(?<!b)\(a\)|\(", 0), (r"\B-", 0),  # one first character
])
def test_twin_with_first_characters_on_random_ascii(source, flags):
    rng = random.Random(source)
    raw = re.compile(source, flags)
    twin = asciire.ascii_twin(raw)
    span = lambda m: m and (m.span(), m.groups())  # noqa: E731
    for _ in range(400):
        t = "".join(rng.choice("aAbBcC1 _-.\x1c\t(xy") for _ in range(rng.randrange(12)))
        assert span(twin.search(t)) == span(raw.search(t)), (source, t)
        assert [m.span() for m in twin.finditer(t, 1)] == [m.span() for m in raw.finditer(t, 1)], (source, t)


def test_first_characters():
    tree = lambda s, f=0: re._parser.parse(s, f | re.ASCII).data  # noqa: E731
    assert asciire._first_chars(tree(r"\b(?:ab|Ba)"), True) == ({ord(c) for c in "aAbB"}, False)
    assert asciire._first_chars(tree(r"(?:x)?\d"), False) == ({ord("x"), *range(48, 58)}, False)
    assert asciire._first_chars(tree(r"[^ab]"), False) == (set(range(128)) - {97, 98}, False)
    assert asciire._first_chars(tree(r"a?"), False) == ({97}, True)
    assert asciire._first_chars(tree(r".b"), False) == (None, False)


@pytest.mark.parametrize("source,flags", [
    (r"\b(?:than|this|th|vs\.?|Than|a|an|the|as (?:fast|good) as|[a-c]x|\d+%|over)\b", re.I),
    (r"(?:ab|aB|Ab|a|b|ba|bab|(?:c|ca)b|c\w|cab)", 0), (r"(?:ab|aB|Ab|a|b|ba|bab|(?:c|ca)b|c\w|cab)c?", re.I),
    (r"(?:a(b)|A(c)|b|B(a)|a)(?(1)x|y)?", re.I), (r"(?:x|X|(?i:y)|(?-i:z)|Z|y)+", re.I), (r"(?<!a)(?:bc|b|cb|c)$", re.I),
    (r"(?:a|b|)(?:c|a|b)", re.I), (r"(?:ab|\w|ba|b)(a)", re.I), (r"(?:(a)|ab|b)\1?", 0), (r"(?:a+|ab|b)(?:a|ab)b", re.I),
])
def test_regrouped_alternatives_on_random_ascii(source, flags):
    """Alternatives grouped by first character (case-blind ones split by case) keep every answer."""
    rng = random.Random(source)
    raw = re.compile(source, flags)
    twin = asciire.ascii_twin(raw)
    assert twin is not raw or "(?(" in source
    span = lambda m: m and (m.span(), m.groups())  # noqa: E731
    for _ in range(1500):
        t = "".join(rng.choice("aAbBcCtThHxXyYzZ1%.  ") for _ in range(rng.randrange(14)))
        assert span(twin.search(t)) == span(raw.search(t)), (source, t)
        assert span(twin.fullmatch(t)) == span(raw.fullmatch(t)), (source, t)
        assert [span(m) for m in twin.finditer(t, 1)] == [span(m) for m in raw.finditer(t, 1)], (source, t)


def test_regroup_shape():
    tree = re._parser.parse(r"\b(?:than|vs|this|%)", re.I | re.ASCII)
    asciire._fast_branches(tree.data, True, tree.state)
    heads = [alt.data[0] for alt in tree.data[1][1][1]]
    assert [h[1] if h[0] is re._constants.LITERAL else chr(h[1][3].data[0][1]) for h in heads] == \
        ["t", "T", "v", "V", 37]  # case-blind letters split by case, "th..." grouped, the rest in order
