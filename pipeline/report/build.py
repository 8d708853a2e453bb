"""Build the report from the stored tables: the newest programme version, its statuses, and the diff
against the programme version before it."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from pipeline import store
from pipeline.errors import TiltakError
from pipeline.report.render import render_report, write_report


def latest_changes(root: str | Path, measures: pd.DataFrame) -> pd.DataFrame | None:
    """Changes between the two newest programme versions of the newest programme, if there are two."""
    from pipeline.compare.changes import diff
    from pipeline.meta.versions import version_key

    from pipeline.report.context import version_to_report

    dated = measures.dropna(subset=["version_date"])
    if dated.empty:
        return None
    newest = version_to_report(dated, {}).iloc[0]  # the programme version the report shows
    versions = sorted(dated[dated["program"] == newest["program"]]["version_date"].unique())
    if len(versions) < 2:
        return None
    try:
        return diff(version_key(newest["program"], versions[-2]), version_key(newest["program"], versions[-1]), root=root)
    except TiltakError:
        return None


def build_report(root: str | Path, path: str | Path | None = None) -> Path | None:
    """Render processed/report.html (or ``path``); None when there are no measures yet."""
    from pipeline.status.lights import current_status

    if not store.exists(root, "measures"):
        return None
    measures = store.load("measures", root=root)
    meta = {"dataset_version": store.table_version(root, "measures")}
    html = render_report(measures, current_status(root), latest_changes(root, measures), meta)
    return write_report(html, Path(path) if path else Path(root) / "report.html")
