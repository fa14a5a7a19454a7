"""The literals a regular expression's matches must hold, read off its parse tree (for kg/extract/fastre.py).

:func:`analyse` proves two literal sets of a compiled pattern (lower-cased when the pattern
ignores case): *required*, one of which every match contains, and *first*, one of which every
match starts with. :func:`selective` says whether a set is worth testing at all.
"""
from __future__ import annotations

import re
from itertools import product
from re import _constants as C
from re import _parser

_MAX_SET = 64  # a product of adjacent literal alternatives is kept only up to this many strings
_ZERO_WIDTH = {C.AT, C.ASSERT, C.ASSERT_NOT}
#: two-letter words so common, also inside longer words, that a prefilter on them rarely skips anything
_COMMON_SHORT = {"we", "us", "in", "on", "an", "to", "of", "is", "it", "as", "at", "by", "or", "be", "no", "do", "if",
                 "so", "up", "re", "er", "ed", "es", "en", "th"}


def selective(literals) -> bool:
    """True when a literal set is worth testing: no single letters or digits, no very common short words."""
    return all(not lit.isalnum() or len(lit) > 2 or len(lit) == 2 and lit.lower() not in _COMMON_SHORT
               for lit in literals)


def _best(cands: list[frozenset[str]]) -> frozenset[str] | None:
    """The most selective literal set: longest shortest string, then fewest strings."""
    cands = [c for c in cands if c and all(c)]
    if not cands:
        return None
    return max(cands, key=lambda c: (min(map(len, c)), -len(c)))


def _seq(items, ci: bool) -> tuple[frozenset[str] | None, frozenset[str] | None]:
    """(exact, required) for a sequence: exact when it matches only strings of a finite set."""
    reqs: list[frozenset[str]] = []
    run: frozenset[str] | None = frozenset({""})  # product of the current run of exact items
    all_exact = True
    for op, av in items:
        exact, req = _node(op, av, ci)
        if exact is not None and run is not None and len(run) * len(exact) <= _MAX_SET:
            run = frozenset(a + b for a, b in product(run, exact))
            continue
        if run is not None:
            reqs.append(run)
        all_exact = False
        if exact is not None and len(exact) <= _MAX_SET:
            run = exact
        else:
            run, all_exact = None, False
            if req is not None:
                reqs.append(req)
    if run is not None:
        reqs.append(run)
    if all_exact and run is not None and len(reqs) == 1:
        return run, _best(reqs)
    return None, _best(reqs)


def _char(code: int, ci: bool) -> str | None:
    ch = chr(code)
    if ci:
        if not ch.isascii():
            return None  # non-ASCII case folding is not worth proving
        return ch.lower()
    return ch


def _node(op, av, ci: bool) -> tuple[frozenset[str] | None, frozenset[str] | None]:
    """(exact, required) for one parse-tree node; see :func:`required_literals`."""
    if op is C.LITERAL:
        ch = _char(av, ci)
        return (frozenset({ch}), frozenset({ch})) if ch is not None else (None, None)
    if op in _ZERO_WIDTH:
        return frozenset({""}), None  # consumes nothing: literals on both sides stay adjacent
    if op is C.IN:
        chars = set()
        for iop, iav in av:
            if iop is not C.LITERAL or len(chars) >= 8:
                return None, None
            ch = _char(iav, ci)
            if ch is None:
                return None, None
            chars.add(ch)
        return (frozenset(chars),) * 2 if chars else (None, None)
    if op is C.SUBPATTERN:
        _group, add, delete, sub = av
        if (add | delete) & C.SRE_FLAG_IGNORECASE:
            return None, None  # a local case flag: keep it simple and prove nothing
        return _seq(sub, ci)
    if op is C.ATOMIC_GROUP:
        return _seq(av, ci)
    if op is C.BRANCH:
        alts = [_seq(alt, ci) for alt in av[1]]
        exact = None
        if all(e is not None for e, _ in alts):
            exact = frozenset().union(*(e for e, _ in alts))
        reqs = [r if r is not None else e for e, r in alts]
        req = frozenset().union(*reqs) if all(r is not None and all(r) for r in reqs) else None
        return exact, req
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        lo, hi, sub = av
        exact, req = _seq(sub, ci)
        if lo == hi == 1:
            return exact, req
        if lo >= 1:
            return None, req if req is not None else exact
        return None, None
    return None, None  # ANY, CATEGORY, NOT_LITERAL, GROUPREF, ...: any character


def _first_seq(items, ci: bool) -> frozenset[str] | None:
    """Literals every match of a sequence starts with (after zero-width assertions), or None."""
    run = frozenset({""})
    for op, av in items:
        if op in _ZERO_WIDTH:
            continue
        exact, _req = _node(op, av, ci)
        if exact is not None and len(run) * len(exact) <= _MAX_SET:
            run = frozenset(a + b for a, b in product(run, exact))
            continue
        if all(run):
            return run
        first = _first_node(op, av, ci)
        if first is None or len(run) > 1 and len(run) * len(first) > _MAX_SET:  # one prefix: no product to bound
            return None
        return frozenset(a + b for a, b in product(run, first))
    return run if all(run) else None


def _first_node(op, av, ci: bool) -> frozenset[str] | None:
    if op in (C.LITERAL, C.IN):
        return _node(op, av, ci)[0]
    if op is C.SUBPATTERN:
        _group, add, delete, sub = av
        return None if (add | delete) & C.SRE_FLAG_IGNORECASE else _first_seq(sub, ci)
    if op is C.ATOMIC_GROUP:
        return _first_seq(av, ci)
    if op is C.BRANCH:
        alts = [_first_seq(alt, ci) for alt in av[1]]
        return None if any(a is None for a in alts) else frozenset().union(*alts)
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT) and av[0] >= 1:
        return _first_seq(av[2], ci)
    return None


def analyse(pattern: re.Pattern, tree=None) -> tuple[frozenset[str] | None, frozenset[str] | None, bool]:
    r"""``(required, first, ignore_case)`` literal sets of a pattern (None where nothing is proven).

    >>> req, first, ci = analyse(re.compile(r"\b(?:than|vs\.?|on par with)\b", re.I))
    >>> sorted(req), sorted(first), ci
    (['on par with', 'than', 'vs'], ['on par with', 'than', 'vs'], True)
    >>> analyse(re.compile(r"\w+(?:ing)?"))
    (None, None, False)
    >>> words = [a + b + "x" for a in "abcdefghi" for b in "abcdefghi"]  # a long leading alternation
    >>> len(analyse(re.compile(r"\b(?:" + "|".join(words) + r")\b"))[1])
    81
    """
    if not isinstance(pattern.pattern, str):
        return None, None, False
    tree = tree or _parser.parse(pattern.pattern, pattern.flags)  # the caller's parse, if it has one
    ci = bool(tree.state.flags & re.IGNORECASE)
    items = list(tree)
    exact, req = _seq(items, ci)
    req = req if req is not None else exact
    first = _first_seq(items, ci)
    return (frozenset(req) if req and all(req) else None), first, ci
