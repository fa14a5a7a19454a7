"""SPARQL and RDF-export benchmark: pyoxigraph vs rdflib, on the sample graph replicated N times.

The sample corpus is built once (``bench/work/sparql/sample``); its graph is
replicated ``k`` times with renamed ids (copy ``i`` suffixes every id with
``-x<i>``), so ``k=400`` gives ~100k papers with the sample's shape. Per
size: RDF export time per file (kg's own writers; rdflib's N-Triples and
Turtle serialisers for comparison up to ``--rdflib-max``), then per engine, in
a child process with a per-step timeout: load ``graph.nt`` and run every
``queries/*.rq`` with its default parameters.

    python -m bench.sparql_bench                      # copies 1,40,400
    python -m bench.sparql_bench --copies 1,10 --quick
Results: ``bench/results/sparql.json`` and a Markdown table on stdout.
"""
from __future__ import annotations

import argparse
import json
import os
import select
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / "work" / "sparql"
RESULTS = ROOT / "bench" / "results"
QUERIES = sorted((ROOT / "queries").glob("*.rq"))


def sample_graph():
    """The sample corpus graph (built once into bench/work/sparql/sample)."""
    from kg.graph import KnowledgeGraph

    out = WORK / "sample"
    if not (out / "graph.json").exists():
        from kg.build import build

        build([ROOT / "examples" / "hf-daily-papers"], out, ["json"], jobs=1)
    return KnowledgeGraph.read_json(out / "graph.json")


def replicate(graph, copies: int):
    """``copies`` disjoint copies of ``graph`` in one graph (copy 0 keeps the original ids)."""
    from kg.graph import KnowledgeGraph

    data = graph.to_node_link()
    nodes, links = [], []
    for i in range(copies):
        sfx = f"-x{i}" if i else ""
        nodes += [{**n, "id": n["id"] + sfx} for n in data["nodes"]]
        links += [{**e, "source": e["source"] + sfx, "target": e["target"] + sfx} for e in data["links"]]
    return KnowledgeGraph.from_node_link({**data, "nodes": nodes, "links": links})


def timed(fn, *a):
    t = time.perf_counter()
    out = fn(*a)
    return out, round(time.perf_counter() - t, 3)


def export(graph, out: Path, with_rdflib: bool) -> dict:
    """Seconds per export step, plus file sizes."""
    from kg.export import rdf

    out.mkdir(parents=True, exist_ok=True)
    res = {}
    _, res["write_s"] = timed(rdf.write, graph, out)  # all three files in one streaming pass
    with open(out / "graph.nt", "rb") as f:
        res["triples"] = sum(1 for _ in f)
    res["mb"] = {f: round((out / f).stat().st_size / 2**20, 1) for f in ("graph.nt", "graph.ttl", "graph.jsonld")}
    if with_rdflib:
        import rdflib

        g, res["rdflib_parse_nt_s"] = timed(lambda: rdflib.Graph().parse(out / "graph.nt", format="nt"))
        _, res["rdflib_serialize_nt_s"] = timed(lambda: g.serialize(format="nt"))
        _, res["rdflib_serialize_ttl_s"] = timed(lambda: g.serialize(format="turtle"))
    return res


def worker(engine: str, nt: str, steps: str) -> None:
    """Child process: load, then run the named queries, printing one JSON line per step."""
    from kg.query.sparql import SparqlStore, parse_params

    t = time.perf_counter()
    store = SparqlStore(engine).load(nt)
    print(json.dumps({"step": "load", "s": round(time.perf_counter() - t, 3), "triples": len(store)}), flush=True)
    for q in QUERIES:
        if q.stem not in steps.split(","):
            continue
        text = q.read_text()
        t = time.perf_counter()
        rows = len(store.query(text, parse_params([], text)).rows)
        print(json.dumps({"step": q.stem, "s": round(time.perf_counter() - t, 3), "rows": rows}), flush=True)


def run_engine(engine: str, nt: Path, timeout: float) -> dict:
    """Run :func:`worker` in children; a step slower than ``timeout`` is recorded and skipped (child restarted)."""
    out: dict = {}
    pending = [q.stem for q in QUERIES]
    while pending:
        p = subprocess.Popen([sys.executable, "-m", "bench.sparql_bench", "--worker", engine, str(nt),
                              ",".join(pending)], cwd=ROOT, stdout=subprocess.PIPE, text=True)
        for step in ["load"] + list(pending):
            ready, _, _ = select.select([p.stdout], [], [], timeout)
            line = p.stdout.readline() if ready else ""
            if not line:
                out[step] = {"timeout_s": timeout} if not ready else {"error": "worker exited"}
                if step == "load":
                    pending = []
                else:
                    pending.remove(step)
                break
            rec = json.loads(line)
            step = rec.pop("step")
            out.setdefault(step, rec)
            if step in pending:
                pending.remove(step)
        p.kill()
        p.wait()
    return out


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--copies", default="1,40,400", help="Comma-separated replication factors.")
    ap.add_argument("--rdflib-max", type=int, default=40, help="Largest factor to run rdflib on.")
    ap.add_argument("--timeout", type=float, default=120, help="Seconds allowed per load/query step.")
    ap.add_argument("--quick", action="store_true", help="Copies 1,10 only.")
    ap.add_argument("--worker", nargs=3, metavar=("ENGINE", "NT", "STEPS"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        return worker(*args.worker)
    copies = [1, 10] if args.quick else [int(c) for c in args.copies.split(",")]
    base = sample_graph()
    results = {}
    for k in copies:
        graph = replicate(base, k)
        papers = graph.count_nodes().get("Paper", 0)
        out = WORK / f"x{k}"
        row = {"papers": papers, "edges": sum(graph.count_edges().values())}
        row["export"] = export(graph, out, with_rdflib=k <= args.rdflib_max)
        del graph
        row["oxigraph"] = run_engine("oxigraph", out / "graph.nt", args.timeout)
        if k <= args.rdflib_max:
            row["rdflib"] = run_engine("rdflib", out / "graph.nt", args.timeout)
        results[str(k)] = row
        print(json.dumps({k: row}), flush=True)
    RESULTS.mkdir(parents=True, exist_ok=True)
    from kg.atomic import write_text

    write_text(RESULTS / "sparql.json", json.dumps({"copies": results, "cores": os.cpu_count()}, indent=2,
                                                   sort_keys=True) + "\n")
    print(markdown(results))


def markdown(results: dict) -> str:
    """A table of load and query seconds per size and engine."""
    steps = ["load"] + [q.stem for q in QUERIES]
    lines = ["| papers | engine | " + " | ".join(steps) + " |", "|---" * (len(steps) + 2) + "|"]
    for row in results.values():
        for engine in ("oxigraph", "rdflib"):
            if engine in row:
                cells = [(f"{v['s']:.2f}" if "s" in v else f">{v['timeout_s']:.0f}" if "timeout_s" in v else "err")
                         if (v := row[engine].get(s)) else "-" for s in steps]
                lines.append(f"| {row['papers']} | {engine} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
