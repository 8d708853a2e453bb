"""The reprocess flow: scan raw/ -> per-file tasks (parse, segment, enrich) -> store -> report.

Only wiring: every step is a library function in ``pipeline``.
"""
from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

from pipeline.prefect_env import configure

configure()

from prefect import flow, task  # noqa: E402

from pipeline.config import Settings  # noqa: E402
from pipeline.lock import run_lock  # noqa: E402
from pipeline.process import FileResult, process_file  # noqa: E402
from pipeline.report.build import build_report  # noqa: E402
from pipeline.runs import RunSummary, commit_run, plan_run  # noqa: E402
from pipeline.scan import FileState, ScanResult  # noqa: E402

FileCallback = Callable[[FileState, FileResult], None]
_on_file: list[FileCallback] = []


def on_file(callback: FileCallback | None) -> None:
    """Register a progress callback (the CLI's progress line per file)."""
    _on_file.clear()
    if callback:
        _on_file.append(callback)


@task(name="scan")
def scan_task(settings: Settings, force: bool) -> ScanResult:
    return plan_run(settings, force)


@task(name="process-file")
def process_task(state: FileState, run_id: str) -> FileResult:
    result = process_file(state, run_id)
    for callback in _on_file:
        callback(state, result)
    return result


@task(name="store")
def store_task(settings: Settings, plan: ScanResult, results: list[FileResult], started: datetime,
               run_id: str) -> RunSummary:
    return commit_run(settings, plan, results, started, run_id)


@task(name="report")
def report_task(settings: Settings) -> Path | None:
    return build_report(settings.out)


@flow(name="tiltak-reprocess", log_prints=False)
def reprocess(raw: str = "raw", out: str = "processed", force: bool = False) -> RunSummary:
    """One pass: process what is new or changed in ``raw`` and commit it to ``out``."""
    import uuid

    settings = Settings.load(raw=Path(raw), out=Path(out))
    started = datetime.now(timezone.utc)
    run_id = uuid.uuid4().hex[:12]
    with run_lock(settings.out, settings.lock_timeout_seconds):
        plan = scan_task(settings, force)
        results = [process_task(state, run_id) for state in plan.to_process]
        summary = store_task(settings, plan, results, started, run_id)
    if summary.committed and settings.write_report:
        report_task(settings)
    return summary
