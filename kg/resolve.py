"""Entity resolution: one node per real-world thing, across the whole corpus.

Names are reduced to a match key (case, dashes, plurals and vendor words
dropped). Two names merge when their keys are equal, or when they are
near-identical by rapidfuzz ratio *and* carry the same numbers — so
"FlashAttention" and "FlashAttention-2", "GPT-3" and "GPT-4", "Llama-2-7B"
and "Llama-2-13B" never merge. Fuzzy candidates are found by blocking on the
key's first characters, and within a block only on keys of a length that can
reach the fuzzy threshold, so resolution is linear in the number of names,
never all-pairs.

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


@lru_cache(maxsize=1 << 16)
def match_key(name: str) -> str:
    """Normalised key for equality matching.

    >>> match_key("NVIDIA H100 GPUs"), match_key("Mixture-of-Experts"), match_key("LLMs")
    ('h100', 'mixtureofexpert', 'llm')
    >>> match_key("the Mamba model"), match_key("Algorithm Transformer"), match_key("PanGu-α")
    ('mamba', 'algorithmtransformer', 'pangualpha')
    """
    s = unicodedata.normalize("NFKC", name).lower().replace("‐", "-").replace("–", "-")
    s = s.translate(_GREEK_TABLE)
    words = _WORD.findall(s)
    i, j = 0, len(words)  # generic words go only at the edges: "Algorithm Transformer" is not "Transformer"
    while i < j and words[i] in ("the", "nvidia"):
        i += 1
    while j > i and words[j - 1] in _STRIP:
        j -= 1
    kept = words[i:j] or words
    kept = [w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w for w in kept]
    return "".join(kept)


def _numbers(name: str) -> tuple[str, ...]:
    return tuple(_NUMBER.findall(name))


class Resolver:
    """Maps entity mentions to stable node ids, learning names as it goes."""

    def __init__(self) -> None:
        self._by_key: dict[tuple[str, str], str] = {}  # (class, key) -> node id
        # (class, key prefix, numbers in the name) -> {key length: ([keys], [node ids], [arrival numbers])}:
        # fuzzy candidates, never all pairs
        self._blocks: dict[tuple[str, str, tuple[str, ...]], dict[int, tuple[list[str], list[str], list[int]]]] = {}
        self._canonical: dict[str, Entity] = {}  # node id -> first entity seen
        self._memo: dict[Entity, str] = {}  # a mention seen before resolves the same way

    def _klass(self, type_: str) -> str:
        return TYPE_CLASS.get(type_, type_)

    def _remember(self, type_: str, name: str, nid: str) -> None:
        key = match_key(name)
        if not key:
            return
        k = (self._klass(type_), key)
        if k not in self._by_key:
            self._by_key[k] = nid
            block = self._blocks.setdefault((k[0], key[:3], _numbers(name)), {})
            keys, ids, seq = block.setdefault(len(key), ([], [], []))
            keys.append(key)
            ids.append(nid)
            seq.append(len(self._by_key))

    def lookup(self, type_: str, name: str) -> str | None:
        """The node id a name resolves to, without registering anything."""
        if type_ == "Repo":
            return None
        klass = self._klass(type_)
        key = match_key(name)
        hit = self._by_key.get((klass, key))
        if hit or len(key) < 6:
            return hit
        block = self._blocks.get((klass, key[:3], _numbers(name)))
        if not block:
            return None
        from rapidfuzz import fuzz, process

        # The best-scoring key, the earliest among equals (as one extractOne over the whole block would pick).
        # ratio = 100 * (n + m - d) / (n + m) for an indel distance d >= |n - m|, and d >= 2 for two different
        # keys of one length (an equal key was an exact hit above): lengths whose best ratio is below
        # FUZZY_MIN are never scored, and the others are scored best-first until none can beat the best found.
        n, best = len(key), None
        # |n - m| <= 0.06 (n + m) bounds the lengths worth a look: m in [n * 94/106, n * 106/94]
        lengths = [m for m in range((n * 94) // 106, (n * 106) // 94 + 2) if m in block]
        for bound, m in sorted([(100 * (n + m - (abs(n - m) or 2)) / (n + m), m) for m in lengths], reverse=True):
            if bound < FUZZY_MIN - 1e-6 or best is not None and bound < best[0] - 1e-6:
                break
            keys, ids, seq = block[m]
            hit = process.extractOne(key, keys, scorer=fuzz.ratio, score_cutoff=FUZZY_MIN)
            if hit and (best is None or hit[1] > best[0] or hit[1] == best[0] and seq[hit[2]] < best[1]):
                best = (hit[1], seq[hit[2]], ids[hit[2]])
        return best[2] if best else None

    def resolve(self, entity: Entity) -> str:
        """Node id for a mention: an existing node when it matches, else a new one."""
        if entity.type == "Repo":
            return entity_id(entity)
        memo = self._memo.get(entity)
        if memo is not None:
            return memo
        nid = self.lookup(entity.type, entity.name)
        if nid is None:
            nid = entity_id(entity)
            while nid in self._canonical and self._klass(self._canonical[nid].type) != self._klass(entity.type):
                nid += "-" + entity.type.lower()
            self._canonical.setdefault(nid, entity)
        self._remember(entity.type, entity.name, nid)
        for a in entity.aliases:
            self._remember(entity.type, a, nid)
        self._memo[entity] = nid
        return nid
