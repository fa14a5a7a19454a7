"""Profile one ``kg build`` of a synthetic corpus with pyinstrument, single process, and list the hot spots.

Extraction runs in-process (``jobs=1``) so the sampler sees it. Writes
``bench/results/PROFILE.md`` (functions by self time and by total time, per
stage) and the full pyinstrument text tree to ``bench/work/profile-<N>.txt``.

    python -m bench.profile --size 10000
"""
from __future__ import annotations

import argparse
import time
from collections import defaultdict

from bench import synth
from bench.run import RESULTS, WORK, machine_info

TOP = 25
NOTE = ("Caveat: a sampling profiler adds a cost per Python call, so call-heavy code (per-character generators, "
        "many tiny functions) looks bigger here than in the unprofiled CPU times of `bench/results/scale-*.json` "
        "(stages); use this for *where*, those for *how much*.")


def _walk(frame, acc_self, acc_total, stack):
    key = (frame.function, _short(frame.file_path), frame.line_no)
    real = [c for c in frame.children if not c.function.startswith("[")]  # "[self]"/"[await]" pseudo-frames
    acc_self[key] += frame.time - sum(c.time for c in real)
    if key not in stack:  # count a recursive function's total once
        acc_total[key] += frame.time
    for child in real:
        _walk(child, acc_self, acc_total, stack | {key})


def _short(path: str | None) -> str:
    if not path:
        return "?"
    p = path.replace(str(synth.ROOT) + "/", "")
    return p.split("site-packages/")[-1]


def hot_spots(session) -> tuple[list, list, float]:
    """(self-time rows, total-time rows, total seconds) from a pyinstrument session."""
    root = session.root_frame()
    acc_self: dict = defaultdict(float)
    acc_total: dict = defaultdict(float)
    _walk(root, acc_self, acc_total, frozenset())
    total = root.time
    by_self = sorted(acc_self.items(), key=lambda kv: -kv[1])[:TOP]
    by_total = sorted(((k, v) for k, v in acc_total.items() if k[1].startswith("kg/")), key=lambda kv: -kv[1])[:TOP]
    return by_self, by_total, total


def main(argv: list[str] | None = None) -> None:
    """Command line (see the module docstring)."""
    from pyinstrument import Profiler

    from kg.build import build

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--size", type=int, default=10000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--formats", default=None, help="comma-separated export formats (default: all defaults)")
    a = ap.parse_args(argv)
    listing = synth.ensure_corpus(a.size, a.seed) / "listing"
    out = WORK / f"profile-out-{a.size}"
    prof = Profiler(interval=0.005)
    t = time.perf_counter()
    prof.start()
    _, report = build([listing], out, a.formats.split(",") if a.formats else None, jobs=1)
    prof.stop()
    wall = time.perf_counter() - t
    WORK.mkdir(parents=True, exist_ok=True)
    (WORK / f"profile-{a.size}.txt").write_text(prof.output_text(unicode=True, show_all=False))
    by_self, by_total, total = hot_spots(prof.last_session)
    m = machine_info()
    lines = [f"# Profile: `kg build` of {a.size:,} synthetic papers, one process", "",
             f"pyinstrument (5 ms sampling), `kg.build.build(..., jobs=1)` with all default exports; "
             f"{wall:.1f} s wall under the profiler; machine: {m['cpu']}, {m['cores']} cores; "
             f"kg at {m['git']['commit']}{' (dirty)' if m['git']['dirty'] else ''}. "
             f"Build stage timings: " + ", ".join(f"{k} {v:.1f} s" for k, v in report.timings.items()) + ".", "",
             NOTE, "", "## kg functions by total time (including callees)", "",
             "| % of run | seconds | function | where |", "|---:|---:|---|---|"]
    lines += [f"| {v / total * 100:.1f} | {v:.1f} | `{f}` | {p}:{ln} |" for (f, p, ln), v in by_total]
    lines += ["", "## All functions by self time", "", "| % of run | seconds | function | where |", "|---:|---:|---|---|"]
    lines += [f"| {v / total * 100:.1f} | {v:.1f} | `{f}` | {p}:{ln} |" for (f, p, ln), v in by_self]
    lines += ["", f"Full call tree: `bench/work/profile-{a.size}.txt` (not committed; rerun `python -m bench.profile`).", ""]
    from kg.atomic import write_text

    path = RESULTS / "PROFILE.md"
    write_text(path, "\n".join(lines))
    print(f"wrote {path} ({wall:.1f} s)")


if __name__ == "__main__":
    main()
