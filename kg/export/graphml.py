"""GraphML (``graph.graphml``) for Gephi, yEd, Cytoscape and networkx users.

GraphML holds only scalar attributes, so lists (aliases, sources) are joined
with `` | `` and claims are stored as JSON text.
"""
from __future__ import annotations

import json
from pathlib import Path

from kg.atomic import atomic_open

NAME = "graphml"
DEFAULT = True
FILENAME = "graph.graphml"


def _flat(d: dict) -> dict:
    out = {}
    for k, v in d.items():
        if k in ("id", "source", "target"):
            continue
        if isinstance(v, list):
            v = " | ".join(map(str, v))
        elif isinstance(v, dict):
            v = json.dumps(v, sort_keys=True, ensure_ascii=False)
        out[k] = v
    return out


def write(graph, out_dir: Path) -> list[Path]:
    """Write ``out_dir/graph.graphml``."""
    import networkx as nx

    g = nx.MultiDiGraph()
    for n in graph.nodes():
        g.add_node(n["id"], **_flat(n))
    for e in graph.edges():
        g.add_edge(e["source"], e["target"], key=e["rel"], **_flat(e))
    path = Path(out_dir) / FILENAME
    with atomic_open(path, "wb", encoding=None) as f:
        nx.write_graphml_xml(g, f, encoding="utf-8", prettyprint=True, named_key_ids=True)
    return [path]


def read(path: str | Path):
    """Read ``graph.graphml`` as a networkx MultiDiGraph (lists stay joined strings)."""
    import networkx as nx
    return nx.read_graphml(path, force_multigraph=True)
