"""Relations that come from listing metadata rather than prose: code links and publishers."""
from __future__ import annotations

from typing import Iterable

from kg.extract.sentences import split_sentences
from kg.model import Entity, Evidence, Paper, Relation


class MetadataExtractor:
    """``has-code`` for every code/project URL, ``published-by`` for the listing's organisation."""

    name = "metadata"
    version = "1"

    def extract(self, paper: Paper) -> Iterable[Relation]:
        tag = f"{self.name}/{self.version}"
        src = str(paper.source)
        sentences = split_sentences(paper.abstract)
        for url in paper.urls:
            bare = url.split("://", 1)[-1].rstrip("/")
            sentence = next((s for s in sentences if bare.lower() in s.lower()), f"Code or project link: {url}")
            yield Relation("has-code", Entity("Repo", url, url=url), Evidence(sentence, tag, src))
        if paper.organization:
            aliases = (paper.organization_slug,) if paper.organization_slug and \
                paper.organization_slug != paper.organization else ()
            yield Relation("published-by", Entity("Organization", paper.organization, aliases),
                           Evidence(f"Listed with organisation: {paper.organization}", tag, src))
