"""Benchmarks: synthetic corpora (:mod:`bench.synth`) and the scale harness (:mod:`bench.run`)."""
