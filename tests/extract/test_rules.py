"""Cue patterns of the rule extractor, each pinned by a small sentence of its own."""
import pytest

from kg.extract import extract_paper
from kg.model import Paper, Source


def rels(title: str, abstract: str) -> set[tuple[str, str, str]]:
    ex = extract_paper(Paper(title, abstract, Source("t.txt", 1)))
    return {(r.rel, r.target.type, r.target.name) for r in ex.relations}


def names(title, abstract, rel):
    return {n for r, _t, n in rels(title, abstract) if r == rel}


@pytest.mark.parametrize("title,abstract,expected", [
    ("ZorbNet: Fast Things", "We study speed. ZorbNet achieves good results.", "ZorbNet"),
    ("Speed Study", "We propose QuuxFormer, a new architecture for long inputs.", "QuuxFormer"),
    ("Speed Study", "We present a method called Blended Warmup Sampling for training.", "Blended Warmup Sampling"),
    ("Speed Study", "In this work, we introduce Parallel Draft Tree Search (PDTS) to speed up decoding.",
     "Parallel Draft Tree Search"),
    ("Speed Study", "We propose a novel interleaved expert routing schedule that improves throughput.",
     "interleaved expert routing schedule"),
    ("Speed Study", "A gated sparse memory network (GSMN) is proposed, which stores long contexts.",
     "gated sparse memory network"),
    ("Speed Study", "Our approach introduces a novel block-wise cache layout to speed up access.",
     "block-wise cache layout"),
    ("Speed Study", "We learn a slim fusion block, ZorbFuse, to merge the two streams.", "ZorbFuse"),
    ("Speed Study", "We propose Quorra, a multimodal language model for charts.", "Quorra"),
    ("Routing with GlimmerMoE", "Experts are routed by learned scores.", "GlimmerMoE"),
    ("ZorbLib -- A Python Library for Sparse Coding", "ZorbLib is a library of algorithms.", "ZorbLib"),
    ("Speed Study", "ZorbKV is a novel cache eviction policy for long contexts.", "ZorbKV"),
    ("Speed Study", "Next, we propose the Gliding LSE-Pooled Search for sparse heads.", "Gliding LSE-Pooled Search"),
    ("Speed Study", "This pruning rule, which we dub ``iterative Zorb Surgeon'' (iZS), scales well.",
     "iterative Zorb Surgeon"),
    ("Speed Study", "We call the resulting model as ZorbCoder.", "ZorbCoder"),
    ("Speed Study", "We first introduce a parameter-free module, the ZorbBlock, which mixes features.", "ZorbBlock"),
    ("Sparse Lattice Memory", "Models forget. We analyse the sparse lattice memory on shifted data.",
     "Sparse Lattice Memory"),
])
def test_proposes_cues(title, abstract, expected):
    assert expected in names(title, abstract, "proposes")


def test_a_question_proposes_nothing():
    assert not names("Study", "Can we design a data-free quantization method for LLMs?", "proposes")


def test_namely_lists_only_in_proposals():
    got = names("Study", "We propose FooNet with four strategies, namely bar pooling, baz routing and qux caching.",
                "proposes")
    assert {"bar pooling", "baz routing", "qux caching"} <= got
    assert not names("Study", "Existing works, namely prompt tuning and adapters, studied this.", "proposes")


def test_coordinated_descriptive_names_are_each_proposed():
    got = names("Study", "We propose elastic token scheduling and shared memory pooling for serving.", "proposes")
    assert {"elastic token scheduling", "shared memory pooling"} <= got


def test_short_form_in_brackets_is_an_alias_and_reused():
    got = rels("Study", "We propose a new network, named Gliding Residual Net (GR Net), for video. "
                        "Our GR Net beats ResNet on clips.")
    assert ("proposes", "Method", "Gliding Residual Net") in got
    assert not {n for _r, _t, n in got} & {"GR", "Net"}


def test_expansion_before_a_bracketed_coinage_hides_known_names_inside():
    got = rels("ZorbMamba: Fast Vision", "We introduce Wide Visual State Space Model (ZorbMamba) for vision.")
    assert ("proposes", "Method", "ZorbMamba") in got
    assert not any(n.lower().startswith("state space") for _r, _t, n in got)


def test_praise_is_not_part_of_a_name():
    assert "twin-branch motion splitting" in names(
        "Study", "We propose an innovative twin-branch motion splitting approach for video.", "proposes")


def test_a_name_others_gave_is_not_proposed():
    got = names("Study", "As used in the recent Zorb framework, the model has light heads, called glimmer heads.",
                "proposes")
    assert "glimmer heads" not in got


def test_propose_to_do_is_not_a_name():
    got = names("Study", "As this is costly, we propose to search for a cell on a small dataset.", "proposes")
    assert not any(n.startswith("to ") for n in got)


def test_lower_case_apposition_names_the_contribution():
    got = names("Study", "We present a novel vocabulary transfer strategy, trans-glossing, designed for low-resource "
                         "languages.", "proposes")
    assert "trans-glossing" in got and "vocabulary transfer" not in got


def test_a_gerund_title_prefix_is_not_a_name():
    assert not names("Dissecting Addition in Recurrent Nets: Notes", "We study addition.", "proposes")


def test_an_unknown_name_listed_with_datasets_is_a_dataset():
    got = rels("Study", "We train all models on public speech data such as LibriTTS, VCTK, ZORBSPEECH, and more.")
    assert ("evaluated-on", "Dataset", "ZORBSPEECH") in got


def test_a_description_ending_on_an_adjective_is_not_a_name():
    assert not names("Study", "Second, we design a parallel algorithm in recurrent mode.", "proposes") - {"Study"}
    assert not names("Study", "We design a scalable and efficient framework for serving.", "proposes") - {"Study"}


def test_one_adjective_before_a_generic_part_noun_is_not_a_name():
    got = names("Study", "This paper introduces a new computational block as an alternative to the Zorb block.", "proposes")
    assert not got - {"Study"}


def test_two_modifiers_ending_on_an_adjective_name_with_their_head_noun():
    got = names("Study", "Second, we design a hardware-aware parallel algorithm in recurrent mode.", "proposes")
    assert got - {"Study"} == {"hardware-aware parallel algorithm"}


def test_a_dash_ends_the_introduced_name():
    got = names("Study", "We propose Zorbover -- a temporal fusion framework for serving.", "proposes")
    assert "Zorbover" in got and not any("--" in n for n in got)


def test_a_tool_the_new_thing_is_based_on_is_not_proposed():
    got = rels("Study", "This paper proposes a generative adversarial network (GAN) based codec, named ZorbCodec.")
    assert ("builds-on", "Method", "generative adversarial network") in got
    assert ("proposes", "Method", "ZorbCodec") in got


def test_a_sentence_title_and_a_bare_dataset_are_not_names():
    got = names("Transformers Meet Zorb-R: Session Recommendation",
                "We release our proprietary dataset to foster research.", "proposes")
    assert not got


def test_a_model_series_tested_on_is_not_a_dataset():
    got = rels("Study", "Our method reaches a 3x speedup when tested on the ZorbLM-Chat model series.")
    assert not any(t == "Dataset" for _r, t, _n in got)


def test_a_long_title_is_not_a_name():
    assert "Faster Training of Small Networks" not in names(
        "Faster Training of Small Networks", "We study faster training of small networks.", "proposes")


def test_what_the_new_thing_is_for_is_not_proposed():
    got = rels("Study", "We propose a light rounding scheme for PTQ, coined ZorbRound, that learns a grid.")
    assert {n for r, _t, n in got if r == "proposes"} == {"ZorbRound"}
    assert ("builds-on", "Method", "post-training quantization") in got


def test_an_enumerated_contribution_list_is_proposed():
    got = names("Study", "We propose three techniques, i.e. lazy expert paging, warm shard pooling, and ring "
                "token hopping.", "proposes")
    assert got == {"lazy expert paging", "warm shard pooling", "ring token hopping"}


def test_propose_doing_something_to_a_known_method_builds_on_it():
    got = rels("Study", "We propose reformulating LoRA on a sphere, i.e., ZorbLoRA, as a remedy.")
    assert ("proposes", "Method", "ZorbLoRA") in got and ("builds-on", "Method", "low-rank adaptation") in got


def test_termed_as_gives_the_name():
    assert names("Study", "The derived model, termed as ZorbFormer, is simple.", "proposes") == {"ZorbFormer"}


@pytest.mark.parametrize("sentence,expected", [
    ("Additionally, we implement a lazy shard hopping strategy that balances load.", {"lazy shard hopping"}),
    ("ZorbServe adopts a two-tier page caching mechanism to cut copies.", {"two-tier page caching"}),
    ("We design an adaptive and unified Evict-then-Zorb framework for heads.", {"Evict-then-Zorb"}),
    ("Additionally, we introduce a Custom-Built Zorb Tree, which drafts many tokens.", {"Custom-Built Zorb Tree"}),
    ("We introduce a lazy asynchronous multi-level approach to checkpoints.", set()),
    ("We first incorporate a sliding-window attention mechanism, so frames attend locally.", set()),
    ("ZorbGen employs a parallel spatial-temporal architecture for motion.", {"parallel spatial-temporal architecture"}),
])
def test_an_own_design_adopted_with_an_indefinite_article(sentence, expected):
    assert names("Study", sentence, "proposes") - {"ZorbServe", "ZorbGen"} == expected


def test_a_title_slogan_the_abstract_never_uses_is_not_a_name():
    got = names("Two Birds One Stone: Sparse Caches for Decoding", "We propose ZorbCache, a sparse KV cache.",
                "proposes")
    assert got == {"ZorbCache"}


def test_two_capitalised_words_before_the_colon_name_the_method_even_if_the_abstract_does_not():
    got = names("Faster Diffusion: Rethinking the Role of Encoders", "We find that encoder features change little.",
                "proposes")
    assert got == {"Faster Diffusion"}


def test_a_survey_of_known_methods_proposes_none():
    got = rels("Study", "In this survey, we present comprehensive studies of various PEFT algorithms.")
    assert not any(r == "proposes" for r, _t, _n in got)


@pytest.mark.parametrize("abstract,expected", [
    ("We propose Radial Zorbformers, a sparse model for images. The Radial Zorbformer is fast.",
     {"Radial Zorbformers"}),
    ("To address this, we propose a novel slow-fast architecture that keeps detail.", {"slow-fast architecture"}),
    ("We propose a novel Tune mode to bridge training and deployment.", {"Tune mode"}),
    ("We introduce a semi-supervised approach that exploits monolingual data.", set()),
])
def test_multi_word_and_compound_names_after_a_cue(abstract, expected):
    assert names("Study", abstract, "proposes") == expected


@pytest.mark.parametrize("title,abstract,expected", [
    ("Radial Zorb Diffusion for Visual Grounding", "The heart of our paradigm is Radial Zorb Diffusion (RZD), "
     "which sets vertices as targets.", {"Radial Zorb Diffusion"}),
    ("Streaming Zorb Question-Answering with Caches", "We study streaming zorb question-answering (SZQA) here.", set()),
    ("Efficient ZorbConv Blocks for Transfer", "Our efficient ZorbConv blocks (EZB) cut memory.", set()),
])
def test_a_title_lead_the_abstract_names_as_its_own(title, abstract, expected):
    assert names(title, abstract, "proposes") == expected


def test_a_known_name_the_paper_introduces_is_proposed():
    assert names("Study", "We introduce Mamba, a selective state space model.", "proposes") == {"Mamba"}
    assert names("Study", "We build on Mamba, a selective state space model.", "proposes") == set()


def test_a_dataset_name_used_for_our_framework_is_a_method():
    got = rels("Study", "We propose a novel Learning-In-Video-Stream (LIVE) framework. Our LIVE framework is fast.")
    assert ("proposes", "Method", "Learning-In-Video-Stream") in got
    assert not any(t == "Dataset" for _r, t, _n in got)


def test_propose_scope_stops_at_by():
    got = rels("Study", "We introduce a training recipe by fine-tuning GlorpCoder on our data.")
    assert ("proposes", "Method", "GlorpCoder") not in got


@pytest.mark.parametrize("sentence,target", [
    ("Our kernel is 3x faster than FlashAttention-2 on long inputs.", "FlashAttention-2"),
    ("We show that our approach outperforms Medusa and EAGLE.", "EAGLE"),
    ("Compared with LoRA, our adapters use fewer parameters.", "low-rank adaptation"),
    ("Our model is competitive with Mamba at small scale.", "Mamba"),
    ("Our recurrent model reaches 97% of Mamba quality with half the memory.", "Mamba"),
    ("We compare our optimizer with widely used optimizers such as Adam and Adafactor.", "Adafactor"),
    ("ZorbNet delivers comparable accuracy to Mamba at lower latency.", "Mamba"),
])
def test_compares_to_cues(sentence, target):
    assert target in names("Study", sentence, "compares-to")


@pytest.mark.parametrize("sentence,target", [
    ("Building on speculative decoding, we add a verifier.", "speculative decoding"),
    ("Our system is based on Megatron-LM and adds new schedules.", "Megatron-LM"),
    ("We apply our recipe to LLaMA and obtain gains.", "LLaMA"),
    ("We utilize deformable attention in the encoder.", "deformable attention"),
])
def test_builds_on_cues(sentence, target):
    assert target in names("Study", sentence, "builds-on")


def test_background_mention_is_not_builds_on():
    got = rels("Study", "Recent works such as RetNet observe a decay term. We study a different question.")
    assert ("mentions", "Method", "RetNet") in got
    assert not {r for r in got if r[2] == "RetNet" and r[0] != "mentions"}


def test_a_background_statement_after_the_scene_is_a_mention():
    got = rels("Study", "We propose ZorbDiff for streaming. Existing diffusion models often fall short in real time.")
    assert ("mentions", "Method", "diffusion model") in got


def test_a_share_of_something_else_is_no_comparison():
    got = rels("Study", "Our FooNet needs only 40% of the FLOPs while keeping Mamba as its backbone.")
    assert ("compares-to", "Method", "Mamba") not in got


def test_a_setting_is_not_a_tool():
    got = rels("Study", "We propose ZorbOpt. On contrastive learning, we achieve 88.3% zero-shot accuracy.")
    assert ("mentions", "Method", "contrastive learning") in got


def test_a_problem_setting_is_a_task_not_a_method():
    got = rels("Study", "We propose ZorbNet, which outperforms prior work on continual learning benchmarks.")
    assert ("addresses", "Task", "continual learning") in got
    assert not any(n == "continual learning" and r != "addresses" for r, _t, n in got)


@pytest.mark.parametrize("sentence", [
    "Our ZorbNet trains end to end without tensor parallelism.",
    "We quantize ZorbNet during training, requiring no knowledge distillation.",
    "Unlike beam search, ZorbNet decodes every block at once.",
])
def test_a_method_done_without_is_a_mention(sentence):
    got = rels("Study", sentence)
    assert {r for r, _t, n in got if n in ("tensor parallelism", "knowledge distillation", "beam search")} == {"mentions"}


@pytest.mark.parametrize("sentence,target,rel", [
    ("Its accuracy surpasses that of both 2:4 pruning and INT2 models.", "2:4 pruning", "compares-to"),
    ("Our ZorbRL aggregates reward over utterances, and a low-level PPO learner trains the policy.",
     "proximal policy optimization", "builds-on"),
    ("ZorbOpt gives a 2x gain over Adam in memory.", "Adam", "compares-to"),
])
def test_comparison_reach(sentence, target, rel):
    assert {r for r, _t, n in rels("Study", sentence) if n == target} == {rel}


def test_a_new_clause_ends_a_comparison():
    got = rels("Study", "Our ZorbScan achieves speedups of up to 600x over naive loops, allowing training LSTM at scale.")
    assert ("builds-on", "Method", "LSTM") in got and ("compares-to", "Method", "LSTM") not in got


def test_a_named_problem_is_no_entity():
    got = rels("Study", "To address this speed-memory tradeoff (SMT), we propose ZorbNet.")
    assert {n for _r, _t, n in got} == {"ZorbNet"}


def test_a_short_form_the_paper_defines_means_that_here():
    got = rels("Study", "Video quality assessment (VQA) is hard. We propose ZorbNet for VQA and test it widely.")
    assert not any(t == "Dataset" for _r, t, _n in got)
    same = rels("Study", "We tune with Robustly Optimized BERT Pretraining Approach (RoBERTa). RoBERTa is strong.")
    assert {n for _r, _t, n in same} == {"RoBERTa"}


def test_the_short_form_of_an_ignored_name_is_ignored_too():
    got = rels("Study", "Tasks form directed acyclic graphs (DAGs). Our ZorbNet schedules DAGs in parallel.")
    assert {n for _r, _t, n in got} == {"ZorbNet"}


def test_a_list_after_a_comparison_is_compared():
    got = names("Study", "Our results outstrip existing methods for LLMs, including EAGLE, Medusa, Lookahead "
                "Decoding, REST and speculative decoding.", "compares-to")
    assert {"EAGLE", "Medusa", "Lookahead Decoding", "speculative decoding"} <= got


def test_a_keywords_line_relates_nothing():
    got = rels("Study", "We propose ZorbNet for decoding. Keywords: Parallel Decoding, Speculative Decoding.")
    assert {n for _r, _t, n in got} == {"ZorbNet"}


def test_a_setting_with_a_percent_is_not_a_name():
    got = rels("Study", "Under the W4S50% setting, ZorbQ keeps accuracy.")
    assert not any(n.startswith("W4S50") for _r, _t, n in got)


def test_a_counted_acronym_names_a_known_method():
    got = rels("Study", "Structured state space sequence (S4) models are fast. We propose a variant of S4 for control.")
    assert ("builds-on", "Method", "structured state space model") in got


@pytest.mark.parametrize("abstract,name", [
    ("Such systems use a bidirectional (BD) decoder to emit tokens one by one.", "bidirectional decoder"),
    ("Dominant recurrent (RC) decoding is slow.", "recurrent decoding"),
])
def test_an_adjectives_short_form_takes_the_noun_after_its_bracket(abstract, name):
    assert name in {n for _r, _t, n in rels("Study", abstract)}


def test_we_refer_to_it_as_names_it():
    assert names("Study", "We refer to the tuned ZRP, which adds our fixes, as ZORB-RPS.", "proposes") == {"ZORB-RPS"}


def test_establishing_a_known_thing_as_better_proposes_nothing():
    assert names("Study", "Theoretically, we establish ZRPQ as a superior technique for linear models.",
                 "proposes") == set()


@pytest.mark.parametrize("abstract", [
    "We assess the accuracy across QRZS, pruning techniques, and smaller models.",  # "across" a method list
    "It brings an 11x inference speedup on GPT and 16x on LLAMA.",  # a known model in other capitals after "on"
])
def test_no_dataset_here(abstract):
    assert not any(t == "Dataset" for _r, t, _n in rels("Study", abstract))


def test_a_known_dataset_short_form_the_paper_gives_its_own_method_is_the_method():
    got = rels("Study", "We propose Generalized Aggressive Decoding (GAD), a drafting scheme. "
                        "For GAD, we show a 3x speedup.")
    assert ("proposes", "Method", "Generalized Aggressive Decoding") in got
    assert not any(t == "Dataset" for _r, t, _n in got)


def test_a_digit_standing_for_to_in_a_short_form():
    assert names("Study", "We propose Learning to Zorb Decode (Learn2ZD), a framework for decoding.",
                 "proposes") == {"Learning to Zorb Decode"}


def test_exact_initials_win_over_the_shortest_long_form():
    got = {n for _r, _t, n in rels("Study", "The model (Parallel Zorbception Network (PZN)) uses two branches.")}
    assert "Parallel Zorbception Network" in got and "Zorbception Network" not in got


def test_a_title_slogan_with_function_words_is_no_name():
    assert names("Return of the Zorbcoder: Small Models", "We study small encoder-decoder models.",
                 "proposes") == set()


def test_over_an_x_cluster_is_no_comparison():
    got = rels("Study", "We train many networks over an ZorbCloud cluster with 256 workers.")
    assert not any(r == "compares-to" for r, _t, _n in got)
    assert ("compares-to", "Method", "ZorbTorch") in rels("Study", "Our kernels reach 50x speed-ups over a vanilla "
                                                                   "ZorbTorch implementation.")


def test_a_citation_between_long_and_short_form():
    assert names("Study", "We also present a probabilistic ZorbFlashAttention [6, 7] (PrZorbFlashAttention) method.",
                 "proposes") == {"probabilistic ZorbFlashAttention"}


def test_a_plus_suffix_makes_a_word_a_name():
    assert names("Study", "We propose Virtual+, a simple online algorithm.", "proposes") == {"Virtual+"}


def test_coordination_each_gets_the_relation():
    got = names("Study", "Our method outperforms LLaMA, Mistral and Qwen on reasoning.", "compares-to")
    assert {"LLaMA", "Mistral", "Qwen"} <= got


@pytest.mark.parametrize("sentence,target,rel,typ", [
    ("Training runs on 8 A100 GPUs.", "NVIDIA A100", "runs-on", "Hardware"),
    ("We deploy it on edge devices and mobile phones.", "edge device", "runs-on", "Hardware"),
    ("We evaluate on the GSM8K benchmark.", "GSM8K", "evaluated-on", "Dataset"),
    ("Results on the ZorbQA benchmark show gains.", "ZorbQA", "evaluated-on", "Dataset"),
    ("We report accuracy on QuuxMath-500 after fine-tuning.", "QuuxMath-500", "evaluated-on", "Dataset"),
    ("We run the well-known STREAM benchmark on our port.", "STREAM", "evaluated-on", "Dataset"),
    ("Unsupervised domain adaptation (UDA) is hard, so we propose ZorbNet.", "Unsupervised domain adaptation",
     "addresses", "Task"),
    ("When pre-training on the large-scale ZorbVid-700, we reach 88% accuracy.", "ZorbVid-700", "evaluated-on",
     "Dataset"),
    ("We study two parallel datasets (ZorbText-200 and QuuxBible) with our tagger.", "ZorbText-200", "evaluated-on",
     "Dataset"),
    ("It yields 6.5times lower latency on 8timesRTX 4090 GPUs.", "RTX 4090", "runs-on", "Hardware"),
    ("Clusters mix several zorb interface cards (ZICs) from two vendors.", "zorb interface cards", "runs-on",
     "Hardware"),
])
def test_hardware_and_dataset_typing(sentence, target, rel, typ):
    assert (rel, typ, target) in rels("Study", sentence)


@pytest.mark.parametrize("word", ["ZORB-bootstrapped", "ZorbNet-informed", "ZORB-capable", "ZorbLM-architecture",
                                  "fZRI-to-image"])
def test_a_name_with_an_adjective_suffix_is_no_name(word):
    assert word not in {n for _r, _t, n in rels("Study", f"We train {word} models with our new loss.")}


@pytest.mark.parametrize("sentence,target,metric", [
    ("Our method achieves up to 22.58times speedup on ZorbBench without any performance drop.", "ZorbBench",
     "speedup"),
    ("ZorbKV gives 5times higher throughput than Transformers.", "Transformers", "throughput"),
    ("It beats ZorbMT by 2.9 BLEU on average.", "ZorbMT", "bleu"),
    ("It exceeds ZorbFormer-L7 by 2.0 mIoU while using fewer parameters.", "ZorbFormer-L7", "miou"),
])
def test_claim_metric_is_the_word_next_to_the_figure(sentence, target, metric):
    from kg.extract.claims import parse_claim
    assert parse_claim(sentence, target).metric == metric


def test_a_figure_inside_a_name_is_no_claim():
    from kg.extract.claims import parse_claim
    assert parse_claim("We train on 3072 MI250X GPUs and a single A100-40GB GPU.", "MI250X") is None


@pytest.mark.parametrize("sentence,target,devices,value,unit", [
    ("Our method reduces the regret by up to 70%.", "method", False, 70.0, "%"),  # a closing full stop
    ("Lion beats Adam and cuts the training compute by up to 2.3x.", "Adam", False, 2.3, "x"),
    ("It gives a speedup of 2.88x over cuBLAS and a 2.02x throughput gain.", "cuBLAS", False, 2.88, "x"),
    ("On MNIST it reaches over 99% accuracy and on CIFAR-10 it reaches over 82%.", "CIFAR-10", False, 82.0, "%"),
    ("It reduces decoding steps from 256 to 30 on GSM8K, with an 8.5x speedup.", "GSM8K", False, 30.0, "steps"),
    ("It streams video at over 10 FPS on an A100 GPU.", "A100", True, 10.0, "fps"),  # one spelling per unit
    ("It trains for over 1000 hours, using 8 GPUs.", "GPUs", True, 8.0, "devices"),
    ("Zorb is trained on a cluster of 2048 Ascend 910 AI processors.", "Ascend 910", True, 2048.0, "devices"),
    ("It produces videos with 6.54x lower latency on 8x RTX 4090 GPUs.", "RTX 4090", True, 6.54, "x"),
    ("We train it on 64 NVIDIA P100 GPUs and later tune it for a long while on more data.", "GPUs", True, 64.0,
     "devices"),
    ("It fine-tunes CLIP on a single 24GB GPU.", "GPU", True, 24.0, "GB"),
])
def test_claim_takes_the_figure_that_belongs_to_the_target(sentence, target, devices, value, unit):
    from kg.extract.claims import parse_claim
    c = parse_claim(sentence, target, devices)
    assert (c.value, c.unit) == (value, unit)


def test_a_year_before_hardware_is_no_count():
    from kg.extract.claims import parse_claim
    assert parse_claim("In 2023 GPUs were scarce.", "GPUs", devices=True) is None


def test_the_evidence_of_a_claimed_relation_is_the_sentence_with_the_figure():
    ex = extract_paper(Paper("Study", "We propose Zorb. Zorb runs on GPUs. Zorb scales to 1,024 GPUs.", Source("t", 1)))
    r = next(r for r in ex.relations if r.rel == "runs-on")
    assert r.evidence.sentence == "Zorb scales to 1,024 GPUs." and r.claim.value == 1024.0


def test_claim_is_structured():
    ex = extract_paper(Paper("Study", "Our kernel achieves 11.9x higher throughput than FlashAttention-2.",
                             Source("t", 1)))
    c = next(r.claim for r in ex.relations if r.rel == "compares-to")
    assert (c.value, c.unit, c.metric, c.direction) == (11.9, "x", "throughput", "higher")


def test_proposed_thing_gets_no_other_relation():
    got = rels("ZorbNet: A Network", "We propose ZorbNet. ZorbNet outperforms ResNet and builds on ZorbNet ideas.")
    assert {r for r, _t, n in got if n == "ZorbNet"} == {"proposes"}


def test_every_relation_has_evidence_from_the_text():
    abstract = "We propose ZorbNet. It is 2x faster than FlashAttention-2 on H100 GPUs and on GSM8K."
    ex = extract_paper(Paper("ZorbNet: A Network", abstract, Source("t", 1)))
    for r in ex.relations:
        if r.rel in ("proposes", "compares-to", "runs-on", "evaluated-on"):
            assert r.evidence.sentence in abstract or r.evidence.sentence == "ZorbNet: A Network"
            assert r.evidence.extractor.startswith("rules/")


def test_extraction_is_deterministic():
    p = Paper("ZorbNet: A Network", "We propose ZorbNet. It beats Mamba and RWKV on H100.", Source("t", 1))
    assert extract_paper(p) == extract_paper(p)


@pytest.mark.parametrize("title,expected", [
    ("ZorbLLM: Optimizing Large Batched LLM Inference with Prefix Sharing", ["large batched LLM inference"]),
    ("Simple Projection Variants Improve ZorbBERT Performance", []),
    ("ZorbDiff: A Pipeline-level Solution for Real-time Interactive Generation", ["interactive generation"]),
    ("Blockwise Compression of Transformer-based Models without Retraining", []),
    ("ZorbHF: Optimized RLHF Training for Large Language Models", ["RLHF training"]),
])
def test_title_task_phrases(title, expected):
    from kg.extract.tasks import title_tasks
    assert title_tasks(title) == expected


def test_a_known_task_is_named_without_its_bracketed_qualifier():
    from kg.extract.tasks import find_tasks
    got = [t for t, _s in find_tasks("Zorb", ["We study reinforcement learning (RL) for agents."])]
    assert "reinforcement learning" in got and not any("(" in t for t in got)


def test_a_glued_footnote_is_cut_from_the_name():
    got = rels("Event Streams", r"We propose a framework, ZorbTPPOur code is available at {\url{ https://github.com/a/b}}, "
                                "by integrating a prompt pool.")
    assert ("proposes", "Method", "ZorbTPP") in got and not any("Our" in n for _r, _t, n in got)


def test_a_head_noun_after_the_short_form_types_a_proposed_name():
    got = rels("ZRB-VQA: Quality Scoring with Large Models",
               "We propose the first Zorb Video Quality Assessment (ZRB-VQA) model for videos. "
               "Experiments show that ZRB-VQA achieves the best scores.")
    assert ("proposes", "Model", "ZRB-VQA") in got
    assert not {r for r, _t, n in got if n == "ZRB-VQA"} - {"proposes"}


def test_examples_of_a_kind_are_names_and_the_kind_is_background():
    got = rels("Sparse Nets", "Our method prunes better compared to existing pruning methods such as Zorba and Quux.")
    assert {("compares-to", "Method", "Zorba"), ("compares-to", "Method", "Quux")} <= got
    assert ("compares-to", "Method", "pruning") not in got


@pytest.mark.parametrize("title,abstract", [
    ("Fast Generation with Eager Zorb Decoding", "We study fast generation with Eager Zorb Decoding, which drafts."),
    ("Fast Generation", "We study fast generation with a novel decoding algorithm -- Eager Zorb Decoding."),
])
def test_a_title_case_name_given_to_the_contribution(title, abstract):
    assert names(title, abstract, "proposes") == {"Eager Zorb Decoding"}


@pytest.mark.parametrize("abstract,rel,target", [
    ("We present a pruning rule that builds upon the Combinatorial Zorb Surgeon, but scales.", "builds-on",
     "Combinatorial Zorb Surgeon"),
    ("Our model ranks first on the Quux Function Calling Leaderboard among open models.", "evaluated-on",
     "Quux Function Calling Leaderboard"),
    ("Our method does not use an inner loop nor other mechanisms such as Zorb Feedback, and converges.", "mentions",
     "Zorb Feedback"),
])
def test_a_title_case_name_after_a_relation_cue(abstract, rel, target):
    assert target in names("Study", abstract, rel)


def test_a_known_name_listed_as_an_example_keeps_its_vocabulary_form():
    got = rels("Drafting", "We propose ZorbDraft. "
                           "These results outstrip existing speculative decoding methods for LLMs, including Eagle and Zorba.")
    assert {("compares-to", "Method", "EAGLE"), ("compares-to", "Method", "Zorba")} <= got
    assert ("compares-to", "Method", "speculative decoding") not in got


def test_a_plus_after_a_coinage_is_part_of_the_name_and_greek_letters_get_a_spelled_alias():
    ex = extract_paper(Paper("ZorbNet-β: Faster Things", "We present ZorbT+, a strong translation model.",
                             Source("t.txt", 1)))
    proposed = {r.target.name: r.target.aliases for r in ex.relations if r.rel == "proposes"}
    assert "ZorbT+" in proposed and "ZorbNet-beta" in proposed["ZorbNet-β"]


def test_a_name_in_apposition_replaces_the_description_it_follows():
    got = names("Maths", "Firstly, we construct the first multilingual zorb reasoning instruction dataset, "
                         "ZGSM8KInstruct, encompassing ten languages.", "proposes")
    assert got == {"ZGSM8KInstruct"}


def test_a_comparison_others_made_in_a_scene_setting_sentence_is_a_mention():
    got = rels("Gated Things", "Recent works such as ZorbNet observe that decay sometimes outperforms Quux attention. "
                               "In this work we show that gating helps.")
    assert ("mentions", "Method", "Quux attention") in got or not any(n == "Quux attention" for _r, _t, n in got)
    assert not any(r == "compares-to" for r, _t, _n in got)


def test_a_size_of_the_papers_own_model_is_proposed_too():
    got = rels("ZorbOctopus: Maths in Many Languages",
               "We build ZorbOctopus. For instance, ZorbOctopus-7B improves its counterparts by 8 points.")
    assert {("proposes", "Model", "ZorbOctopus-7B")} <= got or ("proposes", "Method", "ZorbOctopus-7B") in got
    assert not any(n == "ZorbOctopus-7B" and r != "proposes" for r, _t, n in got)


@pytest.mark.parametrize("abstract,expected", [
    ("Building on this, we introduce the core of our approach: zorb-forcing distillation, a novel training strategy.",
     {"zorb-forcing distillation"}),
    ("This paper presents a speech intelligibility model based on phoneme probabilities.", set()),
])
def test_what_a_described_contribution_is_called(abstract, expected):
    assert names("Study", abstract, "proposes") == expected


def test_our_title_case_name_is_the_papers_own():
    assert "Zorb Batch" in names("Streams", "We speed up denoising. Our Zorb Batch achieves a 1.5x speedup.", "proposes")


def test_a_verb_is_no_modifier_and_a_past_tense_cue_still_proposes():
    got = rels("Seqs", "Such methods necessitate resource-intensive fine-tuning and many images. "
                       "We integrated ring-style communication with attention and proposed Ring Zorb-Attention (RZA).")
    assert not any(n.startswith("necessitate") for _r, _t, n in got)
    assert ("proposes", "Method", "Ring Zorb-Attention") in got


@pytest.mark.parametrize("abstract,absent", [
    ("We improve a hierarchical Efficient MOdel (ZMOv2) with no elaborate structures.", "MOdel"),
    ("Our ZorbNet-5M eventually achieves 82.9 Top-1 accuracy, which beats QuuxNet.", "Top-1"),
])
def test_no_name_from_acronym_capitals_or_metrics(abstract, absent):
    assert not any(n == absent for _r, _t, n in rels("Vision", abstract))


def test_a_name_with_an_upper_case_second_word_is_introduced():
    assert "Zorb LLMs" in names("Languages", "Additionally, we introduce Zorb LLMs, models with many heads.", "proposes")


def test_proposing_to_do_something_with_a_name_does_not_introduce_it():
    got = rels("Bootstrapping", "The recently proposed ZorbFormer is fast. In this paper, we propose to bootstrap "
                                "ZorbFormers from vision models in a simple way.")
    assert not any(r == "proposes" and n == "ZorbFormer" for r, _t, n in got)


@pytest.mark.parametrize("abstract,expected", [
    ("We propose an end-to-end optimization framework, Trace, which treats workflows as graphs.", "Trace"),
    ("We frame a new setup of iterative optimization, Optimization with Zorb Oracle (OZO), to capture this.",
     "Optimization with Zorb Oracle"),
])
def test_a_name_given_to_a_new_thing_in_apposition(abstract, expected):
    assert expected in names("Study", abstract, "proposes")


def test_what_another_name_is_described_as_is_background():
    got = rels("Gates", "We show that gating helps. Our models perform competitively against ZorbMamba, "
                        "a recently introduced state space model with gates.")
    assert any(r == "compares-to" and n == "ZorbMamba" for r, _t, n in got)
    assert not any(n == "state space model" and r in ("builds-on", "compares-to") for r, _t, n in got)


def test_named_items_in_a_dataset_bracket_are_datasets_and_a_known_framework_is_compared():
    got = rels("Evaluation", "We conduct studies using parallel datasets (ZLORES-200 and Bible) and report results. "
                             "Our system achieves a 2.1x speedup in training over Fairseq.")
    assert {("evaluated-on", "Dataset", "Bible"), ("compares-to", "Method", "Fairseq")} <= got


@pytest.mark.parametrize("abstract,expected", [
    ("We thus propose several important innovations, including zorb canonicalization and quux curriculum.",
     {"zorb canonicalization", "quux curriculum"}),
    ("We introduce three techniques: zorb pooling, quux caching and blip routing.",
     {"zorb pooling", "quux caching", "blip routing"}),
    ("We further introduce a zorb ramp structure, i.e. gradually decreasing the dimensions fed to the mixer.", set()),
])
def test_listed_parts_of_the_contribution(abstract, expected):
    got = names("Study", abstract, "proposes")
    assert expected <= got and not any(n.startswith("gradually") for n in got)


def test_a_name_its_context_revealed_is_found_again_elsewhere():
    got = rels("Codecs", "VALL-E employs the Zorbcodec model as a feature. We propose QuuxCodec. "
                         "Our results show that QuuxCodec outperforms Zorbcodec in reconstruction quality.")
    assert ("compares-to", "Model", "Zorbcodec") in got


def test_a_use_cue_nearer_than_a_comparison_wins():
    got = rels("Videos", "We release ZorbSet. Our models train in less than a day on one machine using ZorbFlow.")
    assert any(r == "builds-on" and n == "ZorbFlow" for r, _t, n in got)


def test_a_coined_family_name_is_introduced_but_a_count_of_variants_is_not():
    assert names("RL", "This paper introduces the zorb-x algorithms, the first class of deep RL algorithms.",
                 "proposes") == {"zorb-x algorithms"}
    assert not names("Seg", "We introduce three variants of SE modules for segmentation.", "proposes")


def test_the_places_of_experiments_are_datasets():
    got = rels("RL", "We propose zorb-x. Through experiments in Zorb Gym, QM Control Suite, and Atari Games, we show "
                     "stable learning. We also run large-scale experiments on the Quux kernel.")
    assert {("evaluated-on", "Dataset", n) for n in ("Zorb Gym", "QM Control Suite", "Atari Games")} <= got
    assert not any(n == "Quux" for _r, _t, n in got)


def test_datasets_from_a_list_and_a_capitalised_upper_case_list_name():
    got = rels("Sentiment", "We propose ZorbNet. We conducted experiments using datasets from IMDb, Quux US Airline, "
                            "and Sentiment140. Few-shot learning on Omniglot works too; computing Delaunay triangles.")
    assert {("evaluated-on", "Dataset", "Quux US Airline"), ("evaluated-on", "Dataset", "OMNIGLOT")} <= got
    assert not any(n.lower() == "delaunay" for _r, _t, n in got)


def test_a_two_letter_short_form_is_the_defined_name_in_later_sentences():
    got = rels("Coding", "Zorb Coding (ZC), introduced by Tandon et al., is an efficient technique. "
                         "In this work, we propose two schemes that improve performance compared to ZC.")
    assert ("compares-to", "Method", "Zorb Coding") in got


def test_a_coined_title_subject_is_proposed_and_a_described_kind_is_no_entity():
    assert "ZorbFormer" in names("ZorbFormer Is Actually What You Need for Vision",
                                 "We argue that ZorbFormer is the key player.", "proposes")
    got = rels("Pruning", "We present a neural network pruning technique that builds upon the Combinatorial Zorb Surgeon.")
    assert not any(n == "neural network pruning" for _r, _t, n in got)


@pytest.mark.parametrize("abstract,present,absent", [
    ("We train drafts for the popular Zorb-3.1-8B models.", "Zorb-3.1-8B", None),
    ("We describe the schemes used in eXtended PINNs (XPINN) and others.", None, "eXtended"),
    ("Our kernel supports mixed-precision matrix multiplication for W4A8.", None, "mixed-precision training"),
])
def test_version_dots_acronym_capitals_and_modifier_aliases(abstract, present, absent):
    got = {n for _r, _t, n in rels("Study", abstract)}
    assert (present is None or present in got) and (absent is None or absent not in got)


def test_a_negation_reaches_through_a_list_but_not_past_our_clause():
    got = rels("Training", "We propose ZorbLore. We pre-train a 7B model on one GPU without model parallel, "
                           "checkpointing, or quux offloading strategies. Unlike traditional AR modeling, our "
                           "framework employs bidirectional attention within each block.")
    assert ("mentions", "Method", "quux offloading") in got  # the listed technique, whole ("checkpointing, or X offloading")
    assert ("builds-on", "Method", "bidirectional attention") in got


def test_our_coined_thing_of_a_kind_is_proposed_and_our_own_implementation_is_no_rival():
    got = rels("Kernels", "This speeds up the solver in our ZorbINT library. Our kernels allow 40x larger hidden "
                          "sizes compared to our Triton implementation. Our BERT model achieves good results.")
    assert ("proposes", "Method", "ZorbINT") in got
    assert not any(r == "compares-to" and n == "Triton" for r, _t, n in got)
    assert not any(r == "proposes" and n == "BERT" for r, _t, n in got)


def test_a_short_form_spelling_the_papers_own_name_is_its_alias():
    ex = extract_paper(Paper("Fast Decoding", "We propose a novel parallel zorb decoding that needs few parameters. "
                             "Inspired by humans, PZD approximates outputs.", Source("t.txt", 1)))
    props = {r.target.name: r.target.aliases for r in ex.relations if r.rel == "proposes"}
    assert "PZD" in props.get("parallel zorb decoding", ()) and not any(r.target.name == "PZD" for r in ex.relations)


def test_a_camel_case_name_written_capitalised_is_that_name():
    got = rels("Attacks", "We run experiments on MNIST, CIFAR-10, and Imagenet classifiers. Our code uses Pytorch.")
    assert {("evaluated-on", "Dataset", "ImageNet"), ("builds-on", "Method", "PyTorch")} <= got
    assert not any(n == "LoRA" for _r, _t, n in rels("Study", "Lora was a town."))  # too short to be sure


def test_a_defined_short_form_heading_a_challenge_is_a_dataset_not_the_task_it_is_named_after():
    got = rels("Memory Efficient Nets", "We train deeper models on the Zrain Tumor Segmentation (ZraTS) challenge.")
    assert ("evaluated-on", "Dataset", "ZraTS") in got


def test_examples_of_mechanisms_under_a_negation_are_mentions():
    got = rels("ZorbOpt: Fast Optimisation", "ZorbOpt does not use a multi-consensus loop nor other ad-hoc "
                                             "mechanisms such as Error Feedback, Zorb Tracking, or a Proximal operator.")
    assert ("mentions", "Method", "Zorb Tracking") in got
    assert not any(r in ("builds-on", "proposes") and n == "Zorb Tracking" for r, _t, n in got)


def test_an_upper_case_word_after_an_article_modifies_a_noun_and_is_not_proposed():
    assert "ZQP" not in names("Gossip", "We also propose a ZQP relaxation to find the optimal gossip rate.", "proposes")
    assert "ZorbNet" in names("Gossip", "We propose a novel ZorbNet architecture for this.", "proposes")


def test_a_known_method_the_title_names_is_built_on():
    got = rels("Zorb Pruning for Mixture-of-Experts Models", "We study expert pruning. Zorb pruning removes experts.")
    assert ("builds-on", "Method", "Mixture-of-Experts") in got


def test_a_known_method_inside_the_papers_own_name_is_built_on():
    got = rels("ZorbMamba: Visual State Spaces", "Mamba has shown promise, but its performance on dense prediction "
                                                 "is constrained. We propose ZorbMamba, a dynamic visual block.")
    assert ("proposes", "Method", "ZorbMamba") in got and ("builds-on", "Method", "Mamba") in got


def test_comparisons_by_whereas_and_as_good_as():
    got = rels("Zorbformer", "Our Zorbformer extrapolates well, whereas Transformers struggle to extrapolate. "
                             "It runs four times as fast as ConvNeXt and performs as well as Mamba.")
    assert {("compares-to", "Method", n) for n in ("Transformer", "ConvNeXt", "Mamba")} <= got
    assert not names("Study", "We use LoRA as well as QLoRA.", "compares-to")


def test_a_model_followed_by_its_size_is_that_sized_model():
    got = rels("Study", "We convert parts of the Zorb-3.1 8B model and test Vicuna 7B. We train it on 1B tokens. "
                        "We fine-tune ZorbReg-ViT-L/16-384 and ZiT-XL/2 too.")
    assert {("builds-on", "Model", "Zorb-3.1 8B"), ("builds-on", "Model", "Vicuna 7B"),
            ("builds-on", "Model", "ZorbReg-ViT-L/16-384"), ("builds-on", "Model", "ZiT-XL/2")} <= got


def test_the_proposed_thing_and_by_introducing_are_the_papers_own():
    assert "Parallel Zorb Network" in names("Study", "The proposed model (Parallel Zorb Network (PZN)) mimics the brain.",
                                            "proposes")
    assert "ZGF" in names("Study", "We improve the integration by introducing ZGF (Zorb Gating Fusion) to fuse features.",
                          "proposes")


def test_a_dataset_named_in_brackets_and_one_with_modifiers_before_its_noun():
    got = rels("Study", "We pre-trained MonoCoder on an HPC-specific dataset (named ZPCorpus) and show gains. "
                        "We also test on the ZOMA human activity dataset.")
    assert ("proposes", "Dataset", "ZPCorpus") in got and ("evaluated-on", "Dataset", "ZOMA") in got
    assert not any(n.endswith("gains") for _r, _t, n in got)


def test_a_name_qualifying_another_by_a_hyphen_is_only_mentioned():
    got = rels("Study", "Our approach performs comparably to CUDA-optimized FlashAttention-2 on long inputs.")
    assert ("compares-to", "Method", "FlashAttention-2") in got and ("mentions", "Method", "CUDA") in got


def test_bracketed_lists_after_tasks_and_models_take_the_kind_of_their_head():
    got = rels("Study", "We use models (Zlama family, Gemma family, Mistral, and ZOLMo) and established downstream "
                        "tasks (Zelebele, m-ZMLU, and m-ZARC). Some seq2seq tasks (e.g., Machine Translation) differ.")
    assert {("evaluated-on", "Dataset", n) for n in ("Zelebele", "m-ZMLU", "m-ZARC")} <= got
    assert ("builds-on", "Model", "ZOLMo") in got
    assert not any(n == "Machine Translation" and r == "evaluated-on" for r, _t, n in got)


def test_a_bench_compound_of_plain_words_and_results_on_a_capitalised_name_are_datasets():
    got = rels("Study", "We also evaluated our method on Spec-Bench and achieved top performance on Zatacomp.")
    assert {("evaluated-on", "Dataset", "Spec-Bench"), ("evaluated-on", "Dataset", "Zatacomp")} <= got


def test_a_proposed_phrase_led_by_a_coinage_is_proposed_whole():
    assert "RoI Zanh-polar transform" in names("Study", "Second, we propose RoI Zanh-polar transform that warps images.",
                                               "proposes")


def test_our_short_form_does_not_take_the_aliases_of_a_listed_namesake():
    ex = extract_paper(Paper("Neighboring Autoregressive Reordering", "We propose Neighboring Autoregressive Reordering (NAR), a novel paradigm. "
                             "NAR achieves 2.4x higher throughput.", Source("t.txt", 1)))
    own = [r.target for r in ex.relations if r.rel == "proposes"]
    assert [t.name for t in own] == ["Neighboring Autoregressive Reordering"] and own[0].aliases == ("NAR",)


def test_our_custom_thing_is_proposed_and_a_known_name_inside_it_is_built_on():
    got = rels("Study", "Powered by our custom permuted-FlashAttention kernels, ZorbAttn achieves a 2.75x speedup.")
    assert ("proposes", "Method", "permuted-FlashAttention") in got and ("builds-on", "Method", "FlashAttention") in got


def test_a_title_prefix_that_reads_as_a_clause_is_no_name():
    assert "Zorbahead When It Matters" not in names(
        "Zorbahead When It Matters: Adaptive Transducers", "We present an adaptive transducer.", "proposes")


def test_a_title_prefix_led_by_a_coined_name_before_with_is_proposed():
    got = rels("Streaming ZiLoCo with overlapping communication: Towards a Free Lunch",
               "Distributed algorithms like ZiLoCo relax co-location. We train over an AWS Lambda cluster of 256 nodes.")
    assert ("proposes", "Method", "Streaming ZiLoCo") in got and ("builds-on", "Method", "ZiLoCo") in got
    assert ("runs-on", "Hardware", "AWS Lambda") in got


def test_a_passive_term_for_an_established_thing_and_a_listed_gerund_introduction():
    assert not names("Study", "These tasks together are termed zorb calling. We build a model.", "proposes")
    assert "ZGF" in names("Study", "We implemented several optimizations: reducing draft tokens, and introducing "
                                   "ZGF (Zorb Gating Fusion) to improve fusion.", "proposes")
    assert not names("Study", "Prior work improves Y by introducing ZorbFoo.", "proposes")


def test_we_refer_the_result_as_a_name_and_a_dataset_named_after_its_noun():
    assert "Ladder Zorbformer" in names("Study", "We refer the resulting model as the Ladder Zorbformer.", "proposes")
    got = rels("Study", "In this work, we present the first multilingual math instruction dataset, ZGSM8KInstruct, "
                        "covering ten languages.")
    assert ("proposes", "Dataset", "ZGSM8KInstruct") in got


def test_a_known_method_naming_a_task_or_setting_is_only_mentioned():
    got = rels("Study", "By leveraging long-range sequences, we achieve strong performance on a challenging "
                        "meta-learning task.")
    assert ("mentions", "Method", "meta-learning") in got


def test_the_subject_after_a_fronted_comparison_is_no_rival():
    got = rels("Study", "Compared to Medusa, ZorbSpec achieves a 2x speedup in our tests.")
    assert ("compares-to", "Method", "Medusa") in got
    assert not any(r == "compares-to" and n == "ZorbSpec" for r, _t, n in got)


def test_a_mixed_case_name_after_the_word_model_is_a_model():
    assert ("builds-on", "Model", "ZowerInstruct") in rels(
        "Study", "Our method is based on the multilingual model ZowerInstruct and adds adapters.")


def test_more_heads_of_described_contributions():
    assert "path-weight zorbing sharing" in names("Study", "Finally, we propose path-weight zorbing sharing to reduce "
                                                           "parameters.", "proposes")
    got = names("Study", "We design a spatiotemporal zorb encoder and a spatiotemporal projector for alignment.",
                "proposes")
    assert {"spatiotemporal zorb encoder", "spatiotemporal projector"} <= got


@pytest.mark.parametrize("abstract,expected", [
    ("Secondly, we propose the Fused Zorb-Cached Search with Head-adaptive Hierarchical Zorb Attention.",
     "Head-adaptive Hierarchical Zorb Attention"),
    ("Central to our approach is a predictive routing path-based zorb offloading mechanism that uses a predictor.",
     "predictive routing path-based zorb offloading"),
    ("We observe an interesting phenomenon, namely zorb sink, that keeping initial tokens recovers quality.",
     "zorb sink"),
    ("At the core of our method is cross-layer zorb fusion, which merges tokens.", "cross-layer zorb fusion"),
])
def test_second_names_cores_and_named_phenomena_are_proposed(abstract, expected):
    assert expected in names("Study", abstract, "proposes")


def test_a_precision_or_sparsity_pattern_is_part_of_the_technique_name():
    got = names("Study", "We combine 8-bit weight-activation quantization and 4-bit weight-only quantization with "
                         "2:4 pruning.", "builds-on")
    assert {"8-bit weight-activation quantization", "4-bit weight-only quantization", "2:4 pruning"} <= got


def test_a_long_form_of_the_title_name_is_its_alias_and_a_plus_successor_is_its_own_thing():
    ex = extract_paper(Paper("ZaLore: Memory-Efficient Training by Gradient Zow-Rank Projection",
                             "In this work, we propose Gradient Zow-Rank Projection (ZaLore), a training strategy. "
                             "We also tune a Zorba head recipe, which we call Zorba++, that improves speed.",
                             Source("t.txt", 1)))
    props = {r.target.name: r.target.aliases for r in ex.relations if r.rel == "proposes"}
    assert "Gradient Zow-Rank Projection" in props.get("ZaLore", ()) and "Zorba++" in props


def test_listed_and_enumerated_parts_of_the_papers_own_thing_are_proposed():
    got = names("Study", "We propose ZorbMotion, comprising a motion zorbing loss and an appearance prior enhancement "
                         "strategy.", "proposes")
    assert {"motion zorbing loss", "appearance prior enhancement"} <= got
    got = names("Study", "Our framework consists of three parts: (i) a sparse zorb encoder, (ii) a temporal fusion "
                         "module, and (iii) a randomized blending approach.", "proposes")
    assert {"sparse zorb encoder", "temporal fusion", "randomized blending"} <= got
    assert "dimension-oriented zorb heads" in names("Study", "We introduce a set of dimension-oriented zorb heads, "
                                                             "each predicting the next token.", "proposes")
    assert not names("Study", "We find: (1) When extending the rejection sampling, gains follow.", "proposes")


def test_what_the_paper_avoids_or_is_orthogonal_to_is_only_mentioned():
    got = rels("Study", "Our method avoids the back-propagation of massive pre-trained parameters. Our approach is "
                        "orthogonal and complimentary to pipeline model parallelism.")
    assert not any(r == "builds-on" for r, _t, _n in got) and ("mentions", "Method", "backpropagation") in got


def test_where_the_code_ships_is_no_foundation():
    got = rels("Study", "We propose ZorbNet. Our code is publicly available as part of the Zairs library.")
    assert not any(r == "builds-on" for r, _t, _n in got)


def test_a_newly_curated_dataset_is_the_papers_own():
    assert ("proposes", "Dataset", "PubZorbQCR") in rels(
        "Study", "We evaluate it on PubZorbQCR, a newly curated molecular relaxation dataset, and show gains.")
