"""Shared helpers of the benchmarks: medians of interleaved runs, machine load, test PDFs, the bare
pdfplumber floor. Benchmarks print figures; they never pass or fail."""
from __future__ import annotations

import os
import statistics
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
SEED_TABLE_PDF = ROOT / "tests" / "fixtures" / "seed" / "handlingsprogram-2026-tabell.pdf"


def load() -> str:
    """Load averages and core count, printed with every figure (the machine is shared)."""
    one, five, fifteen = os.getloadavg()
    return f"load {one:.2f} {five:.2f} {fifteen:.2f} on {os.cpu_count()} cores"


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def interleaved(fns: dict[str, Callable[[], object]], runs: int = 3) -> dict[str, list[float]]:
    """Seconds of each function over ``runs`` rounds, the functions alternating within a round so a
    change of machine load hits figure and reference alike."""
    times: dict[str, list[float]] = {name: [] for name in fns}
    for _ in range(runs):
        for name, fn in fns.items():
            times[name].append(timed(fn))
    return times


def median(values: list[float]) -> float:
    return statistics.median(values)


def spread(values: list[float]) -> str:
    return f"median {median(values):.2f} s of {len(values)} (min {min(values):.2f}, max {max(values):.2f})"


def build_pdf(out: Path, copies: int, source: Path = SEED_TABLE_PDF) -> Path:
    """``copies`` copies of ``source`` concatenated into ``out`` with pypdfium2 (a pdfplumber dependency)."""
    import pypdfium2 as pdfium

    src = pdfium.PdfDocument(str(source))
    dst = pdfium.PdfDocument.new()
    for _ in range(copies):
        dst.import_pages(src)
    dst.save(str(out))
    return out


def bare_words(path: Path) -> int:
    """The floor: pdfplumber ``extract_words()`` on every page (pages closed as we go); returns pages."""
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_words()
            page.close()
        return len(pdf.pages)
