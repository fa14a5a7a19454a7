"""Find a node by what a user types: id, name, alias or paper title, exactly or fuzzily.

Exact matches ignore case, spaces and punctuation ("flash attention 2" finds
FlashAttention-2). Otherwise rapidfuzz ranks every name; one clear winner
above the threshold is taken, else :class:`UnknownName` lists the candidates.
``graph`` is any graph source (an in-memory KnowledgeGraph or a
:class:`kg.query.neo4j_source.Neo4jGraph`).
"""
from __future__ import annotations

import re
import unicodedata
import weakref

from kg.errors import KGError

THRESHOLD = 90  # rapidfuzz WRatio needed to accept a fuzzy match
_CACHE: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()
SHORT = 8  # queries shorter than this (letters and digits) are scored with plain ratio


class UnknownName(KGError):
    """No node matches a name well enough; the hint says "did you mean ...?"."""

    def __init__(self, message: str, hint: str | None = None, candidates: list[str] | None = None):
        super().__init__(message, hint)
        self.candidates = candidates or []


def squash(text: str) -> str:
    """Lower-case letters and digits only.

    >>> squash("Flash Attention-2"), squash("FLASHATTENTION 2")
    ('flashattention2', 'flashattention2')
    """
    return re.sub(r"[\W_]+", "", unicodedata.normalize("NFKC", text).casefold())


def _names(node: dict) -> list[str]:
    return [node["name"], *(node.get("aliases") or []), *([node["title"]] if node.get("title") else [])]


def _name_index(graph, types) -> tuple[dict[str, list[str]], dict[str, str], list[str], list[str]]:
    """(squashed name -> node ids, display name -> node id, display names, their casefolded forms).

    Cached per graph until it changes size; the two lists let the fuzzy scan run without a per-name
    Python call (rapidfuzz with no processor, the query casefolded the same way).
    """
    cached = _CACHE.get(graph, {}).get(types)
    if cached and cached[0] == len(graph):
        return cached[1]
    exact: dict[str, list[str]] = {}
    choices: dict[str, str] = {}  # display string -> node id (first wins; ids are sorted)
    for node in graph.nodes():
        if types is not None and node["type"] not in types:
            continue
        for n in _names(node):
            exact.setdefault(squash(n), []).append(node["id"])
            choices.setdefault(n, node["id"])
    texts = list(choices)
    index = (exact, choices, texts, [t.casefold() for t in texts])
    _CACHE.setdefault(graph, {})[types] = (len(graph), index)
    return index


def _prefetch(graph, ids) -> None:
    """Let a remote graph source (:mod:`kg.query.neo4j_source`) fetch nodes and degrees in one batch."""
    fetch = getattr(graph, "prefetch", None)
    if fetch is not None:
        fetch(list(ids))


def resolve(graph, name: str, types: tuple[str, ...] | None = None, threshold: int = THRESHOLD) -> str:
    """The id of the node called ``name`` (optionally only of the given types)."""
    from rapidfuzz import fuzz, process

    if name in graph and (types is None or graph.node(name)["type"] in types):
        return name
    what = "/".join(types) if types else "node"
    key = squash(name)
    if not key:
        raise UnknownName(f"empty {what} name", hint="give a name, alias or title")
    exact_index, choices, texts, folded = _name_index(graph, types)
    if key in exact_index:
        _prefetch(graph, exact_index[key])
        return sorted(exact_index[key], key=lambda i: (-graph.degree(i), i))[0]
    # scores under 50 neither reach the threshold nor make a hint, so they are not computed
    ranked = process.extract(name.casefold(), folded, scorer=fuzz.WRatio, processor=None, limit=25, score_cutoff=50)
    best: dict[str, float] = {}
    near: dict[str, float] = {}
    for _folded, score, at in ranked:  # short queries must match a whole name, not a piece of one
        text = texts[at]
        nid = choices[text]
        near[nid] = max(near.get(nid, 0), score)
        score = score if len(key) >= SHORT else fuzz.ratio(name.casefold(), text.casefold())
        best[nid] = max(best.get(nid, 0), score)
    _prefetch(graph, best)
    order = sorted(best, key=lambda i: (-best[i], -graph.degree(i), i))
    if order and best[order[0]] >= threshold and (len(order) == 1 or best[order[1]] < best[order[0]]):
        return order[0]
    hints = sorted(near, key=lambda i: (-best[i], -near[i], -graph.degree(i), i))[:5]
    candidates = [f"{graph.node(i)['name']} ({graph.node(i)['type']})" for i in hints if near[i] >= 50]
    raise UnknownName(f"no {what} called {name!r}",
                      hint=("did you mean: " + "; ".join(candidates)) if candidates
                      else "check the spelling, or list names with: kg stats DIR", candidates=candidates)
