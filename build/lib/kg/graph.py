"""The one graph model: :class:`KnowledgeGraph` over a networkx MultiDiGraph.

Only this module touches networkx internals. Nodes are keyed by stable ids
(``paper/<hash>``, ``method/flashattention-2``); edges are keyed by relation,
so the same (source, relation, target) is stored once. Iteration is always
sorted, so every export built from a graph is deterministic.

>>> from kg.model import Entity, Evidence
>>> g = KnowledgeGraph()
>>> a = g.add_entity(Entity("Method", "FlashAttention-2", ("FA2",)))
>>> b = g.add_entity(Entity("Method", "Transformer"))
>>> g.add_edge(a, "builds-on", b, Evidence("FA2 speeds up Transformers.", "demo/1"))
True
>>> g.node(a)["aliases"], g.count_edges()
(['FA2'], {'builds-on': 1})
"""
from __future__ import annotations

import json
from dataclasses import fields
from operator import itemgetter
from collections import Counter
from itertools import chain
from typing import Any, Iterator

import networkx as nx

from kg.model import Claim, Entity, Evidence, Paper, slugify

PAPER_FIELDS = ("arxiv_id", "author_count", "organization", "published", "upvotes")
CLAIM_FIELDS = tuple(f.name for f in fields(Claim))
_REL_TARGET = itemgetter(0, 1)


def _source_rows(nbrs: dict) -> list[tuple]:
    """One source's ``(rel, target, attributes)`` rows in edge order (by relation, then target)."""
    rows = [(k, v, d) for v, keydict in nbrs.items() for k, d in keydict.items()]
    if len(rows) > 1:
        rows.sort(key=_REL_TARGET)
    return rows


def entity_id(entity: Entity) -> str:
    """Stable id for an entity: ``type/slug`` (the URL for repos).

    >>> entity_id(Entity("Hardware", "NVIDIA H100"))
    'hardware/nvidia-h100'
    >>> entity_id(Entity("Repo", "https://github.com/czg1225/dParallel"))
    'repo/github.com/czg1225/dparallel'
    """
    if entity.type == "Repo":
        url = (entity.url or entity.name).split("://", 1)[-1].rstrip("/")
        return "repo/" + url.lower()
    return f"{entity.type.lower()}/{slugify(entity.name)}"


def _claim_dict(values: tuple) -> dict:
    """``Claim(*values).as_dict()`` without building the Claim."""
    return {k: v for k, v in zip(CLAIM_FIELDS, values) if v is not None}


class KnowledgeGraph:
    """Papers and entities as nodes, typed relations with evidence as edges."""

    def __init__(self) -> None:
        self._g = nx.MultiDiGraph()

    # -- building -----------------------------------------------------------
    def add_paper(self, paper: Paper) -> str:
        """Add a paper, or merge a repeat of it (recording every source)."""
        nid = paper.node_id
        src = str(paper.source)
        if nid in self._g._node:
            data = self._g.nodes[nid]
            if src not in data["sources"]:
                data["sources"].append(src)
            for f in PAPER_FIELDS:  # fill gaps from the repeat, never overwrite
                if data.get(f) is None and getattr(paper, f) is not None:
                    data[f] = getattr(paper, f)
            if data.get("arxiv_id") and "url" not in data:
                data["url"] = f"https://arxiv.org/abs/{data['arxiv_id']}"
            return nid
        attrs: dict[str, Any] = {"type": "Paper", "name": paper.title, "aliases": [], "title": paper.title,
                                 "abstract": paper.abstract, "sources": [src]}
        for f in PAPER_FIELDS:
            if getattr(paper, f) is not None:
                attrs[f] = getattr(paper, f)
        if paper.arxiv_id:
            attrs["url"] = f"https://arxiv.org/abs/{paper.arxiv_id}"
        self._new_node(nid, attrs)
        return nid

    def add_entity(self, entity: Entity, node_id: str | None = None) -> str:
        """Add an entity node or merge its aliases into the existing one."""
        nid = node_id or entity_id(entity)
        if nid in self._g._node:
            data = self._g.nodes[nid]
            for a in entity.aliases + ((entity.name,) if entity.name != data["name"] else ()):
                if a != data["name"] and a not in data["aliases"]:
                    data["aliases"].append(a)
            return nid
        attrs: dict[str, Any] = {"type": entity.type, "name": entity.name,
                                 "aliases": [a for a in dict.fromkeys(entity.aliases) if a != entity.name]}
        if entity.type == "Repo":
            attrs["url"] = entity.url or entity.name
        self._new_node(nid, attrs)
        return nid

    def _new_node(self, nid: str, attrs: dict[str, Any]) -> None:
        """``networkx.MultiDiGraph.add_node(nid, **attrs)`` for a node not in the graph: the same dicts."""
        g = self._g
        g._succ[nid] = g.adjlist_inner_dict_factory()
        g._pred[nid] = g.adjlist_inner_dict_factory()
        g._node[nid] = g.node_attr_dict_factory()
        g._node[nid].update(attrs)
        nx._clear_cache(g)

    def add_edge(self, source: str, rel: str, target: str, evidence: Evidence, claim: Claim | None = None) -> bool:
        """Add ``source -rel-> target``; return False if that edge already exists.

        A repeat keeps the first evidence, but gains a claim if it had none.
        """
        return self.add_edge_values(source, rel, target, evidence.sentence, evidence.extractor, evidence.source,
                                    None if claim is None else tuple(getattr(claim, f) for f in CLAIM_FIELDS))

    def add_edge_values(self, source: str, rel: str, target: str, sentence: str, extractor: str,
                        source_file: str = "", claim: tuple | None = None) -> bool:
        """:meth:`add_edge` from plain values: the build's fast path (no :class:`Evidence` or :class:`Claim`).

        ``claim`` is ``None`` or the values of a :class:`Claim` in field order. Stores exactly what
        ``networkx.MultiDiGraph.add_edge`` would, in the same order.
        """
        g = self._g
        succ = g._succ
        for n in (source, target):  # a build adds nodes first; otherwise add them as networkx would
            if n not in succ:
                g.add_node(n)
        keydict = succ[source].get(target)
        if keydict is not None and rel in keydict:
            data = keydict[rel]
            if claim is not None and "claim" not in data:
                data["claim"] = _claim_dict(claim)
            return False
        attrs: dict[str, Any] = {"rel": rel, "evidence": sentence, "extractor": extractor}
        if source_file:
            attrs["source_file"] = source_file
        if claim is not None:
            attrs["claim"] = _claim_dict(claim)
        if keydict is None:
            keydict = succ[source][target] = g.edge_key_dict_factory()
            g._pred[target][source] = keydict
        keydict[rel] = attrs
        nx._clear_cache(g)
        return True

    # -- reading ------------------------------------------------------------
    def __contains__(self, node_id: str) -> bool:
        return node_id in self._g

    def __len__(self) -> int:
        return self._g.number_of_nodes()

    def node(self, node_id: str) -> dict:
        """The attributes of one node (with its ``id``)."""
        return {"id": node_id, **self._g.nodes[node_id]}

    def nodes(self, type: str | None = None) -> Iterator[dict]:
        """Nodes sorted by id, optionally of one type."""
        node = self._g._node
        for nid in sorted(node):
            data = node[nid]
            if type is None or data["type"] == type:
                yield {"id": nid, **data}

    def node_list(self) -> list[dict]:
        """``list(self.nodes())``, made faster (what the exports share)."""
        node = self._g._node
        return [{"id": nid, **node[nid]} for nid in sorted(node)]

    def entity_names(self) -> Iterator[tuple[str, str, str]]:
        """``(id, type, name)`` of every non-paper node, unsorted (cheap: nothing is copied)."""
        for nid, data in self._g.nodes(data=True):
            if data["type"] != "Paper":
                yield nid, data["type"], data["name"]

    def edges(self, rel: str | None = None) -> Iterator[dict]:
        """Edges sorted by (source, rel, target), optionally of one relation."""
        succ = self._g._succ
        for u in sorted(succ):  # one sort of the sources, then each source's few edges
            rows = [(k, v, d) for v, keydict in succ[u].items() for k, d in keydict.items() if rel is None or k == rel]
            rows.sort(key=_REL_TARGET)
            for k, v, d in rows:
                yield {"source": u, "target": v, **d}

    def edge_list(self) -> list[dict]:
        """``list(self.edges())``, made faster (what the exports share)."""
        succ, out = self._g._succ, []
        for u in sorted(succ):
            if nbrs := succ[u]:
                out += [{"source": u, "target": v, **d} for _, v, d in _source_rows(nbrs)]
        return out

    def edge_rows(self) -> Iterator[tuple[str, str, dict]]:
        """``(source, target, attributes)`` of each edge in :meth:`edges` order, attributes not copied (read only)."""
        succ = self._g._succ
        for u in sorted(succ):
            if nbrs := succ[u]:
                for _, v, d in _source_rows(nbrs):
                    yield u, v, d

    def edge_ends(self) -> Iterator[tuple[str, str]]:
        """``(source, target)`` of every edge (a pair once per relation between them), unsorted."""
        for u, nbrs in self._g._succ.items():
            for v, keydict in nbrs.items():
                for _ in keydict:
                    yield u, v

    def node_attributes(self) -> dict[str, dict]:
        """Node id -> its attributes (without the ``id``), unsorted and not copied (read only)."""
        return self._g._node

    def out_edges(self, node_id: str) -> Iterator[dict]:
        """Edges leaving a node, sorted."""
        for u, v, k, d in sorted(self._g.out_edges(node_id, keys=True, data=True), key=lambda r: (r[2], r[1])):
            yield {"source": u, "target": v, **d}

    def in_edges(self, node_id: str) -> Iterator[dict]:
        """Edges entering a node, sorted."""
        for u, v, k, d in sorted(self._g.in_edges(node_id, keys=True, data=True), key=lambda r: (r[2], r[0])):
            yield {"source": u, "target": v, **d}

    def degree(self, node_id: str) -> int:
        return self._g.degree(node_id)

    def count_nodes(self) -> dict[str, int]:
        """Number of nodes per type, sorted by type."""
        return dict(sorted(Counter(d["type"] for _, d in self._g.nodes(data=True)).items()))

    def count_edges(self) -> dict[str, int]:
        """Number of edges per relation, sorted by relation."""
        keydicts = chain.from_iterable(map(dict.values, self._g._succ.values()))  # counted at C speed
        return dict(sorted(Counter(chain.from_iterable(keydicts)).items()))

    def top_entities(self, n: int = 10) -> list[tuple[str, int]]:
        """Non-paper nodes with the highest degree: ``[(id, degree)]``."""
        deg = ((nid, self._g.degree(nid)) for nid, d in self._g.nodes(data=True) if d["type"] != "Paper")
        return sorted(deg, key=lambda x: (-x[1], x[0]))[:n]

    def subgraph(self, node_ids) -> "KnowledgeGraph":
        """A new graph holding only the given nodes and the edges among them."""
        sub = KnowledgeGraph()
        sub._g = self._g.subgraph(node_ids).copy()
        return sub

    # -- node-link JSON -----------------------------------------------------
    def to_node_link(self) -> dict:
        """The ``graph.json`` contract: ``{"directed", "multigraph", "graph", "nodes", "links"}``."""
        return {"directed": True, "multigraph": True, "graph": {"name": "kg"},
                "nodes": list(self.nodes()),
                "links": [{**e, "key": e["rel"]} for e in self.edges()]}

    @classmethod
    def from_node_link(cls, data: dict) -> "KnowledgeGraph":
        """Rebuild a graph from :meth:`to_node_link` output."""
        g = cls()
        for n in data["nodes"]:
            n = dict(n)
            g._g.add_node(n.pop("id"), **n)
        for e in data.get("links", data.get("edges", [])):
            e = dict(e)
            u, v = e.pop("source"), e.pop("target")
            e.pop("key", None)
            g._g.add_edge(u, v, key=e["rel"], **e)
        return g

    @classmethod
    def read_json(cls, path) -> "KnowledgeGraph":
        """Load ``graph.json`` written by ``kg build``."""
        with open(path, encoding="utf-8") as f:
            return cls.from_node_link(json.load(f))
