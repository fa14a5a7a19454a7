"""The last step of the rule extractor: from what is known about each entity of a paper to its relations.

:class:`Found` collects, per entity of one paper, its names, whether the paper proposes it and the
relations its sentences suggest (with their evidence). :func:`emit` settles each entity's relations
(a proposal excludes the rest; hardware, datasets and tasks take the relation of their type; strong
cues beat the default), attaches claims and adds the paper's tasks.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.extract.claims import parse_claim
from kg.extract.tasks import MAX_TASKS, find_tasks, task_core, task_vocabulary
from kg.model import Entity, Evidence, Paper, Relation
from kg.resolve import GREEK, match_key

_SPELL_GREEK = str.maketrans(GREEK)
_VARIANT = re.compile(r"[\s\-](?:\d+(?:\.\d+)?[BMK]|v\d+(?:\.\d+)?|Instruct|Chat|Base|Large|Small|Mini|Tiny|XL)"
                      r"(?:[\s\-](?:Instruct|Chat|Base))?")
CLAIMED = ("compares-to", "runs-on", "evaluated-on")  # the relations a claim can qualify
TYPE_RELATION = {"Hardware": "runs-on", "Dataset": "evaluated-on", "Task": "addresses"}
STRENGTH = {"proposes": 4, "addresses": 3, "compares-to": 3, "builds-on": 3, "evaluated-on": 3, "runs-on": 3,
            "builds-on-default": 1, "mentions": 0}


@dataclass
class Found:
    """Everything known about one entity within one paper."""

    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    proposed: bool = False
    proposed_evidence: str = ""
    rels: dict = field(default_factory=dict)  # rel -> (sentence, surface)
    vocab: bool = False


def claim_of(rel: str, sentence: str, surface: str):
    """The claim a sentence makes on a ``compares-to``, ``runs-on`` or ``evaluated-on`` target."""
    return parse_claim(sentence, surface, devices=rel == "runs-on", data=rel == "evaluated-on")


def built_on(f: Found, evidence: tuple[str, str]) -> None:
    """Mark a known entity as built on (unless it is the paper's own), keeping an earlier builds-on evidence."""
    if not f.proposed:
        f.rels.pop("mentions", None)
        f.rels.pop("builds-on-default", None)
        f.rels.setdefault("builds-on", evidence)


def emit(found: dict[str, Found], paper: Paper, sentences: list[str], tag: str, src: str,
         ignored: set[str]) -> list[Relation]:
    """The paper's relations from its entities (``ignored``: lower-case names that are never tasks)."""
    out: list[Relation] = []
    own_things = [f for f in found.values() if f.proposed and f.type in ("Method", "Model")]
    own_forms = {n.lower() for o in own_things for n in (o.name, *o.aliases)}
    own_text = "\n".join(sorted(own_forms))  # one substring test per form instead of one per pair
    for key in found:
        f = found[key]
        if own_forms and f.rels and not f.proposed and "builds-on" not in f.rels and f.type in ("Method", "Model") \
                and any(len(n) >= 5 and n.lower() in own_text and n.lower() not in own_forms
                        for n in (f.name, *f.aliases)):
            built_on(f, next(iter(f.rels.values())))  # "HRVMamba" builds on Mamba, "Inception Transformer" too
        if not f.proposed and f.type in ("Method", "Model") and own_things and any(
                f.name.startswith(o.name) and _VARIANT.fullmatch(f.name, len(o.name)) for o in own_things):
            f.proposed = True  # "MathOctopus-13B" is a size of the paper's own MathOctopus
            f.proposed_evidence = next(iter(f.rels.values()))[0] if f.rels else paper.title
        if f.proposed and f.type in ("Task", "Hardware"):
            f.type = "Method"  # what a paper introduces is a method, model or dataset
        if not f.name.isascii() and (spelled := f.name.translate(_SPELL_GREEK)) != f.name \
                and spelled not in f.aliases:
            f.aliases.append(spelled)  # "PanGu-α" is written "PanGu-alpha" too
        ent = Entity(f.type, f.name, tuple(f.aliases))
        if f.proposed:
            out.append(Relation("proposes", ent, Evidence(f.proposed_evidence, tag, src)))
            if f.type == "Dataset" and f.rels:
                s, _ = next(iter(f.rels.values()))
                out.append(Relation("evaluated-on", ent, Evidence(s, tag, src)))
            continue
        if f.type in TYPE_RELATION and f.rels and (f.type != "Dataset" or set(f.rels) != {"mentions"}):
            # the type settles the relation, even if it was learnt after the first mention
            f.rels = {TYPE_RELATION[f.type]: next(iter(f.rels.values()))}
        strong = [r for r in f.rels if STRENGTH[r] >= 3]
        if strong:
            chosen = strong
        elif "builds-on-default" in f.rels and (f.vocab or f.type != "Method"):
            chosen = ["builds-on-default"]
        else:  # a method no list knows, named with no use cue, is mostly the problem's story: a mention
            chosen = ["mentions"] if f.rels else []
        for rel in chosen:
            sent, surface = f.rels.get(rel) or f.rels["builds-on-default"]
            rel = "builds-on" if rel == "builds-on-default" else rel
            claim = claim_of(rel, sent, surface) if rel in CLAIMED else None
            out.append(Relation(rel, ent, Evidence(sent, tag, src), claim))
    named = {match_key(f.name) for f in found.values()} | {match_key(a) for f in found.values() for a in f.aliases}
    known = sum(r.rel == "addresses" for r in out)  # tasks the vocabulary named count towards the three
    # a method the paper names is no task, nor a kind of it ("optimal multi-draft speculative decoding"), nor is
    # a field ("computer vision")
    methods = tuple(" " + f.name.lower() for f in found.values()
                    if f.type in ("Method", "Model") and (" " in f.name or "-" in f.name)
                    and task_vocabulary().get("Task", f.name.lower().replace("-", " ")) is None)  # (text-to-speech is a task)

    def no_task(t: str) -> bool:
        return match_key(task_core(t)) in named or t in ignored or t.lower().endswith(methods)

    for task, sent in find_tasks(paper.title, sentences, no_task, MAX_TASKS - known):
        out.append(Relation("addresses", Entity("Task", task), Evidence(sent, tag, src)))
    return out
