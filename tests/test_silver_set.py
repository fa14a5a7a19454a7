"""The silver annotation sets (examples/silver-78.jsonl, examples/silver2-77.jsonl): well formed, sample
papers outside the dev gold, and disjoint, so together with the gold they cover the corpus once."""
import json

import pytest
from conftest import GOLD, ROOT

from kg.evaluate import title_key

SILVER = {"silver-78.jsonl": 78, "silver2-77.jsonl": 77}


def _rows(name: str) -> list[dict]:
    return [json.loads(line) for line in (ROOT / "examples" / name).read_text(encoding="utf-8").splitlines()]


@pytest.mark.parametrize("name,size", SILVER.items())
def test_silver_rows_are_well_formed(name, size):
    rows = _rows(name)
    assert len(rows) == size
    for row in rows:
        types = {e["name"]: e["type"] for e in row["entities"]}
        assert all(types.get(e["target"]) == e["type"] for e in row["edges"]), row["title"]
        assert not set(types.values()) & {"Repo", "Organization"}
        assert sum(t == "Task" for t in types.values()) <= 3, row["title"]


@pytest.mark.parametrize("name", SILVER)
def test_every_silver_paper_is_a_sample_paper_outside_the_dev_gold(name, sample_graph):
    sample = {title_key(n["title"]) for n in sample_graph.nodes("Paper")}
    silver = {title_key(row["title"]) for row in _rows(name)}
    assert silver <= sample
    dev = GOLD / "dev.jsonl"
    if dev.exists():  # the shared gold sits next to the repository in development and CI
        assert not silver & {title_key(json.loads(line)["title"]) for line in dev.read_text(encoding="utf-8").splitlines()}


def test_the_silver_sets_are_disjoint():
    first, second = ({title_key(row["title"]) for row in _rows(name)} for name in SILVER)
    assert first and second and not first & second
