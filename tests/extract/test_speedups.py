"""The extractor's shortcuts give the answers of the plain computations they replace."""
import random

import pytest

import kg.extract.rules  # noqa: F401  (installs the prefilters)
from kg.extract import phrases
from kg.extract.mentions import local_candidates
from kg.extract.rules import RuleExtractor
from kg.extract.sentences import split_sentences
from kg.extract.tasks import task_vocabulary
from kg.extract.vocabulary import load_vocabulary, tokenize


@pytest.fixture(scope="module")
def texts():
    from bench.synth import sample_papers
    rng = random.Random(0)
    out = [s for p in sample_papers() for s in [p.title, *split_sentences(p.abstract)]]
    out += ["", "  we use deformable attention", "we\tuse the\u00a0sparse mixture attention and  dense block network",
            "x " * 40 + "a b c d e f-g attention", "pre-training, fine-tuning and flash attention-based decoding"]
    out += [s.upper() for s in out[:50]] + [s[rng.randrange(len(s) + 1):] for s in out[:300] if s]
    return out


def test_phrase_matches_are_the_pattern_matches(texts):
    raw = getattr(phrases._PHRASE, "pattern_obj", phrases._PHRASE)
    for t in texts:
        assert [m.span() for m in phrases._phrase_matches(t)] == [m.span() for m in raw.finditer(t)], t


def _walk(vocab, text):
    """The token-by-token longest-match walk :meth:`Vocabulary.find` replaced (its reference)."""
    toks, starts, ends = tokenize(text)
    low = [t.lower() for t in toks]
    out, free = [], 0
    for i in range(len(low)):
        if i < free:
            continue
        found = [(j, " ".join(low[i:j])) for j in range(i + 1, len(low) + 1) if " ".join(low[i:j]) in vocab._forms]
        hit = None
        for j, key in reversed(found):
            surface = text[starts[i]:ends[j - 1]]
            hit = next(((j, entry, mode) for entry, form, mode in vocab._forms[key]
                        if vocab._accept(mode, form, surface, low, j)), None)
            if hit:
                break
        if hit and not kg.extract.vocabulary._glued(text, starts[i], ends[hit[0] - 1]):
            out.append((hit[1].name, starts[i], ends[hit[0] - 1], hit[2]))
            free = hit[0]
    return out


@pytest.mark.parametrize("vocab", [load_vocabulary, task_vocabulary])
def test_vocabulary_find_is_the_longest_match_walk(vocab, texts):
    v = vocab()
    for t in texts[:600]:
        assert [(m.entry.name, m.start, m.end, m.mode) for m in v.find(t)] == _walk(v, t), t


def test_resolving_leaves_the_candidates_unchanged(texts):
    ex = RuleExtractor()
    for t in texts[:400]:
        cands = ex._candidates(t)
        before = [repr(m) for m in cands]
        first = [repr(m) for m in ex._resolve(t, cands)]
        assert [repr(m) for m in cands] == before
        assert [repr(m) for m in ex._resolve(t, cands)] == first
        assert [repr(m) for m in ex._mentions(t)] == first
        local = tuple(w for w in t.split()[:2] if w.isalpha())
        assert [repr(m) for m in ex._resolve(t, local_candidates(t, local) + cands)] == \
            [repr(m) for m in ex._mentions(t, local)]


def test_local_candidates_are_the_whole_word_occurrences(texts):
    import re
    names = ["Axial Transformer", "P3D ResNet", "a b", "Net (v2)", "x-y z", "é t", "of the"]
    for t in texts[:400] + ["Axial Transformers and Axial Transformer-XL, Axial Transformer_2 (Axial Transformer)",
                            "a b a b-a b_a ba b a b", "é té t é t", "of theof the of the"]:
        for name in names:
            want = [(m.start(), m.end()) for m in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", t)]
            assert [(m.start, m.end) for m in local_candidates(t, (name,))] == want, (t, name)


def test_no_comparison_cue_in_the_sentence_means_none_in_any_prefix(texts):
    from kg.extract import relations
    raw = getattr(relations.COMPARE, "pattern_obj", relations.COMPARE)
    skipped = 0
    for t in texts:
        if not relations._may_compare(t):
            skipped += 1
            assert not any(raw.search(t[:pos] + "X") for pos in range(len(t) + 1)), t
    assert skipped > 100


@pytest.mark.parametrize("pattern,gate", [
    ("contexts._BENCH", "contexts._DATASET_WORDS"),
    ("contexts._HW_PHRASE", "contexts._DEVICE_WORDS"),
    ("contexts._EXEMPLAR", "contexts._EXEMPLAR_CUES"),
    ("entities._ACRO", "paren"),
    ("entities._INVERTED", "paren"),
    ("contexts._MODEL_PHRASE", "contexts._KIND_WORDS"),
    ("contexts._TITLE_RUN", "two-caps"),
    ("introductions._OUR_NAME", ("our", "Our")),
    ("introductions.NOVEL_NAMED", ("new", "novel")),
    ("parts._PARTS_CUE", "parts.PARTS_HINTS"),
    ("introductions._CORE_OF_OURS", (" to our ", " of our ")),
    ("contexts._MODEL_THEN_NAME", ("model ",)),
])
def test_substring_gates_are_necessary(pattern, gate, texts):
    """A text none of whose gate substrings occurs has no match at all: skipping the scan changes nothing."""
    from kg.extract import contexts, entities, introductions, parts
    mods = {"contexts": contexts, "entities": entities, "introductions": introductions, "parts": parts}
    mod, _, name = pattern.partition(".")
    rx = getattr(mods[mod], name)
    raw = getattr(rx, "pattern_obj", rx)
    if gate == "two-caps":
        passes = lambda t: contexts._TWO_CAPS.search(t) is not None  # noqa: E731
    else:
        if gate == "paren":
            words = ("(",)
        elif isinstance(gate, tuple):
            words = gate
        else:
            gmod, _, gname = gate.partition(".")
            words = getattr(mods[gmod], gname)
        passes = lambda t: any(w in t for w in words)  # noqa: E731
    skipped = [t for t in texts if not passes(t)]
    for t in skipped:
        assert raw.search(t) is None, (pattern, t)
    # neither side is empty: the gate skips some sample texts, and the pattern matches some it lets through
    assert skipped and any(raw.search(t) for t in texts if passes(t)), pattern


def _initials_walk(short: str, long: str) -> bool:
    """The character walk ``entities._initials_match`` replaced with ``str.rfind`` (its reference)."""
    from kg.extract.entities import _DIGIT, _LINK_DIGIT
    l = long.lower()
    if not _DIGIT.search(l):
        short = _LINK_DIGIT.sub("", short)
    s = [c.lower() for c in short if c.isalnum()]
    if not s or not s[0].isalpha():
        return False
    si, li = len(s) - 1, len(l) - 1
    while si >= 0:
        c = s[si]
        while li >= 0 and (l[li] != c or (si == 0 and li > 0 and l[li - 1].isalnum())):
            li -= 1
        if li < 0:
            return False
        si -= 1
        li -= 1
    return True


def test_initials_match_is_the_character_walk(texts):
    from kg.extract.entities import _initials_match
    rng = random.Random(1)
    shorts = ["PG-TD", "LoRA", "S4", "Learn2PD", "i2RMB", "ΑΣ", "İK", "x", "3D", "GPT-4o", "ABC", "aB", "PrX", "K2V"]
    longs = [t for t in texts[:400] if t]
    for _ in range(6000):
        long = rng.choice(longs)
        a = rng.randrange(len(long) + 1)
        long = long[a:a + rng.randrange(1, 60)]
        short = rng.choice(shorts + ["".join(w[:1] for w in long.split()[-3:]) or "A",
                                     "".join(rng.choice(long + "Σİ2") for _ in range(rng.randrange(1, 5)))])
        assert _initials_match(short, long) == _initials_walk(short, long), (short, long)
    assert _initials_match("ΑΣ", "ας") == _initials_walk("ΑΣ", "ας")


def _reference_split(text: str) -> tuple[str, ...]:
    """The sentence split before its gate and its mark-anchored pattern (the reference of ``sentences._split``)."""
    import re
    from kg.extract.sentences import _ABBREV
    protect = re.compile(r"\b(" + "|".join(re.escape(a) for a in _ABBREV) + r")\.", re.I)
    split = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9(\"'“])")
    protected = protect.sub(lambda m: m.group(1) + "\x00", text)
    return tuple(p.replace("\x00", ".").strip() for p in split.split(protected) if p.strip())


def test_sentence_split_is_the_reference():
    from bench.synth import sample_papers
    from kg.extract.sentences import _split
    rng = random.Random(2)
    texts = [p.abstract for p in sample_papers()]
    bits = ["e.g.", "i.e.", "i.e.g.", "et al.", "etc.", "vs.", "Fig.", "EQ.", "resp.", "approx.", "al.", "No.", "Sec",
            "sec.", "cf.", "x.", ". ", "? ", "! ", "  ", "\t", "A", "b", "1", "(", '"', "“", "'", ".", "\x1c", "ıe.g."]
    texts += ["".join(rng.choice(bits) for _ in range(rng.randrange(30))) for _ in range(3000)]
    for t in texts:
        assert _split(t) == _reference_split(t), t


def test_wordish_windows_are_the_whole_search(texts):
    from kg.extract import entities
    rng = random.Random(3)
    bits = ["ab", "Cd", "x9", " ", "  ", "-", ".", "+", "_", "(", ")", ",", "\t", "é", "É", "Ǆ", "7B", "kGym", "a-B",
            ";", ":", "/", "BERT", "GPT", "4"]
    extra = ["".join(rng.choice(bits) for _ in range(rng.randrange(25))) for _ in range(3000)]
    for t in list(texts) + extra:
        assert list(entities._wordish(t)) == [(m.start(), m.group()) for m in entities._WORDISH.finditer(t)], t


def test_head_starts_are_the_head_hint_matches(texts):
    rng = random.Random(4)
    bits = ["attention", "pre-training", "pre", "-", "training", "fine-tuning", "fine", "embedding", "embeddings", "s",
            "_", " ", "  ", "2", "x", "Attention", ".", ",", "search", "re", "é", "\t", "kernels", "network"]
    extra = ["".join(rng.choice(bits) for _ in range(rng.randrange(20))) for _ in range(5000)]
    raw = getattr(phrases._HEAD_HINT, "pattern_obj", phrases._HEAD_HINT)
    for t in list(texts) + extra:
        want, pos = [], 0
        while (h := raw.search(t, pos)) is not None:
            want.append(h.start())
            pos = h.start() + 1
        got = phrases._head_starts(t)
        assert got is None and not t.isascii() or got == want, t
        spans = [m.span() for m in raw.__class__.finditer(getattr(phrases._PHRASE, "pattern_obj", phrases._PHRASE), t)]
        assert [m.span() for m in phrases._phrase_matches(t)] == spans, t


def test_rival_gate_is_necessary(texts):
    rng = random.Random(6)
    words = ["than", "Than", "thanx", "over", "_over", "in", "comparison", "on", "par", "vs.", "vs", "the", "a", "x",
             "standard", "attention", "decoding", "matching", "same", "performance", "as", ",", ".", "-", "é", "  "]
    extra = [" ".join(rng.choice(words) for _ in range(rng.randrange(12))) for _ in range(5000)]
    extra += ["".join(rng.choice(words) for _ in range(rng.randrange(12))) for _ in range(2000)]
    raw = getattr(phrases._RIVAL, "pattern_obj", phrases._RIVAL)
    cues = ["compared to", "compared with", "in comparison to", "outperforms", "outperforming", "outperformed", "surpass",
            "surpasses", "surpassing", "surpassed", "than", "over", "comparable to", "comparably fast with", "on par with",
            "competitive with", "competitively against", "relative to", "versus", "vs", "vs.", "against", "match",
            "matches", "matching", "equivalent performance as", "similar results to", "same accuracy as",
            "identical quality to", "outperform"]
    for cue in cues:  # every cue passes the gate
        t = f"it is {cue} the standard attention."
        assert raw.search(t) is not None and not phrases._RIVAL_WORDS.isdisjoint(tokenize(t)[0]), t
    for t in list(texts) + extra:
        if t.isascii() and phrases._RIVAL_WORDS.isdisjoint(tokenize(t)[0]):
            assert raw.search(t) is None, t
