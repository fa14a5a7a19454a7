"""Literal prefilters (kg/extract/fastre.py) give exactly the answers of the patterns they wrap."""
import random
import re
import sys

import pytest

import kg.extract.rules  # installs the prefilters; rules.PATTERNS lists them
from kg.extract import fastre
from kg.extract.sentences import split_sentences


def test_analyse_required_and_first():
    req, first, ci = fastre.analyse(re.compile(r"\b(?:outperform\w*|compar\w*\b[^.;]{0,40}?\bto|vs\.?)\b", re.I))
    assert ci and req == {"outperform", "compar", "vs"} and first == req
    req, first, ci = fastre.analyse(re.compile(r"(?:on|with)\s+[A-Z]\w+\s+(?:device|chip)s?\b"))
    assert not ci and req == {"device", "chip"} and first == {"on", "with"}
    assert fastre.analyse(re.compile(r"(?:the\s+)?X")) == (frozenset({"X"}), None, False)
    assert fastre.analyse(re.compile(r"(?:ab)?c*")) == (None, None, False)
    assert fastre.analyse(re.compile(r"a(?i:b)c"))[0] in ({"a"}, {"c"})  # a local case flag proves nothing inside
    assert fastre.analyse(re.compile(r"\b(e\.g|al)\.", re.I))[0] == {"e.g.", "al."}


def test_case_fold_table_is_complete():
    """Every non-ASCII character that re.IGNORECASE equates with an ASCII letter is folded to it."""
    letter = re.compile(r"[a-z]", re.I)
    for code in range(128, sys.maxunicode + 1):
        c = chr(code)
        if letter.fullmatch(c):
            low = c.translate(fastre._FOLD).lower()
            assert re.fullmatch(re.escape(low), c, re.I) and low.isascii() and len(low) == 1, hex(code)


def _wrapped():
    return [pytest.param(v, id=name.removeprefix("kg.extract.")) for name, v in kg.extract.rules.PATTERNS.items()
            if isinstance(v, fastre.Prefiltered)]


@pytest.fixture(scope="module")
def texts():
    from bench.synth import sample_papers
    rng = random.Random(0)
    out = [s for p in sample_papers() for s in [p.title, *split_sentences(p.abstract)]]
    out += ["", "İntroducing ſpeedup over the K-means baseline (KB)", "We propoſe thİs", "ıntroduce", "COMPARED TO X",
            "e.g. vs. et al. No. 5", "https://github.com/a/b \\textbf{x} $y$"]
    out += [s.upper() for s in out[:50]] + [s[rng.randrange(len(s) + 1):] for s in out[:200] if s]
    return out


@pytest.mark.parametrize("wrapped", _wrapped())
def test_same_answers_as_the_pattern(wrapped, texts):
    raw = wrapped.pattern_obj
    span = lambda m: m and (m.span(), m.groups())  # noqa: E731
    for t in texts:
        assert span(wrapped.search(t)) == span(raw.search(t))
        assert [span(m) for m in wrapped.finditer(t)] == [span(m) for m in raw.finditer(t)]
        assert wrapped.sub("#", t) == raw.sub("#", t)
        assert wrapped.split(t) == raw.split(t)
        for pos, end in ((3, len(t)), (0, len(t) // 2), (len(t) // 3, len(t) - 2)):
            assert span(wrapped.search(t, pos, end)) == span(raw.search(t, pos, end))
            assert [span(m) for m in wrapped.finditer(t, pos, end)] == [span(m) for m in raw.finditer(t, pos, end)]


@pytest.mark.parametrize("wrapped", _wrapped())
def test_same_answers_out_of_range_slices(wrapped, texts):
    """Negative ``pos``, ``endpos`` past the end or before ``pos``: the wrapper still agrees with the pattern."""
    raw = wrapped.pattern_obj
    span = lambda m: m and (m.span(), m.groups())  # noqa: E731
    for t in texts[:300]:
        for pos, end in ((-5, len(t) + 10), (-1, len(t) // 2), (len(t) // 2, len(t) // 3), (0, -1)):
            assert span(wrapped.search(t, pos, end)) == span(raw.search(t, pos, end))
            assert [span(m) for m in wrapped.finditer(t, pos, end)] == [span(m) for m in raw.finditer(t, pos, end)]


def test_direct_wrappers_are_the_few_start_character_ones():
    """A twin that can start a match with few characters runs without the literal tests (but ``possible`` keeps them)."""
    we = fastre.prefiltered(re.compile(r"\b(?:we|our)\b", re.I))
    assert type(we) is fastre._Direct and not we.possible("They use it in the experiments.") \
        and we.possible("Then we use it in the experiments.")
    assert type(fastre.prefiltered(re.compile(r"\b(?:than|over|versus|against|beat|outperform)\b", re.I))) \
        is fastre.Prefiltered
