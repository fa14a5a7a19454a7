"""Sentence splitting tuned for abstracts (keeps "e.g.", "et al.", "vs.", "2.5x" intact)."""
from __future__ import annotations

import re
from functools import lru_cache

_ABBREV = ("e.g", "i.e", "et al", "etc", "vs", "cf", "Fig", "Eq", "resp", "approx", "al", "Sec", "No")
_PROTECT = re.compile(r"\b(" + "|".join(re.escape(a) for a in _ABBREV) + r")\.", re.I)
#: a full stop right after an abbreviation: every ``_PROTECT`` match ends on one. Its search visits only full
#: stops, where ``_PROTECT``'s visits nearly every word (most start like some abbreviation): the gate before it.
_ABBREV_STOP = re.compile("(?:" + "|".join(rf"(?<=\b{re.escape(a)})" for a in _ABBREV) + r")\.", re.I)
#: the spaces after a sentence's last mark, the mark kept as a group: the search visits the marks, not every space
_SPLIT = re.compile(r"([.!?])\s+(?=[A-Z0-9(\"'“])")


@lru_cache(maxsize=64)  # the metadata and rule extractors split the same abstract one after the other
def _split(text: str) -> tuple[str, ...]:
    if _ABBREV_STOP.search(text):
        text = _PROTECT.sub(lambda m: m.group(1) + "\x00", text)
    parts = _SPLIT.split(text)  # [sentence, its mark, sentence, its mark, ..., the last sentence]
    parts = [a + b for a, b in zip(parts[0::2], parts[1::2])] + parts[-1:]
    return tuple(p.replace("\x00", ".").strip() for p in parts if p.strip())


def split_sentences(text: str) -> list[str]:
    """Split an abstract into sentences.

    >>> split_sentences("We use LLaMA, e.g. LLaMA-2. It runs 2.5x faster than X et al. on A100. Done!")
    ['We use LLaMA, e.g. LLaMA-2.', 'It runs 2.5x faster than X et al. on A100.', 'Done!']
    """
    return list(_split(text))
