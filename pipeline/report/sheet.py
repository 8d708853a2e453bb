"""The Excel status sheet (``tiltak measures -o status.xlsx``): one row per measure with ``lineage_id``,
``status`` (a drop-down grønn/gul/rød), ``note`` and readable columns, for the secretariat to fill in and
give back to ``tiltak status import``. Written with openpyxl: frozen header, filters, widths, colours.

Cells are always text (a measure starting with "=" is not a formula) without the control characters
Excel refuses.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import pandas as pd

import pipeline.report.labels as L
from pipeline.report.labels import goal_text, target_text
from pipeline.status.lights import NOT_ASSESSED, STATUSES
from pipeline.values import as_list, text_or_empty

SHEET_TITLE = "Status"
WRAPPED = ("note", "tiltak", "partnere", "mål")


def _columns(frame: pd.DataFrame) -> list[tuple[str, int, Any]]:
    """(header, width, value of a row) for each column; ansvarlig/frist only when the table has them."""
    types = L.type_labels()

    def joined(values: Any, fn: Any = text_or_empty) -> str:
        return "\n".join(s for s in (fn(v) for v in as_list(values)) if s)

    cols: list[tuple[str, int, Any]] = [
        ("lineage_id", 18, lambda r: text_or_empty(r.get("lineage_id")) or text_or_empty(r.get("measure_id"))),
        ("status", 12, lambda r: "" if r.get("status") in (None, NOT_ASSESSED) else text_or_empty(r.get("status"))),
        ("note", 40, lambda r: text_or_empty(r.get("status_note"))),
        ("tema", 30, lambda r: L.theme_label(text_or_empty(r.get("theme"))).label),
        ("type", 20, lambda r: types.get(text_or_empty(r.get("measure_type")), text_or_empty(r.get("measure_type")))),
        ("tiltak", 80, lambda r: text_or_empty(r.get("text"))),
    ]
    if "responsible" in frame.columns:
        cols.append(("ansvarlig", 24, lambda r: joined(r.get("responsible"))))
    if "deadline" in frame.columns:
        cols.append(("frist", 14, lambda r: text_or_empty(r.get("deadline_text")) or text_or_empty(r.get("deadline"))))
    cols += [
        ("partnere", 30, lambda r: joined(r.get("partners"))),
        ("mål", 50, lambda r: "\n".join([*(goal_text(g) for g in as_list(r.get("goals"))),
                                          *(target_text(t) for t in as_list(r.get("targets")))])),
        ("programversjon", 28, lambda r: _version(r)),
        ("fil", 30, lambda r: text_or_empty(r.get("source_file"))),
        ("side", 6, lambda r: text_or_empty(r.get("page"))),
        ("linje", 6, lambda r: text_or_empty(r.get("line"))),
    ]
    return cols


def _version(row: dict) -> str:
    """The programme version key, or "" for a document without programme and date."""
    from pipeline.meta.versions import version_key

    program, day = row.get("program"), row.get("version_date")
    if not text_or_empty(program) and text_or_empty(day) in ("", "NaT"):
        return ""
    return version_key(program, day)


def _clean(value: str) -> str:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return ILLEGAL_CHARACTERS_RE.sub("", value)


def write_status_sheet(frame: pd.DataFrame, path: str | Path) -> Path:
    """Write the status sheet for the measures in ``frame`` (one row each) to ``path`` atomically."""
    from openpyxl import Workbook
    from openpyxl.formatting.rule import CellIsRule
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    cols = _columns(frame)
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET_TITLE
    ws.append([c[0] for c in cols])
    for rec in frame.to_dict("records"):
        ws.append([_clean(str(fn(rec))) for _, _, fn in cols])
    top = Alignment(vertical="top")
    wrap = Alignment(vertical="top", wrap_text=True)
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.data_type = "s"  # text, never a formula
            cell.alignment = wrap if cols[cell.column - 1][0] in WRAPPED else top
    for i, (header, width, _) in enumerate(cols, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
        ws.cell(row=1, column=i).font = Font(bold=True)
    last = max(ws.max_row, 2)
    status_col = get_column_letter(2)
    choices = DataValidation(type="list", formula1='"' + ",".join(STATUSES) + '"', allow_blank=True,
                             showErrorMessage=True, errorTitle="Ugyldig status",
                             error="Velg grønn, gul eller rød (tomt: ikke vurdert).")
    choices.add(f"{status_col}2:{status_col}{max(last, 1000)}")
    ws.add_data_validation(choices)
    for status, colour in (("grønn", "B7E1C1"), ("gul", "FCE8A6"), ("rød", "F4B6B0")):
        ws.conditional_formatting.add(f"{status_col}2:{status_col}{max(last, 1000)}",
                                      CellIsRule(operator="equal", formula=[f'"{status}"'],
                                                 fill=PatternFill("solid", start_color=colour, end_color=colour)))
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(cols))}{ws.max_row}"
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    try:
        wb.save(tmp)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target
