"""JSON/JSONL records, the HF papers API and arXiv Atom; format sniffing and --format."""
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.ingest import read_papers
from kg.model import Paper, Problem

FIX = Path(__file__).resolve().parent.parent / "fixtures"


def _split(recs):
    recs = list(recs)
    return [r for r in recs if isinstance(r, Paper)], [r for r in recs if isinstance(r, Problem)]


def test_jsonl_records_and_bad_lines():
    papers, problems = _split(read_papers([FIX / "records.jsonl"]))
    assert [p.title for p in papers] == ["FooNet: Fast Things", "BarNet"]
    assert papers[0].urls == ("https://github.com/foo/foonet",) and papers[0].upvotes == 5
    assert papers[1].author_count == 3
    lines = sorted(p.source.line for p in problems)
    assert lines == [2, 3, 4]
    assert all("records.jsonl" in p.source.file for p in problems)


def test_hf_api_json():
    papers, problems = _split(read_papers([FIX / "api_daily_papers.json"]))
    pb = papers[0]
    assert pb.arxiv_id == "2510.04767" and pb.organization == "FuriosaAI" and pb.published == "2025-10-06"
    assert pb.urls == ("https://github.com/furiosa-ai/ParallelBench",) and pb.keywords == ("parallel decoding",)
    assert pb.author_count == 2
    assert len(papers) == 2 and len(problems) == 1 and "summary" in problems[0].message


def test_arxiv_atom():
    papers, problems = _split(read_papers([FIX / "arxiv.atom"]))
    assert len(papers) == 1 and papers[0].arxiv_id == "2312.00752"
    assert papers[0].title == "Mamba: Linear-Time Sequence Modeling with Selective State Spaces"
    assert papers[0].authors == ("Albert Gu", "Tri Dao") and papers[0].published == "2023-12-01"
    assert papers[0].urls == ("https://github.com/state-spaces/mamba",)
    assert len(problems) == 1 and problems[0].source.line == 2


def test_format_override(tmp_path):
    p = tmp_path / "records.txt"
    p.write_text('{"title": "T", "abstract": "An abstract."}\n')
    assert [r.title for r in read_papers([p], fmt="jsonl")] == ["T"]


def test_unknown_format_raises():
    with pytest.raises(InputError):
        list(read_papers([FIX / "records.jsonl"], fmt="docx"))


def test_same_paper_in_api_and_listing_is_one_node(tmp_path):
    from kg.build import build_graph

    listing = tmp_path / "page.txt"
    listing.write_text("ParallelBench: Understanding the Trade-offs of Parallel Decoding in Diffusion LLMs\n\n"
                       "While most autoregressive LLMs are constrained to one-by-one decoding, we propose "
                       "ParallelBench.\n\n")
    graph, _ = build_graph([listing, FIX / "api_daily_papers.json"], jobs=1)
    pb = [p for p in graph.nodes("Paper") if p["title"].startswith("ParallelBench")]
    assert len(pb) == 1
    assert pb[0]["arxiv_id"] == "2510.04767" and len(pb[0]["sources"]) == 2
    assert pb[0]["url"] == "https://arxiv.org/abs/2510.04767"


def test_unreadable_file_is_a_problem(tmp_path):
    d = tmp_path / "sub.txt"
    d.mkdir()  # a folder named like an input file: open() fails
    recs = list(read_papers([d / "missing.txt", FIX / "records.jsonl"]))
    assert any(isinstance(r, Problem) and "no such file" in r.message for r in recs)
    assert any(isinstance(r, Paper) for r in recs)
