"""Loader for arXiv API Atom XML (``export.arxiv.org/api/query`` results).

Each ``<entry>`` gives ``title``, ``summary``, ``author/name``, ``published``
and an ``id`` like ``http://arxiv.org/abs/2312.00752v2``. Parsing streams with
``iterparse`` so a large export never sits in memory whole.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Iterator

from kg.ingest.common import arxiv_id, find_urls, iso_date
from kg.model import Paper, Problem, Source

NAME = "arxiv-atom"
ATOM = "{http://www.w3.org/2005/Atom}"


def sniff(head: str, name: str = NAME) -> bool:
    """XML with an Atom feed."""
    s = head.lstrip("\ufeff \t\r\n")
    return s.startswith("<") and "http://www.w3.org/2005/Atom" in head


def _text(el, tag: str) -> str:
    found = el.find(ATOM + tag)
    return " ".join((found.text or "").split()) if found is not None else ""


def load(path: Path, options, fmt: str = NAME) -> Iterator[Paper | Problem]:
    """Stream ``<entry>`` elements as papers."""
    src = str(path)
    n = 0
    try:
        for _event, el in ET.iterparse(path, events=("end",)):
            if el.tag != ATOM + "entry":
                continue
            n += 1
            title, summary = _text(el, "title"), _text(el, "summary")
            source = Source(src, n)
            if not title or not summary:
                yield Problem(source, f"entry {n} has no {'title' if not title else 'summary'}; skipped")
            else:
                links = [l.get("href", "") for l in el.findall(ATOM + "link") if l.get("rel") == "related"]
                authors = tuple(_text(a, "name") for a in el.findall(ATOM + "author"))
                yield Paper(title=title, abstract=summary, source=source, arxiv_id=arxiv_id(_text(el, "id")),
                            authors=authors, author_count=len(authors) or None,
                            published=iso_date(_text(el, "published")),
                            urls=find_urls(" ".join(links) + " " + summary))
            el.clear()
    except ET.ParseError as e:
        yield Problem(Source(src, e.position[0]), f"XML is malformed ({e}); entries after this point skipped")
