"""``kg serve``: a real SPARQL 1.1 Protocol endpoint queried with SPARQLWrapper over HTTP."""
from __future__ import annotations

import csv
import io
import json
import urllib.error
import urllib.parse
import urllib.request

import pytest
from SPARQLWrapper import CSV, JSON, POST, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from kg.export import rdf
from kg.query.server import make_server, serve_in_thread

PREFIXES = "".join(f"PREFIX {k}: <{v}>\n" for k, v in rdf.PREFIXES.items())
COMPARES = PREFIXES + """SELECT ?paper ?method ?value WHERE {
  ?paper kg:comparesTo ?method .
  ?a rdf:subject ?paper ; rdf:predicate kg:comparesTo ; rdf:object ?method ; kg:claimValue ?value }"""


@pytest.fixture(params=["oxigraph", "rdflib"])
def endpoint(request, tiny_graph, tmp_path):
    """A running server over the tiny graph (with an explorer page); yields its /sparql URL."""
    out = tmp_path
    rdf.write(tiny_graph, out)
    (out / "explorer.html").write_text("<!doctype html><title>kg explorer</title>", encoding="utf-8")
    server = make_server(out, port=0, engine=request.param)
    serve_in_thread(server)
    host, port = server.server_address[:2]
    yield f"http://{host}:{port}/sparql"
    server.shutdown()
    server.server_close()


def client(url: str, query: str, fmt=JSON, method=None) -> SPARQLWrapper:
    s = SPARQLWrapper(url)
    s.setQuery(query)
    s.setReturnFormat(fmt)
    if method:
        s.setMethod(method)
    return s


@pytest.mark.parametrize("method", [None, POST])
def test_select_json(endpoint, method):
    res = client(endpoint, COMPARES, method=method).query().convert()
    [row] = res["results"]["bindings"]
    assert row["method"]["value"] == rdf.node_iri("method/flashattention-2")
    assert float(row["value"]["value"]) == 2.0
    assert row["value"]["datatype"].endswith("#decimal")


def test_select_xml_and_csv(endpoint):
    doc = client(endpoint, COMPARES, XML).query().convert()  # an xml.dom Document
    assert [b.getAttribute("name") for b in doc.getElementsByTagName("binding")] == ["paper", "method", "value"]
    text = client(endpoint, COMPARES, CSV).query().convert().decode()
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["paper", "method", "value"] and rows[1][1] == rdf.node_iri("method/flashattention-2")


def test_ask_and_predeclared_prefixes(endpoint):
    assert client(endpoint, "ASK { ?p a kg:Paper }").query().convert()["boolean"] is True


def test_sparql_query_body_and_content_types(endpoint):
    req = urllib.request.Request(endpoint, data=COMPARES.encode(), method="POST",
                                 headers={"Content-Type": "application/sparql-query", "Accept": "text/csv"})
    with urllib.request.urlopen(req, timeout=10) as r:
        assert r.headers["Content-Type"].startswith("text/csv")
        assert r.read().decode().startswith("paper,method,value\r\n")
    url = endpoint + "?" + urllib.parse.urlencode({"query": COMPARES})
    with urllib.request.urlopen(urllib.request.Request(url, headers={"Accept": "application/sparql-results+xml"}),
                                timeout=10) as r:
        assert r.headers["Content-Type"].startswith("application/sparql-results+xml")
    with urllib.request.urlopen(endpoint + "?" + urllib.parse.urlencode({"query": COMPARES}), timeout=10) as r:
        assert r.headers["Content-Type"].startswith("application/sparql-results+json")
        assert json.loads(r.read())["head"]["vars"] == ["paper", "method", "value"]


@pytest.mark.parametrize("update", ["INSERT DATA { <a:a> <a:b> <a:c> }", "DROP ALL"])
def test_updates_rejected_with_400(endpoint, update):
    with pytest.raises(QueryBadFormed):
        client(endpoint, update, method=POST).query()
    body = urllib.parse.urlencode({"update": update}).encode()
    req = urllib.request.Request(endpoint, data=body, method="POST",
                                 headers={"Content-Type": "application/x-www-form-urlencoded"})
    with pytest.raises(urllib.error.HTTPError) as e:
        urllib.request.urlopen(req, timeout=10)
    assert e.value.code == 400
    assert client(endpoint, "ASK { <a:a> <a:b> <a:c> }").query().convert()["boolean"] is False


def test_bad_query_is_400(endpoint):
    with pytest.raises(QueryBadFormed):
        client(endpoint, "SELEKT ?x").query()


def test_root_serves_explorer(endpoint):
    root = endpoint.rsplit("/", 1)[0] + "/"
    with urllib.request.urlopen(root, timeout=10) as r:
        assert r.headers["Content-Type"].startswith("text/html")
        assert b"kg explorer" in r.read()
    with pytest.raises(urllib.error.HTTPError) as e:
        urllib.request.urlopen(root + "nope", timeout=10)
    assert e.value.code == 404


def test_name_key_lookup_and_unbound_page_size(endpoint):
    res = client(endpoint, 'SELECT ?m WHERE { ?m kg:nameKey "flashattention-2" }').query().convert()
    assert [b["m"]["value"] for b in res["results"]["bindings"]] == [rdf.node_iri("method/flashattention-2")]
    url = endpoint + "?" + urllib.parse.urlencode({"query": "SELECT * WHERE { ?s ?p ?o } LIMIT ?limit"})
    with pytest.raises(urllib.error.HTTPError) as e:
        urllib.request.urlopen(url, timeout=10)
    assert e.value.code == 400 and b"needs a value" in e.value.read()
