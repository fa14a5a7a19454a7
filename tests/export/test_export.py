"""The export registry and the parallel export: format names, parts of ``rdf``, same bytes with any job count."""
from __future__ import annotations

from pathlib import Path

import pytest

import kg.export as kx
from kg.errors import ConfigError, ExportError


def _tree(d: Path) -> dict[str, bytes]:
    return {str(p.relative_to(d)): p.read_bytes() for p in sorted(d.rglob("*")) if p.is_file()}


def test_defaults_name_each_rdf_syntax():
    defaults = kx.default_formats()
    assert {"json", "nt", "ttl", "neo4j", "html"} <= set(defaults)
    assert "rdf" not in defaults  # its parts are, so the default build writes each file once


@pytest.mark.parametrize("name", list(kx.EXPORTERS))
def test_every_format_has_an_exporter_and_a_cost(name):
    assert callable(kx.exporter(name).write)
    assert name in kx.PARTS or name in kx.COST


def test_unknown_format_fails_before_any_work(tmp_path, tiny_graph):
    with pytest.raises(ConfigError, match="unknown export format"):
        kx.export(tiny_graph, tmp_path, ["json", "nope"], jobs=2)
    assert not (tmp_path / "graph.json").exists()


@pytest.mark.parametrize("jobs", [2, 3, 8])
def test_parallel_export_writes_the_same_files(tmp_path, sample_build, jobs):
    graph, _, serial = sample_build  # built with jobs=1: every default format in this process
    paths = kx.export(graph, tmp_path, None, jobs=jobs)
    assert list(paths) == kx.default_formats()
    assert _tree(tmp_path) == _tree(serial)
    assert sorted(p.name for p in paths["jsonld"]) == ["context.jsonld", "graph.jsonld"]


def test_rdf_is_its_three_syntaxes(tmp_path, tiny_graph):
    paths = kx.export(tiny_graph, tmp_path / "a", ["rdf"], jobs=2)
    assert [p.name for p in paths["rdf"]] == ["graph.nt", "graph.ttl", "graph.jsonld", "context.jsonld"]
    parts = kx.export(tiny_graph, tmp_path / "b", ["nt", "ttl", "jsonld"], jobs=1)
    assert _tree(tmp_path / "a") == _tree(tmp_path / "b")
    assert [p.name for p in parts["ttl"]] == ["graph.ttl"]


def test_a_file_named_twice_is_written_once(tmp_path, tiny_graph):
    paths = kx.export(tiny_graph, tmp_path, ["nt", "rdf"], jobs=2)
    assert paths["nt"] == [tmp_path / "graph.nt"] and paths["rdf"][0] == tmp_path / "graph.nt"


def test_a_failing_forked_export_raises(tmp_path, tiny_graph, monkeypatch):
    from kg.export import graphml

    def broken(graph, out_dir):
        raise ValueError("boom")
    monkeypatch.setattr(graphml, "write", broken)
    monkeypatch.setitem(kx.COST, "graphml", (1e9, 0.0))  # heaviest: taken first, by either process
    with pytest.raises((ExportError, ValueError), match="boom"):  # a child's error comes back as ExportError
        kx.export(tiny_graph, tmp_path, ["graphml", "json", "ttl"], jobs=2)


def test_overview_selection_is_the_same_with_shared_views(sample_graph):
    from kg.export import html

    alone = html.select_view(sample_graph, 300)
    with kx.shared_views(sample_graph):
        shared = html.select_view(sample_graph, 300)
    assert alone == shared and 0 < len(alone[0]) <= 300 and alone[1].startswith("Overview")


def test_nt_and_ttl_are_one_task_when_that_does_not_lengthen_the_export():
    size = 1_300_000  # nodes + edges of a 100k-paper build
    target = ["json", "nt", "ttl", "neo4j", "html"]
    assert kx.plan(target, 1, size) == ["json", "nt+ttl", "neo4j", "html"]  # one process: always joint
    assert kx.plan(target, 2, size) == ["json", "nt+ttl", "neo4j", "html"]
    assert kx.plan(["nt", "ttl"], 2, size) == ["nt", "ttl"]  # two processes for two files: keep them apart
    assert kx.plan(["json", "ttl"], 1, size) == ["json", "ttl"]
    assert kx.makespan(["nt", "ttl"], 2, size) == kx.estimated_cost("nt", size)


def test_the_rdf_process_forks_before_the_sort_when_that_ends_sooner():
    size = 1_350_000
    tasks = kx.plan(["json", "nt", "ttl", "neo4j", "html"], 2, size)
    assert kx.fork_first(tasks, 2, size)
    assert not kx.fork_first(["json", "neo4j"], 2, size)  # nothing for the parent to do without the views
    pending = sorted(tasks, key=lambda t: -kx.estimated_cost(t, size))
    assert pending[kx.pick(pending, True, True)] == "nt+ttl"  # the parent: only tasks that need no views
    assert pending[kx.pick(pending, False, True)] == "neo4j"  # a child: the others first
    assert kx.pick(["json", "neo4j"], True, True) is None
    assert kx.pick(["json", "html"], True, True) == 1  # the explorer needs no views either
    assert kx.pick(["ttl"], False, True) == 0
    assert kx.pick(["json", "ttl"], True, False) == 0


@pytest.mark.parametrize("lazy", [False, True])
def test_lazy_views_write_the_same_files(tmp_path, sample_graph, monkeypatch, lazy):
    monkeypatch.setattr(kx, "fork_first", lambda *a: lazy)
    kx.export(sample_graph, tmp_path / "two", ["json", "nt", "ttl", "neo4j", "html"], jobs=2)
    kx.export(sample_graph, tmp_path / "one", ["json", "nt", "ttl", "neo4j", "html"], jobs=1)
    for path in sorted((tmp_path / "one").rglob("*")):
        if path.is_file():
            assert path.read_bytes() == (tmp_path / "two" / path.relative_to(tmp_path / "one")).read_bytes(), path


@pytest.mark.parametrize("jobs", [1, 2])
def test_joint_nt_ttl_writes_the_files_of_each_alone(tmp_path, sample_graph, jobs):
    from kg.export import rdf

    paths = kx.export(sample_graph, tmp_path / "joint", ["nt", "ttl", "json"], jobs=jobs)
    assert paths["nt"] == [tmp_path / "joint" / "graph.nt"] and paths["ttl"] == [tmp_path / "joint" / "graph.ttl"]
    for syntax in ("nt", "ttl"):
        rdf.write(sample_graph, tmp_path / "alone", (syntax,))  # one syntax: its own walk
    for name in ("graph.nt", "graph.ttl"):
        assert (tmp_path / "joint" / name).read_bytes() == (tmp_path / "alone" / name).read_bytes()
