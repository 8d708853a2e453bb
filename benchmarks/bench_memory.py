"""Memory: peak RSS of one process handling a 500+ page PDF (the seed's table repeated), for the parser
alone and the whole per-file path (parse, segment, enrich -> rows) with each PDF engine, against bare
pdfplumber ``extract_words()`` with pages closed and an interpreter that only imported the pipeline.
Goal: <= 500 MB.

Each measurement is a fresh child process; its peak RSS comes from ``wait4`` (the kernel's maxrss).

    python benchmarks/bench_memory.py [--copies 72] [--runs 3] [--engines pdfium pdfplumber]
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from common import ROOT, build_pdf, load

_PROCESS = ("from pipeline.config import Settings; from pipeline.run.process import process_file; "
            "from pipeline.run.scan import FileState, sha256_file; "
            "r = process_file(FileState(PATH.name, PATH, PATH.stat().st_size, PATH.stat().st_mtime, sha256_file(PATH)), "
            "settings=Settings(pdf_engine={engine!r})); assert r.error is None, r.error")
CHILD = {
    "imports (pipeline.run.process)": "import pipeline.run.process, pipeline.parse.pdf, pdfplumber, pypdfium2",
    "bare extract_words": "from common import bare_words; bare_words(PATH)",
    **{f"pipeline.parse.parse, {e}": f"from pipeline.config import Settings; from pipeline.parse import parse; "
                                     f"parse(PATH, PATH.name, Settings(pdf_engine={e!r}))" for e in ("pdfium", "pdfplumber")},
    **{f"process_file (all stages), {e}": _PROCESS.format(engine=e) for e in ("pdfium", "pdfplumber")},
}


def peak_rss_mb(code: str, path: Path) -> tuple[float, float]:
    """(peak RSS in MB, seconds) of a child running ``code`` with ``PATH`` bound to ``path``."""
    import time

    prelude = f"import sys; sys.path.insert(0, {str(Path(__file__).parent)!r}); from pathlib import Path; PATH = Path({str(path)!r}); "
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", prelude + code], cwd=ROOT)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise SystemExit(f"child failed ({proc.returncode}): {code}")
    return usage.ru_maxrss / 1024, time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--copies", type=int, default=72, help="copies of the 7-page seed table (72 -> 504 pages)")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--engines", nargs="+", default=["pdfium", "pdfplumber"], choices=["pdfium", "pdfplumber"])
    args = ap.parse_args()
    children = {name: code for name, code in CHILD.items()
                if not name.endswith(("pdfium", "pdfplumber")) or name.rsplit(", ", 1)[1] in args.engines}
    with tempfile.TemporaryDirectory() as tmp:
        path = build_pdf(Path(tmp) / "long.pdf", args.copies)

        print(f"file: {args.copies * 7}-page PDF ({path.stat().st_size / 1e6:.1f} MB), {args.runs} runs each, {load()}")
        peaks: dict[str, list[float]] = {name: [] for name in children}
        for _ in range(args.runs):  # rounds interleave the modes
            for name, code in children.items():
                peaks[name].append(peak_rss_mb(code, path)[0])
        for name, values in peaks.items():
            kind = "figure   " if name.startswith(("pipeline", "process")) else "reference"
            print(f"{kind} {name:38s}: peak RSS {statistics.median(values):6.0f} MB (median; "
                  f"min {min(values):.0f}, max {max(values):.0f})")
        worst = max(statistics.median(peaks[n]) for n in children if n.startswith(("pipeline", "process")))
        print(f"goal <= 500 MB: {'met' if worst <= 500 else 'MISSED'} (worst figure {worst:.0f} MB)  [{load()}]")


if __name__ == "__main__":
    main()
