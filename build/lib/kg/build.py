"""``kg build``: ingest, extract, resolve, assemble the graph and export it.

:func:`build_graph` streams papers from the inputs, extracts them (in worker
processes when the corpus is large), resolves entities and returns a
:class:`~kg.graph.KnowledgeGraph` plus a :class:`BuildReport`. :func:`build`
also writes the exports. Order is preserved end to end, so the same input
always gives the same graph and byte-identical files.
"""
from __future__ import annotations

import gc
import os
import time
from collections import deque
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Callable, Iterable, Iterator

from kg.errors import InputError
from kg.extract import extract_paper
from kg.graph import KnowledgeGraph
from kg.ingest import IngestOptions, expand_paths, read_papers
from kg.model import Entity, Evidence, Extraction, Paper, Problem
from kg.resolve import Resolver

#: Below this much input, extraction runs in-process (a pool costs more than it saves).
PARALLEL_MIN_BYTES = 4 << 20
CHUNK = 128
WINDOW = 8192  # papers in flight at once in parallel extraction
FREEZE_EVERY = 4096  # papers between moves of the growing graph out of the collector's reach


@dataclass
class BuildReport:
    """What a build read, skipped, made and wrote."""

    papers_read: int = 0
    problems: list[Problem] = field(default_factory=list)
    outputs: dict[str, list[Path]] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def skipped(self) -> list[Problem]:
        return [p for p in self.problems if p.skipped]


def _extract_all(papers: Iterable[Paper], jobs: int, parallel: bool) -> Iterator[tuple[Paper, list[tuple]]]:
    """``(paper, relation rows)`` per paper, in input order (rows as :func:`relation_rows` makes them)."""
    if not parallel or jobs <= 1:
        for paper in papers:
            yield paper, _relations(paper)
        return
    import multiprocessing as mp

    ctx = mp.get_context("fork" if "fork" in mp.get_all_start_methods() else "spawn")
    it = iter(papers)
    with ctx.Pool(jobs) as pool:
        # Pool.imap reads its whole input ahead; feeding it bounded windows keeps memory flat on huge
        # corpora. Two windows are in flight, so the workers start on the next while this one is drained.
        pending: deque = deque()
        while True:
            if window := list(islice(it, WINDOW)):
                # workers send back only the relations: the paper itself is already here
                pending.append((window, pool.imap(_relations, window, chunksize=CHUNK)))  # imap keeps order
            if not pending:
                return
            if len(pending) > 1 or not window:
                done, rows_of = pending.popleft()
                yield from zip(done, rows_of)


def relation_rows(extraction: Extraction) -> list[tuple]:
    """The relations of an extraction as plain tuples (they pickle ~7x faster than the dataclasses).

    A row is ``(rel, type, name, aliases, url, sentence, extractor, source, claim)``; ``claim`` is
    ``None`` or ``(text, value, unit, metric, direction)``; the assembly reads rows as they are.
    """
    return [(r.rel, r.target.type, r.target.name, r.target.aliases, r.target.url, r.evidence.sentence,
             r.evidence.extractor, r.evidence.source,
             None if r.claim is None else (r.claim.text, r.claim.value, r.claim.unit, r.claim.metric, r.claim.direction))
            for r in extraction.relations]


def _relations(paper: Paper) -> list[tuple]:
    """Worker entry point: the relations of one paper, as rows (see :func:`relation_rows`)."""
    return relation_rows(extract_paper(paper))


class Assembler:
    """Adds papers and their relation rows to a graph, resolving the targets: the loop of a build.

    Works on the rows directly (no :class:`Relation` is rebuilt), and adds each distinct target
    (type, name, aliases, url) to the graph once: resolving and adding it again would change nothing.
    """

    def __init__(self, graph: KnowledgeGraph, resolver: Resolver) -> None:
        self.graph, self.resolver = graph, resolver
        self._arxiv_nodes: dict[str, str] = {}
        self._known: dict[tuple, str] = {}  # (type, name, aliases, url) -> node id, already in the graph

    def add(self, paper: Paper, rows: Iterable[tuple]) -> None:
        """Add one paper and its relations."""
        graph, known = self.graph, self._known
        pid = own = paper.node_id
        if paper.arxiv_id:  # the same arXiv id under a different title is the same paper
            pid = self._arxiv_nodes.setdefault(paper.arxiv_id, pid)
        if pid != own:
            paper = _retitle(paper, graph.node(pid)["title"])
        graph.add_paper(paper)
        add_edge = graph.add_edge_values
        for row in rows:
            key = row[1:5]
            tid = known.get(key)
            if tid is None:
                target = Entity(*key)
                tid = known[key] = graph.add_entity(target, self.resolver.resolve(target))
            if tid != pid:
                add_edge(pid, row[0], tid, row[5], row[6], row[7], row[8])


def _taxonomy_edges(graph: KnowledgeGraph, resolver: Resolver) -> None:
    """Add ``is-a`` edges from the curated vocabulary for entities in the graph."""
    from kg.extract.vocabulary import load_vocabulary

    vocab = load_vocabulary()
    # Only the few entities with parents, in id order (as a pass over graph.nodes() would take them).
    found = sorted((nid, name, parents) for nid, type_, name in graph.entity_names()
                   if (parents := vocab.parents(type_, name)))
    for nid, name, parents in found:
        for parent in parents:
            pid = graph.add_entity(parent, resolver.resolve(parent))
            if pid != nid:
                graph.add_edge(nid, "is-a", pid, Evidence(
                    f"{name} is a {parent.name} (curated taxonomy)", "taxonomy/1", "ontology/vocabulary.yaml"))


def build_graph(inputs: Iterable[str | os.PathLike], fmt: str | None = None, jobs: int | None = None,
                options: IngestOptions = IngestOptions(),
                progress: Callable[[int], None] | None = None) -> tuple[KnowledgeGraph, BuildReport]:
    """Read ``inputs`` and return the knowledge graph and a report.

    ``progress`` is called with the number of papers done so far.
    """
    report = BuildReport()
    graph, resolver = KnowledgeGraph(), Resolver()
    jobs = jobs or os.cpu_count() or 1
    inputs = list(inputs)
    # A worker pool costs more than it saves on small corpora: go parallel past a few MB of input.
    size = sum(p.stat().st_size for p in expand_paths(inputs) if isinstance(p, Path))
    parallel = jobs > 1 and size >= PARALLEL_MIN_BYTES

    def papers_only() -> Iterator[Paper]:
        for rec in read_papers(inputs, fmt, options):
            if isinstance(rec, Problem):
                report.problems.append(rec)
            else:
                report.papers_read += 1
                yield rec

    t1 = time.perf_counter()
    assembler = Assembler(graph, resolver)
    for done, (paper, rows) in enumerate(_extract_all(papers_only(), jobs, parallel), 1):
        assembler.add(paper, rows)
        if done % FREEZE_EVERY == 0:
            gc.freeze()  # the graph only grows: spare the collector from walking it again and again
        if progress and done % 64 == 0:
            progress(done)
    if progress:
        progress(report.papers_read)
    report.timings["ingest+extract+resolve"] = time.perf_counter() - t1
    _taxonomy_edges(graph, resolver)
    if report.papers_read == 0:
        raise InputError("no papers could be read from the inputs",
                         hint="check the paths and formats; the problems above say what was wrong with each file")
    return graph, report


def _retitle(paper: Paper, title: str) -> Paper:
    from dataclasses import replace
    return replace(paper, title=title)


def build(inputs: Iterable[str | os.PathLike], out_dir: str | os.PathLike, formats: list[str] | None = None,
          fmt: str | None = None, jobs: int | None = None, options: IngestOptions = IngestOptions(),
          progress: Callable[[int], None] | None = None) -> tuple[KnowledgeGraph, BuildReport]:
    """Build the graph from ``inputs`` and write the exports into ``out_dir``."""
    from kg.export import export, exporter

    for name in formats or ():
        exporter(name)  # an unknown format fails now, not after the whole corpus is extracted
    graph, report = build_graph(inputs, fmt, jobs, options, progress)
    t = time.perf_counter()
    report.outputs = export(graph, out_dir, formats, jobs=jobs or os.cpu_count() or 1)
    report.timings["export"] = time.perf_counter() - t
    return graph, report
