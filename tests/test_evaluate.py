"""kg eval: the same counts as the project's scorer, the tune/held-out split, and the claims row."""
import json
import re
import subprocess
import sys

import pytest
from click.testing import CliRunner
from conftest import GOLD, require

from kg.cli import main
from kg.errors import InputError
from kg.evaluate import evaluate, in_split

_ROW = re.compile(r"^(\S+(?: \S+)*?)\s+P=\S+ R=\S+ F1=\S+\s+\(tp=(\d+) fp=(\d+) fn=(\d+)\)")


def test_counts_are_the_project_scorers(sample_build):
    require((GOLD / "score.py").exists(), f"the project scorer at {GOLD / 'score.py'}")
    graph_json = sample_build[2] / "graph.json"
    run = subprocess.run([sys.executable, str(GOLD / "score.py"), str(graph_json), str(GOLD / "dev.jsonl")],
                         capture_output=True, text=True, check=True)
    theirs = {m.group(1): tuple(map(int, m.group(2, 3, 4))) for line in run.stdout.splitlines()
              if (m := _ROW.match(line))}
    scores = evaluate(graph_json, GOLD / "dev.jsonl")["scores"]
    edges = scores.pop("edges")
    assert len(theirs) >= 10 and {k: (v["tp"], v["fp"], v["fn"]) for k, v in scores.items()} == theirs
    headline = re.search(r"^edges\(all but addresses\)\s+P=(\S+) R=(\S+) F1=(\S+)", run.stdout, re.M)
    assert tuple(map(float, headline.groups())) == tuple(round(edges[k], 2) for k in ("p", "r", "f1"))


def _tiny(tmp_path):
    graph = {"directed": True, "multigraph": True, "graph": {}, "nodes": [
        {"id": "paper/p", "type": "Paper", "name": "Zorb: Fast Kernels", "title": "Zorb: Fast Kernels", "aliases": []},
        {"id": "method/zorb", "type": "Method", "name": "Zorb", "aliases": []},
        {"id": "method/fa2", "type": "Method", "name": "FlashAttention-2", "aliases": ["FA2"]},
        {"id": "method/lora", "type": "Method", "name": "LoRA", "aliases": []},
        {"id": "hardware/h100", "type": "Hardware", "name": "NVIDIA H100", "aliases": ["H100"]}],
        "links": [
        {"source": "paper/p", "target": "method/zorb", "rel": "proposes", "evidence": "e", "extractor": "t"},
        {"source": "paper/p", "target": "method/fa2", "rel": "compares-to", "evidence": "e", "extractor": "t",
         "claim": {"text": "11.9x higher throughput than FlashAttention-2", "value": 11.9, "unit": "x"}},
        {"source": "paper/p", "target": "method/lora", "rel": "builds-on", "evidence": "e", "extractor": "t"},
        {"source": "paper/p", "target": "hardware/h100", "rel": "runs-on", "evidence": "e", "extractor": "t",
         "claim": {"text": "on 8 H100 GPUs", "value": 8.0, "unit": "devices"}}]}
    gold = {"id": "abc", "title": "Zorb: Fast Kernels",
            "entities": [{"type": "Method", "name": "Zorb"}, {"type": "Method", "name": "FlashAttention-2"},
                         {"type": "Hardware", "name": "H100"}, {"type": "Dataset", "name": "GSM8K"}],
            "edges": [{"rel": "proposes", "type": "Method", "target": "Zorb"},
                      {"rel": "compares-to", "type": "Method", "target": "FlashAttention-2",
                       "claim": "11.9x higher throughput than FlashAttention-2 for prefill"},
                      {"rel": "runs-on", "type": "Hardware", "target": "H100", "claim": "4.1x faster on 2 H100 GPUs"},
                      {"rel": "evaluated-on", "type": "Dataset", "target": "GSM8K", "claim": "62.1% on GSM8K"}]}
    (tmp_path / "graph.json").write_text(json.dumps(graph))
    (tmp_path / "gold.jsonl").write_text(json.dumps(gold) + "\n")
    return tmp_path / "graph.json", tmp_path / "gold.jsonl"


def test_tiny_graph_scores_and_claims(tmp_path):
    result = evaluate(*_tiny(tmp_path))
    s = result["scores"]
    assert (s["proposes"]["tp"], s["compares-to"]["tp"], s["runs-on"]["tp"]) == (1, 1, 1)
    assert (s["builds-on"]["fp"], s["evaluated-on"]["fn"]) == (1, 1)
    assert (s["entity"]["tp"], s["entity"]["fp"], s["entity"]["fn"]) == (3, 1, 1)  # LoRA spurious, GSM8K missed
    # three gold claims: GSM8K's edge is missing; H100's claim states no 8; FA2's agrees
    assert result["claims"] == {"gold": 3, "edge_found": 2, "with_claim": 2, "value_agrees": 1}
    assert {(e["kind"], e["error"], e["name"]) for e in result["errors"]} >= {
        ("builds-on", "spurious", "LoRA"), ("evaluated-on", "missed", "GSM8K")}


def test_cli_prints_the_table_and_the_claims_line(tmp_path):
    graph_json, gold = _tiny(tmp_path)
    run = CliRunner().invoke(main, ["eval", str(graph_json), str(gold), "--show-errors"])
    assert run.exit_code == 0, run.output
    assert "compares-to" in run.output and "claims: 3 in the gold" in run.output and "GSM8K" in run.output
    data = json.loads(CliRunner().invoke(main, ["eval", str(graph_json), str(gold), "--format", "json"]).output)
    assert data["claims"]["value_agrees"] == 1 and "errors" not in data


def test_the_split_is_a_fixed_partition():
    ids = [f"{i:08x}" for i in range(300)]
    tune = {i for i in ids if in_split(i, "tune")}
    held = {i for i in ids if in_split(i, "heldout")}
    assert not tune & held and tune | held == set(ids) and all(in_split(i, "all") for i in ids)
    assert 70 < len(held) < 130  # about a third


def test_ignore_leaves_a_relation_the_gold_does_not_annotate_out(tmp_path):
    graph_json, gold = _tiny(tmp_path)
    s = evaluate(graph_json, gold, ignore=("builds-on",))["scores"]
    assert "builds-on" not in s and s["entity"]["fp"] == 0  # LoRA counts neither way now (no gold builds-on either)
    assert s["proposes"]["tp"] == 1
    run = CliRunner().invoke(main, ["eval", str(graph_json), str(gold), "--ignore", "builds-on", "--format", "json"])
    assert run.exit_code == 0, run.output
    assert "builds-on" not in json.loads(run.output)["scores"]


def test_ignore_drops_the_gold_side_too(tmp_path):
    graph_json, gold = _tiny(tmp_path)
    s = evaluate(graph_json, gold, ignore=("evaluated-on",))["scores"]
    assert "evaluated-on" not in s and s["entity"]["fn"] == 0  # GSM8K, reached only by the ignored edge, is gone


def test_a_second_annotators_file_is_scored_like_a_build(tmp_path):
    _graph_json, gold = _tiny(tmp_path)
    other = json.loads(gold.read_text())
    other["entities"] = [e for e in other["entities"] if e["name"] != "GSM8K"] + [
        {"type": "Method", "name": "FA2", "aliases": []}, {"type": "Hardware", "name": "GPU", "aliases": []}]
    other["edges"] = [e for e in other["edges"] if e["rel"] != "evaluated-on"] + [
        {"rel": "compares-to", "type": "Method", "target": "FA2"}]  # FA2 is not one of the gold's aliases
    (tmp_path / "second.jsonl").write_text(json.dumps(other) + "\n")
    result = evaluate(tmp_path / "second.jsonl", gold)
    s = result["scores"]
    assert (s["compares-to"]["tp"], s["compares-to"]["fp"]) == (1, 1)
    assert (s["evaluated-on"]["fn"], s["entity"]["fp"], s["entity"]["fn"]) == (1, 2, 1)  # FA2 and GPU, GSM8K
    assert result["claims"] == {"gold": 3, "edge_found": 2, "with_claim": 2, "value_agrees": 2}
    assert evaluate(gold, gold)["scores"]["edges"]["f1"] == 1.0


def test_a_malformed_gold_line_is_named(tmp_path):
    graph_json, gold = _tiny(tmp_path)
    bad = tmp_path / "bad.jsonl"
    bad.write_text(gold.read_text() + '{"title": "T", "edges": [{"rel": "proposes"}]}\n')
    with pytest.raises(InputError, match=r"bad\.jsonl, line 2: not a gold record"):
        evaluate(graph_json, bad)
    run = CliRunner().invoke(main, ["eval", str(graph_json), str(bad)])
    assert run.exit_code != 0 and "line 2" in run.output


def test_an_annotation_edge_to_an_unlisted_name_still_counts(tmp_path):
    _graph_json, gold = _tiny(tmp_path)
    other = json.loads(gold.read_text())
    other["entities"] = [e for e in other["entities"] if e["name"] != "Zorb"]  # the edge to Zorb stays
    (tmp_path / "second.jsonl").write_text(json.dumps(other) + "\n")
    assert evaluate(tmp_path / "second.jsonl", gold)["scores"]["proposes"]["tp"] == 1
