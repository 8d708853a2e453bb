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
from pipeline.schedule.watch import DEFAULT_QUIET_SECONDS

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
        raise TiltakError(f"forstår ikke intervallet {text!r}", "bruk f.eks. 30s, 10m, 1h")
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
        raise TiltakError("gi enten --interval eller --cron, ikke begge", "fjern en av dem")
    if cron:
        if not valid_cron(cron):
            raise TiltakError(f"forstår ikke cron-uttrykket {cron!r}",
                              'bruk fem felt (minutt time dag måned ukedag), f.eks. "*/10 * * * *"')
        return {"cron": cron.strip()}
    every = parse_interval(interval or DEFAULT_INTERVAL)
    if every.total_seconds() < 1:
        raise TiltakError(f"intervallet {interval!r} er null", "bruk f.eks. 30s, 10m, 1h")
    return {"interval": every}


def serve(raw: Path, out: Path, interval: str | None = None, cron: str | None = None,
          echo: Callable[[str], None] | None = None, watch: bool = False,
          quiet_seconds: float | None = None) -> int:
    """Serve the reprocess flow on a schedule until Ctrl-C or SIGTERM; returns the exit code (0).

    Uses the Prefect server in ``PREFECT_API_URL`` if set, else starts (and finally stops) a local
    one on a free port on 127.0.0.1. ``echo`` receives the lines telling where the UI is. ``watch``:
    also start a run ``quiet_seconds`` (default 3) after the last change in ``raw`` (see watch.py).
    """
    say = echo or _print
    schedule = schedule_kwargs(interval, cron)
    if quiet_seconds is not None and not (0 <= quiet_seconds <= 3600):
        raise TiltakError(f"--quiet-seconds {quiet_seconds} er utenfor 0-3600", "bruk f.eks. 3")
    watching = (quiet_seconds if quiet_seconds is not None else DEFAULT_QUIET_SECONDS) if watch else None
    raw, out = Path(raw).resolve(), Path(out).resolve()
    if not raw.is_dir():
        raise TiltakError(f"slippmappen {raw} finnes ikke", "opprett den eller gi --raw")
    out.mkdir(parents=True, exist_ok=True)

    from pipeline.schedule.prefect_settings import configure

    configure()
    external = os.environ.get("PREFECT_API_URL")
    if external:
        _check_reachable(external)
    with _sigterm_as_interrupt():
        try:
            if external:
                _serve_flow(raw, out, schedule, say, pause_on_shutdown=True, watching=watching)
            else:
                _serve_with_local_server(raw, out, schedule, say, watching)
        except KeyboardInterrupt:
            pass
    say("tiltak serve stoppet")
    return 0


def _serve_with_local_server(raw: Path, out: Path, schedule: dict[str, Any],
                             say: Callable[[str], None], watching: float | None = None) -> None:
    from pipeline.schedule.server import local_server

    home = out / PREFECT_DIR
    say(f"starter en lokal Prefect-server (tilstand i {home}) ...")
    # The serving process must know the server before prefect reads its settings (first import).
    saved = {key: os.environ.get(key) for key in ("PREFECT_API_URL", "PREFECT_HOME")}
    try:
        with local_server(home) as server:
            os.environ["PREFECT_API_URL"] = server.api_url
            os.environ.setdefault("PREFECT_HOME", str(home))
            try:
                # nothing to pause: the server goes away with us
                _serve_flow(raw, out, schedule, say, pause_on_shutdown=False, watching=watching)
            finally:
                _ignore_stop_signals()  # stopping the server must not be cut short by a second signal
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def _serve_flow(raw: Path, out: Path, schedule: dict[str, Any], say: Callable[[str], None],
                pause_on_shutdown: bool, watching: float | None = None) -> None:
    """Create the deployment and run its runner until stopped (blocks). ``pause_on_shutdown``: pause
    the schedule when stopping, so a shared server does not pile up late runs while nobody serves.
    ``watching``: the quiet seconds of ``--watch`` (None: no watching)."""
    import asyncio

    from prefect.client.schemas.objects import ConcurrencyLimitConfig, ConcurrencyLimitStrategy
    from prefect.deployments.runner import EntrypointType
    from prefect.runner import Runner
    from prefect.settings import PREFECT_API_URL, PREFECT_UI_URL

    from flows.reprocess import reprocess

    api_url = PREFECT_API_URL.value()
    interval = schedule.get("interval")
    poll = max(1.0, min(10.0, interval.total_seconds() / 2)) if interval else 10.0
    if watching is not None:
        poll = 1.0  # a run asked for by the watcher starts within a second
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
        raise TiltakError(f"Prefect avviste tidsplanen {when!s}",
                          'bruk f.eks. --interval 10m eller --cron "*/10 * * * *"; --debug viser hvorfor') from exc
    _run_now(deployment_id)  # a schedule's first run may be a whole interval away
    when = f"cron {schedule['cron']!r}" if "cron" in schedule else f"hvert {_human(interval)}"
    ui = PREFECT_UI_URL.value()
    say(f"kjører {FLOW_NAME}/{DEPLOYMENT_NAME} nå og {when}: {raw} -> {out}")
    if watching is not None:
        say(f"følger {raw}: en kjøring starter {watching:g} s etter siste endring (tidsplanen er reserve)")
    say(f"Prefect API: {api_url}")
    if ui:
        say(f"Prefect UI:  {ui}/deployments/deployment/{deployment_id}")
    say(f"kjør nå: prefect deployment run '{FLOW_NAME}/{DEPLOYMENT_NAME}'   stopp: Ctrl-C")
    stop = threading.Event()
    watcher = _start_watcher(raw, deployment_id, watching, stop, say) if watching is not None else None
    try:
        asyncio.run(runner.start())
    finally:
        stop.set()
        if watcher is not None:
            watcher.join(timeout=10)


def _start_watcher(raw: Path, deployment_id: UUID, quiet: float, stop: threading.Event,
                   say: Callable[[str], None]) -> threading.Thread:
    """The watch loop of ``--watch`` in a daemon thread: asks the server for a run of the deployment."""
    from pipeline.schedule.watch import watch

    def start_run(paths: list[str]) -> None:
        from prefect.client.orchestration import get_client

        names = ", ".join(Path(p).name for p in paths[:3]) + (f" (+{len(paths) - 3})" if len(paths) > 3 else "")
        with get_client(sync_client=True) as client:
            client.create_flow_run_from_deployment(deployment_id, tags=["watch"])
        say(f"endret i {raw.name}: {names} -> ny kjøring")

    thread = threading.Thread(target=watch, name="tiltak-watch", daemon=True, kwargs=dict(
        raw=raw, start_run=start_run, busy=lambda: _run_active(deployment_id), stop=stop, quiet=quiet,
        on_error=lambda exc: say(f"klarte ikke å starte en kjøring: {exc} (prøver igjen)")))
    thread.start()
    return thread


def _run_active(deployment_id: UUID) -> bool:
    """A run of the deployment is pending, running, or scheduled to start by now."""
    from datetime import datetime, timezone

    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import (DeploymentFilter, DeploymentFilterId, FlowRunFilter,
                                                FlowRunFilterState, FlowRunFilterStateType)
    from prefect.client.schemas.objects import StateType

    active = FlowRunFilterState(type=FlowRunFilterStateType(any_=[
        StateType.PENDING, StateType.RUNNING, StateType.CANCELLING, StateType.SCHEDULED]))
    this = DeploymentFilter(id=DeploymentFilterId(any_=[deployment_id]))
    now = datetime.now(timezone.utc)
    with get_client(sync_client=True) as client:
        runs = client.read_flow_runs(flow_run_filter=FlowRunFilter(state=active), deployment_filter=this, limit=50)
    return any(r.state_type != StateType.SCHEDULED or (r.expected_start_time and r.expected_start_time <= now)
               for r in runs)


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
        raise TiltakError(f"ingen Prefect-server svarer på {api_url}", "start den (`prefect server start`), "
                          "rett PREFECT_API_URL, eller fjern den for å få en lokal server")


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
