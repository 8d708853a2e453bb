"""Table rows of lines -> Blocks in reading order (PDF).

Paragraphs per cell, indent levels per column, theme headings (level 1 for full-width/bold section
rows, level 2 for theme-column cells), and the order rule: goal/partner blocks follow the measure
block beside which they start.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import replace

from pipeline.models import Block, ColumnRole
from pipeline.parse.pdf_table import Row, TableState
from pipeline.parse.pdf_text import Cell, is_number_header, nest_under_lead, order_row, split_bullet
from pipeline.parse.pdf_words import Para, PdfSettings, indent_levels, level_of, lines_to_paras


def _right_edges(rows: list[Row], edges: list[float]) -> dict[int, float]:
    """Where text wraps in each column: the longest line that was followed by a wrapped continuation
    (adjacent, no bullet, same weight as most of the column), never past the next column's edge.
    A lower bound of the real wrap edge, so "the next word would have fitted" stays conservative."""
    right: dict[int, float] = {}
    fallback: dict[int, float] = {}
    for row in rows:
        if row.full_width:
            continue
        for col, lines in row.cells.items():
            limit = edges[col + 1] if 0 <= col < len(edges) - 1 else 1e9
            bold = sum(ln.bold for ln in lines) * 2 > len(lines)
            for a, b in zip(lines, lines[1:]):
                if a.x1 > limit or a.bold != bold:
                    continue
                fallback[col] = max(fallback.get(col, 0.0), a.x1)
                if a.page == b.page and b.no == a.no + 1 and split_bullet(b.text)[0] is None:
                    right[col] = max(right.get(col, 0.0), a.x1)
    return {**fallback, **right}


def _block(p: Para, role: ColumnRole, level: int, heading: bool) -> Block:
    kind = "heading" if heading else ("item" if p.bullet else "text")
    first = p.first
    return Block(text=p.text, kind=kind, level=level, column=role, page=first.page, line=first.no,
                 bbox=p.bbox, bullet=p.bullet, width=len(first.text))


def _heading_levels(theme_paras: list[tuple[Para, bool]]) -> list[int]:
    """1 for section rows (full width, or bold among non-bold theme cells), else 2; 1 if no sections."""
    mixed = any(not p.first.bold for p, _ in theme_paras)
    levels = [1 if full or (mixed and p.first.bold) else 2 for p, full in theme_paras]
    if levels and 1 not in levels:
        levels = [1] * len(levels)
    return levels


def table_blocks(state: TableState, settings: PdfSettings, first_row: int = 0) -> list[Block]:
    """Blocks for a whole table (all its pages), rows numbered from ``first_row``."""
    roles = state.roles
    theme_col = roles.index("theme") if "theme" in roles else None
    right = _right_edges(state.rows, state.edges)
    if state.ruled:
        row_paras = _ruled_paras(state, right, settings)
    else:
        row_paras = _borderless_paras(state, right, settings, theme_col)
    # indent levels per column, from every paragraph start in that column
    starts: dict[int, list[float]] = {}
    for paras in row_paras:
        for col, plist in paras.items():
            if col >= 0:
                starts.setdefault(col, []).extend(p.start_x for p in plist)
    centres = {c: indent_levels(xs, settings.indent_tol) for c, xs in starts.items()}
    theme_items = [(p, col < 0) for paras in row_paras for col in sorted(paras)
                   if col < 0 or col == theme_col for p in paras[col]]
    hlevels = iter(_heading_levels(theme_items))
    out: list[Block] = []
    for r_i, paras in enumerate(row_paras):
        cells: list[Cell] = []
        for col in sorted(paras):
            role: ColumnRole = "theme" if col < 0 else (roles[col] if col < len(roles) else "other")
            keyed = []
            for p in paras[col]:
                heading = col < 0 or col == theme_col
                level = next(hlevels) if heading else level_of(p.start_x, centres.get(col, []), settings.indent_tol)
                keyed.append((p.first.pos, _block(p, role, level, heading)))
            if role == "measure":  # a lead line and its bullets in one cell, as in DOCX and HTML tables
                keyed = list(zip([k for k, _ in keyed], nest_under_lead([b for _, b in keyed])))
            cells.append(Cell(role, tuple(keyed)))
        out.extend(replace(b, row=first_row + r_i) for b in order_row(cells, by_position=True))
    return out


def _ruled_paras(state: TableState, right: dict[int, float], settings: PdfSettings) -> list[dict[int, list[Para]]]:
    out: list[dict[int, list[Para]]] = []
    for row in state.rows:
        if row.full_width:
            lines = [ln for col in sorted(row.cells) for ln in row.cells[col]]
            paras = lines_to_paras(lines, max(ln.x1 for ln in lines) + 100, settings) if lines else []
            if paras:
                out.append({-1: _merge(paras)})
            continue
        cell_paras = {col: lines_to_paras(lines, right.get(col, 1e9), settings)
                      for col, lines in row.cells.items() if lines}
        if cell_paras:
            out.append(cell_paras)
    return out


def _merge(paras: list[Para]) -> list[Para]:
    """A section row is one heading, however it wrapped."""
    first = paras[0]
    for p in paras[1:]:
        first.lines.extend(p.lines)
    return [first]


def _borderless_paras(state: TableState, right: dict[int, float], settings: PdfSettings,
                      theme_col: int | None) -> list[dict[int, list[Para]]]:
    """Paragraphs per column over the whole stream, then rows: a row starts at each theme or measure
    paragraph; goal/partner paragraphs join the row whose start is at or above them."""
    stream = state.rows[0] if state.rows else Row()
    full = {(ln.page, ln.no) for ln in stream.cells.get(-1, [])}
    theme_paras: list[Para] = []
    if theme_col is not None:
        theme_lines = stream.cells.get(theme_col, [])
        page_starts = {(b.page, b.no) for a, b in zip(theme_lines, theme_lines[1:]) if a.page != b.page}
        theme_paras = lines_to_paras(theme_lines, right.get(theme_col, 1e9), settings,
                                     breaks=frozenset(full | page_starts))
    # a running number ("Nr" column) starts a row: the cells beside it start paragraphs
    numbers = {(ln.page, ln.no) for col, head in enumerate(state.header) if is_number_header(head)
               for ln in stream.cells.get(col, [])}
    breaks = frozenset(full | numbers | {(p.first.page, p.first.no) for p in theme_paras})
    cols: dict[int, list[Para]] = {-1: [Para([ln], None, ln.x0, ln.x0) for ln in stream.cells.get(-1, [])]}
    if theme_col is not None:
        cols[theme_col] = theme_paras
    measure_col = state.roles.index("measure") if "measure" in state.roles else -2
    if measure_col >= 0:
        cols[measure_col] = lines_to_paras(stream.cells.get(measure_col, []), right.get(measure_col, 1e9),
                                           settings, breaks=breaks)
    # a follower (goal/partner) paragraph ends where a new measure starts beside it, unless the line
    # there continues a sentence (starts in lower case)
    soft = frozenset((p.first.page, p.first.no) for p in cols.get(measure_col, []))
    for col, lines in stream.cells.items():
        if col >= 0 and col not in (theme_col, measure_col):
            cols[col] = lines_to_paras(lines, right.get(col, 1e9), settings, breaks=breaks, soft_breaks=soft)
    starters = sorted([(p.first.pos, c, p) for c in (-1, theme_col, measure_col) if c is not None
                       for p in cols.get(c, [])], key=lambda t: (t[0], t[1]))
    rows: list[dict[int, list[Para]]] = []
    row_pos: list[tuple[float, float]] = []
    for pos, col, p in starters:
        same_line = rows and col == measure_col and measure_col not in rows[-1] and \
            row_pos[-1][0] == pos[0] and abs(row_pos[-1][1] - pos[1]) <= settings.line_tol
        if not same_line:
            rows.append({})
            row_pos.append(pos)
        rows[-1].setdefault(col, []).append(p)
    keys = [(pos[0], pos[1] - settings.line_tol) for pos in row_pos]  # in order, as the rows are
    for col, plist in cols.items():
        if col in (-1, theme_col, measure_col):
            continue
        for p in plist:
            idx = max(bisect_right(keys, p.first.pos) - 1, 0)  # the last row starting at or above it
            if not rows:
                rows.append({})
            rows[idx].setdefault(col, []).append(p)
    return rows
