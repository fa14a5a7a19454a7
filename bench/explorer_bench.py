"""Explorer and neighbourhood-query benchmark.

* explorer: page generation time (layout included) and time to a stable
  first render in headless Chromium, for synthetic graphs of ~2k and ~20k
  nodes (the 20k one gets the 2,000-node overview);
* queries: ``kg related`` and ``kg neighbors`` latency on a ~100k-paper graph.

Synthetic graphs replicate the sample corpus's graph with renamed ids. For the
explorer every copy renames every node (copies are tied together by the 50
best-connected entities, kept shared). For the query graph, papers are
renamed but entities are shared by all copies, the worst case for ``related``:
an entity in 10 sample papers is in 4,000 papers there.

    python -m bench.explorer_bench            # writes bench/results/explorer.json
    python -m bench.explorer_bench --quick    # smaller, no file written
    python -m bench.explorer_bench --queries-only                     # just the 100k query latencies
    python -m bench.explorer_bench --graph out-100000/graph.json      # query latencies on a built graph
"""
from __future__ import annotations

import argparse
import json
import math
import platform
import statistics
import tempfile
import time
from pathlib import Path

from kg.graph import KnowledgeGraph

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "hf-daily-papers"
RESULTS = ROOT / "bench" / "results" / "explorer.json"


def sample_node_link() -> dict:
    """The sample corpus's graph.json, built into a temporary folder."""
    from kg.build import build

    with tempfile.TemporaryDirectory() as d:
        graph, _ = build([SAMPLE], d, ["json"], jobs=1)
    return graph.to_node_link()


def replicate(base: dict, copies: int, rename_entities: bool, shared: set[str] = frozenset()) -> KnowledgeGraph:
    """``copies`` copies of a node-link graph, papers (and optionally entities) renamed per copy."""
    def rename(nid: str, c: int, ntype: str) -> str:
        if c == 0 or nid in shared or (ntype != "Paper" and not rename_entities):
            return nid
        return f"{nid}~{c}"

    types = {n["id"]: n["type"] for n in base["nodes"]}
    nodes, links, seen = [], [], set()
    for c in range(copies):
        for n in base["nodes"]:
            nid = rename(n["id"], c, n["type"])
            if nid not in seen:
                seen.add(nid)
                suffix = f" ({c})" if c and nid != n["id"] else ""
                nodes.append({**n, "id": nid, "name": n["name"] + suffix,
                              **({"title": n["title"] + suffix} if "title" in n else {})})
        for e in base["links"]:
            links.append({**e, "source": rename(e["source"], c, types[e["source"]]),
                          "target": rename(e["target"], c, types[e["target"]])})
    return KnowledgeGraph.from_node_link({"nodes": nodes, "links": links})


def explorer_graph(base: dict, n_nodes: int) -> KnowledgeGraph:
    """About ``n_nodes`` nodes: copies of the sample graph, cut to exactly ``n_nodes``."""
    g0 = KnowledgeGraph.from_node_link(base)
    shared = {nid for nid, _ in g0.top_entities(50)}
    copies = math.ceil(n_nodes / len(g0)) + 1
    g = replicate(base, copies, rename_entities=True, shared=shared)
    keep = [n["id"] for n in g.nodes()]
    keep = sorted(keep, key=lambda i: (int(i.rsplit("~", 1)[1]) if "~" in i else 0, i))[:n_nodes]
    return g.subgraph(keep)


def bench_explorer(base: dict, sizes: list[int], browser: bool) -> list[dict]:
    """Generation time and Chromium render time per graph size."""
    from kg.export import html
    from kg.export.layout import layout

    rows = []
    for n in sizes:
        g = explorer_graph(base, n)
        with tempfile.TemporaryDirectory() as d:
            ids, note = html.select_view(g)
            sub = g.subgraph(ids)
            t = time.perf_counter()
            layout(ids, [(e["source"], e["target"]) for e in sub.edges()])
            t_layout = time.perf_counter() - t
            t = time.perf_counter()
            (path,) = html.write(g, d)
            row = {"graph_nodes": len(g), "graph_edges": sum(g.count_edges().values()), "shown_nodes": len(ids),
                   "overview": bool(note), "generate_s": round(time.perf_counter() - t, 3),
                   "layout_s": round(t_layout, 3), "html_bytes": path.stat().st_size}
            if browser:
                row.update(render_in_chromium(path))
        print(json.dumps(row))
        rows.append(row)
    return rows


def render_in_chromium(path: Path, runs: int = 3) -> dict:
    """Median time from navigation to the first drawn frame, and a check that nothing moves afterwards."""
    from kg.export.chromium import Chromium

    first, loaded, filt = [], [], []
    stable = True
    for _ in range(runs):
        with Chromium() as c:
            t = time.perf_counter()
            c.open(path)
            c.wait_for("window.kgExplorer && kgExplorer.ready", timeout=60)
            loaded.append(time.perf_counter() - t)
            first.append(c.eval("kgExplorer.firstDrawMs") / 1000)
            before = c.eval("JSON.stringify(kgExplorer.network.getPositions())")
            filt.append(c.eval("(() => { const t = performance.now(); kgExplorer.setTypeVisible('Paper', false);"
                               " kgExplorer.setTypeVisible('Paper', true); kgExplorer.network.redraw();"
                               " return performance.now() - t; })()") / 1000)
            time.sleep(1)
            stable &= before == c.eval("JSON.stringify(kgExplorer.network.getPositions())")
            assert c.errors() == [] and c.requests() == [], (c.errors(), c.requests())
            assert c.eval("kgExplorer.renderedNodeCount()") == c.eval("kgExplorer.data.shown")
    return {"first_draw_s": round(statistics.median(first), 3), "ready_s": round(statistics.median(loaded), 3),
            "filter_toggle_s": round(statistics.median(filt), 3), "stable_after_1s": stable}


def timed(fn, args_list) -> dict:
    times = []
    for args in args_list:
        t = time.perf_counter()
        fn(*args)
        times.append(time.perf_counter() - t)
    times.sort()
    return {"n": len(times), "median_ms": round(1000 * statistics.median(times), 2),
            "p95_ms": round(1000 * times[int(0.95 * (len(times) - 1))], 2), "max_ms": round(1000 * times[-1], 2)}


def bench_queries(base: dict, n_papers: int) -> dict:
    """Latency of related and neighbors on a graph of ``n_papers`` papers (entities shared by all copies)."""
    per_copy = sum(1 for n in base["nodes"] if n["type"] == "Paper")
    copies = math.ceil(n_papers / per_copy)
    t = time.perf_counter()
    g = replicate(base, copies, rename_entities=False)
    return query_latency(g, {"copies": copies, "build_graph_s": round(time.perf_counter() - t, 2)})


def bench_graph_queries(path: Path) -> dict:
    """Latency of related and neighbors on a built ``graph.json`` (e.g. the synthetic 100k build)."""
    t, c = time.perf_counter(), time.process_time()
    g = KnowledgeGraph.read_json(path)
    return query_latency(g, {"graph": str(path), "read_graph_s": round(time.perf_counter() - t, 2),
                             "read_graph_cpu_s": round(time.process_time() - c, 2)})


def query_latency(g: KnowledgeGraph, out: dict) -> dict:
    """``out`` plus index build times and per-call latency of related, resolve and neighbors on ``g``."""
    from kg.query.lookup import resolve
    from kg.query.neighbors import neighbors
    from kg.query.related import RelatedIndex

    t = time.perf_counter()
    index = RelatedIndex(g)
    t_index = time.perf_counter() - t
    t = time.perf_counter()
    resolve(g, "FlashAttention-2")
    t_names = time.perf_counter() - t
    papers = [n["id"] for n in g.nodes("Paper")]
    step = max(1, len(papers) // 100)
    sample_papers = papers[::step][:100]
    entities = [nid for nid, _ in g.top_entities(400)][::8]  # 50 entities from hubs down to mid-tail
    names = [g.node(e)["name"] for e in entities]
    counts: dict[str, int] = {}
    for e in g.edges("compares-to"):  # "what compares to X, and what do those papers run on?" for the top X
        counts[e["target"]] = counts.get(e["target"], 0) + 1
    compared = sorted(counts, key=lambda e: (-counts[e], e))
    out = {**out, "papers": index.n_papers, "nodes": len(g), "edges": sum(g.count_edges().values()),
           "related_index_s": round(t_index, 2),
           "name_index_s": round(t_names, 2),
           "related_k10": timed(lambda p: index.related(p, 10), [(p,) for p in sample_papers]),
           "resolve_exact": timed(lambda n: resolve(g, n), [(n,) for n in names]),
           "resolve_fuzzy": timed(_try_resolve_in(g),
                                  [(n[:-1] + "x",) for n in names[:10]]),
           "neighbors_depth1_limit50": timed(lambda n: neighbors(g, n, 1, None, 50), [(n,) for n in names]),
           "neighbors_depth2_limit50": timed(lambda n: neighbors(g, n, 2, ["compares-to", "runs-on"], 50),
                                             [(g.node(e)["name"],) for e in compared[:20]])}
    print(json.dumps(out))
    return out


def _try_resolve_in(g):
    """resolve() on graph ``g`` that returns None instead of raising (misspelt names may not resolve)."""
    from kg.errors import KGError
    from kg.query.lookup import resolve

    def run(name):
        try:
            return resolve(g, name)
        except KGError:
            return None
    return run


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="small sizes, no browser runs, no results file")
    ap.add_argument("--no-browser", action="store_true")
    ap.add_argument("--graph", type=Path, help="Only the query latencies, on this graph.json (merged into the results "
                    "file under queries_graphs.LABEL).")
    ap.add_argument("--label", help="Name of the --graph results (default: the graph's folder).")
    ap.add_argument("--queries-only", action="store_true",
                    help="Only the replicated-sample query latencies (merged into the results file).")
    args = ap.parse_args(argv)
    if args.graph or args.queries_only:
        from kg.atomic import write_text

        result = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
        if args.graph:
            label = args.label or args.graph.resolve().parent.name
            result.setdefault("queries_graphs", {})[label] = bench_graph_queries(args.graph)
        else:
            result["queries"] = bench_queries(sample_node_link(), 100_000)
        write_text(RESULTS, json.dumps(result, indent=2) + "\n")
        print(f"wrote {RESULTS}")
        return
    base = sample_node_link()
    sizes, n_papers = ([2000], 10_000) if args.quick else ([2000, 20_000], 100_000)
    result = {"machine": {"python": platform.python_version(), "cpu": platform.processor() or platform.machine()},
              "sample": {"nodes": len(base["nodes"]), "links": len(base["links"])},
              "explorer": bench_explorer(base, sizes, browser=not (args.quick or args.no_browser)),
              "queries": bench_queries(base, n_papers)}
    if not args.quick:
        import os

        result["machine"]["cores"] = os.cpu_count()
        from kg.atomic import write_text

        if RESULTS.exists():  # keep the per-graph query latencies that --graph runs merged in
            earlier = json.loads(RESULTS.read_text())
            if "queries_graphs" in earlier:
                result["queries_graphs"] = earlier["queries_graphs"]
        write_text(RESULTS, json.dumps(result, indent=2) + "\n")
        print(f"wrote {RESULTS}")


if __name__ == "__main__":
    main()
