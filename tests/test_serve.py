"""`tiltak serve` on a real Prefect server: files dropped into raw/ are picked up on schedule, runs are
recorded in the Prefect API, SIGTERM leaves no process behind, and an existing server is reused.

The integration tests start subprocesses (server ~10-20 s, each flow run ~6 s here); they never set
PREFECT_API_URL in this process's environment (other tests use prefect_test_harness): the children
get their own env, and the read-back uses ``temporary_settings``.
"""
from __future__ import annotations

import asyncio
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import NamedTuple

import pytest

from pipeline.errors import TiltakError
from pipeline.schedule.prefect_settings import DEFAULTS
from pipeline.schedule.serve import DEPLOYMENT_NAME, parse_interval, schedule_kwargs

from .conftest import SEED

linux_only = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads the process tree from /proc")

PICKUP_SECONDS = 30
SECOND_FILE = """Handlingsprogram 2026 - notater fra arbeidsmøte om klima, 14. oktober 2025

Klima og miljø
* Etablere et felles klimaregnskap for alle kommunene i regionen innen 2026.
* Utrede felles innkjøp av utslippsfrie anleggsmaskiner sammen med Akershus fylkeskommune.

Næring
* Styrke samarbeidet med Oslo Business Region om veiledning for nye bedrifter.
"""


# --- fast unit tests ------------------------------------------------------------------------------

def test_parse_interval() -> None:
    assert parse_interval("10m").total_seconds() == 600
    assert parse_interval("5s").total_seconds() == 5
    assert parse_interval("90").total_seconds() == 90
    with pytest.raises(TiltakError):
        parse_interval("ten minutes")


def test_schedule_kwargs() -> None:
    assert schedule_kwargs(None, None)["interval"].total_seconds() == 600
    assert schedule_kwargs(None, "*/10 * * * *") == {"cron": "*/10 * * * *"}
    assert schedule_kwargs(None, "0 6 * * mon-fri") == {"cron": "0 6 * * mon-fri"}
    for interval, cron in (("5m", "* * * * *"), ("0s", None), (None, "every ten minutes"), (None, "99 * * * *"),
                           (None, "0 24 * * *")):
        with pytest.raises(TiltakError):
            schedule_kwargs(interval, cron)


def test_run_uses_the_server_serve_announced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import http.server
    import threading

    from pipeline.schedule import server

    class Health(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            self.send_response(200 if self.path == "/api/health" else 404)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    httpd = http.server.HTTPServer(("127.0.0.1", 0), Health)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    api = f"http://127.0.0.1:{httpd.server_address[1]}/api"
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    try:
        assert server.use_running_server(tmp_path) is None  # nothing announced: the embedded server
        (tmp_path / server.ANNOUNCEMENT).write_text("{not json", encoding="utf-8")
        assert server.announced_server(tmp_path) is None
        with server._announced(tmp_path, api):
            assert server.use_running_server(tmp_path) == api and os.environ["PREFECT_API_URL"] == api
            monkeypatch.setenv("PREFECT_API_URL", "http://elsewhere:4200/api")
            assert server.use_running_server(tmp_path) == "http://elsewhere:4200/api"  # the user's choice wins
        assert not (tmp_path / server.ANNOUNCEMENT).exists()
    finally:
        httpd.shutdown()
        httpd.server_close()
    (tmp_path / server.ANNOUNCEMENT).write_text(json.dumps({"api_url": api, "pid": 1}), encoding="utf-8")
    assert server.announced_server(tmp_path) is None  # announced, but no longer answering


def test_embedded_server_starts_answers_and_stops(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`tiltak run`'s early embedded server: PREFECT_API_URL points at it while inside, it answers /health,
    and it is gone (and the variable restored) after."""
    from pipeline.schedule import server

    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    monkeypatch.setenv("PREFECT_HOME", str(tmp_path / "home"))
    with server.embedded_server() as embedded:
        assert os.environ["PREFECT_API_URL"] == embedded.api_url
        embedded.wait()
        assert server.is_healthy(embedded.api_url)
    assert "PREFECT_API_URL" not in os.environ
    assert embedded.process.poll() is not None and not server.is_healthy(embedded.api_url, timeout=0.5)


def test_serve_rejects_unreachable_server(tmp_path: Path) -> None:
    """PREFECT_API_URL pointing nowhere: one line with a hint, no server started."""
    (tmp_path / "raw").mkdir()
    env = _child_env(tmp_path / "home", api_url=f"http://127.0.0.1:{_free_port()}/api")
    done = subprocess.run(_tiltak("serve", "--raw", str(tmp_path / "raw"), "--out", str(tmp_path / "out")),
                          env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert "ingen Prefect-server svarer" in done.stderr and "Traceback" not in done.stderr


# --- helpers --------------------------------------------------------------------------------------

def _tiltak(*args: str) -> list[str]:
    script = Path(sys.executable).with_name("tiltak")
    return [str(script), *args] if script.exists() else [sys.executable, "-m", "pipeline.cli", *args]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _port_free(port: int) -> bool:
    with socket.socket() as sock:
        if sock.connect_ex(("127.0.0.1", port)) == 0:
            return False
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def _child_env(home: Path, api_url: str | None = None) -> dict[str, str]:
    """The test's env for a child: own PREFECT_HOME, quiet Prefect, and PREFECT_API_URL only if given."""
    env = {k: v for k, v in os.environ.items() if k not in ("PREFECT_API_URL", "PREFECT_API_KEY", "PREFECT_PROFILE")}
    env.update(DEFAULTS)
    env.update({"PREFECT_HOME": str(home), "PYTHONUNBUFFERED": "1"})
    if api_url:
        env["PREFECT_API_URL"] = api_url
    return env


class Proc(NamedTuple):
    ppid: int
    started: int  # clock ticks after boot: with the pid, a process's identity (pids are reused)
    cmd: str


Key = tuple[int, int]  # (pid, started)


def _processes() -> dict[int, Proc]:
    """pid -> Proc for every live process we can read."""
    table: dict[int, Proc] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace").strip()
        except OSError:
            continue
        fields = stat[stat.rfind(")") + 2:].split()
        if fields[0] != "Z":  # a zombie is already dead
            table[int(entry.name)] = Proc(int(fields[1]), int(fields[19]), cmdline)
    return table


def _descendants(pid: int) -> dict[Key, str]:
    table = _processes()
    found: dict[Key, str] = {}
    todo = [pid]
    while todo:
        parent = todo.pop()
        for child, proc in table.items():
            if proc.ppid == parent and (child, proc.started) not in found:
                found[(child, proc.started)] = proc.cmd
                todo.append(child)
    return found


def _alive(keys: Iterable[Key]) -> dict[Key, str]:
    table = _processes()
    return {(pid, started): table[pid].cmd for pid, started in keys
            if pid in table and table[pid].started == started}


def _using(folder: Path) -> dict[Key, str]:
    """Live processes whose environment mentions ``folder`` (serve, its server and flow runs all carry
    the test's PREFECT_HOME or out folder): catches what a snapshot of the process tree missed."""
    needle = str(folder).encode()
    found: dict[Key, str] = {}
    for pid, proc in _processes().items():
        try:
            environ = Path(f"/proc/{pid}/environ").read_bytes()
        except OSError:
            continue
        if needle in environ and pid != os.getpid():
            found[(pid, proc.started)] = proc.cmd
    return found


def _wait_gone(keys: Iterable[Key], timeout: float = 10) -> dict[Key, str]:
    """The processes of ``keys`` still alive after ``timeout`` seconds (a killed run may take a moment)."""
    deadline = time.monotonic() + timeout
    while (alive := _alive(keys)) and time.monotonic() < deadline:
        time.sleep(0.2)
    return alive


def _is_server(cmd: str) -> bool:
    return "server start" in cmd or "uvicorn" in cmd


class Serve:
    """A `tiltak serve` subprocess; ``close()`` kills it and everything it started, whatever happened."""

    def __init__(self, tmp: Path, raw: Path, out: Path, api_url: str | None = None, interval: str = "5s",
                 extra: tuple[str, ...] = ()) -> None:
        self.tmp = tmp
        self.log = tmp / "serve.log"
        self.known: dict[Key, str] = {}
        with open(self.log, "wb") as log:
            self.process = subprocess.Popen(
                _tiltak("serve", "--interval", interval, "--raw", str(raw), "--out", str(out), *extra),
                env=_child_env(tmp / "home", api_url), stdin=subprocess.DEVNULL, stdout=log,
                stderr=subprocess.STDOUT, start_new_session=True)

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def wait_ready(self, timeout: float = 120) -> str:
        """Wait for the 'Prefect API:' line; returns the API URL serve uses."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if m := re.search(r"Prefect API: (\S+)", self.output()):
                return m[1]
            assert self.process.poll() is None, f"tiltak serve exited early:\n{self.output()}"
            time.sleep(0.3)
        raise AssertionError(f"tiltak serve not ready in {timeout} s:\n{self.output()}")

    def descendants(self) -> dict[Key, str]:
        found = _descendants(self.process.pid)
        self.known.update(found)
        return found

    def terminate(self, timeout: float = 45) -> int:
        self.descendants()
        self.process.send_signal(signal.SIGTERM)
        return self.process.wait(timeout)

    def close(self) -> None:
        self.known.update(_using(self.tmp))
        if self.process.poll() is None:
            self.descendants()
            for sig, wait in ((signal.SIGTERM, 20), (signal.SIGKILL, 5)):
                self.process.send_signal(sig)
                try:
                    self.process.wait(wait)
                    break
                except subprocess.TimeoutExpired:
                    pass
        self.known.update(_using(self.tmp))
        for pid, _ in _alive(self.known):  # only processes that are still the ones serve started
            for kill in (os.killpg, os.kill):  # the server and flow runs lead their own groups
                try:
                    kill(pid, signal.SIGKILL)
                except OSError:
                    pass


@pytest.fixture
def serve_factory(tmp_path: Path) -> Iterator[object]:
    started: list[Serve] = []

    def start(raw: Path, out: Path, api_url: str | None = None, interval: str = "5s",
              extra: tuple[str, ...] = ()) -> Serve:
        started.append(Serve(tmp_path, raw, out, api_url, interval, extra))
        return started[-1]

    yield start
    for proc in started:
        proc.close()


@pytest.fixture(scope="module")
def prefect_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`prefect server start` on a free port, shared by the module; yields its API URL."""
    home = tmp_path_factory.mktemp("prefect-server")
    port = _free_port()
    api = f"http://127.0.0.1:{port}/api"
    log = open(home / "server.log", "wb")
    proc = subprocess.Popen([sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1",
                             "--port", str(port)], env=_child_env(home), stdin=subprocess.DEVNULL,
                            stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while not _healthy(api):
            assert proc.poll() is None and time.monotonic() < deadline, (home / "server.log").read_text()
            time.sleep(0.3)
        yield api
    finally:
        for sig in (signal.SIGTERM, signal.SIGKILL):
            try:
                os.killpg(proc.pid, sig)
                proc.wait(15)
            except (OSError, subprocess.TimeoutExpired):
                continue
        log.close()


def _healthy(api: str) -> bool:
    try:
        with urllib.request.urlopen(f"{api}/health", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def _wait_measures(out: Path, source_file: str, needle: str, timeout: float = PICKUP_SECONDS) -> float:
    """Seconds until a measure of ``source_file`` containing ``needle`` is in the measures table."""
    import pipeline

    start = time.monotonic()
    while time.monotonic() - start < timeout:
        try:
            measures = pipeline.load("measures", root=str(out))
        except Exception:  # noqa: BLE001 - no table yet
            measures = None
        if measures is not None and len(measures):
            mine = measures[measures["source_file"] == source_file]
            if mine["text"].str.contains(needle).any():
                return time.monotonic() - start
        time.sleep(0.5)
    raise AssertionError(f"no measure of {source_file} with {needle!r} in {out} after {timeout} s")


def _completed_runs(api: str) -> list[object]:
    """Completed flow runs of the tiltak deployment, read back through the Prefect client."""
    from prefect import get_client
    from prefect.client.schemas.filters import (DeploymentFilter, DeploymentFilterName, FlowRunFilter,
                                                FlowRunFilterState, FlowRunFilterStateType)
    from prefect.client.schemas.objects import StateType
    from prefect.settings import PREFECT_API_URL, temporary_settings

    async def read() -> list[object]:
        async with get_client() as client:
            return await client.read_flow_runs(
                deployment_filter=DeploymentFilter(name=DeploymentFilterName(any_=[DEPLOYMENT_NAME])),
                flow_run_filter=FlowRunFilter(state=FlowRunFilterState(
                    type=FlowRunFilterStateType(any_=[StateType.COMPLETED]))))

    with temporary_settings({PREFECT_API_URL: api}):
        return asyncio.run(read())


def _wait_runs(api: str, at_least: int, timeout: float = 30) -> list[object]:
    """Poll until the deployment has ``at_least`` completed runs (a run finishes after its commit)."""
    deadline = time.monotonic() + timeout
    while len(runs := _completed_runs(api)) < at_least:
        assert time.monotonic() < deadline, f"{len(runs)} completed runs in {api} after {timeout} s"
        time.sleep(1)
    return runs


# --- integration ----------------------------------------------------------------------------------

@pytest.mark.slow
@linux_only
def test_serve_standalone_picks_up_files_and_stops_clean(tmp_path: Path, serve_factory) -> None:  # noqa: ANN001
    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    serve = serve_factory(raw, out)
    api = serve.wait_ready()
    port = int(re.search(r":(\d+)/api", api)[1])
    servers = [cmd for cmd in serve.descendants().values() if _is_server(cmd)]
    assert servers, f"no local Prefect server among serve's children: {serve.descendants()}"
    assert (out / ".prefect" / "server.log").is_file()

    shutil.copy(SEED, raw / SEED.name)
    _wait_measures(out, SEED.name, "Oslofjorden")
    (raw / "arbeidsmote-klima.txt").write_text(SECOND_FILE, encoding="utf-8")
    _wait_measures(out, "arbeidsmote-klima.txt", "klimaregnskap")

    _wait_runs(api, at_least=2)
    # `tiltak run` beside it uses serve's server (announced in out/.prefect/server.json), not an embedded one
    announced = json.loads((out / ".prefect" / "server.json").read_text(encoding="utf-8"))
    assert announced["api_url"] == api
    run = subprocess.run([sys.executable, "-m", "pipeline.cli", "run", "--raw", str(raw), "--out", str(out)],
                         env=_child_env(tmp_path / "home-run"), capture_output=True, text=True, timeout=300)
    assert run.returncode == 0 and f"Prefect: {api}" in run.stdout, run.stdout + run.stderr
    serve.descendants()
    assert serve.terminate() == 0, serve.output()
    assert not (out / ".prefect" / "server.json").exists()
    assert _wait_gone(serve.known) == {}, f"left behind: {_alive(serve.known)}"
    assert _wait_gone(_using(tmp_path)) == {}, f"left behind: {_using(tmp_path)}"
    assert _port_free(port)
    assert "tiltak serve stoppet" in serve.output()


@pytest.mark.slow
@linux_only
def test_serve_uses_existing_server(tmp_path: Path, serve_factory, prefect_server: str) -> None:  # noqa: ANN001
    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    serve = serve_factory(raw, out, api_url=prefect_server)
    assert serve.wait_ready() == prefect_server
    (raw / "arbeidsmote-klima.txt").write_text(SECOND_FILE, encoding="utf-8")
    _wait_measures(out, "arbeidsmote-klima.txt", "klimaregnskap")

    serve.descendants()
    started = [cmd for cmd in serve.known.values() if _is_server(cmd)]
    assert not started, f"tiltak serve started a server although PREFECT_API_URL was set: {started}"
    assert not (out / ".prefect").exists()
    runs = _wait_runs(prefect_server, at_least=1)
    assert all(run.parameters["out"] == str(out.resolve()) for run in runs), [r.parameters for r in runs]

    assert serve.terminate() == 0, serve.output()
    assert _wait_gone(serve.known) == {}, f"left behind: {_alive(serve.known)}"
    assert _wait_gone(_using(tmp_path)) == {}, f"left behind: {_using(tmp_path)}"
    assert _healthy(prefect_server), "serve must leave a server it did not start running"
