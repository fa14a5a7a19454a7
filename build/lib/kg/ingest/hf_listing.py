"""Loader for text copied from a Hugging Face "Daily Papers" page.

An entry is a title line, an abstract paragraph, and optionally a metadata
block::

    ParallelBench: Understanding the Trade-offs ...      <- title
    While most autoregressive LLMs are ...               <- abstract
    furiosa-ai FuriosaAI      (or "  • 5 authors")       <- organisation / author count
    ·
    Oct 6 2                   (date, then upvotes)

Entries with and without metadata are mixed freely. Page chrome
("Get trending papers...", "Subscribe", "Daily Papers", the listing date) is
skipped. **Year rule:** a date without a year ("Oct 6") belongs to the
listing's year. That year is ``--year`` when given; otherwise it is inferred
as one more than the latest explicit year on the same page (Hugging Face
omits the year only for the current year, and writes it for every older
date). A page with no explicit year at all keeps year-less dates as
``--MM-DD``.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator

from kg.ingest.common import find_urls, month_day
from kg.model import Paper, Problem, Source

NAME = "hf-listing"
CHROME = {
    "new", "get trending papers in your email inbox!", "subscribe", "daily papers",
    "byak and the research community", "trending papers", "submit", "search",
}
_MONTH = r"(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
DATE = re.compile(rf"^{_MONTH} (\d{{1,2}})(?:, (\d{{4}}))?(?: (\d+))?$")
AUTHORS = re.compile(r"^•?\s*(\d+) authors?$")
DOT = "·"
ORG = re.compile(r"^([\w.\-]+) (\S.{0,120})$")
YEAR = re.compile(rf"^{_MONTH} \d{{1,2}}, (\d{{4}})")
TITLE_MAX = 300  # characters; a longer line is prose


def sniff(head: str, name: str = NAME) -> bool:
    """Plain text (not JSON or XML): the fallback format."""
    s = head.lstrip("\ufeff \t\r\n")
    return bool(s) and s[0] not in "{[<"


def _looks_like_title(line: str) -> bool:
    return len(line) <= TITLE_MAX and not line.endswith(".")


def _infer_year(path: Path) -> int | None:
    years = []
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            m = YEAR.match(line.strip())
            if m:
                years.append(int(m.group(2)))
    return max(years) + 1 if years else None


class _Entry:
    __slots__ = ("title", "line", "abstract", "meta")

    def __init__(self, title: str, line: int):
        self.title, self.line, self.abstract, self.meta = title, line, [], {}


def load(path: Path, options, fmt: str = NAME) -> Iterator[Paper | Problem]:
    """Stream papers from one listing page."""
    year = options.year or _infer_year(path)
    src = str(path)
    entry: _Entry | None = None
    pending_org: tuple[int, str] | None = None
    seen_entry = False

    def finish(e: _Entry | None, truncated: bool = False) -> Iterator[Paper | Problem]:
        if e is None:
            return
        if not e.abstract:
            why = "truncated entry: title at end of file with no abstract" if truncated else "title with no abstract"
            yield Problem(Source(src, e.line), f"{why} ({e.title[:60]!r}); skipped")
            return
        abstract = " ".join(e.abstract)
        if truncated and not abstract.rstrip().endswith((".", "!", "?", ")")) and not e.meta:
            yield Problem(Source(src, e.line), "last entry looks truncated (abstract ends mid-sentence); kept as is",
                          skipped=False)
        m = e.meta
        yield Paper(title=e.title, abstract=abstract, source=Source(src, e.line),
                    author_count=m.get("authors"), organization=m.get("org"), organization_slug=m.get("org_slug"),
                    published=m.get("date"), upvotes=m.get("upvotes"), urls=find_urls(abstract))

    with open(path, "rb") as f:
        lines = [(i, raw) for i, raw in enumerate(f, 1)]  # bytes per line; decoded lazily below
    # Look one text line ahead: an organisation line is only known by the "·" after it.
    for idx, (no, raw) in enumerate(lines):
        if len(raw) > options.max_record_bytes:
            yield Problem(Source(src, no), f"line is {len(raw) / 1e6:.1f} MB, over the "
                          f"{options.max_record_bytes / 1e6:.1f} MB limit for one record; skipped")
            continue
        line = raw.decode("utf-8", errors="replace").strip()
        if not line:
            continue
        low = line.lower()
        if low in CHROME and (entry is None or entry.abstract):
            continue
        if m := AUTHORS.match(line):
            if entry and entry.abstract:
                entry.meta["authors"] = int(m.group(1))
            continue
        if line == DOT:
            if pending_org and entry and entry.abstract:
                slug, name = pending_org[1].split(" ", 1)
                entry.meta["org"], entry.meta["org_slug"] = name.strip(), slug
            pending_org = None
            continue
        if m := DATE.match(line):
            d = month_day(m.group(1), int(m.group(2)), int(m.group(3)) if m.group(3) else year)
            if entry and entry.abstract:
                entry.meta["date"] = d
                if m.group(4):
                    entry.meta["upvotes"] = int(m.group(4))
                yield from finish(entry)
                entry = None
            # a date before any entry is the listing date: chrome
            continue
        nxt = _next_text(lines, idx)
        if nxt == DOT and ORG.match(line) and entry and entry.abstract:
            pending_org = (no, line)
            continue
        if entry is None:
            entry, seen_entry = _Entry(line, no), True
        elif not entry.abstract:
            if _looks_like_title(line) and len(line) < 200 and nxt is not None and not _looks_like_title(nxt):
                yield from finish(entry)  # the previous title had no abstract
                entry = _Entry(line, no)
            else:
                entry.abstract.append(line)
        elif _looks_like_title(line):
            yield from finish(entry)
            entry = _Entry(line, no)
        else:
            entry.abstract.append(line)  # a second abstract paragraph
    yield from finish(entry, truncated=True)
    if not seen_entry:
        yield Problem(Source(src, 1), "no recognisable paper entries (only page chrome or metadata)")


def _next_text(lines, idx: int) -> str | None:
    for _, raw in lines[idx + 1: idx + 6]:
        s = raw[:4096].decode("utf-8", errors="replace").strip()
        if s:
            return s
    return None
