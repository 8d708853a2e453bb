"""Tables written as text: Markdown pipe tables ("| Tiltak | Partnere |" over "|---|---|") and
tab-separated tables (a Word or Excel table pasted into a text file; Word's merged rows and broken
cells: ``text_tsv``).

A pipe table whose header names the columns (see :func:`header_roles`) becomes the same blocks a
DOCX or HTML table gives: theme cells as headings, each measure block followed by the goal and
partner blocks of its row, every block carrying its column role and the row's line number. Cells
split into blocks at ``<br>``, line breaks and inline bullets. A pipe table without such a header is read as
running text, one block per non-empty cell.
"""
from __future__ import annotations

import csv
import re
from dataclasses import replace
from typing import Sequence

from pipeline.models import Block, ColumnRole
from pipeline.parse.levels import ListLevels
from pipeline.parse.text_tsv import GOAL_ROW, Entry, loose_tsv_rows
from pipeline.parse.pdf_text import Cell, clean_text, header_roles, nest_under_lead, order_row, split_bullet, theme_heading_levels

_SEPARATOR = re.compile(r"^\s*[|+]?\s*:?-{3,}:?\s*(?:[|+]\s*:?-{3,}:?\s*)*[|+]?\s*$")
"""A header's rule: Markdown's ``---|---`` or a plain-text table's ``-----+------`` (psql, ASCII)."""
_BR = re.compile(r"<br\s*/?>|\n", re.IGNORECASE)
_INLINE_BULLET = re.compile(r"\s+[*•●▪■►➢]\s+(?=\S)")
_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)\s]*\)")
_GLYPH_ONLY = re.compile(r"^\s*(?:[*•▪◦·\uf0b7\uf0a7o\-–]|\d{1,2}[.)]|[a-zA-Z][)])\s*$")
_CODE = re.compile(r"`([^`]*)`")


_CLOSING_BOLD = re.compile(r"(?<=[\w.!?)»])\s+(\*\*|__)(?P<name>[A-ZÆØÅ][^*_.!?:]{1,60}?)\1\s*$")
"""A capitalised bold name closing a line ("… i Indre Troms. **Målselv kommune**"): who is to do it, as
the writer marks it; it becomes a closing bracket, the shape an owner takes in running text."""


def strip_inline_markdown(text: str) -> str:
    """Drop Markdown emphasis, links and code spans, keeping their text: ``**Tiltak**`` -> ``Tiltak``; a
    capitalised bold name closing a line becomes a bracket (:data:`_CLOSING_BOLD`)."""
    text = _LINK.sub(r"\1", text)
    text = _CODE.sub(r"\1", text)
    closing = _CLOSING_BOLD.search(text)
    if closing and len(re.findall(r"[^\W\d_]{2,}", text[:closing.start()])) >= 3:  # a line's own words before it
        text = f"{text[:closing.start()]} ({closing['name'].strip()})"
    return _EMPHASIS.sub(r"\2", text)


def split_inline_bullets(text: str) -> list[tuple[str | None, str]]:
    """'Energi * Politikk: …' -> [(None, 'Energi'), ('*', 'Politikk: …')]: cells joined on one line."""
    parts = _INLINE_BULLET.split(text)
    if len(parts) == 1:
        return [(None, text)]
    glyphs = [m.group().strip() for m in _INLINE_BULLET.finditer(text)]
    out: list[tuple[str | None, str]] = [(None, parts[0])] if parts[0].strip() else []
    out.extend(zip(glyphs, parts[1:]))
    return out


def split_row(line: str) -> list[str]:
    """Cells of one pipe-table line; ``\\|`` is a literal bar inside a cell."""
    body = line.strip()
    if body.startswith("|"):
        body = body[1:]
    if body.endswith("|") and not body.endswith("\\|"):
        body = body[:-1]
    return [cell.replace("\\|", "|").strip() for cell in re.split(r"(?<!\\)\|", body)]


def is_table_start(lines: Sequence[str], i: int) -> bool:
    """True when ``lines[i]`` is a header row: it has a bar and the next line is a ``---|---`` (or
    ``---+---``) separator with the same number of columns."""
    if i + 1 >= len(lines) or "|" not in lines[i] or not _SEPARATOR.match(lines[i + 1]):
        return False
    return len(split_row(lines[i])) == len(split_row(lines[i + 1].replace("+", "|")))


def table_end(lines: Sequence[str], start: int) -> int:
    """Index after the last row of the table whose header is ``lines[start]``."""
    end = start + 2
    while end < len(lines) and "|" in lines[end] and lines[end].strip():
        end += 1
    return end


def _cell_blocks(text: str, role: ColumnRole, line: int) -> list[Block]:
    """One block per ``<br>``-separated piece of a cell, inline bullets ("• a • b") split too."""
    out: list[Block] = []
    for piece in _BR.split(text):
        for glyph, part in split_inline_bullets(piece):
            part = clean_text(strip_inline_markdown(part))
            bullet, rest = (glyph, part) if glyph else split_bullet(part)
            if not rest:
                continue
            kind = "heading" if role == "theme" else ("item" if bullet else "text")
            out.append(Block(text=rest, kind=kind, level=2 if role == "theme" else 0, column=role, line=line,
                             bullet=None if role == "theme" else bullet, width=len(part)))
    return out


def _cell(text: str, role: ColumnRole, line: int, levels: dict[ColumnRole, ListLevels]) -> Cell:
    blocks = _with_levels(_cell_blocks(text, role, line), levels)
    if role == "measure":
        blocks = nest_under_lead(blocks)
    return Cell(role, tuple(((0.0, float(k)), b) for k, b in enumerate(blocks)))


def _section_row(cells: list[str]) -> str | None:
    """A row with the same text in every cell (how merged cells export) is a section heading."""
    if len(cells) > 1 and all(cells) and len(set(cells)) == 1:
        return cells[0]
    return None


MAX_CELL_LINES = 30
"""A quoted cell spanning more lines than this is a stray quote mark, not a cell."""
TextRow = tuple[int, list[str]]
"""A table row as text: its 1-based line number and its cells."""


def pipe_table_to_blocks(lines: Sequence[str], first_line: int, row_offset: int = 0) -> list[Block]:
    """Blocks of one pipe table: ``lines`` are its header, separator and rows; ``first_line`` is the
    1-based line number of the header. Rows get table row indices from ``row_offset``."""
    rows = [(n, split_row(line)) for n, line in enumerate(lines, start=first_line) if n != first_line + 1]
    return rows_to_blocks(rows, row_offset)


def is_tsv_start(lines: Sequence[str], i: int) -> bool:
    """True when ``lines[i]`` starts a tab-separated header row naming the columns (a table copied from
    Word or Excel into a text file; Excel quotes cells with line breaks) and a tab-separated row follows."""
    if "\t" not in lines[i] and not lines[i].startswith('"'):
        return False
    rows, _ = tsv_table(lines[i:i + 40], 0, limit=2)
    if len(rows) < 2 or split_bullet(lines[i].strip())[0] is not None:
        return False
    return header_roles([clean_text(c) for c in rows[0][1] if c.strip()]) is not None


def tsv_table(lines: Sequence[str], start: int, limit: int = 0) -> tuple[list[TextRow], int]:
    """Rows of the tab-separated table whose header is ``lines[start]`` and the index after its last
    line. Quoted cells may hold line breaks (Excel's copy format); a line without a tab ends the table.
    With ``limit`` stop after that many rows."""
    rows: list[TextRow] = []
    end = start
    reader = csv.reader((line + "\n" for line in lines[start:]), delimiter="\t")
    consumed = 0
    try:
        for cells in reader:
            if len(cells) < 2 or _GLYPH_ONLY.match(cells[0]) or reader.line_num - consumed > MAX_CELL_LINES:
                break  # no tab, a Word list line ("o<TAB>text"), or a stray quote swallowing the text
            rows.append((start + consumed + 1, cells))
            consumed = reader.line_num
            end = start + consumed
            if len(rows) == limit:
                break
    except csv.Error:  # e.g. a field over csv's size limit: the table ends before it
        pass
    return rows, end


def rows_to_blocks(rows: Sequence[TextRow], row_offset: int = 0) -> list[Block]:
    """Blocks of a text table from its rows, the first being the header (see the module docstring)."""
    header = [clean_text(strip_inline_markdown(c)) for c in rows[0][1]]
    roles = header_roles(header)
    out: list[Block] = []
    if roles is None:
        for n, cells in rows:
            for cell in cells:
                out.extend(_cell_blocks(cell, "other", n))
        return [replace(b, column=None, kind="item" if b.bullet else "text") for b in out]
    row = row_offset
    levels: dict[ColumnRole, ListLevels] = {}
    for n, cells in rows[1:]:
        if [clean_text(c) for c in cells] == header:
            continue  # the header repeated
        section = _section_row([clean_text(strip_inline_markdown(c)) for c in cells])
        if section is not None:
            out.append(Block(text=section, kind="heading", level=1, column="theme", line=n, row=row))
            levels.clear()
            row += 1
            continue
        ordered = order_row([_cell(text, roles[c] if c < len(roles) else "other", n, levels)
                             for c, text in enumerate(cells) if text.strip()], by_position=False)
        if ordered:
            out.extend(replace(b, row=row) for b in ordered)
            row += 1
    return theme_heading_levels(out)


def _with_levels(blocks: list[Block], levels: dict[ColumnRole, ListLevels]) -> list[Block]:
    """Item depth per column from glyph order ("*" then "o" then "-"), carried from row to row: the
    cells carry no indentation. A theme cell or an unbulleted block starts the lists afresh."""
    out: list[Block] = []
    for block in blocks:
        role = block.column or "other"
        if role == "theme":
            levels.clear()
        elif block.bullet:
            block = replace(block, level=levels.setdefault(role, ListLevels()).level(block.bullet, 0))
        else:
            levels.pop(role, None)
        out.append(block)
    return out


def table_at(lines: Sequence[str], start: int, row_offset: int = 0) -> tuple[list[Block], int] | None:
    """The blocks of the pipe or tab-separated table whose header is ``lines[start]`` and the index after
    it, or None when no table starts there."""
    if is_table_start(lines, start):
        end = table_end(lines, start)
        return pipe_table_to_blocks(lines[start:end], start + 1, row_offset), end
    strict = tsv_table(lines, start) if is_tsv_start(lines, start) else None
    loose = loose_tsv_at(lines, start, row_offset) if "\t" in lines[start] else None
    if loose and (strict is None or loose[1] > strict[1] and not _quoted(lines[start:loose[1]])):
        return loose  # merged rows or broken cells that Excel's quoted format would not have
    if strict:
        return rows_to_blocks(strict[0], row_offset), strict[1]
    return None


def _quoted(lines: Sequence[str]) -> bool:
    """A cell opens with a quote mark: Excel's format, where a quoted cell may span lines."""
    return any(cell.startswith('"') for line in lines for cell in line.split("\t"))


def loose_tsv_at(lines: Sequence[str], start: int, row_offset: int = 0) -> tuple[list[Block], int] | None:
    """The blocks of the pasted Word table whose tab-separated header is ``lines[start]`` and the index
    after it (merged rows and broken cells: see ``text_tsv``), or None when no such table starts there."""
    found = loose_tsv_rows(lines, start)
    if found is None:
        return None
    header, entries, end = found
    return _loose_blocks(header, start + 1, entries, row_offset), end


def _loose_blocks(header: list[str], header_line: int, entries: list[Entry], row_offset: int) -> list[Block]:
    blocks: list[Block] = []
    row = row_offset
    group: list[tuple[int, list[str]]] = []

    def flush() -> None:
        nonlocal row, group
        if group:
            made = rows_to_blocks([(header_line, header), *group], row)
            blocks.extend(made)
            row += len({b.row for b in made if b.row is not None})
            group = []

    for line, cells in entries:
        if isinstance(cells, list):
            group.append((line, cells))
            continue
        flush()
        if GOAL_ROW.match(cells):
            blocks.append(Block(cells, "text", 0, line=line))
        else:
            blocks.append(Block(cells, "heading", 1, line=line, column="theme", row=row))
            row += 1
    flush()
    return blocks
