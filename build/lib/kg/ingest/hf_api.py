"""Loader for JSON saved from the Hugging Face papers API (``/api/daily_papers``).

The file is a list of entries, each with a nested ``paper`` object holding
``id`` (the arXiv id), ``title``, ``summary``, ``authors`` (objects with
``name``), ``publishedAt``, ``upvotes`` and optionally ``githubRepo``,
``projectPage``, ``organization`` and ``ai_keywords``. Every field but title
and summary is optional. Entries may also be bare ``paper`` objects.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Iterator

from kg.ingest.jsonl import record_to_paper
from kg.model import Paper, Problem, Source

NAME = "hf-api"


def sniff(head: str, name: str = NAME) -> bool:
    """A JSON list whose first entry has a ``"paper"`` object."""
    s = head.lstrip("\ufeff \t\r\n")
    return s.startswith("[") and re.match(r'\[\s*\{\s*"(paper|title|publishedAt|thumbnail|submittedBy)"', s) is not None \
        and '"paper"' in s[:4096]


def entry_to_paper(entry: dict, source: Source) -> Paper | Problem:
    """Flatten one API entry (``{"paper": {...}, ...}``) into a :class:`Paper`."""
    p = entry.get("paper") if isinstance(entry.get("paper"), dict) else entry
    rec = dict(p)
    rec["abstract"] = p.get("summary") or p.get("abstract")
    rec["arxiv_id"] = p.get("id")
    rec.setdefault("title", entry.get("title"))
    rec["published"] = p.get("publishedAt") or entry.get("publishedAt")
    org = p.get("organization") or entry.get("organization")
    rec["organization"] = org
    return record_to_paper(rec, source)


def load(path: Path, options, fmt: str = NAME) -> Iterator[Paper | Problem]:
    """Read the whole JSON list (API responses are small) and convert each entry."""
    src = str(path)
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        yield Problem(Source(src, getattr(e, "lineno", 1)), f"not valid JSON: {e}")
        return
    if not isinstance(data, list):
        data = [data]
    for i, entry in enumerate(data, 1):
        if not isinstance(entry, dict):
            yield Problem(Source(src, i), f"entry {i} is not a JSON object; skipped")
            continue
        yield entry_to_paper(entry, Source(src, i))
