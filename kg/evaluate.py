"""``kg eval``: score a built graph against hand-annotated gold, per relation.

Matching follows the project's scorer (``shared/gold/score.py``): names are
compared after normalisation (case, dashes, vendor words, plurals), against
the gold name and its aliases, then by rapidfuzz ratio >= 92; Method and Model
are one class for edge targets. Tasks (``addresses``) are scored apart from
the headline edge figure.

The dev gold is split deterministically (by a hash of each paper's id) into a
tuning part and a held-out part, so rule work can be checked on papers it
never looked at: ``--split tune`` or ``--split heldout``.

The scored side may also be a second annotator's file in the gold format
(``.jsonl``): the same scorer then measures agreement between annotators,
the ceiling the metric allows an extractor.
"""
from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections import defaultdict
from pathlib import Path

from kg.errors import InputError
from kg.model import title_key

RELS = ("proposes", "builds-on", "compares-to", "runs-on", "evaluated-on", "has-code", "published-by", "addresses")
HEADLINE = tuple(r for r in RELS if r != "addresses")
_STRIP = {"nvidia", "google", "the", "model", "models", "benchmark", "dataset", "datasets", "gpu", "gpus",
          "framework", "algorithm", "method", "architecture", "inc", "ai"}
_CLASS = {"Model": "Method"}


def norm(name: str) -> str:
    """Scorer normalisation of a name or URL.

    >>> norm("NVIDIA H100 GPUs"), norm("https://github.com/a/b.git")
    ('h100', 'github.com/a/b')
    """
    s = unicodedata.normalize("NFKC", str(name)).lower().replace("‐", "-").replace("–", "-").replace("—", "-")
    if s.startswith("http"):
        s = re.sub(r"^https?://(www\.)?", "", s).rstrip("/.")
        return re.sub(r"\.git$", "", s)
    words = re.findall(r"[a-z0-9]+", s)
    kept = [w for w in words if w not in _STRIP] or words
    return "".join(w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w for w in kept)


def _match(pred: list[str], gold: list[str]) -> bool:
    from rapidfuzz import fuzz

    p, g = {norm(x) for x in pred if x}, {norm(x) for x in gold if x}
    return bool(p & g) or any(fuzz.ratio(a, b) >= 92 for a in p for b in g if min(len(a), len(b)) >= 5)


def in_split(paper_id: str, split: str) -> bool:
    """Whether a gold paper belongs to ``tune``, ``heldout`` or ``all``."""
    held = int(hashlib.sha1(paper_id.encode()).hexdigest(), 16) % 3 == 0
    return split == "all" or (split == "heldout") == held


def evaluate(graph_json: str | Path, gold_jsonl: str | Path, split: str = "all", ignore: tuple[str, ...] = ()) -> dict:
    """Per-relation precision/recall/F1, entity scores, and the list of misses and spurious links.

    ``graph_json`` is a graph.json from ``kg build``, or an annotation file in the gold format
    (``*.jsonl``, another annotator's work). ``ignore``: relations one side does not annotate (a
    silver set without ``has-code``): left out on both sides, with the gold entities only they reach.
    """
    try:
        text = Path(graph_json).read_text(encoding="utf-8")
        g = annotation_graph(_records(graph_json)) if str(graph_json).endswith(".jsonl") else json.loads(text)
        gold = [_without(r, ignore) for r in _records(gold_jsonl)]
    except (OSError, json.JSONDecodeError) as e:
        raise InputError(f"cannot read evaluation input: {e}", hint="pass a graph.json from kg build and a gold JSONL")
    nodes = {n["id"]: n for n in g["nodes"]}
    papers = {title_key(n.get("title") or n["name"]): n["id"] for n in nodes.values() if n["type"] == "Paper"}
    out = defaultdict(list)
    for e in g.get("links", []):
        t = nodes.get(e["target"])
        if t is not None and e["source"] in nodes and e["rel"] not in ignore:
            names = [t["name"], *t.get("aliases", [])] + ([t["url"]] if t.get("url") else [])
            out[e["source"]].append((e["rel"], t["type"], names, e.get("claim")))
    tally = defaultdict(lambda: [0, 0, 0])
    claims = {"gold": 0, "edge_found": 0, "with_claim": 0, "value_agrees": 0}
    errors = []
    for gp in (p for p in gold if in_split(p["id"], split)):
        pred = out.get(papers.get(title_key(gp["title"]), ""), [])
        aliases = {e["name"]: [e["name"], *e.get("aliases", [])] for e in gp["entities"]}
        pred_ents = {}
        for _rel, typ, names, _claim in pred:
            if typ != "Paper":
                pred_ents.setdefault(norm(names[0]), (typ, names))
        for group, keep in (("entity", lambda t: t != "Task"), ("entity:Task", lambda t: t == "Task")):
            gl = [(e["type"], aliases[e["name"]]) for e in gp["entities"] if keep(e["type"])]
            pl = [v for v in pred_ents.values() if keep(v[0])]
            _score_lists(group, gl, pl, tally, errors, gp["title"], typed=True)
        for rel in RELS:
            ge = [e for e in gp["edges"] if e["rel"] == rel]
            pe = [(names, claim) for r, _t, names, claim in pred if r == rel]
            pairs = _score_lists(rel, [("", aliases.get(e["target"], [e["target"]])) for e in ge],
                                 [("", names) for names, _c in pe], tally, errors, gp["title"])
            _score_claims(ge, pe, pairs, claims)
    rows = {k: _prf(*v) for k, v in sorted(tally.items())}
    rows["edges"] = _prf(*(sum(tally[r][i] for r in HEADLINE) for i in range(3)))
    return {"split": split, "scores": rows, "claims": claims, "errors": errors}


def _records(path: str | Path) -> list[dict]:
    """The records of a gold-format JSONL file; a malformed line is an error naming the file and line."""
    out = []
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            if not isinstance(record.get("title"), str) or not isinstance(record.get("entities", []), list) \
                    or not all("rel" in e and "target" in e for e in record.get("edges", [])):
                raise ValueError("a record needs a title, an entities list and edges with rel and target")
        except (json.JSONDecodeError, AttributeError, ValueError) as e:
            raise InputError(f"{path}, line {n}: not a gold record ({e})",
                             hint="each line is one JSON object: {id, title, entities, edges}, see GUIDELINES.md")
        out.append({"id": record.get("id", f"line{n}"), "entities": [], "edges": [], **record})
    return out


def _without(record: dict, ignore: tuple[str, ...]) -> dict:
    """A gold record without the edges of ``ignore``d relations and the entities only those edges reach."""
    if not ignore:
        return record
    kept = [e for e in record["edges"] if e["rel"] not in ignore]
    dropped = {e["target"] for e in record["edges"] if e["rel"] in ignore} - {e["target"] for e in kept}
    return {**record, "edges": kept, "entities": [e for e in record["entities"] if e["name"] not in dropped]}


def annotation_graph(records: list[dict]) -> dict:
    """A node-link graph holding gold-format annotations, so they can be scored like a build.

    Each paper gets its own entity nodes (one annotator's aliases stay with the paper they were
    given for); an entity with no edge is linked by ``mentions``.

    >>> g = annotation_graph([{"id": "p1", "title": "T", "entities": [{"type": "Method", "name": "LoRA"}],
    ...                        "edges": []}])
    >>> [(l["rel"], l["target"]) for l in g["links"]]
    [('mentions', 'p1/Method/LoRA')]
    """
    nodes, links = [], []
    for r in records:
        pid = f"paper/{r['id']}"
        nodes.append({"id": pid, "type": "Paper", "name": r["title"], "title": r["title"], "aliases": []})
        ids = {}
        for e in r["entities"]:
            ids[e["name"]] = f"{r['id']}/{e['type']}/{e['name']}"
            nodes.append({"id": ids[e["name"]], "type": e["type"], "name": e["name"], "aliases": e.get("aliases", [])})
        for e in r["edges"]:
            if e["target"] not in ids:  # an edge to a name the entities list forgot: the edge still names it
                ids[e["target"]] = f"{r['id']}/{e.get('type', 'Method')}/{e['target']}"
                nodes.append({"id": ids[e["target"]], "type": e.get("type", "Method"), "name": e["target"], "aliases": []})
            link = {"source": pid, "target": ids[e["target"]], "rel": e["rel"]}
            if e.get("claim"):  # the first figure the claim states is its value
                value = re.search(r"\d+(?:,\d{3})*(?:\.\d+)?", e["claim"])
                link["claim"] = {"text": e["claim"], **({"value": value[0].replace(",", "")} if value else {})}
            links.append(link)
        linked = {e["target"] for e in r["edges"]}
        links += [{"source": pid, "target": i, "rel": "mentions"} for name, i in ids.items() if name not in linked]
    return {"directed": True, "multigraph": True, "graph": {}, "nodes": nodes, "links": links}


def _score_claims(gold_edges: list, pred_edges: list, pairs: list, claims: dict) -> None:
    """Count gold claims whose edge we found, those our edge carries a claim for, and those whose value agrees.

    A value agrees when it is one of the numbers the gold claim's text states ("2.88x over cuBLAS": 2.88).
    """
    matched = dict(pairs)  # gold index -> predicted index
    for gi, edge in enumerate(gold_edges):
        text = edge.get("claim")
        if not text:
            continue
        claims["gold"] += 1
        pi = matched.get(gi)
        if pi is None:
            continue
        claims["edge_found"] += 1
        ours = pred_edges[pi][1]
        if ours:
            claims["with_claim"] += 1
            stated = {float(x.replace(",", "")) for x in re.findall(r"\d+(?:,\d{3})*(?:\.\d+)?", text)}
            claims["value_agrees"] += float(ours.get("value", "nan")) in stated


def _score_lists(group, gold_list, pred_list, tally, errors, title, typed=False) -> list[tuple[int, int]]:
    """Match gold to predicted items one to one; tally and list the errors; return the (gold, pred) pairs."""
    used: set[int] = set()
    pairs = []
    for gi, (gt, gn) in enumerate(gold_list):
        hit = next((i for i, (pt, pn) in enumerate(pred_list) if i not in used
                    and (not typed or _CLASS.get(pt, pt) == _CLASS.get(gt, gt)) and _match(pn, gn)), None)
        if hit is None:
            tally[group][2] += 1
            errors.append({"paper": title, "kind": group, "error": "missed", "name": gn[0]})
        else:
            used.add(hit)
            pairs.append((gi, hit))
            tally[group][0] += 1
    for i, (_pt, pn) in enumerate(pred_list):
        if i not in used:
            tally[group][1] += 1
            errors.append({"paper": title, "kind": group, "error": "spurious", "name": pn[0]})
    return pairs


def _prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "p": round(p, 4), "r": round(r, 4),
            "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0}
