"""``kg neighbors``: what is connected to a node, grouped by relation, with evidence and claims.

Depth 2 follows each neighbour one step further, which answers questions
such as "what compares to Mamba, and what do those papers run on?"::

    kg neighbors exports Mamba --depth 2 --rel compares-to,runs-on

``graph`` is any graph source (:class:`kg.query.neo4j_source.GraphSource`):
the in-memory KnowledgeGraph or the same data read from Neo4j.
"""
from __future__ import annotations

from kg.errors import ConfigError
from kg.model import RELATIONS
from kg.query.lookup import resolve

ARROW = {"out": "\u2192", "in": "\u2190"}


def parse_rels(text: str | None) -> list[str] | None:
    """``"compares-to,runs-on"`` -> a checked list (None means every relation)."""
    if not text:
        return None
    rels = [r.strip() for r in text.split(",") if r.strip()]
    bad = [r for r in rels if r not in RELATIONS]
    if bad:
        raise ConfigError(f"unknown relation(s): {', '.join(bad)}", hint="choose from: " + ", ".join(RELATIONS))
    return rels


def _brief(graph, nid: str) -> dict:
    n = graph.node(nid)
    return {"id": nid, "type": n["type"], "name": n["name"]}


def _groups(graph, nid: str, rels, skip: set[str], depth: int, limit: int | None) -> list[dict]:
    found: dict[tuple[str, str], list[dict]] = {}
    for direction, edges in (("out", graph.out_edges(nid)), ("in", graph.in_edges(nid))):
        for e in edges:
            other = e["target"] if direction == "out" else e["source"]
            if (rels is not None and e["rel"] not in rels) or other in skip:
                continue
            item = {**_brief(graph, other), "evidence": e.get("evidence", "")}
            if e.get("claim"):
                item["claim"] = e["claim"]
            found.setdefault((e["rel"], direction), []).append(item)
    out = []
    for (rel, direction) in sorted(found, key=lambda k: (RELATIONS.index(k[0]) if k[0] in RELATIONS else 99, k)):
        items = sorted(found[(rel, direction)], key=lambda i: (i["name"].casefold(), i["id"]))
        shown = items if limit is None else items[:limit]
        if depth > 1:
            for item in shown:
                item["groups"] = _groups(graph, item["id"], rels, skip | {nid}, depth - 1, limit)
        out.append({"rel": rel, "direction": direction, "total": len(items), "items": shown})
    return out


def neighbors(graph, name: str, depth: int = 1, rels: list[str] | None = None, limit: int | None = None) -> dict:
    """The neighbourhood of the node ``name`` (resolved through names and aliases) as JSON-able data."""
    if depth not in (1, 2):
        raise ConfigError(f"depth must be 1 or 2, not {depth}", hint="use --depth 1 or --depth 2")
    nid = resolve(graph, name)
    node = graph.node(nid)
    return {"node": {**_brief(graph, nid), "aliases": list(node.get("aliases") or [])}, "depth": depth,
            "rels": rels, "groups": _groups(graph, nid, rels, {nid}, depth, limit)}


def _claim_text(c: dict) -> str:
    extra = ", ".join(str(c[k]) for k in ("metric", "direction") if c.get(k))
    return c.get("text", "") + (f" ({extra})" if extra else "")


def to_text(result: dict) -> str:
    """A readable, indented listing of :func:`neighbors` output."""
    n = result["node"]
    lines = [f"{n['name']} [{n['type']}] {n['id']}" + (f"  aka {', '.join(n['aliases'])}" if n["aliases"] else "")]

    def walk(groups, indent):
        for g in groups:
            lines.append(f"{indent}{ARROW[g['direction']]} {g['rel']} ({g['total']})")
            for item in g["items"]:
                lines.append(f"{indent}  - {item['name']} [{item['type']}]")
                if item.get("evidence"):
                    lines.append(f"{indent}      evidence: {item['evidence']}")
                if item.get("claim"):
                    lines.append(f"{indent}      claim: {_claim_text(item['claim'])}")
                walk(item.get("groups", []), indent + "      ")
            if g["total"] > len(g["items"]):
                lines.append(f"{indent}  ... and {g['total'] - len(g['items'])} more (raise --limit)")

    walk(result["groups"], "")
    if not result["groups"]:
        lines.append("(no neighbours" + (" with those relations)" if result["rels"] else ")"))
    return "\n".join(lines)
