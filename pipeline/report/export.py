"""Measures out of tiltak: CSV, JSON and Parquet for machines, and the Excel status sheet the
secretariat fills in and gives back to ``tiltak status import``.

The frames come from :func:`pipeline.report.listing.filter_measures` (measures plus ``status``,
``status_note``, ``status_updated_at``). CSV has one record per measure with list columns joined;
JSON is a list of objects with lists kept; Parquet keeps the Arrow types.
"""
from __future__ import annotations

import io
import json
import math
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pandas as pd

import pipeline.report.labels as L
from pipeline.report.labels import goal_text, target_text
from pipeline.errors import TiltakError
from pipeline.values import as_list, is_missing, text_or_empty

FORMATS = ("table", "csv", "json", "xlsx", "parquet")
SUFFIXES = {".csv": "csv", ".json": "json", ".xlsx": "xlsx", ".parquet": "parquet", ".txt": "table"}
COLUMNS = ("measure_id", "lineage_id", "program", "version_date", "source_file", "page", "line", "ordinal",
           "level", "parent_id", "section", "theme", "theme_name", "theme_source", "theme_score", "measure_type",
           "measure_type_name", "text", "goals", "targets", "partners", "responsible", "deadline", "confidence",
           "status", "status_note", "status_updated_at")
"""Columns of the machine formats, in this order (``responsible``/``deadline`` only when stored)."""
LIST_SEPARATOR = "; "


def format_for(path: str | Path | None, explicit: str | None) -> str:
    """The output format: ``explicit`` if given, else from ``path``'s suffix, else ``table``."""
    if explicit:
        if explicit not in FORMATS:
            raise TiltakError(f"ukjent format {explicit!r}", f"bruk {', '.join(FORMATS)}")
        return explicit
    if path is None:
        return "table"
    suffix = Path(path).suffix.lower()
    if suffix not in SUFFIXES:
        raise TiltakError(f"kan ikke velge format ut fra filnavnet {Path(path).name}",
                          "bruk .csv, .json, .xlsx eller .parquet, eller gi --format")
    return SUFFIXES[suffix]


def machine_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """The columns of the machine formats: the stored ones plus Norwegian theme and type names."""
    out = frame.copy()
    out["theme_name"] = [L.theme_label(text_or_empty(t)).label if text_or_empty(t) else "" for t in out.get("theme", [])]
    types = L.type_labels()
    out["measure_type_name"] = [types.get(text_or_empty(t), text_or_empty(t)) for t in out.get("measure_type", [])]
    return out[[c for c in COLUMNS if c in out.columns]]


def _plain(value: Any) -> Any:
    """A JSON-ready value: lists and dicts recursively, dates ISO, missing as None."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)) or (hasattr(value, "tolist") and not isinstance(value, str)):
        items = value.tolist() if hasattr(value, "tolist") else value
        return [_plain(v) for v in items] if isinstance(items, list) else _plain(items)
    if isinstance(value, (pd.Timestamp, datetime)):
        return None if pd.isna(value) else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if is_missing(value):
        return None
    if isinstance(value, float) and math.isinf(value):
        return None
    return value.item() if hasattr(value, "item") else value


def to_json_text(frame: pd.DataFrame) -> str:
    """A JSON list with one object per measure (lists stay lists)."""
    records = [{k: _plain(v) for k, v in rec.items()} for rec in machine_frame(frame).to_dict("records")]
    return json.dumps(records, ensure_ascii=False, indent=2) + "\n"


def _joined(column: str, value: Any) -> str:
    items = as_list(value)
    if column == "goals":
        return LIST_SEPARATOR.join(goal_text(g) for g in items)
    if column == "targets":
        return LIST_SEPARATOR.join(target_text(t) for t in items)
    if column == "section":
        return " › ".join(text_or_empty(s) for s in items)
    return LIST_SEPARATOR.join(text_or_empty(x) for x in items)


def flat_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """The machine frame with list columns joined into text (one record per measure)."""
    out = machine_frame(frame)
    for column in ("section", "goals", "targets", "partners", "responsible"):
        if column in out.columns:
            out[column] = [_joined(column, v) for v in out[column]]
    for column in ("version_date", "status_updated_at"):
        if column in out.columns:
            out[column] = [_plain(v) or "" for v in out[column]]
    return out


def to_csv_text(frame: pd.DataFrame) -> str:
    """CSV (comma, UTF-8, header): one record per measure, list columns joined with "; "."""
    buf = io.StringIO()
    flat_frame(frame).to_csv(buf, index=False, lineterminator="\n")
    return buf.getvalue()


def write_parquet(frame: pd.DataFrame, path: str | Path) -> Path:
    """Plain Parquet with the stored Arrow types (lists stay lists)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    out = machine_frame(frame).copy()
    if "status_updated_at" in out.columns:
        out["status_updated_at"] = pd.to_datetime(out["status_updated_at"], utc=True)
    for column in ("status_note", "theme_name", "measure_type_name"):
        if column in out.columns:
            out[column] = out[column].astype("string")
    pq.write_table(pa.Table.from_pandas(out, preserve_index=False), str(path))
    return Path(path)


def write_text(text: str, path: str | Path, bom: bool = False) -> Path:
    """Write text as UTF-8 (with a BOM for CSV, so Excel reads æøå)."""
    Path(path).write_text(text, encoding="utf-8-sig" if bom else "utf-8")
    return Path(path)


def export(frame: pd.DataFrame, path: str | Path, fmt: str) -> Path:
    """Write ``frame`` to ``path`` as ``fmt`` (csv, json, xlsx status sheet, parquet)."""
    from pipeline.report.sheet import write_status_sheet

    Path(path).parent.mkdir(parents=True, exist_ok=True)
    if fmt == "csv":
        return write_text(to_csv_text(frame), path, bom=True)
    if fmt == "json":
        return write_text(to_json_text(frame), path)
    if fmt == "xlsx":
        return write_status_sheet(frame, path)
    if fmt == "parquet":
        return write_parquet(frame, path)
    raise TiltakError(f"formatet {fmt} skrives ikke til fil", "bruk .csv, .json, .xlsx eller .parquet")

