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
    rf"(?<![\w.\-]){_NUM}\s*(?:(x|×|times|-fold|fold)|(%|percent|percentage points|pp)|(ms|s|seconds|hours|GB|MB|TB|"
    rf"tokens/s|tokens per second|TFLOPs|TFLOPS|PFLOPs|FLOPs|points|BLEU|dB|mIoU|mAP|FID|PSNR|ROUGE-?L?))?(?![\w.])",
    re.I)  # not inside a name: "MI250X", "A100-40GB"
_FROM_TO = re.compile(rf"from {_NUM} to {_NUM}", re.I)
METRICS = ("throughput", "latency", "speedup", "speed-up", "speed", "memory", "accuracy", "perplexity", "MFU",
           "FLOPs", "bitrate", "BLEU", "F1", "energy", "cost", "compression", "quality", "decoding steps", "steps",
           "parameters", "error", "training time", "inference time", "time", "performance", "score", "tokens")
_UNIT_METRICS = {"bleu", "flops", "tflops", "pflops", "tokens/s", "tokens per second", "miou", "map", "fid", "psnr",
                 "rouge", "rouge-l", "rougel"}  # "2.9 BLEU" measures BLEU
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


def _clause(sentence: str, start: int, end: int) -> str:
    """The part of the sentence around [start, end), bounded by clause punctuation."""
    left = max(sentence.rfind(p, 0, start) for p in (",", ";", ":", "(", " while ", " and "))
    right_cands = [i for i in (sentence.find(p, end) for p in (",", ";", ".", ")", " while ")) if i != -1]
    right = min(right_cands) if right_cands else len(sentence)
    return sentence[left + 1 if left >= 0 else 0:right].strip(" ,;")


def parse_claim(sentence: str, target: str | None = None) -> Claim | None:
    """The claim a sentence makes about ``target`` (its figure nearest the target), or None."""
    tpos = sentence.find(target) if target else -1
    best = None
    for m in _FIGURE.finditer(sentence):
        unit = m.group(2) or m.group(3) or m.group(4)
        if not unit:
            continue
        if not unit and re.match(r"\d{4}$", m.group(1)):  # a year
            continue
        dist = abs(m.start() - tpos) if tpos >= 0 else m.start()
        if best is None or dist < best[0]:
            best = (dist, m, unit)
    ft = _FROM_TO.search(sentence)
    if best is None and ft is None:
        return None
    if best is None or (ft and abs(ft.start() - max(tpos, 0)) < best[0]):
        start, end = ft.start(), ft.end()
        noun = re.search(r"([A-Za-z][\w\-]*)\s+$", sentence[:start])  # "decoding steps from 256 to 30"
        unit = noun.group(1).lower() if noun and noun.group(1).lower().endswith("s") else "count"
        value = float(ft.group(2).replace(",", ""))
    else:
        _, m, unit = best
        start, end = m.start(), m.end()
        value = float(m.group(1).replace(",", ""))
        unit = {"×": "x", "times": "x", "-fold": "x", "fold": "x", "percent": "%"}.get(unit.lower(), unit)
        unit = unit if unit in ("x", "%") else unit
    text = _clause(sentence, start, end)
    if target and target in sentence and target not in text:
        t_end = tpos + len(target)
        lo, hi = min(start, tpos), max(end, t_end)
        if hi - lo < 160:
            text = sentence[lo:hi].strip(" ,;")
    context = sentence[max(0, start - 60):end + 60]
    metric = unit.lower() if unit.lower() in _UNIT_METRICS else _metric(sentence[max(0, start - 60):start],
                                                                       sentence[end:end + 60])
    return Claim(text=text, value=value, unit=unit, metric=metric, direction=_direction(context))
