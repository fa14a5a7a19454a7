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
