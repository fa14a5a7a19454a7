"""Ingest: turn input files into :class:`~kg.model.Paper` records, one loader per format.

A loader is a module with ``NAME``, ``sniff(head: str) -> bool`` and
``load(path, options) -> Iterator[Paper | Problem]``; it is registered in
:data:`LOADERS`. :func:`read_papers` walks files and folders, picks each
file's loader by content sniffing (or ``fmt``), and streams records.
"""
from __future__ import annotations

import importlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from kg.errors import InputError
from kg.model import Paper, Problem, Source

#: format name -> module implementing it (imported lazily). Order is sniffing order.
LOADERS: dict[str, str] = {
    "hf-api": "kg.ingest.hf_api",
    "jsonl": "kg.ingest.jsonl",
    "json": "kg.ingest.jsonl",
    "arxiv-atom": "kg.ingest.arxiv_atom",
    "hf-listing": "kg.ingest.hf_listing",
}

#: Longest line or record a text loader accepts, in bytes.
MAX_RECORD_BYTES = 1 << 20
SNIFF_BYTES = 64 * 1024
INPUT_SUFFIXES = {".txt", ".json", ".jsonl", ".ndjson", ".xml", ".atom", ".md"}


@dataclass(frozen=True)
class IngestOptions:
    """Settings every loader may read."""

    year: int | None = None  # year for year-less dates in listings (default: inferred)
    max_record_bytes: int = MAX_RECORD_BYTES


def loader(fmt: str):
    """Return the loader module for a format name, or raise :class:`InputError`."""
    try:
        return importlib.import_module(LOADERS[fmt])
    except KeyError:
        raise InputError(f"unknown input format {fmt!r}",
                         hint="choose one of: " + ", ".join(sorted(LOADERS))) from None


def expand_paths(paths: Iterable[str | os.PathLike]) -> list[Path | Problem]:
    """Files named directly plus input-looking files inside folders, sorted.

    A path that does not exist becomes a :class:`Problem` in the list.
    """
    out: list[Path | Problem] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in INPUT_SUFFIXES
                              and not any(part.startswith(".") for part in f.relative_to(p).parts)))
        elif p.exists():
            out.append(p)
        else:
            out.append(Problem(Source(str(p), 0), "no such file or folder"))
    return out


def sniff(path: Path, head: bytes) -> str | Problem:
    """Pick a format from a file's first bytes, or explain why none fits."""
    if not head.strip():
        return Problem(Source(str(path), 1), "file is empty")
    if b"\x00" in head[:8192]:
        return Problem(Source(str(path), 1), "file looks binary (it contains NUL bytes), not a paper listing")
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError as e:
        if e.start < len(head) - 4:  # not just a multi-byte char cut by the sniff window
            line = head[:e.start].count(b"\n") + 1
            return Problem(Source(str(path), line), "file is not UTF-8 text (binary or another encoding)")
        text = head[:e.start].decode("utf-8")
    for name, modname in LOADERS.items():
        if importlib.import_module(modname).sniff(text, name):
            return name
    return Problem(Source(str(path), 1), "no loader recognises this file's content")


def read_papers(paths: Iterable[str | os.PathLike], fmt: str | None = None,
                options: IngestOptions = IngestOptions()) -> Iterator[Paper | Problem]:
    """Stream papers (and problems) from files and folders.

    Problems are yielded, not raised, so one bad file never stops a build.
    """
    for path in expand_paths(paths):
        if isinstance(path, Problem):
            yield path
            continue
        try:
            with open(path, "rb") as f:
                head = f.read(SNIFF_BYTES)
        except OSError as e:  # vanished, unreadable, a directory...: report it and go on
            yield Problem(Source(str(path), 0), f"cannot read file: {e.strerror or e}")
            continue
        chosen = fmt or sniff(path, head)
        if isinstance(chosen, Problem):
            yield chosen
            continue
        found = False
        try:
            for rec in loader(chosen).load(path, options, chosen):
                found = found or isinstance(rec, Paper)
                yield rec
        except OSError as e:
            yield Problem(Source(str(path), 0), f"cannot read file: {e.strerror or e}")
            continue
        if not found:
            yield Problem(Source(str(path), 1), f"no paper records found (read as {chosen})")
