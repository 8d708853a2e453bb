"""`tiltak serve`: the reprocess flow as a scheduled Prefect deployment.

Schedules need a real Prefect server (the embedded one does not run them): set PREFECT_API_URL to
one, e.g. after `prefect server start`.
"""
from __future__ import annotations

import os
import re
from datetime import timedelta
from pathlib import Path

from .errors import TiltakError

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_interval(text: str) -> timedelta:
    """'10m' -> 10 minutes; '30s', '1h', '2d'; a bare number is seconds."""
    m = re.fullmatch(r"\s*(\d+)\s*([smhd]?)\s*", text or "")
    if not m:
        raise TiltakError(f"cannot read interval {text!r}", "use e.g. 30s, 10m, 1h")
    return timedelta(seconds=int(m[1]) * _UNITS[m[2] or "s"])


def serve(raw: Path, out: Path, interval: str | None = None, cron: str | None = None) -> int:
    """Serve the flow on a schedule until interrupted."""
    if not os.environ.get("PREFECT_API_URL"):
        raise TiltakError("scheduling needs a Prefect server, and PREFECT_API_URL is not set",
                          "start one with `prefect server start` and set PREFECT_API_URL=http://127.0.0.1:4200/api")
    from flows.reprocess import reprocess

    schedule = {"cron": cron} if cron else {"interval": parse_interval(interval or "10m")}
    reprocess.serve(name="tiltak-reprocess", parameters={"raw": str(raw), "out": str(out)},
                    limit=1, **schedule)
    return 0
