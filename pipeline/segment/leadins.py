"""A lead-in that ends in ":" owns the list below it. When the lead-in is itself a measure (it survived
the confidence model: "Følgende søknader går videre:", "Det foreslås … til:"), the items that follow it at
the same depth become its sub-measures; when it is not, they stay where they are. A lead-in that gives
a body its tasks ("Telemark fylkeskommune skal:") names the owner of the items under it.
"""
from __future__ import annotations

from dataclasses import replace

from pipeline.models import Measure
from pipeline.nlp.owners import subject_owner


def attach_to_lead_ins(measures: list[Measure]) -> list[Measure]:
    """Items directly after a kept lead-in, with no parent of their own, get the lead-in as parent."""
    out = list(measures)
    for i, lead in enumerate(out):
        if lead.layout == "item" and lead.parent is not None or not lead.text.rstrip().endswith(":"):
            continue
        j = i + 1
        while j < len(out) and out[j].layout == "item" and out[j].parent == lead.parent and out[j].section == lead.section:
            out[j] = replace(out[j], parent=lead.ordinal, level=max(out[j].level, lead.level + 1))
            j += 1
    return out


def lead_in_owners(measures: list[Measure], kept: set[int]) -> dict[int, str]:
    """For kept measures with no owner of their own: the owner the nearest lead-in above them names as its
    subject ("Sekretariatet skal:", "Telemark fylkeskommune skal:"; see
    :func:`pipeline.nlp.owners.subject_owner`), whether or not the lead-in was kept, or the section heading
    they stand under when that is such a lead-in (ordinal -> owner)."""
    by_ordinal = {m.ordinal: m for m in measures}
    out: dict[int, str] = {}
    for m in measures:
        if m.ordinal not in kept or m.responsible_text or subject_owner(m.text):
            continue
        lead = by_ordinal.get(m.parent) if m.parent is not None else None
        while lead is not None and not lead.text.rstrip().endswith(":"):
            lead = by_ordinal.get(lead.parent) if lead.parent is not None else None
        owner = _lead_owner(lead.text) if lead is not None else _lead_owner(m.section[-1] + ":") if m.section else None
        if owner:
            out[m.ordinal] = owner
    return out


def _lead_owner(text: str) -> str | None:
    """The subject owner of a lead-in ("Sekretariatet skal:" -> "Sekretariatet"); None for other text. A
    heading made of a lead-in has lost its colon, so the caller adds it back."""
    text = text.rstrip()
    return subject_owner(text[:-1]) if text.endswith(":") else None
