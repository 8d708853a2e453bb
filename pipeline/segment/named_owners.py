"""Owners a measure's own text names outside any label or column: a closing bracket of the publisher's own
bodies ("Besøke naturbruksskolene (styret, adm. verveutvalget).", :func:`pipeline.nlp.owners.bracketed_owners`).
The bracket leaves the text, as an "Ansvar:" label would."""
from __future__ import annotations

from dataclasses import replace

from pipeline.models import Measure
from pipeline.nlp.owners import bracketed_owners


def with_bracketed_owners(measures: list[Measure]) -> list[Measure]:
    """Measures without a labelled owner whose text ends in an owner bracket: the bracket as their owners."""
    out = []
    for m in measures:
        found = None if m.responsible_text else bracketed_owners(m.text)
        out.append(replace(m, text=found[0], responsible_text=tuple(found[1])) if found else m)
    return out
