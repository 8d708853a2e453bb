"""The header of a borderless PDF table, also when its cells wrap over several lines.

A header is a band of consecutive, tightly spaced lines of the same weight whose short phrases stack
into columns ("Resultat- og" over "effektmål"; cells aligned top, middle or bottom alike). The words
of each column are joined top to bottom before the column roles are decided
(:func:`~pipeline.parse.pdf_text.header_roles`), so a header whose first line alone names no measure
column is still found. A later page repeating the header's first line skips the same number of lines.
Without a header, :func:`guess_columns` clusters the x positions where lines' phrases start.
"""
from __future__ import annotations

import re
from typing import Sequence

from pipeline.parse.pdf_table import TableState
from pipeline.models import ColumnRole
from pipeline.parse.pdf_text import DEADLINE_WORDS, clean_text, header_roles, is_label_only, join_lines, split_bullet
from pipeline.parse.pdf_words import Line, PdfSettings, Word, phrases

MAX_BAND = 4          # lines a header cell wraps over, at most
MAX_WORDS = 4         # words of one header phrase on one line
LEADING = 0.6         # gap / line height between lines of one header (rows below have cell padding)
CELL_GAP = 0.55       # gap / font size between two header cells (a word space is ~0.25; narrow padding ~0.7)


def _texts(groups: list[list[Word]]) -> list[str]:
    return [" ".join(w["text"] for w in g) for g in groups]


def _stack(band: Sequence[Line], settings: PdfSettings) -> list[tuple[float, float, list[str]]]:
    """Phrases of the band's lines grouped into columns by horizontal overlap: (x0, x1, lines of text)."""
    cols: list[tuple[float, float, list[str]]] = []
    for line in band:
        for g in phrases(line, settings, CELL_GAP):
            x0, x1, text = g[0]["x0"], g[-1]["x1"], " ".join(w["text"] for w in g)
            hit = [i for i, (a, b, _) in enumerate(cols) if x0 < b + 1 and x1 > a - 1]
            if len(hit) > 1:
                return []  # a phrase across two columns: not a header band
            if hit:
                a, b, parts = cols[hit[0]]
                cols[hit[0]] = (min(a, x0), max(b, x1), [*parts, text])
            else:
                cols.append((x0, x1, [text]))
    return sorted(cols)


def _tight(prev: Line, line: Line) -> bool:
    height = max(prev.bottom - prev.top, 1.0)
    return line.page == prev.page and 0 <= line.top - prev.bottom <= LEADING * height and line.bold == prev.bold


def _short(line: Line, settings: PdfSettings) -> bool:
    return all(len(g) <= MAX_WORDS for g in phrases(line, settings, CELL_GAP))


def find_header(lines: Sequence[Line], settings: PdfSettings, limit: int = 25) -> tuple[int, TableState] | None:
    """The first header band among the first ``limit`` lines: (index of its first line, table state)."""
    for i, line in enumerate(lines[:limit]):
        if not _short(line, settings):
            continue
        band = [line]
        while len(band) < MAX_BAND and i + len(band) < len(lines) and _tight(band[-1], lines[i + len(band)]) \
                and _short(lines[i + len(band)], settings):
            band.append(lines[i + len(band)])
        for depth in range(len(band), 0, -1):
            found = _state(band[:depth], settings)
            if found is not None:
                return i, found
    return None


def _state(band: Sequence[Line], settings: PdfSettings) -> TableState | None:
    cols = _stack(band, settings)
    if len(cols) < 2:
        return None
    texts = [join_lines(parts) for _, _, parts in cols]
    if any(t[:1].islower() for t in texts):
        return None  # header cells start with a capital ("Tiltak", "Nr."); running text side by side does not
    roles = header_roles(texts)
    if roles is None:
        return None
    first = [clean_text(t) for t in _texts(phrases(band[0], settings, CELL_GAP))]
    return TableState(roles, texts, [x0 for x0, _, _ in cols], ruled=False, header_bold=band[0].bold,
                      first_line=first, depth=len(band))


def is_repeated_header(line: Line, state: TableState, settings: PdfSettings) -> bool:
    """Does ``line`` repeat the header's first line (the table continued on a new page)?"""
    if state.depth == 0:
        return False  # a table without a header has none to repeat
    first = state.first_line or [clean_text(t) for t in state.header]
    return [clean_text(t) for t in _texts(phrases(line, settings, CELL_GAP))] == first


DEADLINE_LABEL = re.compile(rf"^\s*(?:{DEADLINE_WORDS})\s*:$", re.IGNORECASE)


def _cells(line: Line, settings: PdfSettings) -> list[list[Word]]:
    """A line's phrases, a lone bullet glyph or enumerator joined to the phrase after it; a label set apart
    from its value ("Ansvar:" + a tab's gap + "Elverum kommune") is one labelled line, no row of cells."""
    groups = phrases(line, settings)
    if len(groups) > 1 and len(groups[0]) == 1 and split_bullet(groups[0][0]["text"] + " x")[0] is not None \
            and not groups[0][0]["text"].isdigit():
        groups = [groups[0] + groups[1], *groups[2:]]
    first = " ".join(w["text"] for w in groups[0]) if groups else ""
    if len(groups) == 2 and (is_label_only(first) or DEADLINE_LABEL.match(first)):
        groups = [groups[0] + groups[1]]
    return groups


def guess_columns(lines: Sequence[Line], settings: PdfSettings, limit: int = 25) -> tuple[int, TableState] | None:
    """A table without a header: most lines from the first line with several phrases on are split at
    the same x positions. The column with the most text holds the measures; a column of bare numbers is
    a running number ("Nr"). Returns (index of the first table line, table state) or None."""
    multi = [(i, g) for i, ln in enumerate(lines) if len(g := _cells(ln, settings)) > 1]
    if len(multi) < 3 or multi[0][0] > limit or len(multi) < 0.3 * (len(lines) - multi[0][0]):
        return None
    tol = 3 * settings.indent_tol
    starts = sorted(g[0]["x0"] for _, groups in multi for g in groups)
    edges: list[list[float]] = []
    for x in starts:
        if edges and x - edges[-1][-1] <= tol:
            edges[-1].append(x)
        else:
            edges.append([x])
    cols = [min(xs) for xs in edges if len(xs) >= 0.5 * len(multi)]
    aligned = sum(all(any(abs(g[0]["x0"] - c) <= tol for c in cols) for g in groups) for _, groups in multi)
    if len(cols) < 2 or aligned < 0.8 * len(multi):
        return None
    text: dict[int, list[str]] = {c: [] for c in range(len(cols))}
    for _, groups in multi:
        for g in groups:
            col = max((c for c, x in enumerate(cols) if g[0]["x0"] >= x - tol), default=0)
            text[col].append(" ".join(w["text"] for w in g))
    measure = max(text, key=lambda c: sum(len(t) for t in text[c]))
    header = ["Nr" if text[c] and all(t.isdigit() for t in text[c]) else "" for c in range(len(cols))]
    roles: list[ColumnRole] = ["measure" if c == measure else "other" for c in range(len(cols))]
    return multi[0][0], TableState(roles, header, cols, ruled=False, header_bold=False, depth=0)
