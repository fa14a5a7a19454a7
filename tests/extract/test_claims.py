"""Structured claims: figures matched to the names they belong to, lists read "respectively", no crash on any text."""
import pytest

import kg.extract.rules  # noqa: F401  (installs the prefilters the extractor runs with)
from kg.extract.claims import parse_claim

_LIST = "Zorb beats A-Net, B-Net and C-Net by 1.5%, 2.5% and 3.5%, respectively."
_PAIR = "Zorb speeds up both the Quux Diffusion (QD) and the Blot-IF models by 41% and 24% respectively, at no loss."


@pytest.mark.parametrize("sentence,target,value", [
    (_LIST, "A-Net", 1.5), (_LIST, "B-Net", 2.5), (_LIST, "C-Net", 3.5),
    (_PAIR, "Quux Diffusion", 41.0), (_PAIR, "Blot-IF", 24.0),
    ("It beats 3D Zorb and frame-based 2D Zorb by 5.3% and 1.8%, respectively.", "2D Zorb", 1.8),
    ("Zorb reaches 80.7%, 92.4%, and 82.3% on the Quux US Airline, QMDb, and Blot140 datasets, respectively.",
     "QMDb", 92.4),
    ("It outperforms QRISS and q2q-100 with an average gain of 7.2 and 5.0 BLEU respectively.", "QRISS", 7.2),
])
def test_respectively_pairs_each_name_with_its_figure(sentence, target, value):
    assert parse_claim(sentence, target).value == value


def test_bare_numbers_before_a_unit_share_it():
    c = parse_claim("It outperforms QRISS and q2q-100 with an average gain of 7.2 and 5.0 BLEU respectively.", "q2q-100")
    assert (c.value, c.unit) == (5.0, "BLEU")


def test_a_list_of_other_length_falls_back_to_the_nearest_figure():
    c = parse_claim("Zorb beats A-Net and B-Net, respectively by 1.5%, 2.5% and 3.5% on three tasks.", "B-Net")
    assert c.value == 1.5


def test_any_text_and_target_parse_without_error():
    from bench.synth import sample_papers
    from kg.extract.sentences import split_sentences

    checked = 0
    for paper in sample_papers()[:120]:
        for sentence in split_sentences(paper.abstract):
            words = sentence.split()
            for target in {words[0], words[len(words) // 2], words[-1], sentence[:3], "("}:
                for devices in (False, True):
                    c = parse_claim(sentence, target, devices)
                    assert c is None or c.text and c.unit
                    checked += 1
    assert checked > 1000


def test_a_semicolon_or_colon_walls_a_figure_off_but_brackets_do_not():
    assert parse_claim("It runs on one GPU in many tasks: for IAD, it gives a 7x speedup.", "GPU", True) is None
    assert parse_claim("Zorb is fast on GPU; it gives a 7x speedup on TPU.", "GPU", True) is None
    c = parse_claim("It reaches 11.9x higher throughput for prefill (length 32k, batch size 16, NVIDIA H100).", "H100")
    assert c.value == 11.9


def test_sizes_and_durations_are_no_claim_on_a_dataset():
    assert parse_claim("We train on LibriZorb, with a total duration of over 1000 hours.", "LibriZorb", data=True) is None
    assert parse_claim("It reaches 81.2% on ZorbNet using a single 24GB GPU.", "ZorbNet", data=True).value == 81.2


def test_units_have_one_spelling():
    assert parse_claim("Zorb achieves 6X decoding speed over QuuxNet.", "QuuxNet").unit == "x"
    assert parse_claim("Zorb decodes 5.86 tokens per second on ZorbEval.", "ZorbEval").unit == "tokens/s"


@pytest.mark.parametrize("sentence,target,value,unit", [
    ("Zorb reaches FVD scores of 103.3 on QuuxVid and 25.5 on BlotVid, ahead of all rivals.", "QuuxVid", 103.3, "FVD"),
    ("Zorb reaches FVD scores of 103.3 on QuuxVid and 25.5 on BlotVid, ahead of all rivals.", "BlotVid", 25.5, "FVD"),
    ("Zorb beats the vanilla Quux model by an average of 4.4.", "Quux", 4.4, "points"),
    ("Zorb reaches a Pearson correlation of 0.90 with QuuxBench.", "QuuxBench", 0.9, "score"),
    ("Against Quux, Zorb reaches up to 0.8 accuracy in location prediction.", "Quux", 0.8, "score"),
])
def test_a_bare_number_counts_when_a_metric_or_a_comparison_names_it(sentence, target, value, unit):
    c = parse_claim(sentence, target)
    assert (c.value, c.unit) == (value, unit)


@pytest.mark.parametrize("sentence", [
    "We cut the error of Quux by 2 orders of magnitude.",
    "Zorb uses 3 layers and 4 heads, like Quux.",
    "Quux was released in 2023 with 12 variants.",
    "Zorb beats Blot on Quux, which had a SOTA perplexity of 15.8.",
])
def test_a_bare_number_no_metric_names_is_no_claim(sentence):
    assert parse_claim(sentence, "Quux") is None


def test_a_figure_in_another_names_brackets_is_not_the_targets():
    s = ("Zorb sets new records on QuuxText (10.8 compared to SOTA perplexity of 15.8) and BLOT (66.5% compared "
         "to SOTA accuracy of 63.2%).")
    quux, blot = parse_claim(s, "QuuxText", data=True), parse_claim(s, "BLOT", data=True)
    assert (quux.value, quux.text) == (10.8, "QuuxText (10.8 compared to SOTA perplexity of 15.8)")
    assert (blot.value, blot.unit, blot.metric) == (66.5, "%", None)  # not QuuxText's "perplexity"
    c = parse_claim("It beats Quux on the Blot-X challenge (seq. length 16K, 61.4% accuracy).", "Blot-X", data=True)
    assert (c.value, c.text) == (61.4, "Blot-X challenge (seq. length 16K, 61.4% accuracy)")


def test_the_bracket_right_after_the_target_holds_its_figure():
    s = "Zorb is the first to pass the Blot-X challenge (length 16K, 61.4% accuracy) and Blot-256 (length 64K, 63.1% accuracy)."
    assert parse_claim(s, "Blot-256", data=True).value == 63.1
    assert parse_claim(s, "Blot-X", data=True).value == 61.4


def test_a_number_inside_a_metric_name_is_no_figure():
    assert parse_claim("Zorb beats the Quux projections by over 2 NDCG@10 points.", "Quux") is None


def test_a_size_unit_names_no_metric_but_a_metric_acronym_does():
    c = parse_claim("Zorb trains a 7B model on consumer GPUs with 24GB memory.", "GPUs", devices=True)
    assert (c.value, c.unit, c.metric) == (24.0, "GB", "memory")
    assert parse_claim("Zorb reaches an FID score of 2.1 on QuuxNet.", "QuuxNet").metric == "fid"
