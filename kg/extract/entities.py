"""Names that are in no vocabulary: title prefixes, acronym definitions, coinages, "the X benchmark".

Each finder returns :class:`Mention` records with a character span in the
sentence, a guessed type and flags (``proposed``: the text introduces it).
Typing follows the guidelines: "the X benchmark" makes X a Dataset, a size
suffix ("-7B") makes a Model, everything else named is a Method.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

#: Upper-case tokens that are never entity names on their own.
NOT_NAMES = {
    "AI", "ML", "NLP", "CV", "SOTA", "API", "APIs", "VRAM", "DRAM", "SRAM", "fMRI", "MRI", "EEG", "ECG", "FLOPs", "FLOP", "FLOPS", "GFLOPS", "MACs", "GMACs", "CodeBLEU", "BERTScore", "METEOR", "CIDEr", "SacreBLEU", "IO", "I", "II", "III", "IV", "OK", "US", "UK",
    "EU", "PhD", "TL", "DR", "TLDR", "OOD", "QA", "MFU", "BLEU", "ROUGE", "FID", "PSNR", "SSIM", "AUC", "ROC", "MSE",
    "RMSE", "MAE", "KL", "TFLOPs", "TFLOPS", "GFLOPs", "PFLOPs", "GB", "MB", "TB", "KB", "ms", "FPS", "fps", "Hz",
    "GHz", "MHz", "kHz", "KHz", "DNN", "DNNs", "NN", "NNs", "LM", "LMs", "SLM", "SLMs", "PLM", "PLMs", "HPC", "IoT", "RGB", "3D",
    "2D", "1D", "4D", "OS", "SQL", "JSON", "HTML", "URL", "PDE", "PDEs", "ODE", "ODEs", "AR", "NAR", "E2E", "TTS",
    "ASR", "MT", "NMT", "VQA", "OCR", "GAN", "SGD", "CTR", "LLM", "LLMs", "VLM", "VLMs", "KV", "QKV", "FFT", "CUDA",
    "GPU", "GPUs", "CPU", "CPUs", "TPU", "NPU", "RAM", "DRAM", "HBM", "SRAM", "ReLU", "MoE", "MoEs", "SSM", "SSMs",
    "RNN", "RNNs", "CNN", "CNNs", "FFN", "MLP", "MLPs", "O", "N", "K", "X", "T", "D", "P", "Q", "A", "B", "C", "S",
    "E", "F", "G", "H", "L", "M", "R", "U", "V", "W", "Y", "Z", "BPE", "NeurIPS", "ICML", "ICLR", "CVPR", "ACL",
    "EMNLP", "AAAI", "IJCAI", "ECCV", "ICCV", "NAACL", "GitHub", "HuggingFace", "Hugging", "arXiv", "ImageNet",
    "PyTorch", "Python", "TensorFlow", "TeX", "LaTeX", "MACs", "Top", "Pass", "SOTA", "IID", "NP", "AGI", "CoT",
    "STOC", "FOCS", "SODA", "COLT", "UAI", "AISTATS", "KDD", "WWW", "SIGIR", "ICASSP", "INTERSPEECH", "MICCAI", "OSDI",
    "SOSP", "NSDI", "MLSys", "ISCA", "MICRO", "HPCA", "ASPLOS", "PPoPP", "SC", "muJ", "PetaFLOPs", "PFLOPS", "TOPS",
    "PSNR", "LPIPS", "CLIPScore", "WER", "CER", "BPC", "PPL", "EM", "mAP", "mIoU", "IoU", "NDCG", "MRR", "FVD", "IS",
    "TTFT", "TPOT", "QPS", "SLO", "SLOs", "GPT", "LaTeX", "URL", "URLs", "NVIDIA", "Nvidia", "Google", "Meta", "OpenAI",
    "Microsoft", "Apple", "Amazon", "DeepMind", "Intel", "AMD", "Huawei", "Alibaba", "Baidu", "Tencent", "ByteDance",
    "MAPE", "MAPEs", "ROUGE-L", "ROUGE-1", "ROUGE-2", "INT4", "INT8", "FP16", "FP8", "BF16", "FP32", "INT2", "INT3",
    "petaFLOP", "petaFLOPs", "exaFLOPs", "TFLOP", "GFLOP", "MFU", "HFU", "Pass@1", "AUROC", "AUPRC", "ELO", "Elo",
    "natural language", "key-value", "Stack Overflow", "YouTube", "Wikipedia", "Reddit", "Twitter",
    "TeraFLOPs", "TeraFLOPS", "GigaFLOPs", "GigaFLOPS", "ExaFLOPs", "RTFx", "BLEUscore",
    "Top-1", "Top-5", "top-1", "top-5", "Acc@1", "Acc@5", "R@1", "R@5", "Recall@1", "Pass@k", "pass@1", "pass@k",
}
_UPPER_PLURAL = re.compile(r"[A-Z]+s")
_TINY = re.compile(r"\d.*|[A-Z]\d+|[A-Z]+\d*[a-z]?")
_SPACE_DASH = re.compile(r"[\s\-]+")
BIT_WIDTH = re.compile(r"(?:W\d+A\d+(?:KV\d+)?|W\d+Ax|A\d+W\d+|INT\d+|FP\d+|BF\d+)")
#: Coinages named like benchmarks are Datasets: "ParallelBench", "kBench", "MathEval", "VideoQA-Set".
DATASET_NAME = re.compile(r"(?:Bench|bench|Eval|Arena|Corpus|Set|QA)(?:-?\d+[A-Za-z]*)?$")
#: A coinage that starts like an accelerator name is Hardware: "A100-80G-SMX4", "MI250X".
HARDWARE_NAME = re.compile(r"^(?:[AHVPTLB]\d{2,3}[A-Z]?|MI\d{3}[A-Z]?|RTX[\s-]?\d{4}|GTX[\s-]?\d{3,4}|TPU|Gaudi|Ascend)"
                           r"(?:[\-\s][\w\-]+)?$")
#: Hyphen suffixes that make an adjective, not a name: "MPI-based", "HPC-oriented".
ADJ_SUFFIX = re.compile(r"-(?:based|related|oriented|aware|specific|level|style|like|free|friendly|efficient|scale|wise|"
                        r"driven|agnostic|intensive|bound|centric|conditioned|guided|augmented|enhanced|only|"
                        r"shot|time|world|art|grained|sized|dependent|independent|invariant|consistent|accelerated|optimi[sz]ed|"
                        r"powered|enabled|compatible|native|capable|architecture|(?-i:[a-z]{3,}ed))$|(?-i:-to-[a-z]+)$", re.I)

DATASET_NOUNS = r"(?:benchmark|benchmarks|dataset|datasets|corpus|corpora|suite|testbed|leaderboard)"
DATASET_END = re.compile(rf"\b{DATASET_NOUNS}$", re.I)  # a name ending on a dataset noun: "the X Benchmark"
MODEL_HINT = re.compile(r"(?:-|\s)(?:\d+(?:\.\d+)?[BMK]|\d+x\d+B|Instruct|Chat|Base|Coder|XL|XXL)\b|^[A-Z][\w.]*-\d+(?:\.\d+)?[BM]$")
_COINAGE_BODY = (
    r"(?:[A-Za-z0-9]*[a-z][A-Z][A-Za-z0-9]*|[A-Z][A-Z0-9]*[A-Z][a-z]+[A-Za-z0-9]*|[a-z]+[A-Z]{2,}[A-Za-z0-9]*"
    r"|[A-Z][A-Z0-9]{2,}|[A-Z][a-z]+[0-9]+[A-Za-z0-9]*)"  # CamelCase, DLLs, MGSM8KInstruct, kGym, PEARL, ABC3, Wan2
    r"(?:[\-.+][A-Za-z0-9]+)*"  # -8B-Instruct, .5, +
    r"|[A-Z][a-z]+(?:-[A-Z0-9][A-Za-z0-9]*(?:\.\d+)?)+"  # Branch-Train-Merge, Mamba-2, Llama-3.1-8B
    r"|[a-z]+\d*[a-z]*(?:-(?:[A-Z0-9][A-Za-z0-9]*))+"  # mllm-NPU, m2m-100
)
_COINAGE_FULL = re.compile(_COINAGE_BODY)
_PLUS_NAME = re.compile(r"[A-Z][a-z]{2,}\+{1,2}")
#: a whole word that holds an upper-case letter or a digit: the only words that can be coinages
_WORDISH = re.compile(r"(?<![\w\-.+])(?=[\w\-.+]*[A-Z0-9])[A-Za-z0-9][\w\-.+]*")
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


_LINK_DIGIT = re.compile(r"(?<=[a-z]{2})[24](?=[A-Z])")  # not "i2RMB" (two i's)
_DIGIT = re.compile(r"\d")


def _initials_match(short: str, long: str) -> bool:
    """Schwartz-Hearst: the short form's letters occur in order in the long form, first at a word start."""
    l = long.lower()
    if ("2" in short or "4" in short) and not _DIGIT.search(l):  # the only digits _LINK_DIGIT removes
        short = _LINK_DIGIT.sub("", short)  # "Learn2PD": the 2 stands for "to"
    s = [c.lower() for c in short if c.isalnum()]
    if not s or not s[0].isalpha():
        return False
    if len("".join(s)) != len(s):
        return False  # a letter whose lower case is two characters equals no single character of ``l``
    # from the last letter back, each at its last place before the previous one's (str.rfind, not a character loop)
    li = len(l)  # letters are looked for before this index
    for si in range(len(s) - 1, 0, -1):
        li = l.rfind(s[si], 0, li)
        if li < 0:
            return False
    while True:  # the first letter must also start a word
        li = l.rfind(s[0], 0, li)
        if li <= 0:
            return li == 0
        if not l[li - 1].isalnum():
            return True


#: A long form headed by a problem noun names a Task: "early prediction of battery life (EPBL)".
TASK_HEAD = re.compile(r"(?i)^[a-z][\w\- ]*\b(?:prediction|recognition|detection|segmentation|classification|"
                       r"translation|estimation|forecasting|answering|summarization|retrieval|captioning|"
                       r"localization|tracking|completion|assessment)(?: of [a-z][\w\- ]+)?$")
NOT_A_THING = re.compile(r"(?i)\b(?:trade-?offs?|problems?|challenges?|dilemmas?|paradox|laws?|hypothes[ie]s|"
                          r"conjectures?|regimes?|phenomen(?:on|a)|issues?|gaps?)$")
#: A long form headed by a device noun names Hardware: "network interface cards (NICs)", "Neural Processing Unit (NPU)".
HARDWARE_HEAD = re.compile(r"(?i)\b(?:cards?|chips?|processors?|accelerators?|processing units?|gate arrays?|"
                           r"interconnects?|switch(?:es)?)$")
_COUNTED = re.compile(r"([A-Z])([2-6])")
_CITATION_END = re.compile(r"\s*\[[\d,;\s\u2013-]{1,20}\]$")
#: the technique noun right after an adjective's short form: "autoregressive (AR) decoder"
_NOUN_AFTER = re.compile(r"\s*(decoding|decoders?|sampling|models?|modell?ing|transformers?|attention|training|inference|"
                         r"generation|prediction|search|diffusion)\b")
_ACRO = re.compile(r"\(([A-Za-z][\w\-+.]{0,19}?)s?(?:\)|[,;]\s)")  # up to 20 characters: "(PrFlashAttention)", "(GSC, a ...)"


def acronym_definitions(sentence: str) -> list[Mention]:
    """``Long Form (LF)`` pairs (fresh Mention objects; the scan is cached)."""
    if "(" not in sentence:
        return []  # no bracket, no short form: skip even the cache
    return [Mention(n, t, a, b, al, source="acronym") for n, t, a, b, al in _acronym_spans(sentence)]


@lru_cache(maxsize=4096)
def _acronym_spans(sentence: str) -> tuple:
    """``Long Form (LF)`` pairs: the mention is the long form with the acronym as alias.

    >>> [(m.name, m.aliases) for m in acronym_definitions("we use Planning-Guided Transformer Decoding (PG-TD) here")]
    [('Planning-Guided Transformer Decoding', ('PG-TD',))]
    >>> [(m.name, m.aliases) for m in acronym_definitions("they use an autoregressive (AR) decoder")]
    [('autoregressive decoder', ('AR',))]
    """
    out = []
    for m in _ACRO.finditer(sentence):
        short = m.group(1)
        if not any(c.isupper() for c in short) or len(short) < 2 or short.lower() in ("e.g", "i.e"):
            continue
        before = _CITATION_END.sub("", sentence[:m.start()].rstrip())  # "probabilistic X [6, 7] (PrX)"
        n_letters = sum(c.isalpha() for c in short)
        count = _COUNTED.fullmatch(short)  # "S4" = four words on S, "H3" = three on H
        repeat = count.group(1) * int(count.group(2)) if count else ""
        n_letters = max(n_letters, len(repeat))
        words = before.rsplit(None, n_letters + 3)  # only the last n_letters + 3 words can be the long form
        if len(words) > n_letters + 3:
            words = words[1:]
        best = _exact_initials(short, words)  # "Parallel Perception Network (PPN)", not "Perception Network"
        for k in range(1, min(len(words), n_letters + 3) + 1) if best is None else ():
            cand = " ".join(words[-k:]).strip("\"'“”,;:")
            if cand.lower().startswith(("the ", "a ", "an ", "our ", "novel ", "new ")):
                continue
            if "," in cand or ";" in cand:
                break  # a long form holds no clause break: "..., whereas the original IFactFormer (IFactFormer-o)"
            if _initials_match(short, cand) or repeat and _initials_match(repeat, cand):
                best = cand
                break
        if not best or best.lower() == short.lower():
            continue
        first = best.split()[0]
        if first.lower() in ("and", "of", "for", "with", "to", "in", "on", "by", "we", "which"):
            continue
        start = before.rfind(best)
        end = start + len(best)
        if " " not in best and best.islower() and (noun := _NOUN_AFTER.match(sentence, m.end())):
            # "autoregressive (AR) decoding": the adjective names nothing; the noun after the bracket completes it
            best, end = f"{best} {noun.group(1)}", noun.end(1)
        # "quality-quantity tradeoff (QQT)": a named problem, no entity (the caller drops type "Problem")
        typ = "Problem" if NOT_A_THING.search(best) else "Task" if TASK_HEAD.search(best) \
            else "Hardware" if HARDWARE_HEAD.search(best) else "Method"
        out.append((best, typ, start, end, (short,)))
    return tuple(out)


def _exact_initials(short: str, words: list[str]) -> str | None:
    """The last words whose initials spell an upper-case short form exactly, or None."""
    letters = [c for c in short if c.isalpha()]
    if not short.isupper() or not 2 <= len(letters) <= len(words):
        return None
    tail = [w.lstrip("(\"'“") for w in words[-len(letters):]]
    if not all(tail) or [w[0] for w in tail] != letters or tail[0].lower() in ("the", "a", "an", "our"):
        return None
    return " ".join(tail).strip("\"'“”,;:")


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Frequent English words (shipped in ``ontology/common_words.txt``)."""
    path = Path(__file__).resolve().parent.parent.parent / "ontology" / "common_words.txt"
    with open(path, encoding="utf-8") as f:
        return frozenset(w.strip() for w in f if w.strip() and not w.startswith("#"))


def is_plain_words(name: str) -> bool:
    """True when every part of a name is an ordinary English word ("Large-Scale", "Zero-Shot").

    >>> is_plain_words("Large-Scale"), is_plain_words("JRT-Prompt")
    (True, False)
    """
    words = common_words()
    parts = [p for p in _SPACE_DASH.split(name) if p]
    return all(p.lower() in words and not any(c.isupper() for c in p[1:]) for p in parts)


_INVERTED = re.compile(r"\b([A-Z][A-Za-z0-9\-]{1,15})\s+\(((?:[A-Za-z][\w\-]*\s+){1,7}[A-Za-z][\w\-]*)\)")


def inverted_acronyms(sentence: str) -> list[Mention]:
    """``Short (Long Form)``: ``Lion (EvoLved Sign Momentum)`` names Lion, with the long form as alias.

    >>> [(m.name, m.aliases) for m in inverted_acronyms("an algorithm, Lion (EvoLved Sign Momentum).")]
    [('Lion', ('EvoLved Sign Momentum',))]
    """
    out: list[Mention] = []
    if "(" not in sentence:
        return out  # most sentences hold no bracket: no pattern call at all
    for m in _INVERTED.finditer(sentence):
        short, long = m.group(1), m.group(2)
        caps = "".join(c for c in long if c.isupper())
        title_case = all(w[0].isupper() for w in long.split()) and len(long.split()) <= 5
        if len(caps) >= 2 and short not in NOT_NAMES and "et al" not in long and \
                (_initials_match(short, long) or title_case and short[0].upper() in caps):
            out.append(Mention(short, "Method", m.start(1), m.end(1), (long,), source="acronym"))
    return out


def coinages(sentence: str) -> list[Mention]:
    """CamelCase, hyphenated and upper-case coinages (fresh Mention objects; the scan is cached)."""
    return [Mention(n, t, a, b, source="coinage") for n, t, a, b in _coinage_spans(sentence)]


@lru_cache(maxsize=4096)
def _coinage_spans(sentence: str) -> tuple[tuple[str, str, int, int], ...]:
    """CamelCase, hyphenated and upper-case coinages: ``dParallel``, ``JRT-Prompt``, ``PEARL``.

    >>> [m.name for m in coinages("Using dParallel and JRT-Prompt on LLaDA-8B-Instruct beats the SOTA.")]
    ['dParallel', 'JRT-Prompt', 'LLaDA-8B-Instruct']
    """
    out = []
    for start, word in _wordish(sentence):  # test whole words: far faster than searching every position
        hit = _coinage_word(word)
        if hit is None:
            continue
        name, typ, plus = hit
        if not plus and sentence.startswith("%", start + len(name)):
            continue  # "W4S50%": a setting, not a name
        out.append((name, typ, start, start + len(name)))
    return tuple(out)


def _wordish(sentence: str):
    """``(m.start(), m.group())`` for each ``_WORDISH.finditer(sentence)`` match, found stretch by stretch.

    Every match is a whole run of word characters (with ``-.+``) holding an ASCII capital or digit, so it lies
    in one stretch between spaces holding one; a search bounded by the stretch's spaces finds there what the
    whole search finds (the look-behind still sees the space before it). ``_WORDISH`` alone enters at every
    letter of the sentence. Most stretches are one ASCII letter-and-digit run ("LLaMA", "We"), perhaps with
    a closing mark ("GPT-4," is no such stretch, "BERT," is): that run is the stretch's one match, no search needed.
    """
    n = len(sentence)
    c = _CAPITAL_OR_DIGIT.search(sentence)
    while c is not None:
        at = c.start()
        start = sentence.rfind(" ", 0, at) + 1
        end = sentence.find(" ", at)
        if end < 0:
            end = n
        stretch = sentence[start:end]
        if stretch.isascii() and stretch.isalnum():
            yield start, stretch
        elif stretch.isascii() and stretch[-1] in ",;:)" and stretch[:-1].isalnum():
            yield start, stretch[:-1]
        else:
            for m in _WORDISH.finditer(sentence, start, end):
                yield m.start(), m.group()
        c = _CAPITAL_OR_DIGIT.search(sentence, end)


_CAPITAL_OR_DIGIT = re.compile(r"[A-Z0-9]")
_BENCH_WORD = re.compile(r"-(?:Bench|Eval|Arena)$")


@lru_cache(maxsize=1 << 16)
def _coinage_word(word: str) -> tuple[str, str, bool] | None:
    """``(name, type, plus)`` when a whole word is a coinage, else None (words recur: the test is cached)."""
    if _PLUS_NAME.fullmatch(word.rstrip(".")):  # "Virtual+": the plus makes a word a name
        return word.rstrip("."), "Method", True
    name = word.rstrip(".+")
    if not _COINAGE_FULL.fullmatch(name):
        return None
    if name in NOT_NAMES or len(name) < 3 or name[:-1] in NOT_NAMES and _UPPER_PLURAL.fullmatch(name):
        return None
    if len(name) <= 2 and name.upper() == name and _TINY.fullmatch(name):
        return None
    if ADJ_SUFFIX.search(name) or is_plain_words(name) and not _BENCH_WORD.search(name):
        return None  # "Spec-Bench" is a name all the same
    if (name[:2].isupper() and name[2:].islower() or name[0].islower() and name[1].isupper() and name[2:].islower()) \
            and name.lower() in common_words():
        return None  # "Efficient MOdel (EMO)", "eXtended PINNs (XPINN)": capitals that mark a short form's letters
    if BIT_WIDTH.fullmatch(name) or "-" in name and name.split("-")[0].islower() and \
            len(name.split("-")[0]) > 1 and name.split("-")[0] in common_words():
        return None  # "W4A8", "per-GPU"
    typ = "Hardware" if HARDWARE_NAME.match(name) else "Dataset" if DATASET_NAME.search(name) \
        else "Model" if MODEL_HINT.search(name) else "Method"
    plus = word.rstrip(".")[len(name):]
    if plus in ("+", "++") and typ != "Hardware":
        return name + plus, typ, True  # "SixT+" is a successor of SixT, not SixT
    return name, typ, False
