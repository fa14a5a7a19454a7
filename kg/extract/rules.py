"""The rule-based extractor: vocabulary and pattern mentions, tied to the paper by sentence cues.

Per paper: find mentions in the title and every sentence (vocabulary matches,
acronym definitions, coinages, "the X benchmark"), link acronyms to their
long forms, decide what the paper introduces, then give each other mention
its relation from the cues of the sentence it stands in. Every relation keeps
the sentence as evidence; comparisons, hardware and datasets keep the figure
the sentence states as a claim.
"""
from __future__ import annotations

import re
import sys
from typing import Iterable

from kg.extract import contexts as ctx, entities as ents, fastre as _fastre, introductions as intro, mentions as mn, titles
from kg.extract.emit import CLAIMED, TYPE_RELATION, Found, built_on, claim_of, emit
from kg.extract.phrases import baseline_phrases, rival_phrases, technique_phrases
from kg.extract.relations import background, first_person, method_relation
from kg.extract.sentences import split_sentences
from kg.extract.tasks import task_vocabulary
from kg.extract.text import clean_text, may_clean
from kg.extract.vocabulary import load_vocabulary, tokenize
from kg.model import Paper, Relation
from kg.resolve import match_key

_ON_BEFORE = re.compile(r"\bon\s+(?:the\s+)?(?:(?:large-scale|public|publicly available|popular|standard|"
                        r"challenging|widely[- ]used|real-world|synthetic|full|entire|original)\s+)?"
                        r"(?:[\w\-]+\s+and\s+)?$")
_EVAL_HINT = re.compile(r"\b(?:accura\w*|perplexit\w*|score\w*|evaluat\w*|benchmark\w*|results?|experiments?|"
                        r"fine-tun\w*|trained|training|tested|performance|speedup|F1|BLEU|top-1)\b", re.I)
_BASED_AFTER = re.compile(r"\s*(?:\([^)]{1,20}\))?\s*-?\s*based\b")  # "a GAN based model" proposes the model, not the GAN
_FUNCTION_WORD = re.compile(r" (?:of|the|is|are|a|an|meets?|and|to|for|in|with|when|it|it's|all|you|we|not|do|does|"
                            r"can)(?= |$)", re.I)  # inside a title prefix
_GENERIC_MODIFIERS = {"neural", "deep", "efficient", "scalable", "fast", "general", "generic", "simple", "unified",
                      "novel", "new", "improved", "robust", "practical", "2d", "3d", "end-to-end"}
_CONTEXT_SOURCES = {"exemplar", "model-phrase", "title-case", "dataset-phrase", "listed"}
_DESCRIBES_OTHER = re.compile(r"[A-Z][\w\-]*(?:\s*\([^()]{1,30}\))?,\s+(?:a|an)\s+(?:[\w\-]+\s+){0,3}$")
#: what the paper tests its thing on, listed: "We evaluate X on numerical kernels, including AXPY, GEMV and ..."
_EVALUATED_LIST = re.compile(r"\b(?:[Ww]e|[Tt]his (?:paper|work|study))\s+(?:\w+ly\s+)?(?:evaluate|test|assess|benchmark)\b"
                             r"[^.;]{0,160}\bincluding\b[^.;]*$")
_SOLVED_BEFORE = re.compile(r"\b(?:of|by|for|solv\w*)\s+(?:the\s+)?$")
_KEYWORDS = re.compile(r"(?:Keywords|Key words|Index Terms|CCS Concepts)\s*[:\-—]", re.I)
#: a modifier coordinated before a name: "tensor and" (pipeline parallelism), "data, tensor and"
_COORDINATED = re.compile(r"([A-Za-z][\w\-]*)(?=\s*(?:,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+)(?:[A-Za-z][\w\-]*"
                          r"(?:\s*,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+))*$)")


class RuleExtractor:
    """Vocabulary + patterns + sentence cues; deterministic and fast."""

    name = "rules"
    version = "1"

    def __init__(self) -> None:
        self.vocab = load_vocabulary()
        self.tag = sys.intern(f"{self.name}/{self.version}")

    def extract(self, paper: Paper) -> Iterable[Relation]:
        tag = self.tag
        src = sys.intern(str(paper.source))
        sentences = [s for s in split_sentences(paper.abstract) if not _KEYWORDS.match(s)]  # "Keywords: ..." is no claim
        if may_clean(paper.abstract):  # else no sentence holds a URL, LaTeX or $math$ to clean
            sentences = [clean_text(s) for s in sentences]
        found: dict[str, Found] = {}
        alias_of: dict[str, str] = {}  # match key of any form -> key of its entity

        def get(name: str, type_: str, aliases=(), vocab=False, listed=False) -> Found:
            own_key = match_key(name)
            key = alias_of.get(own_key)  # the entity any of its forms already names, else its own key
            if key is None:
                key = next((alias_of[k] for k in map(match_key, aliases) if k in alias_of), None)
            key = key or own_key
            f = found.get(key)
            if f is None:
                f = found[key] = Found(name, type_, vocab=vocab)
            elif vocab and not f.vocab and not f.proposed:
                f.name, f.type, f.vocab = name, type_, True
            elif type_ == "Dataset" and f.type == "Method" and not f.vocab and not (f.proposed and listed):
                f.type = "Dataset"  # "X, the first benchmark for ..." settles what X is
            elif type_ == "Model" and f.type == "Method" and f.proposed and not f.vocab:
                f.type = "Model"  # "LMM-VQA: ..." then "the first ... (LMM-VQA) model": not a dataset for its "QA"
            if vocab and f.proposed and not f.vocab:  # our "NAR" is not the list's NAR, our "Pointer Net" is
                aliases = [a for a in aliases if a[:6].lower() == f.name[:6].lower()]
            elif name != f.name:
                aliases = (name, *aliases)  # "Gradient Low-Rank Projection (GaLore)" names the title's GaLore
            for a in aliases:
                if a != f.name and a not in f.aliases:
                    f.aliases.append(a)
                alias_of.setdefault(match_key(a), key)
            alias_of.setdefault(own_key, key)
            return f

        # 1. what the title introduces
        title = clean_text(paper.title)
        head = titles.title_prefix(title)
        if head and " " in head.name and head.name.lower() not in paper.abstract.lower() and \
                (ents.is_plain_words(head.name) and len(head.name.split()) > 2 or _FUNCTION_WORD.search(head.name)):
            head = None  # "One Head Eight Arms: ...", "Return of the Encoder: ...": a slogan the abstract never uses
            # (two capitalised words name a method all the same: "Faster Diffusion: Rethinking ...")
        head = head or titles.title_tool(title, paper.abstract) or titles.title_name(title, paper.abstract) \
            or titles.title_subject(title, paper.abstract)
        if head:
            f = get(head.name, head.type)
            f.proposed, f.proposed_evidence = True, paper.title
        # 2. mentions sentence by sentence
        cands = [self._candidates(s) for s in sentences]  # kept unchanged for a second pass with local names
        per_sentence = [self._resolve(s, c) for s, c in zip(sentences, cands)]
        for m in ents.acronym_definitions(title):  # "Probabilistic Partitive Partitioning (PPP)"
            if m.type == "Problem":
                continue
            f = get(m.name, m.type, m.aliases)
            if not f.vocab:
                f.proposed, f.proposed_evidence = True, paper.title
        # names this paper introduces are matched again everywhere: "our P3D ResNet" is one name, not two
        local = {n for ms in per_sentence for m in ms if m.proposed and not any(fl[:3] == "by:" for fl in m.flags)
                 for n in (m.name,) + m.aliases if " " in n}
        if head and " " in head.name:
            local.add(head.name)
        initials = mn.initials_of(local)  # "PPD" abbreviates the paper's own "parallel prompt decoding"
        # a name only its context revealed ("the Encodec model") is the same name elsewhere ("outperforms Encodec")
        context = {m.name: m.type for ms in per_sentence for m in ms if m.source in _CONTEXT_SOURCES}
        # a short form too short to be a coinage is still the defined name elsewhere: "Gradient Coding (GC)" ... "GC"
        context.update((a, m.type) for ms in per_sentence for m in ms if m.source == "acronym"
                       for a in m.aliases[:1] if len(a) == 2 and a.isupper() and a not in ents.NOT_NAMES)
        local |= context.keys()
        local |= {n[:-1] for n in local if n.endswith("s") and n[-2:-1].islower()}  # "Axial Transformer(s)"
        for i, s in enumerate(sentences):
            if here := tuple(sorted(n for n in local if n in s)):
                per_sentence[i] = self._resolve(s, mn.local_candidates(s, here, context) + cands[i])
        mn.redefine(sentences, per_sentence)
        ignored = self.vocab.ignored
        if dropped := {a.aliases[0].rstrip("s") for t in sentences for a in ents.acronym_definitions(t)
                       if a.aliases and (a.type == "Problem" or a.name.lower() in ignored)}:  # "DAGs": DAG too
            per_sentence = [[m for m in ms if m.name.rstrip("s") not in dropped] for ms in per_sentence]
        strong_names = {m.name for ms in per_sentence for m in ms if "weak" not in m.flags}
        per_sentence = [[m for m in ms if "weak" not in m.flags or m.name in strong_names] for ms in per_sentence]
        # Sentences before the paper first speaks of itself set the scene: what they name is background.
        first_own = next((i for i, s in enumerate(sentences) if first_person(s)), len(sentences))
        title_keys = None  # the names in the title, looked for only when a scene-setting sentence needs them
        for idx, (sent, mentions) in enumerate(zip(sentences, per_sentence)):
            for m in mentions:
                if m.proposed and (by := next((fl[3:] for fl in m.flags if fl.startswith("by:")), None)):
                    own_key = alias_of.get(match_key(by))
                    if own_key is None or not found[own_key].proposed:  # "Medusa introduces X": not ours
                        if m.source == "introduced":
                            continue
                        m = mn.copy_mention(m)
                        m.proposed = False
                if m.proposed and (m.source == "introduced" or "descriptive" in m.flags) and m.source != "vocab" \
                        and self._a_kind(m.name):
                    continue  # "we present a neural network pruning technique": a kind, not a name
                if m.source == "coinage" and m.name in initials:
                    m = mn.copy_mention(m)
                    m.name, m.aliases = initials[m.name], m.aliases + (m.name,)
                f = get(m.name, m.type, m.aliases, vocab=m.source == "vocab", listed="listed" in m.flags)
                own = m.source in ("coinage", "acronym") and not f.vocab and mn.own_subject(sent, m)
                # a known name can still be this paper's own, but not when only a descriptive phrase says so
                # ("we propose a novel parallel decoding approach, namely X" introduces X, not parallel decoding)
                if m.proposed and f.vocab and (m.source in ("introduced", "acronym") or "descriptive" in m.flags) \
                        or f.type == "Hardware":
                    own, m.proposed = False, False
                if (m.proposed or own) and not f.proposed:
                    f.proposed, f.proposed_evidence = True, sent
                rel = TYPE_RELATION.get(f.type) or ("mentions" if "kind" in m.flags else
                                                    method_relation(sent, m.start, scene=idx < first_own,
                                                                    model=f.type == "Model"))
                if rel in ("builds-on", "builds-on-default") and f.type == "Method" and "includ" in sent[:m.start] \
                        and _EVALUATED_LIST.search(sent.replace("e.g.", "e_g_"), 0, m.start):
                    rel = "mentions"  # "we test the generated code for programming models, including OpenMP": a subject
                if rel == "evaluated-on" and (idx < first_own and background(sent) or _BASED_AFTER.match(sent, m.end)):
                    rel = "mentions"  # "Although datasets such as ImageNet exist, ...": the field's, not this paper's;
                    # "BlockMNIST, an MNIST-based dataset": what a new dataset is made from
                if rel == "builds-on-default" and idx < first_own:
                    if title_keys is None:
                        title_keys = {match_key(t.name) for t in self._mentions(title)}
                    rel = "builds-on" if match_key(m.name) in title_keys else "mentions"
                prev = f.rels.get(rel)
                if prev is None:
                    f.rels[rel] = (sent, sent[m.start:m.end])
                elif rel in CLAIMED and prev[0] is not sent and claim_of(rel, *prev) is None \
                        and claim_of(rel, sent, sent[m.start:m.end]) is not None:
                    f.rels[rel] = (sent, sent[m.start:m.end])  # the sentence with the figure: it carries the claim
        # a known method or model the title names, other than the paper's own, is what the paper builds on
        for m in self.vocab.find(title):  # the list alone: the full mention scan costs ~3% of extraction
            e = m.entry
            if e.type in ("Method", "Model") and m.mode != "weak" and not (head and m.start < head.end and head.start < m.end):
                built_on(get(e.name, e.type, e.aliases, vocab=True), (paper.title, title[m.start:m.end]))
        # a capitalised known name inside the paper's own name is built on: "permuted-FlashAttention", "MIMO-VP"
        for o in [f for f in found.values() if f.proposed and f.type in ("Method", "Model")]:
            for part in mn.known_parts(o.name):
                e = self.vocab.get("Method", part)
                if e and e.type in ("Method", "Model") and part in (e.name, *e.aliases) and not e.name.islower():
                    built_on(get(e.name, e.type, e.aliases, vocab=True), (o.proposed_evidence, part))
        # 3. emit
        return emit(found, paper, sentences, tag, src, self.vocab.ignored)

    def _named_head(self, phrase: str) -> bool:
        """True when a phrase ends on a capitalised known name: "dense transformer" is a Transformer."""
        entry = self.vocab.get("Method", phrase.rsplit(None, 1)[-1])
        return entry is not None and entry.name[:1].isupper()

    def _a_kind(self, name: str) -> bool:
        """A described contribution that only names its kind: "a neural network pruning technique"."""
        words = name.split()
        while len(words) > 1 and words[0].lower() in _GENERIC_MODIFIERS:
            words = words[1:]
        rest = " ".join(words)
        return rest != name and (self.vocab.get("Method", rest) is not None
                                 or task_vocabulary().get("Task", rest.lower()) is not None)

    def _ellipsis(self, sentence: str, m) -> list[ents.Mention]:
        """Coordinated modifiers sharing a head: "tensor and pipeline parallelism" names tensor parallelism too."""
        words = m.surface.split()
        if len(words) < 2:
            return []
        out = []
        before = sentence[:m.start]
        if not before.rstrip().endswith((",", "and", "or")):
            return out  # every separator _COORDINATED ends on (before spaces) is one of these
        for w in _COORDINATED.finditer(before[-60:]):
            entry = self.vocab.get(m.entry.type, f"{w.group(1)} {words[-1]}")
            if entry:
                start = len(before) - len(before[-60:]) + w.start(1)
                out.append(ents.Mention(entry.name, entry.type, start, start + len(w.group(1)), entry.aliases,
                                        source="vocab"))
        return out

    def _by_short_form(self, m: ents.Mention):
        """The known entry a definition abbreviates: "Structured state space sequence (S4)" is the S4 model."""
        long = m.name.lower()
        for typ in ("Method", "Model"):
            entry = self.vocab.get(typ, m.aliases[0]) if m.aliases else None
            if entry and any(f.lower().startswith(long) for f in (entry.name,) + entry.aliases):
                return entry
        return None

    def _mentions(self, sentence: str, local: tuple[str, ...] = ()) -> list[ents.Mention]:
        """All mentions in one sentence, longest span winning overlaps; ``local`` are the paper's own names."""
        return self._resolve(sentence, mn.local_candidates(sentence, local) + self._candidates(sentence))

    def _candidates(self, sentence: str) -> list[ents.Mention]:
        """Every candidate mention of a sentence, overlapping; :meth:`_resolve` leaves them unchanged."""
        cands: list[ents.Mention] = []
        defined = ents.acronym_definitions(sentence)  # fresh mentions, used once more below
        abbrevs = {m.aliases[0] for m in defined}
        kinds = {i - 1 for i in ctx.exemplar_heads(sentence)}  # "pruning methods such as Wanda": pruning is the kind
        matter = any(map(sentence.__contains__, ctx.SUBJECT_MATTER_WORDS))  # gates SUBJECT_MATTER_AFTER below
        for m in self.vocab.find(sentence, tokenize(sentence)):
            e = m.entry
            typ = "Method" if e.type == "Dataset" and ctx.METHOD_AFTER.match(sentence, m.end) else e.type
            mention = ents.Mention(e.name, typ, m.start, m.end, e.aliases, source="vocab",
                                   flags={"weak", "vocab"} if m.mode == "weak" else {"vocab"})
            if m.end in kinds or ctx.KIND_AFTER.match(sentence, m.end) or matter and ctx.SUBJECT_MATTER_AFTER.match(sentence, m.end) \
                    or _DESCRIBES_OTHER.search(sentence, max(0, m.start - 70), m.start) \
                    and not intro.PROPOSE_CUE.search(sentence):
                mention.flags.add("kind")  # "Mamba, a recently introduced state-space model": what Mamba is
            cands.append(mention)
            if e.type == "Method" and sentence[m.start - 2:m.start - 1].isalnum() \
                    and (bits := ctx.PRECISION_BEFORE.search(sentence, max(0, m.start - 12), m.start)):
                # "4-bit weight-only quantization", "2:4 pruning": the precision is part of the name
                cands.append(ents.Mention(sentence[bits.start():m.end], "Method", bits.start(), m.end, source="sized"))
            if e.type in ("Model", "Method") and (size := ctx.size_after(sentence, m.end)):
                # "the Llama-3.1 8B model", "Vicuna 7B": that size of the model, the most specific name
                cands.append(ents.Mention(m.surface + size.group(0), "Model", m.start, size.end(), source="sized"))
            if typ == "Dataset" and (modified := ctx.modified_dataset(sentence, m.start, m.end)):
                cands.append(modified)  # "a Medical MNIST": another dataset than MNIST
            cands.extend(self._ellipsis(sentence, m))
        cands.extend(technique_phrases(sentence))
        if "baseline" in sentence:  # "the sliding window recomputation baseline", not "a dense Transformer baseline"
            cands.extend(m for m in baseline_phrases(sentence) if not self._named_head(m.name))
        cands.extend(m for m in rival_phrases(sentence) if not self._named_head(m.name))
        introduced = intro.introduced_names(sentence)
        spans = {(m.start, m.end) for m in introduced}
        by = [(m.start, m.end, fl) for m in introduced for fl in m.flags if fl[:3] == "by:"]  # "X introduces Y"
        cands.extend(m for m in introduced if m.source in ("named", "introduced"))
        for m in defined + ents.inverted_acronyms(sentence):
            if m.type == "Problem" or m.name.endswith(("equation", "equations")) \
                    and _SOLVED_BEFORE.search(sentence, max(0, m.start - 20), m.start):
                continue  # "solutions of partial differential equations (PDEs)": what is solved, not a tool
            entry = self.vocab.get("Method", m.name) or self._by_short_form(m)  # get() tries Model too
            if entry:
                m = ents.Mention(entry.name, entry.type, m.start, m.end, entry.aliases + m.aliases, source="vocab")
            elif ctx.BENCH_AFTER.match(sentence, m.end) and m.type == "Task":  # BraTS, not the task it is named after
                m = ents.Mention(m.aliases[0], "Dataset", m.start, m.end, (m.name,), source="acronym")
            elif ents.DATASET_END.search(m.name) or ctx.BENCH_AFTER.match(sentence, m.end):
                m.type = "Dataset"
            elif task_vocabulary().get("Task", m.name.lower()):
                m.type = "Task"  # "Unsupervised domain adaptation (UDA)" names a problem
            m.proposed = any(a < m.end and m.start < b for a, b in spans) and not _BASED_AFTER.match(sentence, m.end)
            ctx.flag_context(sentence, m, matter, by, exact=False)
            cands.append(m)
        cands.extend(ctx.dataset_phrases(sentence))
        cands.extend(ctx.hardware_phrases(sentence))
        cands.extend(ctx.model_phrases(sentence))
        for m in ctx.exemplars(sentence):  # "methods such as Eagle" is the known EAGLE
            entry = self.vocab.get("Method", m.name)  # or the Model of that name
            cands.append(ents.Mention(entry.name, entry.type, m.start, m.end, entry.aliases, source="vocab")
                         if entry else m)
        cands.extend(ctx.title_case_names(sentence))
        for m in ents.coinages(sentence):
            if m.name in abbrevs:
                continue
            m.proposed = (m.start, m.end) in spans
            ctx.flag_context(sentence, m, matter, by, exact=True)
            m.type = intro.apposition_type(sentence, m.end) or m.type
            if m.type == "Method" and not m.proposed and (family := ctx.model_family(m.name)) \
                    and (e := self.vocab.get("Model", family)) and e.type == "Model":
                m.type = "Model"  # "Llama-3.1": a version of a known model family is a model
            if m.proposed and intro.DATA_HEAD_BEFORE.search(sentence, max(0, m.start - 20), m.start):
                m.type = "Dataset"  # "the first ... instruction dataset, MGSM8KInstruct"
            if m.type == "Method" and _ON_BEFORE.search(sentence, 0, m.start) and _EVAL_HINT.search(sentence) \
                    and not ctx.MODEL_AFTER.match(sentence, m.end) and not self.vocab.get("Model", m.name):
                # "fine-tuning X on HPCorpusMPI", "accuracy on Path-256": what one runs on ("16x on LLAMA" is a model)
                m.type = "Dataset"
            cands.append(m)
            if not m.proposed and (size := ctx.size_after(sentence, m.end)):  # "ZorbLM 7B"
                cands.append(ents.Mention(m.name + size.group(0), "Model", m.start, size.end(), source="sized"))
        return cands

    def _resolve(self, sentence: str, cands: list[ents.Mention]) -> list[ents.Mention]:
        """The mentions kept from ``cands``, longest span winning overlaps.

        A candidate it would change (merged aliases, a settled type) is copied first, so the same
        candidates can be resolved again with the paper's own names added.
        """
        cands = sorted(cands, key=lambda m: (m.start, -(m.end - m.start), m.source != "vocab"))
        out: list[ents.Mention] = []
        own = False  # out[-1] is this call's copy, free to change
        last_end = -1
        for m in cands:
            if m.name.lower() in self.vocab.ignored or (m.source != "vocab" and m.name in ents.NOT_NAMES):
                continue
            if m.start >= last_end:
                out.append(m)
                last_end = m.end
                own = False
            elif out and (m.start, m.end) == (out[-1].start, out[-1].end):
                if not own:
                    out[-1], own = mn.copy_mention(out[-1]), True
                kept = out[-1]  # same span found twice: keep one, with both's aliases and flags
                kept.aliases = tuple(dict.fromkeys(kept.aliases + m.aliases))
                kept.proposed = kept.proposed or m.proposed
                # "by:X": proposed only if X is ours; "kind": what follows the span says it is a setting
                kept.flags.update(fl for fl in m.flags if fl[:3] == "by:" or fl == "kind")
                if m.source == "dataset-phrase" and kept.type in ("Method", "Model"):
                    kept.type = "Dataset"  # "the well-known STREAM benchmark" settles what STREAM is
                if m.source == "introduced":
                    kept.flags.add("descriptive")
        mn.type_by_coordination(sentence, out)
        if ", " in sentence and (filled := mn.fill_lists(sentence, out)):  # "Vicuna, Koala and Alpaca"
            out = sorted(out + [m for m in filled if m.name not in ents.NOT_NAMES], key=lambda m: m.start)
        return out


# Every module-level pattern of the extractor gets an exact literal prefilter (see kg/extract/fastre.py).
from kg.extract import claims as _claims, emit as _emit, naming as _naming, parts as _parts, phrases as _phrases, \
    relations as _relations, sentences as _sentences, tasks as _tasks, text as _text  # noqa: E402

#: every wrapped pattern by qualified name ("kg.extract.entities._ACRO"): what the tests check against the raw patterns
PATTERNS = _fastre.install(ents, ctx, intro, _naming, _parts, mn, titles, _relations, _phrases, _tasks, _claims,
                           _emit, _sentences, _text, sys.modules[__name__])
