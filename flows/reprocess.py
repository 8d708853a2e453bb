"""The reprocess flow: scan raw/ -> per-file tasks (parse, segment, enrich) -> store -> report.

Only wiring: every step is a library function in ``pipeline``. The per-file tasks run where
``pipeline.run.runner`` says (one thread, threads feeding a spawn process pool, or a Dask cluster); the
scan, the store and the run lock stay in the flow process, so only it ever writes Delta tables.
"""
from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

from pipeline.schedule.prefect_settings import configure

configure()

from prefect import flow, task  # noqa: E402
from prefect.cache_policies import NO_CACHE  # noqa: E402
from prefect.utilities.annotations import quote  # noqa: E402

from functools import partial  # noqa: E402

from pipeline.run.cache import Plan, failed_in_worker, plan, process_cached  # noqa: E402
from pipeline.config import Settings  # noqa: E402
from pipeline.store.lock import run_lock  # noqa: E402
from pipeline.run.process import FileResult  # noqa: E402
from pipeline.report.build import build_report  # noqa: E402
from pipeline.run.runner import collect, file_runner, hard_timeout, offload  # noqa: E402
from pipeline.run.commit import RunSummary, commit_run  # noqa: E402
from pipeline.run.scan import FileState  # noqa: E402

FileCallback = Callable[[FileState, FileResult], None]
_on_file: list[FileCallback] = []


def on_file(callback: FileCallback | None) -> None:
    """Register a progress callback (the CLI's progress line per file); it runs in the flow process."""
    _on_file.clear()
    if callback:
        _on_file.append(callback)


def file_callbacks() -> list[FileCallback]:
    """The registered callbacks. The flow calls this function rather than naming ``_on_file``: Prefect
    pickles the flow function by value into worker processes, and a CLI closure does not pickle."""
    return list(_on_file)


@task(name="scan", cache_policy=NO_CACHE, persist_result=False)
def scan_task(settings: Settings, force: bool) -> Plan:
    return plan(settings, force)


@task(name="process-file", cache_policy=NO_CACHE, persist_result=False)
def process_task(state: FileState, run_id: str, version: str, cache_dir: Path | None,
                 settings: Settings) -> FileResult:
    return offload(process_cached, state, run_id, version, cache_dir, settings, timeout=hard_timeout(settings),
                   on_failure=partial(failed_in_worker, state, run_id, version))


@task(name="store", cache_policy=NO_CACHE, persist_result=False)
def store_task(settings: Settings, planned: Plan, results: list[FileResult], started: datetime,
               run_id: str) -> RunSummary:
    return commit_run(settings, planned.scan, results, started, run_id)


@task(name="report", cache_policy=NO_CACHE, persist_result=False)
def report_task(settings: Settings) -> Path | None:
    return build_report(settings.out)


@flow(name="tiltak-reprocess", log_prints=False)
def reprocess(raw: str = "raw", out: str = "processed", force: bool = False, workers: int | None = None,
              dask_address: str | None = None, allow_removal: bool | None = None) -> RunSummary:
    """One pass: process what is new or changed in ``raw`` and commit it to ``out``.

    ``workers``, ``dask_address`` and ``allow_removal`` override the settings (tiltak.toml) for this run.
    """
    import uuid

    settings = Settings.load(raw=Path(raw), out=Path(out), workers=workers, dask_address=dask_address,
                             allow_removal=allow_removal or None)
    started = datetime.now(timezone.utc)
    run_id = uuid.uuid4().hex[:12]
    with run_lock(settings.out, settings.lock_timeout_seconds):
        planned = scan_task(settings, force)
        files = planned.to_process
        with file_runner(settings, len(files)) as runner:
            futures = [runner.submit(process_task, parameters=dict(
                state=f, run_id=run_id, version=planned.version, cache_dir=planned.cache_dir, settings=settings))
                for f in files]
            results = collect(futures, files, file_callbacks(),
                              on_failure=lambda f, error: failed_in_worker(f, run_id, planned.version, error))
        # quote: Prefect would otherwise walk every measure row of every result looking for futures
        # (tens of seconds for a 200-file corpus); the task receives the plain list
        summary = store_task(settings, planned, quote(results), started, run_id)
    if summary.committed and settings.write_report:
        report_task(settings)
    return summary
