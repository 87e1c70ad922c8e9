"""The benchmark harness (see the package docstring)."""

from __future__ import annotations

import importlib.util
import platform
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import numpy as np


@dataclass
class Case:
    """One side-by-side comparison.

    ``setup()`` builds the data once and returns a dict passed as keyword arguments to
    ``ours`` and ``reference``; each of those fits/predicts and returns its fitted result.
    ``quality(result, data) -> float`` scores a result (accuracy, RMSE, objective...),
    named by ``metric``.
    """

    name: str
    size: str
    setup: Callable[[], dict]
    ours: Callable[..., object]
    reference: Callable[..., object]
    reference_name: str
    quality: Callable[[object, dict], float]
    metric: str
    repeats: int = 5
    note: str = ""
    results: dict = field(default_factory=dict)


def _timed(fn, data):
    t0 = time.perf_counter()
    out = fn(**data)
    return time.perf_counter() - t0, out


def run_case(case: Case, *, repeats: int | None = None) -> dict:
    """Time ``case`` interleaved; return a row with medians, ratio and quality."""
    data = case.setup()
    repeats = repeats or case.repeats
    _, ours_out = _timed(case.ours, data)  # warm-up (numba compilation, caches)
    _, ref_out = _timed(case.reference, data)
    t_ours, t_ref = [], []
    for _ in range(repeats):
        t, ours_out = _timed(case.ours, data)
        t_ours.append(t)
        t, ref_out = _timed(case.reference, data)
        t_ref.append(t)
    m_ours, m_ref = statistics.median(t_ours), statistics.median(t_ref)
    return {
        "case": case.name,
        "size": case.size,
        "reference": case.reference_name,
        "hackml_s": m_ours,
        "reference_s": m_ref,
        "ratio": m_ours / m_ref if m_ref > 0 else float("inf"),
        "metric": case.metric,
        "hackml_quality": float(case.quality(ours_out, data)),
        "reference_quality": float(case.quality(ref_out, data)),
        "repeats": repeats,
        "note": case.note,
    }


def _table(rows: list[dict]) -> str:
    head = (
        "| case | size | reference | hackml (s) | reference (s) | ratio | metric | hackml | "
        "reference | note |\n|---|---|---|---:|---:|---:|---|---:|---:|---|\n"
    )
    body = "".join(
        f"| {r['case']} | {r['size']} | {r['reference']} | {r['hackml_s']:.4g} | "
        f"{r['reference_s']:.4g} | {r['ratio']:.2f}x | {r['metric']} | "
        f"{r['hackml_quality']:.6g} | {r['reference_quality']:.6g} | {r['note']} |\n"
        for r in rows
    )
    return head + body


def _load_cases(path: Path):
    spec = importlib.util.spec_from_file_location(f"_hackml_bench_{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run_family(bench_dir: Path, family: str, *, quick: bool = False, echo=print) -> list[dict]:
    """Run ``bench_<family>.py`` and write ``results/<family>.md``; return the rows."""
    bench_dir = Path(bench_dir)
    module = _load_cases(bench_dir / f"bench_{family}.py")
    rows = []
    for case in module.cases(quick=quick):
        echo(f"[{family}] {case.name} ({case.size}) ...")
        row = run_case(case, repeats=1 if quick else None)
        echo(
            f"    hackml {row['hackml_s']:.4g}s  {row['reference']} {row['reference_s']:.4g}s  "
            f"ratio {row['ratio']:.2f}x  {row['metric']} {row['hackml_quality']:.6g} vs "
            f"{row['reference_quality']:.6g}"
        )
        rows.append(row)
    if not quick:
        out = bench_dir / "results" / f"{family}.md"
        out.parent.mkdir(exist_ok=True)
        title = getattr(module, "TITLE", family)
        text = f"## {title}\n\n{(module.__doc__ or '').strip()}\n\n{_table(rows)}"
        out.write_text(f"{text}\n_Measured {time.strftime('%Y-%m-%d')}._\n", encoding="utf-8")
    return rows


def _versions() -> str:
    names = ["hackml", "numpy", "scipy", "scikit-learn", "numba", "implicit", "torch"]
    found = []
    for n in names:
        try:
            found.append(f"{n} {version(n)}")
        except PackageNotFoundError:
            pass
    return ", ".join(found)


def _machine() -> str:
    import os

    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, Python {sys.version.split()[0]}, {platform.system()}"


def write_benchmarks_md(bench_dir: Path, target: Path) -> None:
    """Assemble BENCHMARKS.md from every family's table in ``results/``."""
    sections = sorted(Path(bench_dir, "results").glob("*.md"))
    intro = (
        "# Benchmarks\n\nhackml against the reference implementation on the same data in the "
        "same process: one untimed warm-up each, then interleaved repeats; medians. "
        "**ratio** = hackml time / reference time (below 1 is faster). The quality columns "
        "show both reached the same answer. Regenerate with `make bench` (all) or "
        "`hackml bench --family NAME`.\n\n"
        f"Machine: {_machine()}.  \nVersions: {_versions()}.\n\n"
    )
    body = "\n".join(p.read_text(encoding="utf-8") for p in sections)
    Path(target).write_text(intro + (body or "_No results yet._\n"), encoding="utf-8")


def families(bench_dir: Path) -> list[str]:
    return sorted(p.stem.removeprefix("bench_") for p in Path(bench_dir).glob("bench_*.py"))


def accuracy(result, data) -> float:
    """Quality helper: accuracy of ``result.predict(data['X_test'])``."""
    return float(np.mean(result.predict(data["X_test"]) == data["y_test"]))
