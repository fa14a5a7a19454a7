"""The graph model: merging, contract fields, node-link round trip."""
from kg.graph import KnowledgeGraph
from kg.model import Entity, Evidence, Paper, Source


def test_same_entity_in_two_papers_is_one_node_with_aliases():
    g = KnowledgeGraph()
    a = g.add_entity(Entity("Method", "Mixture-of-Experts", ("MoE",)))
    b = g.add_entity(Entity("Method", "Mixture-of-Experts", ("mixture of experts",)))
    assert a == b and g.node(a)["aliases"] == ["MoE", "mixture of experts"]


def test_repeat_edge_keeps_first_evidence():
    g = KnowledgeGraph()
    p = g.add_paper(Paper("T", "A.", Source("f", 1)))
    m = g.add_entity(Entity("Method", "X"))
    assert g.add_edge(p, "builds-on", m, Evidence("first", "t/1"))
    assert not g.add_edge(p, "builds-on", m, Evidence("second", "t/1"))
    assert [e["evidence"] for e in g.edges()] == ["first"]


def test_node_link_contract_and_round_trip(tiny_graph):
    data = tiny_graph.to_node_link()
    for n in data["nodes"]:
        assert {"id", "type", "name", "aliases"} <= set(n)
        if n["type"] == "Paper":
            assert {"title", "abstract"} <= set(n)
        if n["type"] == "Repo":
            assert n["url"].startswith("https://")
    for e in data["links"]:
        assert {"source", "target", "rel", "evidence", "extractor"} <= set(e)
    back = KnowledgeGraph.from_node_link(data)
    assert back.to_node_link() == data


def test_every_entity_is_linked_from_a_paper(sample_graph):
    targets = {e["target"] for e in sample_graph.edges() if e["source"].startswith("paper/")}
    parents = {e["target"] for e in sample_graph.edges("is-a")}
    orphans = [n["id"] for n in sample_graph.nodes() if n["type"] != "Paper" and n["id"] not in targets
               and n["id"] not in parents]
    assert orphans == []


def test_required_facts_of_the_sample(sample_graph):
    def published_by(prefix):
        paper = next(p for p in sample_graph.nodes("Paper") if p["title"].startswith(prefix))
        return {sample_graph.node(e["target"])["name"] for e in sample_graph.out_edges(paper["id"])
                if e["rel"] == "published-by"}
    assert published_by("ParallelBench") == {"FuriosaAI"}
    assert published_by("ARC-Encoder") == {"Kyutai"}


def test_every_url_becomes_a_repo(sample_graph):
    with_github = {e["source"] for e in sample_graph.edges("has-code") if "github.com" in e["target"]}
    assert len(with_github) == 59
    urls = [n["url"] for n in sample_graph.nodes("Repo")]
    assert not [u for u in urls if u[-1] in ".,;:)}" or "{" in u or u.endswith(".git")]
    assert "https://github.com/hutaiHang/Faster-Diffusion" in urls
    assert "https://github.com/divelab/AIRS/tree/main/OpenMol/TDN" in urls
    assert any("huggingface.co/spaces" in u for u in urls) and any("github.io" in u for u in urls)


def test_add_edge_values_stores_what_networkx_add_edge_stores():
    import networkx as nx

    from kg.model import Claim

    g = KnowledgeGraph()
    p, m, n = (g.add_entity(Entity("Method", x)) for x in ("A", "B", "C"))
    ref = nx.MultiDiGraph()
    ref.add_nodes_from(g._g.nodes(data=True))
    calls = [(p, "builds-on", m, "s1", "x/1", "f:1", None), (p, "compares-to", m, "s2", "x/1", "", ("2x", 2.0, "x")),
             (p, "builds-on", m, "s3", "x/2", "f:2", ("3x", 3.0)), (p, "mentions", n, "s4", "x/1", "f:3", None),
             (m, "is-a", "method/new", "s5", "t/1", "", None)]
    for src, rel, tgt, sentence, extractor, source_file, claim in calls:
        if not ref.has_edge(src, tgt, key=rel):
            attrs = {"rel": rel, "evidence": sentence, "extractor": extractor}
            attrs.update({"source_file": source_file} if source_file else {})
            attrs.update({"claim": Claim(*claim).as_dict()} if claim else {})
            ref.add_edge(src, tgt, key=rel, **attrs)
        elif claim and "claim" not in ref.edges[src, tgt, rel]:
            ref.edges[src, tgt, rel]["claim"] = Claim(*claim).as_dict()
        g.add_edge_values(src, rel, tgt, sentence, extractor, source_file, claim)
    assert list(g._g.nodes(data=True)) == list(ref.nodes(data=True))
    assert list(g._g.edges(keys=True, data=True)) == list(ref.edges(keys=True, data=True))
    assert list(g._g.in_edges(m, keys=True)) == list(ref.in_edges(m, keys=True))
    assert g._g.edges[p, m, "builds-on"]["claim"] == {"text": "3x", "value": 3.0}


def test_new_nodes_are_stored_as_networkx_add_node_stores_them():
    import networkx as nx

    g = KnowledgeGraph()
    ref = nx.MultiDiGraph()
    for e in (Entity("Method", "A", ("a1", "A")), Entity("Repo", "https://github.com/x/y"), Entity("Method", "B")):
        nid = g.add_entity(e)
        ref.add_node(nid, **g._g.nodes[nid])
    assert list(g._g.nodes(data=True)) == list(ref.nodes(data=True))
    assert g._g._succ == ref._succ and g._g._pred == ref._pred and list(g._g._adj) == list(ref._adj)
    assert "method/a" in g and "method/c" not in g


def test_node_and_edge_lists_are_the_sorted_views(sample_graph, tiny_graph):
    for g in (sample_graph, tiny_graph):
        assert g.node_list() == list(g.nodes()) and g.edge_list() == list(g.edges())
        assert [list(e) for e in g.edge_list()] == [list(e) for e in g.edges()]  # same key order: same JSON bytes
        assert [list(n) for n in g.node_list()] == [list(n) for n in g.nodes()]
