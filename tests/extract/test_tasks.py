"""Task phrases (``addresses``): title slots, abstract cues and the names annotators give tasks.

Every title and sentence here is invented; each pins one pattern of ``kg/extract/tasks.py``.
"""
import pytest

from kg.extract.tasks import find_tasks, title_tasks


@pytest.mark.parametrize("title,expected", [
    # a task word may be the whole last word
    ("Tight Bounds for Streaming Multi-armed Bandits", ["streaming multi-armed bandits"]),
    # the lead ends at a preposition of means or setting ("on", "from") too
    ("Efficient Large-Scale Language Model Training on GPU Clusters", ["large-scale language model training"]),
    ("Zorb Parallelism: Long Sequence Training from a Systems View", ["long sequence training"]),
    # the lead before "for" is the method, not the task
    ("Sequential Zorb Coding for Straggler Mitigation", ["straggler mitigation"]),
    # "on X" names a task only at the title's end
    ("ZorbGym: Benchmarking Models on Kernel Crash Resolution", ["kernel crash resolution"]),
    ("Zorb: Rounding based on Element-wise Division for Post-Training Quantization", ["post-training quantization"]),
    # the efficiency of a task is not the task; a large-scale benchmark is not a large-scale task
    ("Boosting Large-scale Parallel Training Efficiency with Zorb", ["large-scale parallel training"]),
    ("ZorbTube: A Large-Scale Video Classification Benchmark", ["video classification"]),
    # large language models are LLMs, and keep their place in the task's name
    ("Zorb-LLM: A Framework for Studying Adaptive Computation in Large Language Models",
     ["adaptive computation in LLMs"]),
    ("ZorbX: Multilingual Evaluation of English-Centric LLMs via Alignment", ["multilingual evaluation of LLMs"]),
    # the last of listed qualities opens the task; a list of means does not
    ("ZorbT2V: Consistent, Dynamic, and Extendable Long Video Generation from Text", ["long video generation"]),
    ("Zorb: Efficient and Conversational Speech Generation", ["conversational speech generation"]),
    ("A Corpus for Sentence and Document Simplification", ["document simplification"]),
    ("Zorb: Video Codecs with Adaptive Networks and Autoregressive Patch-wise Modeling", []),
    # "X Method/Algorithm" is for X; a bracketed short form ends the phrase
    ("Zorb: An Efficient Tool Learning Method via Parallel Calls", ["tool learning"]),
    ("Zorb Networks for Flexible Irregular Time Series Modeling (Zorb-FIT)", ["irregular time series modeling"]),
    ("Online Adversarial Attacks", ["online adversarial attacks"]),
    # a two-word generic task keeps its "efficient"; a longer one does not need it
    ("Zorb Modeling for Efficient Visual Generation", ["efficient visual generation"]),
    ("Zorb: Block Flow Nets For Efficient High-Quality Generation", []),
    # what a paper accelerates: its acceleration is the task
    ("Lossless Acceleration for Seq2seq Generation with Zorb Decoding", ["seq2seq generation acceleration"]),
])
def test_title_slots(title, expected):
    assert title_tasks(title) == expected


def test_a_named_method_with_llms_is_no_task():
    from kg.extract import extract_paper
    from kg.model import Paper, Source
    p = Paper("ZorbBench: The Trade-offs of Parallel Decoding in Diffusion LLMs",
              "We study parallel decoding in diffusion LLMs.", Source("t", 1))
    tasks = [r.target.name for r in extract_paper(p).relations if r.rel == "addresses"]
    assert "parallel decoding in LLMs" not in tasks


@pytest.mark.parametrize("sentence,expected", [
    ("In this work, we tackle the problem of learning robotic zorb grasping from images.", ["robotic zorb grasping"]),
    ("Deep networks excel in a wide range of zorb segmentation tasks.", ["zorb segmentation"]),
    ("ZorbNet performs well on dense zorb prediction tasks, including human pose estimation and depth estimation.",
     ["dense zorb prediction", "human pose estimation", "depth estimation"]),
    ("Zorb text simplification is a challenging task in which sentences are rewritten.", ["zorb text simplification"]),
    ("To fill this gap, we study adaptive computation in large language models.", ["adaptive computation in LLMs"]),
    # two tasks sharing a head, or a phrase with two heads
    ("Zorb gets better scores for both image and video zorbing tasks.", ["video zorbing", "image zorbing"]),
    ("We show its strength in high-resolution image understanding and generation tasks.",
     ["high-resolution image understanding", "high-resolution image generation"]),
    ("Zorb is fast on correction and text simplification tasks.", ["text simplification"]),
    # a step of the method (singular "task") and the uses of a method ("applications such as") are no tasks
    ("The branches are merged for the final prediction task.", []),
    ("It enables applications such as photo restoration and image editing.", []),
    # a field is no task, nor a praise word
    ("Transformers have shown great potential in various natural language tasks.", []),
])
def test_abstract_cues(sentence, expected):
    from kg.extract.tasks import cue_tasks
    assert [t for t, _s in cue_tasks([sentence])] == expected


@pytest.mark.parametrize("texts,expected", [
    (["Zorb: Faster Speculative Sampling with a Judge"], "LLM inference acceleration"),
    (["Speculative decoding accelerates large language model inference with a draft model."],
     "LLM inference acceleration"),
    (["Zorb: Accelerating Diffusion Large Language Models via Adaptive Parallel Decoding"],
     "diffusion LLM inference acceleration"),
    (["LLM inference suffers from long latency on phones."], None),  # latency alone is not a speed-up
    (["We accelerate the training of convolutional networks."], None),
])
def test_llm_inference_acceleration(texts, expected):
    from kg.extract.tasks import accelerated_llm
    got = accelerated_llm(texts)
    assert (got and got[0]) == expected


def test_at_most_three_tasks_and_no_known_task_twice():
    got = [t for t, _s in find_tasks("Zorb for Medical Image Segmentation",
                                     ["We study medical image segmentation.",
                                      "Zorb works on organ detection tasks, including kidney segmentation, "
                                      "liver segmentation and lesion segmentation."])]
    assert got == ["medical image segmentation", "organ detection", "kidney segmentation"]


def test_vocabulary_tasks_count_in_the_title_only():
    # the opening sentences set the scene; a known task named there is mostly background
    got = [t for t, _s in find_tasks("Zorb: A Network", ["Reinforcement learning has many uses in robotics."])]
    assert got == []


def test_a_problem_listed_with_another_is_a_defect_not_a_task():
    from kg.extract.tasks import cue_tasks
    assert cue_tasks(["Zorb nearly eliminates the problem of word skipping and repeating."]) == []


def test_a_spelling_variant_of_a_task_is_the_same_task():
    got = [t for t, _s in find_tasks("Zorb: An Efficient Data-free Quantization Algorithm for LLMs", [])]
    assert got == ["data-free quantization"]


def test_a_kind_of_a_named_method_is_no_task():
    from kg.extract import extract_paper
    from kg.model import Paper, Source
    p = Paper("Towards Optimal Multi-draft Speculative Decoding",
              "Speculative decoding makes large language models faster. We study multi-draft speculative decoding.",
              Source("t", 1))
    tasks = [r.target.name for r in extract_paper(p).relations if r.rel == "addresses"]
    assert not any(t.endswith("speculative decoding") for t in tasks)
    assert "LLM inference acceleration" in tasks
