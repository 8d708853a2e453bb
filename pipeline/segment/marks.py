"""How a writer marks which list items are the measures: a label before them ("**Tiltak:** Lage en felles
oversikt …") or an arrow after them that gives the action to someone ("… helst én app for alle → ST, uke 9"). In a
document that marks two or more items so, the marks are the writer's own split: the marked items are measures, and
the unmarked items of the same list are what was said, as the bullets beside a table of measures are
(:func:`listed_sections`, read by :mod:`pipeline.segment.confidence`).
"""
from __future__ import annotations

import re

from pipeline.models import Measure

MEASURE_MARK = re.compile(r"^\s*(?:nytt\s+)?(?:tiltak|forslag(?:\s+til\s+tiltak)?)\s*:\s*\S", re.IGNORECASE)
"""A list item marked as a measure by its writer ("**Tiltak:** Lage en felles oversikt …")."""
ASSIGNED = re.compile(r"\s(?:->|=>|[→⇒➔])\s*[A-ZÆØÅ][\wÆØÅæøå.-]*(?:\s*[/&]\s*[A-ZÆØÅ][\wÆØÅæøå.-]*)?"
                      r"(?:\s*,\s*[^,→]{1,30})?\s*$")
"""A list item that ends by giving the action to someone, often with a time ("… helst én app for alle → ST, uke 9")."""


def is_marked(m: Measure) -> bool:
    """A list item its writer marked as a measure (:data:`MEASURE_MARK`, :data:`ASSIGNED`)."""
    return m.layout == "item" and bool(MEASURE_MARK.match(m.text) or ASSIGNED.search(m.text))


Listed = frozenset[tuple[tuple[str, ...], int | None]]
"""(heading path, parent) of the lists whose measures a table or marked items give (:func:`listed_sections`)."""


def listed_sections(measures: list[Measure]) -> Listed:
    """The lists (heading path and parent) whose measures a table gives, or list items marked as measures do
    when the document marks two or more (:func:`is_marked`: "Tiltak: …", "… → ST, uke 9"): there the table or
    the marked items are the measures, and the other bullets of the list are what the group said ("Gruppe 1 –
    Næring": discussion bullets, then | Tiltak | Hvem |)."""
    marked = [m for m in measures if is_marked(m)]
    by_marks = {(m.section, m.parent) for m in marked} if len(marked) >= 2 else set()
    return frozenset({(m.section, None) for m in measures if m.layout == "table"} | by_marks)
