"""kg neighbors: name resolution (exact, alias, fuzzy, did-you-mean) and grouped neighbourhoods."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.errors import ConfigError, KGError
from kg.query.lookup import UnknownName, resolve
from kg.query.neighbors import neighbors, parse_rels, to_text


@pytest.mark.parametrize("name, expected", [
    ("FlashAttention-2", "method/flashattention-2"),
    ("fa2", "method/flashattention-2"),  # alias, any case
    ("flash attention 2", "method/flashattention-2"),  # spaces and punctuation ignored
    ("FlashAtention-2", "method/flashattention-2"),  # typo, fuzzy
    ("Low-Rank Adaptation", "method/lora"),
    ("method/lora", "method/lora"),  # an id
])
def test_resolve(tiny_graph, name, expected):
    assert resolve(tiny_graph, name) == expected


def test_unknown_name_suggests_candidates(tiny_graph):
    with pytest.raises(UnknownName) as err:
        resolve(tiny_graph, "LoRAX")
    assert isinstance(err.value, KGError) and "LoRA (Method)" in err.value.candidates
    assert err.value.hint.startswith("did you mean: ")


def test_depth_one_groups_by_relation_with_evidence_and_claims(tiny_graph):
    res = neighbors(tiny_graph, "FA2")
    assert res["node"] == {"id": "method/flashattention-2", "type": "Method", "name": "FlashAttention-2",
                           "aliases": ["FA2"]}
    groups = {(g["rel"], g["direction"]): g for g in res["groups"]}
    assert set(groups) == {("builds-on", "in"), ("compares-to", "in"), ("is-a", "in")}
    (cmp,) = groups[("compares-to", "in")]["items"]
    assert cmp["type"] == "Paper" and cmp["claim"]["value"] == 2.0 and "2x faster" in cmp["evidence"]
    assert [i["name"] for i in groups[("is-a", "in")]["items"]] == ["FastAttn"]


def test_depth_two_follows_papers_to_their_hardware(tiny_graph):
    """What compares to FlashAttention-2, and what do those papers run on?"""
    res = neighbors(tiny_graph, "FlashAttention-2", depth=2, rels=["compares-to", "runs-on"])
    (group,) = res["groups"]
    (paper,) = group["items"]
    runs = [g for g in paper["groups"] if g["rel"] == "runs-on"]
    assert [i["name"] for i in runs[0]["items"]] == ["NVIDIA H100"]
    assert all(i["id"] != "method/flashattention-2" for g in paper["groups"] for i in g["items"])
    text = to_text(res)
    assert "\u2190 compares-to (1)" in text and "NVIDIA H100 [Hardware]" in text and "claim: 2x faster" in text


def test_bad_options(tiny_graph):
    with pytest.raises(ConfigError):
        parse_rels("compares-to,bogus")
    with pytest.raises(ConfigError):
        neighbors(tiny_graph, "FA2", depth=3)
    assert parse_rels(" compares-to, runs-on ") == ["compares-to", "runs-on"] and parse_rels("") is None


def test_cli(tiny_graph, tmp_path):
    from kg.atomic import write_text

    write_text(tmp_path / "graph.json", json.dumps(tiny_graph.to_node_link()))
    run = CliRunner().invoke(main, ["neighbors", str(tmp_path), "H100", "--format", "json"])
    assert run.exit_code == 0, run.output
    assert json.loads(run.output)["groups"][0]["rel"] == "runs-on"
    bad = CliRunner().invoke(main, ["neighbors", str(tmp_path), "LoRAX"])
    assert bad.exit_code == 1 and "did you mean" in bad.output
    page = tmp_path / "ego.html"
    run = CliRunner().invoke(main, ["explore", str(tmp_path), "--focus", "LoRA", "--depth", "1", "-o", str(page)])
    assert run.exit_code == 0, run.output
    assert "Neighbourhood of LoRA" in page.read_text()


def test_sample_mamba_comparisons_and_their_hardware(sample_graph):
    res = neighbors(sample_graph, "mamba", depth=2, rels=["compares-to", "runs-on"])
    assert res["node"]["id"] == "method/mamba"
    (group,) = res["groups"]
    assert group["rel"] == "compares-to" and group["direction"] == "in" and group["items"]
    for paper in group["items"]:
        assert paper["type"] == "Paper" and "mamba" in paper["evidence"].lower()
        assert {g["rel"] for g in paper["groups"]} <= {"compares-to", "runs-on"}
        for g in paper["groups"]:
            if g["rel"] == "runs-on":
                assert all(i["type"] == "Hardware" for i in g["items"])
