"""Relation cues: decide from its sentence how a paper relates to a mentioned method or model.

The decision is positional: a comparison cue ("outperforms", "than",
"compared with") governs the names after it; a use cue ("based on",
"building on", "we apply ... to") governs names near it; a background cue
("recent works such as") without a first-person subject makes a mere mention.

>>> method_relation("Our method outperforms Medusa by 2x.", 29)
'compares-to'
>>> method_relation("Building on LoRA, we add shards.", 12)
'builds-on'
>>> method_relation("Recent works such as RetNet observe a decay.", 21)
'mentions'
"""
from __future__ import annotations

import re
from functools import lru_cache

COMPARE = re.compile(
    r"\b(?:outperform\w*|outstrip\w*|outpac\w*|surpass\w*|exceed\w*|beat|beats|beating|than|compared (?:to|with|against)|compar\w*\b[^.;]{0,40}?\b(?:to|with|against)|"
    r"compet\w* (?:with|against|to)|competitively (?:with|against|to)|(?:gain|improvement|speedup|advantage|boost)s?\b[^.;,]{0,40}?\bover|"
    r"comparison (?:to|with|against)|in comparison|in contrast (?:to|with)|versus|vs\.?|against|relative to|competitive (?:with|to|against)|"
    r"on par with|comparabl\w* (?:[a-z]+ )?(?:to|with)|match(?:es|ing)?|rival\w*|whereas|"
    r"perform(?:s|ed|ing)? as well as|(?:identical|equivalent|similar|same) (?:results|result|performance|"
    r"quality|outputs|accuracy) (?:as|to)|as (?:fast|good|accurate|stable|efficient|effective|strong) as|"
    r"improv\w* (?:up)?on|advantages? (?:of|over)|superior to|over (?:the )?(?:baseline|state-of-the-art|existing|prior|previous|strong)?|"
    r"(?:clos|narrow)\w* the (?:[\w\-]+ )?gap (?:with|to)|(?:reach|attain|retain|recover)\w* (?:the |its )?(?:same )?"
    r"(?:accuracy|performance|quality) of|speed-?ups? (?:of [^,.;]{0,25})?over|\d+(?:\.\d+)?\s?% of(?: the)?|gains? over|improvements? over|baselines? (?:such as|like|including))\b", re.I)
# "over" alone is common ("over time"); count it only after a figure or a gain word (handled above)
USE = re.compile(
    r"\b(?:based on|build\w* (?:up)?on|built (?:up)?on|extend\w*|inspired by|inspiration from|leverag\w*|appl(?:y|ies|ied|ying)\b|"
    r"fine-?tun\w*|integrat\w*|combin\w*|adopt\w*|utiliz\w*|utilis\w*|employ\w*|using|uses?|used|on top of|"
    r"distil\w*|incorporat\w*|adapt\w*|equip\w*|augment\w*|plug\w*|replac\w*|initiali[sz]\w*|train\w* (?:on|with)|"
    r"built with|implement\w*|within|via|through|powered by|relies on|rely on|follow\w*|generaliz\w*|modif\w*|"
    r"enhanc\w*|introduc\w* .{0,30}into|into)\b", re.I)
BACKGROUND = re.compile(
    r"\b(?:recent(?:ly)?|current(?:ly)?|existing|prior|previous|traditional|conventional|popular|such as|e\.g\.|have been|"
    r"has been|dominan\w*|widely|typically|commonly|often|emerg\w*|gained|remain\w*|suffer\w*|struggl\w*|"
    r"however|despite|while|although|limited|known)\b", re.I)
#: "Compared to Medusa, ZorbSpec achieves ...": the name after the comma is the clause's subject, not a rival
_SUBJECT = re.compile(r"(?:[\w\-.+]+\s+){0,2}?[\w\-.+]+\s+(?:(?:also|still|consistently|significantly|further)\s+)?"
                      r"(?:exhibits|achieves|shows|outperforms|surpasses|yields|obtains|attains|delivers|improves|reduces|"
                      r"is|are|has|runs|reaches|offers|provides|enables|remains)\b")
_FIGURE_NEXT = re.compile(r"\s*[\d,.]+")
_NEW_CLAUSE = re.compile(r",\s+(?:allowing|enabling|making|leading|resulting|yielding|which|while|whereas|where|and then)\b")  # "665x over X, allowing Y"
_LISTED = re.compile(r"[A-Z][\w\-.]*(?:\s+[A-Z][\w\-.]*)*\s*,\s*")  # names in a list
_CLAUSE_COLON = re.compile(r":(?!\d)")  # a colon ends the clause; "2:4 pruning" does not
_PAREN = re.compile(r"\([^()]*\)")
_BASELINE_AFTER = re.compile(r"\s*(?:baselines?|and other baselines)\b")
_BASELINE_BEFORE = re.compile(r"\b(?:baselines?|compared)\s*(?:\(|,|:)?\s*$", re.I)
_SETTING = re.compile(r"(?:^|[,;]\s*)(?:on|for|in)\s+(?:the\s+)?(?:[\w\-]+\s+){0,3}$", re.I)
_RESULT = re.compile(r"\b(?:achiev\w*|surpass\w*|improv\w*|boost\w*|reach\w*|obtain\w*|exhibit\w*)\b|\d%", re.I)
#: a name the paper does without: "requiring no post-hoc pruning", "without model parallelism", "unlike AR modeling"
_NEGATED = re.compile(r"\b(?:without|requir\w* no|needs? no|no need for|no|nor|unlike|not (?:require|need|rely on|use)\w*|"
                      r"instead of|avoid(?:s|ing)?|orthogonal (?:and complementary )?to|compl[ie]mentary to)\s+"
                      r"(?:(?!our\b|we\b)[\w\-]+,?\s+){0,8}?(?:(?:such as|like|e\.g\.,?)\s+)?$", re.I)  # "without X, Y, or Z"
#: what the text only likens something to: "akin to recurrent states in RNNs", "similar to the processing in Transformers"
_LIKENED = re.compile(r"\b(?:akin|analogous|similar) to\s+(?:(?:the|a|an)\s+)?(?:[\w\-]+\s+){0,4}?$", re.I)
#: "our code is available as part of the AIRS library", "integrated into PyTorch": where it ships, not what it uses
_RELEASED_IN = re.compile(r"\b(?:available (?:as part of|in|within)|integrated into|released (?:as part of|in))"
                          r"\s+(?:the\s+|both\s+)?$")
#: "in less than a day on one machine using TensorFlow": a use cue nearer the name than the comparison
_USED_AFTER = re.compile(r"\b(?:using|with the help of|implemented (?:in|with)|written in)\s+(?:the\s+)?$")
#: a name right after "on", past other words since the comparison cue, is the setting of the comparison
_SETTING_ON = re.compile(r"(?<!\bbased)(?<!\bbuilt)(?<!\brelies)(?<!\brely)(?<!\brelying)(?<!\bdepends)(?<!\btrained)\s+on $")
CLAUSE = 80  # characters a comparison cue reaches forward
FIRST_PERSON = re.compile(r"\b(?:we|our|us|this (?:paper|work|study)|the proposed|ours)\b", re.I)


@lru_cache(maxsize=256)
def first_person(sentence: str) -> bool:
    """True when the sentence speaks of the paper itself (``FIRST_PERSON``); cached, rules.py asks too."""
    return FIRST_PERSON.search(sentence) is not None


@lru_cache(maxsize=256)
def background(sentence: str) -> bool:
    """True when the sentence holds a background cue (``BACKGROUND``); cached, rules.py asks too."""
    return BACKGROUND.search(sentence) is not None


@lru_cache(maxsize=256)
def _sentence_cues(sentence: str) -> tuple[bool, bool, bool]:
    """Sentence-wide cues, the same for every name in it: first person, background, a result."""
    return first_person(sentence), background(sentence), _RESULT.search(sentence) is not None


@lru_cache(maxsize=256)
def _may_compare(sentence: str) -> bool:
    """False only when no ``sentence[:pos] + "X"`` can hold a comparison cue, for any ``pos``.

    The literal prefilter of ``COMPARE`` (kg/extract/fastre.py) answers for the whole sentence; a literal
    in a prefix plus "X" lies in the sentence unless it ends on the "X", which none does (checked here).
    """
    return not _compare_literals_safe() or COMPARE.possible(sentence)


@lru_cache(maxsize=1)
def _compare_literals_safe() -> bool:
    """True when ``COMPARE`` is prefiltered and none of its literals ends on an "x" (else: no shortcut)."""
    lits = (getattr(COMPARE, "required", None) or frozenset()) | (getattr(COMPARE, "first", None) or frozenset())
    return bool(lits) and not any(lit[-1:] in ("x", "X") for lit in lits)


def method_relation(sentence: str, pos: int, scene: bool = True, model: bool = False) -> str:
    """``compares-to``, ``builds-on`` or ``mentions`` for a method named at ``pos`` in ``sentence``.

    ``scene`` says the sentence comes before the paper first speaks of itself; only there does a
    background cue ("recent works such as") make a mere mention. ``model``: the name is a model, which a
    setting ("On Llama-2-7B, we achieve ...") names as what the method is applied to.
    """
    before = sentence[:pos]
    first, background, result = _sentence_cues(sentence)
    if scene and background and not first:
        return "mentions"  # "Recent works such as RetNet ... outperform Transformers": their comparison, not ours
    compare = [m for m in COMPARE.finditer(before + "X") if m.end() <= pos + 1
               and not _FIGURE_NEXT.match(sentence, m.end()) and m.group(0).strip() != "X"] \
        if _may_compare(sentence) else []
    if compare and not before.rstrip().endswith((" our", " Our")):  # "compared to our Triton implementation"
        gap = _PAREN.sub("", sentence[compare[-1].end():pos])  # citations do not widen the gap
        cue = compare[-1].group(0)
        if "%" in cue:
            near = not gap.strip()  # "95% of Mamba quality"
        elif cue.strip().lower() == "over":
            # "gains over X", not "reward over utterances, and X" nor "training over an AWS cluster"
            near = len(gap) < 30 and "," not in gap and not gap.lstrip().lower().startswith(("a ", "an "))
        else:
            near = len(_LISTED.sub("", gap)) < CLAUSE  # "outstrip X, including A, B, C, D and E": the list reaches
        if near and cue[:2].lower() == "in" and (" that " in gap or " which " in gap):
            near = False  # "in contrast to other studies that assess ChatGPT": what they did, not the rival
        if near and gap.endswith(" on ") and _SETTING_ON.search(gap):
            near = False  # "beats QuaRot and SpinQuant on Llama-3-70B", "3x speedup on GPT-2": where, not whom
        if near and ";" not in gap and not _CLAUSE_COLON.search(gap) and not _NEW_CLAUSE.search(gap) \
                and not _USED_AFTER.search(gap) and not (gap.rstrip().endswith(",") and _SUBJECT.match(sentence, pos)):
            return "compares-to"
    if _BASELINE_AFTER.match(sentence, pos) or _BASELINE_BEFORE.search(before[-25:]):
        return "compares-to"
    if _NEGATED.search(before[-70:]) or " to " in before[-45:] and _LIKENED.search(before[-45:]) \
            or ("available" in before or "into" in before or "released" in before) and _RELEASED_IN.search(before[-40:]):
        return "mentions"
    if background and not first and (scene or pos < 40 and not USE.search(sentence)):
        return "mentions"
    if result and not model and _SETTING.search(before):
        return "mentions"  # "On vision-language contrastive learning, we achieve 88.3%": a setting, not a tool
    use = [m for m in USE.finditer(before)]
    if (use and pos - use[-1].end() < 80) or (first and USE.search(sentence[pos:pos + 60])):
        return "builds-on"
    return "builds-on-default"
