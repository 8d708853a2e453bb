"""`tiltak serve`: the reprocess flow as a scheduled Prefect deployment.

Schedules need a real Prefect server (the embedded one does not run them). When ``PREFECT_API_URL``
is set, that server is used; otherwise a local ``prefect server start`` is started for the lifetime of
the command, with its state in ``<out>/.prefect``, and stopped again on Ctrl-C or SIGTERM.

At most one run goes at a time: the runner takes one run at a time (``limit=1``) and the deployment
has a concurrency limit of 1 that cancels a run falling due while another is going (another
``tiltak serve`` or a worker serving the same deployment included).
"""
from __future__ import annotations

import os
import re
import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from types import FrameType
from typing import Any
from uuid import UUID

from pipeline.errors import TiltakError

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}

FLOW_NAME = "tiltak-reprocess"
DEPLOYMENT_NAME = "tiltak-reprocess"
DEFAULT_INTERVAL = "10m"
PREFECT_DIR = ".prefect"
"""The local server's home (database, log) inside the output folder: ``<out>/.prefect``."""


def parse_interval(text: str) -> timedelta:
    """'10m' -> 10 minutes; '30s', '1h', '2d'; a bare number is seconds."""
    m = re.fullmatch(r"\s*(\d+)\s*([smhd]?)\s*", text or "")
    if not m:
        raise TiltakError(f"cannot read interval {text!r}", "use e.g. 30s, 10m, 1h")
    return timedelta(seconds=int(m[1]) * _UNITS[m[2] or "s"])


_CRON_FIELDS = ((0, 59, ()), (0, 23, ()), (1, 31, ()),
                (1, 12, ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")),
                (0, 7, ("sun", "mon", "tue", "wed", "thu", "fri", "sat")))
_CRON_MACROS = ("@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly")


def valid_cron(expr: str) -> bool:
    """A five-field cron expression (``*/10 * * * *``, ``0 6 * * mon-fri``) or a macro (``@daily``),
    checked without importing prefect (whose settings must wait for PREFECT_API_URL)."""
    fields = expr.strip().lower().split()
    if len(fields) == 1 and fields[0] in _CRON_MACROS:
        return True
    return len(fields) == 5 and all(_valid_cron_field(f, *spec) for f, spec in zip(fields, _CRON_FIELDS))


def _valid_cron_field(field: str, low: int, high: int, names: tuple[str, ...]) -> bool:
    def value(token: str) -> int | None:
        if token.isdigit():
            return int(token)
        return (names.index(token) + low) if token in names else None

    for item in field.split(","):
        base, _, step = item.partition("/")
        if step and not (step.isdigit() and int(step) > 0):
            return False
        if base == "*" or (base == "l" and high == 31):
            continue
        if high == 7 and ("#" in base or base.endswith("l")):  # 5#3 (third Friday), 5l (last Friday)
            base = base.split("#")[0].rstrip("l")
        ends = [value(t) for t in base.split("-")]
        if len(ends) > 2 or any(v is None or not low <= v <= high for v in ends):
            return False
    return True


def schedule_kwargs(interval: str | None = None, cron: str | None = None) -> dict[str, Any]:
    """The schedule as keyword arguments for Prefect's ``add_flow``: ``{"interval": timedelta}``
    or ``{"cron": str}``; 10 minutes when neither is given."""
    if interval and cron:
        raise TiltakError("give either --interval or --cron, not both", "drop one of them")
    if cron:
        if not valid_cron(cron):
            raise TiltakError(f"cannot read cron expression {cron!r}",
                              'use five fields (minute hour day month weekday), e.g. "*/10 * * * *"')
        return {"cron": cron.strip()}
    every = parse_interval(interval or DEFAULT_INTERVAL)
    if every.total_seconds() < 1:
        raise TiltakError(f"interval {interval!r} is zero", "use e.g. 30s, 10m, 1h")
    return {"interval": every}


def serve(raw: Path, out: Path, interval: str | None = None, cron: str | None = None,
          echo: Callable[[str], None] | None = None) -> int:
    """Serve the reprocess flow on a schedule until Ctrl-C or SIGTERM; returns the exit code (0).

    Uses the Prefect server in ``PREFECT_API_URL`` if set, else starts (and finally stops) a local
    one on a free port on 127.0.0.1. ``echo`` receives the lines telling where the UI is.
    """
    say = echo or _print
    schedule = schedule_kwargs(interval, cron)
    raw, out = Path(raw).resolve(), Path(out).resolve()
    if not raw.is_dir():
        raise TiltakError(f"the drop folder {raw} does not exist", "create it or pass --raw")
    out.mkdir(parents=True, exist_ok=True)

    from pipeline.schedule.prefect_settings import configure

    configure()
    external = os.environ.get("PREFECT_API_URL")
    if external:
        _check_reachable(external)
    with _sigterm_as_interrupt():
        try:
            if external:
                _serve_flow(raw, out, schedule, say, pause_on_shutdown=True)
            else:
                _serve_with_local_server(raw, out, schedule, say)
        except KeyboardInterrupt:
            pass
    say("tiltak serve stopped")
    return 0


def _serve_with_local_server(raw: Path, out: Path, schedule: dict[str, Any],
                             say: Callable[[str], None]) -> None:
    from pipeline.schedule.server import local_server

    home = out / PREFECT_DIR
    say(f"starting a local Prefect server (state in {home}) ...")
    # The serving process must know the server before prefect reads its settings (first import).
    saved = {key: os.environ.get(key) for key in ("PREFECT_API_URL", "PREFECT_HOME")}
    try:
        with local_server(home) as server:
            os.environ["PREFECT_API_URL"] = server.api_url
            os.environ.setdefault("PREFECT_HOME", str(home))
            try:
                # nothing to pause: the server goes away with us
                _serve_flow(raw, out, schedule, say, pause_on_shutdown=False)
            finally:
                _ignore_stop_signals()  # stopping the server must not be cut short by a second signal
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def _serve_flow(raw: Path, out: Path, schedule: dict[str, Any], say: Callable[[str], None],
                pause_on_shutdown: bool) -> None:
    """Create the deployment and run its runner until stopped (blocks). ``pause_on_shutdown``: pause
    the schedule when stopping, so a shared server does not pile up late runs while nobody serves."""
    import asyncio

    from prefect.client.schemas.objects import ConcurrencyLimitConfig, ConcurrencyLimitStrategy
    from prefect.deployments.runner import EntrypointType
    from prefect.runner import Runner
    from prefect.settings import PREFECT_API_URL, PREFECT_UI_URL

    from flows.reprocess import reprocess

    api_url = PREFECT_API_URL.value()
    interval = schedule.get("interval")
    poll = max(1.0, min(10.0, interval.total_seconds() / 2)) if interval else 10.0
    runner = Runner(name=f"tiltak-serve-{os.getpid()}", query_seconds=poll, limit=1,
                    pause_on_shutdown=pause_on_shutdown)
    try:
        deployment_id = runner.add_flow(
            reprocess, name=DEPLOYMENT_NAME, parameters={"raw": str(raw), "out": str(out)},
            concurrency_limit=ConcurrencyLimitConfig(limit=1,
                                                     collision_strategy=ConcurrencyLimitStrategy.CANCEL_NEW),
            entrypoint_type=EntrypointType.MODULE_PATH, paused=False,
            description=f"tiltak reprocess: {raw} -> {out}", **schedule)
    except ValueError as exc:  # pydantic: a schedule Prefect does not accept
        when = schedule.get("cron") or schedule.get("interval")
        raise TiltakError(f"Prefect refused the schedule {when!s}",
                          'use e.g. --interval 10m or --cron "*/10 * * * *"; --debug shows why') from exc
    _run_now(deployment_id)  # a schedule's first run may be a whole interval away
    when = f"cron {schedule['cron']!r}" if "cron" in schedule else f"every {_human(interval)}"
    ui = PREFECT_UI_URL.value()
    say(f"serving {FLOW_NAME}/{DEPLOYMENT_NAME} now and {when}: {raw} -> {out}")
    say(f"Prefect API: {api_url}")
    if ui:
        say(f"Prefect UI:  {ui}/deployments/deployment/{deployment_id}")
    say(f"run now: prefect deployment run '{FLOW_NAME}/{DEPLOYMENT_NAME}'   stop: Ctrl-C")
    asyncio.run(runner.start())


def _run_now(deployment_id: UUID) -> None:
    """Drop scheduled runs left overdue while nobody served (they would run back to back) and start
    one run now instead."""
    from datetime import datetime, timezone

    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import (DeploymentFilter, DeploymentFilterId, FlowRunFilter,
                                                FlowRunFilterExpectedStartTime, FlowRunFilterState,
                                                FlowRunFilterStateType)
    from prefect.client.schemas.objects import StateType

    scheduled = FlowRunFilterState(type=FlowRunFilterStateType(any_=[StateType.SCHEDULED]))
    overdue = FlowRunFilter(state=scheduled,
                            expected_start_time=FlowRunFilterExpectedStartTime(before_=datetime.now(timezone.utc)))
    this = DeploymentFilter(id=DeploymentFilterId(any_=[deployment_id]))
    with get_client(sync_client=True) as client:
        for run in client.read_flow_runs(flow_run_filter=overdue, deployment_filter=this, limit=200):
            client.delete_flow_run(run.id)
        client.create_flow_run_from_deployment(deployment_id, tags=["on-start"])


def _check_reachable(api_url: str) -> None:
    from pipeline.schedule.server import is_healthy

    if not is_healthy(api_url, timeout=10.0):
        raise TiltakError(f"no Prefect server answers at {api_url}", "start it (`prefect server start`), "
                          "fix PREFECT_API_URL, or unset it to get a local server")


def _human(delta: timedelta | None) -> str:
    seconds = int(delta.total_seconds()) if delta else 0
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds and seconds % size == 0:
            return f"{seconds // size}{unit}"
    return f"{seconds}s"


def _print(line: str) -> None:
    print(line, flush=True)


def _raise_interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt(f"signal {signum}")


@contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    """SIGTERM (systemd, kill) behaves like Ctrl-C: a clean shutdown; handlers restored after."""
    if threading.current_thread() is not threading.main_thread():
        yield  # signals reach the main thread only; its owner handles them
        return
    previous = {sig: signal.getsignal(sig) for sig in (signal.SIGTERM, signal.SIGINT)}
    signal.signal(signal.SIGTERM, _raise_interrupt)
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _ignore_stop_signals() -> None:
    if threading.current_thread() is not threading.main_thread():
        return
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
