"""Neo4j: live push through the official driver, and files for ``cypher-shell`` and ``neo4j-admin``.

Every node gets the label of its type (``:Paper``, ``:Method`` ...) plus the
common label ``:KGNode`` (what ``--wipe`` deletes, and how kg's data is told
apart from anything else in the database). Properties are flat: lists stay
Neo4j lists, an edge's ``claim`` dict becomes ``claim_text``, ``claim_value``,
``claim_unit``, ``claim_metric``, ``claim_direction``. Relations become
UPPER_SNAKE relationship types (``compares-to`` -> ``COMPARES_TO``).

Labels and relationship types cannot be query parameters, so they come only
from the fixed whitelists below (:data:`LABELS`, :data:`REL_TYPES`), never
from data; all values travel as ``$rows`` parameters (push) or as escaped
literals (``import.cypher``). Writes are ``UNWIND $rows ...`` batches in managed
transactions: CREATE into a database holding no ``:KGNode`` yet (a fresh load),
MERGE otherwise, so a push is idempotent and an interrupted push converges
when re-run (its re-run finds kg nodes and MERGEs). Rows are streamed from the
graph in per-group batches, never all held at once.

The file export (``kg build`` writes it by default, :mod:`kg.export.neo4j_files`)
is ``neo4j/import.cypher`` (``cypher-shell -f``) and ``neo4j/*.csv``
(``neo4j-admin database import full --array-delimiter=';'
--multiline-fields=true``); see docs/neo4j.md.
"""
from __future__ import annotations

import json
import math
import os
import re
from json.encoder import encode_basestring as _json_str  # the C escaper
from pathlib import Path
from typing import Callable, Iterable, Iterator

from kg.export import edges_of, nodes_of
from kg.errors import ConfigError, ExportError, KGError
from kg.model import NODE_TYPES, RELATIONS

NAME = "neo4j"
DEFAULT = True
SUBDIR = "neo4j"
COMMON_LABEL = "KGNode"
#: node type -> label; the only labels kg ever writes.
LABELS: dict[str, str] = {t: t for t in NODE_TYPES}
#: relation -> relationship type; the only types kg ever writes.
REL_TYPES: dict[str, str] = {r: r.upper().replace("-", "_") for r in RELATIONS}
#: node properties that get a range index (the shipped queries look nodes up by them).
INDEXED = ("name",)
ARRAY_DELIMITER = ";"
BATCH_SIZE = 5000
DEFAULT_URI = "bolt://localhost:7687"
_EDGE_SKIP = {"source", "target", "rel", "key"}


# -- rows ------------------------------------------------------------------
def _flat(data: dict, skip: Iterable[str]) -> dict:
    """Neo4j-storable properties, sorted: nested dicts flattened with a ``key_`` prefix, None dropped."""
    out: dict = {}
    nested = False
    for k in sorted(data):
        v = data[k]
        if v is None or k in skip:
            continue
        c = v.__class__
        if c is str or c is int or c is float or c is bool:
            out[k] = v
        elif isinstance(v, dict):
            nested = True
            out.update({f"{k}_{kk}": vv for kk, vv in v.items() if vv is not None and not isinstance(vv, dict)})
        elif isinstance(v, (list, tuple)):
            out[k] = [x if isinstance(x, (int, float, bool)) else str(x) for x in v]
        else:
            out[k] = v
    return dict(sorted(out.items())) if nested else out


def _label(node: dict) -> str:
    try:
        return LABELS[node["type"]]
    except KeyError:
        raise ExportError(f"node {node['id']!r} has unknown type {node.get('type')!r}",
                          hint="node types are: " + ", ".join(NODE_TYPES)) from None


def _node_items(graph) -> Iterator[tuple[str, str, dict]]:
    """``(label, id, props)`` for every node, in id order."""
    for n in nodes_of(graph):
        yield _label(n), n["id"], _flat(n, ("type",))


def _edge_items(graph, labels: dict[str, str], edges: Iterable[dict] | None = None,
                ) -> Iterator[tuple[tuple[str, str, str], str, str, dict]]:
    """``((REL_TYPE, source label, target label), source, target, props)`` for every edge (or those given), in order."""
    for e in edges_of(graph) if edges is None else edges:
        rtype = REL_TYPES.get(e["rel"])
        if rtype is None:
            raise ExportError(f"edge {e['source']} -> {e['target']} has unknown relation {e['rel']!r}",
                              hint="relations are: " + ", ".join(RELATIONS))
        yield (rtype, labels[e["source"]], labels[e["target"]]), e["source"], e["target"], _flat(e, _EDGE_SKIP)


def _grouped(items: Iterable[tuple], size: int) -> Iterator[tuple]:
    """``(key, [rest...])`` batches of at most ``size`` per key: full ones as they fill, then the rest by key."""
    groups: dict = {}
    for key, *rest in items:
        g = groups.get(key)
        if g is None:
            g = groups[key] = []
        g.append(rest)
        if len(g) >= size:
            yield key, g
            groups[key] = []
    for key in sorted(groups):
        if groups[key]:
            yield key, groups[key]


# -- Cypher text (labels/types from the whitelists only) ------------------------
def schema_statements(labels: Iterable[str] = NODE_TYPES) -> list[str]:
    """Uniqueness constraint on ``id`` and index on ``name`` for each label (idempotent)."""
    out = []
    for lab in labels:
        lab = LABELS[lab]
        out.append(f"CREATE CONSTRAINT kg_{lab.lower()}_id IF NOT EXISTS FOR (n:{lab}) REQUIRE n.id IS UNIQUE")
        for prop in INDEXED:
            out.append(f"CREATE INDEX kg_{lab.lower()}_{prop} IF NOT EXISTS FOR (n:{lab}) ON (n.{prop})")
    return out


def node_merge(label: str) -> str:
    """MERGE one ``row`` as a node of one label; ``SET n = props`` makes a re-push exact."""
    return f"MERGE (n:{LABELS[label]} {{id: row.id}}) SET n = row.props, n:{COMMON_LABEL}"


def node_create(label: str) -> str:
    """CREATE one ``row`` as a node of one label (fresh load only: no :KGNode in the database yet)."""
    return f"CREATE (n:{LABELS[label]}:{COMMON_LABEL}) SET n = row.props"


def _rel_type(key: tuple[str, str, str]) -> tuple[str, str, str]:
    rtype, sl, tl = key
    if rtype not in _REL_TYPE_SET:
        raise ExportError(f"unknown relationship type {rtype!r}")
    return rtype, LABELS[sl], LABELS[tl]


def rel_merge(key: tuple[str, str, str]) -> str:
    """MERGE one ``row`` as a relationship of one (type, source label, target label)."""
    rtype, sl, tl = _rel_type(key)
    return (f"MATCH (a:{sl} {{id: row.source}}) MATCH (b:{tl} {{id: row.target}}) "
            f"MERGE (a)-[r:{rtype}]->(b) SET r = row.props")


def rel_create(key: tuple[str, str, str]) -> str:
    """CREATE one ``row`` as a relationship (fresh load only)."""
    rtype, sl, tl = _rel_type(key)
    return (f"MATCH (a:{sl} {{id: row.source}}) MATCH (b:{tl} {{id: row.target}}) "
            f"CREATE (a)-[r:{rtype}]->(b) SET r = row.props")


_REL_TYPE_SET = frozenset(REL_TYPES.values())
_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_SURROGATE = re.compile("[\ud800-\udfff]")
_dumps = json.JSONEncoder(ensure_ascii=False, allow_nan=False, check_circular=False).encode
_KEYS: dict[str, str] = {}
_PLAIN_KEYS: set[tuple] = set()


def _u_escape(m: re.Match) -> str:
    return f"\\u{ord(m.group()):04x}"


def _str_literal(s: str) -> str:
    # A JSON string (C escaper: \" \\ \n \r \t \b \f and \u00XX for other controls) is a valid
    # double-quoted Cypher string literal. Lone surrogates cannot be written as UTF-8: \u-escape them.
    j = _json_str(s)
    if not s.isascii() and _SURROGATE.search(j):
        j = _SURROGATE.sub(_u_escape, j)
    return j


def _key(k: str) -> str:
    out = _KEYS.get(k)
    if out is None:
        out = _KEYS[k] = k if _IDENT.match(k) else "`" + k.replace("`", "``") + "`"
    return out


def cypher_literal(v) -> str:
    r"""A Cypher literal for a JSON-like value; strings double-quoted and fully escaped.

    >>> print(cypher_literal({"name": "O'Brien \\ \"Labs\"\n", "n": [1, 2.5], "ok": True, "a b": None}))
    {name: "O'Brien \\ \"Labs\"\n", n: [1, 2.5], ok: true, `a b`: null}
    """
    if v.__class__ is str:
        return _str_literal(v)
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        if not math.isfinite(v):
            raise ExportError(f"cannot write non-finite number {v!r} to Cypher")
        return repr(v)
    if isinstance(v, str):
        return _str_literal(v)
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join([cypher_literal(x) for x in v]) + "]"
    if isinstance(v, dict):
        return "{" + ", ".join([f"{_key(k)}: {cypher_literal(x)}" for k, x in v.items()]) + "}"
    raise ExportError(f"cannot write {type(v).__name__} to Cypher")


def rows_literal(rows: list[dict]) -> str:
    """A Cypher list of maps, one row per line: ``cypher_literal`` of each row, at (nearly) C speed.

    Rows are ``{"id" | "source", "target", "props": {flat props}}``, or the text this makes of one
    (as :mod:`kg.export.neo4j_files` renders plain edges). Strings go through the C
    JSON string escaper (a JSON string is a valid Cypher string literal); values other than
    strings, ints, finite floats, bools and lists of strings take the JSON path below.
    """
    text = _rows_text(rows)
    if text is None:
        if any(r.__class__ is str for r in rows):  # rows rendered already, and others that are not plain
            text = ",\n".join([r if r.__class__ is str else rows_literal([r])[2:-2] for r in rows])
        else:
            return _rows_literal_json(rows)
    if not text.isascii() and _SURROGATE.search(text):
        text = _SURROGATE.sub(_u_escape, text)
    return "[\n" + text + "\n]"


_KEY_PART: dict[str, str] = {}  # property key -> "key: "


def _rows_text(rows: list[dict]) -> str | None:
    """The rows, one a line, or None when a key is not a plain identifier or a value is not plain."""
    js, keypart, out = _json_str, _KEY_PART, []
    isfinite = math.isfinite
    for r in rows:
        if r.__class__ is str:
            out.append(r)
            continue
        items = []
        for k, v in r["props"].items():
            kp = keypart.get(k)
            if kp is None:
                if not _IDENT.match(k):
                    return None
                kp = keypart[k] = k + ": "
            c = v.__class__
            if c is str:
                items.append(kp + js(v))
            elif c is int:
                items.append(kp + int.__repr__(v))
            elif c is list and all([x.__class__ is str for x in v]):
                items.append(kp + "[" + ", ".join(map(js, v)) + "]")
            elif c is float and isfinite(v):
                items.append(kp + float.__repr__(v))
            elif c is bool:
                items.append(kp + ("true" if v else "false"))
            else:
                return None
        if "id" in r:
            out.append("{id: " + js(r["id"]) + ", props: {" + ", ".join(items) + "}}")
        else:
            out.append("{source: " + js(r["source"]) + ", target: " + js(r["target"]) + ", props: {"
                       + ", ".join(items) + "}}")
    return ",\n".join(out)


def _rows_literal_json(rows: list[dict]) -> str:
    """``rows_literal`` by one JSON encoding of the batch, the keys then unquoted by plain replacement.

    Inside a JSON string ``"`` is always ``\\"`` and a string is never followed by ``:``, so
    ``"key": `` occurs only as a key and ``}}, {"id": `` only between rows (props hold no maps).
    """
    sigs = {tuple(r["props"]) for r in rows}
    keys = {"id", "source", "target", "props"}
    for kt in sigs:
        if kt not in _PLAIN_KEYS:
            if not all(map(_IDENT.match, kt)):
                return _rows_literal_slow(rows)
            _PLAIN_KEYS.add(kt)
        keys.update(kt)
    try:
        text = _dumps(rows)
    except (TypeError, ValueError):  # nan / inf / not JSON: cypher_literal raises the clear error
        return _rows_literal_slow(rows)
    text = text.replace('}}, {"id": ', '}},\n{"id": ').replace('}}, {"source": ', '}},\n{"source": ')
    for k in sorted(keys):
        text = text.replace(f'"{k}": ', f"{k}: ")
    if not text.isascii() and _SURROGATE.search(text):
        text = _SURROGATE.sub(_u_escape, text)
    return "[\n" + text[1:-1] + "\n]"


def _rows_literal_slow(rows: list[dict]) -> str:
    return "[\n" + ",\n".join([cypher_literal(r) for r in rows]) + "\n]"


# -- files -----------------------------------------------------------------
def write(graph, out_dir: Path) -> list[Path]:
    """Write ``out_dir/neo4j/import.cypher`` and the ``neo4j-admin import`` CSV files (streamed)."""
    from kg.export.neo4j_files import write_files

    return write_files(graph, Path(out_dir) / SUBDIR)


# -- live push ---------------------------------------------------------------
def connect(uri: str | None = None, user: str | None = None, password: str | None = None,
            retry_seconds: float = 30.0):
    """A verified driver from arguments or NEO4J_URI / NEO4J_USERNAME / NEO4J_PASSWORD."""
    from neo4j import GraphDatabase
    from neo4j.exceptions import AuthError, Neo4jError, ServiceUnavailable

    uri = uri or os.environ.get("NEO4J_URI") or DEFAULT_URI
    user = user or os.environ.get("NEO4J_USERNAME") or "neo4j"
    password = password if password is not None else os.environ.get("NEO4J_PASSWORD")
    auth = (user, password) if password else None
    try:
        driver = GraphDatabase.driver(uri, auth=auth, max_transaction_retry_time=retry_seconds)
        driver.verify_connectivity()
    except AuthError:
        raise ConfigError(f"Neo4j at {uri} refused the credentials of user {user!r}",
                          hint="set NEO4J_USERNAME and NEO4J_PASSWORD (the password is never a command-line option)"
                          ) from None
    except (ServiceUnavailable, Neo4jError, ValueError, OSError) as e:
        raise ConfigError(f"cannot reach Neo4j at {uri}: {type(e).__name__}",
                          hint="start one (docker compose -f docker/docker-compose.yml up -d) "
                               "or point NEO4J_URI / --uri at it") from None
    return driver


def push(graph, uri: str | None = None, user: str | None = None, password: str | None = None,
         database: str | None = None, batch_size: int = BATCH_SIZE, wipe: bool = False,
         progress: Callable[[int], None] | None = None, retry_seconds: float = 30.0) -> dict[str, int]:
    """Push ``graph`` into Neo4j (CREATE batches on a fresh load, else idempotent MERGE); return counts."""
    from neo4j.exceptions import Neo4jError, ServiceUnavailable, SessionExpired

    if batch_size < 1:
        raise ConfigError("--batch-size must be at least 1")
    database = database or os.environ.get("NEO4J_DATABASE") or None
    counts = {"nodes": 0, "relationships": 0}
    total, done = total_rows(graph), 0
    driver = connect(uri, user, password, retry_seconds)
    try:
        with driver.session(database=database) as s:
            if wipe:
                while s.execute_write(_run_count, f"MATCH (n:{COMMON_LABEL}) WITH n LIMIT 10000 "
                                                  "DETACH DELETE n RETURN count(*) AS c", {}):
                    pass
            for stmt in schema_statements():  # schema before data, each in its own transaction
                s.run(stmt).consume()
            s.run("CALL db.awaitIndexes(300)").consume()
            # A fresh load (no kg node yet) CREATEs: nothing to match, and the id constraint still guards
            # against duplicates. Anything else, e.g. the re-run of an interrupted load, MERGEs.
            fresh = not _has_kg_nodes(s)
            node_q, rel_q = (node_create, rel_create) if fresh else (node_merge, rel_merge)
            labels: dict[str, str] = {}
            for label, b in _grouped(_node_items(graph), batch_size):
                rows = [{"id": nid, "props": props} for nid, props in b]
                labels.update((nid, label) for nid, _ in b)
                s.execute_write(_write, "UNWIND $rows AS row " + node_q(label), {"rows": rows})
                done += len(b)
                counts["nodes"] += len(b)
                progress and progress(done)
            for key, b in _grouped(_edge_items(graph, labels), batch_size):
                rows = [{"source": a, "target": z, "props": props} for a, z, props in b]
                s.execute_write(_write, "UNWIND $rows AS row " + rel_q(key), {"rows": rows})
                done += len(b)
                counts["relationships"] += len(b)
                progress and progress(done)
    except (ServiceUnavailable, SessionExpired) as e:
        raise KGError(f"Neo4j went away after {done} of {total} nodes+relationships: {type(e).__name__}",
                      hint="re-run the same push once the server is back: it is idempotent and completes the graph"
                      ) from None
    except Neo4jError as e:
        raise KGError(f"Neo4j rejected the push: {e.code}", hint=str(e.message)[:300]) from None
    finally:
        driver.close()
    return counts


def _write(tx, query: str, params: dict) -> None:
    tx.run(query, params).consume()


def _has_kg_nodes(session) -> bool:
    """Any :KGNode in the database? (db.labels first: matching an unknown label draws a server warning.)"""
    if COMMON_LABEL not in session.execute_read(_labels):
        return False
    return bool(session.execute_read(_run_count, f"MATCH (n:{COMMON_LABEL}) RETURN count(n) AS c", {}))


def _labels(tx) -> list[str]:
    return [r[0] for r in tx.run("CALL db.labels()")]


def _run_count(tx, query: str, params: dict) -> int:
    rec = tx.run(query, params).single()
    return rec[0] if rec and len(rec) else 0


def total_rows(graph) -> int:
    """Nodes plus relationships (the progress bar's total)."""
    return len(graph) + sum(graph.count_edges().values())
