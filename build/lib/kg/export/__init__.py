"""Exporters: one module per target, each with ``NAME``, ``DEFAULT`` and ``write(graph, out_dir)``.

``write`` returns the paths it wrote, writing each file atomically. Modules
are imported only when used, so heavy libraries (rdflib, neo4j, pyvis) load
only for the formats asked for. The three RDF syntaxes are formats of their
own (``nt``, ``ttl``, ``jsonld``); ``rdf`` names all three.

With more than one job, :func:`export` spreads the formats over that many
processes (this one and forked children sharing the built graph copy-on-write),
heaviest first, each process taking the next format when it is done. Formats that
share most of their work (N-Triples and Turtle) are one task when both are asked for,
unless keeping them apart is estimated to end the export sooner (:func:`plan`).

Most formats read nodes and edges sorted once and shared (:func:`shared_views`); the RDF
ones and the explorer read the graph itself (:data:`VIEW_FREE`). When that is estimated to
end sooner (:func:`fork_first`), the children are forked before the sort, this process
takes only those tasks and the children sort the views for the others, so the sort is
off the serial path.
"""
from __future__ import annotations

import contextlib
import gc
import importlib
import os
from pathlib import Path

from kg.errors import ConfigError, ExportError

#: format name -> module (or ``module:object``). ``kg build`` writes every format whose DEFAULT is True.
EXPORTERS: dict[str, str] = {
    "json": "kg.export.json",
    "graphml": "kg.export.graphml",
    "nt": "kg.export.rdf:nt",  # graph.nt
    "ttl": "kg.export.rdf:ttl",  # graph.ttl
    "jsonld": "kg.export.rdf:jsonld",  # graph.jsonld, context.jsonld
    "rdf": "kg.export.rdf",  # all three RDF syntaxes (not a default of its own: its parts are)
    "html": "kg.export.html",  # explorer.html (offline, self-contained)
    "neo4j": "kg.export.neo4j",  # neo4j/import.cypher (cypher-shell), neo4j/*.csv (neo4j-admin import)
}
#: formats that stand for several others when the work is shared out.
PARTS: dict[str, tuple[str, ...]] = {"rdf": ("nt", "ttl", "jsonld")}
#: formats written in one pass when all are asked for (they share most of their work): joint task ->
#: (``module:function(graph, out_dir, parts)`` returning the paths per part, parts)
JOINT: dict[str, tuple[str, tuple[str, ...]]] = {"nt+ttl": ("kg.export.rdf:write_parts", ("nt", "ttl"))}

#: Estimated CPU seconds of each format: (fixed, per 1,000 nodes + edges); measured on the synthetic
#: 10k- and 100k-paper corpora (141k and 1.35M nodes + edges; json, neo4j, html, nt+ttl and views
#: re-measured in session 8, nt, ttl, jsonld and graphml scaled or older). The order (and, for
#: :func:`plan` and :func:`fork_first`, the rough sums) matter, not the exact figures.
COST: dict[str, tuple[float, float]] = {
    "json": (0.0, 0.0040), "graphml": (0.0, 0.009), "nt": (0.0, 0.0188), "ttl": (0.0, 0.0143),
    "jsonld": (0.0, 0.011), "html": (0.6, 0.0015), "neo4j": (0.0, 0.0100), "nt+ttl": (0.0, 0.0195),
    "views": (0.0, 0.0024),  # the shared sort of nodes and edges (:func:`shared_views`)
}
#: tasks that read the graph itself, never the shared views: a process running only these need not wait for the sort
VIEW_FREE = frozenset({"nt", "ttl", "jsonld", "nt+ttl", "html"})


def exporter(name: str):
    """The exporter (module, or object with ``write``) for a format name."""
    try:
        module, _, attr = EXPORTERS[name].partition(":")
    except KeyError:
        raise ConfigError(f"unknown export format {name!r}",
                          hint="choose from: " + ", ".join(EXPORTERS)) from None
    mod = importlib.import_module(module)
    return getattr(mod, attr) if attr else mod


def default_formats() -> list[str]:
    """Formats ``kg build`` writes when none are named."""
    return [n for n in EXPORTERS if getattr(exporter(n), "DEFAULT", False)]


def estimated_cost(name: str, size: int) -> float:
    """Estimated CPU seconds of writing format ``name`` for a graph of ``size`` nodes + edges."""
    fixed, per_k = COST.get(name, (0.0, 0.01))
    return fixed + per_k * size / 1000


#: id(graph) -> (nodes, edges) while export() runs; None until first used when the views are lazy
_VIEWS: dict[int, tuple[list, list] | None] = {}


def _views(graph) -> tuple[list, list] | None:
    """The shared (nodes, edges) lists of ``graph``, built now if they are lazy and not built yet."""
    key = id(graph)
    if key not in _VIEWS:
        return None
    views = _VIEWS[key]
    if views is None:
        views = _VIEWS[key] = (graph.node_list(), graph.edge_list())
    return views


def nodes_of(graph):
    """``graph.nodes()``: the sorted list shared by all formats while :func:`export` runs."""
    views = _views(graph)
    return views[0] if views else graph.nodes()


def edges_of(graph):
    """``graph.edges()``: the sorted list shared by all formats while :func:`export` runs."""
    views = _views(graph)
    return views[1] if views else graph.edges()


def views_shared(graph) -> bool:
    """Whether :func:`nodes_of` and :func:`edges_of` serve shared lists for ``graph`` just now."""
    return id(graph) in _VIEWS


def views_built(graph) -> tuple[list, list] | None:
    """The shared (nodes, edges) lists if they are built already (never builds them), else None."""
    return _VIEWS.get(id(graph))


@contextlib.contextmanager
def shared_views(graph, lazy: bool = False):
    """Sort the nodes and edges once for every format (and, made before forking, for every process).

    ``lazy``: sort them only when a format first asks (in each process that does: for forking
    before the sort, when the first task of some process needs no views, see :data:`VIEW_FREE`).
    """
    _VIEWS[id(graph)] = None if lazy else (graph.node_list(), graph.edge_list())
    try:
        yield
    finally:
        _VIEWS.pop(id(graph), None)


def export(graph, out_dir: str | Path, formats: list[str] | None = None, jobs: int = 1) -> dict[str, list[Path]]:
    """Write ``graph`` in each format into ``out_dir``; return the paths per format.

    With ``jobs > 1`` the formats are shared out over ``jobs`` processes (see the module
    docstring). The files are the same either way.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    names = list(dict.fromkeys(formats or default_formats()))
    for name in names:
        exporter(name)  # unknown names fail here, before any work
    tasks = list(dict.fromkeys(part for name in names for part in PARTS.get(name, (name,))))  # each file once
    parallel = jobs > 1 and hasattr(os, "fork")
    gc.freeze()  # the graph is built: keep the collector's full passes off its millions of objects
    # The cyclic collector is off while exporting: the writers allocate millions of short-lived, acyclic
    # strings and tuples while the walks keep millions more (rows, terms, views), so it ran thousands of
    # times, its full passes over all that was kept, for no garbage (the writers make no reference cycles;
    # peak RSS at 100k is the same without it): ~2.5 CPU s of the RDF task at 100k. Forks inherit this.
    collecting = gc.isenabled()
    gc.disable()
    try:
        size, lazy = 0, False
        if len(tasks) > 1:
            size = len(graph) + sum(graph.count_edges().values())
            tasks = plan(tasks, jobs if parallel else 1, size)
            lazy = parallel and len(tasks) > 1 and fork_first(tasks, min(jobs, len(tasks)), size)
        with shared_views(graph, lazy) if len(tasks) > 1 else contextlib.nullcontext():
            if parallel and len(tasks) > 1:
                done = _export_parallel(graph, out, tasks, min(jobs, len(tasks)), size, lazy)
            else:
                done = {part: paths for task in tasks for part, paths in _run(graph, out, task).items()}
    finally:
        if collecting:
            gc.enable()
        gc.unfreeze()
    return {name: [p for part in PARTS.get(name, (name,)) for p in done[part]] for name in names}


def plan(tasks: list[str], jobs: int, size: int) -> list[str]:
    """``tasks`` with the parts of a joint task replaced by it, unless that lengthens the estimated export.

    With one process a joint task always saves work; with more, it is taken when the heaviest-first
    schedule of the estimated costs (:func:`makespan`) ends no later with it than without.
    """
    for joint, (_, parts) in JOINT.items():
        if all(part in tasks for part in parts):
            at = min(tasks.index(part) for part in parts)
            merged = [t for t in tasks[:at] if t not in parts] + [joint] + [t for t in tasks[at:] if t not in parts]
            if jobs <= 1 or makespan(merged, jobs, size) <= makespan(tasks, jobs, size):
                tasks = merged
    return tasks


def makespan(tasks: list[str], jobs: int, size: int, lazy: bool = False) -> float:
    """Estimated CPU seconds until the last of ``jobs`` processes is done, each taking the next task, heaviest first.

    ``lazy``: the processes fork before the shared sort, this one takes only :data:`VIEW_FREE` tasks
    (:func:`pick`) and each process that takes another task sorts the views first.
    """
    jobs = max(1, jobs)
    loads, sorted_in = [0.0] * jobs, [False] * jobs
    pending, idle = sorted(tasks, key=lambda t: -estimated_cost(t, size)), set()
    while pending and len(idle) < jobs:
        i = min((j for j in range(jobs) if j not in idle), key=lambda j: (loads[j], j))
        at = pick(pending, i == 0, lazy)
        if at is None:
            idle.add(i)
            continue
        task = pending.pop(at)
        if lazy and task not in VIEW_FREE and not sorted_in[i]:
            loads[i] += estimated_cost("views", size)
            sorted_in[i] = True
        loads[i] += estimated_cost(task, size)
    return max(loads)


def fork_first(tasks: list[str], jobs: int, size: int) -> bool:
    """Whether forking before the shared sort (lazy views) is estimated to end the export sooner than sorting first."""
    return makespan(tasks, jobs, size, lazy=True) < estimated_cost("views", size) + makespan(tasks, jobs, size)


def pick(pending: list[str], parent: bool, lazy: bool) -> int | None:
    """Index in ``pending`` (heaviest first) of the task a process takes next, None for none.

    Any process takes the first; with lazy views the parent takes only :data:`VIEW_FREE` tasks
    and the children take the others first, so only the children sort the views.
    """
    if not lazy:
        return 0 if pending else None
    free = [i for i, t in enumerate(pending) if t in VIEW_FREE]
    if parent:
        return free[0] if free else None
    other = [i for i, t in enumerate(pending) if t not in VIEW_FREE]
    return (other or free or [None])[0]


def _run(graph, out: Path, task: str) -> dict[str, list[Path]]:
    """Write one task (a format, or a joint task of several): the paths per format."""
    if task in JOINT:
        spec, parts = JOINT[task]
        module, _, func = spec.partition(":")
        return getattr(importlib.import_module(module), func)(graph, out, parts)
    return {task: exporter(task).write(graph, out)}


def _export_parallel(graph, out: Path, tasks: list[str], jobs: int, size: int,
                     lazy: bool = False) -> dict[str, list[Path]]:
    """Run the tasks in this process and ``jobs - 1`` forked ones, each taking the next task, heaviest first.

    ``lazy``: the views are not sorted yet, and the tasks are taken as :func:`pick` says.
    """
    import multiprocessing as mp

    order = sorted(tasks, key=lambda t: -estimated_cost(t, size))
    ctx = mp.get_context("fork")
    taken = ctx.Array("b", len(order))  # 1 where a process took that task
    receive, send = ctx.Pipe(duplex=False)

    def take(parent: bool = False):
        with taken.get_lock():
            pending = [i for i in range(len(order)) if not taken[i]]
            at = pick([order[i] for i in pending], parent, lazy)
            if at is None:
                return None
            taken[pending[at]] = 1
        return order[pending[at]]

    def child() -> None:  # runs in the fork: the graph is already in memory
        while (task := take()) is not None:
            try:
                paths = _run(graph, out, task)
                send.send((task, "ok", {part: [str(p) for p in ps] for part, ps in paths.items()}))
            except BaseException as e:  # report, never hang the parent
                send.send((task, "error", f"{type(e).__name__}: {e}"))
                return

    gc.freeze()  # the shared views too: the collector would otherwise touch (and so copy) them in each child
    procs = [ctx.Process(target=child, name=f"kg-export-{i}") for i in range(1, jobs)]
    try:
        for p in procs:
            p.start()
        done: dict[str, list[Path]] = {}
        while (task := take(parent=True)) is not None:
            done.update(_run(graph, out, task))
    finally:
        for p in procs:
            p.join()
    failed = None
    while receive.poll():
        task, status, payload = receive.recv()
        if status == "ok":
            done.update({part: [Path(p) for p in paths] for part, paths in payload.items()})
        else:
            failed = failed or f"{task} export failed: {payload}"
    missing = [t for t in tasks if not all(part in done for part in (JOINT[t][1] if t in JOINT else (t,)))]
    if failed or missing:
        codes = ", ".join(str(p.exitcode) for p in procs)
        raise ExportError(failed or f"export of {', '.join(missing)} did not finish (worker exit codes {codes})",
                          hint="run again with -j 1 to see the full traceback")
    return done
