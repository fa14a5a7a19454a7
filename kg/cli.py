"""The ``kg`` command line: parse options, call one library function, print.

Every command's ``--help`` has an example. Library errors (:class:`KGError`)
become a one-line message plus a hint and exit status 1; bad usage exits 2.
"""
from __future__ import annotations

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
@click.option("--export", "formats", multiple=True, help="Export format to write (repeatable; default: all defaults).")
@click.option("--year", type=int, default=None,
              help="Year for year-less listing dates such as 'Oct 6' (default: one more than the latest year on the page).")
@click.option("-j", "--jobs", type=int, default=None, help="Worker processes for extraction (default: all cores).")
@click.option("--strict", is_flag=True, help="Exit non-zero if any record was skipped.")
@click.option("-q", "--quiet", is_flag=True, help="Print only errors.")
def build(inputs, out_dir, fmt, formats, year, jobs, strict, quiet):
    """Build the knowledge graph from listing files and folders."""
    from kg.build import build as run_build
    from kg.ingest import IngestOptions
    from kg.report import print_build_summary, progress_bar

    with progress_bar("Extracting papers", disable=quiet) as advance:
        graph, report = run_build(inputs, out_dir, list(formats) or None, fmt, jobs, IngestOptions(year=year),
                                  progress=advance)
    print_build_summary(graph, report, out_dir, quiet=quiet)
    if strict and report.skipped:
        raise KGError(f"{len(report.skipped)} record(s) skipped and --strict was given",
                      hint="fix the inputs listed above, or drop --strict to build from what could be read")


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


if __name__ == "__main__":  # pragma: no cover
    main()
