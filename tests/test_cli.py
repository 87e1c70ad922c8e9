"""The hackml command."""

import textwrap

import pytest

from hackml import __version__
from hackml.cli import main


def test_version(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip() == f"hackml {__version__}"


def test_help_lists_commands(capsys):
    assert main([]) == 0
    out = capsys.readouterr().out
    for command in ("datasets", "estimators", "tour", "bench"):
        assert command in out


def test_datasets(capsys):
    assert main(["datasets"]) == 0
    out = capsys.readouterr().out
    assert "load_movielens_100k" in out and "installed" in out


def test_estimators(capsys):
    assert main(["estimators"]) == 0
    assert "LinearRegression" in capsys.readouterr().out


def test_tour_one_section(capsys):
    assert main(["tour", "linear_model"]) == 0
    out = capsys.readouterr().out
    assert "LinearRegression" in out and "test R2" in out
    assert main(["tour", "no_such_family"]) == 2


def test_bench_writes_a_table(tmp_path, capsys):
    bench = tmp_path / "benchmarks"
    bench.mkdir()
    (bench / "bench_toy.py").write_text(
        textwrap.dedent('''
        """Toy: summing with Python against numpy."""
        import numpy as np
        from hackml.bench import Case
        TITLE = "Toy"
        def cases(quick):
            return [Case(name="sum", size="1k", setup=lambda: {"x": np.arange(1000.0)},
                         ours=lambda x: float(np.sum(x)), reference=lambda x: float(sum(x)),
                         reference_name="builtins.sum", quality=lambda r, d: r, metric="sum",
                         repeats=3)]
    ''')
    )
    assert main(["bench", "--dir", str(bench)]) == 0
    table = (tmp_path / "BENCHMARKS.md").read_text()
    assert "## Toy" in table and "| sum | 1k | builtins.sum |" in table and "499500" in table
    assert main(["bench", "--dir", str(bench), "--family", "nope"]) == 2
    assert main(["bench", "--dir", str(tmp_path / "missing")]) == 2
