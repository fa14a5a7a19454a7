"""SPARQL query results in one neutral form, printed as SPARQL 1.1 JSON, XML, CSV/TSV, N-Triples or a table.

A :class:`Result` row maps variable names to SPARQL 1.1 JSON term objects
(``{"type": "uri", "value": ...}``), whichever engine produced it, so every
engine prints identically.
"""
from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr


def _prefixes() -> dict[str, str]:
    from kg.export.rdf import PREFIXES
    return PREFIXES


# -- results -----------------------------------------------------------------
@dataclass
class Result:
    """A query result: ``kind`` is select, ask or graph (CONSTRUCT/DESCRIBE)."""

    kind: str
    vars: list[str] = field(default_factory=list)
    rows: list[dict] = field(default_factory=list)  # select: {var: term}; graph: {"s","p","o"}
    boolean: bool | None = None

    def to_json(self) -> str:
        """SPARQL 1.1 Query Results JSON."""
        if self.kind == "ask":
            return json.dumps({"head": {}, "boolean": self.boolean})
        return json.dumps({"head": {"vars": self.vars}, "results": {"bindings": self.rows}}, ensure_ascii=False)

    def to_csv(self, delimiter: str = ",") -> str:
        """SPARQL 1.1 CSV (plain values); with ``delimiter="\\t"``, TSV with RDF term syntax."""
        buf = io.StringIO()
        if self.kind == "ask":
            return f"{'true' if self.boolean else 'false'}\r\n"
        if delimiter == "\t":
            buf.write("\t".join("?" + v for v in self.vars) + "\n")
            for row in self.rows:
                buf.write("\t".join(_nt(row.get(v)) for v in self.vars) + "\n")
            return buf.getvalue()
        w = csv.writer(buf, lineterminator="\r\n")
        w.writerow(self.vars)
        for row in self.rows:
            w.writerow([row[v]["value"] if row.get(v) else "" for v in self.vars])
        return buf.getvalue()

    def to_xml(self) -> str:
        """SPARQL Query Results XML."""
        out = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n<head>']
        out += [f"<variable name={quoteattr(v)}/>" for v in self.vars]
        out.append("</head>")
        if self.kind == "ask":
            out.append(f"<boolean>{'true' if self.boolean else 'false'}</boolean>")
        else:
            out.append("<results>")
            for row in self.rows:
                out.append("<result>" + "".join(
                    f"<binding name={quoteattr(v)}>{_xml_term(row[v])}</binding>" for v in self.vars if row.get(v)
                ) + "</result>")
            out.append("</results>")
        return "\n".join(out) + "\n</sparql>\n"

    def to_ntriples(self) -> str:
        """CONSTRUCT/DESCRIBE results as sorted N-Triples."""
        return "".join(sorted(f"{_nt(r['s'])} {_nt(r['p'])} {_nt(r['o'])} .\n" for r in self.rows))

    def to_table(self) -> list[list[str]]:
        """Rows of compact strings (``id:method/x``, ``kg:comparesTo``, literal text) for terminals."""
        if self.kind == "ask":
            return [["true" if self.boolean else "false"]]
        cols = ["s", "p", "o"] if self.kind == "graph" else self.vars
        return [[_compact(row.get(v)) for v in cols] for row in self.rows]


def _nt(t: dict | None) -> str:
    from kg.export.rdf import escape_string

    if not t:
        return ""
    if t["type"] == "uri":
        return f"<{t['value']}>"
    if t["type"] == "bnode":
        return "_:" + t["value"]
    s = f'"{escape_string(t["value"])}"'
    if t.get("xml:lang"):
        return f"{s}@{t['xml:lang']}"
    return f"{s}^^<{t['datatype']}>" if t.get("datatype") else s


def _xml_term(t: dict) -> str:
    if t["type"] == "uri":
        return f"<uri>{escape(t['value'])}</uri>"
    if t["type"] == "bnode":
        return f"<bnode>{escape(t['value'])}</bnode>"
    attr = (f" xml:lang={quoteattr(t['xml:lang'])}" if t.get("xml:lang")
            else f" datatype={quoteattr(t['datatype'])}" if t.get("datatype") else "")
    return f"<literal{attr}>{escape(t['value'])}</literal>"


def _compact(t: dict | None) -> str:
    if not t:
        return ""
    if t["type"] != "uri":
        return t["value"]
    for prefix, ns in sorted(_prefixes().items(), key=lambda kv: -len(kv[1])):
        if t["value"].startswith(ns):
            return f"{prefix}:{t['value'][len(ns):]}"
    return f"<{t['value']}>"
