"""Tables aligned with spaces: a table pasted from a fixed-width report, a terminal or a plain-text e-mail
("Nr   Tiltak          Ansvar          Status   Kommentar"). The header names the columns (see
:func:`pipeline.parse.pdf_text.header_roles`) and each column starts where its name starts; a cell is a
run of words with single spaces between them, and two or more spaces end it. A row wraps onto lines that
leave the first column blank ("     og Måsøy                   kommunenes innspill"): their words join the
cells of the row above, column by column. A blank line ends the table. The rows then become the same
blocks a tab-separated table gives (``text_table.rows_to_blocks``).
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from pipeline.models import Block
from pipeline.parse.pdf_text import clean_text, header_roles, is_number_header
from pipeline.parse.text_table import rows_to_blocks

CELL = re.compile(r"\S+(?: \S+)*")
"""A cell: words with single spaces between them; a run of two or more spaces is a column gap."""
MIN_COLUMNS = 3
MAX_HEADER_WORDS = 3
TOLERANCE = 1
"""How far left of its column a cell may start (a hand-aligned table is off by one now and then)."""

Row = tuple[int, list[str]]


def cells(line: str) -> list[tuple[int, str]]:
    """(start offset, text) of each cell of a line, tabs expanded."""
    return [(m.start(), m.group()) for m in CELL.finditer(line.expandtabs(4))]


def aligned_header(line: str) -> tuple[list[int], list[str]] | None:
    """(column starts, column names) when ``line`` is a space-aligned header that names the columns."""
    if "|" in line or "\t" in line or line[:1].isspace():
        return None
    found = cells(line)
    names = [clean_text(text) for _, text in found]
    if len(found) < MIN_COLUMNS or any(len(n.split()) > MAX_HEADER_WORDS for n in names) or header_roles(names) is None:
        return None
    return [start for start, _ in found], names


def _column(starts: list[int], offset: int) -> int:
    """The column a cell starting at ``offset`` belongs to: the last one starting at or before it."""
    return max((k for k, s in enumerate(starts) if s <= offset + TOLERANCE), default=0)


def aligned_rows(lines: Sequence[str], start: int, starts: list[int]) -> tuple[list[Row], int]:
    """The rows below the header ``lines[start]`` (1-based line of each row's first line, cells per column)
    and the index after the table's last line."""
    rows: list[Row] = []
    numbered = is_number_header(lines[start][starts[0]:starts[1]] if len(starts) > 1 else "")
    i = start + 1
    while i < len(lines) and lines[i].strip():
        found = cells(lines[i])
        first = [text for offset, text in found if _column(starts, offset) == 0]
        opens = bool(first) and (first[0][:1].isdigit() if numbered else not first[0][:1].islower())
        if opens or not rows:
            if numbered and not opens:
                break  # "Sum: …" under a numbered table: the table has ended
            rows.append((i + 1, [""] * len(starts)))
        row = rows[-1][1]
        for offset, text in found:
            k = _column(starts, offset)
            row[k] = f"{row[k]} {text}".strip()
        i += 1
    return rows, i


def aligned_table_at(lines: Sequence[str], start: int, row_offset: int = 0) -> tuple[list[Block], int] | None:
    """The blocks of the space-aligned table whose header is ``lines[start]`` and the index after it, or None
    when none starts there (a header needs a row under it whose cells line up with two of its columns)."""
    header = aligned_header(lines[start])
    if header is None or start + 1 >= len(lines):
        return None
    starts, names = header
    below = {_column(starts, offset) for offset, _ in cells(lines[start + 1])
             if any(abs(offset - s) <= TOLERANCE for s in starts)}
    if len(below) < 2:
        return None
    rows, end = aligned_rows(lines, start, starts)
    return rows_to_blocks([(start + 1, names), *rows], row_offset), end
