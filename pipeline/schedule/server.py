"""Prefect servers as child processes: ``prefect server start`` for ``tiltak serve`` (free port, health
wait, clean stop), and the embedded server of ``tiltak run``.

``tiltak serve`` starts a local server when no ``PREFECT_API_URL`` is set. While it is up, its address is
in ``<home>/server.json``, so ``tiltak run`` (:func:`use_running_server`) sends its flow run there instead
of starting an embedded server. The server runs in its own session
(process group), so stopping it kills everything it started, and a Ctrl-C in the terminal reaches
``tiltak serve`` first, which then stops the server in order. On Linux the server also gets SIGTERM
when its parent dies without cleaning up (SIGKILL, OOM killer). Without either, ``tiltak run`` starts
the embedded server a flow run would start, only earlier (:func:`embedded_server`).
"""
from __future__ import annotations

import importlib.util
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from pipeline.errors import TiltakError
from pipeline.schedule.prefect_settings import DEFAULTS

HOST = "127.0.0.1"
ANNOUNCEMENT = "server.json"
"""In the server's home while it is up: ``{"api_url": ..., "pid": <the process that started it>}``."""
STARTUP_TIMEOUT = 120.0
"""Seconds to wait for /api/health; the first start (database migrations) takes 10-20 s here."""


@dataclass(frozen=True)
class LocalServer:
    """A running local Prefect server."""

    process: subprocess.Popen[bytes]
    api_url: str
    ui_url: str
    home: Path
    log: Path


def free_port(host: str = HOST) -> int:
    """A TCP port on ``host`` that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def server_env(home: Path, base: dict[str, str] | None = None) -> dict[str, str]:
    """Environment for the server child: quiet defaults, ``PREFECT_HOME``, the UI on, no API URL."""
    env = dict(os.environ if base is None else base)
    for key, value in DEFAULTS.items():
        env.setdefault(key, value)
    env.pop("PREFECT_API_URL", None)  # the server must not point at another server
    env["PREFECT_HOME"] = str(home)
    env["PREFECT_UI_ENABLED"] = "true"
    env["PREFECT_SERVER_UI_ENABLED"] = "true"
    return env


def is_healthy(api_url: str, timeout: float = 2.0) -> bool:
    """True when ``GET <api_url>/health`` answers 200."""
    try:
        with urllib.request.urlopen(f"{api_url.rstrip('/')}/health", timeout=timeout) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError, ValueError):
        return False


def wait_healthy(api_url: str, process: subprocess.Popen[bytes] | None = None,
                 timeout: float = STARTUP_TIMEOUT, log: Path | None = None) -> None:
    """Poll the health endpoint until it answers; fail early if ``process`` exits first."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if is_healthy(api_url):
            return
        if process is not None and process.poll() is not None:
            raise TiltakError(f"the Prefect server exited with code {process.returncode} while starting"
                              + _log_tail(log), f"see {log}" if log else "run `prefect server start` by hand")
        time.sleep(0.3)
    raise TiltakError(f"the Prefect server at {api_url} did not become healthy in {timeout:.0f} s"
                      + _log_tail(log), f"see {log}" if log else "check the server's output")


def stop(process: subprocess.Popen[bytes], timeout: float = 15.0) -> None:
    """Stop the server's whole process group: SIGTERM, then SIGKILL after ``timeout`` seconds."""
    _signal_group(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        _signal_group(process.pid, signal.SIGKILL)
        process.wait(timeout=timeout)
    _signal_group(process.pid, signal.SIGKILL)  # anything it left behind in its group


@contextmanager
def local_server(home: Path, host: str = HOST, port: int | None = None,
                 timeout: float = STARTUP_TIMEOUT) -> Iterator[LocalServer]:
    """Start ``prefect server start`` on ``host:port`` (a free port by default) with its state in
    ``home``, wait until it is healthy, yield it, and stop it (and all its children) on exit."""
    home = Path(home).resolve()
    home.mkdir(parents=True, exist_ok=True)
    port = port or free_port(host)
    base = f"http://{host}:{port}"
    log = home / "server.log"
    cmd = [sys.executable, "-m", "prefect", "server", "start", "--host", host, "--port", str(port)]
    with open(log, "ab") as log_file:
        try:
            process = subprocess.Popen(cmd, env=server_env(home), stdin=subprocess.DEVNULL,
                                       stdout=log_file, stderr=subprocess.STDOUT,
                                       start_new_session=True, preexec_fn=_die_with_parent)
        except OSError as exc:
            raise TiltakError(f"cannot start the Prefect server: {exc}",
                              "check that prefect is installed in this environment") from exc
    try:
        wait_healthy(f"{base}/api", process, timeout, log)
        with _announced(home, f"{base}/api"):
            yield LocalServer(process=process, api_url=f"{base}/api", ui_url=base, home=home, log=log)
    finally:
        stop(process)


@contextmanager
def _announced(home: Path, api_url: str) -> Iterator[None]:
    """Write ``<home>/server.json`` (atomically) for the server's lifetime; remove it if it is still ours."""
    path = home / ANNOUNCEMENT
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps({"api_url": api_url, "pid": os.getpid()}), encoding="utf-8")
    os.replace(tmp, path)
    try:
        yield
    finally:
        try:
            if json.loads(path.read_text(encoding="utf-8")).get("pid") == os.getpid():
                path.unlink()
        except (OSError, ValueError):
            pass


def announced_server(home: Path) -> str | None:
    """The API URL of the local server announced in ``home`` if it answers ``/health`` now, else None
    (no announcement, a damaged one, or a server that died without removing it)."""
    try:
        url = json.loads((Path(home) / ANNOUNCEMENT).read_text(encoding="utf-8"))["api_url"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return url if isinstance(url, str) and is_healthy(url, timeout=2.0) else None


def use_running_server(home: Path) -> str | None:
    """Before prefect is imported: point ``PREFECT_API_URL`` at the server of a running ``tiltak serve``
    (announced in ``home``) unless it is set already. Returns the URL in use, or None (embedded server)."""
    if os.environ.get("PREFECT_API_URL"):
        return os.environ["PREFECT_API_URL"]
    url = announced_server(home)
    if url:
        os.environ["PREFECT_API_URL"] = url
    return url


@dataclass(frozen=True)
class EmbeddedServer:
    """Prefect's embedded API server, started by :func:`embedded_server`."""

    process: subprocess.Popen[bytes]
    api_url: str

    def wait(self) -> None:
        """Block until it answers ``/health`` (Prefect's own start-up timeout for the embedded server)."""
        timeout = float(os.environ.get("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS") or STARTUP_TIMEOUT)
        wait_healthy(self.api_url, self.process, timeout)


@contextmanager
def embedded_server(host: str = HOST) -> Iterator[EmbeddedServer]:
    """Before prefect is imported: start the server a flow run without an API would start (Prefect's
    ``SubprocessASGIServer`` command: uvicorn on Prefect's app, ephemeral, no UI and no services) as a
    child now, and point ``PREFECT_API_URL`` at it while inside. The caller imports Prefect and its flow
    while the server starts (two processes at once) and calls :meth:`EmbeddedServer.wait` before the
    flow; the run process itself never imports Prefect's server code. Stopped with its process group."""
    spec = importlib.util.find_spec("prefect")
    if spec is None or not spec.submodule_search_locations:
        raise TiltakError("prefect is not installed", "pip install prefect")
    port = free_port(host)
    api_url = f"http://{host}:{port}/api"
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    env.update({"PREFECT_UI_ENABLED": "0", "PREFECT__SERVER_EPHEMERAL": "1", "PREFECT__SERVER_FINAL": "1"})
    cmd = [sys.executable, "-m", "uvicorn", "--app-dir", str(Path(spec.submodule_search_locations[0]).parent),
           "--factory", "prefect.server.api.server:create_app", "--host", host, "--port", str(port),
           "--log-level", "error", "--lifespan", "on"]
    try:
        process = subprocess.Popen(cmd, env=env, stdin=subprocess.DEVNULL, start_new_session=True,
                                   preexec_fn=_die_with_parent)
    except OSError as exc:
        raise TiltakError(f"cannot start Prefect's embedded server: {exc}",
                          "check that prefect is installed in this environment") from exc
    saved = os.environ.get("PREFECT_API_URL")
    os.environ["PREFECT_API_URL"] = api_url
    try:
        yield EmbeddedServer(process, api_url)
    finally:
        if saved is None:
            os.environ.pop("PREFECT_API_URL", None)
        else:
            os.environ["PREFECT_API_URL"] = saved
        stop(process, timeout=5.0)


def _die_with_parent() -> None:
    """In the child, before exec: on Linux, get SIGTERM when the parent dies, even by SIGKILL."""
    if sys.platform.startswith("linux"):
        import ctypes

        try:
            ctypes.CDLL(None, use_errno=True).prctl(1, int(signal.SIGTERM))  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass


def _signal_group(pgid: int, sig: signal.Signals) -> None:
    try:
        os.killpg(pgid, sig)
    except (ProcessLookupError, PermissionError):
        pass


def _log_tail(log: Path | None, lines: int = 5) -> str:
    if log is None or not log.is_file():
        return ""
    tail = [line for line in log.read_text(encoding="utf-8", errors="replace").splitlines() if line.strip()]
    return (": " + " | ".join(tail[-lines:])) if tail else ""
