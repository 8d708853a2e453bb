"""A lead-in that ends in ":" owns the list below it. When the lead-in is itself a measure (it survived
the confidence model: "Følgende søknader går videre:", "Det foreslås … til:"), the items that follow it at
the same depth become its sub-measures; when it is not, they stay where they are.
"""
from __future__ import annotations

from dataclasses import replace

from pipeline.models import Measure


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
