"""Tasks a paper addresses (at most three): title phrases first, then known task names.

The title says what a paper is for: "... for Efficient Long Video Generation",
"MaskGCT: Zero-Shot Text-to-Speech with ...". Those phrases, stripped of
praise ("efficient", "fast"), are the first candidates; Papers with Code task
names found in the title and opening sentences come next.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache

from kg.extract.vocabulary import ONTOLOGY, Entry, Vocabulary

MAX_TASKS = 3
#: Nouns a task phrase ends on.
_TASK_END = (r"(?:ing|tion|sion|ment|sis|ance|ence|generation|modeling|modelling|recognition|segmentation|"
             r"detection|classification|compression|inference|training|prediction|retrieval|translation|search|"
             r"completion|reasoning|understanding|simplification|forecasting|serving|answering|synthesis|"
             r"speech|decoding|bandits|optimization|learning|analysis|estimation|tracking|summarization)")
# A task word may be the whole last word ("Multi-armed Bandits", "Text to Speech"), hence the lookahead.
_PHRASE = (rf"((?:(?!(?:for|with|without|via|using|through|by|and|in|of|on|to|from|at|under|beyond|across|against|into|"
           rf"over|is|are|improves?|makes?|meets?|matters?)\b)[A-Za-z0-9][\w\-]*\s+){{0,5}}?(?=[A-Za-z])[\w\-]*{_TASK_END})"
           # "Parallel Training Efficiency": the training is the task, its efficiency the paper's aim;
           # "A Large-Scale Video Classification Benchmark" is for video classification
           r"(?:\s+(efficiency|performance|benchmark|dataset|corpus)\b)?")
#: where a title's task phrase ends: the title's end, a colon or comma, or a preposition that starts the means or setting
_MEANS = r"with|via|using|through|by|on|from|in|at|across|under|without"
#: "Adaptive Computation in Large Language Models": the models are part of the task's name
_OF_LLMS = re.compile(r"\s+(of|in)\s+(?:[\w\-]+\s+)?(?:large language models|LLMs)\b", re.I)
_CORE_END = re.compile(r" (?:of|in) LLMs$")
_AFTER = rf"(?=\s*(?:$|[:,?]|\b(?:{_MEANS}|for)\b)|{_OF_LLMS.pattern})"
_TITLE_SLOTS = (
    re.compile(rf"\b(?:for|in|of)\s+{_PHRASE}{_AFTER}", re.I),
    re.compile(rf"\bon\s+{_PHRASE}$", re.I),  # "... on Linux Kernel Crash Resolution"; mid-title "on X" is a means
    re.compile(rf"(?::|\s--?)\s*{_PHRASE}{_AFTER}", re.I),
    # a title's lead before "for" is its method ("Sequential Gradient Coding For Straggler Mitigation")
    re.compile(rf"^{_PHRASE}(?=\s*(?:$|[:,?]|\b(?:{_MEANS})\b))", re.I),
)
_PRAISE = re.compile(r"^(?:(?:efficient|effective|fast|faster|scalable|robust|accurate|practical|lossless|towards|"
                     r"toward|improved|improving|better|simple|unified|general|a|an|the|and|high-quality|"
                     r"high-performance|real-time|studying|dissecting|analy[sz]ing|investigating|accelerating|boosting|rethinking|understanding|"
                     r"learning|training|scaling|advancing|optimi[sz]ing|optimi[sz]ed|enhancing|exploring|enabling|unlocking|"
                     r"revisiting|democrati[sz]ing|empowering)\s+)+", re.I)
_SCALE = re.compile(r"^(?:large|small|big)-scale\s+", re.I)
_QUALIFIER = re.compile(r"\s*\([^()]*\)$")
#: heads that end like a task but name none: "pipeline-level solution", "computational efficiency"
_NOT_TASK = re.compile(r"\b(?:solution|performance|efficiency)$", re.I)


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


_LLM = re.compile(r"\blarge language model(s?)\b", re.I)


def _lower(phrase: str) -> str:
    """Lower-case a phrase but keep acronyms and names ("MPI code generation"); large language models are LLMs.

    >>> _lower("Large Language Model Inference on NPUs")
    'LLM inference on NPUs'
    """
    phrase = _LLM.sub(r"LLM\1", phrase)  # how annotators name the field's tasks ("LLM quantization")
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
            if m.group(2) and m.group(2).lower() not in ("efficiency", "performance"):
                phrase = _SCALE.sub("", phrase)  # a large-scale benchmark, not a large-scale task
            if (llms := _OF_LLMS.match(title, m.end())):
                phrase += f" {llms.group(1).lower()} LLMs"
            if (len(phrase.split()) >= 2 or "-" in phrase) and not _NOT_TASK.search(phrase):
                p = _lower(phrase)
                if p not in out:
                    out.append(p)
    return out


def find_tasks(title: str, sentences: list[str]) -> list[tuple[str, str]]:
    """``[(task, evidence sentence)]``: title phrases, then known task names in title and opening sentences.

    >>> find_tasks("ParaTransCNN: Parallelized Encoder for Medical Image Segmentation", [])
    [('medical image segmentation', 'ParaTransCNN: Parallelized Encoder for Medical Image Segmentation')]
    """
    out: dict[str, str] = {t: title for t in title_tasks(title)}
    vocab = task_vocabulary()
    for text in [title] + sentences[:2]:
        for m in vocab.find(text):
            name = m.entry.name
            if not any(name in o or o in name for o in out):
                out[name] = text
    return list(out.items())[:MAX_TASKS]
