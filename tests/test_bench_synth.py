"""The synthetic benchmark corpus: deterministic, parseable, unique titles, growing vocabulary."""
from __future__ import annotations

import json

import pytest

from bench import synth
from kg.ingest import read_papers
from kg.model import Paper, title_key

N = 300


@pytest.fixture(scope="module")
def pools():
    return synth.build_pools()


def _bytes(root):
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
            and p.name != "manifest.json"}  # the manifest records the generation time


def test_same_seed_same_bytes(tmp_path, pools):
    a = synth.write_corpus(N, 7, tmp_path / "a", pools)
    b = synth.write_corpus(N, 7, tmp_path / "b", pools)
    c = synth.write_corpus(N, 8, tmp_path / "c", pools)
    assert _bytes(a) == _bytes(b)
    assert _bytes(a) != _bytes(c)


@pytest.mark.parametrize("fmt,rel", [("hf-listing", "listing"), ("jsonl", "papers.jsonl")])
def test_parses_back_to_n_unique_papers(tmp_path, pools, fmt, rel):
    out = synth.write_corpus(N, 1, tmp_path, pools)
    recs = list(read_papers([out / rel]))
    papers = [r for r in recs if isinstance(r, Paper)]
    assert len(papers) == N, [r for r in recs if not isinstance(r, Paper)][:3]
    assert len({title_key(p.title) for p in papers}) == N
    assert all(p.published and len(p.published) == 10 for p in papers)
    assert sum(1 for p in papers if p.organization) > 0 and sum(1 for p in papers if p.author_count) > 0


def test_listing_split_into_files_of_per_file_entries(tmp_path, pools, monkeypatch):
    monkeypatch.setattr(synth, "PER_FILE", 100)
    out = synth.write_corpus(250, 0, tmp_path, pools)
    assert sorted(p.name for p in (out / "listing").iterdir()) == ["part-000.txt", "part-001.txt", "part-002.txt"]
    assert json.loads((out / "manifest.json").read_text())["papers"] == 250


def test_names_keep_growing_with_n(pools):
    """New coinages appear in proportion to N, not just repeats of the sample's names."""
    small, big = synth.generate(200, 0, pools), synth.generate(2000, 0, pools)

    def coinages(recs):
        return {w for r in recs for w in synth._COIN.findall(r["abstract"])}
    assert len(coinages(big)) > 5 * len(coinages(small)) > 0
