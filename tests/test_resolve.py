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
    ("PanGu-α", "PanGu-alpha"),
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


def _whole_block_lookup(r: Resolver, type_: str, name: str):
    """What lookup answered before blocks were split by key length: one extractOne over the whole block."""
    from rapidfuzz import fuzz, process

    from kg.resolve import FUZZY_MIN, _numbers, match_key
    klass, key = r._klass(type_), match_key(name)
    hit = r._by_key.get((klass, key))
    if hit or len(key) < 6:
        return hit
    block = r._blocks.get((klass, key[:3], _numbers(name)))
    if not block:
        return None
    rows = sorted((s, k, i) for keys, ids, seq in block.values() for k, i, s in zip(keys, ids, seq))
    hit = process.extractOne(key, [k for _, k, _ in rows], scorer=fuzz.ratio, score_cutoff=FUZZY_MIN)
    return rows[hit[2]][2] if hit else None


def test_length_buckets_pick_what_the_whole_block_would():
    import random
    rng = random.Random(1)
    stems = ["FlexQuant", "ParaMoE", "FlashDecode", "SparseServe", "ParaRNN", "FlashAttn"]
    names = []
    for _ in range(3000):
        s = rng.choice(stems)
        for _ in range(rng.randrange(4)):  # a few edits: near-duplicates of many lengths
            i = rng.randrange(len(s) + 1)
            s = s[:i] + rng.choice("abcxyzQ") + s[i + 1 if rng.random() < 0.5 else i:]
        names.append(s + rng.choice(["", "", "-7B", "Net", "er", "-2"]))
    r = Resolver()
    for k, name in enumerate(names):
        if k % 7 == 0:
            assert r.lookup("Method", name) == _whole_block_lookup(r, "Method", name), name
        r.resolve(Entity("Method", name))


def _near_duplicates(seed: int, count: int) -> list[str]:
    """Short names a few edits apart, many in one block: the deletion index's workload."""
    import random
    rng = random.Random(seed)
    stems = ["FlexQuant", "FlexMoE", "FlexNet", "FlashTune", "FlashSeg", "ParaRNN", "ParaMix",
             "FlexQuantDecoder", "FlexMoERouterNetwork", "FlashTuneAdapterLab", "ParaMixtureOfAdapters"]
    names = []
    for _ in range(count):
        s = rng.choice(stems)
        for _ in range(rng.randrange(3)):
            i = rng.randrange(len(s) + 1)
            s = s[:i] + rng.choice("aabnxQ") + s[i + 1 if rng.random() < 0.4 else i:]
        names.append(s + rng.choice(["", "", "er", "s", "-2", "Lab", "x"]))
    return names


def test_keys_up_to_near_max_reach_the_threshold_only_within_two_edits():
    from kg.resolve import _FUZZY_MIN_LEN, FUZZY_MIN, NEAR_MAX, _plan

    def reach(n, m, d):
        return 100 * (n + m - d) / (n + m) >= FUZZY_MIN

    def far(n, m):  # a key of length m can reach the threshold at indel distance 3 or more
        return any(reach(n, m, d) for d in range(3, 12) if (n + m - d) % 2 == 0)

    for n in range(_FUZZY_MIN_LEN, NEAR_MAX + 1):  # the indexed lengths n - 1, n, n + 1: distance <= 2
        assert not any(far(n, m) for m in (n - 1, n, n + 1)), n
        if n < 16:
            assert {abs(n - m) for _, m in _plan(n)} == {1}, n
    assert far(NEAR_MAX + 1, NEAR_MAX + 2)
    assert not _plan(_FUZZY_MIN_LEN - 1)


@pytest.mark.parametrize("index_min", [1, 3, 10 ** 9])
def test_deletion_index_picks_what_the_whole_block_would(monkeypatch, index_min):
    import kg.resolve
    monkeypatch.setattr(kg.resolve, "NEAR_INDEX_MIN", index_min)
    r = Resolver()
    for k, name in enumerate(_near_duplicates(2, 4000)):
        if k % 3 == 0:
            assert r.lookup("Method", name) == _whole_block_lookup(r, "Method", name), name
        r.resolve(Entity("Method", name))
    assert bool(r._near) == (index_min < 10 ** 9)


def test_deletion_index_changes_no_id(monkeypatch):
    import kg.resolve
    names = _near_duplicates(3, 3000)
    ids = []
    for index_min in (1, 10 ** 9):
        monkeypatch.setattr(kg.resolve, "NEAR_INDEX_MIN", index_min)
        r = Resolver()
        ids.append([r.resolve(Entity("Method", n, (n + "Lab",) if len(n) % 5 == 0 else ())) for n in names])
    assert ids[0] == ids[1]
    assert len(set(ids[0])) < len(names) / 2  # the names did merge


@pytest.mark.parametrize("version,family", [
    ("SDXL", "Stable Diffusion"), ("SD1.5", "Stable Diffusion"), ("Mistral-7B", "Mistral"),
    ("WMT14", "WMT"), ("WMT16", "WMT"), ("Qwen2.5", "Qwen"), ("Mixtral 8x7B", "Mixtral"), ("DGX H100", "DGX"),
    ("IN-21K", "ImageNet"),
])
def test_the_curated_vocabulary_keeps_versions_apart_and_links_them(version, family):
    from kg.extract.vocabulary import load_vocabulary

    vocab = load_vocabulary()
    entry = next(vocab.get(t, version) for t in ("Model", "Dataset", "Hardware") if vocab.get(t, version))
    assert entry.name != family
    assert family in {p.name for p in vocab.parents(entry.type, entry.name)}
