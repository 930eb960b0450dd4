"""The benchmark suite: ``uv run python tests/benchmarks/run.py [--quick] [--json PATH]``.

Prints one table of figures, each a ratio against a baseline measured in the same run (or an
absolute figure where the issue sets one), with its target and ✓/✗. ``--only NAME`` runs the
benchmarks whose name contains NAME. Exit status 1 when a correctness check inside a benchmark
fails (a missed target alone is reported, not fatal: the machine may simply be slow).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(Path(__file__).resolve().parents[2]))

import bench_cli
import bench_http
import bench_quit
import bench_startup
import bench_store
import bench_ui
import bench_verify
from common import Budget, Figure
from fixtures import Workspace

Benchmark = Callable[[Workspace, Budget], list[Figure]]

BENCHMARKS: dict[str, Benchmark] = {
    "verify_cold": bench_verify.verify_cold,
    "verify_warm": bench_verify.verify_warm,
    "verify_limited": bench_verify.verify_limited,
    "reject": bench_verify.reject,
    "create_flat": bench_store.create_flat,
    "cli_verify": bench_cli.cli_verify,
    "http_verify": bench_http.http_verify,
    "startup": bench_startup.startup,
    "ui_stall": bench_ui.stall,
    "table_100k": bench_ui.table,
    "filter_100k": bench_ui.search,
    "rss_100k": bench_ui.memory,
    "quit": bench_quit.quit_window,
}


def _number(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:.3g}" if abs(value) < 100 else f"{value:.0f}"


def print_table(figures: list[Figure]) -> None:
    header = ("figure", "value", "unit", "baseline", "ratio", "target", "")
    rows = [header]
    for f in figures:
        target = "—" if f.target is None else ("ratio " if f.on_ratio else "") + f"≤ {f.target:g}"
        mark = {True: "✓", False: "✗", None: ""}[f.met]
        rows.append((f.name, _number(f.value), f.unit, _number(f.baseline), _number(f.ratio),
                     target, mark))
    widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
    for i, row in enumerate(rows):
        print("  ".join(c.ljust(w) if j in (0, 2, 5) else c.rjust(w)
                        for j, (c, w) in enumerate(zip(row, widths, strict=True))).rstrip())
        if i == 0:
            print("  ".join("-" * w for w in widths))
    print()
    for f in figures:
        if f.note:
            print(f"  {f.name}: {f.note}")
        for check, passed in f.checks.items():
            print(f"  {f.name}: {'✓' if passed else '✗ FAILED'} {check}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions: under a minute")
    parser.add_argument("--json", metavar="PATH", type=Path, help="also write the figures here")
    parser.add_argument("--only", metavar="NAME", action="append", default=[],
                        help="run only benchmarks whose name contains NAME (repeatable)")
    args = parser.parse_args(argv)
    budget = Budget(args.quick)
    chosen = {n: b for n, b in BENCHMARKS.items()
              if not args.only or any(o in n for o in args.only)}
    figures: list[Figure] = []
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="qkeys-bench-") as directory:
        workspace = Workspace(Path(directory))
        for name, benchmark in chosen.items():
            began = time.perf_counter()
            print(f"… {name}", file=sys.stderr, flush=True)
            figures.extend(benchmark(workspace, budget))
            print(f"  {name}: {time.perf_counter() - began:.1f} s", file=sys.stderr, flush=True)
    print(f"\nqkeys benchmarks ({'quick' if args.quick else 'full'} run, "
          f"{time.perf_counter() - started:.0f} s)\n")
    print_table(figures)
    if args.json:
        args.json.write_text(json.dumps({"figures": [f.as_json() for f in figures]}, indent=2)
                             + "\n")
    broken = [f"{f.name}: {c}" for f in figures for c, ok in f.checks.items() if not ok]
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
