"""Terminal output for the CLI: progress bars, build summaries and graph statistics (rich)."""
from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Callable, Iterator

from kg.errors import InputError


def _console(stderr: bool = False):
    from rich.console import Console
    return Console(stderr=stderr, highlight=False)


@contextlib.contextmanager
def progress_bar(label: str, total: int | None = None, disable: bool = False) -> Iterator[Callable[[int], None]]:
    """A rich progress bar on stderr; yields ``advance(done)`` taking the running count."""
    if disable:
        yield lambda done: None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(SpinnerColumn(), TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), console=_console(stderr=True), transient=True) as prog:
        task = prog.add_task(label, total=total)
        yield lambda done: prog.update(task, completed=done)


def load_graph_dir(path: str | Path):
    """Load ``graph.json`` from a build folder (or the file itself)."""
    from kg.graph import KnowledgeGraph

    p = Path(path)
    f = p / "graph.json" if p.is_dir() else p
    if not f.exists():
        raise InputError(f"{f}: no graph.json here", hint=f"build one first: kg build INPUTS -o {p}")
    return KnowledgeGraph.read_json(f)


def print_build_summary(graph, report, out_dir, quiet: bool = False) -> None:
    """Problems (always, on stderr), then counts and written paths."""
    err = _console(stderr=True)
    for p in report.problems:
        colour = "red" if p.skipped else "yellow"
        err.print(f"[{colour}]{'skipped' if p.skipped else 'warning'}[/] {p}", markup=True)
    if report.problems:
        err.print(f"{len(report.skipped)} record(s) skipped, "
                  f"{len(report.problems) - len(report.skipped)} warning(s).")
    if quiet:
        return
    out = _console()
    nodes = graph.count_nodes()
    out.print(f"[bold]{nodes.get('Paper', 0)} papers[/] from {report.papers_read} records", markup=True)
    out.print("entities: " + ", ".join(f"{t} {n}" for t, n in nodes.items() if t != "Paper"), soft_wrap=True)
    out.print("edges:    " + ", ".join(f"{r} {n}" for r, n in graph.count_edges().items()), soft_wrap=True)
    out.print("wrote:")
    for paths in report.outputs.values():
        folders: dict[Path, list[Path]] = {}
        for p in paths:
            folders.setdefault(Path(p).parent, []).append(Path(p))
        for folder, files in folders.items():
            if len(files) > 3 and folder != Path(out_dir):  # e.g. the Neo4j CSVs: one line for the folder
                out.print(f"  {folder}/ ({len(files)} files: {', '.join(sorted({f.suffix for f in files}))})")
            else:
                for f in files:
                    out.print(f"  {f}")


def print_stats(graph, top: int = 10) -> None:
    """Tables of node counts, edge counts and top entities by degree."""
    from rich.table import Table

    out = _console()
    t = Table(title="Nodes by type")
    t.add_column("type")
    t.add_column("count", justify="right")
    for k, v in graph.count_nodes().items():
        t.add_row(k, str(v))
    out.print(t)
    t = Table(title="Edges by relation")
    t.add_column("relation")
    t.add_column("count", justify="right")
    for k, v in graph.count_edges().items():
        t.add_row(k, str(v))
    out.print(t)
    t = Table(title=f"Top {top} entities by degree")
    for c in ("entity", "type", "degree"):
        t.add_column(c, justify="right" if c == "degree" else "left")
    for nid, deg in graph.top_entities(top):
        n = graph.node(nid)
        t.add_row(n["name"], n["type"], str(deg))
    out.print(t)


def print_scores(result: dict, show_errors: bool = False, fmt: str = "table") -> None:
    """Evaluation scores as a table (or JSON), optionally with every error."""
    import json

    out = _console()
    if fmt == "json":
        data = result if show_errors else {k: v for k, v in result.items() if k != "errors"}
        print(json.dumps(data, indent=1, sort_keys=True))
        return
    from rich.table import Table

    t = Table(title=f"Scores ({result['split']} split)")
    for c in ("relation", "P", "R", "F1", "tp", "fp", "fn"):
        t.add_column(c, justify="left" if c == "relation" else "right")
    for k, v in result["scores"].items():
        t.add_row("edges (all but addresses)" if k == "edges" else k, f"{v['p']:.2f}", f"{v['r']:.2f}",
                  f"{v['f1']:.2f}", str(v["tp"]), str(v["fp"]), str(v["fn"]))
    out.print(t)
    if c := result.get("claims"):
        out.print(f"claims: {c['gold']} in the gold; {c['edge_found']} on edges found, {c['with_claim']} of them "
                  f"with a claim here, {c['value_agrees']} with a value the gold claim states", markup=False)
    if show_errors:
        for e in result["errors"]:
            out.print(f"  {e['paper'][:50]} | {e['kind']} | {e['error']} | {e['name']}", markup=False)
