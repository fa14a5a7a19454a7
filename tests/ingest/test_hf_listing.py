"""The Hugging Face Daily Papers listing loader: entries, metadata, chrome and bad input."""

import pytest

from kg.ingest import IngestOptions, read_papers
from kg.model import Paper, Problem

LISTING = """new

Get trending papers in your email inbox!

Subscribe

Daily Papers

byAK and the research community

Dec 11

FooNet: A Fast Network

We propose FooNet, which is fast. Code at github.com/foo/foonet).

furiosa-ai FuriosaAI
·
Oct 6 2

BarNet: Bare Entry Without Metadata

We introduce BarNet. It is a bare entry with no metadata at all.

BazNet: Old Paper

We present BazNet, an older paper.

  • 3 authors
·
Jan 27, 2024
"""


def _load(tmp_path, text, name="page.txt", **opts):
    p = tmp_path / name
    p.write_bytes(text.encode() if isinstance(text, str) else text)
    recs = list(read_papers([p], options=IngestOptions(**opts)))
    return [r for r in recs if isinstance(r, Paper)], [r for r in recs if isinstance(r, Problem)]


def test_entries_metadata_and_chrome(tmp_path):
    papers, problems = _load(tmp_path, LISTING)
    assert [p.title for p in papers] == ["FooNet: A Fast Network", "BarNet: Bare Entry Without Metadata",
                                         "BazNet: Old Paper"]
    foo, bar, baz = papers
    assert (foo.organization, foo.organization_slug, foo.upvotes) == ("FuriosaAI", "furiosa-ai", 2)
    assert foo.published == "2025-10-06"  # year-less: one more than the latest explicit year (2024)
    assert foo.urls == ("https://github.com/foo/foonet",)
    assert bar.published is None and bar.organization is None and bar.author_count is None
    assert (baz.author_count, baz.published, baz.upvotes) == (3, "2024-01-27", None)
    assert not [p for p in problems if p.skipped]


def test_year_option_overrides_inference(tmp_path):
    papers, _ = _load(tmp_path, LISTING, year=2023)
    assert papers[0].published == "2023-10-06"


def test_year_less_page_keeps_month_day(tmp_path):
    papers, _ = _load(tmp_path, "Title One\n\nWe propose a thing that is described at length here.\n\n·\nOct 6\n")
    assert papers[0].published == "--10-06"


def test_sample_corpus_has_245_papers_and_no_chrome(sample_graph):
    papers = list(sample_graph.nodes("Paper"))
    assert len(papers) == 245
    chrome = {"new", "subscribe", "daily papers", "get trending papers in your email inbox!",
              "byak and the research community"}
    assert not [p for p in papers if p["title"].lower() in chrome or len(p["abstract"]) < 80]


def test_repeated_paper_records_every_source(sample_graph):
    papers = list(sample_graph.nodes("Paper"))
    assert sum(len(p["sources"]) for p in papers) == 260  # 260 records, 15 of them repeats
    repeats = [p for p in papers if len(p["sources"]) > 1]
    assert repeats and all(len(set(p["sources"])) == len(p["sources"]) for p in repeats)


@pytest.mark.parametrize("text,message", [
    (b"", "empty"),
    (b"\x00\x01\x02binary\x00data", "binary"),
    ("new\n\nSubscribe\n\nDaily Papers\n\n  \u2022 3 authors\n\u00b7\nOct 6\n", "no recognisable"),
])
def test_bad_files_are_reported_with_file_and_line(tmp_path, text, message):
    papers, problems = _load(tmp_path, text)
    assert papers == []
    assert any(message in p.message and p.source.file.endswith("page.txt") and p.source.line >= 1 for p in problems)


def test_title_without_abstract_is_skipped_and_others_kept(tmp_path):
    text = ("Lonely Title With No Abstract\n\nGood Title\n\nThis abstract is long enough and ends properly, "
            "as abstracts do in real listings.\n\nTruncated Last Title\n")
    papers, problems = _load(tmp_path, text)
    assert [p.title for p in papers] == ["Good Title"]
    msgs = [(p.source.line, p.message) for p in problems if p.skipped]
    assert any(line == 1 and "no abstract" in m for line, m in msgs)
    assert any(line == 7 and "truncated" in m for line, m in msgs)


def test_truncated_abstract_is_kept_with_warning(tmp_path):
    papers, problems = _load(tmp_path, "Some Title\n\nThis abstract stops in the middle of a sent")
    assert len(papers) == 1
    assert any("truncated" in p.message and not p.skipped for p in problems)


def test_huge_single_line_is_skipped(tmp_path):
    text = "Good Title\n\nA normal abstract sentence that ends.\n\n" + "x" * (10 * 1024 * 1024) + "\n"
    papers, problems = _load(tmp_path, text)
    assert [p.title for p in papers] == ["Good Title"]
    assert any(p.source.line == 5 and "MB" in p.message for p in problems)


def test_missing_path_is_a_problem_not_a_crash(tmp_path):
    recs = list(read_papers([tmp_path / "nope.txt"]))
    assert len(recs) == 1 and "no such file" in recs[0].message
