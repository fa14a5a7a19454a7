"""Neo4j file export (``import.cypher`` + ``neo4j-admin`` CSVs) alone: seconds and peak memory.

Loads a built ``graph.json`` (default: build the 10k synthetic corpus,
bench/corpora/synth-10000-seed0, with the json exporter only), then times
``kg.export.neo4j.write`` three times (best of) and measures its peak Python
allocation with tracemalloc in a separate run (tracemalloc slows the code, so
it is not timed). Also reports peak RSS growth of the process during the timed
runs.

    python -m bench.neo4j_files                          # 10k synthetic
    python -m bench.neo4j_files --graph out/graph.json   # any build
"""
from __future__ import annotations

import argparse
import gc
import json
import resource
import tempfile
import time
import tracemalloc
from pathlib import Path

from kg.export import neo4j as n4j
from kg.graph import KnowledgeGraph

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "bench" / "corpora" / "synth-10000-seed0"


def _rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize() / 2**20


def _maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def graph_for(path: Path | None, work: Path) -> KnowledgeGraph:
    """The graph to export: ``path`` if given, else a json-only build of the 10k synthetic corpus."""
    if path is None:
        from kg.build import build

        build([CORPUS], work / "build", ["json"])
        path = work / "build" / "graph.json"
    return KnowledgeGraph.read_json(path)


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--graph", type=Path, help="graph.json to export (default: build the 10k synthetic corpus)")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="kg-neo4j-files-") as tmp:
        tmp = Path(tmp)
        g = graph_for(args.graph, tmp)
        gc.collect()
        rss0 = _rss_mb()
        times = []
        for i in range(args.repeat):
            t = time.perf_counter()
            paths = n4j.write(g, tmp / f"out{i}")
            times.append(time.perf_counter() - t)
        rss_peak = _maxrss_mb()
        size = sum(p.stat().st_size for p in paths)
        gc.collect()
        tracemalloc.start()
        base = tracemalloc.get_traced_memory()[0]
        n4j.write(g, tmp / "traced")
        peak = tracemalloc.get_traced_memory()[1] - base
        tracemalloc.stop()
    papers = sum(1 for _ in g.nodes("Paper"))
    res = {"nodes": len(g), "relationships": sum(g.count_edges().values()), "papers": papers,
           "best_s": round(min(times), 2), "times_s": [round(t, 2) for t in times],
           "papers_per_s": round(papers / min(times)), "output_mb": round(size / 2**20, 1),
           "peak_python_alloc_mb": round(peak / 2**20, 1),
           "rss_before_mb": round(rss0), "process_peak_rss_mb": round(rss_peak)}
    print(json.dumps(res, indent=2))
    return res


if __name__ == "__main__":
    main()
