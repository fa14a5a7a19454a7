"""Shipped queries/*.cypher and `kg cypher` / `kg neo4j push` against a real Neo4j 5.

Every expectation is computed independently, in Python, from graph.json.
"""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.export import neo4j as n4j
from kg.query import cypher as cq

pytestmark = pytest.mark.neo4j
QUERIES = Path(__file__).resolve().parents[2] / "queries"


@pytest.fixture(scope="module")
def loaded(neo4j_sample):
    """The sample graph (re-read from graph.json) pushed into the session's server: ``(uri, graph)``."""
    return neo4j_sample[:2]


def named(g, name):
    return [n for n in g.nodes() if n["name"] == name or name in n.get("aliases", [])]


def exp_compares_to(g, name):
    ids = {n["id"] for n in named(g, name)}
    rows = []
    for e in g.edges("compares-to"):
        if e["target"] in ids and g.node(e["source"])["type"] == "Paper":
            c, p = e.get("claim", {}), g.node(e["source"])
            rows.append([p["id"], p["title"], g.node(e["target"])["name"], c.get("value"), c.get("unit"),
                         c.get("metric"), c.get("direction"), c.get("text"), e["evidence"]])
    return sorted(rows, key=lambda r: (r[0], r[2]))


def exp_runs_on(g, name):
    ids = {n["id"] for n in named(g, name) if n["type"] == "Hardware"}
    rows = []
    for e in g.edges("runs-on"):
        if e["target"] in ids and g.node(e["source"])["type"] == "Paper":
            p = g.node(e["source"])
            props = sorted(g.node(x["target"])["name"] for x in g.out_edges(p["id"]) if x["rel"] == "proposes")
            rows.append([p["id"], p["title"], g.node(e["target"])["name"], props, e["evidence"]])
    return sorted(rows, key=lambda r: (r[0], r[2]))


def exp_chain(g, name):
    starts = {n["id"] for n in named(g, name)}
    papers = lambda nid, rel: [e["source"] for e in g.in_edges(nid) if e["rel"] == rel
                               and g.node(e["source"])["type"] == "Paper"]
    outs = lambda pid, rel: [e["target"] for e in g.out_edges(pid) if e["rel"] == rel]
    rows = []
    for direction, (r_in, r_out) in (("downstream", ("builds-on", "proposes")), ("upstream", ("proposes", "builds-on"))):
        seen, frontier = {}, set(starts)
        for step in (1, 2, 3):
            nxt = {y for x in frontier for p in papers(x, r_in) for y in outs(p, r_out)}
            for y in nxt:
                seen.setdefault(y, step)
            frontier = nxt
        rows += [[direction, y, g.node(y)["name"], s] for y, s in seen.items() if y not in starts]
    return sorted(rows, key=lambda r: (r[0], r[3], r[1]))


def exp_neighbourhood(g, paper):
    (start,) = [n["id"] for n in g.nodes("Paper") if paper in (n["id"], n["title"])]
    nbrs = lambda x: {e["target"] for e in g.out_edges(x)} | {e["source"] for e in g.in_edges(x)}
    one = nbrs(start) - {start}
    two = {y for x in one for y in nbrs(x)} - one - {start}
    return sorted(([x, g.node(x)["type"], g.node(x)["name"], h] for h, s in ((1, one), (2, two)) for x in s),
                  key=lambda r: (r[3], r[0]))


def exp_most_compared(g, limit):
    c = Counter(e["target"] for e in g.edges("compares-to")
                if g.node(e["target"])["type"] == "Method" and g.node(e["source"])["type"] == "Paper")
    return [[m, g.node(m)["name"], n] for m, n in sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]]


def busiest_fa2_paper(g):
    """A paper comparing to FlashAttention-2 with the most edges (the neighbourhood example)."""
    fa2 = {n["id"] for n in named(g, "FlashAttention-2")}
    ps = [e["source"] for e in g.edges("compares-to") if e["target"] in fa2]
    return max(sorted(ps), key=g.degree)


CASES = {
    "compares_to.cypher": (lambda g: {"name": "FlashAttention-2"}, exp_compares_to, True),
    "runs_on.cypher": (lambda g: {"name": "H100"}, exp_runs_on, False),
    "builds_on_chain.cypher": (lambda g: {"name": "Mamba"}, exp_chain, False),
    "neighbourhood.cypher": (lambda g: {"paper": busiest_fa2_paper(g)}, exp_neighbourhood, True),
    "most_compared.cypher": (lambda g: {"limit": 10}, exp_most_compared, True),
}


def test_every_shipped_query_is_covered():
    assert sorted(p.name for p in QUERIES.glob("*.cypher")) == sorted(CASES)


@pytest.mark.parametrize("fname", sorted(CASES))
def test_shipped_query_answers(loaded, fname):
    uri, g = loaded
    params_of, expect, must_have_rows = CASES[fname]
    text, defaults = cq.load_query(str(QUERIES / fname))
    assert "// Question:" in text and "// Parameters:" in text
    params = params_of(g)
    assert set(defaults) == set(params), "header documents every parameter with a default"
    keys, rows = cq.run_read(text, params, uri=uri)
    expected = expect(g, *params.values())
    assert rows == expected
    if must_have_rows:
        assert expected, f"{fname}: the sample corpus should answer this"


def test_query_defaults_run(loaded):
    uri, _ = loaded
    text, defaults = cq.load_query(str(QUERIES / "compares_to.cypher"))
    assert defaults == {"name": "FlashAttention-2"}
    _, rows = cq.run_read(text, defaults, uri=uri)
    assert rows


def test_cli_cypher_json_and_csv(loaded):
    uri, g = loaded
    r = CliRunner().invoke(main, ["cypher", str(QUERIES / "most_compared.cypher"), "--param", "limit=3",
                                  "--format", "json", "--uri", uri])
    assert r.exit_code == 0, r.output
    assert [[x["id"], x["name"], x["papers"]] for x in json.loads(r.output)] == exp_most_compared(g, 3)
    r = CliRunner().invoke(main, ["cypher", "MATCH (m:Method) WHERE m.name = $n RETURN m.id AS id",
                                  "--param", "n=FlashAttention-2", "--format", "csv", "--uri", uri])
    assert r.exit_code == 0 and r.output.splitlines() == ["id", "method/flashattention-2"]


@pytest.mark.parametrize("query", ["CREATE (n:X) RETURN n", "MATCH (n:Method) SET n.x = 1",
                                   "MATCH (n) DETACH DELETE n", "CREATE INDEX x FOR (n:X) ON (n.y)"])
def test_cli_cypher_refuses_writes(loaded, query):
    uri, g = loaded
    r = CliRunner().invoke(main, ["cypher", query, "--uri", uri])
    assert r.exit_code == 1 and ("refusing" in r.output or "rejected" in r.output)
    _, rows = cq.run_read("MATCH (n:KGNode) RETURN count(n) AS c", {}, uri=uri)
    assert rows == [[len(g)]]


def test_cli_push_never_takes_or_prints_a_password(tiny_graph, tmp_path):
    from kg.export import json as jexp

    jexp.write(tiny_graph, tmp_path)
    r = CliRunner().invoke(main, ["neo4j", "push", str(tmp_path), "--password", "x"])
    assert r.exit_code == 2  # no such option
    r = CliRunner().invoke(main, ["neo4j", "push", str(tmp_path), "--uri", "bolt://127.0.0.1:1", "-q"],
                           env={"NEO4J_PASSWORD": "s3cret-pw", "NEO4J_USERNAME": "alice"})
    assert r.exit_code == 1 and "cannot reach Neo4j" in r.output and "s3cret" not in r.output


def test_cli_push_then_counts(loaded, tiny_graph, tmp_path):
    from kg.export import json as jexp

    uri, g = loaded
    jexp.write(tiny_graph, tmp_path)
    try:
        r = CliRunner().invoke(main, ["neo4j", "push", str(tmp_path), "--wipe", "--batch-size", "2"],
                               env={"NEO4J_URI": uri})
        assert r.exit_code == 0, r.output
        assert f"pushed {len(tiny_graph)} nodes" in r.output
        _, rows = cq.run_read("MATCH (:KGNode)-[r]->(:KGNode) RETURN count(r) AS c", {}, uri=uri)
        assert rows == [[sum(tiny_graph.count_edges().values())]]
    finally:
        n4j.push(g, uri=uri, wipe=True)  # leave the module's sample graph in place


def test_params_parse():
    assert cq.parse_params(["a=1", "b=x y", "c=[1,2]"]) == {"a": 1, "b": "x y", "c": [1, 2]}
    with pytest.raises(Exception, match="bad --param"):
        cq.parse_params(["no-equals"])
