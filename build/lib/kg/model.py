"""The small frozen records that pipeline stages pass to each other.

Ingest yields :class:`Paper`; extraction yields :class:`Entity` and
:class:`Relation` (each relation carries its :class:`Evidence` and, where the
text states a figure, a :class:`Claim`). The graph (:mod:`kg.graph`) is built
from these and nothing else.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

ENTITY_TYPES = ("Method", "Model", "Hardware", "Dataset", "Repo", "Organization", "Task")
NODE_TYPES = ("Paper",) + ENTITY_TYPES
RELATIONS = (
    "proposes", "builds-on", "compares-to", "runs-on", "evaluated-on",
    "has-code", "published-by", "addresses", "mentions", "is-a",
)

_NON_SLUG = re.compile(r"[^a-zA-Z0-9.+]+")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def slugify(text: str) -> str:
    """Lower-case ASCII slug used in node ids.

    >>> slugify("FlashAttention-2")
    'flashattention-2'
    >>> slugify("NVIDIA H100 (SXM)")
    'nvidia-h100-sxm'
    """
    s = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    s = _NON_SLUG.sub("-", s.lower()).strip("-.")
    return s or hashlib.sha1(text.encode()).hexdigest()[:12]


@lru_cache(maxsize=1 << 16)
def title_key(title: str) -> str:
    """Normalised title used to recognise the same paper in two inputs.

    >>> title_key("Mamba: Linear-Time  Sequence Modeling!")
    'mambalineartimesequencemodeling'
    """
    return _NON_ALNUM.sub("", unicodedata.normalize("NFKC", title).lower())


@dataclass(frozen=True)
class Source:
    """Where a record came from: a file and a 1-based line (or record number)."""

    file: str
    line: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass(frozen=True)
class Paper:
    """One paper listing, whatever format it was read from."""

    title: str
    abstract: str
    source: Source
    arxiv_id: str | None = None
    authors: tuple[str, ...] = ()
    author_count: int | None = None
    organization: str | None = None
    organization_slug: str | None = None
    published: str | None = None  # ISO date, or --MM-DD when the year is unknown
    upvotes: int | None = None
    urls: tuple[str, ...] = ()  # code / project URLs given as metadata
    keywords: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        """Canonical key: the arXiv id when known, else the normalised title."""
        return f"arxiv:{self.arxiv_id}" if self.arxiv_id else f"title:{title_key(self.title)}"

    @property
    def node_id(self) -> str:
        """Stable node id derived from the normalised title."""
        return "paper/" + hashlib.sha1(title_key(self.title).encode()).hexdigest()[:12]


@dataclass(frozen=True)
class Entity:
    """A named thing a paper mentions: method, model, hardware, dataset, ..."""

    type: str
    name: str
    aliases: tuple[str, ...] = ()
    url: str | None = None


@dataclass(frozen=True)
class Evidence:
    """The sentence that justifies an edge, and who extracted it from where."""

    sentence: str
    extractor: str
    source: str = ""


@dataclass(frozen=True)
class Claim:
    """A quantitative statement qualifying an edge ("11.9x higher throughput")."""

    text: str
    value: float | None = None
    unit: str | None = None
    metric: str | None = None
    direction: str | None = None  # "higher" / "lower" / None

    def as_dict(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if v is not None}


@dataclass(frozen=True)
class Relation:
    """A typed edge from a paper (or entity, for ``is-a``) to an entity."""

    rel: str
    target: Entity
    evidence: Evidence
    claim: Claim | None = None


@dataclass(frozen=True)
class Extraction:
    """Everything extracted from one paper."""

    paper: Paper
    relations: tuple[Relation, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Problem:
    """A record that was skipped or repaired, with where and why."""

    source: Source
    message: str
    skipped: bool = True

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"
