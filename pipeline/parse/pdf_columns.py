"""Text columns of a PDF page (newspaper layout): find the gutters, read column by column.

A gutter is an x position that no word of a run of consecutive lines touches, with running text on both
sides (their baselines need not line up): each side at least ``MIN_SHARE`` of the text width, and most of its lines filling it (table
columns such as "Nr" or "Frist" are narrow or half empty, so a borderless table is not read as text
columns). Lines above and below the run (a title across the page) keep their place; each side of a
gutter is searched again, so three columns are found as two nested gutters. Split lines keep their
page and line number and get ``frame`` = their column's left edge minus the text's left edge, so
indentation is measured inside the column.
"""
from __future__ import annotations

from statistics import median
from typing import Sequence

import numpy as np

from pipeline.parse.pdf_words import Line, Word

MIN_SHARE = 0.22     # each side of a gutter holds at least this share of the text width
MIN_LINES = 4        # lines of text on each side of the gutter
FILL = 0.6           # median line of a text column reaches this share of the column width
CLEAR = 4.0          # points a word keeps from a gutter position (a gutter is >= 8 pt wide)


def _fills(parts: list[list[Word]], left: float, right: float) -> bool:
    widths = [max(w["x1"] for w in p) - left for p in parts if p]
    return len(widths) >= MIN_LINES and median(widths) >= FILL * (right - left)


def _best_run(lines: Sequence[Line], xs: np.ndarray) -> tuple[int, int, int, int]:
    """For the candidate positions ``xs``: the one whose longest run of consecutive lines clear of it has
    the most lines on its thinner side (the columns' baselines need not line up); returns (index in xs,
    that count, run start, run end). Computed at once over every position's lines, one position after
    another in a flat array (each position's lines end with a line that touches every position)."""
    n, m = len(lines), len(xs)
    line_of = np.array([i for i, ln in enumerate(lines) for _ in ln.words]) * (m + 1)
    lo = np.searchsorted(xs, np.array([w["x0"] for ln in lines for w in ln.words], dtype=float) - CLEAR)
    hi = np.maximum(np.searchsorted(xs, np.array([w["x1"] for ln in lines for w in ln.words], dtype=float) + CLEAR,
                                    side="right"), lo)
    size = (n + 1) * (m + 1)  # per line: +1 where a word's reach starts, -1 past its end
    marks = np.bincount(line_of + lo, minlength=size) - np.bincount(line_of + hi, minlength=size)
    touched = np.cumsum(marks.reshape(n + 1, m + 1)[:, :m], axis=1) > 0
    touched[n] = True  # past the last line every run ends
    touched = touched.T.ravel()  # position by position, lines in order
    first_x0 = np.array([ln.words[0]["x0"] for ln in lines] + [np.inf])
    last_x1 = np.array([ln.words[-1]["x1"] for ln in lines] + [-np.inf])
    clear = ~touched
    left = np.concatenate(([0], np.cumsum(clear & (xs[:, None] > first_x0).ravel())))  # counts before each
    right = np.concatenate(([0], np.cumsum(clear & (xs[:, None] < last_x1).ravel())))
    ends = np.flatnonzero(touched)  # the line that ends each run (runs may be empty)
    starts = np.concatenate(([0], ends[:-1] + 1))  # runs never span two positions: each ends at line n
    ended = np.minimum(left[ends + 1] - left[starts], right[ends + 1] - right[starts])
    position = ends // (n + 1)
    firsts = np.flatnonzero(np.concatenate(([True], position[1:] != position[:-1])))
    best = np.maximum(np.maximum.reduceat(ended, firsts), 0)
    hit = np.flatnonzero((ended == best[position]) & (best[position] > 0))
    at, first = np.unique(position[hit], return_index=True)  # the first run reaching the best
    start, end = np.zeros(m, int), np.zeros(m, int)
    start[at] = starts[hit[first]] - at * (n + 1)
    end[at] = ends[hit[first]] - at * (n + 1)
    top = np.flatnonzero(best == best.max())
    j = int(top[len(top) // 2])  # the middle of the clear band, not its edge next to a column
    return j, int(best[j]), int(start[j]), int(end[j])


def find_gutter(lines: Sequence[Line]) -> tuple[float, int, int] | None:
    """(x, first line, end line) of the best gutter among ``lines``, or None."""
    if len(lines) < MIN_LINES:
        return None
    left, right = min(ln.x0 for ln in lines), max(ln.x1 for ln in lines)
    width = right - left
    xs = np.arange(left + MIN_SHARE * width, right - MIN_SHARE * width, 1.0)
    if not len(xs):
        return None
    j, both, start, end = _best_run(lines, xs)
    if both < MIN_LINES:
        return None
    x = float(xs[j])
    run = lines[start:end]
    lefts = [[w for w in ln.words if w["x1"] < x] for ln in run]
    rights = [[w for w in ln.words if w["x0"] > x] for ln in run]
    gap_left = max((w["x1"] for p in lefts for w in p), default=x)
    gap_right = min((w["x0"] for p in rights for w in p), default=x)
    x = (gap_left + gap_right) / 2
    r_left = min((w["x0"] for p in rights for w in p), default=x)
    if min(gap_left - left, right - r_left) < MIN_SHARE * width:
        return None  # a narrow column of dates or numbers beside the text: a table, not text columns
    if not (_fills(lefts, left, gap_left) and _fills(rights, r_left, right)):
        return None
    return x, start, end


def _split(line: Line, x: float) -> tuple[Line | None, Line | None]:
    left = [w for w in line.words if w["x1"] < x]
    right = [w for w in line.words if w["x0"] > x]
    return (Line(line.page, line.no, left, column=0) if left else None,
            Line(line.page, line.no, right, column=0) if right else None)


def column_order(lines: Sequence[Line], origin: float | None = None, depth: int = 0) -> list[Line]:
    """The page's lines in reading order: text columns one after the other, each split line framed."""
    if not lines:
        return []
    origin = min(ln.x0 for ln in lines) if origin is None else origin
    found = find_gutter(lines) if depth < 4 else None
    if found is None:
        return list(lines)
    x, start, end = found
    left_col: list[Line] = []
    right_col: list[Line] = []
    for ln in lines[start:end]:
        a, b = _split(ln, x)
        if a:
            left_col.append(a)
        if b:
            right_col.append(b)
    frame = min(ln.x0 for ln in right_col)
    for ln in right_col:
        ln.frame = frame - origin
    left_frame = min(ln.x0 for ln in left_col)
    for ln in left_col:
        ln.frame = left_frame - origin
    out = [*column_order(lines[:start], origin, depth + 1), *column_order(left_col, origin, depth + 1),
           *column_order(right_col, origin, depth + 1), *column_order(lines[end:], origin, depth + 1)]
    if depth == 0:  # number the columns left to right by their frames
        frames = sorted({ln.frame for ln in out if ln.column is not None})
        for ln in out:
            if ln.column is not None:
                ln.column = frames.index(ln.frame)
    return out

