"""bench.run's free-space check: a run that cannot fit its outputs stops before any work."""
from bench.run import OUTPUT_BYTES_PER_PAPER, disk_shortfall


def test_a_run_that_fits_passes_and_one_that_does_not_says_what_to_do(tmp_path):
    need = 1000 * OUTPUT_BYTES_PER_PAPER
    assert disk_shortfall([10, 1000], False, need, tmp_path) is None
    msg = disk_shortfall([10, 1000], True, need, tmp_path)  # stage timings write a second set
    assert msg.startswith("1,000 papers need about") and "--sizes" in msg


def test_a_sizes_earlier_outputs_count_as_free(tmp_path):
    old = tmp_path / "out-1000"
    old.mkdir()
    (old / "graph.nt").write_bytes(b"x" * 1000)
    need = 1000 * OUTPUT_BYTES_PER_PAPER
    assert disk_shortfall([1000], False, need - 1000, tmp_path) is None
    assert disk_shortfall([1000], False, need - 1001, tmp_path) is not None
