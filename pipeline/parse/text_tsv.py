"""Word tables pasted into a text file as plain text: tab-separated cells, but merged rows and cells with
several paragraphs come out as Word writes them, not as Excel would quote them.

- A merged row (a section or goal row spanning the table: "Innsatsområde 1: Næringsutvikling", "Mål:
  Flere arbeidsplasser …") is a line without a tab between rows. A goal row becomes a running-text line
  (the segmenter makes it the goal of the measures under it); any other becomes a section heading.
- A cell with a second paragraph breaks its row over two lines: "2.2<TAB>Kartlegge pendlerstrømmer …"
  then "Data fra SSB brukes i analysen.<TAB>Sekretariatet<TAB>…". When a row has fewer cells than the
  header and the next line's cells complete it, the two lines are one row (the broken cell joined).

The table ends at a blank line, or at a line without a tab that no tab-separated row follows within
three lines.
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from pipeline.parse.pdf_text import clean_text, header_roles

GOAL_ROW = re.compile(r"^(?:mål|delmål|hovedmål|hovudmål|resultatmål|effektmål|målsetting)\s*\d*\s*:", re.IGNORECASE)
MERGED_RUN = 3
"""At most this many merged rows in a row (a section row and its goal row) before the next row."""
Entry = tuple[int, list[str] | str]
"""A 1-based line number with a row's cells, or with the text of a merged row."""


def loose_tsv_rows(lines: Sequence[str], start: int) -> tuple[list[str], list[Entry], int] | None:
    """The header cells, the rows and merged rows (see the module doc) of the pasted Word table whose
    tab-separated header is ``lines[start]``, and the index after it; None when no such table starts there."""
    header = [clean_text(c) for c in lines[start].split("\t")]
    if lines[start].count("\t") < 1 or header_roles([c for c in header if c]) is None:
        return None
    entries, end = _entries(lines, start, len(header))
    if sum(isinstance(cells, list) for _, cells in entries) < 2:
        return None
    return header, entries, end


def _entries(lines: Sequence[str], start: int, width: int) -> tuple[list[Entry], int]:
    entries: list[Entry] = []
    i = start + 1
    while i < len(lines) and lines[i].strip():
        line = lines[i].rstrip("\r\n")
        if "\t" not in line:
            if not any("\t" in nxt for nxt in lines[i + 1:i + 1 + MERGED_RUN]):
                break
            entries.append((i + 1, clean_text(line)))
        else:
            cells = line.split("\t")
            prev = entries[-1][1] if entries else None
            if isinstance(prev, list) and len(prev) < width and len(prev) + len(cells) - 1 <= width:
                prev[-1] = f"{prev[-1]} {cells[0]}".strip()
                prev.extend(cells[1:])
            else:
                entries.append((i + 1, cells))
        i += 1
    return entries, i
