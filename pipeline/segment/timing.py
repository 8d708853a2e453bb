"""Deadlines that running text states: a measure without a "Frist:" label or column takes the timing its
own sentence states ("… innen 1. desember 2025"), else its parent's ("Dette gjør vi i 2020:" over a
list), else that of the innermost heading that states one ("Tiltak i 2018–2019")."""
from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from pipeline.meta.timing import own_timing, timing_in_text
from pipeline.models import Measure


def lead_in_timing(measures: list[Measure], kept: set[int]) -> dict[int, str]:
    """For kept measures without a deadline of their own: the timing a lead-in above them states ("I 2020
    står dette på arbeidsprogrammet:" over a list) that the confidence model dropped as no measure (a
    parent, or the paragraph right before a run of list items), or that the segmenter read as the list's
    lead-in ("Følgende tiltak skal utføres i løpet av våren 2018:", ``Measure.lead_in``) (ordinal -> timing
    as written). Called before the survivors are renumbered."""
    by_ordinal = {m.ordinal: m for m in measures}
    out: dict[int, str] = {}
    before: str | None = None  # the timing of the dropped lead-in the current run of list items follows
    for m in measures:
        if m.layout != "item" and m.parent is None:
            before = _lead_timing(m.text) if m.ordinal not in kept else None
        if m.ordinal not in kept or m.deadline_text or own_timing(m.text):
            continue
        timing = None
        owner = by_ordinal.get(m.parent) if m.parent is not None else None
        while owner is not None and owner.ordinal not in kept and timing is None:
            timing = _lead_timing(owner.text)
            owner = by_ordinal.get(owner.parent) if owner.parent is not None else None
        timing = timing or (before if m.layout == "item" else None) or (timing_in_text(m.lead_in) if m.lead_in else None)
        if timing:
            out[m.ordinal] = timing
    return out


LEAD_YEAR = re.compile(r"\bfor\s+(?:året\s+)?((?:19|20)\d{2})\b", re.IGNORECASE)
"""A lead-in's year ("Oppgaver definert for 2024 er følgende:"): the year its list is for."""


def _lead_timing(text: str) -> str | None:
    """The timing a lead-in (a text ending in ":" or ";") states, or the year it is for."""
    if not text.rstrip().endswith((":", ";")):
        return None
    year = LEAD_YEAR.search(text)
    return timing_in_text(text) or (year[1] if year else None)


def with_timing(measures: list[Measure]) -> list[Measure]:
    """Every measure's ``deadline_text``: labelled, else stated in its text, its parent's, or its section's."""
    done: dict[int, Measure] = {}
    labelled = {m.ordinal for m in measures if m.deadline_text}
    heading_timing = lru_cache(maxsize=None)(timing_in_text)  # most measures share their headings
    for m in measures:
        text = m.deadline_text or own_timing(m.text)
        if text is None and m.parent in done and m.parent not in labelled:
            text = done[m.parent].deadline_text
        if text is None:
            text = next((t for t in map(heading_timing, reversed(m.section)) if t), None)
        done[m.ordinal] = replace(m, deadline_text=text) if text != m.deadline_text else m
    return [done[m.ordinal] for m in measures]
