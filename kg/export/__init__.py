"""Exporters: one module per target, each with ``NAME``, ``DEFAULT`` and ``write(graph, out_dir)``.

``write`` returns the paths it wrote, writing each file atomically. Modules
are imported only when used, so heavy libraries (rdflib, neo4j, pyvis) load
only for the formats asked for.
"""
from __future__ import annotations

import importlib
from pathlib import Path

from kg.errors import ConfigError

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


def export(graph, out_dir: str | Path, formats: list[str] | None = None) -> dict[str, list[Path]]:
    """Write ``graph`` in each format into ``out_dir``; return the paths per format."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    return {name: exporter(name).write(graph, out) for name in (formats or default_formats())}
