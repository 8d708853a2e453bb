"""PDF pages -> segments: running text (read column by column) and tables (ruled or borderless, with
their header found and repeated headers skipped) in reading order; then the segments -> blocks.

The page loop in :mod:`pipeline.parse.pdf` hands each page's lines (furniture removed) to
:class:`PageReader`; :func:`assemble` drops the furniture only known at the end (a running header
first seen on page 2 is furniture on page 1 too) and builds the blocks.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Sequence

from pipeline.models import Block
from pipeline.parse.pdf_blocks import table_blocks
from pipeline.parse.pdf_columns import column_order, find_gutter
from pipeline.parse.pdf_furniture import Furniture
from pipeline.parse.pdf_notes import is_page_number, notes_blocks
from pipeline.parse.pdf_header import find_header, guess_columns, is_repeated_header
from pipeline.parse.pdf_table import (Row, TableState, continues_previous, cut_row_lines, merge_rows, row_from_lines,
                                      ruled_rows, split_columns)
from pipeline.parse.pdf_text import clean_text, header_roles
from pipeline.parse.pdf_words import Line, PdfSettings, phrases


@dataclass
class PageReader:
    """Accumulates notes segments and tables page by page; remembers the pages' furniture."""

    settings: PdfSettings
    segments: list[tuple[str, Any]] = field(default_factory=list)
    active: TableState | None = None
    furniture: Furniture = field(default_factory=Furniture)

    def notes(self, lines: list[Line]) -> None:
        """Running text of one page (read column by column), appended to the current notes segment."""
        lines = column_order([ln for ln in lines if not is_page_number(ln)])
        if not lines:
            return
        if self.segments and self.segments[-1][0] == "notes":
            self.segments[-1][1].extend(lines)
        else:
            self.segments.append(("notes", list(lines)))
        self.active = None

    def start_table(self, state: TableState) -> None:
        self.active = state
        self.segments.append(("table", state))

    # -------------------------------------------------------------- ruled
    def ruled_page(self, tables: list[Any], lines: list[Line], rules: Sequence[dict[str, Any]] = ()) -> None:
        """A page with ruled tables: text above, between and below them is notes, except the two halves of
        a row cut by the page break (between the table's vertical ``rules``, beyond the cells found)."""
        rest = list(lines)
        for t in sorted(tables, key=lambda t: t.bbox[1]):
            top, bottom = t.bbox[1], t.bbox[3]
            above = [ln for ln in rest if ln.bottom <= top + 1]
            state = self.active
            if above and state is not None and state.ruled and state.rows and not self.segments[-1][0] == "notes":
                head = cut_row_lines(above, rules, top, below=False)  # the rest of the row cut at the last page
                if head:
                    merge_rows(state.rows[-1], row_from_lines(head, state.edges))
                    above = [ln for ln in above if ln not in head]
            inside = [ln for ln in rest if ln.bottom > top + 1 and ln.top < bottom - 1]
            rest = [ln for ln in rest if ln.top >= bottom - 1]
            if above:
                self.notes(above)
            edges, rows = ruled_rows(t, inside)
            if not rows:
                continue
            texts = [rows[0].text(c) for c in range(len(edges))]
            roles = header_roles(texts)
            state = self.active
            if roles is not None:
                if state and state.ruled and [clean_text(x) for x in state.header] == texts:
                    rows = rows[1:]
                else:
                    state = TableState(roles, texts, edges, ruled=True)
                    self.start_table(state)
                    rows = rows[1:]
                    state.rows.extend(rows)
                    continue
            elif not (state and state.ruled and len(state.edges) == len(edges)):
                self.notes(inside)  # a table that is not a measure table: read as text
                continue
            if rows and state.rows and continues_previous(state.rows[-1], rows[0], state.roles):
                merge_rows(state.rows[-1], rows[0])
                rows = rows[1:]
            state.rows.extend(rows)
        state = self.active
        if rest and tables and state is not None and state.ruled:
            tail = cut_row_lines(rest, rules, max(t.bbox[3] for t in tables), below=True)
            if tail:  # the first half of a row the page break cut: continued on the next page
                state.rows.append(row_from_lines(tail, state.edges))
                rest = [ln for ln in rest if ln not in tail]
        if rest:
            self.notes(rest)

    def _continues(self, lines: list[Line], state: TableState) -> bool:
        """Does a borderless table go on on this page: its header repeated, or two lines or more with
        cells at two of its column edges or more?"""
        if any(is_repeated_header(ln, state, self.settings) for ln in lines[:10]):
            return True
        tol = 3 * self.settings.indent_tol
        rows = 0
        for ln in lines:
            starts = {i for g in phrases(ln, self.settings) for i, e in enumerate(state.edges)
                      if abs(g[0]["x0"] - e) <= tol}
            rows += len(starts) > 1
        return rows >= 2

    def repeats_header(self, line: Line) -> bool:
        """Does ``line`` repeat the header of the table being read (a page of it starts)?"""
        state = self.active
        if state is None:
            return False
        if state.ruled:
            return clean_text(line.text) == clean_text(" ".join(state.header))
        return is_repeated_header(line, state, self.settings)

    # -------------------------------------------------------------- borderless
    def borderless_page(self, lines: list[Line]) -> None:
        state = self.active
        if state is not None and not state.ruled and not self._continues(lines, state):
            state = self.active = None  # the page is no part of the table: read it afresh
        start = 0
        if state is None or state.ruled:
            found = find_header(lines, self.settings)
            if found is None and find_gutter(lines) is None:  # text columns are never a headerless table
                found = guess_columns(lines, self.settings)
            if found is None:
                self.notes(lines)
                return
            start, state = found
            self.notes(lines[:start])
            state.rows.append(Row())
            self.start_table(state)
            start += state.depth
        else:
            for i, ln in enumerate(lines[:10]):
                if is_repeated_header(ln, state, self.settings):
                    start = i + state.depth
                    break
        stream = state.rows[0]
        for ln in lines[start:]:
            if is_page_number(ln):
                continue
            parts, full = split_columns(ln, state, self.settings)
            if full:
                stream.add(-1, ln)
                continue
            for col, part in parts.items():
                stream.add(col, part)


def _without(keys: set[tuple[int, int]], lines: list[Line]) -> list[Line]:
    return [ln for ln in lines if (ln.page, ln.no) not in keys]


def assemble(reader: PageReader) -> list[Block]:
    """Blocks of every segment in reading order, without the lines found to be furniture."""
    gone = reader.furniture.repeated()
    blocks: list[Block] = []
    row = 0
    for kind, payload in reader.segments:
        if kind == "notes":
            blocks.extend(notes_blocks(_without(gone, payload), reader.settings, allow_title=not blocks))
        else:
            for r in payload.rows:
                r.cells = {col: kept for col, lines in r.cells.items() if (kept := _without(gone, lines))}
            tb = table_blocks(payload, reader.settings, first_row=row)
            row = max((b.row or 0 for b in tb), default=row - 1) + 1
            blocks.extend(tb)
    return blocks
