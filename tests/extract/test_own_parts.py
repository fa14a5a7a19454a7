"""Parts the paper's own method introduces, and names the context rules out; each cue pinned by a sentence of its own."""
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


def test_a_count_of_datasets_names_no_dataset():
    got = rels("Study", "Our method outperforms prior methods on 11 datasets and on the 20 Questions benchmark.")
    assert not any(t == "Dataset" and n.isdigit() for _r, t, n in got)
    assert ("evaluated-on", "Dataset", "20 Questions") in got


def test_multi_cpu_is_the_cpu_and_full_attention_is_a_rival():
    got = rels("Study", "We run on multi-CPU and multi-GPU nodes. Zorb closely matches the full attention baseline.")
    assert {("runs-on", "Hardware", "CPU"), ("runs-on", "Hardware", "GPU"),
            ("compares-to", "Method", "full attention")} <= got


def test_a_dataset_named_only_in_the_scene_setting_is_a_mention():
    got = rels("Study", "Although large datasets such as ZorbNet-1K exist, labels are scarce. We evaluate Quux on the "
                        "ZorbBench benchmark.")
    assert ("mentions", "Dataset", "ZorbNet-1K") in got and ("evaluated-on", "Dataset", "ZorbBench") in got


def test_what_a_part_is_only_likened_to_is_a_mention():
    got = rels("Zorb: Fast Nets", "We propose Zorb. Its state, akin to the hidden states in LSTMs, stores the past.")
    assert ("mentions", "Method", "LSTM") in got
    assert ("builds-on", "Method", "backpropagation") in rels(
        "Zorb: Fast Nets", "We propose Zorb, a graph akin to neural networks, based on a generalization of back-propagation.")
