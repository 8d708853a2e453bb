"""Diff two programme versions: which measures were added, removed, modified, moved or kept.

``diff(old, new)`` resolves each name to the measures of one programme version ("Handlingsprogram
2026@2025-09-09") or of one source file, aligns them (:mod:`pipeline.compare.align`) and returns the DESIGN
``changes`` columns. Renderers (:mod:`pipeline.compare.render`) turn it into Markdown, HTML, CSV or JSON;
``write_changes`` stores it in the ``changes`` Delta table, once per version pair. Only ``diff`` and ``write_changes`` touch the disk.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pandas as pd

from pipeline.compare.align import CHANGE_COLUMNS, AlignSettings, align
from pipeline.compare.render import (KIND_LABELS, KINDS, changes_to_csv, changes_to_html,  # noqa: F401 (API)
                                     changes_to_json, changes_to_markdown, word_diff)
from pipeline.errors import NotFound, Refused
from pipeline.meta.versions import version_key
from pipeline.values import as_list, is_missing

SUFFIX_RANK = {".docx": 0, ".md": 1, ".markdown": 1, ".html": 2, ".htm": 2, ".txt": 3, ".pdf": 4}
COPY_SHARE = 0.6
"""Two files of one programme version whose measures align this much are copies of the same notes."""


# ---------------------------------------------------------------- loading and resolving

def _load_measures(root: str | Path) -> pd.DataFrame:
    """The current measures table under ``root`` (raises NotFound with a hint when there is none)."""
    from pipeline.store.tables import load

    return load("measures", root=root)


def _date_str(value: Any) -> str:
    return "" if is_missing(value) else str(value)[:10]


def _norm(text: Any) -> str:
    return "" if is_missing(text) else re.sub(r"\s+", " ", str(text)).strip().casefold()


def available_versions(measures: pd.DataFrame) -> list[str]:
    """Programme version keys and source file names present in a measures table."""
    keys = {version_key(p, d) for p, d in zip(measures.get("program", []), measures.get("version_date", []))}
    files = {Path(str(f)).name for f in measures.get("source_file", []) if not is_missing(f)}
    return sorted(keys) + sorted(files)


def rows_of_version(measures: pd.DataFrame, name: str) -> tuple[pd.DataFrame, str]:
    """The measures that ``name`` (a version key or a source file name) denotes, and its version label.

    Raises :class:`NotFound` listing what exists when nothing matches.
    """
    rows = measures.iloc[0:0]
    if "@" in name and {"program", "version_date"} <= set(measures.columns):
        keys = [_norm(version_key(p, d)) for p, d in zip(measures["program"], measures["version_date"])]
        rows = measures[pd.Series(keys, index=measures.index) == _norm(name)]
    if rows.empty and "source_file" in measures.columns:
        base = Path(name).name
        mask = measures["source_file"].map(lambda f: str(f) == name or Path(str(f)).name == base)
        rows = measures[mask]
    if rows.empty:
        listed = ", ".join(available_versions(measures)) or "none"
        raise NotFound(f"no programme version or file named {name!r}; available: {listed}")
    programs = {str(p) for p in rows.get("program", [None]) if not is_missing(p)}
    days = {_date_str(d) for d in rows.get("version_date", [None]) if not is_missing(d)}
    label = version_key(programs.pop(), days.pop()) if len(programs) == 1 and len(days) == 1 else name
    return rows, label


def _suffixes(rows: pd.DataFrame) -> set[str]:
    return {Path(str(f)).suffix.lower() for f in rows.get("source_file", [])}


def _one_copy(rows: pd.DataFrame, prefer: set[str], settings: AlignSettings | None = None) -> pd.DataFrame:
    """Keep one file of each content: a file of the version whose measures mostly align with an already
    kept file (the same notes as PDF and DOCX, say) is dropped. Files in a format of ``prefer`` (the
    other side's formats) are kept first, then structured formats."""
    if "source_file" not in rows.columns or rows["source_file"].nunique() < 2:
        return rows

    def rank(f: Any) -> tuple[bool, int, str]:
        suffix = Path(str(f)).suffix.lower()
        return suffix not in prefer, SUFFIX_RANK.get(suffix, 9), str(f)

    files = sorted(rows["source_file"].unique(), key=rank)
    kept: list[Any] = []
    for f in files:
        part = rows[rows["source_file"] == f]
        if not any(_is_copy(part, rows[rows["source_file"] == k], settings) for k in kept):
            kept.append(f)
    return rows[rows["source_file"].isin(kept)]


def _is_copy(a: pd.DataFrame, b: pd.DataFrame, settings: AlignSettings | None) -> bool:
    matched = int(align(a, b, settings=settings)["change"].isin(["unchanged", "modified", "moved"]).sum())
    return matched >= COPY_SHARE * min(len(a), len(b))


def _details(frames: list[pd.DataFrame]) -> dict[str, dict[str, list[str]]]:
    """measure_id -> partners and goal texts, for the renderers."""
    out: dict[str, dict[str, list[str]]] = {}
    for frame in frames:
        for rec in frame.to_dict("records"):
            goals = [str(g.get("text") if isinstance(g, dict) else g) for g in as_list(rec.get("goals"))]
            out[str(rec.get("measure_id"))] = {"partners": [str(p) for p in as_list(rec.get("partners"))],
                                               "goals": goals}
    return out


def diff(old: str, new: str, root: str | Path = "processed", force: bool = False,
         settings: AlignSettings | None = None) -> pd.DataFrame:
    """Changes between two programme versions (or two source files) stored under ``root``.

    Raises :class:`Refused` when the two belong to different programmes (unless ``force``) and
    :class:`NotFound` when a name matches nothing. The partners and goals of both sides are kept in
    ``result.attrs["details"]`` for the renderers.
    """
    measures = _load_measures(root)
    (old_rows, old_label), (new_rows, new_label) = rows_of_version(measures, old), rows_of_version(measures, new)
    old_rows = _one_copy(old_rows, _suffixes(new_rows), settings)
    new_rows = _one_copy(new_rows, _suffixes(old_rows), settings)
    programs = [{_norm(p) for p in f.get("program", pd.Series(dtype=object)) if not is_missing(p)}
                for f in (old_rows, new_rows)]
    if programs[0] and programs[1] and programs[0] != programs[1] and not force:
        raise Refused(f"{old!r} and {new!r} are versions of different programmes "
                      f"({', '.join(sorted(programs[0]))} vs {', '.join(sorted(programs[1]))})",
                      hint="add --force (force=True) to diff them anyway")
    changes = align(old_rows, new_rows, old_label, new_label, settings)
    changes.attrs["details"] = _details([old_rows, new_rows])
    return changes


# ---------------------------------------------------------------- storing

def changes_schema() -> Any:
    """The explicit Arrow schema of the ``changes`` table."""
    import pyarrow as pa

    s = pa.string()
    return pa.schema([("old_version", s), ("new_version", s), ("change", s), ("old_measure_id", s),
                      ("new_measure_id", s), ("old_text", s), ("new_text", s), ("old_theme", s),
                      ("new_theme", s), ("fields", pa.list_(s)), ("similarity", pa.float64())])


def pair_predicate(changes: pd.DataFrame) -> str | None:
    """``(old_version = 'A' AND new_version = 'B') OR ...`` over the version pairs in ``changes``."""
    from pipeline.store.tables import sql_string

    if changes.empty:
        return None
    pairs = sorted({(str(o), str(n)) for o, n in zip(changes["old_version"], changes["new_version"])})
    return " OR ".join(f"(old_version = {sql_string(o)} AND new_version = {sql_string(n)})" for o, n in pairs)


def write_changes(changes: pd.DataFrame, root: str | Path = "processed") -> int:
    """Store ``changes`` in the Delta table ``<root>/changes``, replacing the rows of the same version
    pair(s) (a repeated diff never duplicates rows); returns the table's new version."""
    import pyarrow as pa
    from deltalake import DeltaTable

    from pipeline.store.lock import run_lock
    from pipeline.store.tables import write_table

    schema = changes_schema()
    cols: dict[str, list[Any]] = {}
    for name in CHANGE_COLUMNS:
        values = changes[name].tolist() if name in changes.columns else [None] * len(changes)
        if name == "fields":
            cols[name] = [[str(x) for x in as_list(v)] for v in values]
        elif name == "similarity":
            cols[name] = [None if is_missing(v) else float(v) for v in values]
        else:
            cols[name] = [None if is_missing(v) else str(v) for v in values]
    table = pa.Table.from_pydict(cols, schema=schema)
    path = Path(root) / "changes"
    path.parent.mkdir(parents=True, exist_ok=True)
    predicate = pair_predicate(changes)
    with run_lock(root, timeout=120):  # a vacuum or run writing at the same moment must not interleave
        if predicate is None or not DeltaTable.is_deltatable(str(path)):
            return write_table(root, "changes", table, mode="append")
        return write_table(root, "changes", table, predicate=predicate)
