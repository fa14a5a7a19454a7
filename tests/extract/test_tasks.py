"""Task phrases (``addresses``): title slots, abstract cues and the names annotators give tasks.

Every title and sentence here is invented (none is a corpus title with its name swapped); each pins one
pattern of ``kg/extract/tasks.py``.
"""
import pytest

from kg.extract.tasks import find_tasks, title_tasks


@pytest.mark.parametrize("title,expected", [
    # a task word may be the whole last word
    ("Regret Bounds for Delayed Dueling Bandits", ["delayed dueling bandits"]),
    # the lead ends at a preposition of means or setting ("on", "from") too
    ("Efficient Large-Scale Speech Model Training on Commodity Clusters", ["large-scale speech model training"]),
    ("ZorbShard: Long Context Pretraining from a Compiler View", ["long context pretraining"]),
    # the lead before "for" is the method, not the task
    ("Hierarchical Zorb Caching for Tail Latency Reduction", ["tail latency reduction"]),
    # "on X" names a task only at the title's end
    ("ZorbArena: Benchmarking Agents on Spreadsheet Formula Correction", ["spreadsheet formula correction"]),
    ("Zorb: Clipping based on Channel-wise Statistics for Low-Bit Quantization", ["low-bit quantization"]),
    # the efficiency of a task is not the task; a large-scale benchmark is not a large-scale task
    ("Improving Large-scale Recommendation Training Efficiency with Zorb", ["large-scale recommendation training"]),
    ("ZorbSound: A Large-Scale Audio Tagging Benchmark", ["audio tagging"]),
    # large language models are LLMs, and keep their place in the task's name
    ("Zorb-LLM: A Toolkit for Studying Early Exiting in Large Language Models", ["early exiting in LLMs"]),
    ("ZorbY: Cross-Domain Evaluation of Instruction-Tuned LLMs via Probing", ["cross-domain evaluation of LLMs"]),
    # the last of listed qualities opens the task; a list of means does not
    ("ZorbMusic: Coherent, Diverse, and Controllable Long Music Generation from Lyrics", ["long music generation"]),
    ("Zorb: Fast and Expressive Singing Synthesis", ["expressive singing synthesis"]),
    ("A Dataset for Sentence and Paragraph Segmentation", ["paragraph segmentation"]),
    ("Zorb: Image Codecs with Sparse Experts and Recurrent Block-wise Modeling", []),
    # "X Method/Algorithm" is for X; a bracketed short form ends the phrase
    ("Zorb: An Efficient Skill Learning Method via Shared Memories", ["skill learning"]),
    ("Zorb Nets for Flexible Sparse Point Cloud Modeling (Zorb-PC)", ["sparse point cloud modeling"]),
    ("Physical Backdoor Attacks", ["physical backdoor attacks"]),
    # a two-word generic task keeps its "efficient"; a longer one does not need it
    ("Zorb Priors for Efficient Motion Generation", ["efficient motion generation"]),
    ("Zorb: Tiled Score Nets For Efficient High-Quality Generation", []),
    # what a paper accelerates: its acceleration is the task
    ("Exact Acceleration for Graph Sampling with Zorb Caches", ["graph sampling acceleration"]),
])
def test_title_slots(title, expected):
    assert title_tasks(title) == expected


def test_a_named_method_with_llms_is_no_task():
    from kg.extract import extract_paper
    from kg.model import Paper, Source
    p = Paper("ZorbSuite: The Limits of Speculative Decoding in Diffusion LLMs",
              "We study speculative decoding in diffusion LLMs.", Source("t", 1))
    tasks = [r.target.name for r in extract_paper(p).relations if r.rel == "addresses"]
    assert "speculative decoding in LLMs" not in tasks


@pytest.mark.parametrize("sentence,expected", [
    ("In this work, we tackle the problem of learning robotic zorb grasping from images.", ["robotic zorb grasping"]),
    ("Deep networks excel in a wide range of zorb segmentation tasks.", ["zorb segmentation"]),
    ("ZorbNet performs well on dense zorb prediction tasks, including human pose estimation and depth estimation.",
     ["dense zorb prediction", "human pose estimation", "depth estimation"]),
    ("Zorb text simplification is a challenging task in which sentences are rewritten.", ["zorb text simplification"]),
    ("To close this gap, we study early exiting in large language models.", ["early exiting in LLMs"]),
    # two tasks sharing a head, or a phrase with two heads
    ("Zorb gets better scores for both image and video zorbing tasks.", ["video zorbing", "image zorbing"]),
    ("Zorb is strong in high-resolution image understanding and generation tasks.",
     ["high-resolution image understanding", "high-resolution image generation"]),
    ("Zorb is fast on correction and text simplification tasks.", ["text simplification"]),
    # a step of the method (singular "task") and the uses of a method ("applications such as") are no tasks
    ("The branches are merged for the final prediction task.", []),
    ("It enables applications such as photo restoration and image editing.", []),
    # a field is no task, nor a praise word
    ("Graph networks now do well across various natural language tasks.", []),
])
def test_abstract_cues(sentence, expected):
    from kg.extract.tasks import cue_tasks
    assert [t for t, _s in cue_tasks([sentence])] == expected


@pytest.mark.parametrize("texts,expected", [
    (["Zorb: Faster Speculative Sampling through Draft Trees"], "LLM inference acceleration"),
    (["Speculative decoding accelerates large language model inference with a draft model."],
     "LLM inference acceleration"),
    (["Zorb: Confidence-Gated Decoding to Accelerate Diffusion Large Language Models"],
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
    got = [t for t, _s in find_tasks("ZorbQ: A Data-free Quantization Algorithm for Diffusion Models", [])]
    assert got == ["data-free quantization"]


def test_a_kind_of_a_named_method_is_no_task():
    from kg.extract import extract_paper
    from kg.model import Paper, Source
    p = Paper("Towards Better Tree-based Speculative Decoding",
              "Speculative decoding makes large language models faster. We study tree-based speculative decoding.",
              Source("t", 1))
    tasks = [r.target.name for r in extract_paper(p).relations if r.rel == "addresses"]
    assert not any(t.endswith("speculative decoding") for t in tasks)
    assert "LLM inference acceleration" in tasks
