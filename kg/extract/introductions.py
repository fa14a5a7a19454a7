"""What a paper introduces: title prefixes, "we propose X", "called X", appositions.

Introductions decide ``proposes``. A cue ("we propose", "we introduce",
"called", "namely") governs only the noun phrase right after it, so "we
introduce X by fine-tuning Y" introduces X and not Y; a descriptive phrase
("a novel interleaved pipeline schedule") is a name only when it is
specific enough.
"""
from __future__ import annotations

import re

from kg.extract.entities import (DATASET_END, NOT_NAMES, Mention, acronym_definitions, coinages, common_words,
                                 inverted_acronyms)
from kg.extract.naming import LEAD, descriptive, plausible_name, title_case_name
from kg.extract.parts import GENERIC_PLURAL, LISTED_PARTS, PARTS_HINTS, kinds_listed, listed_parts

PROPOSE_CUE = re.compile(
    r"(?:\b(?:we|this (?:paper|work|study)|our (?:work|paper|approach|method|framework|system|model))\s+"
    r"(?:\w+ly\s+)?(?:thus\s+|therefore\s+|hence\s+|further\s+|here\s+)?(?:also\s+)?(?:first\s+)?(?:then\s+)?"
    r"|\b(?:we|this (?:paper|work))\s+[^.;]{3,80}?\s+and\s+(?:then\s+)?)"
    r"(?:propose|proposes|proposed|introduce|introduces|introduced|present|presents|presented|develop|develops|design|designs|devise|"
    r"build|construct|create|release|contribute|formulate|establish|offer|curate|collect|call|name|term|coin)\b"
    r"(?:\s*:\s*|\s+)?(?:\(?(?:\d|i{1,3}|iv|v)\)\s*)?"
    r"|\b(?:by |and )?(?:introducing|proposing)\s+|\bby (?:designing|devising)\s+",  # "we ... by introducing X"
    # (a gerund cue counts only after "we" or "our": the caller checks)
    re.I)
#: "Our method discovers ... an optimization algorithm, Lion": a name in apposition to the paper's own thing.
OWN_APPOSITION = re.compile(r"\b(?:algorithm|method|framework|model|approach|architecture|optimizer|system|"
                            r"technique|benchmark|dataset|block|module|layer|network|component|mechanism|"
                            r"strategy|scheme|kernel|library|toolkit)\s*,\s*(?:the\s+)?(?=[A-Z])")
#: the tail of every OWN_APPOSITION match, a cheap test first: few sentences hold a capital after a comma
_COMMA_CAPITAL = re.compile(r",\s*(?:the\s+)?[A-Z]")
#: PROPOSE_CUE's literals that hold no "we"/"our" word (lower case; the pattern ignores case)
_CUE_NOT_WE = ("this paper", "this work", "this study", "introducing", "proposing", "by designing", "by devising")



_APPOSITION = re.compile(r"^\s*(?:\(|,)\s*(?:a|an|the|our)\s+(?:[\w\-]+\s+){0,5}?"
                         r"(benchmark|dataset|corpus|model|platform|framework|method|system|library|toolkit|algorithm|"
                         r"optimizer|architecture|approach|technique)s?\b", re.I)


_HEAD_AFTER = re.compile(r"\)?\s+(benchmark|dataset|corpus|model|framework|method|system|algorithm|architecture|"
                         r"approach)s?\b")  # "(LMM-VQA) model": the head noun after a name


def apposition_type(sentence: str, end: int) -> str | None:
    """The type an apposition or a head noun gives a name: "kBench (a dataset)", "(LMM-VQA) model".

    >>> apposition_type("we introduce kBench (a dataset) and", 19), apposition_type("Arcana, a vision model", 6)
    ('Dataset', 'Model')
    >>> apposition_type("the first Video Quality Assessment (LMM-VQA) model, which", 43)
    'Model'
    >>> apposition_type("On diverse FVV benchmarks", 14) is None  # a task's benchmarks: no apposition
    True
    """
    m = _APPOSITION.match(sentence[end:end + 90]) or \
        (_HEAD_AFTER.match(sentence, end) if ")" in sentence[end - 1:end + 1] else None)
    if not m:
        return None
    head = m.group(1).lower()
    return "Dataset" if head in ("benchmark", "dataset", "corpus") else "Model" if head == "model" else "Method"


_SCOPE_END = re.compile(r"\s(?:called|named|dubbed|termed|namely|by|via|using|based on|on|with|from|than|through|to|for|in|that|which|where|"
                        r"who|whose|as|and then|while|incorporating|integrating|leveraging)\s|[,;:.()]|\s(?:--|–|—)\s")
#: An introduction cue's stem, or "new", "we", "our" as a word: a sentence with none introduces nothing.
#: Tested in three parts (``_WE`` first, which most such sentences hold and the caller needs anyway):
#: the stems are bare literals, so their prefilter's first hit is a match and a sentence without one costs no
#: pattern scan at all; the whole alternation would scan on from any "between" or "typically" to the end.
_INTRO_STEMS = re.compile(r"propos|adopt|implement|employ|incorporat|feature|utili[sz]|introduc|present|novel|develop|design|"
                          r"devis|build|construct|creat|releas|contribut|formulat|establish|offer|curat|collect|call|name|"
                          r"term|coin|dub", re.I)
_NEW = re.compile(r"\bnew\b", re.I)
#: "X is a novel framework that ...": a new name defined as the paper's own new thing.
NOVEL_DEFINITION = re.compile(r"\s*(?:\([^)]{1,30}\)\s*)?(?:,\s*|\s+is\s+)(?:a|an)\s+(?:\w+\s+){0,2}?"
                              r"(?:novel|new|newly|first|simple|unified|general|efficient|lightweight)\b")
#: "X (ACR) is proposed": a passive introduction right after the name.
PASSIVE_INTRO = re.compile(r"\s*(?:\([^)]{1,30}\)\s*)?,?\s*(?:is|are|was|were)\s+(?:\w+ly\s+)?"
                           r"(?:proposed|introduced|presented|developed|designed)\b")
_NAMED = re.compile(r"\b(?:(?:called|named|dubbed|termed|coined)(?:\s+as)?|namely|i\.e\.,?|we refer (?:to )?[^.;]{1,80}?\bas|"
                    r"we (?:dub|call|name|term)(?:\s+(?:it|them|"
                    r"(?:this|these|the|our)\s+(?:[\w\-]+\s+){0,2}?(?:model|method|approach|architecture|framework|"
                    r"system|technique|algorithm|network|variant|scheme|paradigm|procedure|module|phenomenon|process)s?))?"
                    r"(?:\s+(?:as|an?))?)\s+['\"“]?", re.I)
_ESTABLISH_AS = re.compile(r"establish\s*$", re.I)
_PROBLEM_BEFORE = re.compile(r"\b(?:problem|task|question)\s*,?\s*$", re.I)
_QUOTED = re.compile(r"\b(?:this|our|the proposed)\s+[\"“']([A-Z][^\"”']{2,40})[\"”']")
#: "the design of a new search space (the "NASNet search space")": the quoted name of a new thing
_QUOTED_NEW = re.compile(r"\b(?:a|an)\s+(?:new|novel)\s+[^.;()]{2,60}\(\s*(?:the\s+)?[\"“]([A-Z][^\"”]{2,40})[\"”]\s*\)")
_OTHERS = re.compile(r"\b(?:recent(?:ly)?|previous(?:ly)?|prior|existing|earlier|others?|they|their)\b", re.I)
_WE = re.compile(r"\b(?:we|our)\b", re.I)
#: a name right after a preposition is what the new thing is for or made of: "a mechanism for PTQ"
_PREP_BEFORE = re.compile(r"\b(?:for|(?<!use )of|to|on|in|with|from|over|into|than|by|via|using)\s+(?:(?:the|a|an|various|different|several|many|existing|these|all|both)\s+){0,2}$", re.I)
#: "we implement a dynamic token scheduling strategy", "ZorbNet adopts a two-level cache mechanism": an own design
ADOPT_CUE = re.compile(r"(?:^|,\s+)(?:we|[A-Z][a-z]*[A-Z][\w\-]*|[Oo]ur\s+(?:[\w\-]+\s+){0,2}(?:design|model|method|framework|"
                       r"approach|system|architecture))\s+(?:\w+ly\s+)?(?:first\s+|then\s+|also\s+)?"
                       r"(?:implements?|adopts?|employs?|incorporates?|features?|utili[sz]es?)\s+(?:a|an|the(?=\s+[A-Z]))\s+"
                       r"((?:[\w\-]+\s+){1,5}?(?:strategy|mechanism|scheme|algorithm|architecture|module|technique))\b")
#: "our ConstrINT library": a coined name the paper calls its own thing of a kind
_OUR_BEFORE = re.compile(r"\b[Oo]ur\s+(?:own\s+|custom\s+|novel\s+|new\s+)?$")
_OUR_KIND = re.compile(r"\s+(?:library|framework|toolkit|system|method|algorithm|model|architecture|module|kernel|"
                       r"benchmark|dataset|engine|compiler|simulator)s?\b")
_OUR_NAME = re.compile(r"\b[Oo]ur\s+((?:[A-Z][a-z]+(?:-[A-Za-z]+)*\s+){1,3}[A-Z][a-z]+(?:-[A-Za-z]+)*)(?![\w\-(])")
#: "instruction dataset, MGSM8KInstruct", "an HPC-specific dataset (named HPCorpus)": a dataset's name follows
DATA_HEAD_BEFORE = re.compile(r"\b(?:dataset|benchmark|corpus)(?:,\s+(?:the\s+)?|\s*\(\s*|\s+)$")
_WITH_TITLE = re.compile(r"\s+with\s+(?:the\s+)?((?:[A-Z][\w\-]*\s+){2,5}[A-Z][\w\-]*)(?=[\s,.;]|$)")
_CORE_OF_OURS = re.compile(r"\b(?:[Cc]entral to|[Aa]t the (?:core|heart) of|[Kk]ey to) our "  # gated on " to our "
                           r"(?:approach|method|framework|system|design|solution)\s+(?:is|are|lies|lie)\s+")
_PHENOMENON = re.compile(r"\bwe\s+(?:observe|find|identify|discover|uncover)\w*\s+[^.;]{0,40}"
                         r"(?:phenomenon|effect|behaviou?r)\s*,?\s*$", re.I)
_PASSIVE_TERM = re.compile(r"\b(?:is|are)\s+(?:\w+\s+)?(?:termed|called|named|known as)\s*$")
#: "The proposed model (Parallel Perception Network (PPN))", "our proposed ZorbNet": the paper's own thing
_PROPOSED_BEFORE = re.compile(r"\b(?:[Tt]he|[Oo]ur)\s+proposed\s+(?:[a-z][\w\-]*\s+){0,2}?\(?$")
#: "with a novel decoding algorithm -- Aggressive Decoding": the name a novel thing is given after a dash or colon
NOVEL_NAMED = re.compile(r"\b(?:a|an)\s+(?:novel|new)\s+(?:[\w\-]+\s+){0,4}?[\w\-]+\s*(?:--|—|–|:)\s*"
                         r"([A-Z][\w\-]*(?:\s+[A-Z][\w\-]*){0,3})(?=\s*[,.;(]|\s+(?:that|which|to|for)\b)")
#: "we frame a new setup of iterative optimization, Optimization with Trace Oracle (OPTO)": the new thing's name
_NEW_THEN_NAME = re.compile(r"\b[Ww]e\s+\w+\s+(?:a|an)\s+(?:novel|new)\s+[^,;.()]{3,60},\s*(?:the\s+)?$")
#: what "namely"/"i.e." lists counts as a name only when it reads like one: "i.e. gradually decreasing ..." does not
_NAMELY_ITEM = re.compile(r"(?![a-z]+ly\b|[a-z]{3,}ing\b)[\w\-]+(?:\s+(?!(?:across|to|of|for|in|on|with|between|the|"
                          r"those|these|that|which)\b)[\w\-]+){0,3}")
#: "we propose to bootstrap SparseFormers from ...": what follows the verb is used, not introduced
_TO_VERB = re.compile(r"\s*to\s+(?!call\b|name\b)[a-z]+\s")
#: "we propose reformulating PINNs ...": what follows is used, not introduced
_GERUND_USE = re.compile(r"(?:using|leveraging|extending|reformulating|combining|applying|adapting|modifying|replacing|"
                         r"augmenting|exploiting|incorporating|integrating|employing|utili[sz]ing|revisiting|"
                         r"fine-tuning|finetuning|training|scaling|reusing|repurposing)\s", re.I)
_LOWER_APPOSITION = re.compile(r"(,|:)\s*([a-z][a-z0-9]*(?:-[a-z0-9]+)+(?:\s+[a-z]+){0,2}?)\s*[,;]")
_SHORT_FORM = re.compile(r"\s*\((?:abbreviated as |abbr\. |short: )?([A-Z][\w\-.]*(?:\s[\w\-.]+){0,2})\)")


def _absorb_short_form(sentence: str, m: Mention) -> None:
    """"named Pseudo-3D Residual Net (P3D ResNet)": the bracketed short form is an alias of the name."""
    short = _SHORT_FORM.match(sentence, m.end)
    if short and short.group(1) != m.name and any(c.isupper() for c in short.group(1)[1:] + short.group(1)[:1]):
        m.aliases = m.aliases + (short.group(1),)
        m.end = short.end()


#: "ZorbNet introduces X", "ZorbNet, which incorporates the X technique": a coined subject's own new part
_BY_NAME = re.compile(r"(?:^|(?<=[.;:,] ))([A-Z][\w\-]+)\s+(?:further\s+|also\s+|then\s+)?"
                      r"(?:introduces|incorporates|proposes)\s+(?:a\s+|an\s+|the\s+|two\s+|three\s+|novel\s+|new\s+)*"
                      r"|\b([A-Z][\w\-]+),\s+which\s+(?:further\s+|also\s+)?(?:introduces|incorporates)\s+(?:a\s+|an\s+|the\s+|novel\s+|new\s+)*")
#: "BTM learns a set of independent expert LMs (ELMs)": a short form a coined subject defines for its own part
_BY_NAME_DEFINES = re.compile(r"(?:^|(?<=[.;:,] ))([A-Z][\w\-]+)\s+(?:first\s+|further\s+|also\s+|then\s+)?"
                              r"(?:learns|trains|builds|constructs|designs|develops|creates|employs|adopts|uses|leverages|"
                              r"utili[sz]es|features|contains|comprises|consists of)\s+")
_TECHNIQUE_WORD = re.compile(r"\s+(?:technique|component|module|mechanism)s?$")
_ARTICLE_START = re.compile(r"(?:a|an|the)\s+")
_KIND_MODIFIER = re.compile(r"\s+[a-z]{3,}\b")  # an upper-case word modifying a common noun
_ARTICLE_END = re.compile(r"\b(?:a|an)\s+$")


def _coined_phrase(scope: str, coin: Mention) -> str | None:
    """A short phrase led by a coinage and holding another coined word: "RoI Tanh-polar transform".

    >>> _coined_phrase(" RoI Tanh-polar transform", Mention("RoI", "Method", 0, 3))
    'RoI Tanh-polar transform'
    >>> _coined_phrase(" ZorbNet architecture", Mention("ZorbNet", "Method", 0, 7)) is None
    True
    """
    phrase = LEAD.sub("", scope.strip())
    words = phrase.split()
    if not phrase.startswith(coin.name + " ") or not 3 <= len(words) <= 4:
        return None
    return phrase if any("-" in w and w[0].isupper() or w[1:2].isupper() for w in words[1:]) else None


def _defined_by_name(sentence: str, taken) -> list[Mention]:
    """A new short form in what a coined subject learns or uses: its own part if the subject is ours (rules.py).

    >>> [(m.name, sorted(m.flags)) for m in _defined_by_name("Zorb learns a set of expert quuxes (EQs), each ...", [])]
    [('expert quuxes', ['by:Zorb'])]
    """
    out: list[Mention] = []
    if not acronym_definitions(sentence):  # what is found is one of them: none, nothing to find (the scan is cached)
        return out
    for m in _BY_NAME_DEFINES.finditer(sentence):
        rest = sentence[m.end():]
        end = _SCOPE_END.search(rest)
        reach = m.end() + (end.start() if end else len(rest)) + 2
        for c in acronym_definitions(sentence):
            if m.end() <= c.start < reach and not any(a <= c.start < b for a, b in taken):
                c.proposed = True
                c.flags.add("by:" + m.group(1))
                out.append(c)
                break
    return out


def introduced_names(sentence: str) -> list[Mention]:
    """Names the sentence introduces: after "we propose/introduce/present", or "called/named/namely X".

    The name must stand in the noun phrase right after the cue: "we introduce X by fine-tuning Y"
    introduces X, not Y.

    >>> [m.name for m in introduced_names("We propose a novel interleaved pipeline parallelism schedule that improves throughput.")]
    ['interleaved pipeline parallelism schedule']
    >>> [m.name for m in introduced_names("We introduce a task of program generation by fine-tuning MonoCoder on HPCorpusMPI.")]
    []
    >>> [m.name for m in introduced_names("we propose a novel approach named parameter ReaLlocation, which redistributes")]
    ['parameter ReaLlocation']
    >>> [m.name for m in introduced_names("We study it with a novel decoding algorithm -- Eager Zorb Decoding.")]
    ['Eager Zorb Decoding']
    """
    out: list[Mention] = []
    if sentence.rstrip().endswith("?"):
        return out  # a question proposes nothing
    we = _WE.search(sentence) is not None  # "we"/"our" as a word: needed below, and itself an introduction hint
    if not we and not _INTRO_STEMS.search(sentence) and not _NEW.search(sentence):
        return _defined_by_name(sentence, ())  # most sentences hold no introduction cue at all
    for m in _NAMED.finditer(sentence):
        if _PROBLEM_BEFORE.search(sentence, 0, m.start()):
            continue
        namely = m.group(0).lower().startswith(("namely", "i.e."))
        if namely and not PROPOSE_CUE.search(sentence[:m.start()]) and not _PHENOMENON.search(sentence, 0, m.start()):
            continue  # "existing works, namely X" lists what others did
        if not we and (_OTHERS.search(sentence, max(0, m.start() - 90), m.start())
                       or _PASSIVE_TERM.search(sentence, max(0, m.start() - 12), m.end())
                       and re.match(r"\s*[a-z][a-z\- ]*[.,;]", sentence[m.end():])):
            continue  # "as used in the recent Medusa framework, ... heads, called draft heads": someone else's name;
            # "these tasks together are termed function calling": an established term, not a new one
        rest = sentence[m.end():]
        items = re.split(r",\s*(?:and\s+)?|\s+and\s+", rest) if namely else [rest]
        pos = m.end()
        for item in items[:6]:
            end = _SCOPE_END.search(item + ".")
            phrase = LEAD.sub("", item[:end.start()].strip(" \"'”"))
            if plausible_name(phrase) and (not namely or _NAMELY_ITEM.fullmatch(phrase)):
                start = sentence.find(phrase, pos)
                typ = "Dataset" if DATA_HEAD_BEFORE.search(sentence, max(0, m.start() - 30), m.start()) else "Method"
                out.append(Mention(phrase, typ, start, start + len(phrase), proposed=True, source="named"))
                pos = start + len(phrase)
            if not namely or end.start() < len(item) and item[end.start()] in ".;(":
                break
    # an opening quote is part of every match: most sentences hold none
    for m in _QUOTED.finditer(sentence) if '"' in sentence or "'" in sentence or "“" in sentence else ():
        out.append(Mention(m.group(1), "Method", m.start(1), m.end(1), proposed=True, source="named"))
    for m in _QUOTED_NEW.finditer(sentence) if "(" in sentence and ('"' in sentence or "“" in sentence) else ():
        out.append(Mention(m.group(1), "Method", m.start(1), m.end(1), proposed=True, source="named"))
    for c in coinages(sentence) + acronym_definitions(sentence):
        if PASSIVE_INTRO.match(sentence, c.end) or NOVEL_DEFINITION.match(sentence, c.end) \
                or c.start <= 13 and sentence.startswith("Introducing ") \
                or c.source == "coinage" and not c.name.isupper() and _OUR_KIND.match(sentence, c.end) \
                and _OUR_BEFORE.search(sentence, 0, c.start) \
                or c.source == "acronym" and _NEW_THEN_NAME.search(sentence, 0, c.start) \
                or "proposed" in sentence and _PROPOSED_BEFORE.search(sentence, max(0, c.start - 40), c.start):
            c.proposed = True
            out.append(c)
    if we:
        for m in OWN_APPOSITION.finditer(sentence) if "," in sentence and _COMMA_CAPITAL.search(sentence) else ():
            out.extend(c for c in coinages(sentence) + inverted_acronyms(sentence) + acronym_definitions(sentence)
                       if c.start == m.end())
            cap = re.match(r"([A-Z][a-z]{2,})\b(,\s*(?:which|that)\b|\s*\()?", sentence[m.end():])
            if cap and not any(c.start == m.end() for c in out) and \
                    (cap.group(2) or cap.group(1).lower() not in common_words()):  # "a framework, Trace, which"
                out.append(Mention(cap.group(1), "Method", m.end(), m.end() + len(cap.group(1)), source="introduced"))
        for c in out:
            c.proposed = True
            if DATA_HEAD_BEFORE.search(sentence, 0, c.start):
                c.type = "Dataset"  # "the first ... instruction dataset, MGSM8KInstruct"
    for m in out:
        if m.source in ("named", "introduced"):
            _absorb_short_form(sentence, m)
    for m in _OUR_NAME.finditer(sentence) if "our" in sentence or "Our" in sentence else ():  # "Our Stream Batch"
        if not any(c.start <= m.start(1) < c.end for c in out) and m.group(1) not in NOT_NAMES:
            out.append(Mention(m.group(1), "Method", m.start(1), m.end(1), proposed=True, source="introduced"))
    # "new"/"novel" and a dash or colon are part of every match
    for m in NOVEL_NAMED.finditer(sentence) if ("new" in sentence or "novel" in sentence) and (
            ":" in sentence or "--" in sentence or "—" in sentence or "–" in sentence) else ():
        if m.group(1) not in NOT_NAMES and not any(c.start == m.start(1) for c in out):
            out.append(Mention(m.group(1), "Method", m.start(1), m.end(1), proposed=True, source="named"))
    # its verb is part of every match (a case-sensitive pattern)
    for m in ADOPT_CUE.finditer(sentence) if "adopt" in sentence or "employ" in sentence or "mplement" in sentence \
            or "ncorporate" in sentence or "feature" in sentence or "utili" in sentence else ():
        name = descriptive(m.group(1))
        if name and len(name.split()) >= 2:
            start = sentence.find(name, m.start(1))
            out.append(Mention(name, "Method", start, start + len(name), proposed=True, source="introduced"))
    for m in _CORE_OF_OURS.finditer(sentence) if " to our " in sentence or " of our " in sentence else ():
        end = _SCOPE_END.search(sentence, m.end())
        name = descriptive(sentence[m.end():end.start() if end else len(sentence)])
        if name and not any(c.start >= m.end() for c in out):
            start = sentence.find(name, m.end())
            out.append(Mention(name, "Method", start, start + len(name), proposed=True, source="introduced"))
    if we and any(map(sentence.__contains__, PARTS_HINTS)):  # "Central to our approach is X" above
        out.extend(listed_parts(sentence, out))
    taken = [(m.start, m.end) for m in out]
    for m in _BY_NAME.finditer(sentence) if "troduc" in sentence or "ncorporat" in sentence else ():
        # "FSPAD introduces partial alignment distillation": proposed only if FSPAD is the paper's own (rules.py)
        rest = sentence[m.end():]
        end = _SCOPE_END.search(rest)
        scope = rest[:end.start() if end else len(rest)]
        named = [c for c in acronym_definitions(sentence) + coinages(sentence) if m.end() <= c.start < m.end() + len(scope) + 2]
        name = title_case_name(scope) or (None if named else descriptive(_TECHNIQUE_WORD.sub("", scope)))
        if name:
            start = sentence.find(name, m.end())
            named = [Mention(name, "Method", start, start + len(name), source="introduced")]
        for c in named[:1]:
            c.proposed = True
            c.flags.add("by:" + (m.group(1) or m.group(2)))
            out.append(c)
    out.extend(_defined_by_name(sentence, taken))
    # every PROPOSE_CUE match holds "we" or "our" as a word, or one of _CUE_NOT_WE (case aside: exact for ASCII)
    cues = PROPOSE_CUE.finditer(sentence) if we or not sentence.isascii() \
        or any(map(sentence.lower().__contains__, _CUE_NOT_WE)) else ()
    for cue in cues:
        if cue.group(0)[-4:-1].lower() == "ing" and not _WE.search(sentence, 0, cue.start()):
            continue  # "X improves Y by introducing Z": someone else's
        rest = sentence[cue.end():]
        if _GERUND_USE.match(rest) or _TO_VERB.match(rest) or _ESTABLISH_AS.search(cue.group(0)) and re.match(r"\s*\S+\s+as\s", rest):
            continue  # "we propose using X"; "we establish X as a superior technique" argues, it introduces nothing
        if kinds := kinds_listed(sentence, cue.end()):
            out.extend(kinds)  # "we introduce three forms of composition: sequential, parallel, and model composition"
            continue
        end = _SCOPE_END.search(rest)
        scope_end = cue.end() + (end.start() if end else len(rest))
        appos = re.match(r",\s*", sentence[scope_end:])
        limit = scope_end + (appos.end() if appos else 0)
        named = [c for c in coinages(sentence) + acronym_definitions(sentence)
                 if cue.end() <= c.start and (c.end <= scope_end + 12 or c.start <= limit)
                 and not any(a <= c.start and c.end <= b for a, b in taken)
                 and not _PREP_BEFORE.search(sentence, cue.end(), c.start)
                 and not (c.source == "coinage" and _KIND_MODIFIER.match(sentence, c.end) and c.name.isupper()
                          and _ARTICLE_END.search(sentence, 0, c.start))]  # "a SDP relaxation": a kind of thing
        # "we introduce kGym (a platform) and kBench (a dataset)": coordinated names are introduced too
        tail = re.match(r"(?:\s*\([^)]{0,40}\))?\s+and\s+", sentence[scope_end:]) if named else None
        if tail:  # "(a platform) and kBench", "a gated router (GTR) and a sparse expert cache (SEC)"
            at = scope_end + tail.end()
            at += len(art.group(0)) if (art := _ARTICLE_START.match(sentence, at)) else 0
            named += [c for c in coinages(sentence) + acronym_definitions(sentence) if c.start == at]
        listed = LISTED_PARTS.match(sentence, scope_end) if GENERIC_PLURAL.search(sentence, cue.end(), scope_end) else None
        if listed and not named:
            # "we propose several innovations, including state canonicalization and object curriculum": each part
            pos = listed.end()
            for part in re.split(r",\s*(?:and\s+)?|\s+and\s+", listed.group(1))[:5]:
                part = part.strip()
                if 1 <= len(part.split()) <= 4 and plausible_name(part) and not part[0].isdigit():
                    start = sentence.find(part, pos)
                    out.append(Mention(part, "Method", start, start + len(part), proposed=True, source="introduced"))
                    pos = start + len(part)
            continue
        appo = _LOWER_APPOSITION.match(sentence, scope_end)
        if appo and (appo.group(1) == ":" or descriptive(sentence[cue.end():scope_end])) and not named:
            # "we present a novel vocabulary transfer strategy, trans-tokenization, designed ...": the name
            # "we introduce the core of our approach: certainty-forcing distillation, a ...": the name
            out.append(Mention(appo.group(2), "Method", appo.start(2), appo.end(2), proposed=True, source="introduced"))
            continue
        whole = title_case_name(sentence[cue.end():scope_end])
        short = next((c for c in named if sentence[scope_end:c.start].strip() == "("), None)
        if whole and short:  # "we introduce High-Resolution Visual State Space Model (HRVMamba)"
            start = sentence.find(whole, cue.end())
            named = [c for c in named if c is not short and not start <= c.start < start + len(whole)]
            named.append(Mention(whole, short.type, start, short.end + 1, (short.name,), source="introduced"))
        elif whole and any(c.start >= cue.end() and c.end <= scope_end for c in named):
            start = sentence.find(whole, cue.end())  # "the Fused LSE-Cached Search": the whole name, not its part
            named = [c for c in named if not start <= c.start < start + len(whole)]
            named.append(Mention(whole, "Method", start, start + len(whole), source="introduced"))
        elif len(named) == 1 and (coined := _coined_phrase(sentence[cue.end():scope_end], named[0])):
            start = sentence.find(coined, cue.end())  # "we propose RoI Tanh-polar transform": all of it, not "RoI"
            named = [Mention(coined, named[0].type, start, start + len(coined), source="introduced")]
        if named and (extra := _WITH_TITLE.match(sentence, scope_end)):
            # "we propose the Fused LSE-Cached Search with Head-adaptive Hierarchical Block Sparse Attention"
            named.append(Mention(extra.group(1), "Method", extra.start(1), extra.end(1), source="introduced"))
        if named:
            for c in named:
                c.proposed = True
                c.type = apposition_type(sentence, c.end) or ("Dataset" if DATA_HEAD_BEFORE.search(sentence, 0, c.start)
                                                              else c.type)
            out.extend(named)
            continue
        cap = re.match(r"\s*([A-Z][a-z]{2,}[a-z0-9]*(?:\s+[A-Z][A-Za-z]+[\w\-]*){0,3})"
                       r"(?=\s*(?:,|\(|:|--|–|—|\s+(?:as|to|which|that)\b))", rest) or \
            re.match(r"\s*(?:a|an|the)\s+(?:novel\s+|new\s+)?([A-Z][a-z]+(?:-[A-Z][a-z]+)*(?:\s+[A-Z][a-z]+[\w\-]*){1,4})"
                     r"(?=\s*(?:,|\(|:|\s+(?:as|to|which|that|technique|method|module|mechanism|strategy)\b))",
                     rest)
        in_apposition = bool(cap) and re.match(r"\s*,\s*(?:a|an)\s", rest[cap.end(1):]) is not None
        if cap and (" " in cap.group(1) or in_apposition or cap.group(1).lower() not in common_words()):
            start = cue.end() + cap.start(1)
            # "we introduce Mamba, a selective SSM": the name itself, even when it is a known one
            out.append(Mention(cap.group(1), apposition_type(sentence, start + len(cap.group(1))) or "Method",
                               start, start + len(cap.group(1)), proposed=True,
                               source="named" if in_apposition else "introduced"))
            continue
        if any(m.source == "named" and m.start >= cue.end() or m.start == limit > scope_end for m in out):
            continue  # "we propose a new mechanism for PTQ, coined FlexRound", "a new dataset, MGSM8KInstruct": the name
        # "we propose dynamic token scheduling and peer memory pooling": each conjunct that names a technique
        parts = re.split(r",\s*(?:and\s+)?|\s+and\s+", sentence[cue.end():scope_end])
        names = [descriptive(part) for part in parts] if len(parts) > 1 else []
        if names and not all(names) and any(_ARTICLE_START.match(part) for part in parts[1:]):
            pass  # "a context-causal mask and a new loss": two noun phrases, never one name; keep the named ones
        elif not names or not all(names):
            names = [descriptive(sentence[cue.end():scope_end])]
        pos = cue.end()
        for name in filter(None, names):
            start = sentence.find(name, pos)
            pos = start + len(name)
            typ = "Dataset" if DATASET_END.search(name) else "Method"
            out.append(Mention(name, typ, start, start + len(name), proposed=True, source="introduced"))
    return out
