"""``kg related``: papers that share rare methods, models, hardware and datasets with a paper.

Bibliographic coupling over entities: two papers are related when they
compare against, build on, propose, run on or evaluate on the same things.
Each shared entity weighs ``log(1 + N / df)`` (N papers, df papers linked to
it), so sharing a niche baseline counts far more than sharing "GPU". Scoring
starts from the paper's own entities and walks the entity -> papers
postings of :class:`RelatedIndex`, rarest first; it never compares all pairs.
Very common entities ("hubs", see ``HUB_MIN``) only re-score candidates
already found, so a query costs about the size of the rare postings.
"""
from __future__ import annotations

import heapq
import math
from collections import defaultdict

from kg.query.lookup import resolve

#: entities linked to more than max(HUB_MIN, HUB_SHARE * papers) papers are "hubs": once k candidates
#: are found through rarer entities, a hub only adds to those candidates instead of scanning its postings
HUB_MIN, HUB_SHARE = 2000, 0.01
#: relation (paper -> entity) -> weight of a shared entity linked that way
REL_WEIGHT = {"compares-to": 1.0, "builds-on": 1.0, "proposes": 1.0, "evaluated-on": 1.0, "runs-on": 1.0,
              "addresses": 0.5}


class RelatedIndex:
    """Inverted index entity -> {paper: relation weight}, and paper -> {entity: weight}; built once per graph."""

    def __init__(self, graph, edges=None):
        self.graph = graph
        self.papers_of: dict[str, dict[str, float]] = defaultdict(dict)
        self.entities_of: dict[str, dict[str, float]] = defaultdict(dict)
        self.rels: dict[tuple[str, str], list[str]] = defaultdict(list)
        if edges is None:  # the whole graph
            edges = ((rel, e["source"], e["target"]) for rel in REL_WEIGHT for e in graph.edges(rel))
        for rel, p, ent in edges:
            w = REL_WEIGHT[rel]
            if p == ent:
                continue
            if w > self.papers_of[ent].get(p, 0):
                self.papers_of[ent][p] = w
                self.entities_of[p][ent] = w
            self.rels[(p, ent)].append(rel)
        self.n_papers = max(1, graph.count_nodes().get("Paper", 0))

    @classmethod
    def for_paper(cls, graph, paper_id: str) -> "RelatedIndex":
        """An index good for queries about ``paper_id``: only its entities' postings if the source can
        fetch them (``coupling_edges``, e.g. Neo4j), else the whole graph's."""
        coupling = getattr(graph, "coupling_edges", None)
        return cls(graph) if coupling is None else cls(graph, coupling(paper_id, tuple(REL_WEIGHT)))

    def idf(self, entity: str) -> float:
        """Rarity weight of an entity: log(1 + N / number of papers linked to it)."""
        return math.log(1 + self.n_papers / max(1, len(self.papers_of.get(entity, ()))))

    def related(self, paper_id: str, k: int = 10) -> list[dict]:
        """The ``k`` papers sharing the most (rarity-weighted) entities with ``paper_id``, each with why."""
        mine = self.entities_of.get(paper_id, {})
        score: dict[str, float] = defaultdict(float)
        shared: dict[str, list[str]] = defaultdict(list)
        hub = max(HUB_MIN, HUB_SHARE * self.n_papers)
        by_df = sorted(mine, key=lambda e: (len(self.papers_of[e]), e))
        for ent in by_df:
            postings, idf = self.papers_of[ent], self.idf(ent)
            if len(postings) > hub and len(score) >= k:
                # a very common entity only adds to papers already found through rarer ones
                hits = [(p, postings[p]) for p in list(score) if p in postings]
            else:
                hits = list(postings.items())
            for other, w in hits:
                if other != paper_id:
                    score[other] += idf * min(w, mine[ent])
                    shared[other].append(ent)
        top = heapq.nsmallest(k, score, key=lambda p: (-round(score[p], 9), -len(shared[p]), p))
        if hasattr(self.graph, "prefetch"):  # one round trip for a remote source
            self.graph.prefetch([*top, *{e for p in top for e in shared[p]}])
        out = []
        for p in top:
            node = self.graph.node(p)
            why = sorted(({"id": e, "name": self.graph.node(e)["name"], "type": self.graph.node(e)["type"],
                           "weight": round(self.idf(e) * min(mine[e], self.entities_of[p][e]), 4),
                           "this_paper": sorted(self.rels[(paper_id, e)]), "other_paper": sorted(self.rels[(p, e)])}
                          for e in shared[p]), key=lambda s: (-s["weight"], s["name"].casefold(), s["id"]))
            out.append({"id": p, "title": node["name"], "published": node.get("published"),
                        "score": round(score[p], 4), "shared": why})
        return out


def related(graph, paper: str, k: int = 10, index: RelatedIndex | None = None) -> dict:
    """Papers related to ``paper`` (id, title or a close spelling of it) as JSON-able data."""
    pid = resolve(graph, paper, types=("Paper",))
    index = index or RelatedIndex.for_paper(graph, pid)
    return {"paper": {"id": pid, "title": graph.node(pid)["name"]}, "k": k,
            "entities": sorted(index.entities_of.get(pid, {})), "results": index.related(pid, k)}


def to_text(result: dict) -> str:
    """A readable ranking: score, title and the shared entities that explain it."""
    lines = [f"Papers related to: {result['paper']['title']} ({result['paper']['id']})"]
    if not result["results"]:
        lines.append("(no other paper shares a method, model, hardware, dataset or task with it)")
    for i, r in enumerate(result["results"], 1):
        lines.append(f"{i:>2}. {r['score']:7.3f}  {r['title']}" + (f"  [{r['published']}]" if r["published"] else ""))
        why = ", ".join(f"{s['name']} ({s['type']}, {'/'.join(s['other_paper'])})" for s in r["shared"])
        lines.append(f"             shares: {why}")
    return "\n".join(lines)
