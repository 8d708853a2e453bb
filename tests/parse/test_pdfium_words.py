"""The bulk PDFium path (:mod:`pipeline.parse.pdfium_words`, the vectorised gutter search) gives exactly
what the per-character and per-line code gives, on every page of every PDF fixture and layout render."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from pipeline.parse.pdf_columns import CLEAR, _best_run
from pipeline.parse.pdf_words import Line
from pipeline.parse.pdfium_page import PdfiumPage, open_pdf

TESTS = Path(__file__).parents[1]
PDFS = sorted((TESTS / "fixtures").rglob("*.pdf")) + sorted((TESTS / "corpus" / "layouts").glob("*.pdf"))[::7]


@pytest.mark.parametrize("path", PDFS, ids=lambda p: p.name)
def test_bulk_words_equal_per_character_words(path: Path) -> None:
    pdf = open_pdf(str(path), None)
    try:
        for i in range(len(pdf)):
            page = PdfiumPage(pdf, i)
            bulk = [page.chars(), page.extract_words(x_tolerance=1.5, extra_attrs=["fontname", "size"]),
                    page.extract_words()]
            page._char_arrays = lambda: None  # type: ignore[method-assign]  # the per-character path
            single = [page.chars(), page.extract_words(x_tolerance=1.5, extra_attrs=["fontname", "size"]),
                      page.extract_words()]
            page.close()
            assert bulk == single
            assert all(type(v) in (str, float, bool) for w in bulk[1] for v in w.values())
    finally:
        pdf.close()


def _best_run_per_line(lines: list[Line], xs: np.ndarray) -> tuple[int, int, int, int]:
    """The gutter search line by line (what the grid computation replaced), as the reference."""
    n, m = len(lines), len(xs)
    left, right, start = np.zeros(m, int), np.zeros(m, int), np.zeros(m, int)
    best, b_start, b_end = np.zeros(m, int), np.zeros(m, int), np.zeros(m, int)
    for i in range(n + 1):
        touched = np.ones(m, bool)
        if i < n:
            touched[:] = False
            for w in lines[i].words:
                touched[np.searchsorted(xs, w["x0"] - CLEAR):np.searchsorted(xs, w["x1"] + CLEAR, side="right")] = True
        cur = np.minimum(left, right)
        ended = touched & (cur > best)
        best[ended], b_start[ended], b_end[ended] = cur[ended], start[ended], i
        left[touched], right[touched], start[touched] = 0, 0, i + 1
        if i < n:
            left += ~touched & (xs > lines[i].words[0]["x0"])
            right += ~touched & (xs < lines[i].words[-1]["x1"])
    top = np.flatnonzero(best == best.max())
    j = int(top[len(top) // 2])
    return j, int(best[j]), int(b_start[j]), int(b_end[j])


def test_gutter_grid_equals_line_by_line() -> None:
    rng = np.random.default_rng(7)
    for _ in range(400):
        lines = []
        for no in range(int(rng.integers(4, 30))):
            x, words = float(rng.uniform(30, 80)), []
            for _ in range(int(rng.integers(1, 10))):
                w = float(rng.choice([rng.uniform(5, 60), rng.uniform(1, 10), 0.0]))
                words.append({"x0": x, "x1": x + w, "top": 10.0 * no, "bottom": 10.0 * no + 8, "text": "a"})
                x += w + float(rng.choice([3, 4, 8, 20, 60, rng.uniform(0, 200)]))
            lines.append(Line(1, no, words))
        left, right = min(ln.x0 for ln in lines), max(ln.x1 for ln in lines)
        xs = np.arange(left + 0.22 * (right - left), right - 0.22 * (right - left), 1.0)
        if len(xs):
            assert _best_run(lines, xs) == _best_run_per_line(lines, xs)
