"""Structured claims: the figure a sentence ties to a comparison, hardware or dataset.

>>> c = parse_claim("Our kernel achieves 11.9x higher throughput than FlashAttention-2 for prefill.", "FlashAttention-2")
>>> (c.value, c.unit, c.metric, c.direction)
(11.9, 'x', 'throughput', 'higher')
>>> c = parse_claim("dParallel reduces decoding steps from 256 to 30 on GSM8K.", "GSM8K")
>>> (c.value, c.unit)
(30.0, 'steps')
>>> parse_claim("It reaches 49.3% MFU on H100.", "H100").unit
'%'
"""
from __future__ import annotations

import re

from kg.model import Claim

_NUM = r"(\d+(?:,\d{3})*(?:\.\d+)?)"
_FIGURE = re.compile(
    rf"(?:up to |over |about |nearly |approximately |around |roughly )?"
    rf"(?<![\w.\-@]){_NUM}\s*(?:(x|×|times|-fold|fold)|(%|percent|percentage points|pp)|(ms|s|seconds|hours|GB|MB|TB|"
    rf"tokens/s(?:ec)?|tokens per second|fps|frames per second|(?:peta|tera)?FLOP/s|[TP]FLOP/s|TFLOPs|TFLOPS|PFLOPs|FLOPs|points|BLEU|dB|mIoU|"
    rf"mAP|FID|PSNR|ROUGE-?L?))?(?!\w|\.\d)",
    re.I)  # not inside a name ("MI250X", "A100-40GB", "NDCG@10"); a sentence's closing full stop may follow
#: a count of devices before the hardware's name: "on 3072 GPUs", "2048 Ascend 910", "8x RTX 4090 GPUs"
_DEVICES = re.compile(rf"(?<![\w.\-]){_NUM}(?:\s*[x×])?\s+(?:[A-Z0-9][\w\-]*\s+){{0,3}}$")  # not "24GB GPU"
_COUNT_REACH = 60  # a figure farther than this from the hardware's name leaves the claim to the count
_DIGIT = re.compile(r"\d")
_FROM_TO = re.compile(rf"from {_NUM} to {_NUM}", re.I)
METRICS = ("throughput", "latency", "speedup", "speed-up", "speed", "memory", "accuracy", "perplexity", "MFU",
           "FLOPs", "bitrate", "BLEU", "F1", "energy", "cost", "compression", "quality", "decoding steps", "steps",
           "parameters", "error", "training time", "inference time", "time", "performance", "score", "tokens",
           "correlation")
_UNIT_METRICS = {"bleu", "flops", "tflops", "pflops", "tokens/s", "tokens per second", "miou", "map", "fid", "psnr",
                 "rouge", "rouge-l", "rougel", "petaflop/s", "teraflop/s", "tflop/s", "pflop/s"}  # "2.9 BLEU" measures BLEU
HIGHER = ("higher", "faster", "more", "better", "improv", "increase", "speedup", "speed-up", "outperform", "gain",
          "boost", "accelerat")
LOWER = ("lower", "less", "fewer", "reduc", "smaller", "cut", "decrease", "saving", "save")


_METRIC = re.compile(r"\b(" + "|".join(re.escape(m) for m in sorted(METRICS, key=len, reverse=True)) + r")s?\b", re.I)
#: where the words after a figure stop describing it: "by 2.4% with comparable compute time"
_AFTER_END = re.compile(r"[,;]|\s(?:with|while|and|than|compared|over|on|in|for|without|at)\s", re.I)


def _metric(before: str, after: str) -> str | None:
    """The metric word nearest the figure: "up to 22.58times speedup" is a speedup, not a time.

    >>> _metric("our method achieves up to ", " speedup without any performance drop")
    'speedup'
    """
    stop = _AFTER_END.search(after)
    after = after[:stop.start()] if stop else after
    hits = [(len(before) - m.end(), m.group(1)) for m in _METRIC.finditer(before)] + \
        [(m.start(), m.group(1)) for m in _METRIC.finditer(after)]
    return min(hits)[1].lower() if hits else None


def _direction(text: str) -> str | None:
    low = text.lower()
    pos = [(low.find(w), "higher") for w in HIGHER if w in low] + [(low.find(w), "lower") for w in LOWER if w in low]
    return min(pos)[1] if pos else None


_YEAR_BEFORE = re.compile(r"\b(?:in|since|until|by|from)\s+(?:19[5-9]\d|20[0-4]\d)\b", re.I)
_CLAUSE_END = re.compile(r"[,;)]|\.(?!\d)| while ")


def _bounds(sentence: str, start: int, end: int) -> tuple[int, int]:
    """Where the clause around [start, end) begins and ends, by clause punctuation."""
    left = max(sentence.rfind(p, 0, start) for p in (",", ";", ":", "(", " while ", " and "))
    stop = _CLAUSE_END.search(sentence, end)  # a full stop, not the point of "2.02"
    return (left + 1 if left >= 0 else 0), (stop.start() if stop else len(sentence))


def _clause(sentence: str, start: int, end: int) -> str:
    """The part of the sentence around [start, end), bounded by clause punctuation."""
    lo, hi = _bounds(sentence, start, end)
    return sentence[lo:hi].strip(" ,;")


_SEP = r"(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+|\s*/\s*)"
_SEP_ONLY = re.compile(_SEP)  # fullmatch: nothing but a list separator between two figures
_SEP_END = re.compile(rf"{_SEP}$")
_SEP_START = re.compile(rf"^{_SEP}")
_ITEM_END = re.compile(r"(?:^|(?<=[\s(]))(?:(?!and\b|or\b)[\w\-.+()]+\s+){0,3}(?!and\b|or\b)[\w\-.+()]+$")
_ITEM_START = re.compile(r"^(?:(?!and\b|or\b|respectively\b)[\w\-.+()]+)(?:\s+(?!and\b|or\b|respectively\b|by\b|with\b|on\b|in\b)"
                         r"[\w\-.+()]+){0,3}")
_OWN_LEFT = re.compile(r"(?<![\w\-])(?:(?!and\b|or\b)[\w\-]+\s+){0,2}$")  # "frame-based " before "2D CNN"
_OWN_RIGHT = re.compile(r"^(?:\s*\([^()]{1,20}\))?")  # "(SD)" after "Stable Diffusion"


def _list_place(sentence: str, tpos: int, tend: int) -> tuple[int, int]:
    """The target's place in the coordinated list of names it stands in, and the list's length.

    >>> _list_place("gains over A-Net, B-Net and C-Net by 1%, 2% and 3%, respectively", 18, 23)
    (1, 3)
    """
    left, before = sentence[:tpos], 0
    if (own := _OWN_LEFT.search(left)) is not None:
        left = left[:own.start()]
    while (sep := _SEP_END.search(left)) is not None and (item := _ITEM_END.search(left, 0, sep.start())):
        before, left = before + 1, left[:item.start()]
    right, after = sentence[tend:], 0
    right = right[_OWN_RIGHT.match(right).end():]
    while (sep := _SEP_START.match(right)) is not None and (item := _ITEM_START.match(right[sep.end():])):
        after, right = after + 1, right[sep.end() + item.end():]
    return before, before + after + 1


_SIZES = {"GB", "MB", "TB", "hours", "s", "ms"}  # what a dataset's claim is never given in
#: one spelling per unit, so queries over claims can group them: "6X" and "6x", "10 FPS" and "10 fps"
_UNIT_NAMES = {"x": "x", "×": "x", "times": "x", "-fold": "x", "fold": "x", "percent": "%", "fps": "fps",
               "frames per second": "fps", "tokens/sec": "tokens/s", "tokens per second": "tokens/s",
               "seconds": "s", "percentage points": "pp"}


#: a bare number that a metric names: "FVD scores of 103.3", "a Pearson correlation of 0.90", "up to 0.8 accuracy"
_SCORE_OF = re.compile(r"(?<!SOTA )(?<!SoTA )(?<!state-of-the-art )(?<!baseline )(?<!previous )(?<!prior )(?<!best )"
                       r"\b(?:(FVD|FID|KID|IS|BLEU|PSNR|SSIM|LPIPS|ROUGE(?:-[12L])?|WER|CER|EM|mIoU|mAP)\s+)?"
                       r"(accuracy|perplexity|correlation|scores?|F1)"
                       r"\s+(?:of|at)\s+(?:about |around |approximately |nearly |up to |over |only |just )?$")
#  ("10.8 compared to SOTA perplexity of 15.8": the rival's figure, not the paper's)
_SCORE_AFTER = re.compile(r"\s+(?:accuracy|perplexity|F1)\b")
_VERSUS_AFTER = re.compile(r"\s+(?:compared (?:to|with)|vs\.?|versus|against)\s")
#: a bare difference after a comparison: "outperforming the vanilla model by an average of 4.4"
_BY_BEFORE = re.compile(r"\b(?:outperform\w*|surpass\w*|exceed\w*|beat\w*|improv\w*|boost\w*|[^\W\d]+s it)\b[^,;:]{0,80}?"
                        r"\bby\s+(?:an average of |on average |up to |over |about |approximately |nearly )?$", re.I)
#: where a bare figure's own words end: "by 4.4." and "of 0.90 with", not "by 2 orders of magnitude"
_BARE_END = re.compile(r"\s*(?:[,.;)]|$|\s(?:on|in|over|and|with|while|across|compared|than|for|when|at)\b)")
#: a second bare figure of the same kind: "scores of 103.3 on UCF101 and 25.5 on K600"
_PARALLEL = re.compile(r"\s+on\s+[^,;()]{1,40}?(?:,\s*(?:and\s+)?|\s+and\s+)")


def _bare_unit(sentence: str, m: re.Match) -> str | None:
    """The unit of a number with no unit of its own that a metric or a comparison names, else None."""
    if _SCORE_AFTER.match(sentence, m.end()) or sentence[m.start() - 1:m.start()] == "(" and \
            _VERSUS_AFTER.match(sentence, m.end()):
        return "score"  # "up to 0.8 accuracy", "WikiZorb (10.8 compared to 15.8 before)"
    if not _BARE_END.match(sentence, m.end()):
        return None
    if (score := _SCORE_OF.search(sentence, max(0, m.start() - 50), m.start())) is not None:
        return score.group(1) or "score"
    if _BY_BEFORE.search(sentence, max(0, m.start() - 120), m.start()) is not None:
        return "points"
    return None


def _parallel_unit(sentence: str, figures: list, m: re.Match) -> str | None:
    """The unit of the previous figure when a bare number repeats its pattern: "103.3 on A and 25.5 on B"."""
    if not figures:
        return None
    prev, unit = figures[-1]
    if (unit in ("score", "points") or unit.isupper()) and _PARALLEL.fullmatch(sentence, prev.end(), m.start()):
        return unit
    return None


def _figures(sentence: str, skip: int = -1) -> list[tuple[re.Match, str]]:
    """Figures with their units; bare numbers coordinated before a figure share its unit ("7.2 and 5.0 BLEU").

    A bare number counts when a metric or a comparison names it ("FVD scores of 103.3 on A and 25.5
    on B", "outperforms X by 4.4"). ``skip``: the start of a device count, which is no figure ("on 8x RTX 4090").
    """
    out, pending = [], []
    for m in _FIGURE.finditer(sentence):
        if m.start() == skip:
            continue
        if pending and not _SEP_ONLY.fullmatch(sentence[pending[-1].end():m.start()]):
            pending = []
        if unit := m.group(2) or m.group(3) or m.group(4):
            unit = _UNIT_NAMES.get(unit.lower(), unit)
            out += [(p, unit) for p in pending] + [(m, unit)]
            pending = []
        elif unit := _bare_unit(sentence, m) or _parallel_unit(sentence, out, m):
            out += [(m, unit)]
            pending = []
        else:
            pending.append(m)
    return sorted(out, key=lambda f: f[0].start())


def _respective(sentence: str, figures: list, tpos: int, tend: int):
    """With "respectively", the figure at the target's place in a run of as many figures as listed names."""
    runs, run = [], []
    for m, _unit in figures:
        if run and not _SEP_ONLY.fullmatch(sentence[run[-1].end():m.start()]):
            runs.append(run)
            run = []
        run.append(m)
    runs.append(run)
    place, size = _list_place(sentence, tpos, tend)
    return next((r[place] for r in runs if len(r) == size > 1), None)


_NAME_START = re.compile(r"\b[A-Z]")
_OPENS = re.compile(r"\s*\(")
_RESTATES = re.compile(r"\s*(?:i\.e\.|that is|namely)", re.I)  # "(i.e., 62% less)" restates what stands before


def _bracket_after(sentence: str, end: int) -> tuple[int, int]:
    """The span of the bracket right after a name ("Path-256 (seq. length 64K, 63.1% accuracy)"), else (0, 0)."""
    opens = _OPENS.match(sentence, end)
    if opens is None:
        return 0, 0
    closes = sentence.find(")", opens.end())
    return (opens.end() - 1, closes) if closes >= 0 and "(" not in sentence[opens.end():closes] else (0, 0)


def _open_bracket(sentence: str, start: int, lo: int = 0) -> int:
    """Where the bracket a figure at ``start`` stands in opens (searched from ``lo``), or -1."""
    opened = sentence.rfind("(", lo, start)
    return opened if opened >= 0 and ")" not in sentence[opened:start] else -1


def _in_others_bracket(sentence: str, start: int, tend: int) -> bool:
    """Whether a figure stands in brackets opened after the target, right after another name."""
    bracket = _open_bracket(sentence, start, tend)
    return bracket >= 0 and _NAME_START.search(sentence, tend, bracket) is not None
    # "A (...", "A challenge (...": A's; "A and B (...": B's


def _walled(between: str) -> bool:
    """Whether a semicolon or a colon stands between a figure and the target (brackets do not:
    "11.9x higher throughput (length 32k, NVIDIA H100)" is a claim on the H100)."""
    return ";" in between or ": " in between


def _key(start: int, end: int, tpos: int, tend: int, clause: tuple[int, int]) -> tuple[bool, int]:
    """How well a figure at [start, end) fits the target: in its clause first, then nearest its nearer edge."""
    if tpos < 0:
        return False, start
    dist = tpos - end if end <= tpos else max(0, start - tend)
    return not clause[0] <= start < clause[1], dist


def parse_claim(sentence: str, target: str | None = None, devices: bool = False, data: bool = False) -> Claim | None:
    """The claim a sentence makes about ``target`` (its figure nearest the target), or None.

    A figure in the target's own clause comes first, then the one nearest the target: "2.88x over
    cuBLAS and a 2.02x ..." is about cuBLAS. With ``devices`` (the target is hardware), a count right
    before the name is the claim when no figure stands near: "trained on 2048 Ascend 910 processors".
    With ``data`` (the target is a dataset), sizes and durations are no claim ("over 1000 hours", "24GB").

    >>> c = parse_claim("The framework scales efficiently up to 1,024 GPUs.", "GPUs", devices=True)
    >>> (c.value, c.unit, c.metric)
    (1024.0, 'devices', 'scale')
    """
    if _DIGIT.search(sentence) is None:
        return None  # every figure, count and "from A to B" has a digit: the common case ends here
    tpos = sentence.find(target) if target else -1
    tend = tpos + len(target) if tpos >= 0 else 0
    clause = _bounds(sentence, tpos, tend) if tpos >= 0 else (0, len(sentence))
    count = _DEVICES.search(sentence, max(0, tpos - 40), tpos) if devices and tpos >= 0 else None
    if count is not None and _YEAR_BEFORE.search(sentence, max(0, count.start() - 8), count.end()):
        count = None  # "In 2023 GPUs were scarce": a year
    best = None  # (key, start, end, value, unit)
    figures = _figures(sentence, count.start() if count is not None else -1)
    own = _respective(sentence, figures, tpos, tend) if tpos >= 0 and "respectively" in sentence else None
    own_bracket = _bracket_after(sentence, tend) if tpos >= 0 else (0, 0)
    for m, unit in figures:
        if tpos >= 0 and m is not own and _walled(sentence[m.end():tpos] if m.end() <= tpos else sentence[tend:m.start()]):
            continue  # "(e.g., BERT, RoBERTa-LSTM), achieving 80.74%": the figure belongs to what follows
        if data and unit in _SIZES:
            continue
        if tpos >= 0 and m is not own and _in_others_bracket(sentence, m.start(), tend):
            continue  # "on A (10.8 vs 15.8) and B (66.5% vs 63.2%)": B's figure is no claim on A
        key = (False, -1) if m is own or own_bracket[0] < m.start() < own_bracket[1] else \
            _key(m.start(), m.end(), tpos, tend, clause)  # the target's own bracket: "Path-256 (..., 63.1% accuracy)"
        if best is None or key < best[0]:
            best = (key, m.start(), m.end(), float(m.group(1).replace(",", "")), unit)
    for ft in _FROM_TO.finditer(sentence):
        key = _key(ft.start(), ft.end(), tpos, tend, clause)
        if best is None or key < best[0]:
            noun = re.search(r"([A-Za-z][\w\-]*)\s+$", sentence[:ft.start()])  # "decoding steps from 256 to 30"
            unit = noun.group(1).lower() if noun and noun.group(1).lower().endswith("s") else "count"
            best = (key, ft.start(), ft.end(), float(ft.group(2).replace(",", "")), unit)
    if count is not None and (best is None or best[0][1] > _COUNT_REACH or "," in sentence[best[2]:count.start()]):
        # "over 1000 hours, using 8 GPUs": the count, not a figure of another clause
        text = _clause(sentence, count.start(), tend)
        return Claim(text=text, value=float(count.group(1).replace(",", "")), unit="devices", metric="scale")
    if best is None:
        return None
    _, start, end, value, unit = best
    text = _clause(sentence, start, end)
    before, after = sentence[max(0, start - 60):start], sentence[end:end + 60]
    opened = _open_bracket(sentence, start)
    closed = sentence.find(")", end)
    if opened >= 0 and closed >= 0:
        if not _RESTATES.match(sentence, opened + 1):
            before, after = sentence[opened + 1:start], sentence[end:closed]  # a bracket's figure: its words are there
        if 0 <= tpos and tend <= opened and closed + 1 - tpos < 160:
            text = sentence[tpos:closed + 1]  # "WikiText103 (10.8 compared to SOTA perplexity of 15.8)"
    if target and target in sentence and target not in text:
        lo, hi = min(start, tpos), max(end, tend)
        if hi - lo < 160:
            text = sentence[lo:hi].strip(" ,;")
    context = sentence[max(0, start - 60):end + 60]
    metric = unit.lower() if unit.lower() in _UNIT_METRICS or unit.isupper() and unit not in _SIZES \
        else _metric(before, after)  # "FVD" names its metric, "GB" does not
    return Claim(text=text, value=value, unit=unit, metric=metric, direction=_direction(context))
