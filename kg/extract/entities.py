"""Names that are in no vocabulary: title prefixes, acronym definitions, coinages, "the X benchmark".

Each finder returns :class:`Mention` records with a character span in the
sentence, a guessed type and flags (``proposed``: the text introduces it).
Typing follows the guidelines: "the X benchmark" makes X a Dataset, a size
suffix ("-7B") makes a Model, everything else named is a Method.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

#: Upper-case tokens that are never entity names on their own.
NOT_NAMES = {
    "AI", "ML", "NLP", "CV", "SOTA", "API", "APIs", "FLOPs", "FLOP", "IO", "I", "II", "III", "IV", "OK", "US", "UK",
    "EU", "PhD", "TL", "DR", "TLDR", "OOD", "QA", "MFU", "BLEU", "ROUGE", "FID", "PSNR", "SSIM", "AUC", "ROC", "MSE",
    "RMSE", "MAE", "KL", "TFLOPs", "TFLOPS", "GFLOPs", "PFLOPs", "GB", "MB", "TB", "KB", "ms", "FPS", "fps", "Hz",
    "GHz", "MHz", "DNN", "DNNs", "NN", "NNs", "LM", "LMs", "SLM", "SLMs", "PLM", "PLMs", "HPC", "IoT", "RGB", "3D",
    "2D", "1D", "4D", "OS", "SQL", "JSON", "HTML", "URL", "PDE", "PDEs", "ODE", "ODEs", "AR", "NAR", "E2E", "TTS",
    "ASR", "MT", "NMT", "VQA", "OCR", "GAN", "SGD", "CTR", "LLM", "LLMs", "VLM", "VLMs", "KV", "QKV", "FFT", "CUDA",
    "GPU", "GPUs", "CPU", "CPUs", "TPU", "NPU", "RAM", "DRAM", "HBM", "SRAM", "ReLU", "MoE", "MoEs", "SSM", "SSMs",
    "RNN", "RNNs", "CNN", "CNNs", "FFN", "MLP", "MLPs", "O", "N", "K", "X", "T", "D", "P", "Q", "A", "B", "C", "S",
    "E", "F", "G", "H", "L", "M", "R", "U", "V", "W", "Y", "Z", "BPE", "NeurIPS", "ICML", "ICLR", "CVPR", "ACL",
    "EMNLP", "AAAI", "IJCAI", "ECCV", "ICCV", "NAACL", "GitHub", "HuggingFace", "Hugging", "arXiv", "ImageNet",
    "PyTorch", "Python", "TensorFlow", "TeX", "LaTeX", "MACs", "Top", "Pass", "SOTA", "IID", "NP", "AGI", "CoT",
}
DATASET_NOUNS = r"(?:benchmark|benchmarks|dataset|datasets|corpus|corpora|suite|testbed|leaderboard)"
MODEL_HINT = re.compile(r"(?:-|\s)(?:\d+(?:\.\d+)?[BMK]|\d+x\d+B|Instruct|Chat|Base|Coder|XL|XXL)\b|^[A-Z][\w.]*-\d+(?:\.\d+)?[BM]$")
_COINAGE = re.compile(
    r"(?<![\w\-])("
    r"(?:[A-Za-z0-9]*[a-z][A-Z][A-Za-z0-9]*|[A-Z]{2,}[a-z]+[A-Za-z0-9]*|[a-z]+[A-Z]{2,}[A-Za-z0-9]*"
    r"|[A-Z][A-Z0-9]{2,}|[A-Z][a-z]+[0-9]+[A-Za-z0-9]*)"  # CamelCase, DLLs, kGym, PEARL, ABC3, Wan2
    r"(?:[\-.+][A-Za-z0-9]+)*"  # -8B-Instruct, .5, +
    r"|[A-Z][a-z]+(?:-[A-Z0-9][A-Za-z0-9]*)+"  # Branch-Train-Merge, Mamba-2
    r")(?![\w\-])")
PROPOSE_CUE = re.compile(
    r"\b(?:we|this (?:paper|work)|our (?:work|paper))\s+(?:\w+ly\s+)?(?:also\s+)?(?:first\s+)?(?:then\s+)?"
    r"(?:propose|proposes|introduce|introduces|present|presents|develop|develops|design|designs|devise|"
    r"build|construct|create|release|contribute|formulate|establish|offer|curate|collect|call|name|term|coin)\b",
    re.I)
NAMED_CUE = re.compile(r"\b(?:called|named|dubbed|termed|coined|denoted as|referred to as|namely)\s*[:,]?\s*$", re.I)


@dataclass
class Mention:
    """A name found in a sentence, before it is tied to the paper by a relation."""

    name: str
    type: str
    start: int
    end: int
    aliases: tuple[str, ...] = ()
    proposed: bool = False
    parents: tuple[str, ...] = ()
    source: str = "pattern"
    flags: set = field(default_factory=set)


def title_prefix(title: str) -> Mention | None:
    """The name a title introduces before its colon: ``ParaRNN: Unlocking ...``.

    >>> title_prefix("ParaRNN: Unlocking Parallel Training of Nonlinear RNNs").name
    'ParaRNN'
    >>> title_prefix("Lossless Compression with Probabilistic Circuits") is None
    True
    """
    m = re.match(r"^\s*([^:]{1,50}?)\s*:\s+\S", title)
    if not m:
        return None
    name = m.group(1).strip()
    words = name.split()
    if len(words) > 4 or not any(c.isupper() for c in name):
        return None
    if len(words) > 1 and not any(_COINAGE.fullmatch(w) for w in words) and len(words) > 3:
        return None
    rest = title[m.end() - 1:]
    if re.search(rf"\b{DATASET_NOUNS}\b", rest, re.I) and not re.search(r"\b(?:method|framework|model)\b", rest, re.I):
        typ = "Dataset"
    elif re.search(r"\b(?:language models?|foundation model|pre-?trained|LLMs? for|code models?)\b", rest, re.I) and \
            not re.search(r"\b(?:training|decoding|inference|serving|framework|system|via|with)\b", rest, re.I):
        typ = "Model"
    else:
        typ = "Method"
    return Mention(name, typ, 0, len(name), proposed=True, source="title")


def _initials_match(short: str, long: str) -> bool:
    """Schwartz-Hearst: the short form's letters occur in order in the long form, first at a word start."""
    s = [c.lower() for c in short if c.isalnum()]
    l = long.lower()
    if not s or not s[0].isalpha():
        return False
    si, li = len(s) - 1, len(l) - 1
    while si >= 0:
        c = s[si]
        while li >= 0 and (l[li] != c or (si == 0 and li > 0 and l[li - 1].isalnum())):
            li -= 1
        if li < 0:
            return False
        si -= 1
        li -= 1
    return True


_ACRO = re.compile(r"\(([A-Za-z][\w\-+.]{0,14}?)s?\)")


def acronym_definitions(sentence: str) -> list[Mention]:
    """``Long Form (LF)`` pairs: the mention is the long form with the acronym as alias.

    >>> [(m.name, m.aliases) for m in acronym_definitions("we use Planning-Guided Transformer Decoding (PG-TD) here")]
    [('Planning-Guided Transformer Decoding', ('PG-TD',))]
    """
    out = []
    for m in _ACRO.finditer(sentence):
        short = m.group(1)
        if not any(c.isupper() for c in short) or len(short) < 2 or short.lower() in ("e.g", "i.e"):
            continue
        before = sentence[:m.start()].rstrip()
        words = re.findall(r"[^\s]+", before)
        n_letters = sum(c.isalpha() for c in short)
        best = None
        for k in range(1, min(len(words), n_letters + 3) + 1):
            cand = " ".join(words[-k:]).strip("\"'“”,;:")
            if cand.lower().startswith(("the ", "a ", "an ", "our ", "novel ", "new ")):
                continue
            if _initials_match(short, cand):
                best = cand
                break
        if not best or best.lower() == short.lower():
            continue
        first = best.split()[0]
        if first.lower() in ("and", "of", "for", "with", "to", "in", "on", "by", "we", "which"):
            continue
        start = before.rfind(best)
        out.append(Mention(best, "Method", start, start + len(best), (short,), source="acronym"))
    return out


def coinages(sentence: str) -> list[Mention]:
    """CamelCase, hyphenated and upper-case coinages: ``dParallel``, ``JRT-Prompt``, ``PEARL``.

    >>> [m.name for m in coinages("Using dParallel and JRT-Prompt on LLaDA-8B-Instruct beats the SOTA.")]
    ['dParallel', 'JRT-Prompt', 'LLaDA-8B-Instruct']
    """
    out = []
    for m in _COINAGE.finditer(sentence):
        name = m.group(1).rstrip(".")
        if name in NOT_NAMES or len(name) < 3 or re.fullmatch(r"[A-Z]+s", name) and name[:-1] in NOT_NAMES:
            continue
        if re.fullmatch(r"\d.*|[A-Z]\d+|[A-Z]+\d*[a-z]?", name) and name.upper() == name and len(name) <= 2:
            continue
        typ = "Model" if MODEL_HINT.search(name) else "Method"
        out.append(Mention(name, typ, m.start(1), m.start(1) + len(name), source="coinage"))
    return out


_BENCH = re.compile(
    rf"\b(?:the|on|using|of|in)\s+((?:[A-Z][\w\-.+]*|\d[\w\-.]*)(?:\s+(?:[A-Z][\w\-.+]*|\d[\w\-.]*)){{0,3}})\s+{DATASET_NOUNS}\b")


def dataset_phrases(sentence: str) -> list[Mention]:
    """``the X benchmark``, ``on the X dataset``: X is a Dataset.

    >>> [m.name for m in dataset_phrases("On the MBPP benchmark and the Human3.6M dataset, ...")]
    ['MBPP', 'Human3.6M']
    """
    out = []
    for m in _BENCH.finditer(sentence):
        name = m.group(1)
        if name.split()[0] in ("The", "Our", "This", "These", "Each", "All", "Both", "Several", "Many", "Existing"):
            continue
        out.append(Mention(name, "Dataset", m.start(1), m.end(1), source="dataset-phrase"))
    return out


def introduced_names(sentence: str) -> list[Mention]:
    """Names after "we propose/introduce/present ..." or "called/named X" (flagged proposed)."""
    out = []
    cue = PROPOSE_CUE.search(sentence)
    named = [m for m in coinages(sentence) + acronym_definitions(sentence)]
    for m in named:
        before = sentence[:m.start]
        if NAMED_CUE.search(before) or (cue and cue.end() <= m.start and m.start - cue.end() < 90):
            m.proposed = True
            out.append(m)
    return out
