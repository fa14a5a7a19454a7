"""Offline HTML explorer: one self-contained file around vis-network, assembled with pyvis.

pyvis builds the node, edge and option lists; the page itself is our own
template (``kg/export/assets``) with vis-network's JS and CSS inlined from
the copy pyvis ships, so the file works with no network at all. Layout is
computed in Python (:mod:`kg.export.layout`) and physics is off, so even a
2,000-node view draws at once. Graphs above ``MAX_NODES`` get an overview
(top entities by degree and their papers) that says what it leaves out.

Every string from the input is embedded as JSON inside
``<script type="application/json">`` with ``<``, ``>`` and ``&`` escaped, and
the page puts it on screen with ``textContent`` only.
"""
from __future__ import annotations

import heapq
import html
import json
import math
import re
from collections import Counter
from itertools import chain
from importlib import resources
from pathlib import Path

from kg.atomic import write_text
from kg.export import views_shared

NAME = "html"
DEFAULT = True
FILENAME = "explorer.html"
MAX_NODES = 2000
ENTITY_SHARE = 4  # an overview spends 1/ENTITY_SHARE of its budget on entities

#: node type -> (colour, vis-network shape, legend glyph)
TYPE_STYLE = {
    "Paper": ("#4e79a7", "dot", "\u25cf"),
    "Method": ("#f28e2b", "diamond", "\u25c6"),
    "Model": ("#e15759", "triangle", "\u25b2"),
    "Hardware": ("#76b7b2", "square", "\u25a0"),
    "Dataset": ("#59a14f", "star", "\u2605"),
    "Repo": ("#9c755f", "triangleDown", "\u25bc"),
    "Organization": ("#b07aa1", "hexagon", "\u2b22"),
    "Task": ("#edc948", "dot", "\u25cf"),
}
PAPER_KEYS = ("title", "published", "organization", "abstract", "url", "arxiv_id", "upvotes", "author_count")
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def write(graph, out_dir) -> list[Path]:
    """Write ``explorer.html`` (an overview if the graph is bigger than ``MAX_NODES``)."""
    path = Path(out_dir) / FILENAME
    ids, note = select_view(graph)
    write_text(path, render(graph, ids, note))
    return [path]


def write_ego(graph, center: str, path, depth: int = 2, max_nodes: int = MAX_NODES) -> Path:
    """Write an explorer of the ``depth``-hop neighbourhood of node ``center``."""
    ids, note = ego_view(graph, center, depth, max_nodes)
    name = graph.node(center)["name"]
    write_text(Path(path), render(graph, ids, note, title=f"kg explorer: {name} ({depth} hops)", focus=center))
    return Path(path)


def select_view(graph, max_nodes: int = MAX_NODES) -> tuple[list[str], str]:
    """The node ids to draw and a note saying what was left out ("" if nothing)."""
    total = len(graph)
    if total <= max_nodes:
        return sorted(n["id"] for n in graph.nodes()), ""
    n_entities = max(1, max_nodes // ENTITY_SHARE)
    if views_shared(graph):  # during kg build: the degrees from one pass over the graph's edges
        degree = _degrees(graph)
        top = [nid for nid, _ in heapq.nsmallest(  # = sorted(...)[:n_entities], without sorting them all
            n_entities, ((nid, degree.get(nid, 0)) for nid, n in graph.node_attributes().items()
                         if n["type"] != "Paper"),
            key=lambda x: (-x[1], x[0]))]
    else:
        top = [nid for nid, _ in graph.top_entities(n_entities)]
        degree = None
    chosen = set(top)
    links = _paper_links(graph, chosen)
    papers = heapq.nsmallest(max_nodes - len(chosen), links, key=lambda p: (
        -links[p], -(graph.degree(p) if degree is None else degree.get(p, 0)), p))
    chosen.update(papers)
    note = (f"Overview: showing {len(chosen):,} of {total:,} nodes: the {len(top):,} most connected entities and "
            f"the {len(papers):,} papers most linked to them. For everything around one node, run "
            f"kg explore DIR --focus NAME --depth 2 -o view.html")
    return sorted(chosen), note


def _degrees(graph) -> Counter:
    """Node id -> degree (edges in and out, as ``graph.degree``) from one unsorted pass over the edges."""
    return Counter(chain.from_iterable(graph.edge_ends()))


def _paper_links(graph, entities: set[str]) -> dict[str, int]:
    """Paper id -> number of its edges to or from ``entities`` (papers with none left out)."""
    links: dict[str, int] = {}
    if views_shared(graph):  # during kg build: one pass over the edges (unsorted: the caller's order is total)
        paper = {nid for nid, n in graph.node_attributes().items() if n["type"] == "Paper"}
        for s, t in graph.edge_ends():
            if t in entities and s in paper:
                links[s] = links.get(s, 0) + 1
            if s in entities and t in paper:
                links[t] = links.get(t, 0) + 1
        return links
    for e in sorted(entities):
        for edge in list(graph.in_edges(e)) + list(graph.out_edges(e)):
            other = edge["source"] if edge["target"] == e else edge["target"]
            if graph.node(other)["type"] == "Paper":
                links[other] = links.get(other, 0) + 1
    return links


def ego_view(graph, center: str, depth: int = 2, max_nodes: int = MAX_NODES) -> tuple[list[str], str]:
    """Nodes within ``depth`` hops of ``center`` (either direction), nearest and best connected first."""
    layers = [[center]]
    seen = {center}
    for _ in range(depth):
        nxt = set()
        for nid in layers[-1]:
            for e in list(graph.out_edges(nid)) + list(graph.in_edges(nid)):
                other = e["target"] if e["source"] == nid else e["source"]
                if other not in seen:
                    nxt.add(other)
        seen |= nxt
        layers.append(sorted(nxt, key=lambda n: (-graph.degree(n), n)))
    ordered = [n for layer in layers for n in layer]
    name = graph.node(center)["name"]
    if len(ordered) <= max_nodes:
        return sorted(ordered), f"Neighbourhood of {name}: everything within {depth} hop(s)."
    return sorted(ordered[:max_nodes]), (
        f"Neighbourhood of {name}: showing {max_nodes:,} of the {len(ordered):,} nodes within {depth} hop(s), "
        f"nearest first, then the best connected. Raise --max-nodes or lower --depth to see the rest.")


def _vis_asset(name: str) -> str:
    """A file from the newest vis-network 9.x that pyvis ships."""
    lib = resources.files("pyvis") / "lib"
    versions = sorted((d.name for d in lib.iterdir() if d.name.startswith("vis-9")),
                      key=lambda v: tuple(int(x) for x in re.findall(r"\d+", v)))
    return (lib / versions[-1] / name).read_text(encoding="utf-8")


def _asset(name: str) -> str:
    return (resources.files("kg.export") / "assets" / name).read_text(encoding="utf-8")


def _json_for_script(obj) -> str:
    """JSON that is safe inside a ``<script>`` element (no ``</script>``, no ``<!--``)."""
    text = json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)
    return re.sub("[<>&\u2028\u2029]", lambda m: _JSON_ESCAPES[m.group()], text)


def _label(node: dict) -> str:
    text = node["name"]
    return text if len(text) <= 48 else text[:47].rstrip() + "\u2026"


def _size(degree: int) -> float:
    return round(min(45.0, 7 + 4 * math.sqrt(degree)), 1)


def _options(n: int) -> dict:
    return {
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False, "randomSeed": 1},
        "nodes": {"borderWidth": 1, "font": {"size": 12, "face": "sans-serif"}},
        "edges": {"smooth": False, "width": 0.7, "color": {"inherit": False, "color": "#b0bec5",
                                                             "highlight": "#37474f", "hover": "#546e7a"},
                  "arrows": {"to": {"enabled": True, "scaleFactor": 0.4}}, "selectionWidth": 2},
        "interaction": {"hover": n <= 5000, "hideEdgesOnDrag": n > 1000, "hideEdgesOnZoom": n > 1000,
                        "tooltipDelay": 200, "multiselect": False},
    }


def render(graph, ids: list[str], note: str = "", title: str = "kg explorer", focus: str | None = None) -> str:
    """The explorer page for the nodes ``ids`` of ``graph`` (and the edges among them)."""
    from pyvis.network import Network

    from kg.export.layout import layout

    sub = graph.subgraph(ids)
    edge_list = list(sub.edges())
    pos = layout(ids, [(e["source"], e["target"]) for e in edge_list])
    net = Network(directed=True)
    nodes_meta: dict[str, dict] = {}
    for node in sub.nodes():
        nid, ntype = node["id"], node["type"]
        colour, shape, _ = TYPE_STYLE.get(ntype, ("#999999", "dot", "\u25cf"))
        degree = graph.degree(nid)
        x, y = pos[nid]
        net.add_node(nid, label=_label(node), shape=shape, color=colour, size=_size(degree), x=x, y=y)
        meta = {"type": ntype, "name": node["name"], "aliases": list(node.get("aliases") or []), "degree": degree}
        if ntype == "Paper":
            meta.update({k: node[k] for k in PAPER_KEYS if node.get(k) is not None})
            meta["code"] = sorted(graph.node(e["target"]).get("url") or graph.node(e["target"])["name"]
                                  for e in graph.out_edges(nid) if e["rel"] == "has-code")
        elif node.get("url"):
            meta["url"] = node["url"]
        nodes_meta[nid] = meta
    net.node_ids = set(net.node_ids)  # O(1) membership checks in add_edge
    edges_meta: dict[str, dict] = {}
    sentences: dict[str, int] = {}
    width = len(str(len(edge_list)))
    for i, e in enumerate(edge_list):
        eid = f"e{i:0{width}d}"
        net.add_edge(e["source"], e["target"], id=eid, rel=e["rel"])
        edges_meta[eid] = {k: e[k] for k in ("rel", "claim", "extractor", "source_file") if e.get(k)}
        if e.get("evidence"):  # one sentence often backs several edges: store it once
            edges_meta[eid]["evidence"] = sentences.setdefault(e["evidence"], len(sentences))
    net.set_options(json.dumps(_options(len(ids))))
    vis_nodes, vis_edges, _, _, _, options = net.get_network_data()
    counts = sub.count_nodes()
    payload = {
        "vis": {"nodes": vis_nodes, "edges": vis_edges, "options": json.loads(options)},
        "nodes": nodes_meta, "edges": edges_meta, "sentences": list(sentences), "note": note, "focus": focus,
        "shown": len(ids), "total": len(graph), "total_edges": sum(graph.count_edges().values()),
        "types": [{"type": t, "color": c, "shape": s, "glyph": g, "count": counts.get(t, 0)}
                  for t, (c, s, g) in TYPE_STYLE.items() if t in counts],
        "rels": [{"rel": r, "count": n} for r, n in sub.count_edges().items()],
    }
    parts = {"TITLE": html.escape(title), "CSS": _asset("explorer.css"), "JS": _asset("explorer.js"),
             "VIS_CSS": _vis_asset("vis-network.css"), "VIS_JS": _vis_asset("vis-network.min.js"),
             "DATA": _json_for_script(payload)}
    return re.sub(r"\{\{(\w+)\}\}", lambda m: parts[m.group(1)], _asset("explorer.html"))
