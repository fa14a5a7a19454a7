"""Tasks a paper addresses: task names from the title first, then the opening sentences (at most three)."""
from __future__ import annotations

import json
import re
from functools import lru_cache

from kg.extract.vocabulary import ONTOLOGY, Entry, Vocabulary

MAX_TASKS = 3
_FOR = re.compile(r"\bfor\s+((?:[A-Za-z][\w\-]*\s+){0,4}?[A-Za-z][\w\-]*?(?:ing|tion|sion|ment|sis|ance|ence|"
                  r"ation|ization|generation|modeling|modelling|recognition|segmentation|detection|"
                  r"classification|compression|inference|training|prediction|retrieval|translation|search|"
                  r"completion|reasoning|understanding|simplification|forecasting|serving))\b", re.I)


@lru_cache(maxsize=1)
def task_vocabulary() -> Vocabulary:
    """Papers with Code task names (2-5 words) from the gazetteer, matched case-insensitively."""
    vocab = Vocabulary()
    with open(ONTOLOGY / "gazetteer.jsonl", encoding="utf-8") as f:
        for line in f:
            if '"type": "Task"' in line:
                name = json.loads(line)["name"]
                if 2 <= len(name.split()) <= 5:
                    vocab.add(Entry("Task", name.lower(), (), (), "pwc"), mode="ci", curated=False)
    return vocab


def find_tasks(title: str, sentences: list[str]) -> list[tuple[str, str]]:
    """``[(task, evidence sentence)]``: known task names in the title, then "for X-ing" phrases, then the abstract.

    >>> find_tasks("ParaTransCNN: Parallelized Encoder for Medical Image Segmentation", [])
    [('medical image segmentation', 'ParaTransCNN: Parallelized Encoder for Medical Image Segmentation')]
    """
    vocab = task_vocabulary()
    out: dict[str, str] = {}
    for text in [title] + sentences[:2]:
        for m in vocab.find(text):
            name = m.entry.name
            if len(out) < MAX_TASKS and not any(name in o or o in name for o in out):
                out[name] = text
        if text is title:
            for m in _FOR.finditer(title):
                phrase = m.group(1).lower()
                if len(out) < MAX_TASKS and not any(phrase in o or o in phrase for o in out):
                    out[phrase] = title
    return list(out.items())[:MAX_TASKS]
