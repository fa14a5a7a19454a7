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
literals (``import.cypher``). Writes are ``UNWIND $rows ... MERGE`` batches in
managed transactions, so a push is idempotent and an interrupted push
converges when re-run.

The file export (``kg build`` writes it by default) is ``neo4j/import.cypher``
(``cypher-shell -f``) and ``neo4j/*.csv`` (``neo4j-admin database import full
--array-delimiter=';' --multiline-fields=true``); see docs/neo4j.md.
"""
from __future__ import annotations

import csv
import math
import os
import re
from pathlib import Path
from typing import Callable, Iterable, Iterator

from kg.atomic import atomic_open
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
    """Neo4j-storable properties: nested dicts flattened with a ``key_`` prefix, None dropped."""
    out: dict = {}
    for k, v in data.items():
        if k in skip or v is None:
            continue
        if isinstance(v, dict):
            out.update({f"{k}_{kk}": vv for kk, vv in v.items() if vv is not None and not isinstance(vv, dict)})
        elif isinstance(v, (list, tuple)):
            out[k] = [x if isinstance(x, (int, float, bool)) else str(x) for x in v]
        else:
            out[k] = v
    return dict(sorted(out.items()))


def _label(node: dict) -> str:
    try:
        return LABELS[node["type"]]
    except KeyError:
        raise ExportError(f"node {node['id']!r} has unknown type {node.get('type')!r}",
                          hint="node types are: " + ", ".join(NODE_TYPES)) from None


def node_rows(graph) -> dict[str, list[dict]]:
    """``{label: [{"id", "props"}]}`` for every node, sorted by label then id."""
    rows: dict[str, list[dict]] = {}
    for n in graph.nodes():
        rows.setdefault(_label(n), []).append({"id": n["id"], "props": _flat(n, ("type",))})
    return dict(sorted(rows.items()))


def rel_rows(graph) -> dict[tuple[str, str, str], list[dict]]:
    """``{(REL_TYPE, source label, target label): [{"source", "target", "props"}]}``, sorted."""
    labels = {n["id"]: _label(n) for n in graph.nodes()}
    rows: dict[tuple[str, str, str], list[dict]] = {}
    for e in graph.edges():
        if e["rel"] not in REL_TYPES:
            raise ExportError(f"edge {e['source']} -> {e['target']} has unknown relation {e['rel']!r}",
                              hint="relations are: " + ", ".join(RELATIONS))
        key = (REL_TYPES[e["rel"]], labels[e["source"]], labels[e["target"]])
        rows.setdefault(key, []).append({"source": e["source"], "target": e["target"],
                                         "props": _flat(e, _EDGE_SKIP)})
    return dict(sorted(rows.items()))


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


def rel_merge(key: tuple[str, str, str]) -> str:
    """MERGE one ``row`` as a relationship of one (type, source label, target label)."""
    rtype, sl, tl = key
    if rtype not in REL_TYPES.values():
        raise ExportError(f"unknown relationship type {rtype!r}")
    return (f"MATCH (a:{LABELS[sl]} {{id: row.source}}) MATCH (b:{LABELS[tl]} {{id: row.target}}) "
            f"MERGE (a)-[r:{rtype}]->(b) SET r = row.props")


_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_ESC = {"\\": "\\\\", "'": "\\'", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}


def cypher_literal(v) -> str:
    r"""A Cypher literal for a JSON-like value; strings fully escaped.

    >>> cypher_literal({"name": "O'Brien \\ Labs", "n": [1, 2.5], "ok": True})
    "{name: 'O\\'Brien \\\\ Labs', n: [1, 2.5], ok: true}"
    """
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
        return "'" + "".join(_ESC.get(c) or (f"\\u{ord(c):04x}" if ord(c) < 32 or 0xD800 <= ord(c) < 0xE000 else c)
                             for c in v) + "'"
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(cypher_literal(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{" + ", ".join(f"{k if _IDENT.match(k) else '`' + k.replace('`', '``') + '`'}: {cypher_literal(x)}"
                               for k, x in v.items()) + "}"
    raise ExportError(f"cannot write {type(v).__name__} to Cypher")


def _batches(rows: list, size: int) -> Iterator[list]:
    for i in range(0, len(rows), size):
        yield rows[i:i + size]


# -- files -----------------------------------------------------------------
def write(graph, out_dir: Path) -> list[Path]:
    """Write ``out_dir/neo4j/import.cypher`` and the ``neo4j-admin import`` CSV files."""
    d = Path(out_dir) / SUBDIR
    nodes, rels = node_rows(graph), rel_rows(graph)
    paths = [_write_cypher(d / "import.cypher", nodes, rels)]
    paths += _write_csv(d, nodes, rels)
    return paths


def _write_cypher(path: Path, nodes: dict, rels: dict, batch: int = 500) -> Path:
    with atomic_open(path) as f:
        f.write("// kg knowledge graph for Neo4j 5: cypher-shell -a URI -u USER -f import.cypher\n"
                "// Idempotent (MERGE); one statement per batch, each ends with ';' on its own line end.\n")
        for s in schema_statements():
            f.write(s + ";\n")
        f.write("CALL db.awaitIndexes(300);\n")
        for label, rows in nodes.items():
            for b in _batches(rows, batch):
                f.write("UNWIND [\n" + ",\n".join(cypher_literal(r) for r in b) + "\n] AS row\n")
                f.write(node_merge(label) + ";\n")
        for key, rows in rels.items():
            for b in _batches(rows, batch):
                f.write("UNWIND [\n" + ",\n".join(cypher_literal(r) for r in b) + "\n] AS row\n")
                f.write(rel_merge(key) + ";\n")
    return path


def _csv_type(values: list) -> str:
    """neo4j-admin column type for a property's values (all of one label/type)."""
    if all(isinstance(v, list) for v in values):
        return "string[]"
    if all(isinstance(v, bool) for v in values):
        return "boolean"
    if all(isinstance(v, int) and not isinstance(v, bool) for v in values):
        return "int"
    if all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values):
        return "double"
    return "string"


def _csv_value(v, typ: str) -> str:
    if typ == "string[]":  # the delimiter cannot be escaped in neo4j-admin: replace it inside elements
        return ARRAY_DELIMITER.join(str(x).replace(ARRAY_DELIMITER, ",") for x in v)
    if typ == "boolean":
        return "true" if v else "false"
    return repr(v) if isinstance(v, float) else str(v)


def _csv_columns(rows: list[dict]) -> list[tuple[str, str]]:
    keys = sorted({k for r in rows for k in r["props"]} - {"id"})
    return [(k, _csv_type([r["props"][k] for r in rows if k in r["props"]])) for k in keys]


def _write_table(path: Path, header: list[str], lines: Iterable[list[str]]) -> Path:
    with atomic_open(path) as f:
        w = csv.writer(f, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        w.writerow(header)
        w.writerows(lines)
    return path


def _write_csv(d: Path, nodes: dict, rels: dict) -> list[Path]:
    paths = []
    for label, rows in nodes.items():
        cols = _csv_columns(rows)
        header = ["id:ID", ":LABEL"] + [f"{k}:{t}" if t != "string" else k for k, t in cols]
        lines = ([r["id"], f"{COMMON_LABEL}{ARRAY_DELIMITER}{label}"]
                 + [_csv_value(r["props"][k], t) if k in r["props"] else "" for k, t in cols] for r in rows)
        paths.append(_write_table(d / f"nodes_{label}.csv", header, lines))
    by_type: dict[str, list[dict]] = {}
    for (rtype, _, _), rows in rels.items():
        by_type.setdefault(rtype, []).extend(rows)
    for rtype, rows in sorted(by_type.items()):
        rows.sort(key=lambda r: (r["source"], r["target"]))
        cols = _csv_columns(rows)
        header = [":START_ID", ":END_ID", ":TYPE"] + [f"{k}:{t}" if t != "string" else k for k, t in cols]
        lines = ([r["source"], r["target"], rtype]
                 + [_csv_value(r["props"][k], t) if k in r["props"] else "" for k, t in cols] for r in rows)
        paths.append(_write_table(d / f"rels_{rtype}.csv", header, lines))
    return paths


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
    """Push ``graph`` into Neo4j (idempotent MERGE batches); return counts written."""
    from neo4j.exceptions import Neo4jError, ServiceUnavailable, SessionExpired

    if batch_size < 1:
        raise ConfigError("--batch-size must be at least 1")
    database = database or os.environ.get("NEO4J_DATABASE") or None
    nodes, rels = node_rows(graph), rel_rows(graph)
    total = sum(map(len, nodes.values())) + sum(map(len, rels.values()))
    done = 0
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
            for label, rows in nodes.items():
                q = "UNWIND $rows AS row " + node_merge(label)
                for b in _batches(rows, batch_size):
                    s.execute_write(_write, q, {"rows": b})
                    done += len(b)
                    progress and progress(done)
            for key, rows in rels.items():
                q = "UNWIND $rows AS row " + rel_merge(key)
                for b in _batches(rows, batch_size):
                    s.execute_write(_write, q, {"rows": b})
                    done += len(b)
                    progress and progress(done)
    except (ServiceUnavailable, SessionExpired) as e:
        raise KGError(f"Neo4j went away after {done} of {total} nodes+relationships: {type(e).__name__}",
                      hint="re-run the same push once the server is back: it is idempotent and completes the graph"
                      ) from None
    except Neo4jError as e:
        raise KGError(f"Neo4j rejected the push: {e.code}", hint=str(e.message)[:300]) from None
    finally:
        driver.close()
    return {"nodes": sum(map(len, nodes.values())), "relationships": sum(map(len, rels.values()))}


def _write(tx, query: str, params: dict) -> None:
    tx.run(query, params).consume()


def _run_count(tx, query: str, params: dict) -> int:
    rec = tx.run(query, params).single()
    return rec[0] if rec and len(rec) else 0


def total_rows(graph) -> int:
    """Nodes plus relationships (the progress bar's total)."""
    return len(graph) + sum(graph.count_edges().values())
