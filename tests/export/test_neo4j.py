"""Neo4j export against a real Neo4j 5 (neo4j-harness): push, re-push, wipe, crash and files."""
from __future__ import annotations

import csv
import os
import subprocess

import pytest

from kg.errors import KGError
from kg.export import neo4j as n4j
from kg.graph import KnowledgeGraph
from kg.model import Entity

pytestmark = pytest.mark.neo4j


def clear(driver) -> None:
    driver.execute_query("MATCH (n) DETACH DELETE n")


@pytest.fixture
def neo(neo4j_server):
    """``(uri, driver)`` on the session's server, emptied first."""
    from neo4j import GraphDatabase

    with GraphDatabase.driver(neo4j_server.uri, auth=None) as d:
        clear(d)
        yield neo4j_server.uri, d


def snapshot(driver) -> tuple[dict, dict]:
    """Everything in the database: ``{id: (labels, props)}`` and ``{(src, TYPE, dst): props}``."""
    nodes = {r["p"]["id"]: (tuple(sorted(r["l"])), r["p"])
             for r in driver.execute_query("MATCH (n) RETURN labels(n) AS l, properties(n) AS p").records}
    rels = {}
    for r in driver.execute_query("MATCH (a)-[r]->(b) RETURN a.id AS a, type(r) AS t, b.id AS b, "
                                  "properties(r) AS p").records:
        key = (r["a"], r["t"], r["b"])
        assert key not in rels, f"duplicate relationship {key}"
        rels[key] = r["p"]
    return nodes, rels


def expected_counts(graph) -> tuple[dict, dict]:
    """Per-label and per-type counts straight from the graph's own counters."""
    return (graph.count_nodes(),
            {rel.upper().replace("-", "_"): n for rel, n in graph.count_edges().items()})


def db_counts(driver) -> tuple[dict, dict]:
    labels = {r["l"]: r["c"] for r in driver.execute_query(
        "MATCH (n:KGNode) UNWIND [l IN labels(n) WHERE l <> 'KGNode'] AS l RETURN l, count(*) AS c").records}
    types = {r["t"]: r["c"] for r in driver.execute_query(
        "MATCH (:KGNode)-[r]->(:KGNode) RETURN type(r) AS t, count(*) AS c").records}
    return dict(sorted(labels.items())), dict(sorted(types.items()))


def test_push_counts_equal_graph_json(neo, sample_build):
    uri, d = neo
    graph = KnowledgeGraph.read_json(sample_build[2] / "graph.json")  # exactly what graph.json holds
    done = []
    counts = n4j.push(graph, uri=uri, batch_size=500, progress=done.append)
    assert counts == {"nodes": len(graph), "relationships": sum(graph.count_edges().values())}
    assert done[-1] == n4j.total_rows(graph) and done == sorted(done)
    assert db_counts(d) == expected_counts(graph)
    constraints = {r["name"] for r in d.execute_query("SHOW CONSTRAINTS YIELD name").records}
    assert {f"kg_{t.lower()}_id" for t in n4j.LABELS} <= constraints


def test_repush_is_idempotent(neo, sample_graph):
    uri, d = neo
    n4j.push(sample_graph, uri=uri, batch_size=300)
    first = snapshot(d)
    n4j.push(sample_graph, uri=uri, batch_size=1000)
    assert snapshot(d) == first
    assert len(first[0]) == len(sample_graph) and len(first[1]) == sum(sample_graph.count_edges().values())


def test_awkward_strings_round_trip(neo, tiny_graph):
    uri, d = neo
    n4j.push(tiny_graph, uri=uri)
    nodes, rels = snapshot(d)
    for n in tiny_graph.nodes():
        labels, props = nodes[n["id"]]
        assert labels == tuple(sorted(("KGNode", n["type"])))
        for k in ("name", "title", "organization", "aliases", "url", "upvotes", "published", "sources"):
            assert props.get(k) == n.get(k), (n["id"], k)
    assert nodes["organization/o-brien-labs"][1]["name"] == "O'Brien \\ Labs"
    title = next(n["title"] for n in tiny_graph.nodes("Paper") if "<script>" in n["title"])
    assert any(p.get("title") == title for _, p in nodes.values())
    for e in tiny_graph.edges():
        props = rels[(e["source"], n4j.REL_TYPES[e["rel"]], e["target"])]
        assert props["evidence"] == e["evidence"] and props["extractor"] == e["extractor"]
        for k, v in e.get("claim", {}).items():
            assert props[f"claim_{k}"] == v


def test_wipe_deletes_only_kg_nodes(neo, tiny_graph, sample_graph):
    uri, d = neo
    d.execute_query("CREATE (:Other {name: 'not ours'})-[:LIKES]->(:Other {name: 'also not ours'})")
    n4j.push(sample_graph, uri=uri)
    n4j.push(tiny_graph, uri=uri, wipe=True)
    assert db_counts(d) == expected_counts(tiny_graph)
    others = d.execute_query("MATCH (o:Other)-[:LIKES]->(:Other) RETURN count(*) AS c").records[0]["c"]
    assert others == 1


def test_interrupted_push_converges(neo, neo4j_server, sample_graph, tmp_path):
    """Kill the server mid-push (SIGKILL), restart it on the same store, re-push: exactly the full graph."""
    _, d = neo
    n4j.push(sample_graph, uri=neo4j_server.uri, batch_size=200)
    reference = snapshot(d)  # a clean push of the same graph, for comparison
    Server = type(neo4j_server)
    store = tmp_path / "store"
    srv = Server(neo4j_server.lib, tmp_path / "crash.log", home=store)
    total = n4j.total_rows(sample_graph)

    def kill_midway(done: int) -> None:
        if done >= total // 3:
            srv.kill()

    try:
        with pytest.raises(KGError, match="re-run|rejected|went away"):
            n4j.push(sample_graph, uri=srv.uri, batch_size=25, progress=kill_midway, retry_seconds=1)
        assert srv.proc.poll() is not None
        srv = Server(neo4j_server.lib, tmp_path / "restart.log", home=store)
        from neo4j import GraphDatabase

        with GraphDatabase.driver(srv.uri, auth=None) as d2:
            partial = sum(db_counts(d2)[0].values()) + sum(db_counts(d2)[1].values())
            assert 0 < partial < total  # the crash really left a half-loaded store
            n4j.push(sample_graph, uri=srv.uri, batch_size=500)
            assert snapshot(d2) == reference
    finally:
        srv.stop()


def test_unreachable_server_is_a_clear_error():
    with pytest.raises(KGError, match="cannot reach Neo4j") as e:
        n4j.push(KnowledgeGraph(), uri="bolt://127.0.0.1:1",
                 password="s3cret-pw")
    assert "s3cret" not in str(e.value) + (e.value.hint or "")


# -- files -----------------------------------------------------------------------
def cypher_statements(path) -> list[str]:
    """Split import.cypher as cypher-shell does: a statement ends with ';' at a line end."""
    out, cur = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("//") and not cur:
            continue
        cur.append(line)
        if line.endswith(";"):
            out.append("\n".join(cur)[:-1])
            cur = []
    assert not cur, "trailing text after the last statement"
    return out


@pytest.mark.parametrize("which", ["tiny", "sample"])
def test_import_cypher_loads_same_as_push(neo, which, tiny_graph, sample_graph, tmp_path):
    uri, d = neo
    graph = tiny_graph if which == "tiny" else sample_graph
    paths = n4j.write(graph, tmp_path)
    n4j.push(graph, uri=uri)
    pushed = snapshot(d)
    clear(d)
    with d.session() as s:
        for stmt in cypher_statements(tmp_path / "neo4j" / "import.cypher"):
            s.run(stmt).consume()
    assert db_counts(d) == expected_counts(graph)
    assert snapshot(d) == pushed
    assert paths[0].name == "import.cypher"


def test_files_are_deterministic(tiny_graph, tmp_path):
    a = n4j.write(tiny_graph, tmp_path / "a")
    b = n4j.write(tiny_graph, tmp_path / "b")
    assert [p.name for p in a] == [p.name for p in b]
    assert all(x.read_bytes() == y.read_bytes() for x, y in zip(a, b))


def test_csv_headers_valid(sample_graph, tmp_path):
    paths = [p for p in n4j.write(sample_graph, tmp_path) if p.suffix == ".csv"]
    allowed = {"int", "double", "boolean", "string", "string[]"}
    nodes = rels = 0
    for p in paths:
        with open(p, newline="", encoding="utf-8") as f:
            rows = list(csv.reader(f))
        header, body = rows[0], rows[1:]
        assert all(len(r) == len(header) for r in body), p
        if p.name.startswith("nodes_"):
            assert header[:2] == ["id:ID", ":LABEL"]
            assert {r[1] for r in body} == {f"KGNode;{p.stem[6:]}"}
            nodes += len(body)
        else:
            assert header[:3] == [":START_ID", ":END_ID", ":TYPE"]
            assert {r[2] for r in body} == {p.stem[5:]}
            rels += len(body)
        for col in header:
            name, _, typ = col.partition(":")
            assert name or typ in {"ID", "LABEL", "START_ID", "END_ID", "TYPE"}
            if name and typ:
                assert typ in allowed | {"ID"}, col
    assert (nodes, rels) == (len(sample_graph), sum(sample_graph.count_edges().values()))


def test_neo4j_admin_import_loads_csv(neo4j_server, tiny_graph, tmp_path):
    """The CSVs through the real ``neo4j-admin database import full``, then served and checked."""
    paths = [p for p in n4j.write(tiny_graph, tmp_path / "out") if p.suffix == ".csv"]
    home = tmp_path / "home"
    (home / "conf").mkdir(parents=True)
    (home / "conf" / "neo4j.conf").write_text("")
    args = [f"--nodes={p}" for p in paths if p.name.startswith("nodes_")]
    args += [f"--relationships={p}" for p in paths if p.name.startswith("rels_")]
    cmd = ["java", "-Xmx1g", "-cp", f"{neo4j_server.lib}/*", "org.neo4j.cli.AdminTool", "database", "import",
           "full", "neo4j", "--array-delimiter=;", "--multiline-fields=true", *args]
    env = {**os.environ, "NEO4J_HOME": str(home), "NEO4J_CONF": str(home / "conf")}
    r = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stdout[-2000:] + r.stderr[-2000:]
    srv = type(neo4j_server)(neo4j_server.lib, tmp_path / "admin.log", home=home)
    try:
        from neo4j import GraphDatabase

        with GraphDatabase.driver(srv.uri, auth=None) as d:
            assert db_counts(d) == expected_counts(tiny_graph)
            nodes, rels = snapshot(d)
            assert nodes["organization/o-brien-labs"][1]["name"] == "O'Brien \\ Labs"
            assert nodes["method/flashattention-2"][1]["aliases"] == ["FA2"]
            claim = rels[("paper/" + next(n["id"] for n in tiny_graph.nodes("Paper")
                                          if "FastAttn" in n["title"])[6:], "COMPARES_TO",
                          "method/flashattention-2")]
            assert claim["claim_value"] == 2.0 and claim["claim_unit"] == "x"
    finally:
        srv.stop()


AWKWARD = ["O'Brien \\ Labs", 'say "hi"', "ends with \\", "\\", "'", '"', "two\nlines\r\n\ttab", "\b\f\x00\x1f\x7f",
           "naïve — 東京 😀 \u2028", "<script>alert('x')</script>", '{"id": 1}, "props": ', "\\'\\\"", ";", ""]


def test_cypher_literal_escapes_without_server():
    """Fast path == slow path; every literal is one line and UTF-8 (lone surrogates escaped)."""
    rows = [{"id": s, "props": {"name": s, "aliases": [s, "x"], "n": 2.5}} for s in AWKWARD + ["a\ud800b"]]
    rows.append({"id": "odd", "props": {"a b": "x", "name": "y"}})  # a key that needs backticks
    text = n4j.rows_literal(rows)
    assert text == "[\n" + ",\n".join(n4j.cypher_literal(r) for r in rows) + "\n]"
    assert text.count("\n") == len(rows) + 1 and "`a b`: " in text
    assert "\\ud800" in text and text.encode("utf-8")
    assert n4j.cypher_literal("ends with \\") == '"ends with \\\\"'
    with pytest.raises(KGError, match="non-finite"):
        n4j.rows_literal([{"id": "x", "props": {"v": float("inf")}}])


def test_cypher_literals_evaluate_to_the_value(neo):
    """Neo4j itself parses each literal back to the exact Python value."""
    _, d = neo
    values = AWKWARD + [[*AWKWARD, 1, 2.5, True], {"name": AWKWARD[0], "a b": AWKWARD[1]}]
    for v in values:
        got = d.execute_query(f"RETURN {n4j.cypher_literal(v)} AS v").records[0]["v"]
        assert got == v, v
    rows = [{"id": s, "props": {"name": s}} for s in AWKWARD]
    got = d.execute_query(f"UNWIND {n4j.rows_literal(rows)} AS row RETURN row").records
    assert [r["row"] for r in got] == rows


def _with_awkward_edges(graph):
    """``graph`` plus plain edges whose strings need escaping (quotes, newlines, commas, non-ASCII)."""
    paper = next(n["id"] for n in graph.nodes("Paper"))
    for i, s in enumerate([*AWKWARD, "x,y"]):
        target = graph.add_entity(Entity("Task", f"awkward task {i}"))
        graph.add_edge_values(paper, "addresses", target, s, s or "x/1", f"{s}.txt:{i}")
    return graph


def test_plain_edges_are_written_as_the_general_path_writes_them(tiny_graph, sample_graph, tmp_path, monkeypatch):
    """Relationship types whose edges are all plain take a direct path: the files are those of the general one."""
    import kg.export.neo4j_files as nf

    for name, graph in (("tiny", _with_awkward_edges(tiny_graph)), ("sample", sample_graph)):
        fast = n4j.write(graph, tmp_path / name / "fast")
        with monkeypatch.context() as m:
            m.setattr(nf, "_PLAIN_TYPES", ())  # no edge counts as plain
            slow = n4j.write(graph, tmp_path / name / "slow")
        assert [p.name for p in fast] == [p.name for p in slow]
        assert [p.read_bytes() for p in fast] == [p.read_bytes() for p in slow], name


def test_rows_rendered_already_mix_with_other_rows():
    plain = {"source": "paper/1", "target": "task/x", "props": {"evidence": 'say "hi"\n', "extractor": "r/1"}}
    odd = {"source": "paper/1", "target": "task/y", "props": {"a b": "x"}}  # a key that needs backticks
    text = n4j.rows_literal([plain])[2:-2]
    assert n4j.rows_literal([text, odd, plain]) == n4j.rows_literal([plain, odd, plain])
    assert n4j.rows_literal([text, plain]) == n4j.rows_literal([plain, plain])
