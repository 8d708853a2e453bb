"""No-op run: wall time of ``tiltak run`` on an unchanged corpus (files recognised by size + mtime, never
parsed; nothing committed) against a trivial one-task Prefect flow in a fresh process (trivial_flow.py),
both with Prefect's embedded server. Goal: <= 1.5x the trivial flow. Uses the bench_e2e.py corpus
(built and processed once if missing).

    python benchmarks/bench_noop.py [--work /tmp/tiltak-bench] [--runs 5]
"""
from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from bench_e2e import prepare, tiltak
from common import interleaved, load, median, spread
from deltalake import DeltaTable

HERE = Path(__file__).resolve().parent


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--work", type=Path, default=Path("/tmp/tiltak-bench"))
    ap.add_argument("--docs", type=int, default=200)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    raw = prepare(args.work, args.docs)
    out = args.work / "processed-noop"
    tiltak(args.work, "run", "--quiet", "--raw", str(raw), "--out", str(out), "--workers", "2")
    version = DeltaTable(str(out / "documents")).version()
    n_files = sum(1 for p in raw.iterdir() if p.suffix != ".toml")

    def noop() -> None:
        tiltak(args.work, "run", "--quiet", "--raw", str(raw), "--out", str(out))

    def trivial() -> None:
        subprocess.run([sys.executable, str(HERE / "trivial_flow.py")], cwd=args.work, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    print(f"corpus: {n_files} unchanged files  [{load()}]")
    times = interleaved({"trivial": trivial, "noop": noop}, args.runs)
    if DeltaTable(str(out / "documents")).version() != version:
        raise SystemExit("a no-op run committed: files were not recognised as unchanged (code edited meanwhile?)")
    ratio = median(times["noop"]) / median(times["trivial"])
    print(f"reference  trivial Prefect flow    : {spread(times['trivial'])}")
    print(f"figure     tiltak run (no changes) : {spread(times['noop'])}")
    print(f"ratio: {ratio:.2f}  (goal <= 1.5: {'met' if ratio <= 1.5 else 'MISSED'})  [{load()} after]")


if __name__ == "__main__":
    main()
