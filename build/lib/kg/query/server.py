"""``kg serve``: a read-only SPARQL 1.1 Protocol endpoint over a build folder (stdlib HTTP server).

``GET /sparql?query=...`` and ``POST /sparql`` (form-encoded ``query=`` or an
``application/sparql-query`` body) answer with SPARQL JSON, XML, CSV or TSV
chosen from the ``Accept`` header (or a ``format=json|xml|csv|tsv`` parameter);
CONSTRUCT/DESCRIBE answer N-Triples. Updates and unparsable queries get 400.
``GET /`` serves ``DIR/explorer.html`` when the build has one. The store is
loaded once; pyoxigraph answers concurrent reads from a thread pool.
"""
from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from kg.errors import KGError

MEDIA = {  # result format -> media type
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}
_ACCEPT = {m: f for f, m in MEDIA.items()} | {"application/json": "json", "application/xml": "xml",
                                               "text/xml": "xml"}
MAX_BODY = 1 << 20


def negotiate(accept: str | None, explicit: str | None = None) -> str:
    """Result format from a ``format=`` parameter or an ``Accept`` header (default json).

    >>> negotiate("text/csv;q=0.9, application/sparql-results+xml")
    'xml'
    >>> negotiate("*/*"), negotiate(None, "tsv")
    ('json', 'tsv')
    """
    if explicit in MEDIA:
        return explicit
    best, best_q = "json", -1.0
    for part in (accept or "").split(","):
        media, _, params = part.strip().partition(";")
        q = 1.0
        for p in params.split(";"):
            k, _, v = p.strip().partition("=")
            if k == "q":
                try:
                    q = float(v)
                except ValueError:
                    q = 0.0
        fmt = _ACCEPT.get(media.strip().lower())
        if fmt and q > best_q:
            best, best_q = fmt, q
    return best


class SparqlHandler(BaseHTTPRequestHandler):
    """Routes: ``/sparql`` (GET, POST), ``/`` (explorer.html)."""

    server_version = "kg-sparql/1"
    store = None  # set by make_server
    root: Path | None = None
    quiet = False

    def log_message(self, fmt, *args):  # noqa: D102 - keep tests and pipes quiet unless asked
        if not self.quiet:
            super().log_message(fmt, *args)

    def _send(self, status: int, body: str | bytes, ctype: str) -> None:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def _error(self, status: int, message: str) -> None:
        self._send(status, message + "\n", "text/plain; charset=utf-8")

    def do_GET(self):  # noqa: N802
        url = urlsplit(self.path)
        if url.path == "/sparql":
            return self._answer(parse_qs(url.query))
        if url.path in ("/", "/index.html", "/explorer.html"):
            page = self.root / "explorer.html" if self.root else None
            if page and page.is_file():
                return self._send(200, page.read_bytes(), "text/html; charset=utf-8")
            return self._send(200, _INDEX, "text/html; charset=utf-8")
        self._error(404, "not found: use /sparql")

    do_HEAD = do_GET

    def do_POST(self):  # noqa: N802
        url = urlsplit(self.path)
        if url.path != "/sparql":
            return self._error(404, "not found: use /sparql")
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            return self._error(413, "query too large")
        body = self.rfile.read(length).decode("utf-8", "replace")
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        params = parse_qs(url.query)
        if ctype == "application/sparql-query":
            params["query"] = [body]
        elif ctype == "application/x-www-form-urlencoded":
            if "update" in parse_qs(body):
                return self._error(400, "SPARQL updates are not allowed: this endpoint is read-only")
            params.update(parse_qs(body))
        elif ctype == "application/sparql-update":
            return self._error(400, "SPARQL updates are not allowed: this endpoint is read-only")
        else:
            return self._error(415, "send application/sparql-query or application/x-www-form-urlencoded")
        self._answer(params)

    def _answer(self, params: dict[str, list[str]]) -> None:
        from kg.query.sparql import format_result

        if "update" in params:
            return self._error(400, "SPARQL updates are not allowed: this endpoint is read-only")
        queries = params.get("query") or []
        if len(queries) != 1:
            return self._error(400, "give exactly one query= parameter")
        fmt = negotiate(self.headers.get("Accept"), (params.get("format") or [None])[0])
        try:
            result = self.store.query(queries[0])
        except KGError as e:
            return self._error(400, str(e))
        if result.kind == "graph":
            return self._send(200, result.to_ntriples(), "application/n-triples")
        self._send(200, format_result(result, fmt), MEDIA[fmt] + "; charset=utf-8")


_INDEX = """<!doctype html><meta charset="utf-8"><title>kg SPARQL endpoint</title>
<h1>kg SPARQL endpoint</h1><p>Send queries to <code>/sparql</code> (GET <code>?query=</code> or POST).
Prefixes <code>kg:</code>, <code>id:</code>, <code>rdfs:</code>, <code>dcterms:</code> are predeclared.</p>
<form action="/sparql"><textarea name="query" rows="8" cols="80">SELECT ?paper ?title WHERE { ?paper a kg:Paper ; dcterms:title ?title } LIMIT 10</textarea>
<br><button>Run</button></form>
"""


def make_server(location: str | Path, host: str = "127.0.0.1", port: int = 8000, engine: str | None = None,
                quiet: bool = True) -> ThreadingHTTPServer:
    """A ready-to-serve endpoint for a build folder (port 0 picks a free port)."""
    from kg.query.sparql import DEFAULT_ENGINE, open_store

    store = open_store(location, engine or DEFAULT_ENGINE)
    root = Path(location) if Path(location).is_dir() else Path(location).parent
    handler = type("BoundSparqlHandler", (SparqlHandler,), {"store": store, "root": root, "quiet": quiet})
    try:
        server = ThreadingHTTPServer((host, port), handler)
    except OSError as e:
        raise KGError(f"cannot listen on {host}:{port}: {e.strerror}", hint="pick another --port") from None
    server.daemon_threads = True
    return server


def serve_in_thread(server: ThreadingHTTPServer) -> threading.Thread:
    """Run ``server`` in a daemon thread (for tests and notebooks); stop with ``server.shutdown()``."""
    t = threading.Thread(target=server.serve_forever, daemon=True)
    t.start()
    return t
