"""Parts the paper's own method introduces, each cue pinned by a sentence of its own."""
from kg.extract import extract_paper
from kg.model import Paper, Source


def rels(title: str, abstract: str) -> set[tuple[str, str, str]]:
    ex = extract_paper(Paper(title, abstract, Source("t.txt", 1)))
    return {(r.rel, r.target.type, r.target.name) for r in ex.relations}


def test_the_papers_own_name_introducing_a_part_proposes_it():
    got = rels("Zorb: Fast Nets", "Zorb incorporates the Coupled Quux Glancing Distillation technique. "
                                  "Secondly, Zorb introduces partial zorb distillation to cut cost.")
    assert {("proposes", "Method", "Coupled Quux Glancing Distillation"),
            ("proposes", "Method", "partial zorb distillation")} <= got


def test_a_which_clause_after_the_papers_own_name_proposes_its_part():
    got = rels("Zorb: Fast Nets", "We propose Zorb, which introduces a lightweight quux head (LQH) trained with Medusa.")
    assert ("proposes", "Method", "lightweight quux head") in got and ("builds-on", "Method", "Medusa") in got


def test_another_methods_introductions_are_not_the_papers():
    got = rels("Zorb: Fast Nets", "Medusa introduces multiple quux heads. Medusa introduces a lightweight quux head "
                                  "(LQH). We propose Zorb.")
    assert {r for r, _t, n in got if n != "Zorb"} <= {"mentions"}
    assert not any(n == "multiple quux heads" for _r, _t, n in got)  # a description, not a name


def test_coordinated_acronym_definitions_after_a_proposal_are_each_proposed():
    got = rels("Study", "We design a gated quux router (GQR) and a sparse zorb cache (SZC) to cut latency.")
    assert {("proposes", "Method", "gated quux router"), ("proposes", "Method", "sparse zorb cache")} <= got


def test_the_listed_forms_of_a_counted_kind_are_each_proposed():
    got = rels("Study", "We introduce three forms of zorbing based on quux priors: sequential, parallel, and model zorbing.")
    assert {("proposes", "Method", "sequential zorbing"), ("proposes", "Method", "parallel zorbing"),
            ("proposes", "Method", "model zorbing")} <= got
    got = rels("Study", "We introduce two variants of ZB modules, (i) squeezing zorbs and (ii) exciting quuxes.")
    assert {("proposes", "Method", "squeezing zorbs"), ("proposes", "Method", "exciting quuxes")} <= got


def test_a_counted_kind_with_its_forms_named_in_full_proposes_the_forms_not_the_kind():
    got = rels("Study", "We propose two variants of zorb decoding: greedy zorb decoding and beam zorb decoding.")
    assert {("proposes", "Method", "greedy zorb decoding"), ("proposes", "Method", "beam zorb decoding")} <= got
    assert not any(n.startswith("variants") for _r, _t, n in got)


def test_the_quoted_name_of_a_new_thing_is_proposed():
    got = rels("Study", 'Our key contribution is the design of a new search space (the "ZorbNet search space") for transfer.')
    assert ("proposes", "Method", "ZorbNet search space") in got


def test_a_short_form_defined_in_what_the_papers_own_thing_learns_is_its_part():
    got = rels("Zorb: Fast Nets", "We propose Zorb. Zorb learns a set of independent expert quuxes (EQs), each for one domain.")
    assert ("proposes", "Method", "expert quuxes") in got
    got = rels("Zorb: Fast Nets", "We propose Zorb. Medusa learns a set of decoding quuxes (DQs) for speed.")
    assert ("proposes", "Method", "decoding quuxes") not in got


def test_what_our_design_employs_is_proposed():
    got = rels("Study", "Inspired by readers, our slow-fast design employs a dual-token strategy: fast tokens come first.")
    assert ("proposes", "Method", "dual-token strategy") in got


def test_two_noun_phrases_joined_by_and_are_never_one_name():
    got = rels("Study of Things", "We introduce a zorb-causal attention schedule and a new loss. We propose tensor "
                                  "and pipeline quux parallelism.")
    names = {n for _r, _t, n in got}
    assert ("proposes", "Method", "zorb-causal attention schedule") in got
    assert not any(" and a " in n for n in names)
