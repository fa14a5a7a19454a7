#!/usr/bin/env python3
"""Derive ``ontology/gazetteer.jsonl`` from the raw vocabularies in ``../shared/vocab/``.

Run once when the sources change (``python scripts/build_vocab.py``); the
result is committed, so kg never reads ``../shared`` at run time.

Filtering, in short:
- Names shorter than 2 characters, numeric-only names and PwC "deleted" rows are dropped.
- Every entry gets a match ``mode``: ``ci`` (case-insensitive: multi-word
  lower-case technique names, distinctive coinages), ``cs`` (exact case:
  acronyms and capitalised names) or ``ctx`` (the name is a common English
  word — "Focus", "Weather", "Library" — and counts only next to a cue such
  as "dataset" or "benchmark"). Word frequency comes from ``wordfreq``
  (build-time only).
- Model names come from Epoch AI and Hugging Face Transformers; a PwC method
  that is also a known model (BERT, CLIP, GPT-4) is typed Model. Epoch AI
  systems listed by a description ("Image generation", "RNN for speech":
  a lower-case word after the first, other than a size such as "mini") are
  left out: they match ordinary sentences, not names.
- Hardware names get short aliases by dropping vendor and memory suffixes
  ("NVIDIA H100 SXM5 80GB" -> "H100 SXM5", "H100").

Attribution: methods, datasets and tasks are adapted from Papers with Code
(CC BY-SA 4.0), models and hardware from Epoch AI (CC BY 4.0) and Hugging
Face Transformers (Apache-2.0). The derived file keeps each row's ``src``.
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT.parent / "shared" / "vocab"
OUT = ROOT / "ontology" / "gazetteer.jsonl"
COMMON_ZIPF = 3.0
VENDORS = r"^(NVIDIA|Nvidia|AMD|Intel|Google|Huawei|Apple|Qualcomm|Graphcore|Cerebras|Amazon AWS|Amazon|Microsoft|Meta|Tesla|Baidu|Alibaba|Habana|SambaNova|Groq)\s+"


def rows(name: str):
    with open(SRC / name, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


def common(word: str) -> bool:
    from wordfreq import zipf_frequency
    return zipf_frequency(word.lower(), "en") >= COMMON_ZIPF


def mode_for(name: str) -> str:
    words = name.split()
    if len(words) == 1:
        if re.fullmatch(r"[A-Za-z]+", name) and common(name):
            return "ctx"
        # lower-case single words (e.g. "tiling") are too ambiguous without an exact-case match
        return "cs" if any(c.isupper() for c in name) or not name.isalpha() else "ctx"
    if all(common(w) for w in words if w.isalpha()) and name[0].isupper() and not name.isupper() and len(words) <= 2:
        return "cs"  # "Dense Connections": only as written
    if any(c.isupper() for c in name[1:]) or any(c.isdigit() for c in name):
        return "cs"
    return "ci"


#: lower-case words a real model name may carry ("GPT-4o mini", "DALL-E mega")
SIZE_WORDS = {"mini", "mega", "micro", "nano", "base", "large", "small", "medium", "tiny", "chat", "instruct"}


def descriptive_title(name: str) -> bool:
    """An Epoch AI system listed by what it does ("Image generation", "RNN for speech"), not by a name."""
    words = name.split()
    return len(words) >= 2 and any(re.fullmatch(r"[a-z]{3,}", w) and w not in SIZE_WORDS for w in words[1:])


def keep(name: str) -> bool:
    return 2 <= len(name) <= 80 and not name.isdigit() and "deleted" not in name and not name.startswith("(")


def hw_aliases(name: str) -> list[str]:
    out = []
    short = re.sub(VENDORS, "", name)
    short = re.sub(r"\s*\(.*?\)", "", short)
    out.append(short)
    s2 = re.sub(r"\s+\d+\s*GB\b.*$", "", short)
    out.append(s2)
    s3 = re.sub(r"\s+(SXM\d?|PCIe|NVL|HGX|OAM|SXM)\b.*$", "", s2)
    out.append(s3)
    return [a for a in dict.fromkeys(out) if a and a != name and len(a) >= 3]


def main() -> int:
    entries: dict[tuple[str, str], dict] = {}

    def add(type_: str, name: str, aliases, src: str, **extra):
        name = " ".join(name.split())
        if not keep(name):
            return
        key = (type_, name.lower())
        e = entries.setdefault(key, {"type": type_, "name": name, "aliases": [], "src": src, **extra})
        for a in aliases:
            a = " ".join(str(a).split())
            if keep(a) and a.lower() != name.lower() and a not in e["aliases"]:
                e["aliases"].append(a)

    model_names = set()
    for r in rows("models.jsonl"):
        if r.get("source") == "hf_transformers":
            continue  # config keys ("bert", "auto") are not names as written in papers
        if re.search(r"[(+,/]| vs ", r["name"]):
            continue  # leaderboard-style variants ("Transformer-XL + RMT (WT2)") are never written so
        model_names.add(r["name"].lower())
    method_names = set()
    for r in rows("methods.jsonl"):
        explicit = [a for a in r.get("aliases") or [] if a not in (r.get("aliases_from_description") or [])]
        method_names.add(r["name"].lower())
        add("Method", r["name"], explicit, "pwc", papers=r.get("num_papers", 0))
    for r in rows("models.jsonl"):
        if r.get("source") == "epoch_ai" and r["name"].lower() in model_names - method_names \
                and not descriptive_title(r["name"]):
            add("Model", r["name"], [], "epoch_ai")
    for r in rows("datasets.jsonl"):
        if r.get("kind") == "evaluation_benchmark" and re.search(r"[(]| - | vs |\bval\b|\btest\b", r["name"]):
            continue
        add("Dataset", r["name"], [a for a in r.get("aliases") or [] if a not in (r.get("aliases_from_description") or [])],
            "pwc")
    for r in rows("hardware.jsonl"):
        add("Hardware", r["name"], hw_aliases(r["name"]), "epoch_ai", kind=r.get("type"))
    for r in rows("tasks.jsonl"):
        if r["name"][0].isalpha() and len(r["name"].split()) >= 2:
            add("Task", r["name"], [], "pwc")

    out = []
    for e in sorted(entries.values(), key=lambda e: (e["type"], e["name"].lower())):
        e["mode"] = mode_for(e["name"])
        if e["type"] == "Task":
            e["mode"] = "ci"
        out.append(json.dumps(e, ensure_ascii=False, sort_keys=True))
    OUT.write_text("\n".join(out) + "\n", encoding="utf-8")
    print(f"wrote {len(out)} entries to {OUT}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
