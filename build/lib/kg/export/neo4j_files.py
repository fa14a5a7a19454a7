"""Neo4j files, streamed: ``import.cypher`` (``cypher-shell -f``) and ``neo4j-admin import`` CSVs.

Two passes over the graph, nothing held but one batch per group: the first
finds the CSV columns and their types (per label, per relationship type), the
second writes every file at once, each node and edge rendered once. Rows of
``import.cypher`` are grouped into ``UNWIND [...] AS row MERGE ...`` statements
per label / (type, source label, target label); a statement is written as soon
as its group has ``batch`` rows, the remainders at the end in key order, so the
output is a pure function of the graph (byte-identical on rebuild).
"""
from __future__ import annotations

import contextlib
from pathlib import Path

from kg.atomic import atomic_open
from kg.export import edges_of, nodes_of
from kg.errors import ExportError
from kg.export.neo4j import (_EDGE_SKIP, ARRAY_DELIMITER, COMMON_LABEL, REL_TYPES, _edge_items, _flat, _json_str,
                             _label, _node_items, node_merge, rel_merge, rows_literal, schema_statements)
from kg.export.rdf_subject import Memo
from kg.model import RELATIONS

CYPHER_BATCH = 500
HEADER = ("// kg knowledge graph for Neo4j 5: cypher-shell -a URI -u USER -f import.cypher\n"
          "// Idempotent (MERGE); one statement per batch, each ends with ';' on its own line end.\n")


#: the keys of an edge as kg builds it; when every edge of a type has them, with string values, its CSV
#: line and Cypher row are made directly
_PLAIN_EDGE = ("source", "target", "rel", "evidence", "extractor", "source_file")
_PLAIN_TYPES = (str,) * len(_PLAIN_EDGE)


def _col_type(types: set[type]) -> str:
    """neo4j-admin column type for the Python types one property takes (within one label/type)."""
    if types <= {list}:
        return "string[]"
    if types <= {bool}:
        return "boolean"
    if types <= {int}:
        return "int"
    if types <= {int, float}:
        return "double"
    return "string"


def _columns(sigs: set[tuple[tuple, tuple]]) -> list[tuple[str, str]]:
    """Sorted ``[(property, column type)]`` from the distinct (keys, value types) row signatures."""
    seen: dict[str, set[type]] = {}
    for keys, types in sigs:
        for k, t in zip(keys, types):
            seen.setdefault(k, set()).add(t)
    seen.pop("id", None)
    return [(k, _col_type(seen[k])) for k in sorted(seen)]


def _sig(d: dict) -> tuple:
    """Keys and value types of a raw node/edge dict (and of its nested dicts): all ``_flat`` depends on."""
    types = tuple(map(type, d.values()))
    if dict in types:
        return tuple(d), types, tuple((k, tuple(v), tuple(map(type, v.values())))
                                      for k, v in d.items() if isinstance(v, dict))
    return tuple(d), types


def _scan(graph) -> tuple[dict[str, str], dict[str, list], dict[str, list], set[str]]:
    """Node id -> label, the CSV columns per label and per relationship type, and the types whose edges are all plain."""
    labels: dict[str, str] = {}
    node_reps: dict[str, dict] = {}
    for n in nodes_of(graph):
        lab = labels[n["id"]] = _label(n)
        node_reps.setdefault(lab, {}).setdefault(_sig(n), n)
    rel_reps: dict[str, dict] = {}
    for e in edges_of(graph):
        rel_reps.setdefault(e["rel"], {}).setdefault(_sig(e), e)
    for rel, reps in rel_reps.items():
        if rel not in REL_TYPES:
            e = next(iter(reps.values()))
            raise ExportError(f"edge {e['source']} -> {e['target']} has unknown relation {rel!r}",
                              hint="relations are: " + ", ".join(RELATIONS))
    plain = {REL_TYPES[rel] for rel, reps in rel_reps.items() if list(reps) == [(_PLAIN_EDGE, _PLAIN_TYPES)]}

    def columns(reps: dict, skip) -> list:
        return _columns({(tuple(p), tuple(map(type, p.values()))) for p in (_flat(r, skip) for r in reps.values())})
    return (labels, {lab: columns(node_reps[lab], ("type",)) for lab in sorted(node_reps)},
            {REL_TYPES[rel]: columns(rel_reps[rel], _EDGE_SKIP) for rel in sorted(rel_reps, key=REL_TYPES.get)}, plain)


def _header(fixed: list[str], cols: list[tuple[str, str]]) -> list[str]:
    return fixed + [f"{k}:{t}" if t != "string" else k for k, t in cols]


def _cells(cols: list[tuple[str, str]]):
    """A function ``props -> CSV cells`` for one file's columns (csv.writer does str() itself)."""
    keys = [k for k, _ in cols]
    special = [(i, k, t) for i, (k, t) in enumerate(cols) if t in ("string[]", "boolean")]
    if not special:
        return lambda props: [props.get(k, "") for k in keys]

    def cells(props: dict) -> list:
        out = [props.get(k, "") for k in keys]
        for i, k, t in special:
            if k in props:
                v = props[k]
                out[i] = (ARRAY_DELIMITER.join(str(x).replace(ARRAY_DELIMITER, ",") for x in v)
                          if t == "string[]" else ("true" if v else "false"))
        return out
    return cells


def csv_field(v) -> str:
    r"""One CSV field as ``csv.writer(f, lineterminator="\n")`` writes it (QUOTE_MINIMAL, doubled quotes).

    >>> print(csv_field('say "hi", twice'), csv_field("a,b"), csv_field(None), csv_field(2.5), csv_field("plain"))
    "say ""hi"", twice" "a,b"  2.5 plain
    >>> csv_field("a\nb")
    '"a\nb"'
    """
    s = v if v.__class__ is str else "" if v is None else str(v)
    if '"' in s:
        return '"' + s.replace('"', '""') + '"'
    return '"' + s + '"' if "," in s or "\n" in s else s


class _Rows:
    """CSV lines of one file, written a batch at a time; ``fields`` (a memo) renders each str field."""

    def __init__(self, f, fields) -> None:
        self.f, self.fields, self.lines = f, fields, []

    def add(self, row: list) -> None:
        fields = self.fields
        self.lines.append(",".join([fields[v] if v.__class__ is str else csv_field(v) for v in row]) + "\n")
        if len(self.lines) >= 2048:
            self.flush()

    def line(self, text: str) -> None:
        """Add one line rendered already."""
        self.lines.append(text)
        if len(self.lines) >= 2048:
            self.flush()

    def flush(self) -> None:
        self.f.write("".join(self.lines))
        self.lines = []


class _Statements:
    """``UNWIND [rows] AS row <statement>;`` batches per group key, written as they fill."""

    def __init__(self, f, statement, batch: int):
        self.f, self.statement, self.batch, self.groups = f, statement, batch, {}

    def add(self, key, row: dict) -> None:
        g = self.groups.get(key)
        if g is None:
            g = self.groups[key] = []
        g.append(row)
        if len(g) >= self.batch:
            self.flush(key)

    def flush(self, key) -> None:
        """Write the group's statement and start the group anew."""
        self._flush(key, self.groups[key])
        self.groups[key] = []

    def _flush(self, key, rows: list[dict]) -> None:
        self.f.write("UNWIND " + rows_literal(rows) + " AS row\n" + self.statement(key) + ";\n")

    def close(self) -> None:
        for key in sorted(self.groups):
            if self.groups[key]:
                self._flush(key, self.groups[key])
        self.groups = {}


def write_files(graph, d: Path, batch: int = CYPHER_BATCH) -> list[Path]:
    """Write ``d/import.cypher``, ``d/nodes_<Label>.csv`` and ``d/rels_<TYPE>.csv``; return their paths."""
    labels, node_cols, rel_cols, plain_types = _scan(graph)
    cypher = d / "import.cypher"
    node_paths = {lab: d / f"nodes_{lab}.csv" for lab in node_cols}
    rel_paths = {t: d / f"rels_{t}.csv" for t in rel_cols}
    node_fields = _Fields()  # node strings are mostly unique (titles, abstracts): not memoised
    edge_fields = Memo(csv_field)  # edge strings recur: ids, evidence sentences, extractors, files
    with contextlib.ExitStack() as stack:
        cy = stack.enter_context(atomic_open(cypher))
        cy.write(HEADER + "".join(s + ";\n" for s in schema_statements()) + "CALL db.awaitIndexes(300);\n")
        out = {}
        for lab, cols in node_cols.items():
            rows = _Rows(stack.enter_context(atomic_open(node_paths[lab])), node_fields)
            rows.add(_header(["id:ID", ":LABEL"], cols))
            stack.callback(rows.flush)  # runs before the file closes (callbacks unwind in reverse)
            out[lab] = (rows.add, _cells(cols), f"{COMMON_LABEL}{ARRAY_DELIMITER}{lab}")
        stmts = _Statements(cy, node_merge, batch)
        for lab, nid, props in _node_items(graph):
            add, cells, label_cell = out[lab]
            add([nid, label_cell, *cells(props)])
            stmts.add(lab, {"id": nid, "props": props})
        stmts.close()
        files = {}
        for rtype, cols in rel_cols.items():
            rows = _Rows(stack.enter_context(atomic_open(rel_paths[rtype])), edge_fields)
            rows.add(_header([":START_ID", ":END_ID", ":TYPE"], cols))
            stack.callback(rows.flush)
            files[rtype] = (rows, cols)
        stmts = _Statements(cy, rel_merge, batch)
        _write_edges(graph, labels, files, plain_types, stmts, edge_fields)
        stmts.close()
    return [cypher, *node_paths.values(), *rel_paths.values()]


def _write_edges(graph, labels: dict[str, str], files: dict[str, tuple], plain_types: set[str],
                 stmts: _Statements, fields) -> None:
    """The CSV line and the Cypher row of every edge, in edge order; ``files``: type -> (rows, columns)."""
    plain, generic = {}, {}
    for rtype, (rows, cols) in files.items():
        keys = [k for k, _ in cols]
        generic[rtype] = (rows.add, _cells(cols))
        if rtype in plain_types:  # the line of a plain edge: its three columns filled, the others empty
            i, j, k = (3 + keys.index(key) for key in _PLAIN_EDGE[3:])
            if j == i + 1 and k == i + 2:
                plain[rtype] = (rows.line, csv_field(rtype) + "," * (i - 2), "," * (len(keys) + 2 - k) + "\n")
    js, rel_types, groups, batch = _json_str, REL_TYPES, stmts.groups, stmts.batch
    for e in edges_of(graph):
        rtype = rel_types[e["rel"]]
        if (p := plain.get(rtype)) is None:
            for key, src, dst, props in _edge_items(graph, labels, (e,)):
                add, cells = generic[key[0]]
                add([src, dst, key[0], *cells(props)])
                stmts.add(key, {"source": src, "target": dst, "props": props})
            continue
        src, dst, _, ev, x, sf = e.values()
        line, pre, post = p
        line(f"{fields[src]},{fields[dst]},{pre}{fields[ev]},{fields[x]},{fields[sf]}{post}")
        key = (rtype, labels[src], labels[dst])
        g = groups.get(key)
        if g is None:
            g = groups[key] = []
        g.append(f"{{source: {js(src)}, target: {js(dst)}, props: {{evidence: {js(ev)}, extractor: {js(x)}, "
                 f"source_file: {js(sf)}}}}}")
        if len(g) >= batch:
            stmts.flush(key)


class _Fields:
    """``fields[s]`` is ``csv_field(s)``, not remembered."""

    def __getitem__(self, s: str) -> str:
        return csv_field(s)
