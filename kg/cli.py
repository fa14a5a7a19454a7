"""The ``kg`` command line: parse options, call one library function, print.

Every command's ``--help`` has an example. Library errors (:class:`KGError`)
become a one-line message plus a hint and exit status 1; bad usage exits 2.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from kg import KGError, __version__

EPILOG_BUILD = """\b
Examples:
  kg build examples/hf-daily-papers -o exports
  kg build listing.txt papers.jsonl --format jsonl -o out --strict
\b
Writes DIR/graph.json (node-link JSON), DIR/graph.graphml and every other
default export. Inputs may be files or folders; each file's format is
sniffed from its content (hf-listing, hf-api, json, jsonl, arxiv-atom)
unless --format is given. Bad records are reported with file and line and
skipped; the rest is still built.
"""


def _console(stderr: bool = False):
    from rich.console import Console
    return Console(stderr=stderr, highlight=False)


class KGGroup(click.Group):
    """Turns KGError into a message with a hint instead of a traceback."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except KGError as e:
            err = _console(stderr=True)
            err.print(f"[bold red]Error:[/] {e}", markup=True, highlight=False)
            if e.hint:
                err.print(f"[yellow]Hint:[/] {e.hint}", markup=True, highlight=False)
            sys.exit(1)


#: Set by :func:`run` (the console script), never under click's test runner: a finished ``kg build``
#: then ends the process at once instead of freeing its graph object by object (seconds on big corpora).
_EXIT_AFTER_BUILD = False


def run() -> None:
    """The ``kg`` console script: :func:`main` in a process of its own."""
    global _EXIT_AFTER_BUILD
    _EXIT_AFTER_BUILD = True
    main()


@click.group(cls=KGGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="kg")
def main():
    """kg: a knowledge graph of machine-learning research, built from paper listings.

    \b
    Typical session:
      kg build examples/hf-daily-papers -o exports   # ingest, extract, export
      kg stats exports                                # what is in it
    """


@main.command(epilog=EPILOG_BUILD)
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--out", "out_dir", default="exports", show_default=True, type=click.Path(path_type=Path),
              help="Output folder.")
@click.option("--format", "fmt", default=None, help="Input format for every file (default: sniff each file).",
              type=click.Choice(["hf-listing", "hf-api", "json", "jsonl", "arxiv-atom"]))
@click.option("--export", "formats", multiple=True,
              help="Export format to write (repeatable, or comma-separated: --export json,ttl): json, graphml, nt, "
                   "ttl, jsonld, rdf (= nt, ttl, jsonld), html, neo4j. Default: all but rdf (which its parts "
                   "cover). Formats are written in parallel over the --jobs processes.")
@click.option("--year", type=int, default=None,
              help="Year for year-less listing dates such as 'Oct 6' (default: one more than the latest year on the page).")
@click.option("-j", "--jobs", type=int, default=None,
              help="Worker processes for extraction and exports (default: all cores).")
@click.option("--strict", is_flag=True, help="Exit non-zero if any record was skipped.")
@click.option("-q", "--quiet", is_flag=True, help="Print only errors.")
def build(inputs, out_dir, fmt, formats, year, jobs, strict, quiet):
    """Build the knowledge graph from listing files and folders."""
    from kg.build import build as run_build
    from kg.ingest import IngestOptions
    from kg.report import print_build_summary, progress_bar

    with progress_bar("Extracting papers", disable=quiet) as advance:
        formats = [f.strip() for spec in formats for f in spec.split(",") if f.strip()]  # "--export json,ttl" too
        graph, report = run_build(inputs, out_dir, formats or None, fmt, jobs, IngestOptions(year=year),
                                  progress=advance)
    print_build_summary(graph, report, out_dir, quiet=quiet)
    if strict and report.skipped:
        raise KGError(f"{len(report.skipped)} record(s) skipped and --strict was given",
                      hint="fix the inputs listed above, or drop --strict to build from what could be read")
    if _EXIT_AFTER_BUILD:  # every file is written and closed: skip tearing down the graph
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(0)


@main.command(epilog="""\b
Example:
  kg stats exports
  kg stats exports --top 20
""")
@click.argument("dir", type=click.Path(path_type=Path, exists=True))
@click.option("--top", default=10, show_default=True, help="How many top entities by degree to list.")
def stats(dir, top):
    """Counts by node type and relation, and the most connected entities."""
    from kg.report import load_graph_dir, print_stats

    print_stats(load_graph_dir(dir), top)


@main.command("eval", epilog="""\b
Examples:
  kg eval exports/graph.json ../shared/gold/dev.jsonl
  kg eval exports/graph.json ../shared/gold/dev.jsonl --split heldout --show-errors
  kg eval exports/graph.json gold.jsonl --format json > scores.json
  kg eval exports/graph.json examples/silver2-77.jsonl --ignore has-code --ignore published-by
  kg eval second-annotator.jsonl ../shared/gold/dev.jsonl --ignore has-code --ignore published-by
\b
--split tune|heldout picks a fixed two-thirds / one-third part of the gold
(by a hash of each paper id): tune rules on one, report both. --ignore drops
a relation from both sides, for files that do not annotate it (the silver
sets in examples/ have no repos or organisations). A .jsonl in place of the
graph is another annotator's file in the gold format: the score is then the
agreement between the two annotators.
""")
@click.argument("graph_json", type=click.Path(exists=True, path_type=Path))
@click.argument("gold_jsonl", type=click.Path(exists=True, path_type=Path))
@click.option("--split", type=click.Choice(["all", "tune", "heldout"]), default="all", show_default=True)
@click.option("--show-errors", is_flag=True, help="List every missed and spurious link.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--ignore", "ignore", multiple=True, metavar="REL",
              type=click.Choice(["proposes", "builds-on", "compares-to", "runs-on", "evaluated-on", "has-code",
                                 "published-by", "addresses", "mentions"]),
              help="Leave REL out on both sides (repeatable): for files that do not annotate REL.")
def eval_(graph_json, gold_jsonl, split, show_errors, fmt, ignore):
    """Precision, recall and F1 per relation against hand-annotated gold."""
    from kg.evaluate import evaluate
    from kg.report import print_scores

    result = evaluate(graph_json, gold_jsonl, split, tuple(ignore))
    print_scores(result, show_errors, fmt)


@main.command(epilog="""\b
Examples:
  kg sparql exports 'SELECT ?p ?t WHERE { ?p kg:comparesTo ?m ; dcterms:title ?t } LIMIT 5'
  kg sparql exports --file queries/compares_to_flashattention2.rq --format csv
  kg sparql exports --file queries/compares_to_flashattention2.rq --param name=Mamba
\b
Prefixes kg:, id:, rdf:, rdfs:, xsd:, skos:, dcterms:, schema:, prov:, cito: are
predeclared. --param NAME=VALUE binds ?NAME as an RDF term, never as query text:
<iri> or id:method/x is an IRI, 42 an integer, anything else (or "quoted") a string.
""")
@click.argument("dir", type=click.Path(path_type=Path, exists=True))
@click.argument("query", required=False)
@click.option("-f", "--file", "file", type=click.Path(path_type=Path), help="Read the query from a .rq file.")
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE", help="Bind ?NAME to VALUE (repeatable).")
@click.option("--format", "fmt", default="table", show_default=True,
              type=click.Choice(["table", "csv", "tsv", "json", "xml"]), help="Output format (json: SPARQL 1.1 JSON).")
@click.option("--engine", default="oxigraph", show_default=True, type=click.Choice(["oxigraph", "rdflib"]),
              help="Query engine.")
def sparql(dir, query, file, params, fmt, engine):
    """Run a SPARQL query over a build folder's RDF (graph.nt)."""
    from kg.query.sparql import format_result, open_store, parse_params, read_query

    text = read_query(query, file)
    result = open_store(dir, engine).query(text, parse_params(params, text))
    if fmt != "table" or result.kind == "graph":
        click.echo(format_result(result, fmt), nl=False)
        return
    from rich.table import Table

    table = Table(*(result.vars or ["ask"]))
    for row in result.to_table():
        table.add_row(*row)
    out = _console()
    out.print(table)
    if result.kind == "select":
        out.print(f"{len(result.rows)} row(s)")


@main.command(epilog="""\b
Examples:
  kg serve exports
  kg serve exports --port 8890
  curl -H 'Accept: text/csv' 'http://127.0.0.1:8000/sparql' --data-urlencode \\
       'query=SELECT ?t WHERE { ?p dcterms:title ?t } LIMIT 3'
\b
A read-only SPARQL 1.1 Protocol endpoint at http://127.0.0.1:PORT/sparql
(GET or POST; JSON, XML, CSV or TSV results by Accept header). Serves
DIR/explorer.html at / when present. Stop with Ctrl-C.
""")
@click.argument("dir", type=click.Path(path_type=Path, exists=True))
@click.option("--port", default=8000, show_default=True, help="TCP port (0: any free port).")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--engine", default="oxigraph", show_default=True, type=click.Choice(["oxigraph", "rdflib"]),
              help="Query engine.")
def serve(dir, port, host, engine):
    """Serve a build folder as a SPARQL endpoint (and its explorer page)."""
    from kg.query.server import make_server

    server = make_server(dir, host, port, engine, quiet=False)
    h, p = server.server_address[:2]
    _console(stderr=True).print(f"SPARQL endpoint: http://{h}:{p}/sparql  (Ctrl-C to stop)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()



@main.command(epilog="""\b
Examples:
  kg explore exports --focus Mamba --depth 2 -o mamba.html
  kg explore exports -o overview.html --max-nodes 5000
\b
Writes one self-contained HTML file (works offline). With --focus, shows the
nodes within --depth hops of NAME (a name, alias or paper title); without it,
the whole graph, or an overview of the best-connected part when the graph
has more than --max-nodes nodes (the page says how many it shows).
""")
@click.argument("dir", type=click.Path(path_type=Path, exists=True))
@click.option("--focus", "name", default=None, help="Centre the view on this node (name, alias or title).")
@click.option("--depth", default=2, show_default=True, type=click.IntRange(1, 3), help="Hops around --focus.")
@click.option("-o", "--out", "out", default="explorer.html", show_default=True, type=click.Path(path_type=Path),
              help="HTML file to write.")
@click.option("--max-nodes", default=2000, show_default=True, type=click.IntRange(1),
              help="Most nodes to draw.")
def explore(dir, name, depth, out, max_nodes):
    """Write an interactive explorer page: the graph, an overview, or one node's neighbourhood."""
    from kg.atomic import write_text
    from kg.export import html
    from kg.query.lookup import resolve
    from kg.report import load_graph_dir

    graph = load_graph_dir(dir)
    if name:
        html.write_ego(graph, resolve(graph, name), out, depth, max_nodes)
    else:
        ids, note = html.select_view(graph, max_nodes)
        write_text(out, html.render(graph, ids, note))
    _console(stderr=True).print(f"wrote {out}")


def _graph_source(dir, name, uri, database):
    """``([DIR] NAME, --uri)`` -> (a context giving the graph source, NAME). An explicit DIR beats $NEO4J_URI."""
    import os
    from contextlib import nullcontext

    if name is None:  # a single positional argument is NAME; the graph is in Neo4j
        dir, name = None, dir
    if name is None:
        raise click.UsageError("Missing argument NAME.")
    if dir is not None and uri:
        raise click.UsageError("give DIR or --uri, not both")
    if dir is None:
        uri = uri or os.environ.get("NEO4J_URI")
        if not uri:
            raise click.UsageError("give DIR (a build folder) before NAME, or --uri / $NEO4J_URI to query Neo4j")
        from kg.query.neo4j_source import Neo4jGraph

        return Neo4jGraph(uri, database), name
    if not Path(dir).exists():
        raise click.BadParameter(f"Path '{dir}' does not exist.", param_hint="'DIR'")
    from kg.report import load_graph_dir

    return nullcontext(load_graph_dir(dir)), name


_NEO4J_NOTE = """\b
Neo4j: without DIR, with --uri or $NEO4J_URI (plus NEO4J_USERNAME,
NEO4J_PASSWORD, NEO4J_DATABASE; never a password option), the graph pushed
by kg neo4j push is read instead (read-only), with the same answers.
"""
_URI_HELP = "Query the graph in Neo4j at this URI instead of DIR (default: $NEO4J_URI when DIR is omitted)."


@main.command(epilog="""\b
Examples:
  kg neighbors exports FlashAttention-2
  kg neighbors exports Mamba --depth 2 --rel compares-to,runs-on
  kg neighbors exports "NVIDIA H100" --format json
  kg neighbors --uri bolt://localhost:7687 Mamba --depth 2
\b
NAME is matched against names, aliases and paper titles, ignoring case and
punctuation, then fuzzily; if nothing matches well you get suggestions.
Depth 2 follows every neighbour one step further ("what compares to Mamba,
and what do those papers run on?").
""" + _NEO4J_NOTE)
@click.argument("dir", required=False, metavar="[DIR]")
@click.argument("name", required=False, metavar="NAME")
@click.option("--depth", default=1, show_default=True, type=click.IntRange(1, 2), help="Hops to follow.")
@click.option("--rel", "rels", default=None, help="Only these relations, comma-separated (e.g. compares-to,runs-on).")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1), help="Most items per relation group.")
@click.option("--format", "fmt", default="table", show_default=True, type=click.Choice(["table", "json"]))
@click.option("--uri", default=None, help=_URI_HELP)
@click.option("--database", default=None, help="Neo4j database name (default: $NEO4J_DATABASE).")
def neighbors(dir, name, depth, rels, limit, fmt, uri, database):
    """List what a node is connected to, grouped by relation, with evidence and claims."""
    import json

    from kg.query import neighbors as nb

    source, name = _graph_source(dir, name, uri, database)
    with source as graph:
        result = nb.neighbors(graph, name, depth, nb.parse_rels(rels), limit)
    click.echo(json.dumps(result, indent=2, ensure_ascii=False) if fmt == "json" else nb.to_text(result))


@main.command(epilog="""\b
Examples:
  kg related exports "Hydra: Sequentially-Dependent Draft Heads for Medusa Decoding"
  kg related exports paper/f1869460313b -k 5 --format json
  NEO4J_URI=bolt://localhost:7687 kg related paper/f1869460313b
\b
Ranks other papers by the methods, models, hardware, datasets and tasks they
share with PAPER, rare ones weighing more (log(1 + papers / papers-linked)).
Each result lists the shared entities that explain it.
""" + _NEO4J_NOTE)
@click.argument("dir", required=False, metavar="[DIR]")
@click.argument("paper", required=False, metavar="PAPER")
@click.option("-k", default=10, show_default=True, type=click.IntRange(1), help="How many papers to list.")
@click.option("--format", "fmt", default="table", show_default=True, type=click.Choice(["table", "json"]))
@click.option("--uri", default=None, help=_URI_HELP)
@click.option("--database", default=None, help="Neo4j database name (default: $NEO4J_DATABASE).")
def related(dir, paper, k, fmt, uri, database):
    """Papers related to PAPER (id or title) by shared, rarity-weighted entities."""
    import json

    from kg.query import related as rq

    source, paper = _graph_source(dir, paper, uri, database)
    with source as graph:
        result = rq.related(graph, paper, k)
    click.echo(json.dumps(result, indent=2, ensure_ascii=False) if fmt == "json" else rq.to_text(result))


@main.group(epilog="""\b
Connection (never a password option): --uri or NEO4J_URI (default bolt://localhost:7687),
NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE. See docs/neo4j.md.
""")
def neo4j():
    """Neo4j: push a built graph into a live database."""


@neo4j.command("push", epilog="""\b
Examples:
  export NEO4J_URI=bolt://localhost:7687 NEO4J_USERNAME=neo4j NEO4J_PASSWORD=...
  kg neo4j push exports
  kg neo4j push exports --wipe --batch-size 10000
\b
Idempotent: MERGE on id, so pushing twice changes nothing and an interrupted
push completes when re-run. --wipe first deletes only nodes labelled :KGNode.
""")
@click.argument("dir", type=click.Path(path_type=Path, exists=True))
@click.option("--uri", default=None, help="Bolt/neo4j URI (default: $NEO4J_URI or bolt://localhost:7687).")
@click.option("--database", default=None, help="Database name (default: $NEO4J_DATABASE or the server's default).")
@click.option("--batch-size", default=5000, show_default=True, type=click.IntRange(1), help="Rows per transaction.")
@click.option("--wipe", is_flag=True, help="Delete kg's nodes (label :KGNode) before pushing.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar or summary.")
def neo4j_push(dir, uri, database, batch_size, wipe, quiet):
    """Push DIR/graph.json into Neo4j (constraints first, then UNWIND batches)."""
    from kg.export import neo4j as n4j
    from kg.report import load_graph_dir, progress_bar

    graph = load_graph_dir(dir)
    with progress_bar("Pushing to Neo4j", total=n4j.total_rows(graph), disable=quiet) as advance:
        counts = n4j.push(graph, uri=uri, database=database, batch_size=batch_size, wipe=wipe, progress=advance)
    if not quiet:
        click.echo(f"pushed {counts['nodes']} nodes and {counts['relationships']} relationships")


@main.command(epilog="""\b
Examples:
  kg cypher queries/compares_to.cypher --param name=FlashAttention-2
  kg cypher 'MATCH (m:Method) RETURN m.name AS name LIMIT $n' --param n=5 --format json
\b
Read-only: a query that would write is refused. Values are bound as
parameters ($name), never pasted into the query. Defaults documented in a
query file's header ("(default: ...)") apply when --param omits them.
Needs a Neo4j server (kg neo4j push first); connection as for kg neo4j push.
""")
@click.argument("query")
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE", help="Bind $NAME to VALUE (repeatable; JSON or text).")
@click.option("--format", "fmt", default="table", show_default=True, type=click.Choice(["table", "json", "csv"]))
@click.option("--uri", default=None, help="Bolt/neo4j URI (default: $NEO4J_URI or bolt://localhost:7687).")
@click.option("--database", default=None, help="Database name (default: $NEO4J_DATABASE).")
def cypher(query, params, fmt, uri, database):
    """Run a read-only Cypher QUERY (text or a .cypher file) against Neo4j."""
    from kg.query import cypher as cq

    text, values = cq.load_query(query)
    values.update(cq.parse_params(params))
    keys, rows = cq.run_read(text, values, uri=uri, database=database)
    click.echo(cq.format_rows(keys, rows, fmt), nl=False)


if __name__ == "__main__":  # pragma: no cover
    run()
