"""Loader for plain JSON and JSON Lines paper records.

Each record needs ``title`` and ``abstract`` (``summary`` is accepted too).
Known optional fields are kept: ``arxiv_id``/``id``, ``authors`` (names or
``{"name": ...}`` objects), ``author_count``, ``organization``,
``published``/``date``, ``upvotes``, ``url``/``github``/``project_page``/
``urls``, ``keywords``. A JSON file may hold one object or a list of them.
Bad lines are reported with their line number and skipped.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator

from kg.ingest.common import arxiv_id, find_urls, iso_date
from kg.model import Paper, Problem, Source

NAME = "jsonl"


def sniff(head: str, name: str = NAME) -> bool:
    """JSON Lines when the text starts with ``{``; JSON when it starts with ``[`` or ``{``."""
    s = head.lstrip("\ufeff \t\r\n")
    if name == "json":
        return s.startswith("[")
    return s.startswith("{")


def _str(v) -> str:
    return v.strip() if isinstance(v, str) else ""


def _names(authors) -> tuple[str, ...]:
    out = []
    for a in authors or ():
        n = a.get("name") if isinstance(a, dict) else a
        if isinstance(n, str) and n.strip():
            out.append(n.strip())
    return tuple(out)


def _int(v) -> int | None:
    return v if isinstance(v, int) and not isinstance(v, bool) else None


def record_to_paper(rec, source: Source) -> Paper | Problem:
    """Build a :class:`Paper` from one JSON object, or say what is missing."""
    if not isinstance(rec, dict):
        return Problem(source, f"expected a JSON object, found {type(rec).__name__}; skipped")
    title = " ".join(_str(rec.get("title")).split())
    abstract = " ".join((_str(rec.get("abstract")) or _str(rec.get("summary"))).split())
    if not title:
        return Problem(source, "record has no 'title'; skipped")
    if not abstract:
        return Problem(source, f"record {title[:60]!r} has no 'abstract' (or 'summary'); skipped")
    org = rec.get("organization")
    org_name = org.get("fullname") or org.get("name") if isinstance(org, dict) else _str(org) or None
    org_slug = org.get("name") if isinstance(org, dict) else None
    meta_urls = [rec.get(k) for k in ("url", "github", "githubRepo", "project_page", "projectPage", "code")]
    meta_urls += list(rec.get("urls") or [])
    urls = find_urls(" ".join(u for u in meta_urls if isinstance(u, str)) + " " + abstract)
    authors = _names(rec.get("authors"))
    return Paper(
        title=title, abstract=abstract, source=source,
        arxiv_id=arxiv_id(rec.get("arxiv_id") or rec.get("arxiv") or rec.get("id")),
        authors=authors, author_count=_int(rec.get("author_count")) or (len(authors) or None),
        organization=org_name or None, organization_slug=org_slug,
        published=iso_date(rec.get("published") or rec.get("publishedAt") or rec.get("date")),
        upvotes=_int(rec.get("upvotes")), urls=urls,
        keywords=tuple(k for k in rec.get("keywords") or rec.get("ai_keywords") or () if isinstance(k, str)),
    )


def load(path: Path, options, fmt: str = NAME) -> Iterator[Paper | Problem]:
    """Stream records: line by line for JSONL, whole-file for JSON."""
    src = str(path)
    if fmt == "json":
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError) as e:
            line = getattr(e, "lineno", 1)
            yield Problem(Source(src, line), f"not valid JSON: {e}")
            return
        for i, rec in enumerate(data if isinstance(data, list) else [data], 1):
            yield from _convert(rec, Source(src, i))
        return
    with open(path, "rb") as f:
        for no, raw in enumerate(f, 1):
            if not raw.strip():
                continue
            if len(raw) > options.max_record_bytes:
                yield Problem(Source(src, no), f"line is {len(raw) / 1e6:.1f} MB, over the "
                              f"{options.max_record_bytes / 1e6:.1f} MB limit for one record; skipped")
                continue
            try:
                rec = json.loads(raw)
            except (json.JSONDecodeError, UnicodeDecodeError) as e:
                yield Problem(Source(src, no), f"not valid JSON ({e.msg if hasattr(e, 'msg') else e}); skipped")
                continue
            yield from _convert(rec, Source(src, no))


def _convert(rec, source: Source) -> Iterator[Paper | Problem]:
    # A JSONL line may hold a Daily Papers API entry too.
    if isinstance(rec, dict) and isinstance(rec.get("paper"), dict):
        from kg.ingest.hf_api import entry_to_paper
        yield entry_to_paper(rec, source)
    else:
        yield record_to_paper(rec, source)
