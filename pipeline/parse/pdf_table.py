"""Table geometry for PDFs: ruled tables (pdfplumber ``find_tables``) and borderless ones (column
edges from the header's words, :mod:`pipeline.parse.pdf_header`) -> rows of per-column lines.

Roles come from header text only (:func:`~pipeline.parse.pdf_text.header_roles`). Repeated header rows
on later pages are dropped; a row split by a page break is merged with its first part.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Sequence

from pipeline.models import ColumnRole
from pipeline.parse.pdf_text import clean_text, split_bullet
from pipeline.parse.pdf_words import Line, PdfSettings, Word, phrases

_SENTENCE_END = re.compile(r"[.!?:;)]$")


@dataclass
class Row:
    """One table row: per column index the lines of that cell (may span pages after a merge)."""

    cells: dict[int, list[Line]] = field(default_factory=dict)
    full_width: bool = False

    def add(self, col: int, line: Line) -> None:
        self.cells.setdefault(col, []).append(line)

    def text(self, col: int) -> str:
        return clean_text(" ".join(ln.text for ln in self.cells.get(col, [])))


@dataclass
class TableState:
    """A table being read, possibly continued over several pages."""

    roles: list[ColumnRole]
    header: list[str]
    edges: list[float]
    ruled: bool
    rows: list[Row] = field(default_factory=list)
    header_bold: bool = True
    first_line: list[str] = field(default_factory=list)  # the header's first line, as a later page repeats it
    depth: int = 1  # lines the header takes


# ---------------------------------------------------------------- ruled tables

def _column_edges(table: Any) -> list[float]:
    best = max(table.rows, key=lambda r: sum(c is not None for c in r.cells))
    return sorted(c[0] for c in best.cells if c is not None)


def _col_of(x: float, edges: Sequence[float], tol: float = 2.0) -> int:
    col = 0
    for i, e in enumerate(edges):
        if x >= e - tol:
            col = i
    return col


def ruled_rows(table: Any, lines: Sequence[Line]) -> tuple[list[float], list[Row]]:
    """Assign the words of ``lines`` to the cells of a pdfplumber table; returns (column edges, rows)."""
    edges = _column_edges(table)
    rows: list[Row] = []
    cell_boxes: list[tuple[int, int, tuple[float, float, float, float]]] = []
    for r_i, r in enumerate(table.rows):
        boxes = [c for c in r.cells if c is not None]
        row = Row(full_width=len(boxes) == 1 and len(edges) > 1)
        rows.append(row)
        for box in boxes:
            cell_boxes.append((r_i, _col_of(box[0], edges), box))
    for line in lines:
        parts: dict[tuple[int, int], list[Word]] = {}
        for w in line.words:
            cx, cy = (w["x0"] + w["x1"]) / 2, (w["top"] + w["bottom"]) / 2
            for r_i, col, (x0, top, x1, bottom) in cell_boxes:
                if x0 <= cx <= x1 and top <= cy <= bottom:
                    parts.setdefault((r_i, col), []).append(w)
                    break
        for (r_i, col), words in parts.items():
            rows[r_i].add(col, Line(line.page, line.no, words))
    return edges, rows


def continues_previous(prev: Row, row: Row, roles: Sequence[ColumnRole]) -> bool:
    """Is ``row`` (first data row on a new page) the second half of ``prev`` split by the page break?"""
    if prev.full_width or row.full_width or not row.cells:
        return False
    if "theme" in roles and row.cells.get(roles.index("theme")):
        return False
    m = roles.index("measure") if "measure" in roles else 0
    first = row.cells.get(m)
    if not first:
        return True  # only goal/partner text at the top of the page: the rest of a split row
    text = first[0].text
    if split_bullet(text)[0] is not None:
        return False
    if text[:1].islower():
        return True
    before = prev.cells.get(m)
    return bool(before) and not _SENTENCE_END.search(before[-1].text.strip())


def merge_rows(prev: Row, row: Row) -> None:
    """Append the cells of ``row`` to ``prev`` (a row continued on the next page)."""
    for col, lines in row.cells.items():
        prev.cells.setdefault(col, []).extend(lines)


# ---------------------------------------------------------------- borderless tables

def split_columns(line: Line, state: TableState, settings: PdfSettings) -> tuple[dict[int, Line], bool]:
    """Split a borderless-table line into per-column lines; flag a full-width line (section row)."""
    groups = phrases(line, settings)
    out: dict[int, Line] = {}
    full = False
    for g in groups:
        col = _col_of(g[0]["x0"], state.edges, settings.indent_tol)
        if len(groups) == 1 and col == 0 and len(state.edges) > 1 and g[-1]["x1"] > state.edges[1] + settings.indent_tol:
            full = True
    for w in line.words:
        # word by word: cells closer than a phrase gap (narrow padding) still split at the edges
        col = 0 if full else _col_of(w["x0"], state.edges, settings.indent_tol)
        if col in out:
            out[col].words.append(w)
        else:
            out[col] = Line(line.page, line.no, [w])
    for part in out.values():
        part.refresh()
    return out, full


# ---------------------------------------------------------------- rows cut by a page break

def cut_row_lines(lines: Sequence[Line], rules: Sequence[dict[str, Any]], edge: float, below: bool) -> list[Line]:
    """Lines beyond a ruled table's detected ``edge`` (its bottom when ``below``, else its top) that still
    sit between the table's vertical rules: a row cut by the page break, whose open side has no rule, so
    the table finder stops a row short."""
    if below:
        tails = [r for r in rules if r["top"] <= edge + 1 and r["bottom"] > edge + 2]
        end = max((r["bottom"] for r in tails), default=edge)
        return [ln for ln in lines if ln.top >= edge - 1 and ln.bottom <= end + 1] if tails else []
    heads = [r for r in rules if r["bottom"] >= edge - 1 and r["top"] < edge - 2]
    start = min((r["top"] for r in heads), default=edge)
    return [ln for ln in lines if ln.bottom <= edge + 1 and ln.top >= start - 1] if heads else []


def row_from_lines(lines: Sequence[Line], edges: Sequence[float]) -> Row:
    """A row of a ruled table from lines outside the found cells: words into columns by the edges."""
    row = Row()
    for line in lines:
        parts: dict[int, list[Word]] = {}
        for w in line.words:
            parts.setdefault(_col_of(w["x0"], edges), []).append(w)
        for col, words in parts.items():
            row.add(col, Line(line.page, line.no, words))
    return row


def vertical_rules(objects: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Thin upright lines and rectangles (cell borders) among a page's lines and rects."""
    return [o for o in objects if o["x1"] - o["x0"] <= 2.0 and o["bottom"] - o["top"] > 2.0]
