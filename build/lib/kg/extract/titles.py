"""What a title introduces: "ParaRNN: ...", "... with Sarathi-Serve", "MetaFormer Is ...", a Title-Case title.

A paper that names its contribution only in its title still introduces it (see
``../shared/gold/GUIDELINES.md``). These functions read the title (and, where a
Title-Case phrase could be a slogan, check that the abstract uses it as a name).
"""
from __future__ import annotations

import re

from kg.extract.entities import DATASET_END, DATASET_NOUNS, NOT_NAMES, Mention, coinages, is_plain_words
from kg.extract.naming import LEAD, PROBLEM_END, TITLE_WORD, plausible_name


def title_tool(title: str, abstract: str = "") -> Mention | None:
    """A new name a title ends on after "with/via/using": "... Tradeoff in LLM Inference with Sarathi-Serve".

    A Title-Case phrase counts when the abstract writes it the same way, capitals and all.

    >>> title_tool("Boosting Parallel Training Efficiency with C4: A Communication-Driven Approach").name
    'C4'
    >>> title_tool("Fast Generation with Eager Zorb Decoding", "we study Eager Zorb Decoding, which ...").name
    'Eager Zorb Decoding'
    """
    m = re.search(r"\b(?:with|via|using|by)\s+([A-Z][\w\-+.]*[A-Za-z0-9])\s*(?::|$)", title)
    if m and (coinages(m.group(1)) or re.fullmatch(r"[A-Z]+\d+", m.group(1))):
        return Mention(m.group(1), "Method", m.start(1), m.end(1), proposed=True, source="title")
    m = _TITLE_TAIL.search(title)
    if m and ":" not in title and re.search(rf"(?<!\. )(?<=[a-z,\-] ){re.escape(m.group(1))}\b", abstract) and \
            m.group(1) not in NOT_NAMES and not PROBLEM_END.search(m.group(1)):
        return Mention(m.group(1), "Method", m.start(1), m.end(1), proposed=True, source="title")
    return None


_TITLE_TAIL = re.compile(r"\b(?:with|via|using|by)\s+((?:[A-Z][a-z][\w\-]*\s+){1,3}[A-Z][a-z][\w\-]*)$")


def title_prefix(title: str) -> Mention | None:
    """The name a title introduces before its colon: ``ParaRNN: Unlocking ...``.

    >>> title_prefix("ParaRNN: Unlocking Parallel Training of Nonlinear RNNs").name
    'ParaRNN'
    >>> title_prefix("Lossless Compression with Probabilistic Circuits") is None
    True
    """
    m = re.match(r"^\s*([^:]{1,50}?)(?:\s*:|\s+(?:--|—|–))\s+\S", title)  # "ParaRNN: ...", "ProSper -- ..."
    if not m:
        return None
    name = m.group(1).strip()
    words = name.split()
    if len(words) > 4 and (lead := re.match(r"(\S+(?: \S+){0,2}) (?:with|for|via) ", name)) and coinages(lead.group(1)):
        name, words = lead.group(1), lead.group(1).split()  # "Streaming DiLoCo with overlapping communication: ..."
    if len(words) > 4 or not any(c.isupper() for c in name):
        return None
    if len(words) >= 3 and words[0].endswith("ing") and words[0][1:].islower():
        return None  # "Dissecting Multiplication in Transformers: ...": a gerund phrase, not a name
    if any(w.lower() in ("meet", "meets", "is", "are", "vs", "versus") for w in words):
        return None  # "Transformers Meet ACT-R: ...": a sentence, not a name
    if is_plain_words(name) and " " in name and (not all(w[0].isupper() for w in words)
                                                  or len(words) >= 3 and not plausible_name(name)):
        return None  # "Just read twice: ...", "Lookahead When It Matters: ..." are phrases, not names
    rest = title[m.end() - 1:]
    if re.match(rf"\W*(?:(?:an?|the)\s+)?(?:[\w\-]+\s+){{0,6}}{DATASET_NOUNS}\b", rest, re.I) and \
            not re.search(r"\b(?:method|framework|model|platform|and)\b", rest.split(" for ")[0], re.I):
        typ = "Dataset"
    elif re.search(r"\b(?:language models?|foundation model|pre-?trained|LLMs? for|code models?)\b", rest, re.I) and \
            not re.search(r"\b(?:training|decoding|inference|serving|framework|system|via|with)\b", rest, re.I):
        typ = "Model"
    else:
        typ = "Method"
    return Mention(name, typ, 0, len(name), proposed=True, source="title")


_TITLE_SUBJECT = re.compile(r"([A-Z][a-z]+[A-Z][A-Za-z0-9]*|[a-z]+[A-Z][A-Za-z0-9]*)\s+(?:Is|Are|is|are)\s")


def title_subject(title: str, abstract: str) -> Mention | None:
    """A CamelCase coinage a title opens with as its subject, when the abstract uses it: "MetaFormer Is ...".

    >>> title_subject("ZorbFormer Is Actually What You Need for Vision", "we argue that ZorbFormer is key").name
    'ZorbFormer'
    """
    m = _TITLE_SUBJECT.match(title)
    if not m or m.group(1) not in abstract:
        return None
    return Mention(m.group(1), "Method", 0, m.end(1), proposed=True, source="title")


def title_name(title: str, abstract: str) -> Mention | None:
    """A short Title-Case title that is itself the name, when the abstract uses it as a name.

    >>> title_name("Discrete Key-Value Bottleneck", "We study the discrete key-value bottleneck here.").name
    'Discrete Key-Value Bottleneck'
    >>> title_name("Lossless Compression with Probabilistic Circuits", "Lossless compression with ...") is None
    True
    >>> title_name("Radial Zorb Diffusion for Grounding", "Our method is Radial Zorb Diffusion (RZD), which ...").name
    'Radial Zorb Diffusion'
    """
    if ":" in title:
        return None
    lead = re.match(r"(.+?)\s+(?:for|with|via|using|through|in|on)\s+[A-Za-z]", title)
    for name, own in ((title, r"\b(?:the|our|a|an)\s+{}\b"), (lead and lead.group(1), r"\b(?:our\s+{}|{}\s*\()")):
        words = name.split() if name else []
        if not 2 <= len(words) <= 5 or not all(TITLE_WORD.match(w) for w in words):
            continue
        if name is not title and (LEAD.match(name) or PROBLEM_END.search(name)):
            continue  # "Efficient ConvBN Blocks for ...", "Streaming Video Question-Answering with ...": no name
        if re.search(own.format(*[re.escape(name)] * own.count("{}")), abstract, re.I):
            typ = "Dataset" if DATASET_END.search(name) else "Method"
            return Mention(name, typ, 0, len(name), proposed=True, source="title")
    return None
