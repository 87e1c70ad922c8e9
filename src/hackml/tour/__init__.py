"""``hackml tour``: fit every implemented family on real data and print one table.

Each family adds a module ``hackml/tour/<family>.py`` defining ``run()`` that returns a
list of rows ``{"family", "model", "data", "metric", "hackml", "reference", "seconds"}``
(``reference`` is the reference library's figure on the same task, or ``None``).
Modules are discovered automatically and run in name order.
"""

from __future__ import annotations

import importlib
import pkgutil
import time


def sections() -> list[str]:
    return sorted(m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_"))


def run(only: list[str] | None = None, echo=print) -> list[dict]:
    """Run the tour sections (all, or those named in ``only``) and return their rows."""
    rows = []
    for name in sections():
        if only and name not in only:
            continue
        module = importlib.import_module(f"{__name__}.{name}")
        echo(f"tour: {name} ...")
        t0 = time.perf_counter()
        try:
            got = module.run()
        except ImportError as exc:  # an optional extra not installed
            echo(f"  skipped: {exc}")
            continue
        echo(f"  done in {time.perf_counter() - t0:.1f}s")
        rows.extend(got)
    return rows


def format_table(rows: list[dict]) -> str:
    """Format tour rows as a fixed-width text table."""
    cols = ["family", "model", "data", "metric", "hackml", "reference", "seconds"]

    def cell(row, col):
        v = row.get(col)
        if v is None:
            return "-"
        return f"{v:.4g}" if isinstance(v, float) else str(v)

    table = [cols] + [[cell(r, c) for c in cols] for r in rows]
    widths = [max(len(line[i]) for line in table) for i in range(len(cols))]
    lines = ["  ".join(v.ljust(w) for v, w in zip(line, widths)) for line in table]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)
