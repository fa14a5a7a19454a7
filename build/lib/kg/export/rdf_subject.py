"""One RDF subject in one syntax: N-Triples lines, a Turtle block or a JSON-LD node object.

A subject is described by (predicate, object) pairs (see :mod:`kg.export.rdf_syntax`);
:func:`serialise_nt`, :func:`serialise_ttl` and :func:`serialise_jsonld` write it in one
syntax each, so a writer of one file does no work for the others. :func:`assertion_nt`
and its siblings do the same for an edge's ``kg:Assertion`` directly (assertions are most
of the graph); :func:`serialise` and :func:`assertion` give all three at once.
"""
from __future__ import annotations

from itertools import groupby
from operator import itemgetter

from kg.export.rdf_syntax import (_NEEDS_ESC_ASCII, CLAIM_PROPERTIES, ID, KG, RDF, STRING, TYPE, XSD, _compact, _decimal,
                                  _json_str, _jsonld_value, _vocab, escape_string, extractor_iri, nt_term, ttl_term)

_first = itemgetter(0)


def _groups(terms: list[tuple]) -> list[tuple[str, list]]:
    """Distinct (predicate, object) pairs as ``[(predicate, [objects])]`` in term order."""
    return [(p, [t[1] for t in g]) for p, g in groupby(sorted(set(terms)), _first)]


def serialise_nt(s: str, terms: list[tuple]) -> str:
    """Subject ``s`` as N-Triples lines, sorted, each distinct pair once."""
    head = f"<{s}> "
    lines = [f"{head}{_NT_P[p]} <{o[0]}> .\n" if len(o) == 1 else f"{head}{_NT_P[p]} {nt_term(o)} .\n"
             for p, o in set(terms)]
    lines.sort()
    return "".join(lines)


def serialise_ttl(s: str, terms: list[tuple]) -> str:
    """Subject ``s`` as a Turtle block: ``a`` first, then predicates and objects in IRI/term order."""
    ttl: list[str] = []
    iri = _TTL_IRI
    for p, pairs in groupby(sorted(set(terms)), _first):
        group = _TTL_P[p] + ", ".join([iri[o[0]] if len(o) == 1 else ttl_term(o) for _, o in pairs])
        if p == TYPE:
            ttl.insert(0, group)
        else:
            ttl.append(group)
    return f"\n{ttl_term((s,))} " + " ;\n    ".join(ttl) + " .\n"


def serialise_nt_ttl(s: str, terms: list[tuple]) -> tuple[str, str]:
    """``(serialise_nt(s, terms), serialise_ttl(s, terms))`` in one pass: each literal is checked for escapes once."""
    head, nt, ttl = f"<{s}> ", [], []
    iri, last, objs = _TTL_IRI, None, []
    for p, o in sorted(set(terms)):
        if len(o) == 1:
            nt_o, ttl_o = f"<{o[0]}>", iri[o[0]]
        else:
            lex, dt = o
            if _NEEDS_ESC_ASCII.search(lex) is None:  # nothing to escape in either syntax
                nt_o = ttl_o = f'"{lex}"'
            else:
                nt_o, ttl_o = f'"{escape_string(lex)}"', f'"{escape_string(lex, ascii_only=False)}"'
            if dt != STRING:
                nt_o, ttl_o = f"{nt_o}^^<{dt}>", f"{ttl_o}^^{_vocab(dt)[1]}"
        nt.append(f"{head}{_NT_P[p]} {nt_o} .\n")
        if p != last:
            if objs:
                _ttl_group(ttl, last, objs)
            last, objs = p, []
        objs.append(ttl_o)
    if objs:
        _ttl_group(ttl, last, objs)
    nt.sort()
    return "".join(nt), f"\n{ttl_term((s,))} " + " ;\n    ".join(ttl) + " .\n"


def _ttl_group(ttl: list[str], p: str, objs: list[str]) -> None:
    """Add predicate ``p`` with its objects to a Turtle block's groups (``a`` goes first)."""
    group = _TTL_P[p] + ", ".join(objs)
    if p == TYPE:
        ttl.insert(0, group)
    else:
        ttl.append(group)


def serialise_jsonld(s: str, terms: list[tuple]) -> str:
    """Subject ``s`` as one JSON-LD node object with sorted keys (as ``json.dumps(sort_keys=True)``)."""
    js: list[str] = []
    for p, objs in _groups(terms):
        _, _, key, coerced, _ = _vocab(p)
        if p == TYPE:
            vals = [_json_str(o[0][len(KG):] if o[0].startswith(KG) else _compact(o[0])) for o in objs]
        else:
            vals = [_jsonld_value(o, coerced) for o in objs]
        js.append(f"{key}: {vals[0]}" if len(vals) == 1 else f"{key}: [{', '.join(vals)}]")
    js.sort()  # keys are distinct JSON strings, so this is json.dumps' sort_keys order
    return '{"@id": ' + _json_str(_compact(s)) + "".join([", " + x for x in js]) + "}"


def serialise(s: str, terms: list[tuple]) -> tuple[str, str, str]:
    """Subject ``s`` with its (predicate, object) pairs as (N-Triples lines, Turtle block, JSON-LD object)."""
    return serialise_nt(s, terms), serialise_ttl(s, terms), serialise_jsonld(s, terms)


# -- kg:Assertion nodes, written directly ------------------------------------------
_CLAIMS = sorted(CLAIM_PROPERTIES.items(), key=lambda kv: kv[1])  # (key, local name) in IRI order
_NT_X: dict[str, str] = {}  # extractor name -> its N-Triples object; same for Turtle and JSON-LD below
_TTL_X: dict[str, str] = {}
_JS_X: dict[str, str] = {}
_LEN_ID, _LEN_KG = len(ID), len(KG)
_NT_OBJECT, _NT_PREDICATE, _NT_SUBJECT = f"> <{RDF}object> <", f"> <{RDF}predicate> <", f"> <{RDF}subject> <"
_NT_NEXT = "> .\n<"  # end of one line, start of the next
_NT_TAIL = f"> <{TYPE}> <{KG}Assertion> .\n"
_NT_EV, _NT_SF, _NT_XP = f"> <{KG}evidence> \"", f"> <{KG}sourceFile> \"", f"> <{KG}extractor> <"


class Memo(dict):
    """``memo[s]`` is ``fn(s)``, computed once per distinct ``s`` (an evidence sentence backs several edges)."""

    def __init__(self, fn) -> None:
        super().__init__()
        self.fn = fn

    def __missing__(self, key: str) -> str:
        value = self[key] = self.fn(key)
        return value


#: escaped literal bodies / JSON strings of edge strings; emptied after every file (:func:`clear_memos`)
_NT_LIT = Memo(escape_string)
_TTL_LIT = Memo(lambda s: escape_string(s, ascii_only=False))
_JS_LIT = Memo(_json_str)
_TTL_IRI = Memo(lambda iri: ttl_term((iri,)))  # IRI -> its Turtle form (edge targets recur across subjects)
_NT_P = Memo(lambda p: _vocab(p)[0])  # predicate IRI -> its N-Triples form; Turtle's below, with the space after it
_TTL_P = Memo(lambda p: _vocab(p)[1] + " ")


def clear_memos() -> None:
    """Forget the escaped edge strings and IRIs (call when a file is written: they are not needed after it)."""
    for memo in (_NT_LIT, _TTL_LIT, _JS_LIT, _TTL_IRI):
        memo.clear()


def _claims(edge: dict) -> list[tuple[str, str]]:
    """The edge's claim as ``[(local name, lexical form)]`` in IRI order; the value as xsd:decimal."""
    claim = edge.get("claim")
    if not claim:
        return []
    return [(local, _decimal(v) if key == "value" else str(v)) for key, local in _CLAIMS
            if (v := claim.get(key)) is not None]


def assertion_nt(edge: dict, a: str, s: str, p: str, o: str) -> str:
    """N-Triples lines of the kg:Assertion ``a`` of edge ``s p o`` (node IRIs), sorted."""
    # the lines in byte order: rdf:object, rdf:predicate, rdf:subject, rdf:type, then kg: claim..., evidence,
    # extractor, sourceFile (the claim properties' local names all sort before "evidence")
    ev, name, sf = edge.get("evidence"), edge.get("extractor"), edge.get("source_file")
    if ev and name and sf and "claim" not in edge:  # the usual edge: one f-string
        x = _NT_X.get(name) or _NT_X.setdefault(name, f"{_NT_XP}{extractor_iri(name)}> .\n")
        return (f"<{a}{_NT_OBJECT}{o}{_NT_NEXT}{a}{_NT_PREDICATE}{p}{_NT_NEXT}{a}{_NT_SUBJECT}{s}{_NT_NEXT}{a}"
                f'{_NT_TAIL}<{a}{_NT_EV}{_NT_LIT[ev]}" .\n<{a}{x}<{a}{_NT_SF}{_NT_LIT[sf]}" .\n')
    out = ["<", a, _NT_OBJECT, o, _NT_NEXT, a, _NT_PREDICATE, p, _NT_NEXT, a, _NT_SUBJECT, s, _NT_NEXT, a, _NT_TAIL]
    if edge.get("claim"):
        for local, lex in _claims(edge):
            out.append(f'<{a}> <{KG}{local}> "{lex}"^^<{XSD}decimal> .\n' if local == "claimValue"
                       else f'<{a}> <{KG}{local}> "{_NT_LIT[lex]}" .\n')
    if ev:
        out += ("<", a, _NT_EV, _NT_LIT[ev], '" .\n')
    if name:
        x = _NT_X.get(name) or _NT_X.setdefault(name, f"{_NT_XP}{extractor_iri(name)}> .\n")
        out += ("<", a, x)
    if sf:
        out += ("<", a, _NT_SF, _NT_LIT[sf], '" .\n')
    return "".join(out)


def assertion_nt_row(edge: dict, a: str, s: str, p: str, o: str) -> tuple:
    """What :func:`assertion_nt` reads of an edge, read now: ``(a, s, p, o, evidence, extractor line, source file)``
    escaped for the usual edge, else ``(a, edge, s, p, o)``.

    Taken in edge order (the edge dict is in the CPU caches), so that writing the lines later in the
    order of their IRIs (:func:`assertion_nt_text`) visits no edge dicts and memos at random.
    """
    ev, name, sf = edge.get("evidence"), edge.get("extractor"), edge.get("source_file")
    if ev and name and sf and "claim" not in edge:
        x = _NT_X.get(name) or _NT_X.setdefault(name, f"{_NT_XP}{extractor_iri(name)}> .\n")
        return a, s, p, o, _NT_LIT[ev], x, _NT_LIT[sf]
    return a, edge, s, p, o


def assertion_nt_text(row: tuple) -> str:
    """:func:`assertion_nt` of a row from :func:`assertion_nt_row`."""
    if len(row) == 7:
        a, s, p, o, ev, x, sf = row
        return (f"<{a}{_NT_OBJECT}{o}{_NT_NEXT}{a}{_NT_PREDICATE}{p}{_NT_NEXT}{a}{_NT_SUBJECT}{s}{_NT_NEXT}{a}"
                f'{_NT_TAIL}<{a}{_NT_EV}{ev}" .\n<{a}{x}<{a}{_NT_SF}{sf}" .\n')
    a, edge, s, p, o = row
    return assertion_nt(edge, a, s, p, o)


def assertion_ttl(edge: dict, a: str, s: str, p: str, o: str) -> str:
    """Turtle block of the kg:Assertion ``a`` of edge ``s p o`` (node IRIs)."""
    ev, name, sf = edge.get("evidence"), edge.get("extractor"), edge.get("source_file")
    if ev and name and sf and "claim" not in edge:  # the usual edge: one f-string
        x = _TTL_X.get(name) or _TTL_X.setdefault(name, f"kg:extractor <{extractor_iri(name)[_LEN_ID:]}>")
        return (f"\n<{a[_LEN_ID:]}> a kg:Assertion ;\n    rdf:object <{o[_LEN_ID:]}> ;\n    "
                f"rdf:predicate kg:{p[_LEN_KG:]} ;\n    rdf:subject <{s[_LEN_ID:]}> ;\n    "
                f'kg:evidence "{_TTL_LIT[ev]}" ;\n    {x} ;\n    kg:sourceFile "{_TTL_LIT[sf]}" .\n')
    out = [f"\n<{a[_LEN_ID:]}> a kg:Assertion ;\n    rdf:object <{o[_LEN_ID:]}> ;\n    "
           f"rdf:predicate kg:{p[_LEN_KG:]} ;\n    rdf:subject <{s[_LEN_ID:]}>"]
    if edge.get("claim"):
        for local, lex in _claims(edge):
            out.append(f'kg:{local} "{lex}"^^xsd:decimal' if local == "claimValue"
                       else f'kg:{local} "{_TTL_LIT[lex]}"')
    if ev:
        out.append('kg:evidence "' + _TTL_LIT[ev] + '"')
    if name:
        out.append(_TTL_X.get(name) or _TTL_X.setdefault(name, f"kg:extractor <{extractor_iri(name)[_LEN_ID:]}>"))
    if sf:
        out.append('kg:sourceFile "' + _TTL_LIT[sf] + '"')
    return " ;\n    ".join(out) + " .\n"


def assertion_jsonld(edge: dict, a: str, s: str, p: str, o: str) -> str:
    """JSON-LD node object of the kg:Assertion ``a`` of edge ``s p o`` (node IRIs), keys sorted."""
    out = [f'"object": {_json_str("id:" + o[_LEN_ID:])}', f'"predicate": "kg:{p[_LEN_KG:]}"',
           f'"subject": {_json_str("id:" + s[_LEN_ID:])}']
    for local, lex in _claims(edge):
        out.append(f'"{local}": {{"@type": "xsd:decimal", "@value": "{lex}"}}' if local == "claimValue"
                   else f'"{local}": {_JS_LIT[lex]}')
    if ev := edge.get("evidence"):
        out.append('"evidence": ' + _JS_LIT[ev])
    if name := edge.get("extractor"):
        out.append(_JS_X.get(name) or _JS_X.setdefault(
            name, f'"extractor": {_json_str("id:" + extractor_iri(name)[_LEN_ID:])}'))
    if sf := edge.get("source_file"):
        out.append('"sourceFile": ' + _JS_LIT[sf])
    out.sort()
    return f'{{"@id": {_json_str("id:" + a[_LEN_ID:])}, "@type": "Assertion", ' + ", ".join(out) + "}"


def assertion(edge: dict, a: str, s: str, p: str, o: str) -> tuple[str, str, str]:
    """``serialise(a, assertion_terms(edge, s, p, o))`` for node IRIs ``s``, ``o``, written directly (fast path)."""
    return assertion_nt(edge, a, s, p, o), assertion_ttl(edge, a, s, p, o), assertion_jsonld(edge, a, s, p, o)
