"""SPARQL over a build's RDF export, with safely bound parameters.

:func:`open_store` loads ``graph.nt`` (written by :mod:`kg.export.rdf`) into
an in-memory store: pyoxigraph by default (measured much faster than rdflib's
engine, see ``docs/rdf.md``), rdflib on request. :meth:`SparqlStore.query`
returns a :class:`Result` whose rows are SPARQL 1.1 JSON binding objects, so
both engines print identically as table, CSV, TSV, JSON or XML.

Parameters are bound as RDF terms (a ``VALUES`` block for pyoxigraph, rdflib
``initBindings``), never pasted into the query text as strings. A query may
declare defaults in header comments: ``# @param name = "FlashAttention-2"``.
``LIMIT ?limit`` / ``OFFSET ?offset`` (not SPARQL by themselves) take
non-negative integer parameters, written in as digits: that is how the shipped
queries that can return a whole graph's worth of rows are paginated.
"""
from __future__ import annotations

import contextlib
import re
import threading
from pathlib import Path

from kg.errors import ConfigError, InputError
from kg.query.results import Result, _nt

ENGINES = ("oxigraph", "rdflib")
DEFAULT_ENGINE = "oxigraph"
FORMATS = ("table", "csv", "tsv", "json", "xml")
XSD = "http://www.w3.org/2001/XMLSchema#"
_VAR = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_PARAM_LINE = re.compile(r"^\s*#\s*@param\s+([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$", re.M)


def _prefixes() -> dict[str, str]:
    from kg.export.rdf import PREFIXES
    return PREFIXES


# -- terms (SPARQL 1.1 JSON result objects) ----------------------------------
def parse_term(text: str) -> dict:
    """Turn a ``--param`` value into an RDF term (a SPARQL JSON term object).

    ``<iri>`` and ``prefix:local`` (known prefixes) are IRIs; integers and
    decimals are typed literals; ``"quoted"`` or anything else is a plain string.

    >>> parse_term("id:method/flashattention-2")["value"]
    'https://w3id.org/paperkg/id/method/flashattention-2'
    >>> parse_term('"42"'), parse_term("42")["datatype"][-7:]
    ({'type': 'literal', 'value': '42'}, 'integer')
    """
    if len(text) >= 2 and text[0] == "<" and text[-1] == ">":
        return {"type": "uri", "value": _check_iri(text[1:-1])}
    if len(text) >= 2 and text[0] == text[-1] == '"':
        return {"type": "literal", "value": text[1:-1]}
    prefix, colon, local = text.partition(":")
    if colon and prefix in _prefixes() and not local.startswith("//"):
        return {"type": "uri", "value": _check_iri(_prefixes()[prefix] + local)}
    if re.fullmatch(r"[+-]?\d+", text):
        return {"type": "literal", "value": text, "datatype": XSD + "integer"}
    if re.fullmatch(r"[+-]?\d*\.\d+", text):
        return {"type": "literal", "value": text, "datatype": XSD + "decimal"}
    return {"type": "literal", "value": text}


_IRI = re.compile(r'[A-Za-z][A-Za-z0-9+.-]*:[^\x00-\x20<>"{}|^`\\]*')
# tokens skipped whole while looking for the WHERE clause's "{": comments, strings, IRIs, variables
_SKIP = re.compile(
    r"#[^\n]*"
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'(?:[^'\\\n]|\\.)*'"
    r'|"(?:[^"\\\n]|\\.)*"'
    r'|<[^\x00-\x20<>"{}|^`\\]*>'
    r"|[?$]\w+")
_WORD = re.compile(r"[A-Za-z_][\w-]*(?::[\w.%-]*)?")


def _check_iri(iri: str) -> str:
    if not _IRI.fullmatch(iri):
        raise ConfigError(f"not an absolute IRI: {iri!r}", hint="write e.g. <https://example.org/x> or id:method/x")
    return iri


def _where_brace(query: str) -> int:
    """Index of the "{" opening the query's WHERE clause (CONSTRUCT templates skipped)."""
    pos, in_construct = 0, False
    while pos < len(query):
        m = _SKIP.match(query, pos) or _WORD.match(query, pos)
        if m:
            word = m.group().upper()
            if word in ("CONSTRUCT", "WHERE"):
                in_construct = word == "CONSTRUCT"  # "CONSTRUCT {template} WHERE {...}" or "CONSTRUCT WHERE {...}"
            pos = m.end()
        elif query[pos] == "{" and in_construct:
            depth, pos = 1, pos + 1
            while pos < len(query) and depth:
                m = _SKIP.match(query, pos)
                if m:
                    pos = m.end()
                    continue
                depth += {"{": 1, "}": -1}.get(query[pos], 0)
                pos += 1
            in_construct = False
        elif query[pos] == "{":
            return pos
        else:
            pos += 1
    raise QueryError("cannot bind parameters: the query has no WHERE clause",
                     hint="write the query as SELECT ... WHERE { ... }")


def bind_values(query: str, params: dict[str, dict]) -> str:
    """``query`` with a ``VALUES`` block binding ``params`` first thing in its WHERE clause.

    Terms are written in N-Triples syntax by kg's own escaper (IRIs validated),
    so a parameter can never change the query's structure.

    >>> print(bind_values('SELECT * WHERE { ?s rdfs:label ?n }', {"n": {"type": "literal", "value": 'a" }'}}))
    SELECT * WHERE { VALUES (?n) { ("a\\" }") } ?s rdfs:label ?n }
    """
    if not params:
        return query
    for t in params.values():
        if t["type"] == "uri":
            _check_iri(t["value"])
    names = sorted(params)
    values = (" VALUES (" + " ".join("?" + n for n in names) + ") { ("
              + " ".join(_nt(params[n]) for n in names) + ") }")
    pos = _where_brace(query)
    return query[:pos + 1] + values + query[pos + 1:]


_SLICE = re.compile(_SKIP.pattern + r"|\b(LIMIT|OFFSET)\s+[?$]([A-Za-z_][A-Za-z0-9_]*)", re.I)


_LATERAL = re.compile(_SKIP.pattern + r"|\b(LATERAL)\s*\{", re.I)


def bind_slice(query: str, params: dict[str, dict]) -> tuple[str, dict[str, dict]]:
    """``LIMIT ?n`` and ``OFFSET ?n`` given their (non-negative integer) parameters; the other parameters.

    >>> bind_slice("SELECT * { ?s ?p ?o } LIMIT ?limit", parse_params(["limit=10"]))
    ('SELECT * { ?s ?p ?o } LIMIT 10', {})
    """
    used: set[str] = set()

    def sub(m: re.Match) -> str:
        if not m.group(1):
            return m.group()
        name = m.group(2)
        term = params.get(name)
        if term is None:
            raise QueryError(f"{m.group(1).upper()} ?{name} needs a value", hint=f"pass --param {name}=N")
        if term["type"] != "literal" or not re.fullmatch(r"\+?\d{1,18}", term["value"]):
            raise ConfigError(f"--param {name} must be a non-negative integer, not {term['value']!r}",
                              hint=f"e.g. --param {name}=1000")
        used.add(name)
        return f"{m.group(1)} {int(term['value'])}"

    text = _SLICE.sub(sub, query)
    return text, {k: v for k, v in params.items() if k not in used}


def parse_params(pairs: list[str] | tuple[str, ...], query: str = "") -> dict[str, dict]:
    """``["name=value", ...]`` (after the query's ``# @param`` defaults) as ``{name: term}``."""
    raw = dict(_PARAM_LINE.findall(query))
    for pair in pairs:
        name, eq, value = pair.partition("=")
        if not eq:
            raise ConfigError(f"--param {pair!r} is not name=value", hint='e.g. --param name="FlashAttention-2"')
        raw[name.strip().lstrip("?$")] = value
    for name in raw:
        if not _VAR.fullmatch(name):
            raise ConfigError(f"--param name {name!r} is not a SPARQL variable name", hint="use letters, digits, _")
    return {name: parse_term(value) for name, value in raw.items()}


def _from_ox(t) -> dict | None:
    import pyoxigraph as ox

    if t is None:
        return None
    if isinstance(t, ox.NamedNode):
        return {"type": "uri", "value": t.value}
    if isinstance(t, ox.BlankNode):
        return {"type": "bnode", "value": t.value}
    d = {"type": "literal", "value": t.value}
    if t.language:
        d["xml:lang"] = t.language
    elif t.datatype.value != XSD + "string":
        d["datatype"] = t.datatype.value
    return d


def _from_rdflib(t) -> dict | None:
    import rdflib

    if t is None:
        return None
    if isinstance(t, rdflib.URIRef):
        return {"type": "uri", "value": str(t)}
    if isinstance(t, rdflib.BNode):
        return {"type": "bnode", "value": str(t)}
    d = {"type": "literal", "value": str(t)}
    if t.language:
        d["xml:lang"] = t.language
    elif t.datatype is not None and str(t.datatype) != XSD + "string":
        d["datatype"] = str(t.datatype)
    return d


def _to_rdflib(d: dict):
    import rdflib

    if d["type"] == "uri":
        return rdflib.URIRef(d["value"])
    return rdflib.Literal(d["value"], datatype=rdflib.URIRef(d["datatype"]) if d.get("datatype") else None)


# -- stores ------------------------------------------------------------------
def rdf_path(location: str | Path) -> Path:
    """The RDF file to load for a build folder (``graph.nt``) or an RDF file given directly."""
    p = Path(location)
    f = p / "graph.nt" if p.is_dir() else p
    if not f.exists():
        raise InputError(f"{f}: no RDF export here",
                         hint=f"build with the RDF export first: kg build INPUTS -o {p} (writes graph.nt)")
    return f


class SparqlStore:
    """An in-memory, read-only SPARQL store over one build's RDF."""

    def __init__(self, engine: str = DEFAULT_ENGINE):
        if engine not in ENGINES:
            raise ConfigError(f"unknown SPARQL engine {engine!r}", hint="choose from: " + ", ".join(ENGINES))
        self.engine = engine
        if engine == "oxigraph":
            import pyoxigraph

            self._store = pyoxigraph.Store()
        else:
            import rdflib

            self._store = rdflib.Graph()
        # pyoxigraph reads concurrently; rdflib's query engine is not documented as thread-safe
        self._lock = threading.Lock() if engine == "rdflib" else contextlib.nullcontext()

    def load(self, path: str | Path, trusted: bool = False) -> "SparqlStore":
        """Add an RDF file (N-Triples, Turtle or JSON-LD, by extension) to the store.

        ``trusted`` (a file kg wrote itself) lets pyoxigraph skip IRI validation: ~15% faster.
        """
        path = Path(path)
        ext = path.suffix.lower()
        fmt = {".nt": "nt", ".ttl": "turtle", ".jsonld": "json-ld", ".json": "json-ld"}.get(ext)
        if fmt is None:
            raise InputError(f"{path}: unknown RDF file type", hint="give a .nt, .ttl or .jsonld file")
        try:
            if self.engine == "oxigraph":
                import pyoxigraph as ox

                oxfmt = {"nt": ox.RdfFormat.N_TRIPLES, "turtle": ox.RdfFormat.TURTLE,
                         "json-ld": ox.RdfFormat.JSON_LD}[fmt]
                self._store.bulk_load(path=str(path), format=oxfmt, lenient=trusted)
            else:
                self._store.parse(str(path), format=fmt)
        except (SyntaxError, ValueError) as e:
            raise InputError(f"{path}: cannot parse RDF: {e}", hint="rebuild the folder with kg build") from None
        return self

    def __len__(self) -> int:
        return len(self._store)

    def query(self, text: str, params: dict[str, dict] | None = None) -> Result:
        """Run a read-only SPARQL query with ``params`` ({var: term}) bound as RDF terms."""
        text, params = bind_slice(text, params or {})
        if self.engine == "oxigraph":
            return self._query_ox(text, params)
        with self._lock:
            return self._query_rdflib(text, params)

    def _query_ox(self, text: str, params: dict[str, dict]) -> Result:
        import pyoxigraph as ox

        try:
            res = self._store.query(bind_values(text, params), prefixes=_prefixes())
        except SyntaxError as e:
            raise QueryError(f"invalid SPARQL query: {e}", hint=_UPDATE_HINT) from None
        if isinstance(res, ox.QueryBoolean):
            return Result("ask", boolean=bool(res))
        if isinstance(res, ox.QuerySolutions):
            vars_ = [v.value for v in res.variables]
            rows = [{v: t for v, t in ((v, _from_ox(sol[v])) for v in vars_) if t} for sol in res]
            return Result("select", vars_, rows)
        return Result("graph", ["s", "p", "o"], [
            {"s": _from_ox(t.subject), "p": _from_ox(t.predicate), "o": _from_ox(t.object)} for t in res])

    def _query_rdflib(self, text: str, params: dict[str, dict]) -> Result:
        import rdflib

        if any(m.group(1) for m in _LATERAL.finditer(text)):
            raise QueryError("rdflib cannot run LATERAL (a pyoxigraph extension to SPARQL 1.1)",
                             hint="use --engine oxigraph (the default)")

        bindings = {rdflib.Variable(k): _to_rdflib(v) for k, v in params.items()}
        try:
            ns = {k: rdflib.Namespace(v) for k, v in _prefixes().items()}
            res = self._store.query(text, initNs=ns, initBindings=bindings)
        except Exception as e:  # pyparsing raises its own exception types
            raise QueryError(f"invalid SPARQL query: {e}", hint=_UPDATE_HINT) from None
        if res.type == "ASK":
            return Result("ask", boolean=bool(res.askAnswer))
        if res.type == "SELECT":
            vars_ = [str(v) for v in res.vars]
            rows = [{v: t for v, t in ((v, _from_rdflib(row[i])) for i, v in enumerate(vars_)) if t} for row in res]
            return Result("select", vars_, rows)
        return Result("graph", ["s", "p", "o"], [
            {"s": _from_rdflib(s), "p": _from_rdflib(p), "o": _from_rdflib(o)} for s, p, o in res])


class QueryError(InputError):
    """A SPARQL query that cannot be parsed or run (updates included: the store is read-only)."""


_UPDATE_HINT = "check the syntax; prefixes kg:, id:, rdfs:, dcterms:, ... are predeclared; updates are not allowed"


def open_store(location: str | Path, engine: str = DEFAULT_ENGINE) -> SparqlStore:
    """A store loaded with the RDF of a build folder (or an RDF file)."""
    return SparqlStore(engine).load(rdf_path(location), trusted=Path(location).is_dir())


def format_result(result: Result, fmt: str) -> str:
    """Serialise a result as csv, tsv, json or xml (graph results: N-Triples)."""
    if result.kind == "graph":
        return result.to_ntriples()
    if fmt == "json":
        return result.to_json() + "\n"
    if fmt == "xml":
        return result.to_xml()
    if fmt in ("csv", "tsv"):
        return result.to_csv("\t" if fmt == "tsv" else ",")
    raise ConfigError(f"unknown result format {fmt!r}", hint="choose from: " + ", ".join(FORMATS))


def read_query(text: str | None, file: str | Path | None) -> str:
    """The query text from the command line or a ``.rq`` file."""
    if file:
        try:
            return Path(file).read_text(encoding="utf-8")
        except OSError as e:
            raise InputError(f"{file}: cannot read query file: {e.strerror}", hint="check the path") from None
    if not text:
        raise ConfigError("no query given", hint="pass the query as an argument or use --file query.rq")
    return text
