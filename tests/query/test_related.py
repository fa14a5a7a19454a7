"""kg related: rarity-weighted shared entities, explained, from the paper's own postings."""
from __future__ import annotations

import re

import pytest

from kg.query.lookup import UnknownName
from kg.query.related import RelatedIndex, related, to_text

HYDRA = "Hydra: Sequentially-Dependent Draft Heads for Medusa Decoding"


def test_tiny_graph_papers_share_flashattention(tiny_graph):
    res = related(tiny_graph, "Another paper")
    (hit,) = res["results"]
    assert hit["title"].startswith("FastAttn")
    (why,) = hit["shared"]
    assert why["name"] == "FlashAttention-2" and why["this_paper"] == ["builds-on"] and why["other_paper"] == ["compares-to"]
    assert "FlashAttention-2 (Method, compares-to)" in to_text(res)


def test_paper_must_exist(tiny_graph):
    with pytest.raises(UnknownName):
        related(tiny_graph, "A paper nobody wrote about anything")


def test_sample_hydra_finds_speculative_decoding_papers_first(sample_graph):
    index = RelatedIndex(sample_graph)
    res = related(sample_graph, HYDRA, k=10, index=index)
    results = res["results"]
    assert results and res["paper"]["title"] == HYDRA
    assert all(r["id"] != res["paper"]["id"] for r in results)
    scores = [r["score"] for r in results]
    assert scores == sorted(scores, reverse=True)
    decoding = re.compile(r"specul|draft|medusa|decod", re.I)
    for r in results[:3]:  # the best matches share decoding-acceleration entities, not generic ones
        assert any(decoding.search(s["name"]) for s in r["shared"]), r
        assert re.search(r"decod|draft|specul", r["title"], re.I), r["title"]
    # each score is the sum of its explained shares, and rare shares weigh more than common ones
    for r in results:
        assert r["score"] == pytest.approx(sum(s["weight"] for s in r["shared"]), abs=1e-3)
    assert index.idf("method/speculative-decoding") > index.idf("hardware/gpu")
    assert related(sample_graph, HYDRA, k=10, index=index) == res  # deterministic
