"""Is a phrase a name? The tests the introduction cues share.

- :func:`descriptive`: a technique name from the noun phrase after "we propose" ("a novel interleaved
  pipeline parallelism schedule" names "interleaved pipeline parallelism schedule"; "a simpler
  algorithm" names nothing).
- :func:`plausible_name`: a short named thing, not a clause.
- :func:`title_case_name`: a Title-Case name of two to six words.
- ``LEAD`` (articles, counts and praise that open a noun phrase), ``PROBLEM_END`` (a task's head
  word), ``TITLE_WORD``, ``SET_OF`` ("a set of").
"""
from __future__ import annotations

import re

from kg.extract.entities import DATASET_NOUNS

LEAD = re.compile(r"^(?:(?:a|an|the|our|two|three|four|several|novel|new|simple|effective|efficient|lightweight|"
                   r"highly|optimized|optimised|dedicated|practical|general|generic|unified|first|scalable|robust|"
                   r"powerful|principled|flexible|training-free|plug-and-play|fast|strong|straightforward|"
                   r"innovative|advanced|elegant|tailored|comprehensive|holistic|versatile|sophisticated|"
                   r"\w+-of-its-kind|yet|and|family|of)\s+)+", re.I)
_TAIL = re.compile(r"\s+(?:method|methods|mechanism|mechanisms|approach|approaches|framework|frameworks|technique|techniques|strategy|"
                   r"architecture|algorithm|model|"
                   r"strategies|module|modules|paradigm|solution|scheme|procedure|recipe|system|toolkit|library|"
                   r"platform|family)$", re.I)
_HEAD = re.compile(r"(?:schedule|pattern|kernel|layout|attention|decoding|search|optimization|optimisation|"
                   r"distillation|quantization|pruning|sampling|transfer|guidance|approximation|network|architecture|"
                   r"mechanism|algorithm|layer|block|encoder|decoder|transformer|model|objective|loss|training|"
                   r"learning|parallelism|tuning|adapter|prompting|composition|representation|bottleneck|"
                   r"embedding|routing|caching|cache|regularization|normalization|estimation|inference|"
                   r"sink|selection|sharding|privatization|dissociation|method|approach|framework|technique|"
                   r"strategy|module|scheme|benchmark|dataset|corpus|scheduling|scheduler|pooling|offloading|"
                   r"tokenization|tokenizer|recomputation|projection|compression|merging|allocation|partitioning|"
                   r"pipelining|fusion|aggregation|masking|initialization|reweighting|elimination|mode|sharing|"
                   r"projector|regulator|dispatcher|predictor|discriminator|router|verifier|selector|estimator|gating|"
                   r"encoding|batching|reordering|rounding|augmentation|operator|heads|blocks|layers|loss|losses|"
                   r"queue|score|format)$", re.I)


_COINED_PLURAL = re.compile(r"[a-z][a-z0-9]*-[a-z0-9][\w\-]*\s+(?:algorithms|methods|models|mechanisms|techniques|strategies)")
_ADJ_BEFORE_COINED = re.compile(r"^(?:[a-z][\w\-]*\s+)+?(?:and\s+[a-z][\w\-]*\s+)(?=[A-Z][a-z]*(?:-[A-Za-z]+)+\b)")


_ADJ_END = re.compile(r"(?:-aware|-free|-based|-wise|\bparallel|ive|ous|[st]ial|oral|ical|ural|\bdual|obal|ocal|usal|"
                      r"-level|-grained|-stage|-scale)$")


_CONCRETE_TAIL = re.compile(r"\s(?:algorithm|architecture|network|module|layer)$")


def descriptive(np: str) -> str | None:
    """A technique name from a noun phrase after "we propose": drop articles, praise and generic heads."""
    np = SET_OF.sub("", LEAD.sub("", np.strip()).strip(" \"'“”"))  # "a set of decoding heads": the heads
    np = _ADJ_BEFORE_COINED.sub("", np)  # "adaptive and unified Evict-then-Merge framework"
    if _COINED_PLURAL.fullmatch(np):
        return np  # "the stream-x algorithms": a coined compound names a family
    if not _HEAD.search(np) or len(np.split()) < 2 and not any(c.isupper() for c in np[1:]):
        return None
    if re.fullmatch(rf"[a-z][\w\-]*\s+{DATASET_NOUNS}", np):
        return None  # "our proprietary dataset", "a new benchmark": no name
    core = _TAIL.sub("", np)
    if _ADJ_END.search(core):
        if core == np or len(core.split()) < 2 or '"' in np or not _CONCRETE_TAIL.search(np):
            return None  # "a parallel algorithm", "a lazy asynchronous multi-level approach": a description
        core = np  # "a hardware-aware parallel algorithm": two modifiers and a concrete head noun make a name
    if re.fullmatch(r"[a-z]+(?:onal|ical|ive|ous)\s+(?:block|layer|module|network|model|unit)s?", core):
        return None  # "a new computational block", "a convolutional layer": a kind of part, no name
    if len(core.split()) < 2 and not any(c.isupper() for c in core):
        if "-" in core and core != np and not re.search(r"-(?:supervised|weight|inspired|driven|guided|efficient|"
                                                        r"specific|agnostic|oriented|like|friendly|intensive|"
                                                        r"only|centric|tuned|trained|informed|enhanced)$", core):
            return np  # "a novel slow-fast architecture": a coined compound keeps its head noun
        return None  # "a retrieval method", "a simpler algorithm": too generic to be a name
    if core.split()[-1].lower() in ("training", "inference", "learning", "generation", "composition", "forms"):
        return None
    if core != np and core.islower() and core.endswith(("ity", "ness")):
        return None  # "a speech intelligibility model": what the model is for, not what it is
    name = core
    words = name.split()
    if not 1 <= len(words) <= 6 or words[0].lower() == "to" or any(
            w.lower() in ("this", "these", "those", "it", "its", "we", "our", "that", "which") for w in words):
        return None  # "a spiking version of this architecture", "we propose to search for ..."
    return name


FUNCTION_WORDS = {"as", "such", "to", "which", "that", "the", "a", "an", "is", "are", "it", "its", "this", "these", "we", "our",
                   "of", "in", "on", "for", "with", "when", "all", "you", "do", "does", "how", "what", "why"}


def plausible_name(phrase: str) -> bool:
    """A named thing, not a clause: short, no quotes, not opening with a function word.

    >>> plausible_name("hidden transfer"), plausible_name("to establish a new standard")
    (True, False)
    """
    words = phrase.split()
    return (0 < len(words) <= 5 and not phrase[0].isdigit() and '"' not in phrase
            and words[0].lower() not in FUNCTION_WORDS
            and sum(w.lower() in FUNCTION_WORDS for w in words) <= 1)


PROBLEM_END = re.compile(r"(?:answering|generation|recognition|understanding|segmentation|classification|detection|"
                          r"translation|retrieval|prediction|forecasting|laws|analysis|learning)$", re.I)
TITLE_WORD = re.compile(r"[A-Z][\w]*(?:-[\w]+)*$")


def title_case_name(np: str) -> str | None:
    """A Title-Case name of two to six words right after a cue: "the Fused LSE-Cached Search".

    >>> title_case_name("the Fused LSE-Cached Search"), title_case_name("a Transformer for images")
    ('Fused LSE-Cached Search', None)
    """
    np = LEAD.sub("", np.strip())
    words = np.split()
    if not 2 <= len(words) <= 6 or not all(TITLE_WORD.match(w) for w in words):
        return None
    return np


SET_OF = re.compile(r"^(?:an?\s+)?(?:(?:set|series|family|pair|number|variety)\s+of|"
                     r"(?:multiple|several|various|two|three|four)\s+(?:variants|kinds|types|forms)\s+of)\s+")
