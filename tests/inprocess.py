"""One run without Prefect (the same library calls the flow makes, under the same lock): fast enough
for tests that need many runs. The real ``tiltak run`` is exercised in the slow tests."""
from __future__ import annotations

import uuid
from datetime import datetime, timezone
from pathlib import Path

from pipeline.config import Settings
from pipeline.store.lock import run_lock
from pipeline.run.process import process_file
from pipeline.run.commit import RunSummary, commit_run, plan_run


def run_once(raw: Path, out: Path, force: bool = False, **limits: object) -> RunSummary:
    """scan -> process each file -> commit, as ``flows.reprocess`` does; ``limits`` override Settings."""
    settings = Settings(raw=Path(raw), out=Path(out), **limits)  # type: ignore[arg-type]
    run_id = uuid.uuid4().hex[:12]
    started = datetime.now(timezone.utc)
    with run_lock(settings.out, timeout=60):
        plan = plan_run(settings, force)
        results = [process_file(state, run_id, settings) for state in plan.to_process]
        return commit_run(settings, plan, results, started, run_id)
