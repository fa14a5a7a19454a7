"""The vocabulary: curated names (``ontology/vocabulary.yaml``) plus the derived gazetteer.

:class:`Vocabulary` answers two questions fast: which known names occur in a
sentence (longest match over tokens, with per-form case rules), and what an
entity's broader entries are (the taxonomy). It is loaded once per process.

Match modes per surface form:
- ``ci``: case-insensitive (all-lower-case curated forms, multi-word technique names);
- ``cs``: exact case (acronyms, capitalised names);
- ``ctx``: a common English word ("Weather") that counts only right before a
  cue noun ("dataset", "benchmark", "model", ...);
- ``weak``: a short acronym (``SD``, ``TP``) that counts only when another
  form of the same entity occurs in the same abstract.
"""
from __future__ import annotations

import hashlib
import json
import os
import pickle
import re
from itertools import accumulate
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kg.model import Entity

# names that are metrics, venues or generic acronyms whatever a source list says (see entities.NOT_NAMES)
from kg.extract.entities import NOT_NAMES, common_words  # noqa: E402

ONTOLOGY = Path(__file__).resolve().parent.parent.parent / "ontology"
TOKEN = re.compile(r"[A-Za-z0-9]+|[^\sA-Za-z0-9\-]")  # hyphens separate words but are not tokens
CUE_NOUNS = {"dataset", "datasets", "benchmark", "benchmarks", "corpus", "model", "models", "architecture",
             "optimizer", "algorithm", "method", "framework", "suite", "challenge", "task", "tasks"}
MAX_TOKENS = 10


_SPLIT = re.compile(r"([A-Za-z0-9]+|[^\sA-Za-z0-9\-])")


@lru_cache(maxsize=64)  # the mention pass and the task pass tokenise the same opening sentences
def tokenize(text: str) -> tuple[list[str], list[int], list[int]]:
    """Tokens (words/numbers and single punctuation marks) with their start and end offsets.

    Built from one ``re.split`` and running sums, with no per-token Python code. The result is
    cached and shared: callers must not change the lists.

    >>> toks, starts, ends = tokenize("FlashAttention-2 on H100s.")
    >>> toks, starts[:2], ends[:2]
    (['FlashAttention', '2', 'on', 'H100s', '.'], [0, 15], [14, 16])
    """
    parts = _SPLIT.split(text)
    bounds = list(accumulate(map(len, parts)))
    return parts[1::2], bounds[0::2][:-1], bounds[1::2]


@dataclass(frozen=True)
class Entry:
    """One vocabulary entry: an entity, its parents and where it came from."""

    type: str
    name: str
    aliases: tuple[str, ...]
    parents: tuple[str, ...] = ()
    source: str = "curated"

    def entity(self) -> Entity:
        return Entity(self.type, self.name, self.aliases)


@dataclass(frozen=True)
class Match:
    """A vocabulary hit in a text: the entry, the surface form and its character span."""

    entry: Entry
    surface: str
    start: int
    end: int
    mode: str = "cs"


def _form_mode(form: str, curated: bool, default: str) -> str:
    if curated:
        if len(form) <= 2 and form.isupper():
            return "weak"
        return "cs" if any(c.isupper() or c.isdigit() for c in form) else "ci"
    return default


class Vocabulary:
    """Known names with a longest-match tokenised matcher and a taxonomy."""

    def __init__(self) -> None:
        # form keys are the form's lower-case tokens joined by single spaces (tokens never hold one)
        self._forms: dict[str, list[tuple[Entry, str, str]]] = {}
        self._entries: dict[tuple[str, str], Entry] = {}  # (type, lower name or alias) -> entry
        self._auto = None  # Aho-Corasick automaton of " key " for every form key, built on first use
        self.ignored: set[str] = set()  # lower-case names that are never entities

    def __getstate__(self) -> dict:
        return {**self.__dict__, "_auto": None}  # rebuilt on first use (~30 ms), not pickled

    def add(self, entry: Entry, mode: str = "cs", curated: bool = True) -> None:
        """Register an entry and all its forms (curated entries take precedence)."""
        for form in (entry.name,) + entry.aliases:
            words = [t.lower() for t in tokenize(form)[0]]
            if not words or len(words) > MAX_TOKENS:
                continue
            lst = self._forms.setdefault(" ".join(words), [])
            if curated or not lst:
                if curated and lst and lst[0][0].source != "curated":
                    lst.clear()
                lst.append((entry, form, _form_mode(form, curated, mode)))
                self._auto = None
            self._entries.setdefault((entry.type, form.lower()), entry)

    def get(self, type_: str, name: str) -> Entry | None:
        """The entry of a type with this name or alias (case-insensitive)."""
        e = self._entries.get((type_, name.lower()))
        if e is None and type_ in ("Method", "Model"):
            e = self._entries.get(("Model" if type_ == "Method" else "Method", name.lower()))
        return e

    def parents(self, type_: str, name: str) -> list[Entity]:
        """Broader entities of a named entity, from the curated taxonomy."""
        e = self.get(type_, name)
        if e is None:
            return []
        out = []
        for p in e.parents:
            pe = self.get(e.type, p)
            out.append(pe.entity() if pe else Entity(e.type, p))
        return out

    def _automaton(self):
        import ahocorasick

        auto = ahocorasick.Automaton()
        for key in self._forms:
            auto.add_word(f" {key} ", (key, len(key) + 2, key.count(" ") + 1))
        auto.make_automaton()
        self._auto = auto
        return auto

    def find(self, text: str, tokens=None) -> list[Match]:
        """Longest, non-overlapping vocabulary matches in ``text``, left to right."""
        toks, starts, ends = tokens if tokens is not None else tokenize(text)
        joined = " ".join(toks).lower()
        low = joined.split(" ")  # one C call instead of one per token
        if len(low) != len(toks):  # a token whose lower case holds a space cannot happen; be safe anyway
            low = [t.lower() for t in toks]
            joined = " ".join(low)
        # every known form at every token: one automaton pass over " tok tok ... " (forms are keys of whole tokens)
        spaced = f" {joined} "
        at: dict[int, list[tuple[int, str]]] = {}  # start token -> [(end token, key)], shortest first
        for end, (key, width, ntok) in (self._auto or self._automaton()).iter(spaced):
            i = spaced.count(" ", 0, end - width + 1)  # the spaces before a token's leading space: its index
            lst = at.get(i)
            if lst is None:
                at[i] = [(i + ntok, key)]
            else:
                lst.append((i + ntok, key))
        out: list[Match] = []
        free = 0  # free: the first token not inside an earlier match
        forms = self._forms
        for i in sorted(at):
            if i < free:
                continue
            found = at[i]
            found.sort()
            hit = None
            for j, key in reversed(found):  # longest first
                surface = text[starts[i]:ends[j - 1]]
                for entry, form, mode in forms[key]:
                    if self._accept(mode, form, surface, low, j, i):
                        hit = (j, Match(entry, surface, starts[i], ends[j - 1], mode), mode)
                        break
                if hit:
                    break
            if hit and not _glued(text, starts[i], ends[hit[0] - 1]):
                out.append(hit[1])
                free = hit[0]
        return out

    @staticmethod
    def _accept(mode: str, form: str, surface: str, low: list[str], end: int, start: int = 0) -> bool:
        if mode == "ci":
            return True
        exact = surface == form or " ".join(surface.replace("-", " ").split()) == " ".join(form.replace("-", " ").split()) \
            or start > 0 and low[start - 1] in _DATA_PREP and _capitalised(form, surface) \
            or surface[1:].islower() and _camel_capitalised(form, surface)  # "on Omniglot", "Imagenet"
        if mode in ("cs", "weak"):
            return exact
        return exact and end < len(low) and low[end] in CUE_NOUNS  # ctx


_DATA_PREP = {"on", "in", "from", "using", "with", "of"}


def _capitalised(form: str, surface: str) -> bool:
    """An upper-case list form written capitalised: "Omniglot" is OMNIGLOT (not "Math" for MATH: a common word).

    >>> _capitalised("OMNIGLOT", "Omniglot"), _capitalised("SQUAD", "Squad"), _capitalised("OMNIGLOT", "omniglot")
    (True, False, False)
    """
    return len(form) >= 6 and form.isupper() and form.isalpha() and surface == form.capitalize() \
        and form.lower() not in common_words()


def _camel_capitalised(form: str, surface: str) -> bool:
    """A mixed-case name written with only its first letter capital: "Imagenet" is ImageNet, "Pytorch" PyTorch.

    >>> _camel_capitalised("ImageNet", "Imagenet"), _camel_capitalised("LoRA", "Lora"), _camel_capitalised("MNIST", "Mnist")
    (True, False, False)
    """
    return len(form) >= 6 and form.isalpha() and not form.isupper() and form[0].isupper() \
        and not form[1:].islower() and surface == form.capitalize() and form.lower() not in common_words()


def _glued(text: str, start: int, end: int) -> bool:
    """True when a match is part of a larger word: "GPT" in "GPT-4o", "SD" in "SDXL"."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    if before.isalnum() or after.isalnum():
        return True
    if after == "-" and re.match(r"-(?:style|like|type|sized|scale|level|architecture)\b", text[end:end + 14]):
        return True  # "GPT-style": an adjective made from the name, not the name
    if after == "-" and end + 1 < len(text) and text[end + 1].isalnum():
        nxt = re.match(r"-[A-Za-z0-9]+", text[end:])
        return bool(nxt and re.search(r"\d|^-[A-Z]", nxt.group(0)))  # "Llama-2", "LLaDA-8B": version suffix
    if before == "-" and start > 1 and text[start - 2].isalnum():
        return True
    return False


CACHE_DIR = Path(os.environ.get("KG_CACHE_DIR") or Path.home() / ".cache" / "paperkg")


@lru_cache(maxsize=1)
def load_vocabulary(ontology_dir: str | None = None) -> Vocabulary:
    """Load the curated YAML and the derived gazetteer (cached per process, and on disk by content hash).

    Parsing 18,000 entries takes a noticeable part of a small build, so the built matcher is
    pickled under ``~/.cache/paperkg`` (``KG_CACHE_DIR``), keyed by a hash of the vocabulary
    files and of this module; an unreadable or stale cache is simply rebuilt.
    """
    base = Path(ontology_dir) if ontology_dir else ONTOLOGY
    digest = hashlib.sha256()
    here = Path(__file__)
    for f in (base / "vocabulary.yaml", base / "gazetteer.jsonl", here, here.with_name("entities.py")):
        if f.exists():
            digest.update(f.read_bytes())
    cache = CACHE_DIR / f"vocabulary-{digest.hexdigest()[:20]}.pickle"
    try:
        with open(cache, "rb") as fh:
            return pickle.load(fh)
    except Exception:  # missing, unreadable or from another version: rebuild
        pass
    vocab = _build_vocabulary(base)
    try:
        from kg.atomic import atomic_open
        with atomic_open(cache, "wb", encoding=None) as fh:
            pickle.dump(vocab, fh, protocol=pickle.HIGHEST_PROTOCOL)
    except OSError:
        pass  # a read-only home is fine: we just parse again next time
    return vocab


def _build_vocabulary(base: Path) -> Vocabulary:
    import yaml

    vocab = Vocabulary()
    with open(base / "vocabulary.yaml", encoding="utf-8") as f:
        curated = yaml.load(f, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    vocab.ignored = {n.lower() for n in curated.pop("Ignore", None) or ()}
    for type_, items in curated.items():
        for item in items or ():
            if isinstance(item, str):
                item = {"name": item}
            vocab.add(Entry(type_, item["name"], tuple(item.get("aliases") or ()), tuple(item.get("is_a") or ())))
    gaz = base / "gazetteer.jsonl"
    if gaz.exists():
        with open(gaz, encoding="utf-8") as f:
            for line in f:
                d = json.loads(line)
                if d["type"] == "Task" or d["name"].lower() in vocab.ignored or d["name"] in NOT_NAMES:
                    continue
                vocab.add(Entry(d["type"], d["name"], tuple(d.get("aliases") or ()), (), d.get("src", "gazetteer")),
                          mode=d.get("mode", "cs"), curated=False)
    return vocab
