"""Shared fixtures: the sample corpus built once per session, a tiny hand-made graph, and `require`."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from kg.graph import KnowledgeGraph
from kg.model import Claim, Entity, Evidence, Paper, Source

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "hf-daily-papers"
GOLD = ROOT.parent / "shared" / "gold"


def require(ok: bool, reason: str) -> None:
    """Skip when a server/browser is missing locally; fail in CI (CI=true), where it must be there."""
    if ok:
        return
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"required in CI: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory):
    """The sample corpus built with every default export: ``(graph, report, out_dir)``."""
    from kg.build import build

    out = tmp_path_factory.mktemp("sample-build")
    graph, report = build([SAMPLE], out, jobs=1)
    return graph, report, out


@pytest.fixture(scope="session")
def sample_graph(sample_build) -> KnowledgeGraph:
    return sample_build[0]


@pytest.fixture
def tiny_graph() -> KnowledgeGraph:
    """Two papers, a few entities, one edge of every relation, awkward characters included."""
    g = KnowledgeGraph()
    p1 = g.add_paper(Paper("FastAttn: Faster \"Attention\" <script>alert(1)</script>",
                           "We propose FastAttn. It is 2x faster than FlashAttention-2 on H100 and GSM8K.",
                           Source("a.txt", 3), published="2024-05-01", upvotes=3, author_count=2,
                           organization="O'Brien \\ Labs"))
    p2 = g.add_paper(Paper("Another paper", "We build on FlashAttention-2 with LoRA.", Source("b.txt", 1)))
    ev = lambda s: Evidence(s, "test/1", "a.txt:3")
    fa2 = g.add_entity(Entity("Method", "FlashAttention-2", ("FA2",)))
    fast = g.add_entity(Entity("Method", "FastAttn"))
    h100 = g.add_entity(Entity("Hardware", "NVIDIA H100", ("H100",)))
    gsm = g.add_entity(Entity("Dataset", "GSM8K"))
    repo = g.add_entity(Entity("Repo", "https://github.com/x/fastattn", url="https://github.com/x/fastattn"))
    org = g.add_entity(Entity("Organization", "O'Brien \\ Labs"))
    task = g.add_entity(Entity("Task", "long-context inference"))
    lora = g.add_entity(Entity("Method", "LoRA", ("Low-Rank Adaptation",)))
    model = g.add_entity(Entity("Model", "LLaMA-2-7B"))
    g.add_edge(p1, "proposes", fast, ev("We propose FastAttn."))
    g.add_edge(p1, "compares-to", fa2, ev("It is 2x faster than FlashAttention-2 on H100 and GSM8K."),
               Claim("2x faster than FlashAttention-2", 2.0, "x", "speed", "higher"))
    g.add_edge(p1, "runs-on", h100, ev("It is 2x faster than FlashAttention-2 on H100 and GSM8K."))
    g.add_edge(p1, "evaluated-on", gsm, ev("It is 2x faster than FlashAttention-2 on H100 and GSM8K."))
    g.add_edge(p1, "has-code", repo, ev("Code: https://github.com/x/fastattn"))
    g.add_edge(p1, "published-by", org, ev("Listed with organisation: O'Brien \\ Labs"))
    g.add_edge(p1, "addresses", task, ev("We propose FastAttn."))
    g.add_edge(p1, "mentions", model, ev("We propose FastAttn."))
    g.add_edge(p2, "builds-on", fa2, ev("We build on FlashAttention-2 with LoRA."))
    g.add_edge(p2, "builds-on", lora, ev("We build on FlashAttention-2 with LoRA."))
    g.add_edge(fast, "is-a", fa2, Evidence("FastAttn is a FlashAttention-2 (curated taxonomy)", "taxonomy/1"))
    return g


@pytest.fixture(scope="session")
def neo4j_server(tmp_path_factory):
    """A real Neo4j 5 (neo4j-harness, tests/neo4j/) for the session; ``.uri`` is its Bolt URI."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("kg_tests_neo4j_server", ROOT / "tests/neo4j/server.py")
    server = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(server)
    lib, why = server.lib_dir()
    require(lib is not None, why)
    srv = server.Server(lib, tmp_path_factory.mktemp("neo4j") / "neo4j.log")
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def neo4j_sample(neo4j_server, sample_build):
    """``(uri, graph, build dir)``: the sample graph.json pushed once into an emptied database."""
    from neo4j import GraphDatabase

    from kg.export import neo4j as n4j

    graph = KnowledgeGraph.read_json(sample_build[2] / "graph.json")
    with GraphDatabase.driver(neo4j_server.uri, auth=None) as d:
        d.execute_query("MATCH (n) DETACH DELETE n")
    n4j.push(graph, uri=neo4j_server.uri)
    return neo4j_server.uri, graph, sample_build[2]
