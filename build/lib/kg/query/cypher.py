"""Read-only Cypher against the configured Neo4j (``kg cypher``).

Queries are always parameterised: values arrive as ``--param k=v`` and travel
as driver parameters, never pasted into the text. A query is first EXPLAINed;
anything the server classifies as other than read-only (``query_type != 'r'``:
CREATE, MERGE, SET, DELETE, schema commands, write procedures ...) is refused
before it runs, and the run itself is a managed read transaction
(``execute_read``, routed to a reader in a cluster).

There is no embedded engine: grand-cypher (the candidate) has no ``$param``
support, no WITH, OPTIONAL MATCH, UNION or quantified path patterns, so it
cannot answer the shipped ``queries/*.cypher``; a Neo4j server is required.
"""
from __future__ import annotations

import csv
import io
import json
import os
import re
from pathlib import Path

from kg.errors import ConfigError, KGError

_DEFAULT = re.compile(r"^//.*\$(\w+)\b.*\(default:\s*(.*?)\)\s*$", re.M)


def parse_value(text: str):
    """A parameter value: JSON when it parses (numbers, lists, true/null), else the string.

    >>> parse_value("10"), parse_value("FlashAttention-2"), parse_value('["a", "b"]')
    (10, 'FlashAttention-2', ['a', 'b'])
    """
    try:
        return json.loads(text)
    except ValueError:
        return text


def parse_params(pairs) -> dict:
    """``["k=v", ...]`` -> ``{k: value}``.

    >>> parse_params(["name=O'Brien", "limit=5"])
    {'name': "O'Brien", 'limit': 5}
    """
    out = {}
    for p in pairs:
        k, sep, v = p.partition("=")
        if not sep or not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", k):
            raise ConfigError(f"bad --param {p!r}", hint="write it as NAME=VALUE, e.g. --param name=FlashAttention-2")
        out[k] = parse_value(v)
    return out


def load_query(arg: str) -> tuple[str, dict]:
    """The query text (from a ``.cypher`` file or the argument itself) and its documented defaults."""
    p = Path(arg)
    if arg.endswith(".cypher") or (len(arg) < 300 and "\n" not in arg and p.is_file()):
        if not p.is_file():
            raise ConfigError(f"{arg}: no such query file", hint="see queries/*.cypher")
        text = p.read_text(encoding="utf-8")
    else:
        text = arg
    defaults = {k: parse_value(v.strip()) for k, v in _DEFAULT.findall(text)}
    return text, defaults


def run_read(query: str, params: dict, uri: str | None = None, database: str | None = None) -> tuple[list, list]:
    """Run a read-only query; return ``(column names, rows of plain values)``."""
    from neo4j.exceptions import Neo4jError

    from kg.export.neo4j import connect

    database = database or os.environ.get("NEO4J_DATABASE") or None
    driver = connect(uri)
    try:
        with driver.session(database=database, default_access_mode="READ") as s:
            qtype = s.execute_read(lambda tx: tx.run("EXPLAIN " + query, params).consume().query_type)
            if qtype != "r":
                raise ConfigError(f"refusing a query that writes (query type {qtype!r})",
                                  hint="kg cypher is read-only; use kg neo4j push to change the database")
            return s.execute_read(_collect, query, params)
    except Neo4jError as e:
        raise KGError(f"Neo4j rejected the query: {e.code}", hint=str(e.message)[:400]) from None
    finally:
        driver.close()


def _collect(tx, query: str, params: dict):
    res = tx.run(query, params)
    rows = [[plain(v) for v in rec.values()] for rec in res]
    return list(res.keys()), rows


def plain(v):
    """Driver values as JSON-able Python: nodes/relationships become dicts of their properties."""
    from neo4j.graph import Node, Path as GPath, Relationship

    if isinstance(v, Node):
        return {"_labels": sorted(v.labels), **dict(sorted(v.items()))}
    if isinstance(v, Relationship):
        return {"_type": v.type, **dict(sorted(v.items()))}
    if isinstance(v, GPath):
        return [plain(n) for n in v.nodes]
    if isinstance(v, list):
        return [plain(x) for x in v]
    if isinstance(v, dict):
        return {k: plain(x) for k, x in v.items()}
    if hasattr(v, "iso_format"):  # neo4j.time types
        return v.iso_format()
    return v


def format_rows(keys: list, rows: list, fmt: str) -> str:
    """Rows as ``json`` (list of objects), ``csv``, or ``table`` text."""
    if fmt == "json":
        return json.dumps([dict(zip(keys, r)) for r in rows], ensure_ascii=False, indent=2) + "\n"
    cell = lambda v: v if isinstance(v, str) else "" if v is None else json.dumps(v, ensure_ascii=False)
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(keys)
        w.writerows([cell(v) for v in r] for r in rows)
        return buf.getvalue()
    from rich.console import Console
    from rich.table import Table

    t = Table(*keys, caption=f"{len(rows)} row(s)")
    for r in rows:
        t.add_row(*(cell(v) for v in r))
    buf = io.StringIO()
    Console(file=buf, width=160, highlight=False).print(t)
    return buf.getvalue()
