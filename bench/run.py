"""Scale benchmark: how fast and how big ``kg build`` gets on synthetic corpora of N papers.

Per size N (synthetic corpus from :mod:`bench.synth`):

* ``kg build`` end to end in a fresh subprocess under ``/usr/bin/time -v``:
  wall time, peak RSS, output sizes;
* in-process stage timings: ingest, extraction (worker pool over all cores, as
  ``kg build`` does), resolve + graph assembly, and each exporter separately
  (one after another, as papers/second and CPU seconds: its cost), then all
  exports as ``kg build`` writes them, shared out over the jobs
  (``exports_parallel``);
* from 100k papers on, also ``kg build --export json,nt,ttl,neo4j,html``, the
  export set the 100k target names (``cli_target``).

Once per run: extraction alone on one core (papers/s/core) on synthetic and on
the real sample abstracts; ``kg build`` of the sample corpus (245 papers) five
times (min/median wall, Python start-up included); the companion benchmarks
(``bench/sparql_bench.py``, ``bench/neo4j_push.py``, ``bench/explorer_bench.py``)
when present. Results go to ``bench/results/scale-*.json`` (sorted keys, with
timestamp and machine) and ``bench/results/SUMMARY.md``.

    python -m bench.run --sizes 1000,10000            # what `make bench` runs, with more sizes
    python -m bench.run --quick                       # 1k + sample corpus, < 2 minutes
    python -m bench.run --sizes 100000 --no-stages    # subprocess build only
"""
from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

from bench import synth

ROOT = synth.ROOT
RESULTS = ROOT / "bench" / "results"
WORK = ROOT / "bench" / "work"
TIME = "/usr/bin/time"
PACKAGES = ("networkx", "rdflib", "neo4j", "pyvis", "rapidfuzz", "pyoxigraph", "paperkg")
COMPANIONS = ("sparql_bench", "neo4j_push", "explorer_bench")
#: The 100k target (<= 120 s wall, <= 4 GB on 2 cores) names this export set; from this size on,
#: each size also gets a `kg build --export ...` of just these (recorded as ``cli_target``).
TARGET_FORMATS = ["json", "nt", "ttl", "neo4j", "html"]
TARGET_MIN_PAPERS = 100_000
#: what a `kg build` with every format writes per paper (5.2 GB at 100k, 15.7 GB at 300k), with headroom
OUTPUT_BYTES_PER_PAPER = 60_000


def disk_shortfall(sizes: list[int], stages: bool, free: int, work: Path = WORK) -> str | None:
    """Why the run would fill the disk, or None: the largest size's outputs must fit in the free space.

    A size's earlier outputs in ``work`` are replaced by its new ones, so they count as free.

    >>> disk_shortfall([1000], True, 10**9) is None
    True
    >>> print(disk_shortfall([300_000], False, 2 * 10**9, Path("/nonexistent")))  # doctest: +ELLIPSIS
    300,000 papers need about 18.0 GB free under /nonexistent, but 2.0 GB are; ...
    """
    for n in sorted(sizes, reverse=True)[:1]:
        need = n * OUTPUT_BYTES_PER_PAPER * (2 if stages else 1)  # the stage timings write a second set
        old = sum(sum(tree_sizes(d).values()) for d in (work / f"out-{n}", work / f"stages-{n}") if d.is_dir())
        if free + old < need:
            return (f"{n:,} papers need about {need / 1e9:.1f} GB free under {work}, but {(free + old) / 1e9:.1f} GB "
                    f"are; remove old outputs (bench/work/out-*, bench/work/stages-*, big build directories "
                    f"under /tmp) or pass smaller --sizes or --no-stages")
    return None


def machine_info() -> dict:
    """CPU model, cores, RAM, Python and package versions, git commit."""
    from importlib.metadata import PackageNotFoundError, version

    cpu = next((ln.split(":", 1)[1].strip() for ln in _read("/proc/cpuinfo").splitlines()
                if ln.startswith("model name")), platform.processor() or platform.machine())
    mem = re.search(r"MemTotal:\s+(\d+) kB", _read("/proc/meminfo"))
    pkgs = {}
    for p in PACKAGES:
        try:
            pkgs[p] = version(p)
        except PackageNotFoundError:
            pkgs[p] = None
    return {"cpu": cpu, "cores": os.cpu_count(), "cores_usable": len(os.sched_getaffinity(0)),
            "ram_gb": round(int(mem.group(1)) / 2**20, 1) if mem else None,
            "python": platform.python_version(), "platform": platform.platform(), "packages": pkgs,
            "git": _git()}


def _read(path: str) -> str:
    try:
        return Path(path).read_text()
    except OSError:
        return ""


def _git() -> dict:
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                              text=True, timeout=10).stdout.strip()
        dirty = bool(subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT,
                                    capture_output=True, text=True, timeout=10).stdout.strip())
        return {"commit": head or None, "dirty": dirty}
    except (OSError, subprocess.SubprocessError):
        return {"commit": None, "dirty": None}


def kg_command() -> list[str]:
    """The ``kg`` console script next to this Python (a fresh interpreter, like a user's)."""
    exe = Path(sys.executable).parent / "kg"
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "kg.cli"]


def timed_run(cmd: list[str], timeout: float | None = None) -> dict:
    """Run ``cmd`` under ``/usr/bin/time -v``: wall seconds, peak RSS (MB), CPU seconds, exit code."""
    if not shutil.which(TIME):
        raise SystemExit(f"{TIME} is missing: install it with `apt-get install -y time`")
    load = os.getloadavg()[0]
    t = time.perf_counter()
    p = subprocess.run([TIME, "-v", *cmd], capture_output=True, text=True, timeout=timeout)
    wall = time.perf_counter() - t
    err = p.stderr

    def field(label: str) -> str | None:
        m = re.search(rf"^\s*{re.escape(label)}: (.+)$", err, re.M)
        return m.group(1).strip() if m else None

    rss = field("Maximum resident set size (kbytes)")
    out = {"wall_s": round(wall, 3), "exit": p.returncode,
           "peak_rss_mb": round(int(rss) / 1024, 1) if rss else None,
           "user_s": float(field("User time (seconds)") or 0), "sys_s": float(field("System time (seconds)") or 0),
           "loadavg_1min_before": round(load, 2)}  # others' work on the machine inflates wall time
    if p.returncode:
        out["stderr_tail"] = err[-2000:]
    return out


def tree_sizes(root: Path) -> dict:
    """Every file under ``root`` -> bytes, keyed by relative path."""
    return {str(p.relative_to(root)): p.stat().st_size for p in sorted(root.rglob("*")) if p.is_file()}


def cli_build(inputs: Path, out: Path, formats: list[str] | None, timeout: float | None = None,
              jobs: int | None = None) -> dict:
    """``kg build`` in a fresh process: timings, peak RSS, output sizes and graph counts."""
    if out.exists():
        shutil.rmtree(out)
    cmd = [*kg_command(), "build", str(inputs), "-o", str(out), "-q", *(["-j", str(jobs)] if jobs else [])]
    for f in formats or ():
        cmd += ["--export", f]
    res = timed_run(cmd, timeout)
    if out.exists():
        res["outputs_bytes"] = tree_sizes(out)
        res["outputs_total_mb"] = round(sum(res["outputs_bytes"].values()) / 2**20, 2)
        gj = out / "graph.json"
        if gj.exists():
            res["nodes"], res["edges"] = graph_counts(gj)
    return res


def graph_counts(path: Path) -> tuple[int, int]:
    """(nodes, links) of a node-link ``graph.json``, streamed when it is written one element a line."""
    counts, section = {"nodes": 0, "links": 0}, None
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith(('"nodes": [', '"links": [')):
                section = line[1:6]
            elif section and line.startswith("{"):
                counts[section] += 1
    if not counts["nodes"]:  # another layout: parse it whole
        data = json.loads(path.read_text(encoding="utf-8"))
        return len(data["nodes"]), len(data["links"])
    return counts["nodes"], counts["links"]


def _rate(n: int, seconds: float) -> float:
    return round(n / seconds, 1) if seconds > 0 else float("inf")


def stage_timings(inputs: Path, out: Path, formats: list[str] | None, jobs: int) -> dict:
    """In-process ingest / extract / resolve / per-exporter timings (mirrors ``kg.build.build_graph``)."""
    import multiprocessing as mp

    from kg.build import CHUNK, Assembler, _taxonomy_edges, relation_rows
    from kg.export import default_formats, export, exporter, shared_views
    from kg.extract import extract_paper
    from kg.graph import KnowledgeGraph
    from kg.ingest import read_papers
    from kg.model import Paper
    from kg.resolve import Resolver

    stages: dict[str, dict] = {}
    t, c = time.perf_counter(), _cpu()
    papers = [p for p in read_papers([inputs]) if isinstance(p, Paper)]
    n = len(papers)
    stages["ingest"] = _stage(n, time.perf_counter() - t, _cpu() - c)

    t, c = time.perf_counter(), _cpu()
    if jobs > 1:
        ctx = mp.get_context("fork" if "fork" in mp.get_all_start_methods() else "spawn")
        with ctx.Pool(jobs) as pool:
            extractions = list(pool.imap(extract_paper, papers, chunksize=CHUNK))
    else:
        extractions = list(map(extract_paper, papers))
    stages["extract"] = _stage(n, time.perf_counter() - t, _cpu() - c, jobs=jobs,
                               relations=sum(len(e.relations) for e in extractions))
    del papers

    t, c = time.perf_counter(), _cpu()
    graph, resolver = KnowledgeGraph(), Resolver()
    assembler = Assembler(graph, resolver)  # the loop of kg.build.build_graph
    for ex in extractions:
        assembler.add(ex.paper, relation_rows(ex))
    _taxonomy_edges(graph, resolver)
    stages["resolve"] = _stage(n, time.perf_counter() - t, _cpu() - c)
    del extractions
    gc.collect()

    by_type, by_rel = graph.count_nodes(), graph.count_edges()
    counts = {"nodes": sum(by_type.values()), "edges": sum(by_rel.values()), "nodes_by_type": by_type,
              "edges_by_rel": by_rel}
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    names = formats or default_formats()
    t, c = time.perf_counter(), _cpu()
    with shared_views(graph):  # as kg.export.export does: nodes and edges sorted once for every format
        stages["export:views"] = _stage(n, time.perf_counter() - t, _cpu() - c)
        for name in names:  # each format alone, one after another: its CPU cost
            t, c = time.perf_counter(), _cpu()
            try:
                paths = exporter(name).write(graph, out)
            except Exception as e:  # a broken exporter (work in progress elsewhere) must not stop the benchmark
                stages[f"export:{name}"] = {"error": f"{type(e).__name__}: {e}"[:500]}
                continue
            stages[f"export:{name}"] = _stage(n, time.perf_counter() - t, _cpu() - c,
                                              bytes=sum(Path(p).stat().st_size for p in paths if Path(p).is_file()))
    shutil.rmtree(out)
    t, c = time.perf_counter(), _cpu()  # all formats as kg build writes them: shared out over the jobs
    try:
        export(graph, out, names, jobs=jobs)
        stages["exports_parallel"] = _stage(n, time.perf_counter() - t, _cpu() - c, jobs=jobs, formats=names)
    except Exception as e:
        stages["exports_parallel"] = {"error": f"{type(e).__name__}: {e}"[:500]}
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"papers": n, **counts, "stages": stages, "harness_peak_rss_mb": round(rss, 1)}


def _cpu() -> float:
    """CPU seconds used so far by this process and its reaped children (pool workers)."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def _stage(n: int, seconds: float, cpu: float, **extra) -> dict:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # high-water mark: growth shows the culprit
    return {"seconds": round(seconds, 3), "cpu_s": round(cpu, 3), "papers_per_s": _rate(n, seconds),
            "loadavg_1min": round(os.getloadavg()[0], 2), "peak_rss_mb_so_far": round(peak, 1), **extra}


def extraction_per_core(papers: list, label: str, repeat_to: int = 0) -> dict:
    """Single-process ``extract_paper`` throughput over pre-loaded papers (after a warm-up)."""
    from kg.extract import extract_paper

    for p in papers[:20]:
        extract_paper(p)  # loads the vocabulary and compiles patterns: not part of the rate
    work = papers * max(1, -(-repeat_to // max(1, len(papers)))) if repeat_to else papers
    t, c = time.perf_counter(), time.process_time()
    rels = sum(len(extract_paper(p).relations) for p in work)
    s, cpu = time.perf_counter() - t, time.process_time() - c
    return {"corpus": label, "papers": len(work), "seconds": round(s, 3), "cpu_s": round(cpu, 3),
            "papers_per_s_per_core": _rate(len(work), cpu),  # CPU time: robust to other load on the machine
            "papers_per_s_wall": _rate(len(work), s), "relations_per_paper": round(rels / len(work), 2),
            "loadavg_1min": round(os.getloadavg()[0], 2)}


def sample_runs(repeats: int, formats: list[str] | None) -> dict:
    """``kg build`` of the sample corpus ``repeats`` times, plus ``kg --version`` (start-up alone)."""
    runs = [cli_build(synth.SAMPLE, WORK / "sample-out", formats) for _ in range(repeats)]
    starts = [timed_run([*kg_command(), "--version"]) for _ in range(repeats)]
    walls = [r["wall_s"] for r in runs]
    return {"papers": len(synth.sample_papers()), "repeats": repeats,
            "wall_s": {"min": min(walls), "median": round(statistics.median(walls), 3), "all": walls},
            "peak_rss_mb": max(r["peak_rss_mb"] or 0 for r in runs), "exit": max(r["exit"] for r in runs),
            "nodes": runs[-1].get("nodes"), "edges": runs[-1].get("edges"),
            "startup_kg_version_wall_s": {"min": min(s["wall_s"] for s in starts),
                                          "median": round(statistics.median(s["wall_s"] for s in starts), 3)}}


def companions(quick: bool, timeout: float) -> dict:
    """Run the other helpers' benchmarks (``python -m bench.X``) when their modules exist."""
    out = {}
    for mod in COMPANIONS:
        if not (ROOT / "bench" / f"{mod}.py").exists():
            out[mod] = {"skipped": f"bench/{mod}.py not present"}
            continue
        cmd = [sys.executable, "-m", f"bench.{mod}", *(["--quick"] if quick else [])]
        try:
            t = time.perf_counter()
            p = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=timeout)
            out[mod] = {"command": " ".join(cmd[1:]), "exit": p.returncode, "wall_s": round(time.perf_counter() - t, 1),
                        "stdout_tail": p.stdout[-1500:], **({"stderr_tail": p.stderr[-1500:]} if p.returncode else {})}
        except subprocess.TimeoutExpired:
            out[mod] = {"command": " ".join(cmd[1:]), "skipped": f"timed out after {timeout:.0f} s"}
    return out


def save(name: str, data: dict, machine: dict) -> Path:
    """Write ``bench/results/scale-<name>.json`` with sorted keys, a timestamp and the machine."""
    path = RESULTS / f"scale-{name}.json"
    doc = {"name": name, "timestamp": datetime.now(timezone.utc).isoformat(timespec="seconds"),
           "machine": machine, **data}
    from kg.atomic import write_text

    RESULTS.mkdir(parents=True, exist_ok=True)
    write_text(path, json.dumps(doc, indent=2, sort_keys=True) + "\n")
    print(f"wrote {path.relative_to(ROOT)}", flush=True)
    return path


def bench_size(n: int, args, machine: dict) -> dict:
    """Everything measured for one corpus size; saved as ``scale-synth-<n>.json``."""
    t = time.perf_counter()
    corpus = synth.ensure_corpus(n, args.seed)
    manifest = json.loads((corpus / "manifest.json").read_text())
    res: dict = {"papers": n, "seed": args.seed, "corpus": manifest, "jobs": args.jobs,
                 "formats": args.formats or "default",
                 "corpus_ready_s": round(time.perf_counter() - t, 2)}
    listing = corpus / "listing"
    prev = RESULTS / f"scale-synth-{n}.json"
    old = json.loads(prev.read_text()) if prev.exists() else {}
    for part, skipped in (("stages", args.no_stages), ("cli", args.no_cli), ("cli_target", args.no_target)):
        if skipped and part in old:  # keep what an earlier run measured
            res[part] = {**old[part], "from_run_at": old["timestamp"]}
    if not args.no_target and n >= TARGET_MIN_PAPERS and args.formats != TARGET_FORMATS:
        print(f"[{n}] kg build --export {','.join(TARGET_FORMATS)} (subprocess, the target's export set) ...",
              flush=True)
        res["cli_target"] = cli_build(listing, WORK / f"out-{n}-target", TARGET_FORMATS, args.timeout, args.jobs)
        res["cli_target"].update(formats=TARGET_FORMATS, papers_per_s=_rate(n, res["cli_target"]["wall_s"]),
                                 cpu_s=round(res["cli_target"]["user_s"] + res["cli_target"]["sys_s"], 2))
        shutil.rmtree(WORK / f"out-{n}-target", ignore_errors=True)
        save(f"synth-{n}", res, machine)
    if not args.no_cli:
        print(f"[{n}] kg build (subprocess) ...", flush=True)
        res["cli"] = cli_build(listing, WORK / f"out-{n}", args.formats, args.timeout, args.jobs)
        res["cli"]["papers_per_s"] = _rate(n, res["cli"]["wall_s"])
        res["cli"]["s_per_1k_papers"] = round(res["cli"]["wall_s"] / n * 1000, 3)
        res["cli"]["cpu_s_per_1k_papers"] = round((res["cli"]["user_s"] + res["cli"]["sys_s"]) / n * 1000, 3)
        save(f"synth-{n}", res, machine)  # saved now too: the stage run of a big size may be cut short
    if not args.no_stages:
        print(f"[{n}] stage timings (in-process) ...", flush=True)
        res["stages"] = stage_timings(listing, WORK / f"stages-{n}", args.formats, args.jobs)
        if "cli" in res and "nodes" in res["cli"]:
            res["stages"]["matches_cli_graph"] = (res["stages"]["nodes"], res["stages"]["edges"]) == (
                res["cli"]["nodes"], res["cli"]["edges"])
    save(f"synth-{n}", res, machine)
    return res


def main(argv: list[str] | None = None) -> None:
    """Command line (see the module docstring)."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="1000,10000", help="comma-separated corpus sizes (papers)")
    ap.add_argument("--quick", action="store_true", help="1k only + sample corpus; no 100k+; < 2 minutes")
    ap.add_argument("--formats", default=None, help="comma-separated export formats (default: kg build's defaults)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="worker processes for extraction")
    ap.add_argument("--no-cli", action="store_true", help="skip the subprocess `kg build` runs")
    ap.add_argument("--no-stages", action="store_true", help="skip the in-process stage timings")
    ap.add_argument("--no-target", action="store_true",
                    help=f"skip the extra build with the target's export set at >= {TARGET_MIN_PAPERS:,} papers")
    ap.add_argument("--no-sample", action="store_true", help="skip sample-corpus and per-core extraction runs")
    ap.add_argument("--no-companions", action="store_true", help="skip the other bench/*.py benchmarks")
    ap.add_argument("--timeout", type=float, default=6 * 3600, help="seconds allowed per subprocess build")
    args = ap.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s]
    if args.quick:
        sizes = [s for s in sizes if s <= 1000] or [1000]
    args.formats = args.formats.split(",") if args.formats else None
    machine = machine_info()
    WORK.mkdir(parents=True, exist_ok=True)
    if not args.no_cli and (short := disk_shortfall(sizes, not args.no_stages, shutil.disk_usage(WORK).free)):
        raise SystemExit(f"bench: {short}")  # before any work: a full disk fails exports halfway through a run
    for n in sizes:
        bench_size(n, args, machine)
    if not args.no_sample:
        print("sample corpus and per-core extraction ...", flush=True)
        from kg.ingest import read_papers
        from kg.model import Paper

        small = 1000 if args.quick else 10000  # the per-core rate is measured on (up to 5,000 of) these papers
        synth_papers = [p for p in read_papers([synth.ensure_corpus(small, args.seed) / "listing"])
                        if isinstance(p, Paper)][:2000 if args.quick else 5000]
        real = synth.sample_papers()
        save("extraction", {"synthetic": extraction_per_core(synth_papers, f"synth-{small}"),
                            "sample": extraction_per_core(real, "examples/hf-daily-papers", 1000 if args.quick else 2000)},
             machine)
        save("sample", sample_runs(5, args.formats), machine)
    if args.quick:
        print("companion benchmarks skipped in --quick mode (run python -m bench.<name> --quick)", flush=True)
    elif not args.no_companions:
        save("companions", {"quick": args.quick, "results": companions(False, 1800)},
             machine)
    from bench.summary import write_summary

    print(f"wrote {write_summary(RESULTS).relative_to(ROOT)}")


if __name__ == "__main__":
    main()
