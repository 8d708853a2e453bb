"""Bytes a run adds to the tables when one file of the 200-file corpus changed, and the wall time of a
no-op run. The corpus (bench_e2e.py's, built once in ``--work``) is processed once into ``--out``; then
one TXT file gets a new measure line and ``tiltak run`` commits it: the figure is how many bytes the
files under each ``processed/<table>/`` grew by (data files and Delta log; old versions are kept, so
this is what the history costs per run). Run it from a ``git archive`` snapshot to measure another
commit: ``PYTHONPATH=/tmp/snap python benchmarks/bench_write.py --out /tmp/tiltak-bench/processed-snap``.

    python benchmarks/bench_write.py [--work /tmp/tiltak-bench] [--out DIR] [--runs 3]
"""
from __future__ import annotations

import argparse
from pathlib import Path

from bench_e2e import prepare, tiltak
from common import interleaved, load, spread

TABLES = ("documents", "measures", "measure_partners", "errors", "runs")


def table_bytes(out: Path) -> dict[str, int]:
    """Bytes of every file under each table folder."""
    return {t: sum(p.stat().st_size for p in (out / t).rglob("*") if p.is_file()) if (out / t).is_dir() else 0
            for t in TABLES}


def change_one_file(raw: Path, round_: int) -> Path:
    """Append one measure line to the first TXT file of the corpus (new bytes every round)."""
    target = sorted(raw.glob("*.txt"))[0]
    with target.open("a", encoding="utf-8") as fh:
        fh.write(f"\n- Etablere et nytt samarbeid om kraft i runde {round_} av målingen\n")
    return target


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--work", type=Path, default=Path("/tmp/tiltak-bench"))
    ap.add_argument("--out", type=Path, default=None, help="default <work>/processed-write")
    ap.add_argument("--docs", type=int, default=200)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    raw = prepare(args.work, args.docs)
    out = args.out or args.work / "processed-write"
    tiltak(args.work, "run", "--quiet", "--raw", str(raw), "--out", str(out), "--workers", "2")
    tiltak(args.work, "run", "--quiet", "--raw", str(raw), "--out", str(out))  # settle (mtimes, upgrades)
    print(f"tables now: {table_bytes(out)}  [{load()}]")
    added: list[dict[str, int]] = []
    for round_ in range(args.runs):
        before = table_bytes(out)
        change_one_file(raw, round_)
        tiltak(args.work, "run", "--quiet", "--raw", str(raw), "--out", str(out))
        after = table_bytes(out)
        added.append({t: after[t] - before[t] for t in TABLES})
    for i, row in enumerate(added):
        print(f"one-file run {i + 1}: {sum(row.values()):,} bytes added  {row}")
    times = interleaved({"noop": lambda: tiltak(args.work, "run", "--quiet", "--raw", str(raw), "--out", str(out))},
                        args.runs)
    print(f"no-op run: {spread(times['noop'])}  [{load()} after]")


if __name__ == "__main__":
    main()
