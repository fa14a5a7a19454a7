"""RDF exports under the kg ontology: ``graph.nt``, ``graph.ttl``, ``graph.jsonld`` and ``context.jsonld``.

Terms follow ``ontology/kg.ttl`` (namespace :data:`KG`); node ids become IRIs
under :data:`ID` (``method/flashattention-2`` ->
``https://w3id.org/paperkg/id/method/flashattention-2``). Every edge is written
twice (see ``docs/rdf.md``): the direct triple ``paper kg:comparesTo method``,
and a ``kg:Assertion`` node (reified statement with PROV attribution) holding
the evidence sentence, the extractor, the source file and the claim.

The three files are written by hand-rolled serialisers, not through rdflib:
one sorted triple list feeds all three, so the output is byte-identical on
every run and fast on large graphs. The tests check that rdflib and ``rapper``
parse each file and that the three are isomorphic.
"""
from __future__ import annotations

import hashlib
import json
import re
from decimal import Decimal
from itertools import groupby
from pathlib import Path
from typing import Iterable, Iterator
from urllib.parse import quote

from kg.atomic import atomic_open

NAME = "rdf"
DEFAULT = True
FILES = ("graph.nt", "graph.ttl", "graph.jsonld", "context.jsonld")

KG = "https://w3id.org/paperkg/ontology#"
ID = "https://w3id.org/paperkg/id/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
PREFIXES = {  # prefix -> namespace; used by Turtle, JSON-LD, SPARQL output and --param
    "kg": KG, "id": ID, "rdf": RDF, "rdfs": RDFS, "xsd": XSD,
    "owl": "http://www.w3.org/2002/07/owl#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "schema": "http://schema.org/",
    "prov": "http://www.w3.org/ns/prov#",
    "cito": "http://purl.org/spar/cito/",
    "fabio": "http://purl.org/spar/fabio/",
}
DCT, SKOS, SCHEMA = PREFIXES["dcterms"], PREFIXES["skos"], PREFIXES["schema"]

#: graph.json relation -> object property local name in the kg namespace.
RELATION_PROPERTIES = {
    "proposes": "proposes", "builds-on": "buildsOn", "compares-to": "comparesTo", "runs-on": "runsOn",
    "evaluated-on": "evaluatedOn", "has-code": "hasCode", "published-by": "publishedBy",
    "addresses": "addresses", "mentions": "mentions", "is-a": "isA",
}
CLAIM_PROPERTIES = {"text": "claimText", "value": "claimValue", "unit": "claimUnit",
                    "metric": "claimMetric", "direction": "claimDirection"}

TYPE = RDF + "type"
_IRI_SAFE = "/-._~+"
_URL_SAFE = ":/?#[]@!$&'()*+,;=%-._~"


# -- terms ------------------------------------------------------------------
# A triple is (subject IRI, predicate IRI, object); an object is ``(iri,)`` for an IRI
# or ``(lexical, datatype IRI)`` for a literal (datatype xsd:string for plain strings).

def node_iri(node_id: str) -> str:
    """The IRI of a graph node id (unsafe characters percent-encoded).

    >>> node_iri("method/flashattention-2")
    'https://w3id.org/paperkg/id/method/flashattention-2'
    >>> node_iri("task/long context: <fast>")
    'https://w3id.org/paperkg/id/task/long%20context%3A%20%3Cfast%3E'
    """
    segs = [quote(s, safe=_IRI_SAFE[1:]) for s in node_id.split("/")]
    return ID + "/".join(s.replace(".", "%2E") if s in (".", "..") else s for s in segs)


def assertion_iri(source: str, rel: str, target: str) -> str:
    """Deterministic IRI of the assertion node for one edge: a hash of ``source|rel|target``.

    >>> assertion_iri("paper/1", "compares-to", "method/x")[len(ID):]
    'assertion/bc7ac6cf5514d824'
    """
    return ID + "assertion/" + hashlib.sha1(f"{source}|{rel}|{target}".encode()).hexdigest()[:16]


def extractor_iri(name: str) -> str:
    """IRI of the extractor (a prov:SoftwareAgent) named e.g. ``rules/1``."""
    return node_iri("extractor/" + name)


def _url(url: str) -> str:
    return quote(url.strip(), safe=_URL_SAFE)


def _decimal(v) -> str:
    """xsd:decimal lexical form of a number (never exponent notation).

    >>> _decimal(2), _decimal(11.9), _decimal(1e-05)
    ('2.0', '11.9', '0.00001')
    """
    s = format(Decimal(repr(float(v))), "f")
    return s if "." in s else s + ".0"


def _date(value: str) -> tuple[str, str] | None:
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return value, XSD + "date"
    if re.fullmatch(r"--\d{2}-\d{2}", value):
        return value, XSD + "gMonthDay"
    return None


def _str(s) -> tuple[str, str]:
    return str(s), XSD + "string"


def _int(v) -> tuple[str, str]:
    return str(int(v)), XSD + "integer"


def node_triples(node: dict) -> Iterator[tuple]:
    """Triples describing one graph node (its type, names and metadata)."""
    s = node_iri(node["id"])
    yield s, TYPE, (KG + node["type"],)
    if node.get("name"):
        yield s, RDFS + "label", _str(node["name"])
    for a in node.get("aliases") or ():
        yield s, SKOS + "altLabel", _str(a)
    if node.get("url"):
        yield s, SCHEMA + "url", (_url(node["url"]),)
    if node["type"] != "Paper":
        return
    for key, pred in (("title", DCT + "title"), ("abstract", DCT + "abstract"), ("arxiv_id", KG + "arxivId")):
        if node.get(key) is not None:
            yield s, pred, _str(node[key])
    if node.get("published") and (d := _date(str(node["published"]))):
        yield s, DCT + "issued", d
    for key, pred in (("upvotes", KG + "upvotes"), ("author_count", KG + "authorCount")):
        if node.get(key) is not None:
            yield s, pred, _int(node[key])
    for src in node.get("sources") or ():
        yield s, KG + "sourceFile", _str(src)


def edge_triples(edge: dict) -> Iterator[tuple]:
    """The direct triple of one edge, plus its kg:Assertion node with evidence and claim."""
    s, o = node_iri(edge["source"]), node_iri(edge["target"])
    p = KG + RELATION_PROPERTIES[edge["rel"]]
    yield s, p, (o,)
    a = assertion_iri(edge["source"], edge["rel"], edge["target"])
    yield a, TYPE, (KG + "Assertion",)
    yield a, RDF + "subject", (s,)
    yield a, RDF + "predicate", (p,)
    yield a, RDF + "object", (o,)
    if edge.get("evidence"):
        yield a, KG + "evidence", _str(edge["evidence"])
    if edge.get("extractor"):
        yield a, KG + "extractor", (extractor_iri(edge["extractor"]),)
    if edge.get("source_file"):
        yield a, KG + "sourceFile", _str(edge["source_file"])
    for key, value in sorted((edge.get("claim") or {}).items()):
        if key in CLAIM_PROPERTIES and value is not None:
            obj = (_decimal(value), XSD + "decimal") if key == "value" else _str(value)
            yield a, KG + CLAIM_PROPERTIES[key], obj


def graph_triples(graph) -> list[tuple]:
    """Every triple of the graph, sorted (subject, predicate, object), without duplicates."""
    out: list[tuple] = []
    for node in graph.nodes():
        out.extend(node_triples(node))
    extractors = set()
    for edge in graph.edges():
        out.extend(edge_triples(edge))
        if edge.get("extractor"):
            extractors.add(edge["extractor"])
    for name in extractors:
        e = extractor_iri(name)
        out += [(e, TYPE, (KG + "Extractor",)), (e, RDFS + "label", _str(name))]
    return sorted(set(out))


# -- N-Triples --------------------------------------------------------------
_ESC = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_NEEDS_ESC = re.compile(r'[\\"\x00-\x1f\x7f]')
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _esc_char(m: re.Match) -> str:
    c = m.group()
    return _ESC.get(c) or (f"\\u{ord(c):04X}" if ord(c) <= 0xFFFF else f"\\U{ord(c):08X}")


def escape_string(s: str, ascii_only: bool = True) -> str:
    """Body of a quoted N-Triples/Turtle string (``ascii_only`` escapes non-ASCII as ``\\uXXXX``).

    >>> escape_string('say "hé"\\n')
    'say \\\\"h\\\\u00E9\\\\"\\\\n'
    """
    s = _NEEDS_ESC.sub(_esc_char, s)
    return _NON_ASCII.sub(_esc_char, s) if ascii_only else s


def nt_term(term) -> str:
    """One term in N-Triples syntax (ASCII only)."""
    if len(term) == 1:
        return f"<{term[0]}>"
    lex, dt = term
    body = f'"{escape_string(lex)}"'
    return body if dt == XSD + "string" else f"{body}^^<{dt}>"


def write_ntriples(triples: Iterable[tuple], path: Path) -> None:
    """N-Triples, one line per triple, lines sorted."""
    lines = sorted(f"<{s}> <{p}> {nt_term(o)} .\n" for s, p, o in triples)
    with atomic_open(path) as f:
        f.writelines(lines)


# -- Turtle -----------------------------------------------------------------
def _qname(iri: str) -> str | None:
    for prefix, ns in PREFIXES.items():
        if prefix != "id" and iri.startswith(ns) and re.fullmatch(r"[A-Za-z][A-Za-z0-9_-]*", iri[len(ns):]):
            return f"{prefix}:{iri[len(ns):]}"
    return None


def ttl_term(term) -> str:
    """One term in Turtle: prefixed name, IRI relative to ``@base`` (instance data) or literal."""
    if len(term) == 1:
        iri = term[0]
        if iri.startswith(ID):
            return f"<{iri[len(ID):]}>"
        return _qname(iri) or f"<{iri}>"
    lex, dt = term
    body = f'"{escape_string(lex, ascii_only=False)}"'
    return body if dt == XSD + "string" else f"{body}^^{ttl_term((dt,))}"


def write_turtle(triples: list[tuple], path: Path) -> None:
    """Turtle grouped by subject (subjects, predicates and objects sorted)."""
    with atomic_open(path) as f:
        f.write(f"@base <{ID}> .\n")
        for prefix, ns in sorted(PREFIXES.items()):
            if prefix != "id":
                f.write(f"@prefix {prefix}: <{ns}> .\n")
        for s, group in groupby(triples, key=lambda t: t[0]):
            f.write(f"\n{ttl_term((s,))}")
            # rdf:type first (as "a"), then the other predicates in IRI order
            rows = sorted(group, key=lambda t: (t[1] != TYPE, t[1], t[2]))
            for i, (p, objs) in enumerate(groupby(rows, key=lambda t: t[1])):
                pred = "a" if p == TYPE else ttl_term((p,))
                f.write((" ;\n    " if i else " ") + pred + " " + ", ".join(ttl_term(t[2]) for t in objs))
            f.write(" .\n")


# -- JSON-LD ----------------------------------------------------------------
#: JSON-LD term -> (IRI, True when values are IRIs). Written to context.jsonld.
JSONLD_TERMS = {
    "label": (RDFS + "label", False), "altLabel": (SKOS + "altLabel", False),
    "title": (DCT + "title", False), "abstract": (DCT + "abstract", False), "issued": (DCT + "issued", False),
    "url": (SCHEMA + "url", True), "arxivId": (KG + "arxivId", False), "upvotes": (KG + "upvotes", False),
    "authorCount": (KG + "authorCount", False), "sourceFile": (KG + "sourceFile", False),
    "subject": (RDF + "subject", True), "predicate": (RDF + "predicate", True), "object": (RDF + "object", True),
    "evidence": (KG + "evidence", False), "extractor": (KG + "extractor", True),
    **{p: (KG + p, False) for p in CLAIM_PROPERTIES.values()},
    **{p: (KG + p, True) for p in RELATION_PROPERTIES.values()},
}
CLASSES = ("Paper", "Method", "Model", "Hardware", "Dataset", "Repo", "Organization", "Task",
           "Assertion", "Extractor")


def jsonld_context() -> dict:
    """The JSON-LD context shared by ``graph.jsonld`` and ``context.jsonld``."""
    ctx: dict = dict(sorted(PREFIXES.items()))
    ctx.update({c: "kg:" + c for c in CLASSES})
    for term, (iri, is_iri) in sorted(JSONLD_TERMS.items()):
        compact = _compact(iri)
        ctx[term] = {"@id": compact, "@type": "@id"} if is_iri else compact
    return ctx


def _compact(iri: str) -> str:
    if iri.startswith(ID):
        return "id:" + iri[len(ID):]
    return _qname(iri) or iri


_BY_IRI = {iri: (term, is_iri) for term, (iri, is_iri) in JSONLD_TERMS.items()}
_NATIVE = {XSD + "string"}


def _jsonld_value(term, coerced: bool):
    if len(term) == 1:
        return _compact(term[0]) if coerced else {"@id": _compact(term[0])}
    lex, dt = term
    if dt in _NATIVE and not coerced:
        return lex
    return {"@type": _compact(dt), "@value": lex}


def jsonld_nodes(triples: list[tuple]) -> Iterator[dict]:
    """One JSON-LD node object per subject, in subject order."""
    for s, group in groupby(triples, key=lambda t: t[0]):
        node: dict = {"@id": _compact(s)}
        for p, objs in groupby(group, key=lambda t: t[1]):
            objs = [t[2] for t in objs]
            if p == TYPE:
                key, vals = "@type", [o[0][len(KG):] if o[0].startswith(KG) else _compact(o[0]) for o in objs]
            else:
                key, coerced = _BY_IRI.get(p, (_compact(p), False))
                vals = [_jsonld_value(o, coerced) for o in objs]
            node[key] = vals[0] if len(vals) == 1 else vals
        yield node


def write_jsonld(triples: list[tuple], path: Path) -> None:
    """JSON-LD: the context inline, then ``@graph`` with one node object per line."""
    with atomic_open(path) as f:
        f.write('{"@context": ' + json.dumps(jsonld_context(), sort_keys=True, ensure_ascii=False))
        f.write(',\n"@graph": [\n')
        for i, node in enumerate(jsonld_nodes(triples)):
            f.write((",\n" if i else "") + json.dumps(node, sort_keys=True, ensure_ascii=False))
        f.write("\n]}\n")


def write(graph, out_dir: Path) -> list[Path]:
    """Write graph.nt, graph.ttl, graph.jsonld and context.jsonld into ``out_dir``."""
    out = Path(out_dir)
    triples = graph_triples(graph)
    paths = [out / name for name in FILES]
    write_ntriples(triples, paths[0])
    write_turtle(triples, paths[1])
    write_jsonld(triples, paths[2])
    with atomic_open(paths[3]) as f:
        f.write(json.dumps({"@context": jsonld_context()}, sort_keys=True, indent=1, ensure_ascii=False) + "\n")
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
