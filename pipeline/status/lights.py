"""Traffic lights ("trafikklys") per measure, kept by ``lineage_id`` so they follow a measure across
programme versions.

The ``status`` Delta table under ``<root>/status`` is append-only: every change is a new row and the
current status of a lineage is its newest row. The measures DataFrame is always passed in, so this
module does not depend on the store.
"""
from __future__ import annotations

import unicodedata
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pandas as pd
import pyarrow as pa

from pipeline.errors import NotFound, TiltakError
from pipeline.meta.versions import version_key

STATUSES: tuple[str, ...] = ("grønn", "gul", "rød")
NOT_ASSESSED = "ikke vurdert"
STATUS_ALIASES: dict[str, str] = {
    "grønn": "grønn", "gronn": "grønn", "groenn": "grønn", "green": "grønn", "grøn": "grønn",
    "gul": "gul", "yellow": "gul", "amber": "gul", "oransje": "gul",
    "rød": "rød", "rod": "rød", "roed": "rød", "red": "rød",
}
STATUS_SCHEMA = pa.schema([
    ("lineage_id", pa.string()), ("status", pa.string()), ("note", pa.string()),
    ("updated_at", pa.timestamp("us", tz="UTC")),
    ("measure_id", pa.string()), ("text", pa.string()), ("source", pa.string()),
])
"""Required columns first (DESIGN.md); ``measure_id``/``text`` snapshot what the status was set on,
``source`` says how ("set" or "import:<file name>")."""

MIN_PREFIX = 4
class AmbiguousMeasure(TiltakError):
    """A query matches more than one measure."""

    stage = "query"
    default_hint = "use a longer text or the measure id"


class InvalidStatus(TiltakError):
    """A status value that is not a traffic-light colour."""

    stage = "query"
    default_hint = "use grønn, gul or rød (or green, yellow, red)"


def normalize_status(value: object) -> str:
    """Map a status value or alias (``green``, ``gronn``, ``Rød`` ...) to ``grønn``/``gul``/``rød``."""
    key = unicodedata.normalize("NFC", str(value or "")).strip().casefold()
    if key not in STATUS_ALIASES:
        raise InvalidStatus(f"unknown status {str(value)!r}")
    return STATUS_ALIASES[key]


def _lineages(measures: pd.DataFrame) -> pd.Series:
    """``lineage_id``, falling back to ``measure_id`` where it is missing."""
    ids = measures["measure_id"].astype("string")
    if "lineage_id" not in measures.columns:
        return ids
    return measures["lineage_id"].astype("string").fillna(ids)


def _newest_per_lineage(rows: pd.DataFrame) -> pd.DataFrame:
    """One row per lineage: the one from the newest programme version."""
    if rows.empty:
        return rows
    rows = rows.assign(_lin=_lineages(rows))
    if "version_date" in rows.columns:
        rows = rows.assign(_vd=pd.to_datetime(rows["version_date"], errors="coerce"))
        rows = rows.sort_values("_vd", kind="stable", na_position="first")
    return rows.drop_duplicates("_lin", keep="last").drop(columns=[c for c in ("_lin", "_vd") if c in rows])


def newest_per_lineage(rows: pd.DataFrame) -> pd.DataFrame:
    """One row per lineage (``lineage_id``, else ``measure_id``): the one from the newest programme
    version; index labels are kept."""
    return _newest_per_lineage(rows)


def _describe(row: pd.Series, width: int = 70) -> str:
    text = " ".join(str(row.get("text") or "").split())
    text = text if len(text) <= width else text[: width - 1] + "…"
    return f"{str(row['measure_id'])[:10]}: {text}"


def _ambiguous(query: str, hits: pd.DataFrame) -> AmbiguousMeasure:
    cands = "; ".join(_describe(r) for _, r in hits.head(5).iterrows())
    more = f" (+{len(hits) - 5} more)" if len(hits) > 5 else ""
    return AmbiguousMeasure(
        f"{query!r} matches {len(hits)} measures",
        hint=f"use a longer text or one of these ids: {cands}{more}",
    )


def resolve_measure(query: str, measures: pd.DataFrame) -> pd.Series:
    """Find one measure by exact ``measure_id``, ``lineage_id``, unique id prefix (>= 4 chars) or
    an unambiguous case-insensitive text search. With several programme versions in ``measures``,
    a lineage resolves to its newest version.

    Raises :class:`NotFound` when nothing matches, :class:`AmbiguousMeasure` when several do.
    """
    q = unicodedata.normalize("NFC", str(query or "")).strip()
    if not q:
        raise NotFound("empty measure query", hint="give a measure id or part of the measure text")
    if measures.empty:
        raise NotFound(f"no measure matches {q!r}: there are no measures", hint="run `tiltak run` first")
    ids = measures["measure_id"].astype("string")
    for mask in (ids == q, _lineages(measures) == q):
        hits = _newest_per_lineage(measures[mask.fillna(False).to_numpy(bool)])
        if len(hits) == 1:
            return hits.iloc[0]
    if len(q) >= MIN_PREFIX:
        hits = _newest_per_lineage(measures[ids.str.startswith(q).fillna(False).to_numpy(bool)])
        if len(hits) == 1:
            return hits.iloc[0]
        if len(hits) > 1:
            raise _ambiguous(q, hits)
    needle = " ".join(q.split()).casefold()
    texts = measures["text"].astype("string").fillna("").map(lambda t: " ".join(t.split()).casefold())
    hits = _newest_per_lineage(measures[texts.str.contains(needle, regex=False).to_numpy(bool)])
    if len(hits) == 1:
        return hits.iloc[0]
    if len(hits) > 1:
        exact = hits[hits["text"].astype("string").fillna("").map(lambda t: " ".join(t.split()).casefold()) == needle]
        if len(exact) == 1:
            return exact.iloc[0]
        raise _ambiguous(q, hits)
    raise NotFound(f"no measure matches {q!r}", hint="check the id, or search with a shorter part of the text")


def _read(root: str | Path) -> pd.DataFrame:
    path = Path(root) / "status"
    if not (path / "_delta_log").is_dir():
        return STATUS_SCHEMA.empty_table().to_pandas()
    from deltalake import DeltaTable

    return DeltaTable(str(path)).to_pyarrow_table().to_pandas()


def _next_timestamp(root: str | Path) -> datetime:
    """Now (UTC), but strictly after every row already stored, so "latest" is never a tie."""
    now = datetime.now(timezone.utc)
    stored = _read(root)
    if not stored.empty:
        last = pd.Timestamp(stored["updated_at"].max()).to_pydatetime()
        if now <= last:
            now = last + timedelta(microseconds=1)
    return now


def _append(root: str | Path, rows: list[dict]) -> None:
    """Write ``rows`` as one append commit."""
    if not rows:
        return
    from deltalake import write_deltalake

    from pipeline.store.lock import run_lock

    path = Path(root) / "status"
    path.parent.mkdir(parents=True, exist_ok=True)
    table = pa.Table.from_pylist(rows, schema=STATUS_SCHEMA)
    with run_lock(root, timeout=120):  # a vacuum or run writing at the same moment must not interleave
        write_deltalake(str(path), table, mode="append")


def _row(measure: pd.Series, status: str, note: object, when: datetime, source: str) -> dict:
    lineage = measure.get("lineage_id")
    note_s = None if note is None or (isinstance(note, float) and pd.isna(note)) else str(note).strip() or None
    return {
        "lineage_id": str(lineage) if isinstance(lineage, str) and lineage else str(measure["measure_id"]),
        "status": status,
        "note": unicodedata.normalize("NFC", note_s) if note_s else None,
        "updated_at": when,
        "measure_id": str(measure["measure_id"]),
        "text": None if pd.isna(measure.get("text")) else str(measure.get("text")),
        "source": source,
    }


def set_status(root: str | Path, measures: pd.DataFrame, query: str, status: str,
               note: str | None = None) -> dict:
    """Set the traffic light of the measure ``query`` resolves to (see :func:`resolve_measure`).

    ``status`` may be an alias (green/gronn/yellow/red/rod). Appends one row to ``<root>/status``
    and returns it as a dict.
    """
    canonical = normalize_status(status)
    measure = resolve_measure(query, measures)
    row = _row(measure, canonical, note, _next_timestamp(root), "set")
    _append(root, [row])
    return row


def status_history(root: str | Path, lineage_id: str | None = None) -> pd.DataFrame:
    """Every stored status row (oldest first), optionally for one lineage."""
    rows = _read(root)
    if lineage_id is not None:
        rows = rows[rows["lineage_id"] == lineage_id]
    return rows.sort_values("updated_at", kind="stable").reset_index(drop=True)


def current_status(root: str | Path) -> pd.DataFrame:
    """The latest status row per ``lineage_id``; an empty frame with the schema if none exist."""
    rows = status_history(root)
    return rows.drop_duplicates("lineage_id", keep="last").reset_index(drop=True)


def attach_status(measures: pd.DataFrame, status: pd.DataFrame) -> pd.DataFrame:
    """``measures`` plus ``status`` (``ikke vurdert`` where unset), ``status_note``, ``status_updated_at``."""
    out = measures.drop(columns=[c for c in ("status", "status_note", "status_updated_at") if c in measures])
    lin = _lineages(out) if len(out) else pd.Series([], dtype="string")
    if status is None or status.empty:
        cur = pd.DataFrame(columns=["lineage_id", "status", "note", "updated_at"])
    else:
        cur = status.sort_values("updated_at", kind="stable").drop_duplicates("lineage_id", keep="last")
    keys = [None if pd.isna(k) else str(k) for k in cur["lineage_id"]]
    st, note, when = (dict(zip(keys, cur[c])) for c in ("status", "note", "updated_at"))
    lin_keys = [None if pd.isna(k) else str(k) for k in lin]
    out = out.assign(
        status=[st.get(k) or NOT_ASSESSED for k in lin_keys],
        status_note=[note.get(k) for k in lin_keys],
        status_updated_at=[when.get(k) for k in lin_keys],
    )
    return out


def measures_of_version(measures: pd.DataFrame, program: str | None = None,
                        version: str | None = None) -> tuple[pd.DataFrame, str]:
    """The measures of one programme version and its key ("<program>@<YYYY-MM-DD>"): by default the
    newest (latest version date; of ``program`` when given); ``version`` is a date or a version key.
    Raises :class:`NotFound` naming the versions there are when nothing matches."""
    if measures.empty:
        return measures, "ingen tiltak"
    keys = pd.Series([version_key(p, d) for p, d in zip(measures.get("program", [None] * len(measures)),
                                                        measures.get("version_date", [None] * len(measures)))],
                     index=measures.index)
    dates = pd.to_datetime(measures.get("version_date"), errors="coerce") if "version_date" in measures else \
        pd.Series(pd.NaT, index=measures.index)
    mask = pd.Series(True, index=measures.index)
    if program:
        mask &= measures.get("program", pd.Series("", index=measures.index)).astype("string").fillna("") \
            .str.casefold() == program.strip().casefold()
    if version:
        wanted = version.strip().casefold()
        mask &= (keys.str.casefold() == wanted) | (dates.dt.strftime("%Y-%m-%d") == wanted)
    if not mask.any():
        raise NotFound(f"no programme version matches {' '.join(x for x in (program, version) if x)!r}",
                       f"versions: {', '.join(sorted(set(keys)))}")
    chosen = keys[mask]
    if not version:  # the newest of what is left: latest version date, undated last
        order = dates[mask].sort_values(na_position="first", kind="stable")
        chosen = keys[order.index[-1:]]
    key = chosen.iloc[0]
    return measures[keys == key], key


def status_summary(measures: pd.DataFrame, status: pd.DataFrame) -> pd.DataFrame:
    """Counts per theme (rows, taxonomy id; missing theme = "") and colour (columns grønn, gul, rød,
    ikke vurdert) plus ``totalt``. Measures without a status count as ``ikke vurdert``."""
    cols = [*STATUSES, NOT_ASSESSED]
    if measures.empty:
        return pd.DataFrame(columns=["theme", *cols, "totalt"])
    joined = attach_status(measures, status)
    theme = joined["theme"].astype("string").fillna("") if "theme" in joined else pd.Series([""] * len(joined))
    table = pd.crosstab(theme.to_numpy(dtype=object), joined["status"].to_numpy(dtype=object))
    table = table.reindex(columns=cols, fill_value=0).astype(int)
    table["totalt"] = table.sum(axis=1)
    table.index.name = "theme"
    table.columns.name = None
    return table.reset_index()
