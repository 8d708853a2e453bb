"""A follow-up table that restates what the minutes decided. Minutes often end with an "Oppfølging"
table (Hva | Ansvar | Frist) whose rows name, in a few words, decisions written out above them
("Første samling i næringsforumet" | Sekretariatet | oktober 2026 after "Regionrådet etablerer et
næringsforum … to samlinger i året"). Such a row is no second measure: its owner and deadline belong to
the decision it names, which takes them (unless it has its own), and the row is dropped. A row that names
no decision, or that two decisions match equally well, stays a measure of its own; a table most of whose
rows name no decision above it is the document's own list of measures and is left as it is.
"""
from __future__ import annotations

import re
from dataclasses import replace

from pipeline.models import Measure
from pipeline.segment.builder import renumber

STEM = 5
"""Letters of a word that are compared: "utredning" and "utreder" meet in "utred"."""
MAX_ROW_WORDS = 8
"""A row that restates a decision names it in a few words; a longer cell is a measure written out."""
MIN_DECISION_WORDS = 6
MIN_RESTATED = 2
"""A recap table restates at least two decisions and at least half of its rows do."""
COMMON = frozenset({"felle", "regio", "kommu", "sekre", "arbei", "samar", "møtet", "videre", "mellom", "gjenn"})
"""Stems too common in minutes to tell one decision from another."""
_WORD = re.compile(r"[^\W\d_]{5,}")


def _stems(text: str) -> set[str]:
    return {w.casefold()[:STEM] for w in _WORD.findall(text)} - COMMON


def _restates(row: Measure, earlier: list[Measure], taken: set[int]) -> Measure | None:
    """The one earlier measure the row names (most shared stems, at least one, no tie), or None."""
    stems = _stems(row.text)
    scored = sorted(((len(stems & _stems(m.text)), m.ordinal) for m in earlier if m.ordinal not in taken), reverse=True)
    if not scored or scored[0][0] == 0 or len(scored) > 1 and scored[1][0] == scored[0][0]:
        return None
    return next(m for m in earlier if m.ordinal == scored[0][1])


def merge_follow_up_rows(measures: list[Measure]) -> list[Measure]:
    """``measures`` (kept, in order) with every follow-up row that restates an earlier decision folded into it."""
    first_row = next((i for i, m in enumerate(measures) if m.layout == "table"), None)
    if first_row is None or first_row == 0:
        return measures
    # decisions are written out: a sentence longer than a row's few words
    earlier = [m for m in measures[:first_row] if m.layout != "table" and len(m.text.split()) >= MIN_DECISION_WORDS]
    rows = [m for m in measures[first_row:] if m.layout == "table" and len(m.text.split()) <= MAX_ROW_WORDS
            and (m.responsible_text or m.deadline_text)]
    merged: dict[int, Measure] = {}  # ordinal of an earlier measure -> the row folded into it
    for row in rows:
        target = _restates(row, earlier, set(merged))
        if target is not None:
            merged[target.ordinal] = row
    if len(merged) < MIN_RESTATED or 2 * len(merged) < len(rows):
        return measures  # a table that mostly names new things is the document's measures, not a recap
    dropped = {row.ordinal for row in merged.values()}
    out = []
    for m in measures:
        if m.ordinal in dropped:
            continue
        row = merged.get(m.ordinal)
        if row is not None:
            m = replace(m, responsible_text=m.responsible_text or row.responsible_text,
                        deadline_text=m.deadline_text or row.deadline_text)
        out.append(m)
    return renumber(out, {m.ordinal: m.parent for m in measures})
