"""Exact literal prefilters for the extractor's regular expressions, computed from the patterns themselves.

Most cue patterns can only match where one of a few literal strings occurs:
``COMPARE`` needs "than", "outperform", "versus", ...; the hardware phrase
needs "device", "chip", "cluster", ...; an inverted acronym needs "(".
Python's ``re`` tries the whole pattern at every position of the sentence,
which is slow for big case-insensitive alternations; one Aho-Corasick pass
(pyahocorasick) over the text is not.

:func:`~kg.extract.literals.analyse` reads a compiled pattern's parse tree and proves two literal
sets (lower-cased when the pattern ignores case): *required*, one of which
every match contains, and *first*, one of which every match starts with.
:class:`Prefiltered` wraps a pattern with the same methods and answers: when
no required literal occurs in the searched slice there is no match; when every
match starts with a first literal, ``search``/``finditer`` start the pattern
at the first place where one could begin (no match starts earlier, so the
answer is the same). ``match``, ``fullmatch`` and short texts go straight to
the pattern.

:func:`install` swaps every module-level compiled pattern (and tuple of
patterns) of the given modules for its wrapper when a useful set exists, so
the sets follow any edit of the patterns automatically.

Every wrapper runs a pattern's ASCII-mode twin on ASCII strings (kg/extract/asciire.py), and
:func:`install` wraps the patterns with no useful literal set in :class:`~kg.extract.asciire.AsciiTwin`.
"""
from __future__ import annotations

import re
import sys
from re import _parser

import ahocorasick

from kg.extract.asciire import AsciiTwin, PatternAttributes, ascii_twin, start_characters, unicode_dependent
from kg.extract.literals import analyse, selective

#: Non-ASCII characters that ``re.IGNORECASE`` equates with an ASCII letter but ``str.lower`` does not
#: map to that single letter (dotted/dotless i, long s; the Kelvin sign lower-cases to "k" already).
_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})
_FEW = 8  # literal sets up to this size are tested with str.find/in, larger ones with an automaton
_FEW_FIRST = 4  # the same for the first-literal start, which needs every literal's find (8 costs ~11 M more on 300 synthetic papers)
#: a twin whose match can start with at most this many characters scans a text faster than the literal tests
#: (both cases of four letters; 2, 6, 10, 12 and 16 measured no better on 300 synthetic papers, 30 worse)
_DIRECT = 8
_SHORT = 24  # texts shorter than this go straight to the pattern


def _automaton(literals) -> "ahocorasick.Automaton":
    auto = ahocorasick.Automaton()
    for lit in literals:
        auto.add_word(lit, len(lit))
    auto.make_automaton()
    return auto


def _innermost(literals: frozenset[str]) -> frozenset[str]:
    """The literals holding no other one: a text holds one of them exactly when it holds one of ``literals``.

    Only for sets small enough to be tested by ``in`` (an automaton's pass costs the same for any number).

    >>> sorted(_innermost(frozenset({"our", "ours", "detour", "we"})))
    ['our', 'we']
    """
    if len(literals) > 2 * _FEW:
        return literals
    return frozenset(lit for lit in literals if not any(other in lit for other in literals if other != lit))


def _shortest_prefixes(literals: frozenset[str]) -> frozenset[str]:
    """The literals starting with no other one: where the first of them starts, the first of ``literals`` starts.

    >>> sorted(_shortest_prefixes(frozenset({"this", "this paper", "thisx", "the proposed"})))
    ['the proposed', 'this']
    """
    kept: list[str] = []
    for lit in sorted(literals):  # the strings sorted between a literal and one it starts all start with it
        if not (kept and lit.startswith(kept[-1])):
            kept.append(lit)
    return frozenset(kept)


_last = [None, None]  # (text, text.lower()) of the latest case-blind test: many patterns test one sentence in a row


class Prefiltered(PatternAttributes):
    """A compiled pattern behind exact literal tests; same methods, same answers."""

    __slots__ = ("pattern_obj", "required", "first", "ignore_case", "_req", "_first", "_longest", "_ascii", "_req_few",
                 "_first_few")

    def __init__(self, pattern: re.Pattern, required: frozenset[str] | None, first: frozenset[str] | None,
                 ignore_case: bool) -> None:
        self.pattern_obj = pattern
        self.required, self.first, self.ignore_case = required, first, ignore_case
        # the required set is tested only when it is selective and says more than the first set; both are searched
        # with the fewest literals that give the same answers ("ours" occurs only where "our" does, "this paper"
        # starts where "this" does; the public sets stay as proven)
        req = _innermost(required) if required and selective(required) and required != first else None
        first = _shortest_prefixes(first) if first else None
        self._req = _automaton(req) if req else None
        self._first = _automaton(first) if first else None
        self._longest = max(map(len, first)) if first else 0
        # a few literals: str.find/in (one C search each) cost less than one automaton pass
        self._req_few = tuple(sorted(req)) if req and len(req) <= _FEW else None
        self._first_few = tuple(sorted(first)) if first and len(first) <= _FEW_FIRST else None
        self._ascii = None  # its ASCII twin, for ASCII strings: compiled on first use

    def __repr__(self) -> str:
        return f"Prefiltered({self.pattern_obj!r})"

    def _twin(self) -> re.Pattern:
        self._ascii = ascii_twin(self.pattern_obj)
        return self._ascii

    def _start(self, text: str, pos: int, endpos: int) -> int:
        """A position no match in ``text[pos:endpos]`` starts before; -1 when there is no match at all.

        One flat function (it runs ~130 times a paper): the slice as the literals are written (lower case
        for a case-blind pattern), then the required test, then where a first literal begins (with up to
        ``_FEW`` literals, the earliest start by ``str.find``; else the automaton's first literal to end, less the
        longest literal's length).
        """
        n = len(text)
        if pos or endpos < n:  # a window, read as re reads it
            if pos < 0:
                pos = 0
            if endpos < n:
                n = endpos
            if n - pos < _SHORT:
                return pos
            text = text[pos:n]
        elif n < _SHORT:
            return 0  # a short text: the pattern itself is quicker than any test
        if self.ignore_case:
            if text is _last[0]:
                text = _last[1]  # the same sentence as the previous case-blind test: lowered already
            elif text.isascii():
                _last[0], _last[1] = text, text.lower()
                text = _last[1]
            else:
                low = text.translate(_FOLD).lower()
                if len(low) != len(text):
                    return pos  # offsets must stay aligned; else no shortcut
                text = low
        if self._req_few is not None:
            if not any(map(text.__contains__, self._req_few)):
                return -1
        elif self._req is not None:
            for _hit in self._req.iter(text):
                break
            else:
                return -1
        if self._first is None:
            return pos
        if self._first_few is not None:  # where the first literal starts
            best = -1
            for lit in self._first_few:
                i = text.find(lit)
                if i >= 0 and (i < best or best < 0):
                    best = i
            return pos + best if best >= 0 else -1
        for hit in self._first.iter(text):  # the first literal to end; none starting earlier is longer
            back = hit[0] + 1 - self._longest
            return pos + back if back > 0 else pos
        return -1

    def possible(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> bool:
        """False only when no match can exist in ``text[pos:endpos]``."""
        return self._start(text, pos, endpos) >= 0

    def search(self, string, pos=0, endpos=sys.maxsize):
        start = self._start(string, pos, endpos)
        if start < 0:
            return None
        return ((self._ascii or self._twin()) if string.isascii() else self.pattern_obj).search(string, start, endpos)

    def finditer(self, string, pos=0, endpos=sys.maxsize):
        start = self._start(string, pos, endpos)
        if start < 0:
            return iter(())
        return ((self._ascii or self._twin()) if string.isascii() else self.pattern_obj).finditer(string, start, endpos)

    def findall(self, string, pos=0, endpos=sys.maxsize):
        if not self.possible(string, pos, endpos):
            return []
        return ((self._ascii or self._twin()) if string.isascii() else self.pattern_obj).findall(string, pos, endpos)

    def match(self, string, pos=0, endpos=sys.maxsize):
        return ((self._ascii or self._twin()) if string.isascii() else self.pattern_obj).match(string, pos, endpos)

    def fullmatch(self, string, pos=0, endpos=sys.maxsize):
        return ((self._ascii or self._twin()) if string.isascii() else self.pattern_obj).fullmatch(string, pos, endpos)

    def sub(self, repl, string, count=0):
        if not self.possible(string):
            return string
        return ((self._ascii or self._twin()) if string.isascii() else self.pattern_obj).sub(repl, string, count)

    def subn(self, repl, string, count=0):
        if not self.possible(string):
            return string, 0
        return ((self._ascii or self._twin()) if string.isascii() else self.pattern_obj).subn(repl, string, count)

    def split(self, string, maxsplit=0):
        if not self.possible(string):
            return [string]
        return ((self._ascii or self._twin()) if string.isascii() else self.pattern_obj).split(string, maxsplit)


def prefiltered(pattern: re.Pattern) -> re.Pattern | Prefiltered | AsciiTwin:
    """The pattern behind its literal tests, else behind its ASCII twin, else the pattern itself."""
    if isinstance(pattern, (Prefiltered, AsciiTwin)):
        return pattern
    tree = _parser.parse(pattern.pattern, pattern.flags) if isinstance(pattern.pattern, str) else None
    required, first, ci = analyse(pattern, tree)
    if (first is None and not (required and selective(required))) or pattern.match("") is not None:
        # no useful literal (a pattern that can match the empty string matches everywhere)
        return AsciiTwin(pattern) if unicode_dependent(pattern) else pattern
    chars = start_characters(tree.data, ci)
    return (_Direct if chars is not None and chars <= _DIRECT else Prefiltered)(pattern, required, first, ci)


class _Direct(Prefiltered):
    """A pattern whose twin skips nearly every position by itself: only :meth:`possible` tests the literals.

    ``re`` skips the positions a match cannot start at with one test each, in C; where few characters
    can start one ("we"/"our": w, W, o, O), that scan costs less than a literal test's own pass.
    """

    __slots__ = ()
    search, finditer, findall = AsciiTwin.search, AsciiTwin.finditer, AsciiTwin.findall
    sub, subn, split = AsciiTwin.sub, AsciiTwin.subn, AsciiTwin.split


_prefiltered = prefiltered


def install(*modules) -> dict[str, Prefiltered | AsciiTwin]:
    """Swap the module-level patterns of ``modules`` for prefiltered ones; returns what was swapped."""
    done: dict[str, Prefiltered | AsciiTwin] = {}
    made: dict[int, re.Pattern | Prefiltered | AsciiTwin] = {}  # a pattern imported by several modules: one wrapper

    def prefiltered(pattern):  # noqa: F811 (the module function, memoised per pattern object)
        if id(pattern) not in made:
            made[id(pattern)] = _prefiltered(pattern)
        return made[id(pattern)]

    for mod in modules:
        for name, value in list(vars(mod).items()):
            if isinstance(value, re.Pattern):
                new = prefiltered(value)
                if new is not value:
                    setattr(mod, name, new)
                    done[f"{mod.__name__}.{name}"] = new
            elif isinstance(value, tuple) and value and all(isinstance(v, re.Pattern) for v in value):
                new_t = tuple(prefiltered(v) for v in value)
                if any(a is not b for a, b in zip(new_t, value)):
                    setattr(mod, name, new_t)
                    done.update({f"{mod.__name__}.{name}[{i}]": p for i, p in enumerate(new_t)
                                 if isinstance(p, (Prefiltered, AsciiTwin))})
    return done
