"""The later cells of a table row flattened to one line under a header of column names ("Nr Tiltak
Ansvar Frist Status" over "5 Felles oversikt over næringsareal … Sekretariatet 31.05.2026 Pågår").

The cell borders are lost, so the cells are told apart from the right, one header column at a time, by
what such a column holds: a status word ("Ikke startet", "Pågår"), a deadline ("31.05.2026", "2. halvår
2026", "Før sommeren", "Løpende") or owner names (:func:`pipeline.nlp.owners.trailing_owner`). A column
whose cell cannot be found this way stops the search, so what is left of the row stays the measure's text.
"""
from __future__ import annotations

import re

from pipeline.meta.deadlines import resolve_deadline
from pipeline.models import ColumnRole
from pipeline.nlp.owners import trailing_owner

STATUS = re.compile(
    r"(?:^|\s)((?:ikke|ikkje)\s+(?:startet|starta|påbegynt|påbyrja|begynt)|pågår|pågåande|planlegges|planleggast|"
    r"planlagt|planlagd|videreføres|vidareførast|ferdig|fullført|gjennomført|avsluttet|avslutta|startet|starta|"
    r"utsatt|utsett|i gang|i rute|forsinket|forseinka|påbegynt|igangsatt|grønn|gul|rød|raud|løpende|løpande)$",
    re.I)
TIME_WORD = (r"jan\w*|feb\w*|mars|april|mai|juni|juli|aug\w*|sep\w*|okt\w*|nov\w*|des\w*|vår\w*|sommer\w*|høst\w*|"
             r"haust\w*|vinter\w*|jul\w*|påske\w*|halvår\w*|kvartal\w*|skoleår\w*|årsskift\w*|løpende|løpande|"
             r"fortløpende|fortløpande|kontinuerlig|kontinuerleg|årlig|årleg|snarest|uke|veke|medio|ultimo|primo")
ANCHOR = re.compile(rf"^(?:\d[\d./–-]*|q[1-4]|k[1-4]|{TIME_WORD})$", re.I)
"""A word that makes a cell a deadline: a number or date, a month, a season, a period, "Løpende"."""
FILLER = re.compile(r"^(?:innen|innan|før|etter|fra|frå|til|i|av|utgangen|slutten|starten|første|fyrste|andre|"
                    r"siste|og|-|–|hele|heile|perioden|året|hvert|kvart)$", re.I)
"""Words a deadline cell may hold besides its anchors: "innen utgangen av", "første halvår"."""


def split_row_cells(text: str, later: list[ColumnRole], names: list[str]) -> tuple[str, list[tuple[ColumnRole, str]]]:
    """(the measure's text, the later cells found as (role, text) in column order) for a row's ``text``
    holding the measure cell followed by cells of the ``later`` columns (header ``names``)."""
    cells: list[tuple[ColumnRole, str]] = []
    rest = text.strip()
    for role, name in reversed(list(zip(later, names))):
        found = _trailing_cell(rest, role, name)
        if found is None:
            break
        rest, cell = found
        if cell:
            cells.insert(0, (role, cell))
    return rest, cells


def _trailing_cell(text: str, role: ColumnRole, name: str) -> tuple[str, str] | None:
    """(text before, cell) for the cell of one column at the end of ``text``; ("text", "") when the
    cell is empty; None when the column's cell cannot be told apart."""
    if role == "deadline":
        return trailing_deadline(text) or (text, "")
    if role in ("responsible", "partner"):
        return trailing_owner(text) or (text, "")
    if name.lower().strip(":") == "status":
        m = STATUS.search(text)
        return (text[: m.start()].rstrip(), m[1]) if m else (text, "")
    return None


def trailing_deadline(text: str, min_words: int = 2) -> tuple[str, str] | None:
    """(text before, deadline cell) when ``text`` ends in a deadline ("… Sekretariatet 31.05.2026",
    "… Nome kommune 2. halvår 2026", "… Før sommeren"), else None."""
    words = text.split()
    best = None
    for start in range(len(words) - 1, min_words - 1, -1):
        word = words[start]
        if not (ANCHOR.match(word) or FILLER.match(word)):
            break
        cell = " ".join(words[start:])
        anchored = any(ANCHOR.match(w) for w in words[start:])
        starts_cell = (word[:1].isupper() or word[:1].isdigit()) and not FILLER.match(words[start - 1])
        if anchored and starts_cell and (resolve_deadline(cell) is not None or not any(c.isdigit() for c in cell)):
            best = (" ".join(words[:start]), cell)
    return best
