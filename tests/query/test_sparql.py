"""SPARQL over the sample build: every query in queries/ cross-checked against graph.json, binding, engines, CLI."""
from __future__ import annotations

import json
from collections import Counter, defaultdict
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import ROOT
from kg.errors import ConfigError
from kg.export.rdf import ID, node_iri
from kg.query.sparql import QueryError, bind_slice, bind_values, open_store, parse_params

QUERIES = ROOT / "queries"


@pytest.fixture(scope="module")
def build_dir(sample_build) -> Path:
    return sample_build[2]


@pytest.fixture(scope="module")
def data(build_dir) -> dict:
    d = json.loads((build_dir / "graph.json").read_text())
    d["by_id"] = {n["id"]: n for n in d["nodes"]}
    return d


@pytest.fixture(scope="module")
def store(build_dir):
    return open_store(build_dir)


@pytest.fixture(scope="module")
def rdflib_store(build_dir):
    return open_store(build_dir, "rdflib")


def run(store, name: str, *params: str) -> list[dict]:
    """Rows of a queries/*.rq file as {var: plain value}, ids shortened to graph.json ids."""
    text = (QUERIES / name).read_text()
    result = store.query(text, parse_params(params, text))
    return [{k: (t["value"][len(ID):] if t["value"].startswith(ID) else t["value"]) for k, t in row.items()}
            for row in result.rows]


def names(node: dict) -> list[str]:
    return [node["name"], *node.get("aliases", [])]


def test_every_query_documents_its_question():
    files = sorted(QUERIES.glob("*.rq"))
    assert len(files) >= 7
    for f in files:
        header = [line for line in f.read_text().splitlines() if line.startswith("#")]
        assert len(header) >= 3 and len(header[0]) > 20, f"{f.name}: header comment states the question"
        assert any("kg sparql" in line for line in header), f"{f.name}: header shows how to run it"


def test_compares_to_flashattention2(store, data):
    expected = {}
    for link in data["links"]:
        target = data["by_id"][link["target"]]
        if link["rel"] == "compares-to" and "flashattention-2" in [n.lower() for n in names(target)]:
            expected[link["source"]] = (link.get("claim") or {}).get("value")
    rows = run(store, "compares_to_flashattention2.rq")
    assert expected, "the sample corpus compares papers to FlashAttention-2"
    assert {r["paper"]: (float(r["value"]) if "value" in r else None) for r in rows} == expected
    assert all(r.get("unit") for r in rows if "value" in r)


def test_runs_on_h100(store, data):
    expected = {(link["source"], link["target"]) for link in data["links"] if link["rel"] == "runs-on"
                and any("h100" in n.lower() for n in names(data["by_id"][link["target"]]))}
    rows = run(store, "runs_on_hardware.rq")
    assert expected and {(r["paper"], r["hardware"]) for r in rows} == expected


def _chain(data, root_name: str) -> set[tuple[str, str, str]]:
    builds, proposes, proposer = defaultdict(set), defaultdict(set), defaultdict(set)
    for link in data["links"]:
        if link["rel"] == "builds-on":
            builds[link["source"]].add(link["target"])
        elif link["rel"] == "proposes":
            proposes[link["source"]].add(link["target"])
            proposer[link["target"]].add(link["source"])
    roots = {n["id"] for n in data["nodes"] if root_name.lower() in [x.lower() for x in names(n)]}
    out = set()
    # downstream: methods whose (proposer -> builds-on)* chain reaches a root
    reaches = set(roots)
    while True:
        more = {m for p, bs in builds.items() if bs & reaches for m in proposes[p]} - reaches
        if not more:
            break
        reaches |= more
    out |= {("downstream", p, m) for p, bs in builds.items() for m in bs & reaches}
    # upstream: from a root, follow proposer -> builds-on
    seen, frontier = set(roots), set(roots)
    while frontier:
        frontier = {m for x in frontier for p in proposer[x] for m in builds[p]} - seen
        seen |= frontier
    out |= {("upstream", p, m) for x in seen for p in proposer[x] for m in builds[p]}
    return out


# pinned on the sample build: the papers building on Mamba, and what the Mamba paper builds on
MAMBA_CHAIN = {  # the Mamba paper proposes Mamba-3B (a size of its own model): no builds-on
    ("downstream", "paper/cd5e681326be", "method/mamba"),
    ("downstream", "paper/8324a8c5ad99", "method/mamba"),  # HRVMamba: its own name builds on Mamba
    ("upstream", "paper/768e917e4b8d", "method/transformer"),
    ("upstream", "paper/768e917e4b8d", "method/state-space-model"),
}


def test_builds_on_chain_around_mamba(store, data):
    rows = run(store, "builds_on_chain.rq")
    got = [(r["direction"], r["paper"], r["method"]) for r in rows]
    assert len(got) == len(set(got)) and set(got) == _chain(data, "Mamba") == MAMBA_CHAIN
    assert all(r["title"] == data["by_id"][r["paper"]]["title"] for r in rows)
    assert all(r["methodName"] == data["by_id"][r["method"]]["name"] for r in rows)


@pytest.mark.parametrize("name", ["Transformer", "state SPACE model", "LoRA", "no such method"])
def test_builds_on_chain_follows_the_chain(store, data, name):
    got = {(r["direction"], r["paper"], r["method"]) for r in run(store, "builds_on_chain.rq", f"name={name}")}
    assert got == _chain(data, name)
    if name == "Transformer":  # two steps or more: a paper building on a method proposed by a Transformer paper
        direct = {link["source"] for link in data["links"] if link["rel"] == "builds-on"
                  and link["target"] == "method/transformer"}
        assert {p for d, p, m in got if d == "downstream"} - direct


def test_builds_on_chain_page_by_page(store):
    whole = run(store, "builds_on_chain.rq", "name=Transformer")
    pages = [run(store, "builds_on_chain.rq", "name=Transformer", "limit=7", f"offset={o}")
             for o in range(0, len(whole) + 7, 7)]
    assert len(whole) > 21 and [r for p in pages for r in p] == whole  # a stable order, no row twice or lost


def test_two_hop_neighbourhood(store, data):
    title = "Mamba: Linear-Time Sequence Modeling with Selective State Spaces"
    paper = next(n["id"] for n in data["nodes"] if n.get("title") == title)
    adj = defaultdict(set)
    for link in data["links"]:
        adj[link["source"]].add(link["target"])
        adj[link["target"]].add(link["source"])
    hop1 = adj[paper] - {paper}
    hop2 = {n for m in hop1 for n in adj[m]} - hop1 - {paper}
    expected = {**{n: 2 for n in hop2}, **{n: 1 for n in hop1}}
    rows = run(store, "neighbourhood_2hop.rq")
    assert {r["node"]: int(r["hops"]) for r in rows} == expected
    assert [int(r["hops"]) for r in rows] == sorted(int(r["hops"]) for r in rows)


def test_most_compared_methods(store, data):
    counts = Counter(link["target"] for link in data["links"] if link["rel"] == "compares-to")
    rows = run(store, "most_compared_methods.rq")
    got = [(r["method"], int(r["papers"])) for r in rows]
    assert got == sorted(got, key=lambda x: (-x[1], node_iri(x[0])))
    assert all(counts[m] == n for m, n in got)
    assert len(got) == min(25, len(counts))
    assert got[-1][1] >= max([n for m, n in counts.items() if m not in dict(got)], default=0)


def test_every_edge_with_evidence(store, data):
    rows = run(store, "edges_with_evidence.rq")
    from kg.export.rdf import KG, RELATION_PROPERTIES
    got = {(r["subject"], r["relation"], r["object"], r["evidence"], r["extractor"]) for r in rows}
    expected = {(l["source"], KG + RELATION_PROPERTIES[l["rel"]], l["target"], l["evidence"], l["extractor"])
                for l in data["links"]}
    assert len(rows) == len(data["links"]) and got == expected


def test_every_compares_to_with_claim(store, data):
    rows = run(store, "compares_to_claims.rq")
    got = {(r["paper"], r["method"], r["evidence"], r.get("claim"), r.get("unit")) for r in rows}
    expected = {(l["source"], l["target"], l["evidence"], (l.get("claim") or {}).get("text"),
                 (l.get("claim") or {}).get("unit")) for l in data["links"] if l["rel"] == "compares-to"}
    assert got == expected


def test_every_edge_page_by_page(store, data):
    pages = [run(store, "edges_with_evidence.rq", "limit=500", "offset=0")]
    while len(pages[-1]) == 500:
        pages.append(run(store, "edges_with_evidence.rq", "limit=500", f"offset={500 * len(pages)}"))
    assert len(pages) > 2
    rows = [(r["subject"], r["relation"], r["object"]) for p in pages for r in p]
    assert len(rows) == len(set(rows)) == len(data["links"])
    assert pages[1] == run(store, "edges_with_evidence.rq", "limit=500", "offset=500")  # a stable order


def test_paginated_queries_document_their_pages():
    for name in ("edges_with_evidence.rq", "compares_to_claims.rq", "builds_on_chain.rq"):
        text = (QUERIES / name).read_text()
        assert "LIMIT ?limit OFFSET ?offset" in text and "# @param limit =" in text and "offset=" in text, name


def test_name_lookup_uses_the_name_key(store, data):
    """kg:nameKey holds every entity's name and aliases lower-cased (and nothing for papers)."""
    rows = store.query("SELECT ?n ?k WHERE { ?n kg:nameKey ?k }").rows
    got = {(r["n"]["value"][len(ID):], r["k"]["value"]) for r in rows}
    expected = {(n["id"], x.lower()) for n in data["nodes"] if n["type"] != "Paper" for x in names(n) if x}
    assert got == expected


# LATERAL (pyoxigraph) queries are checked against graph.json above; rdflib runs the standard ones
@pytest.mark.parametrize("name", ["most_compared_methods.rq", "compares_to_claims.rq"])
def test_engines_agree(name, store, rdflib_store):
    def norm(rows):  # oxigraph prints decimals canonically ("2" for "2.0")
        return sorted(json.dumps({k: (str(float(v)) if k == "value" else v) for k, v in r.items()},
                                 sort_keys=True) for r in rows)
    assert norm(run(store, name)) == norm(run(rdflib_store, name))


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
@pytest.mark.parametrize("evil", ['x" } ; DROP ALL ; #', "x\" . ?s ?p ?o } #", "x' }} INSERT DATA { <a:a> <a:a> <a:a> }",
                                  "FlashAttention-2\\", "\n}\nSELECT * WHERE { ?s ?p ?o"])
def test_param_injection_is_harmless(evil, engine, store, rdflib_store):
    s = store if engine == "oxigraph" else rdflib_store
    before = len(s)
    if engine == "oxigraph":
        assert run(s, "compares_to_flashattention2.rq", f"name={evil}") == []
    q = "SELECT ?m WHERE { ?m rdfs:label|skos:altLabel ?l . FILTER (LCASE(STR(?l)) = LCASE(STR(?name))) }"
    assert s.query(q, parse_params([f"name={evil}"])).rows == [] and len(s) == before
    assert s.query(q, parse_params(["name=fa2"])).rows


def test_limit_and_offset_parameters():
    q = "SELECT * WHERE { ?s ?p ?o } ORDER BY ?s LIMIT ?limit OFFSET $off # LIMIT ?x in a comment"
    text, rest = bind_slice(q, parse_params(["limit=5", "off=10", "name=x"]))
    assert text == "SELECT * WHERE { ?s ?p ?o } ORDER BY ?s LIMIT 5 OFFSET 10 # LIMIT ?x in a comment"
    assert list(rest) == ["name"]
    assert bind_slice('SELECT * { ?s ?p "LIMIT ?x" }', {}) == ('SELECT * { ?s ?p "LIMIT ?x" }', {})
    for bad in ["limit=-1", "limit=1.5", "limit=x } DROP ALL", "limit=id:method/x"]:
        with pytest.raises(ConfigError, match="non-negative integer"):
            bind_slice(q, parse_params([bad, "off=0"]))
    with pytest.raises(QueryError, match="needs a value"):
        bind_slice(q, parse_params(["limit=1"]))


@pytest.mark.parametrize("name", ["compares_to_flashattention2.rq", "builds_on_chain.rq", "runs_on_hardware.rq"])
def test_rdflib_refuses_lateral_with_a_hint(rdflib_store, name):
    with pytest.raises(QueryError, match="LATERAL") as e:
        run(rdflib_store, name)
    assert "oxigraph" in e.value.hint


def test_param_binding_finds_what_it_should(store):
    rows = run(store, "compares_to_flashattention2.rq", "name=fa2")  # an alias, any case
    assert rows and {r["method"] for r in rows} == {"method/flashattention-2"}
    q = "SELECT ?t WHERE { ?m rdfs:label ?t }"
    assert store.query(q, parse_params(["m=id:method/flashattention-2"])).rows[0]["t"]["value"] == "FlashAttention-2"


def test_bad_iri_params_are_refused():
    for bad in ["m=<https://x.org/a> } DROP ALL {>", "m=id:method/x> } #", "m=<not an iri>"]:
        with pytest.raises(ConfigError):
            parse_params([bad])
    with pytest.raises(ConfigError):
        parse_params(["no-equals-sign"])
    with pytest.raises(ConfigError):
        parse_params(["bad name=1"])


def test_bind_values_finds_the_where_clause():
    t = {"o": {"type": "uri", "value": "http://x.org/a"}}
    assert bind_values('CONSTRUCT { ?s ?p "{" } WHERE { ?s ?p ?o }', t) == \
        'CONSTRUCT { ?s ?p "{" } WHERE { VALUES (?o) { (<http://x.org/a>) } ?s ?p ?o }'
    assert bind_values("# a { comment\nASK { ?s ?p ?o }", t) == \
        "# a { comment\nASK { VALUES (?o) { (<http://x.org/a>) } ?s ?p ?o }"
    assert "{ VALUES" in bind_values("SELECT ?construct { ?construct ?p ?o }", t)


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_updates_are_rejected(engine, store, rdflib_store):
    s = store if engine == "oxigraph" else rdflib_store
    before = len(s)
    for update in ["INSERT DATA { <a:a> <a:b> <a:c> }", "DELETE WHERE { ?s ?p ?o }", "DROP ALL"]:
        with pytest.raises(QueryError):
            s.query(update)
    assert len(s) == before


def test_cli_sparql_formats(build_dir):
    from kg.cli import main

    q = str(QUERIES / "compares_to_flashattention2.rq")
    r = CliRunner().invoke(main, ["sparql", str(build_dir), "--file", q, "--format", "json"])
    assert r.exit_code == 0, r.output
    res = json.loads(r.output)
    assert res["head"]["vars"][:3] == ["paper", "title", "method"] and res["results"]["bindings"]
    r = CliRunner().invoke(main, ["sparql", str(build_dir), "--file", q, "--format", "csv"])
    assert r.exit_code == 0 and r.output.splitlines()[0].startswith("paper,title,method")
    r = CliRunner().invoke(main, ["sparql", str(build_dir), "ASK { ?p a kg:Paper }", "--format", "json"])
    assert json.loads(r.output) == {"head": {}, "boolean": True}
    r = CliRunner().invoke(main, ["sparql", str(build_dir), "SELECT ?x WHERE { ?x ?y ?z } LIMIT 2"])
    assert r.exit_code == 0 and "2 row(s)" in r.output
    r = CliRunner().invoke(main, ["sparql", str(build_dir), "SELEKT nonsense"])
    assert r.exit_code == 1 and "invalid SPARQL query" in r.output


def test_missing_rdf_export_is_a_clear_error(tmp_path):
    from kg.errors import InputError

    with pytest.raises(InputError, match="no RDF export"):
        open_store(tmp_path)
