"""What an introduction lists: the parts of the paper's own thing, and the forms of a counted kind.

- :func:`listed_parts`: "comprising a X loss and a Y strategy", "(i) a X, (ii) a Y".
- :func:`kinds_listed`: "we introduce three forms of composition: sequential, parallel, and model
  composition".
- ``GENERIC_PLURAL`` / ``LISTED_PARTS``: "several innovations, including A and B" (read by
  :func:`kg.extract.introductions.introduced_names`).
"""
from __future__ import annotations

import re

from kg.extract.entities import Mention, common_words
from kg.extract.naming import FUNCTION_WORDS, SET_OF, descriptive

#: "several important innovations", "three techniques": a count of parts the sentence then lists
GENERIC_PLURAL = re.compile(r"\b(?:several|two|three|four|five|multiple|various|a few|a set of|a series of)\s+(?:[\w\-]+\s+)?"
                             r"(?:innovations|techniques|components|optimizations|optimisations|strategies|modules|"
                             r"mechanisms|improvements|enhancements|designs|methods)\s*$", re.I)
LISTED_PARTS = re.compile(r"\s*(?:,\s*(?:including|such as|namely)|:)\s+([^.;()]{3,160})")
_PARTS_CUE = re.compile(r"\b(?:comprising|consisting of|consists of|composed of|made up of)\s+(?:(?:two|three|four|"
                        r"several|the following)\s+(?:[\w\-]+\s+)?(?:parts|components|modules|stages|steps)\s*:?\s*)?"
                        r"|\((?:i|1)\)\s+")
PARTS_HINTS = ("compris", "consist", "composed of", "made up of", "(i)", "(1)")
_ENUMERATOR = re.compile(r"\s*(?:,\s*)?(?:and\s+)?\((?:i{1,3}|iv|v|vi|[1-6])\)\s*")


def listed_parts(sentence: str, out: list[Mention]) -> list[Mention]:
    """The described parts of the paper's own thing: "comprising a X loss and a Y strategy", "(i) a X, (ii) a Y".

    >>> [m.name for m in listed_parts("We propose Zorb, comprising a motion zorb loss and an appearance prior strategy.", [])]
    ['motion zorb loss', 'appearance prior']
    """
    found: list[Mention] = []
    for cue in _PARTS_CUE.finditer(sentence):
        rest = sentence[cue.end():]
        rest = rest[:min((i for i in (rest.find(";"), rest.find(". ")) if i >= 0), default=len(rest))]
        enumerated = cue.group(0).startswith("(") or _ENUMERATOR.match(rest)
        parts = _ENUMERATOR.split(rest) if enumerated else re.split(r",\s*(?:and\s+)?|\s+and\s+", rest)
        pos = cue.end()
        for part in parts[:6]:
            part = SET_OF.sub("", re.split(r"\s+(?:that|which|to|for|with|by|in|on)\s", part.strip(" ,.;"))[0])
            if not part or part[0].isupper() and part.split()[0].lower() in common_words():
                continue  # "(1) When extending ...": an observation, not a part
            name = descriptive(part)
            start = sentence.find(name, pos) if name else -1
            if start < 0 or any(m.start <= start < m.end for m in out):
                continue
            found.append(Mention(name, "Method", start, start + len(name), proposed=True, source="introduced"))
            pos = start + len(name)
    return found


#: "we introduce three forms of composition ...: sequential, parallel, and model composition": each listed form
_KINDS_OF = re.compile(r"(?:(?:a|an|the)\s+)?(?:two|three|four|five|several|multiple)\s+(?:new\s+|novel\s+)?"
                       r"(?:forms|variants|kinds|types|versions|modes|variations)\s+of\s+((?:[\w\-]+\s+){0,2}?[\w\-]+)\b")
_LIST_START = re.compile(r"[^.;:]{0,60}?(?::\s*|,\s*(?=\((?:i|1)\)))")


def kinds_listed(sentence: str, at: int) -> list[Mention]:
    """The listed forms of a counted kind right after a propose cue, each a name of its own.

    A bare modifier takes the kind's head noun: "sequential" of "forms of composition" is "sequential composition".

    >>> [m.name for m in kinds_listed("we introduce three forms of composition: sequential, parallel, and model composition.", 13)]
    ['sequential composition', 'parallel composition', 'model composition']
    >>> [m.name for m in kinds_listed("we propose two variants of X modules, (i) zorb gating and (ii) quux pooling.", 11)]
    ['zorb gating', 'quux pooling']
    """
    kind = _KINDS_OF.match(sentence, at)
    start = _LIST_START.match(sentence, kind.end()) if kind else None
    if not start:
        return []
    rest = sentence[start.end():]
    rest = rest[:min((i for i in (rest.find(";"), rest.find(". ")) if i >= 0), default=len(rest))].rstrip(" .")
    enumerated = _ENUMERATOR.match(rest)
    parts = [p for p in _ENUMERATOR.split(rest) if p.strip()] if enumerated else re.split(r",\s*(?:and\s+)?|\s+and\s+", rest)
    head = kind.group(1).split()[-1]
    head = head[:-1] if head.endswith("s") and not head.endswith("ss") else head
    found: list[Mention] = []
    pos = start.end()
    for part in parts[:6]:
        part = re.split(r"\s+(?:that|which|to|for|with|by|in|on)\s", part.strip(" ,.;"))[0].strip(" ,.;")
        words = part.split()
        if not 0 < len(words) <= 6 or '"' in part or words[0].lower() in FUNCTION_WORDS \
                or sum(w.lower() in FUNCTION_WORDS for w in words) > 1 \
                or part[0].isupper() and words[0].lower() in common_words():
            if enumerated:
                continue  # "(iii) a longer description": the other items still name forms
            return []  # not a list of names after all
        at_ = sentence.find(part, pos)
        name = part if " " in part or enumerated else f"{part} {head}"
        found.append(Mention(name, "Method", at_, at_ + len(part), proposed=True, source="introduced"))
        pos = at_ + len(part)
    return found if len(found) >= 2 else []
