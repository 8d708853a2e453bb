"""Pages/s of ``parse_pdf`` against bare ``page.extract_words()`` on a 100+ page table PDF.

Builds the file by repeating the seed's ruled-table PDF with pypdfium2 (a pdfplumber dependency), or
takes a PDF given on the command line. Prints the median of 3 runs and the ratio (goal >= 0.8).

    python benchmarks/bench_pdf_parse.py [file.pdf] [--copies 15]
"""
from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium

from pipeline.parse.pdf import parse_pdf

SEED = Path(__file__).parents[1] / "tests" / "fixtures" / "seed" / "handlingsprogram-2026-tabell.pdf"


def build(out: Path, copies: int, source: Path = SEED) -> Path:
    """Concatenate ``copies`` copies of ``source`` into ``out``."""
    src = pdfium.PdfDocument(str(source))
    dst = pdfium.PdfDocument.new()
    for _ in range(copies):
        dst.import_pages(src)
    dst.save(str(out))
    return out


def bare_words(path: Path) -> int:
    """The floor: pdfplumber word extraction only, pages closed as we go."""
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_words()
            page.close()
        return len(pdf.pages)


def timed(fn, path: Path, runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn(path)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("pdf", nargs="?", type=Path)
    ap.add_argument("--copies", type=int, default=15)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = args.pdf or build(Path(tmp) / "bench.pdf", args.copies)
        n_pages = bare_words(path)
        doc = parse_pdf(path, path.name)
        t_bare = timed(bare_words, path)
        t_parse = timed(lambda p: parse_pdf(p, p.name), path)
        print(f"file: {path.name}  pages: {n_pages}  blocks: {len(doc.blocks)}")
        print(f"extract_words : {n_pages / t_bare:7.1f} pages/s  ({t_bare:.2f} s, median of 3)")
        print(f"parse_pdf     : {n_pages / t_parse:7.1f} pages/s  ({t_parse:.2f} s, median of 3)")
        print(f"ratio parse/bare: {t_bare / t_parse:.2f}  (goal >= 0.8)")


if __name__ == "__main__":
    main()
