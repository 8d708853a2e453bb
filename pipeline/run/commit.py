"""A run: plan (scan raw/), process each file (see process.py), commit the results.

The Prefect flow and ``tiltak run`` call these three in order; nothing else holds run logic.
"""
from __future__ import annotations

import json
import os
import signal
import uuid
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path

import pyarrow as pa

from pipeline import store
from pipeline.config import VERSION
from pipeline.config import Settings
from pipeline.compare.lineage import STORED_COLUMNS, assign_version_lineage
from pipeline.run.process import FileResult
from pipeline.run.safety import hold_mass_removal, quarantine
from pipeline.run.scan import ScanResult, check_raw, scan
from pipeline.store.evolve import upgrade

SNAPSHOT_TABLES = ("documents", "measures", "measure_partners", "errors")
RUN_KEY = "tiltak.run"
"""Commit-info key of the documents commit that carries the run's row (see :func:`recover_run_row`)."""


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
    failing: tuple[str, ...] = ()  # files in error now: failed in this run or still failing since an earlier one
    removal_held: tuple[str, ...] = ()  # gone from raw/ but kept: a mass removal without allow_removal
    quarantined: tuple[str, ...] = ()  # skipped: killed their worker quarantine_after times (same bytes)
    upgraded: tuple[str, ...] = ()  # tables upgraded to this release's schema version ("measures 1 -> 3 (...)")
    touched: int = 0  # unchanged files whose new mtime was stored (so they are not hashed again)


def model_version() -> str:
    """Names and sizes of the shipped model files, recorded in each run row."""
    from importlib import resources
    try:
        data = resources.files("pipeline.resources").joinpath("models").iterdir()
        return ",".join(sorted(f"{p.name}:{p.stat().st_size}" for p in data if p.is_file()))[:200] or "none"
    except (FileNotFoundError, NotADirectoryError):
        return "none"


def plan_run(settings: Settings, force: bool = False) -> ScanResult:
    """Which files to process: new, changed (or all with ``force``), and which were removed; a missing
    or unreadable raw/ raises ``RawUnavailable``. Tables of an older release are upgraded first (the
    caller holds the run lock); mass removals are held back and poison files quarantined (run/safety.py)."""
    check_raw(settings.raw)
    upgraded = tuple(str(u) for u in upgrade(settings.out))
    known = store.known_files(settings.out)
    planned = hold_mass_removal(scan(settings.raw, known, force=force), len(known), settings.allow_removal)
    planned = reconcile(settings.out, planned)
    errors = store.read_arrow(settings.out, "errors", ["sha256", "stage", "error_type", "occurred_at"]).to_pylist()
    return replace(quarantine(planned, errors, settings.quarantine_after), upgraded=upgraded)


def reconcile(root: Path, plan: ScanResult) -> ScanResult:
    """Repair what a run killed between its commits left behind, by comparing stored rows with the
    documents manifest: an unchanged file whose ``measures`` rows are not those of its manifest entry
    (its file was reverted to the manifest's bytes before this run) is processed again, and rows of
    files the manifest does not know and raw/ no longer has count as removed."""
    expected = store.expected_rows(root)
    stored = store.rows_by_file(root)
    stale = tuple(f for f in plan.unchanged if stored.get(f.source_file, set()) != expected.get(f.source_file, set()))
    present = set(expected) | {f.source_file for f in plan.to_process}
    orphans = (set(stored) | store.source_files(root, "measure_partners")) - present
    if not stale and not orphans:
        return plan
    return replace(plan, changed=plan.changed + stale, unchanged=tuple(f for f in plan.unchanged if f not in stale),
                   removed=tuple(sorted(set(plan.removed) | orphans)))


def crash_point(name: str) -> None:
    """Test instrumentation: ``TILTAK_CRASH_AT=<name>`` kills the process here with SIGKILL (tests/test_crash.py)."""
    if os.environ.get("TILTAK_CRASH_AT") == name:
        os.kill(os.getpid(), signal.SIGKILL)


def commit_run(settings: Settings, plan: ScanResult, results: list[FileResult], started_at: datetime,
               run_id: str | None = None) -> RunSummary:
    """Write every table that changed (one Delta commit each), errors, snapshots and the run row.

    Order matters for crash safety (the caller holds the run lock): measures, partners and errors first,
    documents last. The documents table is the manifest the next scan compares against, so a run killed
    before it leaves the files of this run "new" or "changed" and the next run redoes them (their rows
    are replaced, never duplicated). The run row travels in the documents commit's metadata too, and the
    next run appends it to ``runs`` if this run died before doing so. Snapshots are refreshed on every
    run, also one that commits nothing, so those a killed run left stale are rewritten."""
    run_id = run_id or uuid.uuid4().hex[:12]
    root = settings.out
    recover_run_row(root)
    drop = {f.source_file for f in plan.to_process} | set(plan.removed)
    failed = [r for r in results if r.error]
    versions: dict[str, int | None] = {}
    committed = bool(drop)
    touched = touched_rows(root, plan)
    counts = {"files_new": len(plan.new), "files_changed": len(plan.changed), "files_unchanged": len(plan.unchanged),
              "files_removed": len(plan.removed), "files_failed": len(failed)}
    if committed:
        versions = _commit_tables(root, drop, results, failed, _row_base(run_id, started_at, counts), touched)
    elif touched:  # only mtimes to store: the documents table, no run row
        state = store.replace_files(root, "documents", {d["source_file"] for d in touched}, touched)
        versions["documents"] = store.write_files(root, "documents", state, {d["source_file"] for d in touched})
    for name in SNAPSHOT_TABLES:
        versions.setdefault(name, store.table_version(root, name))
    summary = RunSummary(run_id, len(plan.new), len(plan.changed), len(plan.unchanged), len(plan.removed),
                         len(failed), versions, committed, [r.error for r in failed], theme_counts(root),
                         failing_files(root), plan.removal_held, tuple(f.source_file for f in plan.quarantined),
                         plan.upgraded, len(touched))
    if committed:
        crash_point("before-run-row")
        store.write_table(root, "runs", store.to_arrow([run_row(summary, started_at)], "runs"), mode="append")
        crash_point("after-run-row")
    store.refresh_snapshots(root, (*SNAPSHOT_TABLES, "runs"))
    return summary


def touched_rows(root: Path, plan: ScanResult) -> list[dict]:
    """Documents rows of unchanged files whose mtime changed (touched, copied over with the same bytes),
    with the new mtime: stored, the next scan recognises them by size + mtime without hashing."""
    if not plan.unchanged:
        return []
    stored = {d["source_file"]: d for d in store.read_arrow(root, "documents").to_pylist()}
    out = []
    for f in plan.unchanged:
        row = stored.get(f.source_file)
        if row is not None and row["mtime"] is not None and row["mtime"] != f.mtime:
            out.append({**row, "mtime": f.mtime, "size_bytes": f.size})
    return out


def lineage_changed(root: Path, measures: pa.Table, drop: set[str]) -> set[str]:
    """Source files outside ``drop`` with a row whose ``lineage_id`` the commit changes (a programme
    version aligned anew): their rows are rewritten too."""
    stored = store.read_arrow(root, "measures", ["measure_id", "source_file", "lineage_id"]).to_pylist()
    old = {(r["source_file"], r["measure_id"]): r["lineage_id"] for r in stored if r["source_file"] not in drop}
    new = zip(measures.column("source_file").to_pylist(), measures.column("measure_id").to_pylist(),
              measures.column("lineage_id").to_pylist())
    return {f for f, m, lin in new if f not in drop and old.get((f, m), lin) != lin}


def _commit_tables(root: Path, drop: set[str], results: list[FileResult], failed: list[FileResult],
                   row: dict, touched: list[dict] = ()) -> dict[str, int | None]:  # type: ignore[assignment]
    """The data tables first, the documents manifest last; returns the version each table reached.
    Each write replaces only the rows of the files it concerns (``store.write_files``)."""
    before = store.read_arrow(root, "measures", STORED_COLUMNS).to_pandas()
    before = before[before["source_file"].isin(drop)]
    touched_files = {d["source_file"] for d in touched} - drop
    docs = store.replace_files(root, "documents", drop | touched_files,
                               [r.document for r in results] + [d for d in touched if d["source_file"] in touched_files])
    measures = store.replace_files(root, "measures", drop, [m for r in results for m in r.measures])
    partners = store.replace_files(root, "measure_partners", drop, [p for r in results for p in r.partners])
    frame = assign_version_lineage(measures.to_pandas(), {r.source_file for r in results}, before)
    lineage = pa.array([str(x) for x in frame["lineage_id"]], pa.string())
    measures = measures.set_column(measures.schema.get_field_index("lineage_id"), "lineage_id", lineage)
    versions: dict[str, int | None] = {}
    crash_point("before-commit")
    versions["measures"] = store.write_files(root, "measures", measures, drop | lineage_changed(root, measures, drop))
    crash_point("after-measures")
    versions["measure_partners"] = store.write_files(root, "measure_partners", partners, drop)
    crash_point("after-partners")
    if failed:
        errors = store.to_arrow([{**r.error, "run_id": row["run_id"]} for r in failed], "errors")
        versions["errors"] = store.write_table(root, "errors", errors, mode="append")
        crash_point("after-errors")
    versions["errors"] = store.table_version(root, "errors")
    current = store.table_version(root, "documents")
    versions["documents"] = 0 if current is None else current + 1  # the caller holds the lock: the next one
    row = {**row, **{f"{k}_version": v for k, v in versions.items()}}
    versions["documents"] = store.write_files(root, "documents", docs, drop | touched_files,
                                              metadata={RUN_KEY: json.dumps(row, default=str)})
    crash_point("after-documents")
    return versions


def failing_files(root: Path) -> tuple[str, ...]:
    """Source files whose current documents row has status "error"."""
    docs = store.read_arrow(root, "documents", ["source_file", "status"]).to_pylist()
    return tuple(sorted(d["source_file"] for d in docs if d["status"] == "error"))


def theme_counts(root: Path) -> dict[str, int]:
    if not store.exists(root, "measures"):
        return {}
    return store.read_arrow(root, "measures", ["theme"]).to_pandas()["theme"].value_counts().to_dict()


def _row_base(run_id: str, started_at: datetime, counts: dict[str, int]) -> dict:
    return {"run_id": run_id, "started_at": started_at.isoformat(), "finished_at": datetime.now(timezone.utc).isoformat(),
            "pipeline_version": VERSION, "model_version": model_version(), **counts}


def run_row(summary: RunSummary, started_at: datetime) -> dict:
    """The runs row of a finished run."""
    return {"run_id": summary.run_id, "started_at": started_at, "finished_at": datetime.now(timezone.utc),
            "pipeline_version": VERSION, "model_version": model_version(), "files_new": summary.new,
            "files_changed": summary.changed, "files_unchanged": summary.unchanged, "files_removed": summary.removed,
            "files_failed": summary.failed, **{f"{k}_version": v for k, v in summary.versions.items()}}


def recover_run_row(root: Path) -> bool:
    """Append the runs row of a run that committed its documents but died before its runs row (its
    ``finished_at`` is then the time of the documents commit). Returns whether a row was added."""
    found = store.commit_metadata(root, "documents", RUN_KEY)
    if found is None:
        return False
    row = json.loads(found[1])
    runs = store.read_arrow(root, "runs", ["run_id"]).column("run_id").to_pylist()
    if row["run_id"] in runs:
        return False
    for key in ("started_at", "finished_at"):
        row[key] = datetime.fromisoformat(row[key])
    store.write_table(root, "runs", store.to_arrow([row], "runs"), mode="append")
    return True
