"""`kg neighbors` / `kg related` on Neo4j (real server) give exactly the embedded graph's answers."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.query.lookup import UnknownName, resolve
from kg.query.neighbors import neighbors
from kg.query.related import related

pytestmark = pytest.mark.neo4j
HYDRA = "Hydra: Sequentially-Dependent Draft Heads for Medusa Decoding"


@pytest.fixture(scope="module")
def loaded(neo4j_sample):
    """``(uri, graph, build dir)``: the sample graph.json pushed once into an emptied database."""
    return neo4j_sample


@pytest.fixture(scope="module")
def neo(loaded):
    from kg.query.neo4j_source import Neo4jGraph

    with Neo4jGraph(loaded[0]) as g:
        yield g


def outcome(fn, *args, **kw):
    """The result, or the UnknownName's message, hint and candidates."""
    try:
        return fn(*args, **kw)
    except UnknownName as e:
        return ("UnknownName", str(e), e.hint, e.candidates)


@pytest.mark.parametrize("name, depth, rels, limit", [
    ("Mamba", 2, ["compares-to", "runs-on"], 50),
    ("FlashAttention-2", 1, None, 50),
    ("flash attention 2", 2, None, 5),  # punctuation-insensitive, depth 2 over everything, limited
    ("NVIDIA H100", 1, None, 50),
    ("FlashAtention-2", 1, ["compares-to"], 50),  # fuzzy
    (HYDRA, 2, None, 10),  # a paper by title
])
def test_neighbors_same_as_embedded(loaded, neo, name, depth, rels, limit):
    graph = loaded[1]
    expected = neighbors(graph, name, depth, rels, limit)
    assert expected["groups"]
    assert neighbors(neo, name, depth, rels, limit) == expected


@pytest.mark.parametrize("name", ["LoRAX", "Mambaa Hybridd", "qwerty zzz", "FlashAttn"])
def test_resolution_and_suggestions_same_as_embedded(loaded, neo, name):
    expected = outcome(resolve, loaded[1], name)
    assert outcome(resolve, neo, name) == expected


def test_some_misspelling_gets_suggestions(loaded, neo):
    got = outcome(resolve, neo, "LoRAX")
    assert got[0] == "UnknownName" and got[3] and got[2].startswith("did you mean: ")


def test_edges_and_nodes_same_as_embedded(loaded, neo):
    graph = loaded[1]
    busiest = [nid for nid, _ in graph.top_entities(15)] + [p["id"] for p in list(graph.nodes("Paper"))[:15]]
    for nid in busiest:
        assert list(neo.out_edges(nid)) == list(graph.out_edges(nid)), nid
        assert list(neo.in_edges(nid)) == list(graph.in_edges(nid)), nid
        assert neo.degree(nid) == graph.degree(nid) and neo.node(nid) == graph.node(nid)
    assert len(neo) == len(graph) and neo.count_nodes() == graph.count_nodes()
    assert "method/no-such-thing" not in neo and "method/mamba" in neo


def test_related_same_as_embedded_for_many_papers(loaded, neo):
    from kg.query.related import RelatedIndex

    graph = loaded[1]
    index = RelatedIndex(graph)
    hydra = related(graph, HYDRA, k=10, index=index)
    assert hydra["results"] and related(neo, HYDRA, k=10) == hydra
    for p in list(graph.nodes("Paper"))[::3]:
        assert related(neo, p["id"], k=5) == related(graph, p["id"], k=5, index=index), p["id"]


def test_related_unknown_paper_same_suggestions(loaded, neo):
    typo = HYDRA.replace("Sequentially", "Sequentialy").replace("Medusa", "Medussa")[:40]
    assert outcome(related, neo, typo) == outcome(related, loaded[1], typo)


def test_cli_with_uri_prints_the_same_json(loaded):
    uri, _, out = loaded
    run = CliRunner().invoke
    args = ["Mamba", "--depth", "2", "--rel", "compares-to,runs-on", "--format", "json"]
    local = run(main, ["neighbors", str(out), *args])
    remote = run(main, ["neighbors", "--uri", uri, *args], env={"NEO4J_URI": None})
    assert local.exit_code == 0 and remote.exit_code == 0, remote.output
    assert json.loads(remote.output)["groups"] and remote.output == local.output
    local = run(main, ["related", str(out), HYDRA, "-k", "5", "--format", "json"])
    remote = run(main, ["related", HYDRA, "-k", "5", "--format", "json"], env={"NEO4J_URI": uri})
    assert remote.exit_code == 0 and json.loads(remote.output)["results"] and remote.output == local.output
    text = run(main, ["related", HYDRA, "-k", "3"], env={"NEO4J_URI": uri})
    assert text.exit_code == 0 and text.output == run(main, ["related", str(out), HYDRA, "-k", "3"]).output
    bad = run(main, ["neighbors", "LoRAX"], env={"NEO4J_URI": uri})
    assert bad.exit_code == 1 and "did you mean" in bad.output


def test_cli_explicit_dir_beats_the_environment(loaded, tmp_path):
    _, _, out = loaded
    r = CliRunner().invoke(main, ["neighbors", str(out), "Mamba"], env={"NEO4J_URI": "bolt://127.0.0.1:1"})
    assert r.exit_code == 0 and r.output.startswith("Mamba [Method]")


def test_cli_usage_errors_and_no_password_leak(tmp_path):
    run = CliRunner().invoke
    r = run(main, ["neighbors", "Mamba"], env={"NEO4J_URI": None})
    assert r.exit_code == 2 and "--uri" in r.output
    r = run(main, ["related", str(tmp_path), "x", "--uri", "bolt://127.0.0.1:1"])
    assert r.exit_code == 2 and "not both" in r.output
    r = run(main, ["neighbors", "Mamba", "--password", "x", "--uri", "bolt://127.0.0.1:1"])
    assert r.exit_code == 2  # no such option
    r = run(main, ["neighbors", "Mamba"], env={"NEO4J_URI": "bolt://127.0.0.1:1", "NEO4J_PASSWORD": "s3cret-pw"})
    assert r.exit_code == 1 and "cannot reach Neo4j" in r.output and "s3cret" not in r.output
