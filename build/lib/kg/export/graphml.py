"""GraphML (``graph.graphml``) for Gephi, yEd, Cytoscape and networkx users.

Written by a streaming writer (networkx's builds the whole XML tree in memory,
which does not scale to millions of edges). GraphML holds only scalar
attributes, so lists (aliases, sources) are joined with `` | `` and claims are
stored as JSON text. Edges carry their relation as the GraphML edge id, which
networkx reads back as the multigraph key.
"""
from __future__ import annotations

import json
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from kg.atomic import atomic_open
from kg.export import edges_of, nodes_of

NAME = "graphml"
DEFAULT = True
FILENAME = "graph.graphml"
_SKIP = {"id", "source", "target"}


def _scalar(v):
    if isinstance(v, list):
        return " | ".join(map(str, v))
    if isinstance(v, dict):
        return json.dumps(v, sort_keys=True, ensure_ascii=False)
    return v


def _gtype(v) -> str:
    if isinstance(v, bool):
        return "boolean"
    if isinstance(v, int):
        return "long"
    if isinstance(v, float):
        return "double"
    return "string"


def _keys(items) -> dict[str, str]:
    """Attribute name -> GraphML type over all items (a type that varies falls back to string)."""
    types: dict[str, str] = {}
    for item in items:
        for k, v in item.items():
            if k in _SKIP or v is None:
                continue
            t = _gtype(_scalar(v))
            types[k] = t if types.get(k, t) == t else "string"
    return dict(sorted(types.items()))


def _text(v, gtype: str) -> str:
    v = _scalar(v)
    if gtype == "boolean":
        return "true" if v else "false"
    return escape(str(v))


def write(graph, out_dir: Path) -> list[Path]:
    """Write ``out_dir/graph.graphml`` (two passes over the graph: attribute keys, then elements)."""
    node_keys = _keys(nodes_of(graph))
    edge_keys = _keys(edges_of(graph))
    path = Path(out_dir) / FILENAME
    with atomic_open(path) as f:
        f.write("<?xml version='1.0' encoding='utf-8'?>\n"
                '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
                'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
                'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
                'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n')
        for scope, keys, prefix in (("node", node_keys, "n_"), ("edge", edge_keys, "e_")):
            for k, t in keys.items():
                f.write(f'  <key id={quoteattr(prefix + k)} for="{scope}" attr.name={quoteattr(k)} '
                        f'attr.type="{t}" />\n')
        f.write('  <graph edgedefault="directed">\n')
        for n in nodes_of(graph):
            parts = [f"    <node id={quoteattr(n['id'])}>\n"]
            parts += [f'      <data key="n_{k}">{_text(n[k], t)}</data>\n'
                      for k, t in node_keys.items() if n.get(k) is not None]
            parts.append("    </node>\n")
            f.write("".join(parts))
        for e in edges_of(graph):
            parts = [f"    <edge source={quoteattr(e['source'])} target={quoteattr(e['target'])} "
                     f"id={quoteattr(e['rel'])}>\n"]
            parts += [f'      <data key="e_{k}">{_text(e[k], t)}</data>\n'
                      for k, t in edge_keys.items() if e.get(k) is not None]
            parts.append("    </edge>\n")
            f.write("".join(parts))
        f.write("  </graph>\n</graphml>\n")
    return [path]


def read(path: str | Path):
    """Read ``graph.graphml`` as a networkx MultiDiGraph (lists stay joined strings)."""
    import networkx as nx
    return nx.read_graphml(path, force_multigraph=True)
