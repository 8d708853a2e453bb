"""The stored measures, filtered (``tiltak measures``): by programme, programme version, theme, type,
partner, responsible, traffic light, file and text, with the current status of each measure attached.

Pure functions over DataFrames plus :func:`stored_measures`, which reads the current dataset version.
Theme and type filters take the taxonomy id or the Norwegian name; text filters ignore case and
Unicode normal form (æøå typed as decomposed characters still match).
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass, fields
from pathlib import Path

import pandas as pd

import pipeline.report.labels as L
from pipeline.errors import TiltakError
from pipeline.status.lights import NOT_ASSESSED, attach_status, newest_per_lineage, normalize_status
from pipeline.values import as_list, text_or_empty

NEWEST = ("siste", "nyeste", "newest", "latest")
"""``--version`` values meaning the newest programme version (of each programme selected)."""
NOT_ASSESSED_ALIASES = ("ikke-vurdert", "ikke vurdert", "ikkevurdert", "ingen", "none", "not-assessed")


@dataclass(frozen=True)
class MeasureQuery:
    """Filters of ``tiltak measures``; ``None`` means "any". All are combined with AND."""

    program: str | None = None
    version: str | None = None  # YYYY-MM-DD, "<programme>@YYYY-MM-DD", or "siste" (newest per programme)
    theme: str | None = None
    measure_type: str | None = None
    partner: str | None = None
    responsible: str | None = None
    status: str | None = None  # grønn | gul | rød | ikke-vurdert (aliases as for `status set`)
    file: str | None = None
    text: str | None = None

    def is_empty(self) -> bool:
        """True when no filter is set."""
        return all(getattr(self, f.name) in (None, "") for f in fields(self))


def fold(value: object) -> str:
    """NFC, whitespace collapsed, case-folded: the form text filters compare."""
    return " ".join(unicodedata.normalize("NFC", text_or_empty(value)).split()).casefold()


def status_filter_value(value: str) -> str:
    """``grønn``/``gul``/``rød`` (or an alias) or ``ikke vurdert``."""
    if fold(value) in NOT_ASSESSED_ALIASES:
        return NOT_ASSESSED
    return normalize_status(value)


def _contains(series: pd.Series, needle: str) -> pd.Series:
    folded = series.map(fold)
    return folded.str.contains(fold(needle), regex=False)


def _any_in_list(series: pd.Series, needle: str) -> pd.Series:
    n = fold(needle)
    return series.map(lambda v: any(n in fold(x) for x in as_list(v)))


def _label_match(series: pd.Series, needle: str, labels: dict[str, str]) -> pd.Series:
    """Ids equal to ``needle``, or ids whose Norwegian label contains it."""
    n = fold(needle)
    ids = {i for i, label in labels.items() if fold(i) == n} or {i for i, label in labels.items() if n in fold(label)}
    values = series.map(text_or_empty)
    return values.isin(ids) | (values.map(fold) == n)


def _version_mask(frame: pd.DataFrame, version: str) -> pd.Series:
    dates = pd.to_datetime(frame["version_date"], errors="coerce")
    wanted = version.strip()
    if fold(wanted) in NEWEST:
        newest = dates.groupby(frame["program"].map(text_or_empty)).transform("max")
        return dates.notna() & (dates == newest)
    program, _, day = wanted.rpartition("@")
    try:
        when = pd.Timestamp(day)
    except ValueError as exc:
        raise TiltakError(f"forstår ikke programversjonen {version!r}",
                          "bruk en dato (2025-10-14), «Program@2025-10-14» eller «siste»") from exc
    mask = dates == when
    if program:
        mask &= frame["program"].map(fold) == fold(program)
    return mask


def filter_measures(measures: pd.DataFrame, status: pd.DataFrame | None, query: MeasureQuery) -> pd.DataFrame:
    """``measures`` with their current status attached (``status``, ``status_note``,
    ``status_updated_at``), the rows ``query`` keeps, in programme, version, file and reading order."""
    frame = attach_status(measures, status if status is not None else pd.DataFrame())
    if frame.empty:
        return frame.reset_index(drop=True)
    keep = pd.Series(True, index=frame.index)
    if query.program:
        keep &= _contains(frame["program"], query.program)
    if query.version:
        keep &= _version_mask(frame, query.version)
    if query.theme:
        keep &= _label_match(frame["theme"], query.theme, {t.id: t.label for t in L.themes()})
    if query.measure_type:
        keep &= _label_match(frame["measure_type"], query.measure_type, L.type_labels())
    if query.partner:
        keep &= _any_in_list(frame["partners"], query.partner)
    if query.responsible:
        if "responsible" not in frame.columns:
            raise TiltakError("tiltakstabellen har ingen kolonne for ansvarlig",
                              "denne versjonen av tiltak lagrer ikke ansvarlig; filtrer på --partner")
        keep &= _any_in_list(frame["responsible"], query.responsible)
    if query.status:
        keep &= frame["status"] == status_filter_value(query.status)
    if query.file:
        keep &= _contains(frame["source_file"], query.file)
    if query.text:
        keep &= _contains(frame["text"], query.text)
    out = frame[keep.to_numpy(bool)]
    order = [c for c in ("program", "version_date", "source_file", "ordinal") if c in out.columns]
    return out.sort_values(order, kind="stable", na_position="last").reset_index(drop=True)


def one_per_lineage(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per ``lineage_id`` (a measure across programme versions): the newest version's, in the
    order of ``frame``. Statuses are kept per lineage, so a status sheet has one row for each."""
    if frame.empty:
        return frame
    kept = newest_per_lineage(frame)
    return frame.loc[frame.index.isin(kept.index)].reset_index(drop=True)


def stored_measures(root: str | Path, query: MeasureQuery = MeasureQuery()) -> pd.DataFrame:
    """The measures of the current dataset version in ``root`` that ``query`` keeps, with statuses."""
    from pipeline import store
    from pipeline.status.lights import current_status

    return filter_measures(store.load("measures", root=root), current_status(root), query)
