"""A read-only graph source over kg's data in Neo4j, for ``kg neighbors`` and ``kg related``.

The query modules read a graph through a few methods, the "graph source"
protocol that :class:`kg.graph.KnowledgeGraph` already has: ``node(id)``,
``id in g``, ``len(g)``, ``nodes()`` (for name lookup), ``out_edges(id)`` /
``in_edges(id)``, ``degree(id)`` and ``count_nodes()``. Two optional extras
let a remote source batch its reads: ``prefetch(ids)`` (node properties and
degrees of many nodes in one round trip) and ``coupling_edges(paper, rels)``
(the paper -> entity edges :class:`kg.query.related.RelatedIndex` needs for
one paper, instead of every edge of the graph). :class:`Neo4jGraph` provides
all of them from the data model written by :mod:`kg.export.neo4j`.

Every query is parameterised; labels and relationship types come only from
the whitelists :data:`kg.export.neo4j.LABELS` / ``REL_TYPES``, and all reads
run in managed read transactions of a READ session. Node look-ups use the
per-label ``id`` uniqueness constraint: kg ids start with their type
(``method/...``, ``paper/...``), which picks the label; an id without a
known prefix falls back to a scan of ``:KGNode``.

Cost: ``nodes()`` (fuzzy name resolution) scans id, name, aliases and title
of every kg node once per process; fine for the sample and for tens of
thousands of nodes, but on a very large graph a full-text index would be
the way to find candidates.
"""
from __future__ import annotations

import os
from typing import Iterable, Iterator, Protocol

from kg.errors import KGError
from kg.export.neo4j import COMMON_LABEL, LABELS, REL_TYPES

_REL_OF = {t: r for r, t in REL_TYPES.items()}
_PREFIX = {lab.lower(): lab for lab in LABELS.values()}
_CLAIM_KEYS = ("text", "value", "unit", "metric", "direction")  # kg.model.Claim's fields, in order
_LABEL_LIST = sorted(LABELS.values())
_NODE_RETURN = ("RETURN n.id AS id, properties(n) AS p, [l IN labels(n) WHERE l IN $labels] AS t, "
                f"COUNT {{ (n)-->(:{COMMON_LABEL}) }} + COUNT {{ (n)<--(:{COMMON_LABEL}) }} AS deg")


class GraphSource(Protocol):
    """What :mod:`kg.query.neighbors`, :mod:`kg.query.related` and :mod:`kg.query.lookup` read.

    :class:`kg.graph.KnowledgeGraph` and :class:`Neo4jGraph` both satisfy it.
    """

    def __contains__(self, nid: str) -> bool: ...
    def __len__(self) -> int: ...
    def node(self, nid: str) -> dict: ...
    def nodes(self, type: str | None = None) -> Iterator[dict]: ...
    def out_edges(self, nid: str) -> Iterator[dict]: ...
    def in_edges(self, nid: str) -> Iterator[dict]: ...
    def degree(self, nid: str) -> int: ...
    def count_nodes(self) -> dict[str, int]: ...


def _label_of(nid: str) -> str | None:
    """The label an id's type prefix names (``method/x`` -> ``Method``), None if it names none."""
    return _PREFIX.get(nid.split("/", 1)[0]) if "/" in nid else None


def _match(label: str | None, var: str = "n", key: str = "$id") -> str:
    """``MATCH`` of one node by id: through its label's index when known, else over :KGNode."""
    if label is None:
        return f"MATCH ({var}:{COMMON_LABEL}) WHERE {var}.id = {key}"
    return f"MATCH ({var}:{LABELS[label]} {{id: {key}}})"


def _node(row_id: str, props: dict, labels: list[str]) -> dict:
    types = [lab for lab in labels if lab in LABELS.values()]
    return {"id": row_id, "type": types[0] if types else None, **{k: v for k, v in props.items() if k != "id"}}


def _edge(source: str, target: str, rtype: str, props: dict) -> dict:
    """A relationship as a graph.json link: rel back from the type, ``claim_*`` back into a ``claim`` dict."""
    e = {"source": source, "target": target, "rel": _REL_OF[rtype]}
    claim = {k: props[f"claim_{k}"] for k in _CLAIM_KEYS if props.get(f"claim_{k}") is not None}
    e.update((k, v) for k, v in props.items() if not k.startswith("claim_"))
    if claim:
        e["claim"] = claim
    return e


class Neo4jGraph:
    """kg's nodes and relationships in a Neo4j database, read through the graph-source protocol."""

    def __init__(self, uri: str | None = None, database: str | None = None):
        from kg.export.neo4j import connect

        self._driver = connect(uri)
        self.database = database or os.environ.get("NEO4J_DATABASE") or None
        self._session = self._driver.session(database=self.database, default_access_mode="READ")
        self._nodes: dict[str, dict | None] = {}  # id -> node (None: known not to exist)
        self._deg: dict[str, int] = {}
        self._edges: dict[str, tuple[list[dict], list[dict]]] = {}
        self._len: int | None = None
        self._counts: dict[str, int] | None = None

    def close(self) -> None:
        """Close the session and the driver."""
        self._session.close()
        self._driver.close()

    def __enter__(self) -> "Neo4jGraph":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _read(self, query: str, **params) -> list[dict]:
        from neo4j.exceptions import Neo4jError

        try:
            return self._session.execute_read(lambda tx: [dict(r) for r in tx.run(query, params)])
        except Neo4jError as e:
            raise KGError(f"Neo4j rejected a read: {e.code}", hint=str(e.message)[:400]) from None

    # -- nodes ----------------------------------------------------------------
    def prefetch(self, ids: Iterable[str]) -> None:
        """Fetch properties and degree of many nodes at once (one query per label)."""
        todo: dict[str | None, list[str]] = {}
        for nid in dict.fromkeys(ids):
            if nid not in self._nodes or nid not in self._deg and self._nodes[nid] is not None:
                todo.setdefault(_label_of(nid), []).append(nid)
        for label, batch in sorted(todo.items(), key=lambda kv: kv[0] or ""):
            found = set()
            for r in self._read(f"UNWIND $ids AS id {_match(label, key='id')} {_NODE_RETURN}",
                                ids=batch, labels=_LABEL_LIST):
                self._nodes[r["id"]] = _node(r["id"], r["p"], r["t"])
                self._deg[r["id"]] = r["deg"]
                found.add(r["id"])
            missing = [i for i in batch if i not in found]
            if missing and label is not None:  # an id whose prefix is not its label: look it up the slow way
                self._nodes.update((i, None) for i in missing)
                for r in self._read(f"UNWIND $ids AS id {_match(None, key='id')} {_NODE_RETURN}",
                                    ids=missing, labels=_LABEL_LIST):
                    self._nodes[r["id"]] = _node(r["id"], r["p"], r["t"])
                    self._deg[r["id"]] = r["deg"]
            else:
                self._nodes.update((i, None) for i in missing)

    def _get(self, nid: str) -> dict | None:
        if nid not in self._nodes:
            self.prefetch([nid])
        return self._nodes[nid]

    def __contains__(self, nid: str) -> bool:
        return self._get(nid) is not None

    def node(self, nid: str) -> dict:
        """Every property of one node, with ``id`` and ``type`` (KeyError when there is none)."""
        n = self._get(nid)
        if n is None:
            raise KeyError(nid)
        return n

    def degree(self, nid: str) -> int:
        """Relationships in and out of a node (to other kg nodes)."""
        if nid not in self._deg:
            self.prefetch([nid])
        return self._deg.get(nid, 0)

    def __len__(self) -> int:
        if self._len is None:
            self._len = self._read(f"MATCH (n:{COMMON_LABEL}) RETURN count(n) AS c")[0]["c"]
        return self._len

    def count_nodes(self) -> dict[str, int]:
        """Number of nodes per type, sorted by type (types with none left out)."""
        if self._counts is None:
            self._counts = {}
            for label in _LABEL_LIST:
                c = self._read(f"MATCH (n:{LABELS[label]}:{COMMON_LABEL}) RETURN count(n) AS c")[0]["c"]
                if c:
                    self._counts[label] = c
        return dict(self._counts)

    def nodes(self, type: str | None = None) -> Iterator[dict]:
        """Every node's ``id``, ``type``, ``name``, ``aliases`` and ``title``, sorted by id (a full scan)."""
        match = f"MATCH (n:{LABELS[type]}:{COMMON_LABEL})" if type else f"MATCH (n:{COMMON_LABEL})"
        rows = self._read(match + " RETURN n.id AS id, [l IN labels(n) WHERE l IN $labels] AS t, "
                          "n{.name, .aliases, .title} AS p", labels=_LABEL_LIST)
        for r in sorted(rows, key=lambda r: r["id"]):
            yield _node(r["id"], {k: v for k, v in r["p"].items() if v is not None}, r["t"])

    # -- edges ----------------------------------------------------------------
    def _edges_of(self, nid: str) -> tuple[list[dict], list[dict]]:
        if nid not in self._edges:
            label = self.node(nid)["type"]
            rows = self._read(f"{_match(label)} MATCH (n)-[r]-(m:{COMMON_LABEL}) WHERE type(r) IN $types "
                              "RETURN startNode(r) = n AS out, type(r) AS t, properties(r) AS p, m.id AS mid, "
                              "properties(m) AS mp, [l IN labels(m) WHERE l IN $labels] AS ml",
                              id=nid, types=sorted(_REL_OF), labels=_LABEL_LIST)
            out: dict[tuple, dict] = {}
            inc: dict[tuple, dict] = {}
            for r in rows:  # an undirected match may list a self-loop twice; it is one edge, both out and in
                self._nodes.setdefault(r["mid"], _node(r["mid"], r["mp"], r["ml"]))
                src, dst = (nid, r["mid"]) if r["out"] else (r["mid"], nid)
                e = _edge(src, dst, r["t"], r["p"])
                if src == nid:
                    out[(e["rel"], dst)] = e
                if dst == nid:
                    inc[(e["rel"], src)] = e
            self._edges[nid] = ([out[k] for k in sorted(out)], [inc[k] for k in sorted(inc)])
        return self._edges[nid]

    def out_edges(self, nid: str) -> Iterator[dict]:
        """Relationships leaving a node as graph.json links, sorted by (rel, target)."""
        return iter(self._edges_of(nid)[0])

    def in_edges(self, nid: str) -> Iterator[dict]:
        """Relationships entering a node as graph.json links, sorted by (rel, source)."""
        return iter(self._edges_of(nid)[1])

    def coupling_edges(self, paper: str, rels: Iterable[str]) -> list[tuple[str, str, str]]:
        """``(rel, source, target)`` for every ``rels`` edge into an entity that ``paper`` links to by ``rels``.

        Ordered as ``KnowledgeGraph.edges(rel)`` would give them: by relation (in ``rels`` order), source, target.
        """
        rels = list(rels)
        types = [REL_TYPES[r] for r in rels]
        rows = self._read(f"{_match(self.node(paper)['type'], 'p')} MATCH (p)-[r1]->(e:{COMMON_LABEL}) "
                          "WHERE type(r1) IN $types AND e <> p WITH DISTINCT e "
                          f"MATCH (q:{COMMON_LABEL})-[r2]->(e) WHERE type(r2) IN $types "
                          "RETURN type(r2) AS t, q.id AS s, e.id AS o", id=paper, types=types)
        order = {r: i for i, r in enumerate(rels)}
        edges = [(_REL_OF[r["t"]], r["s"], r["o"]) for r in rows]
        return sorted(edges, key=lambda e: (order[e[0]], e[1], e[2]))
