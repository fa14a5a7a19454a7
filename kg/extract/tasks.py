"""Tasks a paper addresses (at most three): title phrases, the abstract's cued tasks, then known task names.

The title says what a paper is for: "... for Efficient Long Video Generation",
"MaskGCT: Zero-Shot Text-to-Speech with ...". Those phrases, stripped of
praise ("efficient", "fast"), are the first candidates. Next come the ways an
abstract names its problem ("we tackle the problem of X", "on X tasks, including
Y and Z", "X is a challenging task", "we study X") and the annotators' name for
making LLM inference faster; last, Papers with Code task names in the title (in
the opening sentences they mostly set the scene, and were right 16 times of 43 on the tuning sets).
Large language models are written "LLM", as annotators write the field's tasks.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache

from kg.extract.vocabulary import ONTOLOGY, Entry, Vocabulary

MAX_TASKS = 3
#: Nouns a task phrase ends on (generation, modeling, recognition, inference, synthesis ... end so).
_TASK_ENDS = ("ing", "tion", "sion", "ment", "sis", "ance", "ence", "retrieval", "search", "speech", "bandits", "attacks")
# The last word is read whole (possessive) and its ending checked behind it: no backtracking into the word,
# which made the phrase pattern the costliest of the cues. A task word may be the whole word ("Bandits").
_TASK_WORD = r"[A-Za-z][\w\-]*+(?:" + "|".join(f"(?<={e})" for e in _TASK_ENDS) + ")"
_ENDS_TASK = re.compile(rf"^{_TASK_WORD}$", re.I)
_PHRASE = (rf"((?:(?!(?:for|with|without|via|using|through|by|and|in|of|on|to|from|at|under|beyond|across|against|into|"
           rf"over|is|are|improves?|makes?|meets?|matters?)\b)[A-Za-z0-9][\w\-]*+\s+){{0,5}}?{_TASK_WORD})"
           # "Parallel Training Efficiency": the training is the task, its efficiency the paper's aim;
           # "A Large-Scale Video Classification Benchmark" is for video classification
           r"(?:\s+(efficiency|performance|benchmark|dataset|corpus|method|framework|approach|algorithm|system|library)s?\b)?")
#: where a title's task phrase ends: the title's end, a colon or comma, or a preposition that starts the means or setting
_MEANS = r"with|via|using|through|by|on|from|in|at|across|under|without"
#: "Adaptive Computation in Large Language Models": the models are part of the task's name
_OF_LLMS = re.compile(r"\s+(of|in)\s+(?:[\w\-]+\s+)?(?:large language models|LLMs)\b", re.I)
_CORE_END = re.compile(r" (?:of|in) LLMs$")
_AFTER = rf"(?=\s*(?:$|[:,?(]|\b(?:{_MEANS}|for)\b)|{_OF_LLMS.pattern})"
_TITLE_SLOTS = (
    # "... for X", and the last of listed qualities: "Consistent, Dynamic, and Extendable Long Video Generation"
    # ("and" after one listed word only: "with Adaptive Networks and Autoregressive Modeling" lists means)
    re.compile(rf"(?:\b(?:for|in|of)|(?:(?:^|[:,]|\b(?:for|in|of))\s*[\w\-]+,?\s+and))\s+{_PHRASE}{_AFTER}", re.I),
    re.compile(rf"\bon\s+{_PHRASE}$", re.I),  # "... on Linux Kernel Crash Resolution"; mid-title "on X" is a means
    re.compile(rf"(?::|\s--?)\s*{_PHRASE}{_AFTER}", re.I),
    # a title's lead before "for" is its method ("Sequential Gradient Coding For Straggler Mitigation")
    re.compile(rf"^{_PHRASE}(?=\s*(?:$|[:,?]|\b(?:{_MEANS})\b))", re.I),
)
_PRAISE = re.compile(r"^(?:(?:efficient|effective|fast|faster|scalable|robust|accurate|practical|lossless|towards|"
                     r"toward|improved|improving|better|simple|unified|general|a|an|the|and|high-quality|"
                     r"high-performance|real-time|studying|dissecting|analy[sz]ing|investigating|accelerating|boosting|rethinking|understanding|"
                     r"learning|training|scaling|advancing|optimi[sz]ing|optimi[sz]ed|enhancing|exploring|enabling|unlocking|"
                     r"revisiting|democrati[sz]ing|empowering|flexible|controllable|extendable|consistent)\s+)+", re.I)
#: "Efficient Visual Generation", "Efficient Mixture-of-Experts Inference": a two-word generic task keeps its
#: "efficient", as annotators name it (three words are specific enough: "Efficient Long Video Generation")
_EFFICIENT_TWO = re.compile(r"efficient\s+[\w\-]+\s+(?:inference|generation|training|modell?ing)", re.I)
_ACCELERATE = re.compile(r"accelerating\s", re.I)
_ACCELERATION_FOR = re.compile(r"\b(?:acceleration|speed-?up)\s+(?:for|of)\s+$", re.I)
_SCALE = re.compile(r"^(?:large|small|big)-scale\s+", re.I)
_QUALIFIER = re.compile(r"\s*\([^()]*\)$")
#: heads that end like a task but name none: "pipeline-level solution", "computational efficiency", "sparse attention"
_NOT_TASK = re.compile(r"\b(?:solution|performance|efficiency|attention|function|distribution|information|convolution|"
                       r"existing|following|using|including|making|being|having|setting|remaining|resulting|"
                       r"promising|varying|increasing|growing|emerging|interesting|surprising|challenging)$", re.I)
#: the abstract's own ways of naming the problem it takes on; group "t" is the task phrase
_T = _PHRASE.replace("((?:", "(?P<t>(?:", 1).replace("(efficiency|", "(?:efficiency|")
_KIND = r"(?:(?:various|several|many|multiple|diverse|down-?stream|different|challenging|standard|common|typical|" \
        r"important|key|specific|two|three|four|five|both|general|real-world|complex|the|a|an)\s+)*"
_NEXT = rf"(?=\s*(?:[,.;:(]|\b(?:{_MEANS}|for|is|which|that)\b))"  # where a cued phrase ends
# Cues run on every sentence of every abstract: each is tried only where a plain substring test on the
# lower-cased sentence (in `cue_tasks`) says it can match.
#: "we tackle the problem of (learning) X", "the task of X" (not before "and": "the problem of word skipping and
#: repeating" names defects)
_PROBLEM_OF = re.compile(rf"\b(?:task|problem|challenge)\s+of\s+(?:learning\s+)?{_T}{_NEXT}", re.I)
#: "in a wide range of semantic segmentation tasks", "on dense prediction tasks"; matched on the text before
#: each "tasks" (plural: "the final prediction task" is a step of the method)
#: "for both image and video generation tasks" (a word before "and" that shares the head) and "image understanding
#: and generation tasks" (a second head) name two tasks each
_X_TASKS = re.compile(rf"\b(?:on|in|for|of|across)\s+(?:(?:a|the)\s+)?(?:(?:wide\s+)?(?:range|variety|number|set|"
                      rf"suite)\s+of\s+)?{_KIND}(?:(?P<w>[a-z][\w\-]*)\s+and\s+)?{_T}"
                      rf"(?:\s+and\s+(?P<h>{_TASK_WORD}))?\s+tasks$", re.I)
#: "X is a fundamental problem"
_IS_PROBLEM = re.compile(rf"{_T}\s+(?:\([^()]*\)\s+)?(?:is|remains|has\s+been)\s+(?:a|an|one\s+of\s+the)\s+"
                         rf"[\w\s\-]{{0,40}}?\b(?:problems?|tasks?|challenges?)\b", re.I)
#: "we study/tackle/address X", "this paper focuses on X"
_WE_STUDY = re.compile(rf"\b(?:we|paper|work)\s+(?:(?:first|further|then|also|systematically)\s+)?(?:study|studies|"
                       rf"tackle|tackles|address|addresses|focus\s+on|focuses\s+on|investigate|investigates|consider|"
                       rf"considers)\s+{_T}(?:{_NEXT}|(?=\s+and\b))", re.I)
#: examples after a task kind: "tasks like active learning and pure-exploration bandits", "tasks, including X"
# (not "applications such as X": those are where a method could be used, not what the paper does)
_EXAMPLES = re.compile(r"\b(?:tasks?|problems?)\s*,?\s*(?:\(\s*)?(?:such\s+as|like|including|e\.g\.,?)\s+"
                       r"([^.;:()]{3,160})", re.I)
_WHOLE_T = re.compile(_T, re.I)
_LIST_SPLIT = re.compile(r"\s*(?:,\s*(?:and|or)?|\band\b|\bor\b)\s*", re.I)


@lru_cache(maxsize=1)
def task_vocabulary() -> Vocabulary:
    """Papers with Code task names (2-5 words) from the gazetteer, matched case-insensitively."""
    vocab = Vocabulary()
    with open(ONTOLOGY / "gazetteer.jsonl", encoding="utf-8") as f:
        for line in f:
            if '"type": "Task"' in line:
                name = json.loads(line)["name"]
                if name.endswith(")"):
                    name = _QUALIFIER.sub("", name)  # "Reinforcement Learning (RL)": the task itself
                if 2 <= len(name.split()) <= 5:
                    vocab.add(Entry("Task", name.lower(), (), (), "pwc"), mode="ci", curated=False)
    return vocab


_LLM_ACCEL = re.compile(r"\bLLM acceleration$", re.I)  # what makes an LLM faster is its inference
_LLM = re.compile(r"\blarge language model(s?)\b", re.I)


def _lower(phrase: str) -> str:
    """Lower-case a phrase but keep acronyms and names ("MPI code generation"); large language models are LLMs.

    >>> _lower("Large Language Model Inference on NPUs")
    'LLM inference on NPUs'
    """
    phrase = _LLM.sub(r"LLM\1", phrase)  # how annotators name the field's tasks ("LLM quantization")
    phrase = _LLM_ACCEL.sub("LLM inference acceleration", phrase)
    return " ".join("-".join(p if sum(c.isupper() for c in p) > 1 else p.lower() for p in w.split("-"))
                    for w in phrase.split())


def task_core(task: str) -> str:
    """A task without the models it is named for: "parallel decoding in LLMs" is about parallel decoding.

    >>> task_core("adaptive computation in LLMs")
    'adaptive computation'
    """
    return _CORE_END.sub("", task)


def title_tasks(title: str) -> list[str]:
    """Task phrases a title names.

    >>> title_tasks("Training-free Sparse Attention for Efficient Long Video Generation")
    ['long video generation']
    >>> title_tasks("MaskGCT: Zero-Shot Text-to-Speech with Masked Generative Codec Transformer")
    ['zero-shot text-to-speech']
    """
    out: list[str] = []
    for rx in _TITLE_SLOTS:
        for m in rx.finditer(title):
            phrase = _PRAISE.sub("", m.group(1).strip())
            if _EFFICIENT_TWO.fullmatch(m.group(1).strip()) and len(phrase.split()) == 2:
                phrase = "efficient " + phrase
            if m.group(2) and m.group(2).lower() not in ("efficiency", "performance"):
                phrase = _SCALE.sub("", phrase)  # a large-scale benchmark, not a large-scale task
            if _ACCELERATE.match(m.group(1)) or _ACCELERATION_FOR.search(title, 0, m.start(1)):
                phrase += " acceleration"  # "Lossless Acceleration for Seq2seq Generation": its acceleration
            if (llms := _OF_LLMS.match(title, m.end())):
                phrase += f" {llms.group(1).lower()} LLMs"
            if (len(phrase.split()) >= 2 or "-" in phrase) and not _NOT_TASK.search(phrase):
                p = _lower(phrase)
                if p not in out:
                    out.append(p)
    return out


def _phrase(text: str) -> str | None:
    """The task a matched phrase names, or None: praise and kind words dropped, at least two words."""
    phrase = _PRAISE.sub("", re.sub(f"^{_KIND}", "", text.strip(), flags=re.I))
    if (len(phrase.split()) >= 2 or "-" in phrase) and not _NOT_TASK.search(phrase) and phrase.isascii():
        return _lower(phrase)
    return None


def cue_tasks(sentences: list[str]) -> list[tuple[str, str]]:
    """Tasks the abstract names with a cue: "the problem of X", "X tasks", "X is a fundamental problem", "we study X".

    >>> cue_tasks(["In this work, we tackle the problem of learning robotic dexterous grasping from point clouds."])
    [('robotic dexterous grasping', 'In this work, we tackle the problem of learning robotic dexterous grasping from point clouds.')]
    """
    out: list[tuple[str, str]] = []
    for s in sentences:
        low = s.lower()
        task, problem = "task" in low, "problem" in low or "challenge" in low
        study = ("we " in low or "paper " in low or "work " in low) and (
            "stud" in low or "tackl" in low or "address" in low or "focus" in low or "investigat" in low
            or "consider" in low)
        if not (task or problem or study):
            continue  # most sentences: no cue can match
        found, extra = [], []
        if "task of" in low or "problem of" in low or "challenge of" in low:
            found += _PROBLEM_OF.finditer(s)
        i = low.find("tasks") if task else -1
        while i >= 0:  # the few words before each "tasks"
            if (m := _X_TASKS.search(s[:i + 5], max(0, i - 100))):
                found.append(m)
                t = m.group("t")
                if m.group("w") and not _ENDS_TASK.search(m.group("w")):  # (not "error correction and ...")
                    extra.append(f"{m.group('w')} {t.split()[-1]}")
                if m.group("h"):
                    extra.append(t.rsplit(" ", 1)[0] + " " + m.group("h"))
            i = low.find("tasks", i + 5)
        if (task or problem) and (" is " in low or " remains " in low or " been " in low) \
                and (m := _IS_PROBLEM.match(s)):
            found.append(m)
        if study:
            found += _WE_STUDY.finditer(s)
        found = [m.group("t") + (f" {llms.group(1).lower()} LLMs" if (llms := _OF_LLMS.match(s, m.end("t"))) else "")
                 for m in found] + extra
        if (task or "problem" in low) and ("such as" in low or "like" in low or "including" in low or "e.g" in low):
            for m in _EXAMPLES.finditer(s):
                for item in _LIST_SPLIT.split(m.group(1)):
                    if _WHOLE_T.fullmatch(item.strip()):
                        found.append(item)
        for f in found:
            t = _phrase(f)
            if t and all(t != o for o, _ in out):
                out.append((t, s))
    return out


_FASTER = re.compile(r"\b(?:accelerat\w*|speed(?:s|ing)?[ -]up|faster|speedups?)\b", re.I)
_LLM_RUN = re.compile(r"\b(?:(diffusion\s+)?(?:LLMs?|large language models?)|speculative (?:decoding|sampling))\b", re.I)
_RUN = re.compile(r"\b(?:inference|decoding|generation|sampling)\b", re.I)


def accelerated_llm(texts: list[str]) -> tuple[str, str] | None:
    """"LLM inference acceleration", as annotators name it, when a text speaks of making LLM inference faster.

    >>> accelerated_llm(["Speculative decoding speeds up generation with a small draft model."])[0]
    'LLM inference acceleration'
    >>> accelerated_llm(["Diffusion LLMs accelerate decoding with parallel steps."])[0]
    'diffusion LLM inference acceleration'
    """
    for text in texts:
        low = text.lower()
        if ("accelerat" in low or "speed" in low or "faster" in low) and _FASTER.search(text) and (m := _LLM_RUN.search(text)) and _RUN.search(text):
            return ("diffusion " if m.group(1) else "") + "LLM inference acceleration", text
    return None


def find_tasks(title: str, sentences: list[str], skip=None, limit: int = MAX_TASKS) -> list[tuple[str, str]]:
    """``[(task, evidence sentence)]``: title phrases, then the abstract's cued tasks, then known task names in
    the title; at most ``limit``, leaving out what ``skip(task)`` rejects.

    >>> find_tasks("ParaTransCNN: Parallelized Encoder for Medical Image Segmentation", [])
    [('medical image segmentation', 'ParaTransCNN: Parallelized Encoder for Medical Image Segmentation')]
    """
    cands = [(t, title) for t in title_tasks(title)]
    if (fast := accelerated_llm([title] + sentences[:3])):
        cands.append(fast)
    cands += cue_tasks(sentences)
    vocab = task_vocabulary()
    cands += [(m.entry.name, text) for text in [title] for m in vocab.find(text)]
    out: dict[str, str] = {}
    seen: list[str] = []  # a skipped task still hides the ones inside it ("image compression" in a named one)
    for t, s in cands:
        key = t.lower().replace("-", " ")  # "data-free quantization" is "data free quantization"
        if len(out) < limit and not any(key in o or o in key for o in seen):
            seen.append(key)
            if not (skip and skip(t)):
                out[t] = s
    return list(out.items())
