"""Entity resolution: one node per real-world thing, across the whole corpus.

Names are reduced to a match key (case, dashes, plurals and vendor words
dropped). Two names merge when their keys are equal, or when they are
near-identical by rapidfuzz ratio *and* carry the same numbers — so
"FlashAttention" and "FlashAttention-2", "GPT-3" and "GPT-4", "Llama-2-7B"
and "Llama-2-13B" never merge. Fuzzy candidates are found by blocking on the
key's first characters, and within a block only on keys of a length that can
reach the fuzzy threshold, so resolution is linear in the number of names,
never all-pairs. Keys of up to 24 characters (most of them) reach the
threshold against a key one character longer or shorter only one inserted or
deleted character away, and against one as long only with one character
changed: in a large length bucket an index of single-character deletions
finds those candidates without scanning it.

>>> r = Resolver()
>>> a = r.resolve(Entity("Method", "Flash Attention 2"))
>>> b = r.resolve(Entity("Method", "FlashAttention-2"))
>>> c = r.resolve(Entity("Method", "FlashAttention"))
>>> a == b, a == c
(True, False)
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from kg.graph import entity_id
from kg.model import Entity

_STRIP = {"nvidia", "the", "model", "models", "benchmark", "dataset", "datasets", "gpu", "gpus",
          "framework", "algorithm", "method", "architecture", "inc", "ai"}
GREEK = {"α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "ε": "epsilon", "λ": "lambda", "μ": "mu",
         "π": "pi", "σ": "sigma", "θ": "theta", "ω": "omega", "τ": "tau", "ϵ": "epsilon"}
_GREEK_TABLE = str.maketrans(GREEK)
#: Method and Model are one class when merging: a model family and its method share a name.
TYPE_CLASS = {"Model": "Method"}
FUZZY_MIN = 94
_WORD = re.compile(r"[a-z0-9]+")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
#: Keys up to this length reach FUZZY_MIN only within indel distance 2 (d = 3 needs n + m >= 50), so only
#: against a key one character longer or shorter (d = 1: one is the other plus a character) or of the same
#: length with one character changed (d = 2: both less one character are equal); below 16 (ratio 32/34 at d = 2
#: needs n + m >= 34) only d = 1 reaches it. Keys of other lengths are scanned.
NEAR_MAX = 24
#: A length bucket of keys of <= NEAR_MAX + 1 characters gets a deletion index once it holds this many keys
#: (scanning a small bucket in C is cheaper than keeping an index in Python).
NEAR_INDEX_MIN = 24


def _deletions(key: str) -> set[str]:
    """The key less one character, for the characters after the block prefix.

    Deleting one of the first three characters keeps the prefix only inside a run of one character, where the
    deletion equals the one at the run's end (position >= 3): these are all deletions that stay in the block.
    """
    return {key[:i] + key[i + 1:] for i in range(3, len(key))}


@lru_cache(maxsize=1 << 16)
def match_key(name: str) -> str:
    """Normalised key for equality matching.

    >>> match_key("NVIDIA H100 GPUs"), match_key("Mixture-of-Experts"), match_key("LLMs")
    ('h100', 'mixtureofexpert', 'llm')
    >>> match_key("the Mamba model"), match_key("Algorithm Transformer"), match_key("PanGu-α")
    ('mamba', 'algorithmtransformer', 'pangualpha')
    >>> match_key("Hydra++"), match_key("C++")
    ('hydra++', 'c++')
    """
    if name.isascii():  # NFKC, the dashes and the Greek letters change nothing
        s = name.lower()
    else:
        s = unicodedata.normalize("NFKC", name).lower().replace("‐", "-").replace("–", "-").translate(_GREEK_TABLE)
    words = _WORD.findall(s)
    i, j = 0, len(words)  # generic words go only at the edges: "Algorithm Transformer" is not "Transformer"
    while i < j and words[i] in ("the", "nvidia"):
        i += 1
    while j > i and words[j - 1] in _STRIP:
        j -= 1
    kept = words[i:j] or words
    kept = [w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w for w in kept]
    return "".join(kept) + "+" * (len(name) - len(name.rstrip("+")))  # "Hydra++" is Hydra's successor, not Hydra


def _numbers(name: str) -> tuple[str, ...]:
    return tuple(_NUMBER.findall(name))


@lru_cache(maxsize=None)
def _plan(n: int) -> tuple[tuple[float, int], ...]:
    """(best possible ratio, key length) of the lengths whose keys can score FUZZY_MIN against a key of length n.

    ratio = 100 * (n + m - d) / (n + m) for an indel distance d >= |n - m|, and d >= 2 for two different keys
    of one length (an equal key is an exact hit): |n - m| <= 0.06 (n + m), so m in [n * 94/106, n * 106/94].
    Best bound first.
    """
    bounds = [(100 * (n + m - (abs(n - m) or 2)) / (n + m), m) for m in range((n * 94) // 106, (n * 106) // 94 + 2)]
    return tuple(sorted((b for b in bounds if b[0] >= FUZZY_MIN - 1e-6), reverse=True))


#: Shorter keys match only exactly (below 6 by rule; from 6 no other length reaches FUZZY_MIN until here).
_FUZZY_MIN_LEN = max(6, min(n for n in range(1, 100) if _plan(n)))


class Resolver:
    """Maps entity mentions to stable node ids, learning names as it goes."""

    def __init__(self) -> None:
        self._by_key: dict[tuple[str, str], str] = {}  # (class, key) -> node id
        # (class, key prefix, numbers in the name) -> {key length: ([keys], [node ids], [arrival numbers])}:
        # fuzzy candidates, never all pairs
        self._blocks: dict[tuple[str, str, tuple[str, ...]], dict[int, tuple[list[str], list[str], list[int]]]] = {}
        # block -> {key length: ({key: position}, {one-character deletion: position of its first key})} for the
        # buckets of keys of <= NEAR_MAX + 1 characters with at least NEAR_INDEX_MIN of them
        self._near: dict[tuple[str, str, tuple[str, ...]], dict[int, tuple[dict[str, int], dict[str, int]]]] = {}
        self._canonical: dict[str, Entity] = {}  # node id -> first entity seen
        self._memo: dict[Entity, str] = {}  # a mention seen before resolves the same way

    def _klass(self, type_: str) -> str:
        return TYPE_CLASS.get(type_, type_)

    def _remember(self, klass: str, name: str, key: str, nid: str) -> None:
        k = (klass, key)
        if key and k not in self._by_key:
            self._by_key[k] = nid
            bk, m = (klass, key[:3], _numbers(name)), len(key)
            keys, ids, seq = self._blocks.setdefault(bk, {}).setdefault(m, ([], [], []))
            keys.append(key)
            ids.append(nid)
            seq.append(len(self._by_key))
            if m <= NEAR_MAX + 1 and len(keys) >= NEAR_INDEX_MIN:
                near = self._near.setdefault(bk, {})
                index = near.get(m)
                if index is None:
                    index = near[m] = ({}, {})
                    todo = enumerate(keys)
                else:
                    todo = [(len(keys) - 1, key)]
                pos, dels = index
                for i, key in todo:
                    pos[key] = i
                    for v in _deletions(key):
                        dels.setdefault(v, i)

    def lookup(self, type_: str, name: str) -> str | None:
        """The node id a name resolves to, without registering anything."""
        if type_ == "Repo":
            return None
        return self._lookup(self._klass(type_), name, match_key(name))

    def _lookup(self, klass: str, name: str, key: str) -> str | None:
        hit = self._by_key.get((klass, key))
        n = len(key)
        if hit or n < _FUZZY_MIN_LEN:
            return hit
        bk = (klass, key[:3], _numbers(name))
        block = self._blocks.get(bk)
        if not block:
            return None
        from rapidfuzz import fuzz, process

        near = self._near.get(bk, {}) if n <= NEAR_MAX else {}
        # The best-scoring key, the earliest among equals (as one extractOne over the whole block would pick):
        # the lengths that can reach FUZZY_MIN are scored best bound first until none can beat the best found.
        best = None
        for bound, m in _plan(n):
            if best is not None and bound < best[0] - 1e-6:
                break
            bucket = block.get(m)
            if bucket is None:
                continue
            keys, ids, seq = bucket
            index = near.get(m) if -1 <= m - n <= 1 else None
            if index is not None:
                hit = self._near_hit(key, m, bound, *index)
            else:
                hit = process.extractOne(key, keys, scorer=fuzz.ratio, score_cutoff=FUZZY_MIN)
            if hit and (best is None or hit[1] > best[0] or hit[1] == best[0] and seq[hit[2]] < best[1]):
                best = (hit[1], seq[hit[2]], ids[hit[2]])
        return best[2] if best else None

    @staticmethod
    def _near_hit(key: str, m: int, bound: float, pos: dict[str, int], dels: dict[str, int]
                  ) -> tuple[str, float, int] | None:
        """What extractOne finds in an indexed bucket of keys one longer, one shorter or as long as the query.

        Only keys at indel distance 1 (2 for one length) can score (NEAR_MAX), and they all score the bound:
        the first one wins.
        """
        n = len(key)
        if m == n + 1:  # keys that are the query plus one character
            i = dels.get(key)
        elif m == n - 1:  # keys that are the query less one character
            i = min((pos[v] for v in pos.keys() & _deletions(key)), default=None)
        else:  # keys that less one character are the query less one character
            i = min((dels[v] for v in dels.keys() & _deletions(key)), default=None)
        return None if i is None else ("", bound, i)

    def resolve(self, entity: Entity) -> str:
        """Node id for a mention: an existing node when it matches, else a new one."""
        if entity.type == "Repo":
            return entity_id(entity)
        memo = self._memo.get(entity)
        if memo is not None:
            return memo
        klass = TYPE_CLASS.get(entity.type, entity.type)
        key = match_key(entity.name)
        nid = self._lookup(klass, entity.name, key)
        if nid is None:
            nid = entity_id(entity)
            while nid in self._canonical and self._klass(self._canonical[nid].type) != klass:
                nid += "-" + entity.type.lower()
            self._canonical.setdefault(nid, entity)
        self._remember(klass, entity.name, key, nid)
        for a in entity.aliases:
            self._remember(klass, a, match_key(a), nid)
        self._memo[entity] = nid
        return nid
