"""Two guards of a run's plan: the mass-removal guard and the quarantine of poison files.

- **Mass removal**: an unmounted network share looks exactly like an emptied ``raw/``. A scan that
  would remove every known file, or more than half of them at once, removes none of them unless the
  run is told to (``allow_removal``); the files stay in the tables and the run says so
  (``ScanResult.removal_held``).
- **Quarantine**: a file whose worker process died or was killed (stage "worker") is retried by the
  next run; once its newest ``quarantine_after`` error rows for the same bytes (sha256) are all worker
  failures of the same kind, it is skipped (``ScanResult.quarantined``) until its bytes change.
"""
from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timezone
from typing import Iterable

from pipeline.run.scan import ScanResult

WORKER_STAGE = "worker"
REMOVAL_SHARE = 0.5
"""A run may remove at most this share of the known files at once without ``allow_removal``."""


def is_mass_removal(n_removed: int, n_known: int) -> bool:
    """All known files, or more than half of them, at once."""
    return n_removed > 0 and (n_removed >= n_known or n_removed > REMOVAL_SHARE * n_known)


def hold_mass_removal(plan: ScanResult, n_known: int, allow: bool) -> ScanResult:
    """``plan`` with its removals held back when they are a mass removal and ``allow`` is false."""
    if allow or not is_mass_removal(len(plan.removed), n_known):
        return plan
    return replace(plan, removed=(), removal_held=plan.removed)


def worker_streaks(errors: Iterable[dict]) -> dict[str, tuple[str, int]]:
    """sha256 -> (error_type, n): the newest ``n`` error rows of those bytes are all worker failures
    of ``error_type`` (n = 0 when the newest row is not a worker failure)."""
    oldest = datetime.min.replace(tzinfo=timezone.utc)
    by_sha: dict[str, list[dict]] = {}
    for row in errors:
        if row.get("sha256"):
            by_sha.setdefault(row["sha256"], []).append(row)
    out: dict[str, tuple[str, int]] = {}
    for sha, rows in by_sha.items():
        rows.sort(key=lambda r: r.get("occurred_at") or oldest, reverse=True)
        kind, n = rows[0].get("error_type") or "", 0
        for row in rows:
            if row.get("stage") != WORKER_STAGE or row.get("error_type") != kind:
                break
            n += 1
        out[sha] = (kind, n)
    return out


def quarantine(plan: ScanResult, errors: Iterable[dict], after: int) -> ScanResult:
    """Move files to process whose bytes killed their worker ``after`` times in a row out of the plan."""
    if after <= 0:
        return plan
    streaks = worker_streaks(errors)

    def poisoned(f) -> bool:  # noqa: ANN001
        return bool(f.sha256) and streaks.get(f.sha256, ("", 0))[1] >= after

    held = tuple(f for f in plan.to_process if poisoned(f))
    if not held:
        return plan
    return replace(plan, new=tuple(f for f in plan.new if f not in held),
                   changed=tuple(f for f in plan.changed if f not in held), quarantined=held)
