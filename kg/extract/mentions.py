"""Mention-level helpers of the rule extractor: typing by coordination, own subjects, the paper's own names again.

- :func:`type_by_coordination`: names listed with a dataset are datasets ("on GSM8K, MBPP and Zorb").
- :func:`fill_lists`: a capitalised name listed between two known names of one type is one too ("Vicuna, Koala and Alpaca").
- :func:`own_subject`: a new name standing as the subject of a claim ("ZorbNet achieves ...") is the paper's.
- :func:`local_candidates`: the paper's own (and context-found) names, matched again in every sentence.
- :func:`redefine`: a short form the paper defines as something else than the known entry means the paper's thing.
"""
from __future__ import annotations

import copy
import re

from kg.extract.entities import DATASET_NOUNS, Mention
from kg.resolve import match_key


_SUBJECT_VERB = re.compile(
    r"^\s*(?:\([^)]{1,20}\)\s*)?(?:also\s+|further\s+|then\s+|thus\s+|consistently\s+|significantly\s+)?"
    r"(?:achieves?|outperforms?|reduces?|improves?|enables?|yields?|delivers?|attains?|reaches|obtains?|"
    r"surpasses|exceeds|accelerates|speeds up|provides|offers|allows|is able|can|consists|comprises|uses|"
    r"employs|leverages|learns|introduces|combines|trains|generates|predicts|makes|decouples|supports|"
    r"matches|maintains|demonstrates|shows|exhibits|requires)\b", re.I)


def own_subject(sentence: str, m) -> bool:
    """A new name standing as the subject of a claim ("ParaRNN achieves ...", "Our X reduces ...")."""
    before = sentence[:m.start].strip().lower()
    return (before in ("", "our", "the proposed", "our proposed", "specifically,", "overall,", "moreover,",
                       "furthermore,", "notably,", "empirically,", "experimentally,", "in addition,")
            and bool(_SUBJECT_VERB.match(sentence[m.end:])))


_COORD = re.compile(r"\s*,?\s*(?:(?:and|or)\s+)?")


_IN_DATASET_BRACKET = re.compile(rf"\b{DATASET_NOUNS}\s*\((?:e\.g\.,?\s*|such as\s+|including\s+)?[^()]*$", re.I)


def type_by_coordination(sentence: str, mentions: list[Mention]) -> None:
    """An unknown name listed next to a known dataset is a dataset: "LibriTTS, VCTK, AISHELL and ...".

    One listed next to a known model is a model: "Llama-2, MPT, Falcon".

    So is one in brackets after the word: "parallel datasets (FLORES-200 and Bible)".
    """
    for i, m in enumerate(mentions):
        if m.type != "Method" or m.source not in ("coinage", "acronym") or m.proposed:
            continue
        typ = "Dataset" if _IN_DATASET_BRACKET.search(sentence, max(0, m.start - 80), m.start) else next(
            (n.type for n in mentions[max(0, i - 1):i] + mentions[i + 1:i + 2] if _listed_with(sentence, m, n)), None)
        if typ:
            m = mentions[i] = copy_mention(m)  # the caller's candidates stay as they were
            m.type = typ
            m.flags.add("listed")


_LIST_GAP = re.compile(r"\s*,\s*((?:[A-Z][\w\-.]*(?:\s+[A-Z][\w\-.]*){0,2})(?:(?:\s*,\s*|\s+(?:and|or)\s+)"
                       r"[A-Z][\w\-.]*(?:\s+[A-Z][\w\-.]*){0,2}){0,3})(?:\s*,\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+)")
_LIST_SEP = re.compile(r"\s*,\s*|\s+(?:and|or)\s+")
_FILLED_TYPES = ("Model", "Method", "Dataset")


def fill_lists(sentence: str, mentions: list[Mention]) -> list[Mention]:
    """Capitalised names listed between two known names of one type, typed like them.

    >>> known = [Mention("Vicuna", "Model", 17, 23, flags={"vocab"}), Mention("Alpaca", "Model", 35, 41, flags={"vocab"})]
    >>> [(m.name, m.type) for m in fill_lists("Zorb outperforms Vicuna, Koala and Alpaca.", known)]
    [('Koala', 'Model')]
    """
    out: list[Mention] = []
    for a, b in zip(mentions, mentions[1:]):
        typ = a.type if a.type == b.type or "vocab" in a.flags and b.source in ("coinage", "acronym") else \
            b.type if "vocab" in b.flags and a.source in ("coinage", "acronym") else None
        if typ not in _FILLED_TYPES or "weak" in a.flags or "weak" in b.flags:
            continue  # "Whisper, Seamless, OWSM": a known model and a coinage type the gap as models
        gap = _LIST_GAP.fullmatch(sentence, a.end, b.start)
        if gap is None:
            continue
        at = gap.start(1)
        for name in _LIST_SEP.split(gap.group(1)):
            start = sentence.find(name, at)
            out.append(Mention(name, typ, start, start + len(name), source="listed", flags={"listed"}))
            at = start + len(name)
    return out + _list_tail(sentence, mentions)


#: "including MyStyle, Paint by Example, and Custom Diffusion": Title-Case items after a known name in an examples list
_EXAMPLES_BEFORE = re.compile(r"\b(?:including|such as|like|e\.g\.,?)\s+$")
_TITLE_WORD = r"[A-Z][\w\-]*(?:\.[\w\-]+)*"
_TITLE_ITEM = rf"{_TITLE_WORD}(?:\s+(?:(?:by|of|for|in|on|with|to)\s+)?{_TITLE_WORD}){{0,3}}"
_LIST_TAIL = re.compile(rf"(?:\s*,\s*(?!and\b|or\b){_TITLE_ITEM})*\s*,?\s+(?:and|or)\s+{_TITLE_ITEM}(?=\s*[.;)]|$)")


def _list_tail(sentence: str, mentions: list[Mention]) -> list[Mention]:
    """The Title-Case items listed after a known name that opens an examples list, typed like it.

    >>> known = [Mention("MyStyle", "Method", 37, 44, flags={"vocab"})]
    >>> [m.name for m in _list_tail("PVA beats several methods, including MyStyle, Paint by Example, and Custom Diffusion.", known)]
    ['Paint by Example', 'Custom Diffusion']
    """
    out: list[Mention] = []
    for m in mentions:
        if m.type not in _FILLED_TYPES or "weak" in m.flags or not _EXAMPLES_BEFORE.search(sentence, max(0, m.start - 12), m.start):
            continue
        tail = _LIST_TAIL.match(sentence, m.end)
        if tail is None:
            continue
        at = m.end
        for name in re.findall(_TITLE_ITEM, tail.group(0)):
            start = sentence.find(name, at)
            at = start + len(name)
            if not any(n.start <= start < n.end for n in mentions):
                out.append(Mention(name, m.type, start, at, source="listed", flags={"listed"}))
        break
    return out


def _listed_with(sentence: str, m: Mention, n: Mention) -> bool:
    """``m`` stands next to the known dataset or model ``n`` in a list ("VCTK, AISHELL and ...", "Llama-2, MPT")."""
    gap = sentence[min(m.end, n.end):max(m.start, n.start)]
    return n.type in ("Dataset", "Model") and "vocab" in n.flags and bool(gap.strip()) and _COORD.fullmatch(gap) is not None


def copy_mention(m: Mention) -> Mention:
    """A copy of a mention that can change without changing the original (rare: merges and retyping)."""
    c = copy.copy(m)
    c.flags = set(m.flags)
    return c


def local_candidates(sentence: str, local: tuple[str, ...], types: dict | None = None) -> list[Mention]:
    """Every whole-word occurrence of the paper's own names in a sentence (``types``: a name's type, else Method)."""
    cands: list[Mention] = []
    for name in local:  # as re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])"), with no pattern to compile
        i = sentence.find(name) if name else -1
        while i >= 0:
            end = i + len(name)
            if (i == 0 or not _word_char(sentence[i - 1])) and (end == len(sentence) or not _word_char(sentence[end])):
                cands.append(Mention(name, types.get(name, "Method") if types else "Method", i, end, source="local"))
                i = sentence.find(name, end)
            else:
                i = sentence.find(name, i + 1)
    return cands


def _word_char(c: str) -> bool:
    r"""What ``[\w-]`` matches."""
    return c.isalnum() or c in "_-"


def _other_expansion(m: Mention, long: str) -> bool:
    """True when the known entry spells out its short form with none of the words of ``long``."""
    words = {w for w in re.split(r"[\s\-]+", long.lower()) if len(w) > 2}
    spelled = [f for f in (m.name,) + m.aliases if " " in f]
    return bool(spelled) and not any(words & set(re.split(r"[\s\-]+", f.lower())) for f in spelled)


def redefine(sentences: list[str], per_sentence: list[list[Mention]]) -> None:
    """A short form the paper defines means that here: "video quality assessment (VQA)" is not the VQA dataset."""
    defined = {m.aliases[0]: m for ms in per_sentence for m in ms
               if m.source in ("acronym", "introduced", "named") and m.aliases}
    if not defined:
        return
    for sent, ms in zip(sentences, per_sentence):
        for m in ms:
            d = defined.get(sent[m.start:m.end])
            if d is not None and m.source == "vocab" and match_key(m.name) != match_key(d.name) and \
                    (d.type == "Task" != m.type or _other_expansion(m, d.name)):
                m.name, m.type, m.aliases, m.source = d.name, d.type, d.aliases, "acronym"
                m.flags.discard("weak")
                m.flags.discard("vocab")


def initials_of(names) -> dict[str, str]:
    """The upper-case initials of each multi-word name, when they could be a short form of it.

    >>> sorted(initials_of({"parallel prompt decoding", "Ring Self-Attention"}).items())
    [('PPD', 'parallel prompt decoding'), ('RSA', 'Ring Self-Attention')]
    """
    out: dict[str, str] = {}
    for name in sorted(names):
        words = [w for w in re.split(r"[\s\-]+", name) if w]
        key = "".join(w[0] for w in words).upper()
        if 2 <= len(key) <= 6 and len(words) == len(key) and all(w[0].isalpha() for w in words):
            out.setdefault(key, name)
    return out


def known_parts(name: str) -> list[str]:
    """Runs of one to three words or hyphen parts of a compound name, longest first, not the whole.

    >>> known_parts("permuted-FlashAttention")
    ['permuted', 'FlashAttention']
    >>> known_parts("Blockwise Flow Matching")[:2]
    ['Blockwise Flow', 'Flow Matching']
    """
    words = name.replace("-", " ").split()
    if len(words) == 2 and words[1].lower() in _KIND_PLURALS:
        return []  # "Hydra LLMs" is the paper's Hydra, not the listed one
    return [" ".join(words[i:i + n]) for n in (3, 2, 1) if n < len(words) for i in range(len(words) - n + 1)]


_KIND_PLURALS = {"llm", "llms", "model", "models", "network", "networks", "framework", "system", "method", "net"}
