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
    python -m bench.sparql_bench --nt out-100000/graph.nt --label synth-100000 \
        --param 'neighbourhood_2hop:title=Some title in that graph'

Each query runs ``--repeat`` times in the loaded store (fewer when the runs
so far took over ``--budget`` seconds); per query it records the rows, the
p50/p95 of wall and CPU seconds (process time of the worker: the store is
single-threaded) and the first run's wall time. ``--nt`` benchmarks an
existing graph (several files: comma-separated) instead of replicated
copies; ``--queries DIR`` runs another set of ``.rq`` files (e.g. an older
commit's, for before/after). A query the engine refuses (rdflib and
LATERAL) is recorded as ``refused``. Results: ``bench/results/sparql.json`` (merged
into what is there: ``copies`` by replication factor, ``graphs`` by label)
and a Markdown table on stdout.
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


def percentile(xs: list[float], q: float) -> float:
    """Nearest-rank percentile of a non-empty list."""
    xs = sorted(xs)
    return xs[min(len(xs) - 1, max(0, round(q * len(xs) + 0.5) - 1))]


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


def worker(engine: str, nt: str, steps: str, queries: str = "", repeat: int = 1, budget: float = 30.0,
           overrides: str = "{}") -> None:
    """Child process: load, then run the named queries, printing one JSON line per step."""
    from kg.query.sparql import QueryError, SparqlStore, parse_params

    files = {q.stem: q for q in (sorted(Path(queries).glob("*.rq")) if queries else QUERIES)}
    extra = json.loads(overrides)
    t, c = time.perf_counter(), time.process_time()
    store = SparqlStore(engine)
    for f in nt.split(","):
        store.load(f, trusted=True)  # as open_store does for a build folder's graph.nt
    print(json.dumps({"step": "load", "s": round(time.perf_counter() - t, 3),
                      "cpu_s": round(time.process_time() - c, 3), "triples": len(store)}), flush=True)
    for name in steps.split(","):
        text = files[name].read_text()
        params = parse_params(extra.get(name, []), text)
        walls, cpus = [], []
        try:
            while len(walls) < repeat and (not walls or sum(walls) < budget):
                t, c = time.perf_counter(), time.process_time()
                rows = len(store.query(text, params).rows)
                walls.append(time.perf_counter() - t)
                cpus.append(time.process_time() - c)
        except QueryError as e:  # e.g. rdflib refusing LATERAL: recorded, the worker goes on
            print(json.dumps({"step": name, "refused": str(e)}), flush=True)
            continue
        rec = {"step": name, "rows": rows, "runs": len(walls), "s": round(walls[0], 3)}
        for key, xs in (("wall", walls), ("cpu", cpus)):
            rec[f"{key}_p50_s"] = round(percentile(xs, 0.5), 3)
            rec[f"{key}_p95_s"] = round(percentile(xs, 0.95), 3)
        print(json.dumps(rec), flush=True)


def run_engine(engine: str, nt, timeout: float, queries: str = "", repeat: int = 1, budget: float = 30.0,
               overrides: dict | None = None) -> dict:
    """Run :func:`worker` in children; a step slower than ``timeout`` is recorded and skipped (child restarted)."""
    out: dict = {}
    pending = [q.stem for q in (sorted(Path(queries).glob("*.rq")) if queries else QUERIES)]
    while pending:
        p = subprocess.Popen([sys.executable, "-m", "bench.sparql_bench", "--worker", engine, str(nt),
                              ",".join(pending), "--queries", queries, "--repeat", str(repeat),
                              "--budget", str(budget), "--overrides", json.dumps(overrides or {})],
                             cwd=ROOT, stdout=subprocess.PIPE, text=True)
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
    ap.add_argument("--nt", help="Benchmark this N-Triples file (comma-separated: several) instead of copies.")
    ap.add_argument("--label", help="Name of the --nt graph in the results (default: the file's folder).")
    ap.add_argument("--queries", default="", help="Folder of .rq files to run (default: queries/).")
    ap.add_argument("--repeat", type=int, default=5, help="Runs per query (p50/p95 over them).")
    ap.add_argument("--budget", type=float, default=30.0, help="Stop repeating a query after this many seconds.")
    ap.add_argument("--param", action="append", default=[], metavar="QUERY:NAME=VALUE",
                    help="Override a query's parameter default (repeatable).")
    ap.add_argument("--engines", default="oxigraph", help="Engines for --nt (comma-separated).")
    ap.add_argument("--worker", nargs=3, metavar=("ENGINE", "NT", "STEPS"), help=argparse.SUPPRESS)
    ap.add_argument("--overrides", default="{}", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        return worker(*args.worker, args.queries, args.repeat, args.budget, args.overrides)
    overrides: dict = {}
    for spec in args.param:
        query, _, pair = spec.partition(":")
        overrides.setdefault(query, []).append(pair)
    opts = dict(queries=args.queries, repeat=args.repeat, budget=args.budget, overrides=overrides)
    if args.nt:
        label = args.label or Path(args.nt.split(",")[0]).resolve().parent.name
        row = {"nt": args.nt, "queries": args.queries or "queries/", "repeat": args.repeat,
               "params": overrides}
        for engine in args.engines.split(","):
            row[engine] = run_engine(engine, args.nt, args.timeout, **opts)
        save({"graphs": {label: row}})
        print(markdown({label: row}))
        return None
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
        row["oxigraph"] = run_engine("oxigraph", out / "graph.nt", args.timeout, **opts)
        if k <= args.rdflib_max:
            row["rdflib"] = run_engine("rdflib", out / "graph.nt", args.timeout, **opts)
        results[str(k)] = row
        print(json.dumps({k: row}), flush=True)
    save({"copies": results})
    print(markdown(results))


def save(new: dict) -> None:
    """Merge ``new`` ({"copies"|"graphs": {key: row}}) into bench/results/sparql.json."""
    from kg.atomic import write_text

    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / "sparql.json"
    data = json.loads(path.read_text()) if path.exists() else {}
    for section, rows in new.items():
        data.setdefault(section, {}).update(rows)
    data["cores"] = os.cpu_count()
    write_text(path, json.dumps(data, indent=2, sort_keys=True) + "\n")


def markdown(results: dict) -> str:
    """A table of load and query seconds per size and engine."""
    steps = ["load"] + sorted({s for row in results.values() for e in ("oxigraph", "rdflib") for s in row.get(e, {})}
                              - {"load"})
    lines = ["| graph | engine | " + " | ".join(steps) + " |", "|---" * (len(steps) + 2) + "|"]

    def cell(v: dict | None) -> str:
        if not v:
            return "-"
        if "timeout_s" in v:
            return f">{v['timeout_s']:.0f}"
        if "refused" in v:
            return "refused"
        return f"{v.get('wall_p50_s', v.get('s', 0)):.2f}" if "s" in v else "err"

    for key, row in results.items():
        for engine in ("oxigraph", "rdflib"):
            if engine in row:
                cells = [cell(row[engine].get(s)) for s in steps]
                lines.append(f"| {row.get('papers', key)} | {engine} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
