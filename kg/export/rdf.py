"""RDF exports under the kg ontology: ``graph.nt``, ``graph.ttl``, ``graph.jsonld`` and ``context.jsonld``.

Every edge is written twice (see ``docs/rdf.md``): the direct triple
``paper kg:comparesTo method``, and a ``kg:Assertion`` node (reified statement
with PROV attribution) holding the evidence sentence, the extractor, the
source file and the claim. Entities also get ``kg:nameKey`` (lower-cased name
and aliases) so that case-insensitive name lookups use an index. IRIs, escaping and the per-subject serialisers are
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

import contextlib
import json
import tempfile
from pathlib import Path

from kg.atomic import atomic_open
from kg.export.rdf_syntax import (  # noqa: F401  (re-exported: the public RDF API lives here)
    CLAIM_PROPERTIES, CLASSES, DCT, ID, JSONLD_TERMS, KG, LABEL, PREFIXES, RDF, RDFS, RELATION_PROPERTIES, SCHEMA,
    SKOS, STRING, TYPE, XSD, assertion, assertion_iri, assertion_terms, escape_string, extractor_iri,
    jsonld_context, node_iri, node_terms, nt_term, serialise, ttl_term)

NAME = "rdf"
DEFAULT = True
FILES = ("graph.nt", "graph.ttl", "graph.jsonld", "context.jsonld")


# -- streaming writer -----------------------------------------------------------
class _Buckets:
    """N-Triples lines of assertion subjects, spilled by hash prefix to files in a hidden directory."""

    def __init__(self, directory: Path, n: int = 64) -> None:
        self._dir = Path(tempfile.mkdtemp(prefix=".rdf-spill-", dir=directory))
        self._shift = 8 - (n.bit_length() - 1)  # first two hex digits -> bucket, in hash order
        self._files = [open(self._dir / f"{i:03d}.nt", "w", encoding="ascii", newline="\n") for i in range(n)]

    def add(self, hexhash: str, lines: str) -> None:
        self._files[int(hexhash[:2], 16) >> self._shift].write(lines)

    def drain(self, f) -> None:
        """Write all spilled lines to ``f`` in sorted order, one bucket in memory at a time."""
        for i, b in enumerate(self._files):
            b.close()
            path = self._dir / f"{i:03d}.nt"
            lines = path.read_text("ascii").splitlines(True)
            path.unlink()
            lines.sort()
            f.write("".join(lines))

    def __enter__(self) -> "_Buckets":
        return self

    def __exit__(self, *exc) -> None:
        import shutil

        for b in self._files:
            b.close()
        shutil.rmtree(self._dir, ignore_errors=True)


class _Chunked:
    """Collects strings and writes them to a file in chunks of about 1 MB."""

    def __init__(self, f) -> None:
        self.f, self.parts, self.size = f, [], 0

    def __call__(self, s: str) -> None:
        self.parts.append(s)
        self.size += len(s)
        if self.size > 1 << 20:
            self.flush()

    def flush(self) -> None:
        self.f.write("".join(self.parts))
        self.parts, self.size = [], 0


NAME_KEY = KG + "nameKey"


def name_key_terms(node: dict) -> list[tuple]:
    """``kg:nameKey`` pairs of an entity (not a paper): its name and aliases lower-cased, for indexed lookups."""
    if node["type"] == "Paper":
        return []
    keys = {str(n).lower() for n in (node.get("name"), *(node.get("aliases") or ())) if n}
    return [(NAME_KEY, (k, STRING)) for k in sorted(keys)]


def _extractor_terms(name: str) -> list[tuple]:
    return [(TYPE, (KG + "Extractor",)), (LABEL, (name, STRING))]


def _stream(graph, nt_f, ttl_f, js_f, buckets: _Buckets) -> None:
    """Write the graph's triples into the three open files (see the module docstring for the order)."""
    nt, ttl, js = _Chunked(nt_f), _Chunked(ttl_f), _Chunked(js_f)
    ttl(f"@base <{ID}> .\n" + "".join(f"@prefix {k}: <{v}> .\n" for k, v in sorted(PREFIXES.items()) if k != "id"))
    js('{"@context": ' + json.dumps(jsonld_context(), sort_keys=True, ensure_ascii=False) + ',\n"@graph": [\n')
    sep = ""
    ids = [n["id"] for n in graph.nodes()]
    extractors = set()
    for nid in ids:  # pass 1: assertions, in edge order (source, rel, target)
        s = node_iri(nid)
        for e in graph.out_edges(nid):
            p = KG + RELATION_PROPERTIES[e["rel"]]
            a = assertion_iri(nid, e["rel"], e["target"])
            n_, t_, j_ = assertion(e, a, s, p, node_iri(e["target"]))
            buckets.add(a[-16:], n_)
            ttl(t_)
            js(sep + j_)
            sep = ",\n"
            if e.get("extractor"):
                extractors.add(e["extractor"])
    ext = [serialise(iri, _extractor_terms(name)) for iri, name in
           sorted((extractor_iri(x), x) for x in extractors)]

    def flush_assertions():
        nt.flush()
        buckets.drain(nt_f)

    # N-Triples sections that sort among the nodes: (IRI prefix, writer)
    pending = [(ID + "assertion/", flush_assertions), (ID + "extractor/", lambda: [nt(x[0]) for x in ext])]
    ids.sort(key=lambda i: node_iri(i) + ">")  # the order of "<IRI> ..." lines
    for nid in ids:  # pass 2: nodes with their direct edge triples
        s = node_iri(nid)
        while pending and pending[0][0] < s:
            pending.pop(0)[1]()
        node = graph.node(nid)
        terms = node_terms(node) + name_key_terms(node)
        terms += [(KG + RELATION_PROPERTIES[e["rel"]], (node_iri(e["target"]),)) for e in graph.out_edges(nid)]
        n_, t_, j_ = serialise(s, terms)
        nt(n_)
        ttl(t_)
        js(sep + j_)
        sep = ",\n"
    while pending:
        pending.pop(0)[1]()
    for _, t_, j_ in ext:
        ttl(t_)
        js(sep + j_)
        sep = ",\n"
    js("\n]}\n")
    for w in (nt, ttl, js):
        w.flush()


def write(graph, out_dir: Path) -> list[Path]:
    """Write graph.nt, graph.ttl, graph.jsonld and context.jsonld into ``out_dir``."""
    out = Path(out_dir)
    paths = [out / name for name in FILES]
    with contextlib.ExitStack() as stack:
        files = [stack.enter_context(atomic_open(p)) for p in paths]
        with _Buckets(out) as buckets:
            _stream(graph, *files[:3], buckets)
        files[3].write(json.dumps({"@context": jsonld_context()}, sort_keys=True, indent=1, ensure_ascii=False) + "\n")
    return paths


ONTOLOGY_DIR = Path(__file__).resolve().parent.parent.parent / "ontology"


def validate(data_path: str | Path, shapes_path: str | Path | None = None) -> tuple[bool, str]:
    """SHACL-validate an RDF file against ``ontology/shapes.ttl``: ``(conforms, report text)``."""
    import pyshacl
    import rdflib

    data = rdflib.Graph().parse(str(data_path))
    shapes = rdflib.Graph().parse(str(shapes_path or ONTOLOGY_DIR / "shapes.ttl"), format="turtle")
    conforms, _, text = pyshacl.validate(data, shacl_graph=shapes, inference="none", advanced=True)
    return bool(conforms), text
