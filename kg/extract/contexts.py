"""Names their context reveals: "the X benchmark", "on a X device", "the X model", "methods such as X".

A name in no vocabulary and of no coined shape ("Wanda", "Omniglot", "Combinatorial
Brain Surgeon") is still a name where the words around it say what it is: a
dataset noun after it, a device noun, a kind noun ("the Encodec model"), a list
of examples of a kind ("pruning methods such as Wanda"), the places of
experiments ("experiments in Mujoco Gym, ..."), or a relation cue right before
a Title-Case run ("builds upon the Combinatorial Brain Surgeon"). Each scan sits
behind a plain substring test that is a necessary condition of its pattern.
"""
from __future__ import annotations

import re
from functools import lru_cache

from kg.extract.entities import DATASET_END, DATASET_NOUNS, NOT_A_THING, NOT_NAMES, TASK_HEAD, Mention

_HW_PHRASE = re.compile(r"\b(?:on|using|with|across|over)\s+(?:a|an|the|one|\d+|single|multiple)?\s*"
                        r"((?:[A-Z][\w+\-]*\s+){0,3}[A-Z][\w+\-]*)\s+(?:device|devices|processor|processors|chip|chips|"
                        r"accelerator|accelerators|board|FPGA|FPGAs|supercomputer|cluster)\b")
_DATASET_WORDS = ("benchmark", "dataset", "corpus", "corpora", "suite", "testbed", "leaderboard")
_DEVICE_WORDS = ("device", "processor", "chip", "accelerator", "board", "FPGA", "supercomputer", "cluster")
_BENCH = re.compile(
    rf"\b(?:the|on|using|of|in|and)\s+(?:(?:well-known|popular|widely[- ]used|standard|public|challenging|large-scale)\s+)?"
    rf"((?:[A-Z][\w\-.+]*|\d[\w\-.]*)(?:\s+(?:[A-Z][\w\-.+]*|\d[\w\-.]*)){{0,3}})\s+"
    rf"(?:(?!(?:on|in|of|for|with|our|the|a|an|and|or|to|from|by|at|as|is|are|its|their|this|that|which|we)\b)"
    rf"[a-z][\w\-]*\s+){{0,3}}{DATASET_NOUNS}\b")  # "the MOMA human activity dataset"


_CAP_DATASET_WORDS = ("Benchmark", "Dataset", "Corpus", "Challenge")
#: "the Zorb Reasoning Benchmark", "the 2022 DIGIX Global AI Challenge": a Title-Case name ending on its kind
_CAP_BENCH = re.compile(r"\b(?:the|on|using|of|in|and)\s+((?:(?:[A-Z][\w\-.+]*|\d[\w\-.]*)\s+){1,5}"
                        r"(?:Benchmark|Dataset|Corpus|Challenge))s?\b")


def dataset_phrases(sentence: str) -> list[Mention]:
    """``the X benchmark``, ``on the X dataset``, ``the X Y Benchmark``: X is a Dataset.

    >>> [m.name for m in dataset_phrases("On the MBPP benchmark and the Human3.6M dataset, ...")]
    ['MBPP', 'Human3.6M']
    >>> [m.name for m in dataset_phrases("We won the 2022 Zorb Global AI Challenge.")]
    ['2022 Zorb Global AI Challenge']
    """
    out: list[Mention] = []
    if any(map(sentence.__contains__, _CAP_DATASET_WORDS)):
        for m in _CAP_BENCH.finditer(sentence):
            if m.group(1).split()[0] not in ("The", "Our", "This", "These", "A", "An"):
                out.append(Mention(m.group(1), "Dataset", m.start(1), m.end(1), source="dataset-phrase"))
    if not any(map(sentence.__contains__, _DATASET_WORDS)):
        return out  # no dataset noun, no "the X benchmark" (a substring test is cheaper than the pattern)
    for m in _BENCH.finditer(sentence):
        name = m.group(1)
        if name in NOT_NAMES or name.split()[0] in ("The", "Our", "This", "These", "Each", "All", "Both", "Several", "Many", "Existing") \
                or name.replace(".", "").replace(",", "").isdigit() \
                or name.endswith(("-based", "-like", "-style", "-derived")):  # "on 11 datasets", "X-based datasets"
            continue
        out.append(Mention(name, "Dataset", m.start(1), m.end(1), source="dataset-phrase"))
    return out


_MODEL_PHRASE = re.compile(r"\b(?:the|a|an)\s+([A-Z][a-z]+[a-z0-9]*)\s+(model|architecture|framework|method|algorithm|"
                           r"optimizer|library|toolkit|system)s?\b")


def model_phrases(sentence: str) -> list[Mention]:
    """``the Encodec model``, ``the Adafactor optimizer``: a capitalised word before a kind noun is a name.

    >>> [(m.name, m.type) for m in model_phrases("VALL-E employs the Zorbcodec model as a feature.")]
    [('Zorbcodec', 'Model')]
    """
    if not any(map(sentence.__contains__, _KIND_WORDS)):
        return []  # no kind noun, no phrase
    out = [Mention(m.group(1), "Model" if m.group(2) == "model" else "Method", m.start(1), m.end(1),
                   source="model-phrase")
           for m in _MODEL_PHRASE.finditer(sentence) if m.group(1) not in NOT_NAMES
           and m.group(1).lower() not in _NOT_EXEMPLAR and m.group(1).lower() not in _GENERIC_CAPS
           and not m.group(1).endswith(("ian", "ean", "ic", "al", "ive", "ous"))]  # "the Eulerian framework"
    if "model " in sentence:  # "the multilingual model TowerInstruct": the kind before the name
        out += [Mention(m.group(1), "Model", m.start(1), m.end(1), source="model-phrase")
                for m in _MODEL_THEN_NAME.finditer(sentence) if m.group(1) not in NOT_NAMES
                and _ARTICLE_BEFORE.search(sentence, max(0, m.start() - 40), m.start())]
    return out


_MODEL_THEN_NAME = re.compile(r"\bmodel\s+([A-Z][A-Za-z0-9]*[a-z][A-Z][\w\-.]*)\b")  # a mixed-case name after it
_ARTICLE_BEFORE = re.compile(r"\b(?:the|a|an)\s+(?:[a-z][\w\-]*\s+){0,2}$")


_KIND_WORDS = ("model", "architecture", "framework", "method", "algorithm", "optimizer", "library", "toolkit", "system")
_GENERIC_CAPS = {"proposed", "new", "original", "same", "final", "base", "baseline", "following", "resulting",
                 "first", "second", "unified", "overall", "entire", "whole", "underlying", "main"}


def hardware_phrases(sentence: str) -> list[Mention]:
    """``on a Xilinx UltraScale+ MPSoC device``: the capitalised name before a device noun is Hardware.

    >>> [m.name for m in hardware_phrases("We deploy it on a Xilinx UltraScale+ MPSoC device.")]
    ['Xilinx UltraScale+ MPSoC']
    """
    if not any(map(sentence.__contains__, _DEVICE_WORDS)):
        return []  # no device noun, no phrase
    return [Mention(m.group(1), "Hardware", m.start(1), m.end(1), source="hardware-phrase")
            for m in _HW_PHRASE.finditer(sentence) if m.group(1) not in NOT_NAMES]


_EXEMPLAR = re.compile(r"\b(methods|approaches|techniques|algorithms|baselines|models|LLMs|architectures|frameworks|"
                       r"systems|optimizers|variants|mechanisms|strategies|schemes|libraries|toolkits|compilers|engines|"
                       r"datasets|corpora)(?:\s+(?:for|in|on)\s+[\w\-]+)?,?\s+"
                       r"(?:\([^)]{1,20}\)\s+)?(?:such as|like|including|e\.g\.,?)\s+|"
                       r"\b(datasets|benchmarks|corpora|tasks)\s+(?:\((?:e\.g\.,?\s*)?|from\s+(?=[A-Z]))|"
                       r"\b(?<!programming )(models|LLMs)\s+\((?:e\.g\.,?\s*)?(?=[A-Z])|"
                       r"\b(experiments|evaluations?|tests|results|performance|accuracy|evaluated (?:our|the) \w+)"
                       r"\s+(?:in|on)\s+(?:the\s+)?(?=[A-Z])")
# every alternative opens with \b (before the look-behind, where it means the same): re then tests it once, first,
# instead of entering all four alternatives at each letter
_NOT_EXEMPLAR = {"the", "this", "these", "those", "our", "their", "its", "it", "a", "an", "all", "some", "many",
                 "most", "both", "each", "existing", "recent", "other", "large", "small", "standard", "state"}
_EXEMPLAR_ITEM = re.compile(r"((?:[A-Z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*)(?:\s+[A-Z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*){0,3}"
                            r"|[a-z][\w]*(?:-[\w]+)+)(?:\s+(?:family|series))?(?=[\s,.;)])"
                            r"(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)?")  # "Gemma family, Mistral and OLMo"


def exemplar_heads(sentence: str) -> list[int]:
    """Where each "methods such as ..." list starts: a name ending right before it is the kind, not an example."""
    return list(_exemplar_spans(sentence)[0])


def exemplars(sentence: str) -> list[Mention]:
    """Capitalised names listed as examples of a kind: "pruning methods such as Wanda" names the method Wanda.

    >>> [(m.name, m.type) for m in exemplars("It beats methods such as Zorba and ZQ, and LLMs like Quux.")]
    [('Zorba', 'Method'), ('ZQ', 'Method'), ('Quux', 'Model')]
    >>> [m.name for m in exemplars("approaches such as sequence-to-sequence and Neural Zorb Machines, because")]
    ['Neural Zorb Machines']
    >>> [(m.name, m.type) for m in exemplars("using parallel datasets (ZLORES-200 and Bible), models (...)")]
    [('ZLORES-200', 'Dataset'), ('Bible', 'Dataset')]
    >>> [m.name for m in exemplars("Through experiments in Zorb Gym, QM Control Suite, and Atari Games, we show")]
    ['Zorb Gym', 'QM Control Suite', 'Atari Games']
    """
    return [Mention(w, t, a, b, source="exemplar") for w, t, a, b in _exemplar_spans(sentence)[1]]


#: every list of examples starts after one of these (a plain substring test is cheaper than the pattern)
_EXEMPLAR_CUES = ("such as", "like", "including", "e.g.", "(", "experiments", "evaluat", "tests", "results",
                  "from", "performance", "accuracy")
#: what may follow a place of experiments: "experiments on the Linux kernel" name no dataset Linux
_PLACE_END = re.compile(r"\s*(?:[,.;)]|and\b|or\b|$|(?:datasets?|benchmarks?|environments?|tasks?|suites?)\b)")


@lru_cache(maxsize=256)
def _exemplar_spans(sentence: str) -> tuple[tuple[int, ...], tuple[tuple[str, str, int, int], ...]]:
    """(where each list starts, (name, type, start, end) of each example): one scan for both callers."""
    heads: list[int] = []
    items: list[tuple[str, str, int, int]] = []
    if not any(map(sentence.__contains__, _EXEMPLAR_CUES)):
        return (), ()
    for m in _EXEMPLAR.finditer(sentence):
        heads.append(m.start())
        kind = m.group(1) or m.group(2) or m.group(3) or "datasets"  # "experiments in X and Y": where one experiments
        typ = "Model" if kind in ("models", "LLMs") else \
            "Dataset" if kind in ("datasets", "benchmarks", "corpora", "tasks") else "Method"
        if m.group(4):
            heads.pop()  # a place of experiments is no kind of thing
        pos = m.end()
        while item := _EXEMPLAR_ITEM.match(sentence, pos):
            word = item.group(1)
            listed = word[0].isupper() or "-" in word and not word.islower()  # "Wanda", "m-MMLU"
            if listed and word.lower() not in _NOT_EXEMPLAR and word not in NOT_NAMES \
                    and (not m.group(4) or _PLACE_END.match(sentence, item.end(1))) \
                    and not (m.group(3) and item.end() == item.end(1) and sentence[item.end():item.end() + 1] != ")") \
                    and not (kind == "tasks" and TASK_HEAD.search(word)):  # "tasks (e.g., Machine Translation)"
                items.append((word, typ, item.start(1), item.end(1)))
            if item.end() == item.end(1):
                break  # no separator: the list ends here
            pos = item.end()
    return tuple(heads), tuple(items)


_TITLE_RUN = re.compile(r"\b(?:builds? (?:up)?on|built (?:up)?on|based on|inspired by|extends|extending|than|over|"
                        r"compared (?:to|with)|outperform\w*|surpass\w*|such as|like|including|versus|vs\.|against|"
                        r"atop|on top of|(?:on|with) the)\s+(?:the\s+)?"
                        r"((?:[A-Z][a-z]+(?:-[A-Za-z]+)*\s+){1,4}[A-Z][a-z]+(?:-[A-Za-z]+)*)(?![\w\-]|\s*\(|\s+[A-Z])")


_TWO_CAPS = re.compile(r"[A-Z][a-z]+(?:-[A-Za-z]+)*\s+[A-Z][a-z]")


def title_case_names(sentence: str) -> list[Mention]:
    """A run of capitalised words inside a sentence: "builds upon the Combinatorial Brain Surgeon".

    >>> [m.name for m in title_case_names("It builds upon the Combinatorial Zorb Surgeon, but solves more.")]
    ['Combinatorial Zorb Surgeon']
    """
    out: list[Mention] = []
    if not _TWO_CAPS.search(sentence):
        return out  # no two capitalised words in a row: no run (a plain pattern is cheaper than the cue scan)
    for m in _TITLE_RUN.finditer(sentence):
        name = m.group(1)
        if name in NOT_NAMES or TASK_HEAD.match(name) or NOT_A_THING.search(name):
            continue
        typ = "Dataset" if DATASET_END.search(name) else "Method"
        out.append(Mention(name, typ, m.start(1), m.end(1), source="title-case"))
    return out


# -- what follows a name says what it is (used by the rule extractor) ----------------------
#: "our LIVE framework"
METHOD_AFTER = re.compile(r"\s+(?:framework|method|approach|algorithm|architecture|module|pipeline)\b")
MODEL_AFTER = re.compile(r"\s+(?:models?|model series|family|LLMs?)\b")
#: "CUDA-optimized FlashAttention-2", "RDMA-capable networks": the name only qualifies what follows;
#: "a challenging meta-learning task", "the Navier-Stokes equations": a setting the paper works in, not a tool
KIND_AFTER = re.compile(r"-(?:optimi[sz]ed|accelerated|enabled|capable|aware|friendly|compatible|specific)\b"
                        r"|\s+(?:tasks?|equations?|challenges?|domains?|scenarios?|settings?)\b")
#: what a new name (a coinage or a defined short form) is only the subject matter of: "for finite element (FE)
#: predictions", "the turbulent Navier-Stokes equations", "1,035 ToM questions"
SUBJECT_MATTER_AFTER = re.compile(r"(?:\s*\([^()]{1,12}\))?\s+(?:equations?|predictions?|questions?)\b")
SUBJECT_MATTER_WORDS = (" equation", " prediction", " question")  # one of them is in every match
SIZE_AFTER = re.compile(r" \d+(?:\.\d+)?[BM]\b(?! (?:tokens|parameters|params|words|images|samples))"
                        r"|(?:(?<=-[SBLHG])|(?<=-XL))/\d+(?:-\d+)?\b")  # "Vicuna 7B"; "ViT-L/16-384", "DiT-XL/2"


def size_after(sentence: str, end: int) -> re.Match | None:
    """The size or patch suffix right after a name ending at ``end``: " 7B" in "Vicuna 7B", "/16" in "ViT-B/16".

    >>> size_after("We test Vicuna 7B here.", 14).group(0), size_after("on 7B tokens", 2)
    (' 7B', None)
    """
    if not (sentence[end + 1:end + 2].isdigit() or sentence[end:end + 1] == "/"):
        return None  # a plain test before the pattern: most names are followed by neither
    return SIZE_AFTER.match(sentence, end)


#: "the Brain Tumor Segmentation (BraTS) challenge": a defined short form heading a benchmark
BENCH_AFTER = re.compile(r"\s*\([^()]{1,20}\)\s+(?:challenge|benchmark|dataset|corpus|leaderboard|suite)s?\b")
#: "4-bit weight-only quantization", "2:4 pruning": a precision or sparsity pattern before a technique
PRECISION_BEFORE = re.compile(r"(?<![\w\-.:])(?:\d+-bit|\d+:\d+)\s+$")


_DATA_MODIFIER = re.compile(r"(?<=[a-z,] )((?:[A-Z][a-z]+ ){1,2})$")  # mid-sentence: never the first word
_NOT_MODIFIER = {"On", "In", "For", "With", "From", "Using", "Both", "The", "Our", "And", "Or", "Like", "Including",
                 "Large", "Small", "Full", "Standard", "Original", "Public", "Popular", "Several", "Various"}


def modified_dataset(sentence: str, start: int, end: int) -> Mention | None:
    """A known dataset at [start, end) with a capitalised modifier before it mid-sentence: another dataset.

    >>> modified_dataset("We test on a Medical MNIST set.", 21, 26).name
    'Medical MNIST'
    """
    if start < 3 or sentence[start - 1] != " ":
        return None
    mod = _DATA_MODIFIER.search(sentence, max(0, start - 30), start)
    if mod is None or mod.group(1).split()[0] in _NOT_MODIFIER:
        return None
    return Mention(sentence[mod.start(1):end], "Dataset", mod.start(1), end, source="dataset-phrase")


_VERSIONED = re.compile(r"([A-Za-z][\w]*?)[\- ]?v?\d+(?:\.\d+)*")  # "Llama-3.1", "Qwen2.5": family + version


def model_family(name: str) -> str | None:
    """The family a versioned name belongs to ("Llama-3.1" -> "Llama"), or None.

    >>> model_family("Llama-3.1"), model_family("Qwen2.5"), model_family("GPT-4o")
    ('Llama', 'Qwen', None)
    """
    m = _VERSIONED.fullmatch(name)
    return m.group(1) if m else None


def flag_context(sentence: str, m: Mention, matter: bool, by: list, exact: bool) -> None:
    """Flag a fresh short-form or coinage candidate from its surroundings.

    ``kind``: a new name that is only the subject matter ("the turbulent Navier-Stokes equations",
    "finite element (FE) predictions"); ``by:X``: an introduction whose subject X must be the paper's
    own ("FSPAD introduces ..."), taken from the introduced span it overlaps (``exact``: the same span).
    """
    if matter and not m.proposed and SUBJECT_MATTER_AFTER.match(sentence, m.end):
        m.flags.add("kind")
    if m.proposed and by:
        m.flags.update(fl for a, b, fl in by if ((a, b) == (m.start, m.end) if exact else a < m.end and m.start < b))
