"""Node-link JSON (``graph.json``), the contract every other tool reads.

Top-level ``nodes`` and ``links`` as networkx's node-link format; each node has
``id``, ``type``, ``name``, ``aliases``; each link ``source``, ``target``,
``rel``, ``evidence``, ``extractor`` and optionally ``claim``. Keys and lists
are sorted, so the same graph always gives the same bytes.
"""
from __future__ import annotations

import json
from pathlib import Path

from kg.atomic import atomic_open
from kg.export import edges_of, nodes_of

NAME = "json"
DEFAULT = True
FILENAME = "graph.json"


def write(graph, out_dir: Path) -> list[Path]:
    """Write ``out_dir/graph.json``."""
    path = Path(out_dir) / FILENAME
    dumps = json.JSONEncoder(sort_keys=True, ensure_ascii=False).encode
    with atomic_open(path) as f:
        f.write('{"directed": true, "multigraph": true, "graph": {"name": "kg"}')
        # streamed one node / link per line: diff-friendly, and no second copy of the graph in memory
        links = ({**e, "key": e["rel"]} for e in edges_of(graph))
        for key, items in (("nodes", nodes_of(graph)), ("links", links)):
            f.write(f',\n"{key}": [\n')
            for i, item in enumerate(items):
                f.write((",\n" if i else "") + dumps(item))
            f.write("\n]")
        f.write("}\n")
    return [path]


def read(path: str | Path):
    """Read a ``graph.json`` back into a :class:`~kg.graph.KnowledgeGraph`."""
    from kg.graph import KnowledgeGraph
    return KnowledgeGraph.read_json(path)
