"""Neo4j push throughput (relationships/s) on the sample corpus and on a synthetic >=1M-relationship graph.

Starts a real Neo4j 5 (the test harness, tests/neo4j/) on loopback, then times
``kg.export.neo4j.push`` into an empty database: the node phase and the
relationship phase separately (from the progress callback), and a re-push of
the same graph (all MERGEs hit existing data). The synthetic graph replicates
the sample graph with renamed ids (``method/x`` -> ``method/x~7``) until it has
the requested number of relationships. Results: bench/results/neo4j_push.json.

    python -m bench.neo4j_push                 # sample + 1M relationships
    python -m bench.neo4j_push --quick         # sample only
    python -m bench.neo4j_push --rels 300000 --batch-size 10000
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import tempfile
import time
from pathlib import Path

from kg.atomic import write_text
from kg.export import neo4j as n4j
from kg.graph import KnowledgeGraph

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "results" / "neo4j_push.json"


def _server_module():
    spec = importlib.util.spec_from_file_location("kg_tests_neo4j_server", ROOT / "tests/neo4j/server.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def sample_graph(work: Path) -> KnowledgeGraph:
    """The sample corpus, built fresh (json only)."""
    from kg.build import build

    graph, _ = build([ROOT / "examples" / "hf-daily-papers"], work, ["json"], jobs=1)
    return KnowledgeGraph.read_json(work / "graph.json")


def replicate(graph: KnowledgeGraph, min_rels: int) -> KnowledgeGraph:
    """Copies of ``graph`` with renamed ids until there are at least ``min_rels`` relationships."""
    data = graph.to_node_link()
    per = len(data["links"])
    copies = -(-min_rels // per)
    nodes, links = [], []
    for i in range(copies):
        nodes += [{**n, "id": f"{n['id']}~{i}"} for n in data["nodes"]]
        links += [{**e, "source": f"{e['source']}~{i}", "target": f"{e['target']}~{i}"} for e in data["links"]]
    return KnowledgeGraph.from_node_link({"nodes": nodes, "links": links})


def clear(uri: str) -> None:
    from neo4j import GraphDatabase

    with GraphDatabase.driver(uri, auth=None) as d:
        while d.execute_query("MATCH (n) WITH n LIMIT 20000 DETACH DELETE n RETURN count(*) AS c").records[0]["c"]:
            pass


def timed_push(graph: KnowledgeGraph, uri: str, batch_size: int) -> dict:
    """Push into an empty database, then again; nodes/s, relationships/s, totals."""
    n_nodes, n_rels = len(graph), sum(graph.count_edges().values())
    marks: dict[str, float] = {}

    def progress(done: int) -> None:
        if done >= n_nodes and "nodes_done" not in marks:
            marks["nodes_done"] = time.perf_counter()

    t0 = time.perf_counter()
    n4j.push(graph, uri=uri, batch_size=batch_size, progress=progress)
    t1 = time.perf_counter()
    n4j.push(graph, uri=uri, batch_size=batch_size)
    t2 = time.perf_counter()
    node_s, rel_s = marks["nodes_done"] - t0, t1 - marks["nodes_done"]
    return {"nodes": n_nodes, "relationships": n_rels, "batch_size": batch_size,
            "first_push_s": round(t1 - t0, 2), "node_phase_s": round(node_s, 2), "rel_phase_s": round(rel_s, 2),
            "nodes_per_s": round(n_nodes / node_s), "rels_per_s": round(n_rels / rel_s),
            "total_rows_per_s": round((n_nodes + n_rels) / (t1 - t0)),
            "repush_s": round(t2 - t1, 2), "repush_rows_per_s": round((n_nodes + n_rels) / (t2 - t1))}


def _rust_ext() -> str | None:
    """Version of neo4j-rust-ext (the driver's Rust packstream), or None when absent."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("neo4j-rust-ext")
    except PackageNotFoundError:
        return None


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="sample corpus only")
    ap.add_argument("--rels", type=int, default=1_000_000, help="relationships in the synthetic graph")
    ap.add_argument("--batch-size", type=int, default=n4j.BATCH_SIZE)
    ap.add_argument("--heap", default="6g", help="Neo4j JVM heap")
    ap.add_argument("--out", type=Path, default=OUT, help="results file")
    args = ap.parse_args(argv)

    from bench.run import machine_info

    srvmod = _server_module()
    lib, why = srvmod.lib_dir()
    if lib is None:
        raise SystemExit(f"no Neo4j harness: {why}")
    with tempfile.TemporaryDirectory(prefix="kg-neo4j-bench-") as tmp:
        tmp = Path(tmp)
        srv = srvmod.Server(lib, tmp / "neo4j.log", heap=args.heap)
        try:
            g = sample_graph(tmp / "sample")
            results = {"sample": timed_push(g, srv.uri, args.batch_size)}
            print("sample:", results["sample"], flush=True)
            if not args.quick:
                t = time.perf_counter()
                big = replicate(g, args.rels)
                gen_s = time.perf_counter() - t
                clear(srv.uri)
                results["synthetic"] = {**timed_push(big, srv.uri, args.batch_size), "generate_s": round(gen_s, 1)}
                print("synthetic:", results["synthetic"], flush=True)
        finally:
            srv.stop()
    report = {"benchmark": "neo4j_push", "target_rels_per_s": 50_000, "neo4j_rust_ext": _rust_ext(),
              "server": "neo4j-harness 5.26 in-process, "
              f"loopback Bolt, heap {args.heap}", "timestamp": time.strftime("%Y-%m-%dT%H:%M:%S"),
              "machine": machine_info(), "load_average_1m_at_end": round(os.getloadavg()[0], 2),
              "results": results}
    if not args.quick:
        write_text(args.out, json.dumps(report, indent=2, sort_keys=True) + "\n")
        print(f"wrote {args.out}")
    return report


if __name__ == "__main__":
    main()
