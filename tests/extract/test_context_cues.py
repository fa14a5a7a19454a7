"""What the words around a name say about it: counts, kinds, scene-setting, likeness, sameness; one sentence per cue."""
import pytest

from kg.extract import extract_paper
from kg.model import Paper, Source


def rels(title: str, abstract: str) -> set[tuple[str, str, str]]:
    ex = extract_paper(Paper(title, abstract, Source("t.txt", 1)))
    return {(r.rel, r.target.type, r.target.name) for r in ex.relations}


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


def test_a_conjunct_before_a_benchmark_noun_is_a_dataset_but_an_x_based_one_is_not():
    got = rels("Study", "We propose Zorb. We validate Zorb on the ZUV8/17 and QDAVIS50 video sequence benchmarks. "
                        "The ZorbMNIST-based datasets can serve as sanity checks.")
    assert {("evaluated-on", "Dataset", "ZUV8"), ("evaluated-on", "Dataset", "QDAVIS50")} <= got
    assert not any(n.endswith("-based") for _r, _t, n in got)


def test_what_the_paper_tests_its_thing_on_is_only_mentioned():
    got = rels("Study", "We propose Zorb. We test the generated code for several programming models, including "
                        "(1) C++ (e.g., ZorbMP, QuuxACC and SyZL) and (2) Fortran.")
    assert {r for r, _t, n in got if n in ("ZorbMP", "QuuxACC", "SyZL")} == {"mentions"}
    got = rels("Study", "We propose Zorb. We build Zorb on several programming models, including ZorbMP and QuuxACC.")
    assert any(r == "builds-on" and n == "ZorbMP" for r, _t, n in got)


@pytest.mark.parametrize("abstract,expected", [
    # "the identical results as X": a comparison
    ("We propose Zorb. Zorb decodes 3x faster with the identical results as greedy decoding.",
     ("compares-to", "Method", "greedy decoding")),
    # "(GZC, a recent ...)": a short form with a comment in its bracket still defines its long form
    ("We build on Gaussian Zorb Coding (GZC, a recent spike-and-slab model) for inference.",
     ("builds-on", "Method", "Gaussian Zorb Coding")),
    # a new name before "equations": the subject matter, not a tool
    ("We propose Zorb. We demonstrate superior performance on the turbulent Quux-Stokes equations.",
     ("mentions", "Method", "Quux-Stokes")),
    # "in contrast to X": a comparison with X
    ("We propose Zorb. In contrast to existing meta-learning work, Zorb needs no labels.",
     ("compares-to", "Method", "meta-learning")),
    # a lower-case name the sentence calls a baseline
    ("We propose Zorb. Zorb outperforms the sliding window zorbing baseline by 2x.",
     ("compares-to", "Method", "sliding window zorbing")),
    ("We propose Zorb. Zorb loses little accuracy compared to half-quux baselines.",
     ("compares-to", "Method", "half-quux")),
    # a systems technique written in lower case, after a use cue
    ("We propose Zorb. Zorb applies memory-centric token batching to enlarge batches.",
     ("builds-on", "Method", "memory-centric token batching")),
    ("We propose Zorb. We leverage a block-wise denoising scheme to handle this.",
     ("builds-on", "Method", "block-wise denoising")),
    # praise between the use cue and the name
    ("We propose Zorb. Through simple teacher-student distillation we improve quality.",
     ("builds-on", "Method", "teacher-student distillation")),
])
def test_one_cue_one_relation(abstract, expected):
    assert expected in rels("Study", abstract)


def test_what_a_relative_clause_says_of_the_contrasted_work_is_no_rival():
    got = rels("Study", "We propose Zorb. In contrast to other studies that assess LLMs like QuuxGPT, Zorb needs no labels.")
    assert ("compares-to", "Model", "QuuxGPT") not in got and ("compares-to", "Method", "QuuxGPT") not in got


def test_a_baseline_named_by_a_known_architecture_is_that_architecture():
    got = rels("Study", "We propose Zorb. Zorb matches a standard dense transformer baseline; a random baseline fails.")
    assert ("compares-to", "Method", "Transformer") in got
    assert not any(n in ("dense transformer", "random") for _r, _t, n in got)


def test_a_capitalised_name_listed_between_known_ones_is_one_of_them():
    got = rels("Study", "We propose Zorb. Zorb outperforms LLaMA, Falcon, Koala, Quux and Mistral on GSM8K.")
    assert {("compares-to", "Model", "Koala"), ("compares-to", "Model", "Quux")} <= got
    got = rels("Study", "We propose Zorb. We evaluate Zorb on four benchmarks (Moving MNIST, Human3.6M, Weather, KITTI).")
    assert ("evaluated-on", "Dataset", "Weather") in got


def test_a_capitalised_word_next_to_one_known_name_only_is_no_name():
    got = rels("Study", "We propose Zorb. Zorb outperforms LLaMA, Koala and other baselines.")
    assert not any(n == "Koala" for _r, _t, n in got)


def test_network_fabrics_accelerators_and_quantum_computers_are_hardware():
    got = rels("Study", "We propose Zorb. Zorb trains on RoCE and Ethernet clusters with SmartNICs and GPGPUs.")
    assert {("runs-on", "Hardware", "RoCE"), ("runs-on", "Hardware", "Ethernet"),
            ("runs-on", "Hardware", "network interface card"), ("runs-on", "Hardware", "GPU")} <= got
    got = rels("Study", "We propose Zorb. Zorb runs on hardware accelerators and, in principle, on quantum computers.")
    assert {("runs-on", "Hardware", "hardware accelerator"), ("runs-on", "Hardware", "quantum computer")} <= got


def test_equations_a_method_solves_are_no_tool_of_it():
    got = rels("Study", "Zorb networks find the solutions of partial quux equations (PQEs). We propose Zorb.")
    assert not any("equation" in n for _r, _t, n in got)


def test_a_real_modifier_between_a_use_cue_and_a_technique_is_not_skipped():
    got = rels("Study", "We propose Zorb. LLMs trained with a finite length attention window fail.")
    assert not any(n == "length attention" for _r, _t, n in got)


def test_a_title_case_name_ending_on_its_kind_is_a_dataset():
    got = rels("Study", "We propose Zorb. Experiments on the Zorb Reasoning Benchmark show gains. "
                        "Zorb won the 2022 Quux Global AI Challenge.")
    assert {("evaluated-on", "Dataset", "Zorb Reasoning Benchmark"),
            ("evaluated-on", "Dataset", "2022 Quux Global AI Challenge")} <= got


def test_a_long_form_never_spans_a_clause_break():
    got = rels("Study", "We propose Zorb. The Zorb-m model performs well on channel flow, whereas the original Zorb "
                        "(Zorb-o) and the Fourier neural operator (FNO) do not.")
    assert not any("," in n for _r, _t, n in got)


def test_an_unlisted_method_named_without_a_use_cue_is_a_mention():
    got = rels("Study", "We propose Zorb. We show that recall reduces to a problem called quux disjointness (QD).")
    assert ("mentions", "Method", "quux disjointness") in got
    assert not any(r == "builds-on" and "disjointness" in n for r, _t, n in got)


def test_an_unlisted_model_named_without_a_use_cue_is_still_built_on():
    got = rels("Study", "We propose Zorb. We show that Zorb lets Llama-2, QuuxLM, Falcon, and Pythia read long texts.")
    assert ("builds-on", "Model", "QuuxLM") in got  # listed with known models: a model


def test_drawing_inspiration_from_a_method_builds_on_it():
    got = rels("Study", "We propose Zorb. We draw our inspiration from the recently proposed QuuxNet modules.")
    assert ("builds-on", "Method", "QuuxNet") in got


def test_names_listed_after_a_known_example_are_typed_like_it():
    got = rels("Study", "We propose Zorb. Zorb beats prior editors, including MyStyle, Quux by Example, and Blot "
                        "Diffusion.")
    assert {("compares-to", "Method", "Quux by Example"), ("compares-to", "Method", "Blot Diffusion")} <= got


def test_a_version_of_a_known_model_family_is_a_model():
    got = rels("Study", "We propose Zorb. We showcase Zorb on the Llama-3.2 family and on Qwen2.5.")
    assert {("builds-on", "Model", "Llama-3.2"), ("builds-on", "Model", "Qwen2.5")} <= got


def test_a_known_model_name_before_benchmark_names_the_benchmark():
    got = rels("Study", "We propose Zorb. Experiments on the LLaDA benchmark show a 20x speedup.")
    assert ("evaluated-on", "Dataset", "LLaDA") in got


def test_descent_ascent_and_kernels_head_technique_names():
    got = rels("Study", "We propose Zorb. Zorb utilizes multi-scale convolutional kernels and is trained via "
                        "block coordinate descent. Our open-source kernels are released.")
    assert {("builds-on", "Method", "multi-scale convolutional kernels"),
            ("builds-on", "Method", "block coordinate descent")} <= got
    assert not any("open-source" in n for _r, _t, n in got)


def test_a_capitalised_modifier_before_a_known_dataset_names_another():
    got = rels("Study", "We propose Zorb. We test it on a Medical MNIST and on CIFAR-10. On MNIST it is fine.")
    assert {("evaluated-on", "Dataset", "Medical MNIST"), ("evaluated-on", "Dataset", "MNIST")} <= got


def test_a_dataset_a_new_one_is_based_on_is_a_mention():
    got = rels("Study", "We introduce BlockZorb, an MNIST-based semi-real dataset with known features.")
    assert ("mentions", "Dataset", "MNIST") in got and ("evaluated-on", "Dataset", "MNIST") not in got


def test_what_current_systems_are_powered_by_is_background():
    got = rels("Study", "Current state-of-the-art models like VALL-E, powered by hierarchical neural audio codecs, are large. "
                        "We propose Zorb.")
    assert ("mentions", "Method", "neural audio codec") in got


@pytest.mark.parametrize("adjective", ["GPT-style", "LLaMA-architecture", "BERT-like"])
def test_a_name_made_into_an_adjective_is_not_the_name(adjective):
    got = rels("Study", f"We propose Zorb. Zorb performs well against a strong {adjective} Transformer baseline.")
    assert not any(n in ("GPT", "LLaMA", "BERT") for _r, _t, n in got)


def test_adapters_approximations_and_projections_head_technique_names():
    got = rels("Study", "We propose Zorb. Zorb utilizes mask matrices with prefix adapters. It scales through a combination "
                        "of variational approximations and parallelization.")
    assert {("builds-on", "Method", "prefix adapters"), ("builds-on", "Method", "variational approximations")} <= got


@pytest.mark.parametrize("sentence,rival", [
    ("Zorb outperforms the general fully connected classifier on two tasks.", "fully connected classifier"),
    ("Zorb costs little compared with classical metric learning methods.", "metric learning"),
    ("Zorb is more scalable than sequential vertex generation with a diffusion model.", "sequential vertex generation"),
    ("Zorb is faster than any existing approximate attention.", "approximate attention"),
    ("Zorb beats the benchmark uniform exploration algorithm by a large margin.", "uniform exploration"),
    ("Zorb needs fewer memory reads than standard attention.", "standard attention"),
    ("Zorb runs 3x faster compared to vanilla decoding, at no loss.", "vanilla decoding"),
    ("Zorb reaches equivalent accuracy as classical recurrent layers with fewer weights.", "recurrent layers"),
    ("Zorb is competitive with gated linear layers on four tasks.", "gated linear layers"),
])
def test_a_lower_case_technique_right_after_a_comparison_is_a_rival(sentence, rival):
    assert ("compares-to", "Method", rival) in rels("Study", "We propose Zorb. " + sentence)


def test_a_vague_or_verbal_phrase_after_a_comparison_is_no_rival():
    got = rels("Study", "We propose Zorb. Zorb is faster than existing methods, than using attention and than the "
                        "sequential one.")
    assert not any(r == "compares-to" for r, _t, _n in got)


def test_a_plain_word_alone_after_a_comparison_is_still_no_rival():
    got = rels("Study", "We propose Zorb. Zorb is faster than standard methods and than vanilla ones, "
                        "and beats standard search.")
    assert not any(r == "compares-to" for r, _t, _n in got)


def test_the_second_of_two_coordinated_techniques_is_a_name_too():
    got = rels("Study", "We propose Zorb. Zorb uses spectral pretraining and layer-wise fine-tuning together.")
    assert {"spectral pretraining", "layer-wise fine-tuning"} <= {n for _r, _t, n in got}


@pytest.mark.parametrize("name,canonical", [("GPTQ", "GPTQ"), ("magnitude pruning", "magnitude pruning"),
                                            ("chunked-prefills", "chunked prefill"), ("FedAvg", "FedAvg")])
def test_widely_used_method_names_are_known_and_built_on(name, canonical):
    got = rels("Study", f"We propose Zorb. Zorb combines {name} with a new cache.")
    assert ("builds-on", "Method", canonical) in got


def test_widely_used_model_names_are_known():
    got = rels("Study", "We propose Zorb. We apply Zorb to OLMo, MiniCPM and TinyLlama.")
    assert {("builds-on", "Model", n) for n in ("OLMo", "MiniCPM", "TinyLlama")} <= got


def test_a_model_after_on_past_the_rivals_is_the_setting_not_a_rival():
    got = rels("Study", "We propose Zorb. Zorb beats strong baselines such as QuaRot and SpinQuant on Llama-2, "
                        "and improves over heuristics based on Megatron-LM.")
    assert {("compares-to", "Method", "QuaRot"), ("builds-on", "Model", "Llama 2"),
            ("compares-to", "Method", "Megatron-LM")} <= got
    assert ("compares-to", "Model", "Llama 2") not in got


def test_recovering_the_performance_of_or_closing_the_gap_with_a_method_compares_with_it():
    got = rels("Study", "We propose Zorb. Keeping four tokens recovers the performance of window attention. Zorb "
                        "closes the gap with GPT-4 on math.")
    assert {("compares-to", "Method", "window attention"), ("compares-to", "Model", "GPT-4")} <= got


def test_a_model_a_result_is_stated_on_is_what_the_method_is_applied_to():
    got = rels("Study", "We propose Zorb. On Vicuna-13B, Zorb achieves a 3x speedup. On contrastive learning, we "
                        "achieve 88.3% accuracy.")
    assert ("builds-on", "Model", "Vicuna-13B") in got
    assert ("mentions", "Method", "contrastive learning") in got
