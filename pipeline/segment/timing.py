"""Deadlines that running text states: a measure without a "Frist:" label or column takes the timing its
own sentence states ("… innen 1. desember 2025"), else its parent's ("Dette gjør vi i 2020:" over a
list), else that of the innermost heading that states one ("Tiltak i 2018–2019")."""
from __future__ import annotations

from dataclasses import replace

from pipeline.meta.timing import timing_in_text
from pipeline.models import Measure


def with_timing(measures: list[Measure]) -> list[Measure]:
    """Every measure's ``deadline_text``: labelled, else stated in its text, its parent's, or its section's."""
    done: dict[int, Measure] = {}
    labelled = {m.ordinal for m in measures if m.deadline_text}
    for m in measures:
        text = m.deadline_text or timing_in_text(m.text)
        if text is None and m.parent in done and m.parent not in labelled:
            text = done[m.parent].deadline_text
        if text is None:
            text = next((t for t in map(timing_in_text, reversed(m.section)) if t), None)
        done[m.ordinal] = replace(m, deadline_text=text) if text != m.deadline_text else m
    return [done[m.ordinal] for m in measures]
