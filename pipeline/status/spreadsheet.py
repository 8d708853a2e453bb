"""Import traffic lights from a CSV or Excel file (``tiltak status import``): rows resolved to measures
by id, lineage or text, problems reported per row, never guessed; all valid rows in one commit."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd

from pipeline.errors import NotFound, TiltakError
from pipeline.status.lights import _append, _next_timestamp, _row, current_status, normalize_status, resolve_measure

ID_HEADERS = ("measure_id", "lineage_id", "measure", "id", "tiltak_id", "text", "tiltak", "tekst")
STATUS_HEADERS = ("status", "trafikklys", "farge")
NOTE_HEADERS = ("note", "kommentar", "notat", "merknad", "comment")


@dataclass
class ImportProblem:
    """One row of an import file that was not written, and why."""

    row: int  # 1-based line in the file, the header being line 1
    query: str
    reason: str


@dataclass
class ImportReport:
    """What :func:`import_status` did: rows written (one commit) and rows reported, not guessed."""

    file: str
    written: list[dict] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)
    blank: int = 0  # rows naming a measure with an empty status (left "ikke vurdert" or as they were)
    unchanged: int = 0  # rows whose status and note are already the current ones (nothing written)

    @property
    def ok(self) -> bool:
        """True when every row of the file was written."""
        return not self.problems


def _pick(columns: list[str], names: tuple[str, ...]) -> str | None:
    lower = {c.strip().casefold(): c for c in columns}
    return next((lower[n] for n in names if n in lower), None)


def _read_table_file(file: Path) -> pd.DataFrame:
    suffix = file.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        try:
            return pd.read_excel(file, dtype=str, engine="openpyxl")
        except ImportError as exc:
            raise TiltakError("reading Excel needs openpyxl", hint="pip install openpyxl") from exc
    if suffix in (".csv", ".txt", ".tsv"):
        for encoding in ("utf-8-sig", "cp1252"):
            try:
                return pd.read_csv(file, dtype=str, sep=None, engine="python", encoding=encoding,
                                   keep_default_na=False)
            except UnicodeDecodeError:
                continue
    raise TiltakError(f"cannot read status file {file.name}", hint="use a .csv or .xlsx file")


def _note(value: object) -> str:
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value).strip()


def import_status(root: str | Path, measures: pd.DataFrame, file: str | Path) -> ImportReport:
    """Import traffic lights from a CSV or Excel file.

    Headers (case-insensitive): an identifier column (``measure_id``, ``lineage_id``, ``measure``,
    ``text`` or ``tiltak``), ``status`` and optionally ``note``/``kommentar``. Unknown, ambiguous or
    invalid rows are reported in :class:`ImportReport`, never guessed; all valid rows are written in
    one append commit. When a measure appears twice, the later row wins and the earlier is reported.
    A row with a measure but an empty status is skipped (counted in ``blank``: the status sheet of
    ``tiltak measures -o status.xlsx`` leaves unassessed measures empty); a row repeating the current
    status and note is not written again (counted in ``unchanged``).
    """
    path = Path(file)
    if not path.is_file():
        raise NotFound(f"status file not found: {path}", hint="check the path")
    frame = _read_table_file(path)
    cols = [str(c) for c in frame.columns]
    frame.columns = cols
    id_cols = [c for n in ID_HEADERS if (c := _pick(cols, (n,)))]
    status_col, note_col = _pick(cols, STATUS_HEADERS), _pick(cols, NOTE_HEADERS)
    if not id_cols or not status_col:
        raise TiltakError(f"{path.name}: needs a measure column and a status column (found: {', '.join(cols)})",
                          hint="name the columns e.g. measure_id (or tiltak), status, kommentar")
    report = ImportReport(file=str(path))
    chosen: dict[str, tuple[int, pd.Series, str, object]] = {}
    for i, rec in enumerate(frame.to_dict("records"), start=2):
        query = next((str(rec[c]).strip() for c in id_cols if str(rec.get(c) or "").strip()
                      and str(rec[c]).strip().lower() != "nan"), "")
        raw_status = _note(rec.get(status_col))
        if not query and not raw_status:
            continue  # blank line
        if query and not raw_status:
            report.blank += 1
            continue
        try:
            status = normalize_status(raw_status)
            measure = resolve_measure(query, measures)
        except TiltakError as exc:
            report.problems.append(ImportProblem(i, query, str(exc)))
            continue
        lineage = _row(measure, status, None, datetime.now(timezone.utc), "")["lineage_id"]
        if lineage in chosen:
            earlier = chosen[lineage][0]
            report.problems.append(ImportProblem(earlier, query, f"same measure again in row {i}; row {i} used"))
        chosen[lineage] = (i, measure, status, rec.get(note_col) if note_col else None)
    when = _next_timestamp(root)
    rows = [_row(m, s, n, when, f"import:{path.name}") for _, m, s, n in chosen.values()]
    current = {r["lineage_id"]: (r["status"], _note(r["note"])) for r in current_status(root).to_dict("records")}
    changed = [r for r in rows if current.get(r["lineage_id"]) != (r["status"], _note(r["note"]))]
    report.unchanged = len(rows) - len(changed)
    rows = changed
    _append(root, rows)
    report.written = rows
    return report
