"""RDF terms and syntax for :mod:`kg.export.rdf`: IRIs, escaping, term forms and the JSON-LD context.

Terms follow ``ontology/kg.ttl`` (namespace :data:`KG`); node ids become IRIs
under :data:`ID` (``method/flashattention-2`` ->
``https://w3id.org/paperkg/id/method/flashattention-2``). A subject is
described by a list of (predicate, object) pairs (:func:`node_terms`,
:func:`assertion_terms`); :mod:`kg.export.rdf_subject` writes one subject in
each syntax.
"""
from __future__ import annotations

import hashlib
import re
from decimal import Decimal
from json.encoder import encode_basestring as _json_str  # what json.dumps(..., ensure_ascii=False) uses
from urllib.parse import quote

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


LABEL, ALT_LABEL, STRING = RDFS + "label", SKOS + "altLabel", XSD + "string"
_PLAIN_ID = re.compile(r"[A-Za-z0-9_.~+/-]*")  # ids whose IRI needs no percent-encoding ...
_DOT_SEGMENT = re.compile(r"(?:^|/)\.\.?(?:/|$)")  # ... unless a segment is "." or ".."
_QNAME_LOCAL = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_MONTH_DAY = re.compile(r"--\d{2}-\d{2}")


# -- terms ------------------------------------------------------------------
# A subject's description is a list of (predicate IRI, object) pairs; an object is ``(iri,)``
# for an IRI or ``(lexical, datatype IRI)`` for a literal (datatype xsd:string for plain strings).

def node_iri(node_id: str) -> str:
    """The IRI of a graph node id (unsafe characters percent-encoded).

    >>> node_iri("method/flashattention-2")
    'https://w3id.org/paperkg/id/method/flashattention-2'
    >>> node_iri("task/long context: <fast>")
    'https://w3id.org/paperkg/id/task/long%20context%3A%20%3Cfast%3E'
    """
    if _PLAIN_ID.fullmatch(node_id) and not _DOT_SEGMENT.search(node_id):
        return ID + node_id
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
    if _DATE.fullmatch(value):
        return value, XSD + "date"
    if _MONTH_DAY.fullmatch(value):
        return value, XSD + "gMonthDay"
    return None


_PAPER_STRINGS = (("title", DCT + "title"), ("abstract", DCT + "abstract"), ("arxiv_id", KG + "arxivId"))
_PAPER_INTS = (("upvotes", KG + "upvotes"), ("author_count", KG + "authorCount"))


def node_terms(node: dict) -> list[tuple]:
    """(predicate, object) pairs describing one graph node: its type, names and metadata."""
    t: list[tuple] = [(TYPE, (KG + node["type"],))]
    if node.get("name"):
        t.append((LABEL, (str(node["name"]), STRING)))
    t += [(ALT_LABEL, (str(a), STRING)) for a in node.get("aliases") or ()]
    if node.get("url"):
        t.append((SCHEMA + "url", (_url(node["url"]),)))
    if node["type"] != "Paper":
        return t
    t += [(pred, (str(node[key]), STRING)) for key, pred in _PAPER_STRINGS if node.get(key) is not None]
    if node.get("published") and (d := _date(str(node["published"]))):
        t.append((DCT + "issued", d))
    t += [(pred, (str(int(node[key])), XSD + "integer")) for key, pred in _PAPER_INTS if node.get(key) is not None]
    t += [(KG + "sourceFile", (str(src), STRING)) for src in node.get("sources") or ()]
    return t


def assertion_terms(edge: dict, s: str, p: str, o: str) -> list[tuple]:
    """(predicate, object) pairs of the kg:Assertion node of one edge ``s p o``: statement, evidence, claim."""
    t: list[tuple] = [(TYPE, (KG + "Assertion",)), (RDF + "subject", (s,)), (RDF + "predicate", (p,)),
                      (RDF + "object", (o,))]
    if edge.get("evidence"):
        t.append((KG + "evidence", (edge["evidence"], STRING)))
    if edge.get("extractor"):
        t.append((KG + "extractor", (extractor_iri(edge["extractor"]),)))
    if edge.get("source_file"):
        t.append((KG + "sourceFile", (edge["source_file"], STRING)))
    for key, value in (edge.get("claim") or {}).items():
        if key in CLAIM_PROPERTIES and value is not None:
            t.append((KG + CLAIM_PROPERTIES[key], (_decimal(value), XSD + "decimal") if key == "value"
                      else (str(value), STRING)))
    return t


# -- escaping and terms -----------------------------------------------------
_ESC = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_NEEDS_ESC = re.compile(r'[\\"\x00-\x1f\x7f]')
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_NEEDS_ESC_ASCII = re.compile(r'[^\x20\x21\x23-\x5b\x5d-\x7e]')  # anything escape_string(ascii_only) changes


def _esc_char(m: re.Match) -> str:
    c = m.group()
    return _ESC.get(c) or (f"\\u{ord(c):04X}" if ord(c) <= 0xFFFF else f"\\U{ord(c):08X}")


def escape_string(s: str, ascii_only: bool = True) -> str:
    """Body of a quoted N-Triples/Turtle string (``ascii_only`` escapes non-ASCII as ``\\uXXXX``).

    >>> escape_string('say "hé"\\n')
    'say \\\\"h\\\\u00E9\\\\"\\\\n'
    """
    if ascii_only:
        if not _NEEDS_ESC_ASCII.search(s):
            return s
        return _NON_ASCII.sub(_esc_char, _NEEDS_ESC.sub(_esc_char, s))
    return _NEEDS_ESC.sub(_esc_char, s) if _NEEDS_ESC.search(s) else s


def nt_term(term) -> str:
    """One term in N-Triples syntax (ASCII only)."""
    if len(term) == 1:
        return f"<{term[0]}>"
    lex, dt = term
    return f'"{escape_string(lex)}"' if dt == STRING else f'"{escape_string(lex)}"^^<{dt}>'


def _qname(iri: str) -> str | None:
    for prefix, ns in PREFIXES.items():
        if prefix != "id" and iri.startswith(ns) and _QNAME_LOCAL.fullmatch(iri, len(ns)):
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
    return body if dt == STRING else f"{body}^^{_vocab(dt)[1]}"


def _compact(iri: str) -> str:
    if iri.startswith(ID):
        return "id:" + iri[len(ID):]
    return _qname(iri) or iri


# -- JSON-LD context ----------------------------------------------------------
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


_BY_IRI = {iri: (term, is_iri) for term, (iri, is_iri) in JSONLD_TERMS.items()}
_VOCAB: dict[str, tuple] = {}


def _vocab(iri: str) -> tuple:
    """Cached forms of a vocabulary IRI: (N-Triples, Turtle, JSON-LD key as JSON, values are IRIs, compact)."""
    v = _VOCAB.get(iri)
    if v is None:
        key, coerced = ("@type", False) if iri == TYPE else _BY_IRI.get(iri, (_compact(iri), False))
        v = _VOCAB[iri] = (f"<{iri}>", "a" if iri == TYPE else _qname(iri) or f"<{iri}>", _json_str(key),
                           coerced, _compact(iri))
    return v


def _jsonld_value(term, coerced: bool) -> str:
    """One object as JSON text, exactly as ``json.dumps(..., sort_keys=True, ensure_ascii=False)`` writes it."""
    if len(term) == 1:
        iri = _json_str(_compact(term[0]))
        return iri if coerced else '{"@id": ' + iri + "}"
    lex, dt = term
    if dt == STRING and not coerced:
        return _json_str(lex)
    return '{"@type": ' + _json_str(_vocab(dt)[4]) + ', "@value": ' + _json_str(lex) + "}"
