r"""ASCII-mode twins of Unicode patterns: the same answers on ASCII text, without Unicode's costs.

In Unicode mode (the default for ``str`` patterns) ``re`` tests ``\w``, ``\s``, ``\b`` and ``\d`` with a
call into the Unicode database per character, and ``re.IGNORECASE`` folds every character through
one: these are most of the time the extractor spends inside ``re``. On a string that is all ASCII
(``str.isascii()`` reads a flag, it does not scan) the pattern compiled with ``re.ASCII`` finds the
same matches, with two exceptions :func:`ascii_twin` takes care of:

- Unicode ``\s`` also matches \x1c-\x1f, so the twin's ``\s`` gains that range and its ``\S``
  loses it;
- under ``re.IGNORECASE`` a few non-ASCII pattern characters (dotted and dotless i, long s, the
  Kelvin sign) equate with ASCII letters; a pattern that names one gets no twin.

The twin's alternations are also regrouped by first character (:func:`_regroup`), so that ``re``
skips the alternatives that cannot match with one character test each.

:class:`AsciiTwin` wraps a pattern to run its twin on ASCII strings (the prefiltered wrappers of
kg/extract/fastre.py do the same).
"""
from __future__ import annotations

import re
import sys
from re import _compiler, _parser
from re import _constants as C

import _sre

#: the non-ASCII characters ``re.IGNORECASE`` equates with ASCII letters (tests/extract/test_asciire.py checks all)
_FOLD_KEYS = frozenset("\u0130\u0131\u017f\u212a")
#: on ASCII text, Unicode ``\S`` is every ASCII character but these (ASCII ``\s`` lacks \x1c-\x1f)
_NOT_SPACE = [(C.RANGE, (0x00, 0x08)), (C.RANGE, (0x0E, 0x1B)), (C.RANGE, (0x21, 0x7F))]
_CATEGORIES = {C.CATEGORY_DIGIT, C.CATEGORY_NOT_DIGIT, C.CATEGORY_WORD, C.CATEGORY_NOT_WORD}  # same on ASCII text


def _to_ascii(items: list) -> bool:
    r"""Rewrite a parse tree's items so that ASCII mode matches ASCII text as Unicode mode does.

    ``\s`` gains \x1c-\x1f (Unicode spaces that ASCII mode lacks); False when the pattern names a
    character that Unicode case folding equates with an ASCII letter (``_FOLD_KEYS``), or holds a
    construct not known here.
    """
    for i, (op, av) in enumerate(items):
        if op in (C.LITERAL, C.NOT_LITERAL):
            if chr(av) in _FOLD_KEYS:
                return False
        elif op is C.IN:
            new = []
            for iop, iav in av:
                if iop is C.LITERAL and chr(iav) in _FOLD_KEYS or iop is C.RANGE and any(
                        iav[0] <= ord(k) <= iav[1] for k in _FOLD_KEYS):
                    return False
                if iop is C.CATEGORY and iav is C.CATEGORY_SPACE:
                    new += [(iop, iav), (C.RANGE, (0x1C, 0x1F))]
                elif iop is C.CATEGORY and iav is C.CATEGORY_NOT_SPACE:
                    new += _NOT_SPACE
                elif iop in (C.LITERAL, C.RANGE, C.NEGATE) or iop is C.CATEGORY and iav in _CATEGORIES:
                    new.append((iop, iav))
                else:
                    return False
            items[i] = (op, new)  # a new list: the parser shares one list per "\\s", "\\w", ... between patterns
        elif op in (C.SUBPATTERN, C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT, C.ASSERT, C.ASSERT_NOT):
            if not _to_ascii(av[-1].data):
                return False
        elif op is C.ATOMIC_GROUP:
            if not _to_ascii(av.data):
                return False
        elif op is C.BRANCH:
            if not all(_to_ascii(alt.data) for alt in av[1]):
                return False
        elif op not in (C.ANY, C.AT, C.GROUPREF):
            return False  # GROUPREF_EXISTS and the rest: keep the pattern as it is
    return True


_ALL = frozenset(range(128))
_CLASS = {C.CATEGORY_DIGIT: frozenset(range(48, 58)), C.CATEGORY_SPACE: frozenset({9, 10, 11, 12, 13, 32}),
          C.CATEGORY_WORD: frozenset(c for c in range(128) if chr(c).isalnum() or c == 95)}
_CLASS.update({C.CATEGORY_NOT_DIGIT: _ALL - _CLASS[C.CATEGORY_DIGIT], C.CATEGORY_NOT_SPACE: _ALL - _CLASS[C.CATEGORY_SPACE],
               C.CATEGORY_NOT_WORD: _ALL - _CLASS[C.CATEGORY_WORD]})
_REPEATS = (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT)


def _cased(chars: set[int], ci: bool) -> set[int]:
    return chars | {ord(chr(c).swapcase()) for c in chars if chr(c).isalpha()} if ci else chars


def _first_chars(items, ci: bool) -> tuple[set[int] | None, bool]:
    """(ASCII codes a match of these items can start with, or None for unknown; whether they can match empty)."""
    out: set[int] = set()
    for op, av in items:
        if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
            continue  # zero-width: the first character is the next item's
        if op is C.LITERAL:
            return out | _cased({av}, ci) if av < 128 else out, False
        if op is C.IN:
            chars: set[int] = set()
            for iop, iav in av:
                if iop is C.LITERAL:
                    chars.add(iav)
                elif iop is C.RANGE:
                    chars.update(range(iav[0], min(iav[1], 127) + 1))
                elif iop is C.CATEGORY and iav in _CLASS:
                    chars |= _CLASS[iav]
                elif iop is not C.NEGATE:
                    return None, False
            chars = _cased(chars, ci) & _ALL
            return out | (_ALL - chars if av and av[0][0] is C.NEGATE else chars), False
        if op is C.SUBPATTERN:
            _group, add, delete, sub = av
            first, empty = _first_chars(sub.data, (ci or bool(add & C.SRE_FLAG_IGNORECASE))
                                        and not delete & C.SRE_FLAG_IGNORECASE)
        elif op is C.ATOMIC_GROUP or op in _REPEATS:
            first, empty = _first_chars((av if op is C.ATOMIC_GROUP else av[2]).data, ci)
            empty = empty or op in _REPEATS and av[0] == 0
        elif op is C.BRANCH:
            first, empty = set(), False
            for alt in av[1]:
                f, e = _first_chars(alt.data, ci)
                if f is None:
                    return None, False
                first, empty = first | f, empty or e
        else:
            return None, False  # ANY, NOT_LITERAL, GROUPREF, ...: any character
        if first is None:
            return None, False
        out |= first
        if not empty:
            return out, False
    return out, True


def _compile(tree, flags: int) -> re.Pattern:
    """``re._compiler.compile`` of a parse tree, with a first-character set where ``re`` finds none.

    ``re`` skips positions whose character cannot start a match only when the pattern begins with a
    literal or a class; before ``\b`` or a look-around, or under ``re.IGNORECASE``, it tries the whole
    pattern at every position. The twin's info block gets the set :func:`_first_chars` proves (both
    cases of a case-blind letter), so the search skips the others in C.
    """
    code = _compiler._code(tree, flags)
    if code[0] is C.INFO and code[2] == 0 and code[3] > 0:  # no prefix or charset, never empty
        chars, empty = _first_chars(tree.data, bool(flags & re.IGNORECASE))
        if chars is not None and not empty and len(chars) == 1:
            # one character: a one-character prefix, which re finds with a plain loop (prefix_skip 0: the
            # whole pattern is matched from that character; the overlap table of one character is [0])
            block = [C.INFO, 8, C.SRE_INFO_PREFIX, code[3], code[4], 1, 0, *chars, 0]
            code = block + code[1 + code[1]:]
        elif chars is not None and not empty and len(chars) < 100:
            charset, _ = _compiler._optimize_charset([(C.LITERAL, c) for c in sorted(chars)])
            block = [C.INFO, 0, C.SRE_INFO_CHARSET, code[3], code[4]]
            _compiler._compile_charset(charset, flags, block)
            block[1] = len(block) - 1
            code = block + code[1 + code[1]:]
    state = tree.state
    indexgroup = [None] * state.groups
    for name, i in state.groupdict.items():
        indexgroup[i] = name
    return _sre.compile(None, flags | state.flags, code, state.groups - 1, state.groupdict, tuple(indexgroup))


def start_characters(items, ci: bool) -> int | None:
    """How many ASCII characters a match of a parse tree's items can start with (None: unknown, or it can be empty)."""
    chars, empty = _first_chars(items, ci)
    return None if chars is None or empty else len(chars)


def unicode_dependent(pattern: re.Pattern) -> bool:
    r"""True when a ``str`` pattern may run faster in ASCII mode: case-blind, or with ``\w``, ``\s``, ``\b``, ``\d``."""
    return isinstance(pattern.pattern, str) and bool(pattern.flags & re.UNICODE) and (
        bool(pattern.flags & re.IGNORECASE) or "\\" in pattern.pattern or "(?" in pattern.pattern)


def ascii_twin(pattern: re.Pattern) -> re.Pattern:
    r"""A pattern that finds in every ASCII string exactly what ``pattern`` finds, in ASCII mode.

    ``pattern`` itself when it is not a Unicode ``str`` pattern or no twin can be proven.

    >>> twin = ascii_twin(re.compile(r"\bgpt\s+\w+", re.I))
    >>> bool(twin.flags & re.ASCII), twin.search("a GPT\x1c4 model").span()
    (True, (2, 7))
    """
    if not isinstance(pattern.pattern, str) or not pattern.flags & re.UNICODE:
        return pattern
    flags = int(pattern.flags & ~re.UNICODE | re.ASCII)  # an int: RegexFlag arithmetic is slow Python
    try:
        tree = _parser.parse(pattern.pattern, flags)
    except re.error:  # an inline (?u)
        return pattern
    try:
        if not _to_ascii(tree.data):
            return pattern
        _fast_branches(tree.data, bool((flags | tree.state.flags) & re.IGNORECASE), tree.state)
        return _compile(tree, flags)
    except Exception:  # noqa: BLE001 - re's private compiler changed (checked on 3.11-3.13): the pattern itself is right
        return pattern


_IGNORECASE = int(re.IGNORECASE)
_NESTED = (*_REPEATS, C.ASSERT, C.ASSERT_NOT)


def _has_group(items) -> bool:
    """True when the items hold a capturing group."""
    for op, av in items:
        if op is C.SUBPATTERN and (av[0] is not None or _has_group(av[3].data)) or op in _NESTED and \
                _has_group(av[-1].data) or op is C.ATOMIC_GROUP and _has_group(av.data) or \
                op is C.BRANCH and any(_has_group(alt.data) for alt in av[1]):
            return True
    return False


def _fast_branches(items: list, ci: bool, state) -> None:
    """Rewrite every alternation so that ``re`` skips at once the alternatives that cannot match (:func:`_regroup`)."""
    for i, (op, av) in enumerate(items):
        if op is C.SUBPATTERN:
            _fast_branches(av[3].data, (ci or bool(av[1] & _IGNORECASE)) and not av[2] & _IGNORECASE, state)
        elif op in _NESTED:
            _fast_branches(av[-1].data, ci, state)
        elif op is C.ATOMIC_GROUP:
            _fast_branches(av.data, ci, state)
        elif op is C.BRANCH:
            for alt in av[1]:
                _fast_branches(alt.data, ci, state)
            items[i] = (op, (av[0], _regroup(av[1], ci, state)))


def _regroup(alts: list, ci: bool, state) -> list:
    """Alternatives that start with a literal, grouped by that character: ``than|this|vs`` is ``th(?:an|is)|vs``.

    ``re`` tests an alternative's first character before trying it only when that is a case-sensitive
    literal; any other alternative is entered in full, at every position the search tries (a case-blind
    alternation of 60 words costs 60 such entries a word). So a case-blind first letter is written as two
    alternatives, one per case (the same on ASCII text), and alternatives with the same first character
    share one test, their rests kept in order inside it (grouping the rests again was slower). The answers
    stay the same: an alternative moves only past ones with another first character (at any position at
    most one of them can match) and keeps its order among the others; one that does not start with a
    literal lets nothing move past it, and one holding a capturing group is not copied.
    """
    entries: list = []  # (first character, head item, rest), or (None, None, the whole alternative)
    for alt in alts:
        head = alt.data[0] if len(alt.data) else (None, None)
        if head[0] is not C.LITERAL:
            entries.append((None, None, alt))
            continue
        c, rest = head[1], alt.data[1:]
        if not (ci and c < 128 and chr(c).isalpha()):
            entries.append((c, head, rest))
        elif _has_group(rest):
            entries.append((None, None, alt))
        else:
            for x in (ord(chr(c).lower()), ord(chr(c).upper())):  # the letter in this case only: (?-i:x)
                entries.append((x, (C.SUBPATTERN, (None, 0, _IGNORECASE, _parser.SubPattern(state, [(C.LITERAL, x)]))),
                                rest))
    out: list = []
    group: dict[int, tuple] = {}  # first character -> (head item, [rests, in order])

    def flush() -> None:
        for head, rests in group.values():
            if len(rests) == 1:
                out.append(_parser.SubPattern(state, [head, *rests[0]]))
            else:
                inner = [_parser.SubPattern(state, list(r)) for r in rests]
                out.append(_parser.SubPattern(state, [head, (C.SUBPATTERN, (None, 0, 0, _parser.SubPattern(
                    state, [(C.BRANCH, (None, inner))])))]))
        group.clear()

    for key, head, x in entries:
        if key is None:
            flush()
            out.append(x)
        else:
            group.setdefault(key, (head, []))[1].append(x)
    flush()
    return out


class PatternAttributes:
    """The data attributes of the wrapped ``re.Pattern`` (``pattern_obj``), for a wrapper class.

    Properties, not ``__getattr__``: a class with ``__getattr__`` makes every attribute lookup on its
    instances take CPython's slow path, the wrappers' own included.
    """

    __slots__ = ()
    pattern = property(lambda self: self.pattern_obj.pattern)
    flags = property(lambda self: self.pattern_obj.flags)
    groups = property(lambda self: self.pattern_obj.groups)
    groupindex = property(lambda self: self.pattern_obj.groupindex)

    def scanner(self, string, pos=0, endpos=sys.maxsize):
        return self.pattern_obj.scanner(string, pos, endpos)


class AsciiTwin(PatternAttributes):
    """A pattern with no useful literal prefilter, run as its :func:`ascii_twin` on ASCII strings."""

    __slots__ = ("pattern_obj", "_ascii")

    def __init__(self, pattern: re.Pattern) -> None:
        self.pattern_obj, self._ascii = pattern, None  # the twin is compiled on first use

    def __repr__(self) -> str:
        return f"AsciiTwin({self.pattern_obj!r})"

    def _twin(self) -> re.Pattern:
        self._ascii = ascii_twin(self.pattern_obj)
        return self._ascii

    def search(self, string, pos=0, endpos=sys.maxsize):
        return ((self._ascii or self._twin()) if string.isascii() else self.pattern_obj).search(string, pos, endpos)

    def match(self, string, pos=0, endpos=sys.maxsize):
        return ((self._ascii or self._twin()) if string.isascii() else self.pattern_obj).match(string, pos, endpos)

    def fullmatch(self, string, pos=0, endpos=sys.maxsize):
        return ((self._ascii or self._twin()) if string.isascii() else self.pattern_obj).fullmatch(string, pos, endpos)

    def finditer(self, string, pos=0, endpos=sys.maxsize):
        return ((self._ascii or self._twin()) if string.isascii() else self.pattern_obj).finditer(string, pos, endpos)

    def findall(self, string, pos=0, endpos=sys.maxsize):
        return ((self._ascii or self._twin()) if string.isascii() else self.pattern_obj).findall(string, pos, endpos)

    def sub(self, repl, string, count=0):
        return ((self._ascii or self._twin()) if string.isascii() else self.pattern_obj).sub(repl, string, count)

    def subn(self, repl, string, count=0):
        return ((self._ascii or self._twin()) if string.isascii() else self.pattern_obj).subn(repl, string, count)

    def split(self, string, maxsplit=0):
        return ((self._ascii or self._twin()) if string.isascii() else self.pattern_obj).split(string, maxsplit)
