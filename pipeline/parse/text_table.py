"""Tables written as text: Markdown pipe tables ("| Tiltak | Partnere |" over "|---|---|").

A pipe table whose header names the columns (see :func:`header_roles`) becomes the same blocks a
DOCX or HTML table gives: theme cells as headings, each measure block followed by the goal and
partner blocks of its row, every block carrying its column role and the row's line number. Cells
split into blocks at ``<br>`` and at inline bullets. A pipe table without such a header is read as
running text, one block per non-empty cell.
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Sequence

from ..models import Block, ColumnRole
from .levels import ListLevels
from .pdf_text import Cell, clean_text, header_roles, order_row, split_bullet

_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)
_INLINE_BULLET = re.compile(r"(?:^|\s+)([*•▪])\s+(?=\S)")
_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)\s]*\)")
_CODE = re.compile(r"`([^`]*)`")


def strip_inline_markdown(text: str) -> str:
    """Drop Markdown emphasis, links and code spans, keeping their text: ``**Tiltak**`` -> ``Tiltak``."""
    text = _LINK.sub(r"\1", text)
    text = _CODE.sub(r"\1", text)
    return _EMPHASIS.sub(r"\2", text)


def split_row(line: str) -> list[str]:
    """Cells of one pipe-table line; ``\\|`` is a literal bar inside a cell."""
    body = line.strip()
    if body.startswith("|"):
        body = body[1:]
    if body.endswith("|") and not body.endswith("\\|"):
        body = body[:-1]
    return [cell.replace("\\|", "|").strip() for cell in re.split(r"(?<!\\)\|", body)]


def is_table_start(lines: Sequence[str], i: int) -> bool:
    """True when ``lines[i]`` is a header row: it has a bar and the next line is a ``---|---`` separator
    with the same number of columns."""
    if i + 1 >= len(lines) or "|" not in lines[i] or not _SEPARATOR.match(lines[i + 1]):
        return False
    return len(split_row(lines[i])) == len(split_row(lines[i + 1]))


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
        marks = list(_INLINE_BULLET.finditer(piece))
        starts = [0] + [m.start() for m in marks if m.start() > 0]
        parts = [piece[a:b] for a, b in zip(starts, starts[1:] + [len(piece)])]
        for part in parts:
            part = clean_text(strip_inline_markdown(part))
            if not part:
                continue
            bullet, rest = split_bullet(part)
            if not rest:
                continue
            kind = "heading" if role == "theme" else ("item" if bullet else "text")
            out.append(Block(text=rest, kind=kind, level=2 if role == "theme" else 0, column=role, line=line,
                             bullet=None if role == "theme" else bullet, width=len(part)))
    return out


def _cell(text: str, role: ColumnRole, line: int, levels: dict[ColumnRole, ListLevels]) -> Cell:
    blocks = _with_levels(_cell_blocks(text, role, line), levels)
    return Cell(role, tuple(((0.0, float(k)), b) for k, b in enumerate(blocks)))


def _section_row(cells: list[str]) -> str | None:
    """A row with the same text in every cell (how merged cells export) is a section heading."""
    if len(cells) > 1 and all(cells) and len(set(cells)) == 1:
        return cells[0]
    return None


def pipe_table_to_blocks(lines: Sequence[str], first_line: int, row_offset: int = 0) -> list[Block]:
    """Blocks of one pipe table: ``lines`` are its header, separator and rows; ``first_line`` is the
    1-based line number of the header. Rows get table row indices from ``row_offset``."""
    header = [clean_text(strip_inline_markdown(c)) for c in split_row(lines[0])]
    roles = header_roles(header)
    out: list[Block] = []
    if roles is None:
        for n, line in enumerate(lines, start=first_line):
            if n == first_line + 1:
                continue
            for cell in split_row(line):
                out.extend(_cell_blocks(cell, "other", n))
        return [replace(b, column=None, kind="item" if b.bullet else "text") for b in out]
    row = row_offset
    levels: dict[ColumnRole, ListLevels] = {}
    for n, line in enumerate(lines[2:], start=first_line + 2):
        cells = split_row(line)
        if [clean_text(c) for c in cells] == header:
            continue  # the header repeated
        section = _section_row([clean_text(strip_inline_markdown(c)) for c in cells])
        if section is not None:
            out.append(Block(text=section, kind="heading", level=1, column="theme", line=n, row=row))
            levels.clear()
            row += 1
            continue
        ordered = order_row([_cell(text, roles[c] if c < len(roles) else "other", n, levels)
                             for c, text in enumerate(cells) if text], by_position=False)
        if ordered:
            out.extend(replace(b, row=row) for b in ordered)
            row += 1
    if not any(b.column == "theme" and b.level == 1 for b in out):
        out = [replace(b, level=1) if b.column == "theme" and b.kind == "heading" else b for b in out]
    return out


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
