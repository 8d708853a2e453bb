"""PDF parse: pages/s of ``pipeline.parse.parse`` against bare pdfplumber ``extract_words()`` on the same
multi-page table PDF (the seed's ruled table repeated, 105 pages by default). Goal: ratio >= 0.8.

    python benchmarks/bench_pdf_parse.py [file.pdf] [--copies 15] [--runs 3]
"""
from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from common import bare_words, build_pdf, interleaved, load, median, spread

from pipeline.parse import parse


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("pdf", nargs="?", type=Path)
    ap.add_argument("--copies", type=int, default=15)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = args.pdf or build_pdf(Path(tmp) / "bench.pdf", args.copies)
        n_pages = bare_words(path)  # warm-up: imports and the OS file cache
        doc = parse(path, path.name)
        print(f"file: {path.name}  pages: {n_pages}  blocks: {len(doc.blocks)}  ({load()} before)")
        times = interleaved({"bare": lambda: bare_words(path), "parse": lambda: parse(path, path.name)}, args.runs)
        bare, ours = median(times["bare"]), median(times["parse"])
        print(f"reference  pdfplumber extract_words: {n_pages / bare:6.1f} pages/s  ({spread(times['bare'])})")
        print(f"figure     pipeline.parse.parse    : {n_pages / ours:6.1f} pages/s  ({spread(times['parse'])})")
        print(f"ratio parse/bare: {bare / ours:.2f}  (goal >= 0.8)  [{load()} after]")


if __name__ == "__main__":
    main()
