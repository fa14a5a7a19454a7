"""RDF export: parses (rdflib and rapper), isomorphic across formats, matches graph.json, SHACL, determinism."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

import pytest
import rdflib
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, RDFS

from conftest import ROOT, require
from kg.export import rdf
from kg.model import Entity

KG = rdflib.Namespace(rdf.KG)
FORMATS = {"graph.nt": "nt", "graph.ttl": "turtle", "graph.jsonld": "json-ld"}


@pytest.fixture
def tiny_dir(tiny_graph, tmp_path) -> Path:
    rdf.write(tiny_graph, tmp_path)
    return tmp_path


@pytest.fixture(scope="module")
def sample_dir(sample_build) -> Path:
    return sample_build[2]


@pytest.fixture(scope="module")
def sample_rdf(sample_dir) -> dict[str, rdflib.Graph]:
    return {f: rdflib.Graph().parse(sample_dir / f, format=fmt) for f, fmt in FORMATS.items()}


def _parse_all(d: Path) -> dict[str, rdflib.Graph]:
    return {f: rdflib.Graph().parse(d / f, format=fmt) for f, fmt in FORMATS.items()}


def test_build_writes_rdf_by_default(sample_dir):
    for name in rdf.FILES:
        assert (sample_dir / name).stat().st_size > 0, name
    assert not list(sample_dir.glob(".*.tmp")), "atomic writes leave no temp files"
    assert not list(sample_dir.glob(".rdf-spill-*")), "the N-Triples spill directory is removed"


@pytest.mark.parametrize("which", ["tiny", "sample"])
def test_three_formats_parse_and_are_isomorphic(which, request):
    graphs = _parse_all(request.getfixturevalue("tiny_dir")) if which == "tiny" else request.getfixturevalue(
        "sample_rdf")
    nt = graphs["graph.nt"]
    assert len(nt) > 50
    for name in ("graph.ttl", "graph.jsonld"):
        assert len(graphs[name]) == len(nt), name
        assert isomorphic(nt, graphs[name]), f"{name} differs from graph.nt"


@pytest.mark.parametrize("name,syntax", [("graph.nt", "ntriples"), ("graph.ttl", "turtle")])
def test_rapper_parses(name, syntax, sample_dir, sample_rdf):
    require(shutil.which("rapper") is not None, "rapper (raptor2-utils) not installed")
    p = subprocess.run(["rapper", "-i", syntax, "-c", str(sample_dir / name)], capture_output=True, text=True)
    assert p.returncode == 0, p.stderr
    assert f"returned {len(sample_rdf['graph.nt'])} triples" in p.stderr


def test_rapper_parses_awkward_characters(tiny_dir):
    require(shutil.which("rapper") is not None, "rapper (raptor2-utils) not installed")
    for name, syntax in (("graph.nt", "ntriples"), ("graph.ttl", "turtle")):
        p = subprocess.run(["rapper", "-i", syntax, "-o", "ntriples", str(tiny_dir / name)], capture_output=True)
        assert p.returncode == 0, p.stderr
        back = rdflib.Graph().parse(data=p.stdout.decode(), format="nt")
        assert isomorphic(back, rdflib.Graph().parse(tiny_dir / "graph.nt", format="nt")), name


def test_counts_match_graph_json(sample_dir, sample_rdf):
    data = json.loads((sample_dir / "graph.json").read_text())
    g = sample_rdf["graph.ttl"]
    types = Counter(n["type"] for n in data["nodes"])
    for t, n in types.items():
        assert len(set(g.subjects(RDF.type, KG[t]))) == n, t
    rels = Counter(link["rel"] for link in data["links"])
    for rel, n in rels.items():
        prop = KG[rdf.RELATION_PROPERTIES[rel]]
        assert len(list(g.subject_objects(prop))) == n, rel
        assert len(set(g.subjects(RDF.predicate, prop))) == n, rel
    assert len(set(g.subjects(RDF.type, KG.Assertion))) == len(data["links"])


def test_method_builds_on_is_proposes_then_builds_on(sample_dir, sample_rdf):
    """kg:methodBuildsOn: one triple per (proposed entity, built-on method) pair of a paper, no self pairs."""
    data = json.loads((sample_dir / "graph.json").read_text())
    proposes, builds_on = defaultdict(set), defaultdict(set)
    for link in data["links"]:
        if link["rel"] in ("proposes", "builds-on"):
            (proposes if link["rel"] == "proposes" else builds_on)[link["source"]].add(link["target"])
    expected = {(rdf.node_iri(a), rdf.node_iri(b)) for p, ms in proposes.items() for a in ms
                for b in builds_on.get(p, ()) if a != b}
    for name, g in sample_rdf.items():
        got = {(str(a), str(b)) for a, b in g.subject_objects(KG.methodBuildsOn)}
        assert got == expected, name
    assert len(expected) > 10
    assert not set(sample_rdf["graph.nt"].subjects(RDF.predicate, KG.methodBuildsOn)), "derived: no assertion"


def test_edge_provenance_and_claims_round_trip(sample_dir, sample_rdf):
    data = json.loads((sample_dir / "graph.json").read_text())
    g = sample_rdf["graph.nt"]
    for link in data["links"]:
        a = rdflib.URIRef(rdf.assertion_iri(link["source"], link["rel"], link["target"]))
        assert g.value(a, RDF.subject) == rdflib.URIRef(rdf.node_iri(link["source"]))
        assert g.value(a, RDF.object) == rdflib.URIRef(rdf.node_iri(link["target"]))
        assert str(g.value(a, KG.evidence)) == link["evidence"]
        assert str(g.value(g.value(a, KG.extractor), RDFS.label)) == link["extractor"]
        claim = link.get("claim") or {}
        if "value" in claim:
            assert float(g.value(a, KG.claimValue).toPython()) == pytest.approx(claim["value"])
        assert (str(g.value(a, KG.claimText)) if claim.get("text") else None) == claim.get("text")


def test_ontology_declares_every_term_used(sample_rdf):
    onto = rdflib.Graph().parse(ROOT / "ontology" / "kg.ttl", format="turtle")
    declared = {s for s in onto.subjects() if isinstance(s, rdflib.URIRef) and str(s).startswith(rdf.KG)}
    for term in declared:
        assert onto.value(term, RDFS.label), f"{term} has no rdfs:label"
        assert onto.value(term, RDFS.comment), f"{term} has no rdfs:comment"
    g = sample_rdf["graph.nt"]
    used = {p for p in g.predicates() if str(p).startswith(rdf.KG)}
    used |= {o for o in g.objects(None, RDF.type) if str(o).startswith(rdf.KG)}
    used |= {o for o in g.objects(None, RDF.predicate)}
    assert used and used <= declared, sorted(used - declared)
    assert set(rdf.RELATION_PROPERTIES.values()) <= {str(t)[len(rdf.KG):] for t in declared}


def test_shacl_conforms_tiny(tiny_dir):
    ok, report = rdf.validate(tiny_dir / "graph.ttl")
    assert ok, report


def test_shacl_conforms_sample(sample_dir):
    ok, report = rdf.validate(sample_dir / "graph.ttl")
    assert ok, report


_P = "https://w3id.org/paperkg/id/paper/ac30ce9e6341"  # tiny_graph's first paper


@pytest.mark.parametrize("broken,message", [
    (f'<{_P}> dcterms:title "A second title" .', "exactly one non-empty dcterms:title"),
    ("DELETE", "exactly one dcterms:abstract"),
    (f"<{_P}> kg:runsOn <https://w3id.org/paperkg/id/dataset/gsm8k> .", "kg:runsOn points to Hardware"),
    ("<https://w3id.org/paperkg/id/method/lora> kg:comparesTo <https://w3id.org/paperkg/id/method/fastattn> .",
     "only a kg:Paper is the subject"),
    ('<https://w3id.org/paperkg/id/assertion/x> a kg:Assertion ; rdf:subject <a:b> ; rdf:predicate kg:mentions ;'
     ' rdf:object <a:c> ; kg:claimValue "1.5"^^xsd:decimal .', "evidence sentence"),
    ('<https://w3id.org/paperkg/id/assertion/x> a kg:Assertion ; rdf:subject <a:b> ; rdf:predicate kg:mentions ;'
     ' rdf:object <a:c> ; kg:claimValue "1.5"^^xsd:decimal .', "has a kg:claimUnit"),
    ('<https://w3id.org/paperkg/id/assertion/x> a kg:Assertion ; rdf:subject <a:b> ; rdf:predicate kg:mentions ;'
     ' rdf:object <a:c> .', "missing from the graph as a direct triple"),
    ("<https://w3id.org/paperkg/id/method/lora> kg:methodBuildsOn <https://w3id.org/paperkg/id/method/fastattn> .",
     "kg:methodBuildsOn differs"),
    (f"<{_P}> kg:buildsOn <https://w3id.org/paperkg/id/method/lora> .",  # FastAttn kg:methodBuildsOn LoRA missing
     "kg:methodBuildsOn differs"),
])
def test_broken_graph_does_not_conform(broken, message, tiny_dir, tmp_path):
    g = rdflib.Graph().parse(tiny_dir / "graph.ttl", format="turtle")
    if broken == "DELETE":
        g.remove((rdflib.URIRef(_P), rdflib.DCTERMS.abstract, None))
    else:
        prefixes = "".join(f"@prefix {k}: <{v}> .\n" for k, v in rdf.PREFIXES.items())
        g.parse(data=prefixes + broken, format="turtle")
    bad = tmp_path / "broken.ttl"
    g.serialize(bad, format="turtle")
    ok, report = rdf.validate(bad)
    assert not ok
    assert message in report


def test_output_is_byte_identical_across_runs_and_processes(sample_dir, tmp_path):
    from kg.graph import KnowledgeGraph

    graph = KnowledgeGraph.read_json(sample_dir / "graph.json")
    again = tmp_path / "again"
    rdf.write(graph, again)
    fresh = tmp_path / "fresh"
    code = ("import sys; from kg.graph import KnowledgeGraph; from kg.export import rdf; "
            "rdf.write(KnowledgeGraph.read_json(sys.argv[1]), sys.argv[2])")
    subprocess.run([sys.executable, "-c", code, str(sample_dir / "graph.json"), str(fresh)], check=True,
                   cwd=ROOT, env={"PYTHONHASHSEED": "12345", "PATH": "/usr/bin:/bin"})
    for name in rdf.FILES:
        first = (sample_dir / name).read_bytes()
        assert (again / name).read_bytes() == first, name
        assert (fresh / name).read_bytes() == first, name


def test_ntriples_lines_are_sorted_and_ascii(sample_dir):
    raw = (sample_dir / "graph.nt").read_bytes()
    raw.decode("ascii")
    lines = raw.decode().splitlines()
    assert lines == sorted(lines) and len(lines) == len(set(lines))


def test_unsafe_ids_become_valid_iris(tmp_path):
    from kg.graph import KnowledgeGraph
    from kg.model import Entity, Evidence, Paper, Source

    g = KnowledgeGraph()
    p = g.add_paper(Paper("Ünïcode: a <b> \"c\"", "Abstract with\ttab and\nnewline.", Source("x y.txt", 1),
                          published="--10-06"))
    weird = g.add_entity(Entity("Task", "x"), node_id='task/a b:c?d#e%f/../é"<>')
    g.add_edge(p, "addresses", weird, Evidence("It addresses a b.", "test/1", "x y.txt:1"))
    rdf.write(g, tmp_path)
    graphs = _parse_all(tmp_path)
    assert isomorphic(graphs["graph.nt"], graphs["graph.ttl"]) and isomorphic(graphs["graph.nt"],
                                                                             graphs["graph.jsonld"])
    iri = rdflib.URIRef(rdf.node_iri('task/a b:c?d#e%f/../é"<>'))
    assert (iri, RDF.type, KG.Task) in graphs["graph.ttl"]
    assert " " not in iri and "/../" not in iri and "#" not in iri[len(rdf.ID):]
    ok, report = rdf.validate(tmp_path / "graph.ttl")
    assert ok, report


def test_context_file_is_the_inline_context(sample_dir):
    ctx = json.loads((sample_dir / "context.jsonld").read_text())["@context"]
    with open(sample_dir / "graph.jsonld") as f:
        inline = json.loads(f.read())["@context"]
    assert ctx == inline == rdf.jsonld_context()
    assert ctx["comparesTo"] == {"@id": "kg:comparesTo", "@type": "@id"}


@pytest.mark.parametrize("name", ["graph.nt", "graph.ttl", "graph.jsonld"])
def test_pyoxigraph_parses_every_format(name, sample_dir, sample_rdf):
    from kg.query.sparql import SparqlStore

    assert len(SparqlStore("oxigraph").load(sample_dir / name)) == len(sample_rdf["graph.nt"])


def test_assertion_fast_path_matches_generic_serialiser(sample_dir):
    from kg.graph import KnowledgeGraph

    edges = list(KnowledgeGraph.read_json(sample_dir / "graph.json").edges())
    assert any(e.get("claim") for e in edges)
    for e in edges:
        s, o = rdf.node_iri(e["source"]), rdf.node_iri(e["target"])
        p, a = rdf.KG + rdf.RELATION_PROPERTIES[e["rel"]], rdf.assertion_iri(e["source"], e["rel"], e["target"])
        assert rdf.assertion(e, a, s, p, o) == rdf.serialise(a, rdf.assertion_terms(e, s, p, o)), e


def test_ntriples_sorted_when_iri_order_differs_from_id_order(tmp_path):
    """Ids that are prefixes of others, or percent-encoded, sort differently as ``<IRI>`` lines."""
    from kg.graph import KnowledgeGraph
    from kg.model import Entity, Evidence, Paper, Source

    g = KnowledgeGraph()
    p = g.add_paper(Paper("A paper", "An abstract.", Source("x.txt", 1), published="2024-01-02"))
    for i, nid in enumerate(["method/a", "method/a-b", "method/a:b", "method/a0", "method/a/b", "method/a b",
                             "method/./c"]):
        m = g.add_entity(Entity("Method", f"M{i}", (f"alias {i}", f"Alias {i}")), node_id=nid)
        g.add_edge(p, "compares-to", m, Evidence(f"We beat M{i}.", f"x/{i % 2}", "x.txt:1"))
    rdf.write(g, tmp_path)
    lines = (tmp_path / "graph.nt").read_text().splitlines()
    assert lines == sorted(lines) and len(lines) == len(set(lines))
    graphs = _parse_all(tmp_path)
    assert len(graphs["graph.nt"]) == len(lines)
    assert isomorphic(graphs["graph.nt"], graphs["graph.ttl"]) and isomorphic(graphs["graph.nt"],
                                                                             graphs["graph.jsonld"])


def test_joint_node_serialiser_matches_each_syntax(tiny_graph):
    """serialise_nt_ttl (the joint writer's node pass) gives what serialise_nt and serialise_ttl give."""
    from kg.export.rdf_subject import serialise_nt, serialise_nt_ttl, serialise_ttl

    g = tiny_graph
    g.add_entity(Entity("Method", 'naïve "quoted" \\ name', ("tab\there", "東京 😀", "plain", "plain")))
    walk = rdf._Walk(g)
    list(walk.assertions())
    subjects = list(walk.nodes())
    subjects.append((rdf.ID + "odd", [(rdf.LABEL, ("x", rdf.STRING)), (rdf.TYPE, (rdf.KG + "Method",)),
                                      (rdf.LABEL, ("x", rdf.STRING)), (rdf.KG + "upvotes", ("3", rdf.XSD + "integer")),
                                      (rdf.KG + "b", ('a"b', rdf.XSD + "string"))]))
    assert len(subjects) > 10
    for s, terms in subjects:
        assert serialise_nt_ttl(s, terms) == (serialise_nt(s, terms), serialise_ttl(s, terms)), s
