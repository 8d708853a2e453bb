"""A run: plan (scan raw/), process each file (see process.py), commit the results.

The Prefect flow and ``tiltak run`` call these three in order; nothing else holds run logic.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd
import pyarrow as pa

from . import __version__, store
from .config import Settings
from .process import FileResult
from .scan import ScanResult, scan


@dataclass(frozen=True)
class RunSummary:
    run_id: str
    new: int
    changed: int
    unchanged: int
    removed: int
    failed: int
    versions: dict[str, int | None]
    committed: bool
    errors: list[dict] = field(default_factory=list)
    themes: dict[str, int] = field(default_factory=dict)


def model_version() -> str:
    """Names and sizes of the shipped model files, recorded in each run row."""
    from importlib import resources
    try:
        data = resources.files("pipeline.resources").joinpath("models").iterdir()
        return ",".join(sorted(f"{p.name}:{p.stat().st_size}" for p in data if p.is_file()))[:200] or "none"
    except (FileNotFoundError, NotADirectoryError):
        return "none"


def plan_run(settings: Settings, force: bool = False) -> ScanResult:
    """Which files to process: new, changed (or all with ``force``), and which were removed."""
    if not settings.raw.is_dir():
        from .errors import NotFound
        raise NotFound(f"raw folder {settings.raw} does not exist", "create it and drop documents in it, or pass --raw")
    return scan(settings.raw, store.known_files(settings.out), force=force)


def _assign_lineage(measures: pd.DataFrame, reprocessed: set[str]) -> pd.DataFrame:
    """Measures of reprocessed files inherit the lineage of their match in the previous programme version."""
    from .align import assign_lineage

    if measures.empty or not reprocessed:
        return measures
    keys = measures[["program", "version_date"]].drop_duplicates().sort_values("version_date", na_position="first")
    for program, vdate in keys.itertuples(index=False):
        cur_mask = (measures["program"] == program) & (measures["version_date"] == vdate)
        if not measures.loc[cur_mask, "source_file"].isin(reprocessed).any() or pd.isna(vdate):
            continue
        earlier = measures[(measures["program"] == program) & (measures["version_date"] < vdate)]
        if earlier.empty:
            continue
        prev = earlier[earlier["version_date"] == earlier["version_date"].max()]
        measures.loc[cur_mask, "lineage_id"] = assign_lineage(prev.reset_index(drop=True),
                                                              measures[cur_mask].reset_index(drop=True))
    return measures


def commit_run(settings: Settings, plan: ScanResult, results: list[FileResult], started_at: datetime,
               run_id: str | None = None) -> RunSummary:
    """Write every table that changed (one Delta commit each), the run row, errors and snapshots."""
    run_id = run_id or uuid.uuid4().hex[:12]
    root = settings.out
    drop = {f.source_file for f in plan.to_process} | set(plan.removed)
    failed = [r for r in results if r.error]
    versions: dict[str, int | None] = {}
    committed = bool(drop)
    if committed:
        docs = store.replace_files(root, "documents", drop, [r.document for r in results])
        measures = store.replace_files(root, "measures", drop, [m for r in results for m in r.measures])
        partners = store.replace_files(root, "measure_partners", drop, [p for r in results for p in r.partners])
        frame = _assign_lineage(measures.to_pandas(), {r.source_file for r in results})
        lineage = pa.array([str(x) for x in frame["lineage_id"]], pa.string())
        measures = measures.set_column(measures.schema.get_field_index("lineage_id"), "lineage_id", lineage)
        versions["documents"] = store.write_table(root, "documents", docs)
        versions["measures"] = store.write_table(root, "measures", measures)
        versions["measure_partners"] = store.write_table(root, "measure_partners", partners)
        if failed:
            errors = store.to_arrow([{**r.error, "run_id": run_id} for r in failed], "errors")
            versions["errors"] = store.write_table(root, "errors", errors, mode="append")
        for name in ("documents", "measures", "measure_partners", "errors"):
            if store.exists(root, name):
                store.write_snapshot(root, name)
    for name in ("documents", "measures", "measure_partners", "errors"):
        versions.setdefault(name, store.table_version(root, name))
    summary = RunSummary(run_id, len(plan.new), len(plan.changed), len(plan.unchanged), len(plan.removed),
                         len(failed), versions, committed, [r.error for r in failed], theme_counts(root))
    if committed:
        _write_run_row(settings, summary, started_at)
    return summary


def theme_counts(root: Path) -> dict[str, int]:
    if not store.exists(root, "measures"):
        return {}
    return store.read_arrow(root, "measures").to_pandas()["theme"].value_counts().to_dict()


def _write_run_row(settings: Settings, summary: RunSummary, started_at: datetime) -> None:
    row = {"run_id": summary.run_id, "started_at": started_at, "finished_at": datetime.now(timezone.utc),
           "pipeline_version": __version__, "model_version": model_version(), "files_new": summary.new,
           "files_changed": summary.changed, "files_unchanged": summary.unchanged, "files_removed": summary.removed,
           "files_failed": summary.failed, **{f"{k}_version": v for k, v in summary.versions.items()}}
    store.write_table(settings.out, "runs", store.to_arrow([row], "runs"), mode="append")
    store.write_snapshot(settings.out, "runs")
