"""Benchmark of the RDF exporter alone: seconds and peak memory of ``kg.export.rdf.write``.

Each measurement runs in a fresh child process that loads ``graph.json``, resets
the kernel's peak-RSS counter (``/proc/self/clear_refs``), runs the exporter and
reports wall and CPU seconds, the resident set after loading and the peak
during the export. ``--module`` points at another copy of the exporter (a
``.py`` file) to compare versions.

    python -m bench.rdf_export --graph bench/work/out-10000/graph.json --label synth-10000
    python -m bench.rdf_export --corpus bench/corpora/synth-10000-seed0/listing --label synth-10000
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from kg.atomic import write_text

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "rdf_export.json"


def _status(field: str) -> float:
    """A /proc/self/status memory field in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _load_module(spec: str):
    if spec.endswith(".py"):
        s = importlib.util.spec_from_file_location("rdf_under_test", spec)
        mod = importlib.util.module_from_spec(s)
        s.loader.exec_module(mod)
        return mod
    return importlib.import_module(spec)


def child(graph_path: str, module: str, out: str) -> dict:
    """Load the graph, then time one export; returns the figures."""
    import gc

    from kg.graph import KnowledgeGraph

    mod = _load_module(module)
    t = time.perf_counter()
    graph = KnowledgeGraph.read_json(graph_path)
    load_s = time.perf_counter() - t
    gc.collect()
    rss = _status("VmRSS")
    Path("/proc/self/clear_refs").write_text("5")  # reset VmHWM to the current RSS
    w, c = time.perf_counter(), time.process_time()
    paths = mod.write(graph, Path(out))
    res = {"export_wall_s": round(time.perf_counter() - w, 2), "export_cpu_s": round(time.process_time() - c, 2),
           "rss_after_load_mb": round(rss), "peak_rss_mb": round(_status("VmHWM")),
           "load_s": round(load_s, 2), "nodes": len(graph), "edges": sum(graph.count_edges().values()),
           "mb": {p.name: round(p.stat().st_size / 2**20, 1) for p in paths}}
    res["peak_over_graph_mb"] = res["peak_rss_mb"] - res["rss_after_load_mb"]
    with open(Path(out) / "graph.nt", "rb") as f:
        res["triples"] = sum(buf.count(b"\n") for buf in iter(lambda: f.read(1 << 24), b""))
    return res


def build_graph_json(corpus: str, dest: Path) -> Path:
    """Build the graph of a corpus once (jobs=2) and save its graph.json."""
    from kg.build import build_graph
    from kg.export import exporter

    graph, _ = build_graph([corpus], jobs=2)
    dest.mkdir(parents=True, exist_ok=True)
    exporter("json").write(graph, dest)
    return dest / "graph.json"


def main(argv=None) -> None:
    """Run one measurement per module and record it in bench/results/rdf_export.json."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--graph", help="graph.json to export")
    ap.add_argument("--corpus", help="listing to build first (graph.json cached under bench/work/rdf-graphs)")
    ap.add_argument("--label", required=True, help="name of the measurement, e.g. synth-10000")
    ap.add_argument("--module", action="append", help="exporter module or .py file (default kg.export.rdf)")
    ap.add_argument("--key", help="record under this name instead of the module's (e.g. before, after)")
    ap.add_argument("--results", default=str(RESULTS))
    ap.add_argument("--child", nargs=3, metavar=("GRAPH", "MODULE", "OUT"), help=argparse.SUPPRESS)
    a = ap.parse_args(argv)
    if a.child:
        print(json.dumps(child(*a.child)))
        return
    graph = a.graph or str(build_graph_json(a.corpus, ROOT / "bench" / "work" / "rdf-graphs" / a.label))
    results = json.loads(Path(a.results).read_text()) if Path(a.results).exists() else {}
    for module in a.module or ["kg.export.rdf"]:
        with tempfile.TemporaryDirectory(prefix="rdf-bench-") as out:
            p = subprocess.run([sys.executable, "-m", "bench.rdf_export", "--label", a.label, "--child", graph,
                                module, out], cwd=ROOT, capture_output=True, text=True, check=True)
        res = json.loads(p.stdout.strip().splitlines()[-1])
        res.update(module=module if not module.endswith(".py") else Path(module).name,
                   measured=time.strftime("%Y-%m-%dT%H:%M", time.gmtime()),
                   load_before=round(os.getloadavg()[0], 1))
        print(json.dumps(res))
        results.setdefault(a.label, {})[a.key or res["module"]] = res
    write_text(a.results, json.dumps(results, indent=1, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
