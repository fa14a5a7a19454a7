"""Node-link JSON (``graph.json``), the contract every other tool reads.

Top-level ``nodes`` and ``links`` as networkx's node-link format; each node has
``id``, ``type``, ``name``, ``aliases``; each link ``source``, ``target``,
``rel``, ``evidence``, ``extractor`` and optionally ``claim``. Keys and lists
are sorted, so the same graph always gives the same bytes.
"""
from __future__ import annotations

import json
from itertools import islice
from json.encoder import c_make_encoder, encode_basestring
from pathlib import Path

from kg.atomic import atomic_open
from kg.export import edges_of, nodes_of

NAME = "json"
DEFAULT = True
FILENAME = "graph.json"


def write(graph, out_dir: Path) -> list[Path]:
    """Write ``out_dir/graph.json``."""
    path = Path(out_dir) / FILENAME
    dumps = _dumps()
    with atomic_open(path) as f:
        f.write('{"directed": true, "multigraph": true, "graph": {"name": "kg"}')
        # streamed one node / link per line: diff-friendly, and no second copy of the graph in memory
        links = ({**e, "key": e["rel"]} for e in edges_of(graph))
        for key, items in (("nodes", iter(nodes_of(graph))), ("links", links)):
            f.write(f',\n"{key}": [\n')
            sep = ""
            while batch := list(islice(items, BATCH)):  # one write per batch of lines
                f.write(sep + ",\n".join(map(dumps, batch)))
                sep = ",\n"
            f.write("\n]")
        f.write("}\n")
    return [path]


BATCH = 512  # lines per write: small enough for the joined text to stay in the CPU caches


def _dumps():
    """``json.dumps(obj, sort_keys=True, ensure_ascii=False)``, with the C encoder made once, not per call."""
    default = json.JSONEncoder().default  # raises TypeError for what JSON cannot hold
    if c_make_encoder is None:  # no C speedups: the plain encoder
        return json.JSONEncoder(sort_keys=True, ensure_ascii=False).encode
    enc = c_make_encoder(None, default, encode_basestring, None, ": ", ", ", True, False, True)
    return lambda obj: "".join(enc(obj, 0))


def read(path: str | Path):
    """Read a ``graph.json`` back into a :class:`~kg.graph.KnowledgeGraph`."""
    from kg.graph import KnowledgeGraph
    return KnowledgeGraph.read_json(path)
