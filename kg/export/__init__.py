"""Exporters: one module per target, each with ``NAME``, ``DEFAULT`` and ``write(graph, out_dir)``.

``write`` returns the paths it wrote, writing each file atomically. Modules
are imported only when used, so heavy libraries (rdflib, neo4j, pyvis) load
only for the formats asked for.
"""
from __future__ import annotations

import importlib
import os
from pathlib import Path

from kg.errors import ConfigError, ExportError

#: format name -> module. ``kg build`` writes every format whose module has DEFAULT = True.
EXPORTERS: dict[str, str] = {
    "json": "kg.export.json",
    "graphml": "kg.export.graphml",
    "rdf": "kg.export.rdf",  # graph.nt, graph.ttl, graph.jsonld, context.jsonld
    "html": "kg.export.html",  # explorer.html (offline, self-contained)
    "neo4j": "kg.export.neo4j",  # neo4j/import.cypher (cypher-shell), neo4j/*.csv (neo4j-admin import)
}


def exporter(name: str):
    """The exporter module for a format name."""
    try:
        return importlib.import_module(EXPORTERS[name])
    except KeyError:
        raise ConfigError(f"unknown export format {name!r}",
                          hint="choose from: " + ", ".join(EXPORTERS)) from None


def default_formats() -> list[str]:
    """Formats ``kg build`` writes when none are named."""
    return [n for n in EXPORTERS if getattr(exporter(n), "DEFAULT", False)]


#: With more than one job, the heaviest export runs in a forked process beside the others:
#: RDF on graphs of at least this many nodes, the explorer (its layout) on smaller ones.
PARALLEL_MIN_NODES = 50_000


def export(graph, out_dir: str | Path, formats: list[str] | None = None, jobs: int = 1) -> dict[str, list[Path]]:
    """Write ``graph`` in each format into ``out_dir``; return the paths per format.

    With ``jobs > 1`` the heaviest export (RDF on big graphs, the explorer's layout on small
    ones) runs in a forked child that shares the graph copy-on-write, while this process
    writes the other formats. The files are the same either way.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    names = list(formats or default_formats())
    heavy = "rdf" if len(graph) >= PARALLEL_MIN_NODES else "html"
    if jobs > 1 and heavy in names and len(names) > 1 and hasattr(os, "fork"):
        return _export_forked(graph, out, names, heavy)
    return {name: exporter(name).write(graph, out) for name in names}


def _export_forked(graph, out: Path, names: list[str], heavy: str) -> dict[str, list[Path]]:
    import multiprocessing as mp

    ctx = mp.get_context("fork")
    receive, send = ctx.Pipe(duplex=False)

    def child() -> None:  # runs in the fork: the graph is already in memory
        try:
            send.send(("ok", [str(p) for p in exporter(heavy).write(graph, out)]))
        except BaseException as e:  # report, never hang the parent
            send.send(("error", f"{type(e).__name__}: {e}"))

    proc = ctx.Process(target=child, name=f"kg-export-{heavy}")
    proc.start()
    result = {name: exporter(name).write(graph, out) for name in names if name != heavy}
    proc.join()
    status, payload = receive.recv() if receive.poll() else ("error", f"child exited with code {proc.exitcode}")
    if status != "ok":
        raise ExportError(f"{heavy} export failed: {payload}", hint="run again with -j 1 to see the full traceback")
    result[heavy] = [Path(p) for p in payload]
    return {name: result[name] for name in names}
