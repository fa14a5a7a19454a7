"""Sentence splitting tuned for abstracts (keeps "e.g.", "et al.", "vs.", "2.5x" intact)."""
from __future__ import annotations

import re
from functools import lru_cache

_ABBREV = ("e.g", "i.e", "et al", "etc", "vs", "cf", "Fig", "Eq", "resp", "approx", "al", "Sec", "No")
_PROTECT = re.compile(r"\b(" + "|".join(re.escape(a) for a in _ABBREV) + r")\.", re.I)
_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9(\"'“])")


@lru_cache(maxsize=64)  # the metadata and rule extractors split the same abstract one after the other
def _split(text: str) -> tuple[str, ...]:
    protected = _PROTECT.sub(lambda m: m.group(1) + "\x00", text)
    return tuple(p.replace("\x00", ".").strip() for p in _SPLIT.split(protected) if p.strip())


def split_sentences(text: str) -> list[str]:
    """Split an abstract into sentences.

    >>> split_sentences("We use LLaMA, e.g. LLaMA-2. It runs 2.5x faster than X et al. on A100. Done!")
    ['We use LLaMA, e.g. LLaMA-2.', 'It runs 2.5x faster than X et al. on A100.', 'Done!']
    """
    return list(_split(text))
