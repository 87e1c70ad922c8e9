"""Side-by-side benchmarks: hackml against a reference library, same data, same run.

A benchmark file ``benchmarks/bench_<family>.py`` defines ``cases(quick: bool)``
returning a list of :class:`Case`. The runner times each case's hackml and reference
callables *interleaved* (h, r, h, r, ...) for ``repeats`` rounds after one warm-up round
each (so compilation is not timed), takes the medians, and writes the family's table to
``benchmarks/results/<family>.md``; ``BENCHMARKS.md`` is then assembled from all
families' tables with the machine and library versions.

Run: ``hackml bench`` (all families) or ``hackml bench --family linear_model``.
"""

from .harness import Case, run_case, run_family, write_benchmarks_md

__all__ = ["Case", "run_case", "run_family", "write_benchmarks_md"]
