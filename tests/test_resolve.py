"""Entity resolution: the merges we want and the version non-merges we must never make."""
import pytest

from kg.model import Entity
from kg.resolve import Resolver


@pytest.mark.parametrize("a,b", [
    ("FlashAttention-2", "Flash Attention 2"),
    ("Mixture-of-Experts", "mixture of experts"),
    ("NVIDIA H100", "H100 GPUs"),
    ("Mamba-2", "Mamba2"),
    ("Transformers", "Transformer"),
])
def test_merges(a, b):
    r = Resolver()
    assert r.resolve(Entity("Method", a)) == r.resolve(Entity("Method", b))


@pytest.mark.parametrize("a,b", [
    ("FlashAttention", "FlashAttention-2"),
    ("GPT-3", "GPT-4"),
    ("Llama-2-7B", "Llama-2-13B"),
    ("Mamba", "Mamba-2"),
    ("Qwen2-57B-A14B", "Qwen2-57B-A13B"),
])
def test_version_non_merges(a, b):
    r = Resolver()
    assert r.resolve(Entity("Model", a)) != r.resolve(Entity("Model", b))


def test_aliases_learnt_from_one_mention_merge_later_ones():
    r = Resolver()
    nid = r.resolve(Entity("Method", "Mixture-of-Experts", ("MoE",)))
    assert r.resolve(Entity("Method", "MoE")) == nid


def test_different_types_do_not_merge():
    r = Resolver()
    assert r.resolve(Entity("Dataset", "Frontier")) != r.resolve(Entity("Hardware", "Frontier"))


def test_taxonomy_links_family_members(sample_graph):
    isa = {(sample_graph.node(e["source"])["name"], sample_graph.node(e["target"])["name"])
           for e in sample_graph.edges("is-a")}
    assert ("FlashAttention-2", "FlashAttention") in isa
    assert ("Mamba", "state space model") in isa or ("Medusa", "speculative decoding") in isa
