"""RDF terms and syntax for :mod:`kg.export.rdf`: IRIs, escaping, and one subject in three syntaxes.

Terms follow ``ontology/kg.ttl`` (namespace :data:`KG`); node ids become IRIs
under :data:`ID` (``method/flashattention-2`` ->
``https://w3id.org/paperkg/id/method/flashattention-2``). A subject is
described by a list of (predicate, object) pairs (:func:`node_terms`,
:func:`assertion_terms`) and :func:`serialise` writes it as N-Triples lines,
a Turtle block and a JSON-LD node object at once; :func:`assertion` is the
same for an edge's ``kg:Assertion``, written directly because assertions are
most of the graph.
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


# -- one subject in three syntaxes ------------------------------------------------
def serialise(s: str, terms: list[tuple]) -> tuple[str, str, str]:
    """Subject ``s`` with its (predicate, object) pairs as (N-Triples lines, Turtle block, JSON-LD object).

    N-Triples lines are sorted; Turtle puts ``a`` first, then predicates and objects in IRI/term
    order; the JSON-LD object has sorted keys. Duplicate pairs are written once.
    """
    terms = sorted(set(terms))
    head = f"<{s}> "
    nt = [f"{head}{_vocab(p)[0]} {nt_term(o)} .\n" for p, o in terms]
    nt.sort()
    ttl: list[str] = []
    js: list[str] = []
    i, n = 0, len(terms)
    while i < n:
        p = terms[i][0]
        j = i + 1
        while j < n and terms[j][0] == p:
            j += 1
        objs = [t[1] for t in terms[i:j]]
        i = j
        _, pred, key, coerced, _ = _vocab(p)
        group = pred + " " + ", ".join([ttl_term(o) for o in objs])
        if p == TYPE:
            ttl.insert(0, group)
            vals = [_json_str(o[0][len(KG):] if o[0].startswith(KG) else _compact(o[0])) for o in objs]
        else:
            ttl.append(group)
            vals = [_jsonld_value(o, coerced) for o in objs]
        js.append(f"{key}: {vals[0]}" if len(vals) == 1 else f"{key}: [{', '.join(vals)}]")
    js.sort()  # keys are distinct JSON strings, so this is json.dumps' sort_keys order
    return ("".join(nt), f"\n{ttl_term((s,))} " + " ;\n    ".join(ttl) + " .\n",
            '{"@id": ' + _json_str(_compact(s)) + "".join([", " + x for x in js]) + "}")


_CLAIMS = sorted(CLAIM_PROPERTIES.items(), key=lambda kv: kv[1])  # (key, local name) in IRI order
_EXTRACTORS: dict[str, tuple[str, str, str]] = {}


def _literal(pred_local: str, lex: str, head: str) -> tuple[str, str, str]:
    """A plain-string ``kg:`` literal as (N-Triples line, Turtle group, JSON-LD member)."""
    return (f'{head}<{KG}{pred_local}> "{escape_string(lex)}" .\n',
            f'kg:{pred_local} "{escape_string(lex, ascii_only=False)}"', f'"{pred_local}": {_json_str(lex)}')


def assertion(edge: dict, a: str, s: str, p: str, o: str) -> tuple[str, str, str]:
    """``serialise(a, assertion_terms(edge, s, p, o))`` for node IRIs ``s``, ``o``, written directly (fast path)."""
    head, rs, ro = f"<{a}> ", s[len(ID):], o[len(ID):]
    rows = [(f"{head}<{RDF}object> <{o}> .\n", f"rdf:object <{ro}>", f'"object": {_json_str("id:" + ro)}'),
            (f"{head}<{RDF}predicate> <{p}> .\n", "rdf:predicate kg:" + p[len(KG):],
             f'"predicate": "kg:{p[len(KG):]}"'),
            (f"{head}<{RDF}subject> <{s}> .\n", f"rdf:subject <{rs}>", f'"subject": {_json_str("id:" + rs)}')]
    claim = edge.get("claim") or {}
    for key, local in _CLAIMS:
        if (v := claim.get(key)) is None:
            continue
        if key == "value":
            lex = _decimal(v)
            rows.append((f'{head}<{KG}{local}> "{lex}"^^<{XSD}decimal> .\n', f'kg:{local} "{lex}"^^xsd:decimal',
                         f'"{local}": {{"@type": "xsd:decimal", "@value": "{lex}"}}'))
        else:
            rows.append(_literal(local, str(v), head))
    if edge.get("evidence"):
        rows.append(_literal("evidence", edge["evidence"], head))
    if name := edge.get("extractor"):
        x = _EXTRACTORS.get(name)
        if x is None:
            iri = extractor_iri(name)
            x = _EXTRACTORS[name] = (f"<{KG}extractor> <{iri}> .\n", f"kg:extractor <{iri[len(ID):]}>",
                                     f'"extractor": {_json_str("id:" + iri[len(ID):])}')
        rows.append((head + x[0], x[1], x[2]))
    if edge.get("source_file"):
        rows.append(_literal("sourceFile", edge["source_file"], head))
    # rows are in predicate IRI order: rdf:object, rdf:predicate, rdf:subject, (rdf:type), kg:...
    nt = "".join([r[0] for r in rows[:3]]) + f"{head}<{TYPE}> <{KG}Assertion> .\n" + "".join([r[0] for r in rows[3:]])
    ttl = f"\n<{a[len(ID):]}> a kg:Assertion ;\n    " + " ;\n    ".join([r[1] for r in rows]) + " .\n"
    js = sorted([r[2] for r in rows])
    return nt, ttl, f'{{"@id": {_json_str("id:" + a[len(ID):])}, "@type": "Assertion", ' + ", ".join(js) + "}"
