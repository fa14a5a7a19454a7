"""Text clean-up before extraction: URLs blanked, simple LaTeX unwrapped, lost backslashes mended.

Abstracts copied from listing pages keep LaTeX debris: ``\\textbf{...}``, ``$x$``, and ``\\times``
without its backslash ("256times 256", "8timesRTX 4090"). The cue patterns and claims read cleaned text.
"""
from __future__ import annotations

import re

from kg.extract import fastre

_DIMENSION = re.compile(r"(?<=\d)\s?times\s?(?=\d)")
_TIMES_NAME = re.compile(r"(?<=\d)times(?=[A-Z])")  # "on 8timesRTX 4090": "8 \times RTX" lost its backslash
_TIE = re.compile(r"(?<=[A-Za-z])~(?=[A-Za-z(\\])")  # LaTeX's unbreakable space: "Regions of Interest~(RoIs)"
_MATH = re.compile(r"\$([^$]{1,20})\$")
_URL = re.compile(r"(?:https?://|www\.|github\.com/)\S+", re.I)
#: a footnote glued to the word it marks: "a framework, PromptTPPOur code is available at {\\url{https://...}}, by"
_FOOTNOTE = re.compile(r"(?<=[A-Za-z0-9])(?:Our|The|All) (?:source )?(?:code|codes|implementation|models?|data)\s+"
                       r"(?:is|are|will be|has been|can be)\b[^.]{0,60}?(?:https?://|www\.|github\.com/)[^\s}]*\}*")
_LATEX_CMD = re.compile(r"\\(?:textbf|textit|emph|texttt|mathrm|mathbf|text|textsc|underline)\{([^{}]*)\}")


def clean_text(text: str) -> str:
    r"""Text with URLs blanked and simple LaTeX unwrapped.

    >>> clean_text(r"Lion (Evo\textbf{Lved Sign Momentum}) at https://x.io/a")
    'Lion (EvoLved Sign Momentum) at '
    >>> clean_text("on ImageNet256times 256, we dub ``Zorb Search''")
    'on ImageNet256x256, we dub "Zorb Search"'
    >>> clean_text(r"a framework, PromptTPPOur code is at {\\url{ https://github.com/a/b}}, by")
    'a framework, PromptTPP, by'
    >>> clean_text("token Regions of Interest~(RoIs)")
    'token Regions of Interest (RoIs)'
    >>> clean_text("on 8timesRTX 4090")
    'on 8x RTX 4090'
    >>> clean_text(r"a 16\% improvement")
    'a 16% improvement'
    """
    if not may_clean(text):
        return text  # most titles and sentences: seven pattern calls saved
    text = _URL.sub("", _FOOTNOTE.sub("", text)).replace("\\%", "%")  # "a 16\% improvement"
    text = _LATEX_CMD.sub(r"\1", text)
    text = _DIMENSION.sub("x", text.replace("``", '"').replace("''", '"'))  # "256times 256" lost its backslash
    text = _TIMES_NAME.sub("x ", _TIE.sub(" ", text))
    return _MATH.sub(r"\1", text)


def may_clean(text: str) -> bool:
    r"""False only when :func:`clean_text` would leave every part of ``text`` as it is.

    By literals alone (a few ``in`` tests and one prefilter call are cheaper than the patterns): each step needs
    a backslash (``\%``, LaTeX commands), "times", "~", "$", two quotes, or a URL (``_FOOTNOTE`` holds one too, and
    ``_URL``'s literal test answers for both). A step that finds nothing leaves the next one the same text, so
    without any of them every step is the identity.

    >>> import kg.extract.rules  # installs the prefilters (without them: always True)
    >>> may_clean("Sometimes Attention Is All You Need"), may_clean("A Study of Transformers for Vision")
    (True, False)
    """
    return "\\" in text or "times" in text or "~" in text or "$" in text or "``" in text or "''" in text or \
        not isinstance(_URL, fastre.Prefiltered) or _URL.possible(text)
