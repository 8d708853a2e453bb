"""Tables flattened to text: what copying a Word or PDF table into a text box leaves behind.

The header's column names run together on one line ("Tiltak Innhold Aktører Dato"), each row starts
after a blank line, its first line holds the first cells run together ("Felles lunsj i barnehagene Med
forbehold om økonomisk godkjenning Oppvekst- og kultur") and the lines under it hold one later cell
each ("Styrerne i barnehagene", "Høsten 2009"). The cell borders inside the first line are lost, so
that line is the measure; a later line is the row's deadline when it names a date or period and the
header has a date column, an owner or partner when it is a short name and the header has such a column,
and otherwise a cell of no known role. The table ends at two blank lines in a row or at the next
header line; lines that are list items or numbered rows, or rows that mostly lack such later cells,
are no flattened table (the list and numbered-row readers take those).
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from pipeline.meta.deadlines import resolve_deadline
from pipeline.models import Block, ColumnRole
from pipeline.parse.pdf_text import column_role, is_number_header

OTHER_HEADER_WORDS = frozenset({
    "innhold", "kommentar", "kommentarer", "merknad", "merknader", "status", "kostnad", "kostnader",
    "finansiering", "budsjett", "økonomi", "kilde", "vedtak", "prioritet", "og", "/", "-", "&",
})
"""Column names with no role of their own that still mark a line as a header ("Innhold", "Status")."""
HEADER_WORDS = (3, 8)
CELL_MAX_WORDS = 6
_WORD = re.compile(r"[A-Za-zÆØÅæøå./&-]+$")


def flat_header_roles(line: str) -> list[ColumnRole] | None:
    """The column roles of a header line of names run together, or None when ``line`` is not one: 3 to 8
    words, every one a column name, a measure column among them and an owner, partner or date column."""
    words = line.split()
    if not HEADER_WORDS[0] <= len(words) <= HEADER_WORDS[1] or not all(_WORD.match(w) for w in words):
        return None
    roles: list[ColumnRole] = []
    for word in words:
        role = column_role(word)
        if role == "other" and word.lower().strip(":") not in OTHER_HEADER_WORDS and not is_number_header(word):
            return None
        roles.append(role)
    if "measure" not in roles or not {"responsible", "partner", "deadline"} & set(roles):
        return None
    return roles


def flat_table_at(lines: Sequence[str], start: int, row_offset: int = 0) -> tuple[list[Block], int] | None:
    """The blocks of the flattened table whose header is ``lines[start]`` and the index after it, or None
    when no such table starts there (see the module doc)."""
    roles = None if "\t" in lines[start] else flat_header_roles(lines[start].strip())
    if roles is None:
        return None
    blocks: list[Block] = []
    row, blank, i = row_offset - 1, 1, start + 1
    while i < len(lines):
        text = " ".join(lines[i].split())
        if not text:
            blank += 1
            if blank >= 2 and blocks:
                break
        elif flat_header_roles(text) is not None:
            break
        else:
            if blank:
                row += 1
                blocks.append(Block(text, "text", 0, line=i + 1, column="measure", row=row))
            else:
                blocks.append(Block(text, "text", 0, line=i + 1, column=_cell_role(text, roles), row=row))
            blank = 0
        i += 1
    return (blocks, i) if _rows_are_flat(blocks) else None


_LIST_LINE = re.compile(r"^(?:[*•●▪■◦o»>–-]\s|\d{1,3}[.)]?\s)")


def _rows_are_flat(blocks: list[Block]) -> bool:
    """True when the lines read as flattened rows: no line is a list item or a numbered row (other
    readers take those), and at least half of the rows have a later cell with a known role."""
    if not blocks or any(_LIST_LINE.match(b.text) or "\t" in b.text for b in blocks):
        return False
    rows = {b.row for b in blocks}
    with_cells = {b.row for b in blocks if b.column not in ("measure", "other")}
    return 2 * len(with_cells) >= len(rows)


def _cell_role(text: str, roles: list[ColumnRole]) -> ColumnRole:
    """The role of a later cell of a row, from its shape and the roles the header offers."""
    short = len(text.split()) <= CELL_MAX_WORDS
    if short and "deadline" in roles and resolve_deadline(text) is not None:
        return "deadline"
    if short and text[:1].isupper() and not text.endswith((".", ":")):
        for role in ("responsible", "partner"):
            if role in roles:
                return role
    return "other"
