"""Lower-case technique names: "deformable attention", "weight-only quantization", "infill sampling".

Established techniques are often written in lower case and are in no list.
:func:`technique_phrases` finds a short noun phrase whose head is a
technique noun (attention, parallelism, quantization, decoding, ...), with
one to three content-word modifiers, right after a use cue ("we utilize X").
(Extending every known name leftwards with its modifiers, "op-level" +
"model parallelism", was measured and lost precision, so it is not done.)

Generic and evaluative modifiers ("existing", "efficient", "standard") never
start a name.
"""
from __future__ import annotations

import re
from bisect import bisect_left

from kg.extract.entities import Mention
from kg.extract.vocabulary import tokenize

HEADS = (
    "attention", "parallelism", "quantization", "quantisation", "distillation", "decoding", "sampling",
    "pretraining", "pre-training", "fine-tuning", "finetuning", "search", "encoder", "decoder", "quantizer",
    "codec", "pruning", "regularization", "normalization", "embedding", "embeddings", "convolution",
    "convolutions", "pooling", "optimizer", "tokenization", "tokenizer", "caching", "scheduling", "routing",
    "transducer", "autoencoder", "perceptron", "boosting", "clustering", "exploration", "prompting",
    "recurrence", "gating", "dropout", "augmentation", "ensembling", "hashing", "retrieval", "transformer",
    "transformers", "network", "kernel", "schedule", "batching", "offloading", "sharding", "pipelining",
    "recomputation", "checkpointing", "masking", "fusion", "merging", "sparsification",
    "parametrization", "parameterization", "imputation", "blending", "denoising", "descent", "ascent",
    "adapter", "adapters", "approximation", "approximations", "projection", "projections",
    "kernels",
)
#: Heads that need at least two modifiers or a hyphenated one ("dense block network" yes, "the network" no).
WEAK_HEADS = {"network", "kernel", "search", "retrieval", "schedule",
              "encoder", "decoder", "transformer", "transformers", "embedding", "embeddings", "optimizer"}
STOP_MODIFIERS = set("""
a an the this that these those our their its his her your my we they it which what whose each every all any some no
such other another more most less least many much several few various different same similar new novel existing
standard efficient effective simple naive vanilla typical common popular recent modern current traditional
conventional previous prior state-of-the-art state-of-art strong powerful robust scalable general generic specific particular
large small big larger smaller high low higher lower fast faster slow full complete single multiple two three four
first second final proposed above following original basic better best good key main major minor overall entire
additional extra further lightweight heavy practical careful extensive improved enhanced advanced sophisticated
well-known widely-used widely used so also only both either neither not per via using with without of in on for to
from by at as into over under is are was were be been being has have had can could may might will would should
must do does did one current emerging underlying respective corresponding resulting given certain deep neural
use uses used utilize utilizes utilized utilise employ employs employed apply applies applied adopt adopts adopted
leverage leverages leveraged propose proposes introduce introduces present presents combine combines integrate
integrates achieve achieves improve improves enable enables extend extends replace replaces perform performs
require requires show shows yield yields call called name named term termed include includes including like
than versus vs and or but while whereas between across through within without toward towards about around
when since after before during unlike billion trillion million large-scale pre-trained pretrained frozen
off-the-shelf compact aggressive prevalent dedicated innovative finite dynamic flexible rigid alternative direct
possible available different diverse open-source expensive costly cheap moderate
""".split())
#: words ending in "-ate" that are no verb: "approximate attention", "intermediate decoding"
_ATE_NOT_VERB = {"separate", "approximate", "intermediate", "appropriate", "accurate", "aggregate", "alternate",
                 "private", "moderate", "late", "state", "rate", "gate", "template", "candidate", "update", "ultimate"}
#: A technique phrase counts only right after a use cue: "we utilize X", "based on X", "via X".
USE_BEFORE = re.compile(r"\b(?:utiliz\w*|utilis\w*|use|uses|using|used|apply|applies|applying|applied|adopt\w*|"
                        r"employ\w*|leverag\w*|based on|built on|building on|build on|combin\w* (?:with )?|"
                        r"integrat\w*|incorporat\w*|via|through|follows?|extends?|extending|with|unif\w*|"
                        r"including|such as|namely|like)\s+(?:the |a |an |our |its |their )?$", re.I)
_WORD = r"(?:\d+-[a-z]+|[A-Za-z][a-z0-9]*)(?:-[A-Za-z0-9]+)*"  # "8-bit" leads a name too
_HEAD_HINT = re.compile(r"\b(?:" + "|".join(re.escape(h) for h in HEADS) + r")\b")
MAX_MODIFIERS = 3  # words before the head; :func:`_phrase_matches` relies on the bound
_PHRASE = re.compile(rf"\b((?:{_WORD}\s+){{1,{MAX_MODIFIERS}}}(?:{'|'.join(re.escape(h) for h in HEADS)}))\b")


#: the heads by their first word ("pre" for "pre-training"): every ``_HEAD_HINT`` match starts on such a token
_HEAD_BY_FIRST: dict[str, tuple[str, ...]] = {}
for _h in HEADS:
    _HEAD_BY_FIRST[_h.split("-")[0]] = _HEAD_BY_FIRST.get(_h.split("-")[0], ()) + (_h,)


def _head_starts(sentence: str) -> list[int] | None:
    """Where the ``_HEAD_HINT`` matches of an ASCII sentence start, ascending (None for other text).

    A ``_HEAD_HINT`` match (ASCII: ``\\b`` between ``[A-Za-z0-9_]`` and the rest) starts on a token
    of :func:`~kg.extract.vocabulary.tokenize` (a maximal ``[A-Za-z0-9]`` run) with no "_" before it and
    ends where no word character follows. The tokens are cached from the vocabulary pass, and most sentences
    hold no head's first word at all: a set test, instead of a search entered at nearly every letter.
    """
    if not sentence.isascii():
        return None
    toks, starts, _ends = tokenize(sentence)
    if _HEAD_BY_FIRST.keys().isdisjoint(toks):
        return []
    out = []
    n = len(sentence)
    for i, tok in enumerate(toks):
        heads = _HEAD_BY_FIRST.get(tok)
        if heads is None:
            continue
        p = starts[i]
        if p and sentence[p - 1] == "_":
            continue
        for h in heads:
            e = p + len(h)
            if sentence.startswith(h, p) and (e == n or not (sentence[e].isalnum() or sentence[e] == "_")):
                out.append(p)
                break
    return out


def _phrase_matches(sentence: str, heads: list[int] | None = None):
    """``_PHRASE.finditer(sentence)``, with each search started a few words before the next head noun.

    Every match ends on a head noun (a ``_HEAD_HINT`` hit) with at most ``MAX_MODIFIERS``
    whitespace-separated words before it, so no match starts before the start of the
    ``MAX_MODIFIERS``-th word before the next head: the pattern need not be tried anywhere earlier.
    ``heads`` is ``_head_starts(sentence)`` when the caller has it already.
    """
    raw = getattr(_PHRASE, "pattern_obj", _PHRASE)  # the bare pattern (see kg/extract/fastre.py)
    if heads is None:
        heads = _head_starts(sentence)
    pos = 0
    if heads is None:  # not ASCII: the pattern itself
        h = _HEAD_HINT.search(sentence)
        at = h.start() if h is not None else -1
    else:
        at = heads[0] if heads else -1
    while at >= 0:
        head = sentence[:at] + "x"  # "x": the (maybe empty) part of the head's own word before it
        parts = head.rsplit(None, MAX_MODIFIERS + 1)
        start = len(head) - len(head[len(parts[0]):].lstrip()) if len(parts) > MAX_MODIFIERS + 1 else 0
        m = raw.search(sentence, max(pos, start))
        if m is None:
            return
        yield m
        pos = m.end()
        if heads is None:
            h = _HEAD_HINT.search(sentence, pos)
            at = h.start() if h is not None else -1
        else:
            i = bisect_left(heads, pos)
            at = heads[i] if i < len(heads) else -1


#: praise between a use cue and a name: "through simple teacher-student distillation"
_EVALUATIVE = re.compile(r"(?<![\w\-])(?:(?:[a-z]+ly|simple|standard|vanilla|efficient|effective|existing|conventional|traditional|"
                         r"typical|naive|plain|popular|common|modern|lightweight|novel|new)\s+)+$")


def _clean_modifiers(words: list[str]) -> list[str]:
    """Keep the modifiers after the last stop/evaluative word, adverb or number."""
    for i in range(len(words) - 1, -1, -1):
        w = words[i].lower()
        if w in STOP_MODIFIERS or w.endswith("ly") or w[0].isdigit():
            return words[i + 1:]
    return words


#: the second of two coordinated techniques: "multilingual pretraining and multilingual fine-tuning"
_AFTER_TECHNIQUE = re.compile(r"\b(?:" + "|".join(re.escape(h) for h in HEADS) + r"),?\s+(?:and|or)\s+$")


def technique_phrases(sentence: str) -> list[Mention]:
    """Noun phrases headed by a technique noun.

    >>> [m.name for m in technique_phrases("we utilize deformable attention, with a dense block network")]
    ['deformable attention', 'dense block network']
    >>> [m.name for m in technique_phrases("It improves the attention of models.")]
    []
    """
    out: list[Mention] = []
    heads = _head_starts(sentence)
    if not heads if heads is not None else not _HEAD_HINT.search(sentence):
        return out
    for m in _phrase_matches(sentence, heads):  # = _PHRASE.finditer(sentence), faster
        words = m.group(1).split()
        head = words[-1]
        mods = _clean_modifiers(words[:-1])
        if not mods or any(w.lower() in STOP_MODIFIERS for w in mods):
            continue
        if any(w[0].isupper() for w in mods) and not all(w[0].isupper() for w in mods + [head]):
            continue  # "Transformer attention": a capitalised name owns the phrase
        if head.lower() in WEAK_HEADS and len(mods) < 2 and "-" not in mods[0]:
            continue
        if "-" not in mods[0] and (re.search(r"(?:ing|ed|es|s)$", mods[0]) or
                                   mods[0].endswith("ate") and mods[0].lower() not in _ATE_NOT_VERB):
            continue  # a verb ("reduces decoding", "making attention", "necessitate fine-tuning"), not a modifier
        name = " ".join(mods + [head])
        start = m.start(1) + m.group(1).find(name)
        before = sentence[max(0, start - 60):start]
        if (praise := _EVALUATIVE.search(before)) is not None:  # "through simple teacher-student distillation"
            before = before[:praise.start()]
        if not USE_BEFORE.search(before[-40:]) and not \
                re.search(r"^\s*,?\s*(?:and|or)\s", sentence[start + len(name):start + len(name) + 6]) \
                and not _AFTER_TECHNIQUE.search(before[-40:]):
            continue
        out.append(Mention(name, "Method", start, start + len(name), source="phrase"))
    return out


#: "outperforms the sliding window recomputation baseline", "compared to half-precision baselines"
_BASELINE = re.compile(r"\b(?:the|other|than|to|over|against|with)\s+((?:[a-z][\w\-]*\s+){0,3}[a-z][\w\-]*)\s+baselines?\b")


_PARTICIPLES = {"competing", "leading", "remaining", "following", "resulting", "established", "tuned", "trained",
                "optimized", "optimised", "reported", "published", "considered", "selected", "chosen"}


def baseline_phrases(sentence: str) -> list[Mention]:
    """Lower-case names a sentence calls a baseline: "the sliding window recomputation baseline".

    A single plain word is too vague to be a name ("the random baseline"); a hyphenated one is not.

    >>> [m.name for m in baseline_phrases("It outperforms the sliding window recomputation baseline by 2x.")]
    ['sliding window recomputation']
    >>> [m.name for m in baseline_phrases("It beats the strong baseline and the random baseline.")]
    []
    """
    out: list[Mention] = []
    for m in _BASELINE.finditer(sentence):
        words = _clean_modifiers(m.group(1).split())
        if words and words[0].lower() in _PARTICIPLES:
            words = words[1:]  # "the competing sparse baselines"
        if not words or len(words) < 2 and "-" not in words[0]:
            continue  # "the random baseline": too vague
        name = " ".join(words)
        start = m.end(1) - len(name)
        out.append(Mention(name, "Method", start, m.end(1), source="phrase"))
    return out


#: a lower-case name right after a comparison cue: "compared with classical metric learning methods"
_RIVAL = re.compile(r"\b(?:compared (?:to|with|against)|in comparison (?:to|with)|outperform(?:s|ing|ed)?|"
                    r"surpass(?:es|ing|ed)?|than|over|comparabl[ey] (?:[a-z]+ )?(?:to|with)|on par with|"
                    r"competitive(?:ly)? (?:with|against)|relative to|versus|vs\.?|against|match(?:es|ing)?|"
                    r"(?:equivalent|similar|same|identical) (?:performance|results|accuracy|quality) (?:as|to))"
                    r"\s+(?:(?:the|a|an|all|any|both)\s+)?"
                    r"((?:[a-z][\w\-]*\s+){0,3}[a-z][\w\-]*)(?=\s*(?:[,.;)]|$|\s(?:on|in|for|with|by|and|or|at|while|"
                    r"when|across|under|without|which|that|to)\b))")
#: a word every ``_RIVAL`` match holds as a whole word ("in comparison": "comparison", "on par": "par"); case counts
_RIVAL_WORDS = frozenset("""compared comparison outperform outperforms outperforming outperformed surpass surpasses
surpassing surpassed than over comparable comparably par competitive competitively relative versus vs against match
matches matching equivalent similar same identical""".split())
_RIVAL_TAIL = re.compile(r"\s+(?:methods?|approach(?:es)?|techniques?|schemes?|models?|baselines?|counterparts|works|"
                         r"algorithm)$")  # "the uniform exploration algorithm" is uniform exploration
_RIVAL_HEADS = set(HEADS) | {"classifier", "classifiers", "algorithms", "algorithm", "generation", "learning", "layer", "layers",
                                "architecture", "architectures"}
_OLD = {"classical", "classic", "prior", "previous", "existing", "conventional", "traditional", "vanilla", "standard",
        "general", "naive", "plain", "common", "popular", "original", "current", "benchmark", "baseline"}


#: what a plain form of a technique is called: "standard attention", "vanilla decoding" name it
_PLAIN = {"vanilla", "standard", "naive", "plain", "conventional", "traditional"}


def rival_phrases(sentence: str) -> list[Mention]:
    """Lower-case technique names right after a comparison cue: the rival the paper measures against.

    >>> [m.name for m in rival_phrases("It outperforms the general fully connected classifier on ImageNet.")]
    ['fully connected classifier']
    >>> [m.name for m in rival_phrases("It needs less memory than any existing approximate attention.")]
    ['approximate attention']
    >>> [m.name for m in rival_phrases("It reads less memory than standard attention and runs faster than vanilla decoding.")]
    ['standard attention', 'vanilla decoding']
    >>> [m.name for m in rival_phrases("It is faster than existing methods and than the sequential one.")]
    []
    """
    out: list[Mention] = []
    if sentence.isascii() and _RIVAL_WORDS.isdisjoint(tokenize(sentence)[0]):
        return out  # on ASCII text such a word is a whole token (cached from the vocabulary pass): a set test
    for m in _RIVAL.finditer(sentence):
        plain = ""
        phrase = _RIVAL_TAIL.sub("", m.group(1))
        words = phrase.split()
        while words and words[0].lower() in _OLD:
            plain, words = words[0], words[1:]  # "classical metric learning methods": metric learning
        if len(words) == 1 and plain.lower() in _PLAIN and words[0].lower() in HEADS \
                and words[0].lower() not in WEAK_HEADS:
            words = [plain, words[0]]  # "than standard attention", "compared to vanilla decoding": the plain technique
        if len(words) < 2 or words[-1].lower() not in _RIVAL_HEADS \
                or any(w.lower() in STOP_MODIFIERS for w in words if w is not plain):
            continue  # one plain word is too vague ("than sampling"); the head must name a technique
        if words[0].endswith("ing") and "-" not in words[0]:
            continue  # a verb ("than using attention"), not a modifier
        name = " ".join(words)
        start = m.start(1) + m.group(1).find(name)
        out.append(Mention(name, "Method", start, start + len(name), source="phrase"))
    return out
