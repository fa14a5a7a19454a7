"""RDF exports under the kg ontology: ``graph.nt``, ``graph.ttl``, ``graph.jsonld`` and ``context.jsonld``.

Every edge is written twice (see ``docs/rdf.md``): the direct triple
``paper kg:comparesTo method``, and a ``kg:Assertion`` node (reified statement
with PROV attribution) holding the evidence sentence, the extractor, the
source file and the claim. IRIs, escaping and the per-subject serialisers are
in :mod:`kg.export.rdf_syntax` (re-exported here).

The files are written by hand-rolled serialisers (not rdflib), streaming one
subject at a time into the three files at once, so memory does not grow with
the number of triples and the output is byte-identical on every run:

* ``graph.nt`` -- lines in byte order. Assertion subjects (hash IRIs) are
  spilled by hash prefix into bucket files in a hidden directory beside the
  output, and each bucket is sorted on its own; node subjects are visited in
  the order of their N-Triples form ``<IRI>``; every subject's lines are sorted.
* ``graph.ttl`` / ``graph.jsonld`` -- one block per subject: assertions in
  edge order (source, relation, target), then nodes in IRI order, then
  extractors; predicates and objects sorted within a block.

The tests check that rdflib and ``rapper`` parse each file and that the three
are isomorphic.
"""
from __future__ import annotations

import hashlib
import json
from itertools import islice, starmap
from operator import itemgetter
from pathlib import Path

from kg.atomic import atomic_open, write_text
from kg.export import views_built
from kg.export.rdf_syntax import (  # noqa: F401  (re-exported: the public RDF API lives here)
    CLAIM_PROPERTIES, CLASSES, DCT, ID, JSONLD_TERMS, KG, LABEL, PREFIXES, RDF, RDFS, RELATION_PROPERTIES, SCHEMA,
    SKOS, STRING, TYPE, XSD, assertion_iri, assertion_terms, escape_string, extractor_iri,
    jsonld_context, node_iri, node_terms, nt_term, ttl_term)
from kg.export.rdf_subject import (  # noqa: F401  (re-exported)
    assertion, assertion_jsonld, assertion_nt, assertion_nt_row, assertion_nt_text, assertion_ttl, clear_memos,
    serialise, serialise_jsonld, serialise_nt, serialise_nt_ttl, serialise_ttl)

NAME = "rdf"
DEFAULT = False  # its parts nt, ttl and jsonld are defaults, each a format of its own
FILES = ("graph.nt", "graph.ttl", "graph.jsonld", "context.jsonld")
SYNTAXES = ("nt", "ttl", "jsonld")


# -- streaming writers, one per syntax -------------------------------------------------
class _Chunked:
    """Collects strings and writes them to a file in chunks of about 256 KB (they stay in the CPU caches)."""

    def __init__(self, f) -> None:
        self.f, self.parts, self.size = f, [], 0

    def __call__(self, s: str) -> None:
        self.parts.append(s)
        self.size += len(s)
        if self.size > 1 << 18:
            self.flush()

    def flush(self) -> None:
        self.f.write("".join(self.parts))
        self.parts, self.size = [], 0


_REL_IRI = {rel: KG + local for rel, local in RELATION_PROPERTIES.items()}
_ASSERTION = ID + "assertion/"
NAME_KEY = KG + "nameKey"
METHOD_BUILDS_ON = KG + "methodBuildsOn"


def name_key_terms(node: dict) -> list[tuple]:
    """``kg:nameKey`` pairs of an entity (not a paper): its name and aliases lower-cased, for indexed lookups."""
    if node["type"] == "Paper":
        return []
    keys = {str(n).lower() for n in (node.get("name"), *(node.get("aliases") or ())) if n}
    return [(NAME_KEY, (k, STRING)) for k in sorted(keys)]


def method_builds_on_terms(direct: dict) -> dict[str, list[tuple]]:
    """``kg:methodBuildsOn`` pairs per entity IRI, from the papers' direct edge terms ``{paper id: [(p, (o,))]}``.

    ``a kg:methodBuildsOn b`` for every entity ``a`` a paper proposes and every method ``b`` that
    paper builds on (``a`` itself left out): the builds-on chain as one predicate, so that a
    transitive path walks one triple per step instead of a paper's whole list of triples
    (``queries/builds_on_chain.rq``). Derived, so no kg:Assertion of its own.
    """
    proposes, builds_on = _REL_IRI["proposes"], _REL_IRI["builds-on"]
    pairs: dict[str, set[str]] = {}
    for terms in direct.values():
        proposed = [o[0] for p, o in terms if p == proposes]
        if proposed:
            built = [o[0] for p, o in terms if p == builds_on]
            for a in proposed:
                pairs.setdefault(a, set()).update(b for b in built if b != a)
    return {a: [(METHOD_BUILDS_ON, (b,)) for b in sorted(bs)] for a, bs in pairs.items() if bs}


def _extractor_terms(name: str) -> list[tuple]:
    return [(TYPE, (KG + "Extractor",)), (LABEL, (name, STRING))]


def _write_all(f, texts, batch: int = 512) -> None:
    """Write the strings ``texts`` to ``f``, ``batch`` of them at a time."""
    texts = iter(texts)
    while chunk := list(islice(texts, batch)):
        f.write("".join(chunk))


class _Walk:
    """One pass over the graph's edges (in edge order), keeping what the node pass needs.

    ``assertions()`` yields ``(edge, assertion IRI, s, p, o)`` for every edge and
    remembers each node's direct edge terms and the extractors; ``nodes()`` then yields
    ``(IRI, terms)`` per node in the order of ``<IRI>``.
    """

    def __init__(self, graph) -> None:
        self.graph, self.direct, self.extractors = graph, {}, set()
        self.node = graph.node_attributes()  # the graph's own dicts: the walk needs no shared views
        self.iri = {nid: node_iri(nid) for nid in self.node}

    def _edges(self):
        """``(source, target, attributes)`` in edge order: from the shared views when built, else the graph."""
        views = views_built(self.graph)
        if views is None:
            return self.graph.edge_rows()
        return ((e["source"], e["target"], e) for e in views[1])

    def assertions(self):
        iri, direct, extractors, sha1 = self.iri, self.direct, self.extractors, hashlib.sha1
        last, d = None, []
        for src, tgt, e in self._edges():
            rel = e["rel"]
            p, o = _REL_IRI[rel], iri[tgt]
            # assertion_iri(src, rel, tgt), inlined
            yield e, _ASSERTION + sha1(f"{src}|{rel}|{tgt}".encode()).hexdigest()[:16], iri[src], p, o
            if src != last:  # edges come grouped by source
                d = direct.get(src)
                if d is None:
                    d = direct[src] = []
                last = src
            d.append((p, (o,)))
            if x := e.get("extractor"):
                extractors.add(x)

    def nodes(self):
        """Call after :meth:`assertions` has run to the end (it collects the direct edges)."""
        iri, direct, node = self.iri, self.direct, self.node
        derived = method_builds_on_terms(direct)
        for nid in sorted(iri, key=lambda i: iri[i] + ">"):  # the order of "<IRI> ..." lines
            s = iri[nid]
            yield s, node_terms(node[nid]) + name_key_terms(node[nid]) + direct.get(nid, []) + derived.get(s, [])

    def extractor_subjects(self) -> list[tuple[str, list]]:
        return sorted((extractor_iri(x), _extractor_terms(x)) for x in self.extractors)


def _write_nt_ttl(graph, nt_file=None, ttl_file=None) -> None:
    """``graph.nt`` and/or ``graph.ttl`` from one walk (they share the assertion IRIs and the node terms).

    N-Triples: every line in byte order (assertions sorted by their hash IRIs in memory).
    Turtle: prefixes, assertions in edge order, nodes in IRI order, extractors.
    """
    walk = _Walk(graph)
    rows = walk.assertions()
    nt_rows: list[tuple] = []  # what the N-Triples lines need of each edge, taken in edge order
    if ttl_file is not None:
        ttl = _Chunked(ttl_file)
        ttl_file.write(f"@base <{ID}> .\n"
                       + "".join(f"@prefix {k}: <{v}> .\n" for k, v in sorted(PREFIXES.items()) if k != "id"))
        if nt_file is not None:
            keep = nt_rows.append

            def ttl_keeping_nt(e, a, s, p, o):
                keep(assertion_nt_row(e, a, s, p, o))
                return assertion_ttl(e, a, s, p, o)
            _write_all(ttl_file, starmap(ttl_keeping_nt, rows))
        else:
            _write_all(ttl_file, starmap(assertion_ttl, rows))
    if nt_file is None:
        for s, terms in walk.nodes():
            ttl(serialise_ttl(s, terms))
    else:
        nt = _Chunked(nt_file)
        if ttl_file is None:
            nt_rows = list(starmap(assertion_nt_row, rows))
        nt_rows.sort(key=itemgetter(0))  # fixed-length hash IRIs: their order is that of their lines

        def flush_assertions():
            nt.flush()
            _write_all(nt_file, map(assertion_nt_text, nt_rows))
            nt_rows.clear()

        ext = walk.extractor_subjects()
        # N-Triples sections that sort among the nodes: (IRI prefix, writer)
        pending = [(ID + "assertion/", flush_assertions),
                   (ID + "extractor/", lambda: [nt(serialise_nt(s, t)) for s, t in ext])]
        for s, terms in walk.nodes():
            while pending and pending[0][0] < s:
                pending.pop(0)[1]()
            if ttl_file is None:
                nt(serialise_nt(s, terms))
            else:
                nt_text, ttl_text = serialise_nt_ttl(s, terms)
                nt(nt_text)
                ttl(ttl_text)
        while pending:
            pending.pop(0)[1]()
        nt.flush()
    if ttl_file is not None:
        for s, terms in walk.extractor_subjects():
            ttl(serialise_ttl(s, terms))
        ttl.flush()


def _write_nt(graph, f) -> None:
    """``graph.nt``: every line in byte order."""
    _write_nt_ttl(graph, nt_file=f)


def _write_ttl(graph, f) -> None:
    """``graph.ttl``: prefixes, assertions in edge order, nodes in IRI order, extractors."""
    _write_nt_ttl(graph, ttl_file=f)


def _write_jsonld(graph, f) -> None:
    """``graph.jsonld``: the context, then one node object a line in the Turtle subject order."""
    out, walk = _Chunked(f), _Walk(graph)
    out('{"@context": ' + json.dumps(jsonld_context(), sort_keys=True, ensure_ascii=False) + ',\n"@graph": [\n')
    sep = [""]

    def emit(text: str) -> None:
        out(sep[0] + text)
        sep[0] = ",\n"
    for row in walk.assertions():
        emit(assertion_jsonld(*row))
    for s, terms in walk.nodes():
        emit(serialise_jsonld(s, terms))
    for s, terms in walk.extractor_subjects():
        emit(serialise_jsonld(s, terms))
    out("\n]}\n")
    out.flush()


_WRITERS = {"nt": ("graph.nt", _write_nt), "ttl": ("graph.ttl", _write_ttl), "jsonld": ("graph.jsonld", _write_jsonld)}


def write(graph, out_dir: Path, syntaxes: tuple[str, ...] = SYNTAXES) -> list[Path]:
    """Write graph.nt, graph.ttl, graph.jsonld and context.jsonld (or the files of ``syntaxes``) into ``out_dir``."""
    files = write_parts(graph, out_dir, syntaxes)
    return [p for syntax in syntaxes for p in files[syntax]]


def write_parts(graph, out_dir: Path, syntaxes: tuple[str, ...] = SYNTAXES) -> dict[str, list[Path]]:
    """:func:`write`, returning the paths per syntax; N-Triples and Turtle together take one walk of the graph."""
    out = Path(out_dir)
    files: dict[str, list[Path]] = {}
    if "nt" in syntaxes and "ttl" in syntaxes:  # one walk for both
        try:
            with atomic_open(out / "graph.nt") as fnt, atomic_open(out / "graph.ttl") as fttl:
                _write_nt_ttl(graph, fnt, fttl)
        finally:
            clear_memos()
        files = {"nt": [out / "graph.nt"], "ttl": [out / "graph.ttl"]}
    for syntax in syntaxes:
        if syntax in files:
            continue
        name, writer = _WRITERS[syntax]
        try:
            with atomic_open(out / name) as f:
                writer(graph, f)
        finally:
            clear_memos()
        files[syntax] = [out / name]
        if syntax == "jsonld":
            write_text(out / "context.jsonld",
                       json.dumps({"@context": jsonld_context()}, sort_keys=True, indent=1, ensure_ascii=False) + "\n")
            files[syntax].append(out / "context.jsonld")
    return files


class Syntax:
    """One RDF syntax as an exporter of its own (registered as ``nt``, ``ttl``, ``jsonld``)."""

    def __init__(self, name: str) -> None:
        self.NAME, self.DEFAULT = name, True

    def write(self, graph, out_dir: Path) -> list[Path]:
        """Write this syntax's file(s) into ``out_dir``."""
        return write(graph, out_dir, (self.NAME,))


nt, ttl, jsonld = Syntax("nt"), Syntax("ttl"), Syntax("jsonld")


ONTOLOGY_DIR = Path(__file__).resolve().parent.parent.parent / "ontology"


def validate(data_path: str | Path, shapes_path: str | Path | None = None) -> tuple[bool, str]:
    """SHACL-validate an RDF file against ``ontology/shapes.ttl``: ``(conforms, report text)``."""
    import pyshacl
    import rdflib

    data = rdflib.Graph().parse(str(data_path))
    shapes = rdflib.Graph().parse(str(shapes_path or ONTOLOGY_DIR / "shapes.ttl"), format="turtle")
    conforms, _, text = pyshacl.validate(data, shacl_graph=shapes, inference="none", advanced=True)
    return bool(conforms), text
