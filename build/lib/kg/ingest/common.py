"""Helpers shared by loaders: URL finding and cleaning, dates, arXiv ids."""
from __future__ import annotations

import re

MONTHS = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}

# A URL with a scheme, or a bare host we know serves code or project pages.
_URL = re.compile(
    r"(?:https?://[^\s<>\"']+)"
    r"|(?:(?<![\w/.@])(?:www\.|github\.com/|gitlab\.com/|huggingface\.co/|bitbucket\.org/)[^\s<>\"']+)",
    re.I)
#: every match of ``_URL`` contains one of these (lower-cased)
_URL_HINTS = ("http", "www.", "github.com/", "gitlab.com/", "huggingface.co/", "bitbucket.org/")
_ARXIV = re.compile(r"(?:arxiv\.org/(?:abs|pdf)/)?(\d{4}\.\d{4,5}|[a-z\-]+(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?", re.I)


def clean_url(raw: str) -> str | None:
    """Strip trailing punctuation and LaTeX debris from a URL found in text.

    >>> clean_url("https://github.com/hutaiHang/Faster-Diffusion{FasterDiffusion}.")
    'https://github.com/hutaiHang/Faster-Diffusion'
    >>> clean_url("https://github.com/divelab/AIRS/tree/main/OpenMol/TDN{https://github.com/divelab/AIRS/}).")
    'https://github.com/divelab/AIRS/tree/main/OpenMol/TDN'
    >>> clean_url("github.com/predsci/hipft).")
    'https://github.com/predsci/hipft'
    >>> clean_url("https://github.com/ihaeyong/PFNR.git.")
    'https://github.com/ihaeyong/PFNR'
    """
    url = raw.split("{", 1)[0].split("}", 1)[0].split("\\", 1)[0]
    # drop closing punctuation that belongs to the sentence, keeping balanced brackets
    while url and url[-1] in ".,;:!?)]'\"":
        if url[-1] == ")" and url.count("(") >= url.count(")"):
            break
        url = url[:-1]
    if url.lower().endswith(".git"):
        url = url[:-4]
    if not re.match(r"https?://", url, re.I):
        url = "https://" + url
    host = re.sub(r"^https?://", "", url, flags=re.I).split("/", 1)[0]
    if "." not in host or len(host) < 4:
        return None
    if re.fullmatch(r"https?://(www\.)?(github\.com|huggingface\.co|gitlab\.com)/?", url, re.I):
        return None  # a bare host names no artifact
    return url


def find_urls(text: str) -> tuple[str, ...]:
    """Code and project URLs in a text, cleaned, in order of appearance, without duplicates.

    >>> find_urls("Code: github.com/a/b. Demo at https://x.github.io/p/, and https://github.com/a/b")
    ('https://github.com/a/b', 'https://x.github.io/p/')
    """
    low = text.lower()
    if not any(k in low for k in _URL_HINTS):
        return ()  # the pattern cannot match: skip its slow scan of every position
    seen: dict[str, None] = {}
    for m in _URL.finditer(text):
        url = clean_url(m.group(0))
        if url and url.rstrip("/").lower() not in {u.rstrip("/").lower() for u in seen}:
            seen[url] = None
    return tuple(seen)


def arxiv_id(text: str | None) -> str | None:
    """Normalise an arXiv id or abs/pdf URL to the bare id, without version.

    >>> arxiv_id("https://arxiv.org/abs/2312.00752v2")
    '2312.00752'
    >>> arxiv_id("hep-th/9901001") is None
    False
    >>> arxiv_id("not an id") is None
    True
    """
    if not text:
        return None
    m = _ARXIV.search(str(text))
    return m.group(1) if m else None


def iso_date(text: str | None) -> str | None:
    """The ``YYYY-MM-DD`` prefix of an ISO timestamp, or None.

    >>> iso_date("2024-05-27T09:12:00.000Z")
    '2024-05-27'
    """
    if not text:
        return None
    m = re.match(r"(\d{4}-\d{2}-\d{2})", str(text).strip())
    return m.group(1) if m else None


def month_day(month: str, day: int, year: int | None) -> str | None:
    """An ISO date, or ``--MM-DD`` (xsd:gMonthDay) when the year is unknown.

    >>> month_day("Oct", 6, 2025), month_day("Oct", 6, None)
    ('2025-10-06', '--10-06')
    """
    m = MONTHS.get(month[:3].lower())
    if not m or not 1 <= day <= 31:
        return None
    return f"{year:04d}-{m:02d}-{day:02d}" if year else f"--{m:02d}-{day:02d}"
