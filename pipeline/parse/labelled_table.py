"""Tables that label their values row by row: a two-column table per measure ("Tiltak | Pilot med …",
"Ansvarleg | Hemsedal kommune", "Tidsrom | 2027–2028"), as Word plans lay out a measure's card. Read as the lines a
programme writes (the measure's text, then "Label: value"), they go through the same labelled-line steps."""
from __future__ import annotations

from typing import Sequence

from pipeline.parse.pdf_text import clean_text, column_role


def labelled_rows(rows: Sequence[Sequence[str]]) -> list[str] | None:
    """A two-column table that labels its values row by row ("Tiltak | Pilot med …", "Ansvarleg | Hemsedal
    kommune", "Tidsrom | 2027–2028": one small table per measure) as lines: the measure's text, then "Label:
    value" lines, as a programme writes them. None when the first column is not short labels, two of them known
    (:func:`column_role`), one naming the measure."""
    if len(rows) < 2 or any(len(row) != 2 for row in rows):
        return None
    labels = [clean_text(label).rstrip(":") for label, _ in rows]
    roles = [column_role(label) for label in labels]
    if any(len(label.split()) > 3 or not label for label in labels) \
            or roles.count("measure") != 1 or sum(r != "other" for r in roles) < 2:
        return None
    values = [clean_text(value) for _, value in rows]
    lines = [values[roles.index("measure")]]
    return lines + [f"{label}: {value}" for label, role, value in zip(labels, roles, values)
                    if role != "measure" and value and value not in ("–", "-")]
