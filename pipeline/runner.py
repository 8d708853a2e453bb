"""Which Prefect task runner runs the per-file tasks, and collecting their results in the flow process.

- ``workers == 1`` (default): one thread in the flow process; no start-up cost.
- ``workers > 1``: Prefect's ``ProcessPoolTaskRunner`` (it always uses the ``spawn`` start method, so
  delta-rs and threads of the parent are never forked). Store and lock stay in the flow process.
- ``dask_address``: prefect-dask's ``DaskTaskRunner`` on an existing Dask cluster.

Task runs in other processes need a Prefect API. With ``PREFECT_API_URL`` set they use it; without, the
flow runs on an embedded server, and each worker would start its own (7-15 s each). :func:`shared_api`
points them at the flow's embedded server instead, which local workers can reach; workers on other
machines need a real server (``prefect server start`` + ``PREFECT_API_URL`` on every machine).

Progress callbacks run in the flow process as results arrive (:func:`collect`), never in a worker.
"""
from __future__ import annotations

from contextlib import ExitStack, contextmanager
from typing import Any, Callable, Iterator, Sequence

from .config import Settings
from .errors import TiltakError

Callback = Callable[[Any, Any], None]


class WorkerFailed(TiltakError):
    """A per-file task did not return (its worker process died or the cluster lost it)."""

    stage = "process"
    default_hint = ("a worker process died (out of memory or a crash in a parser library); rerun with "
                    "--workers 1 to see which file, or give the workers more memory")


class RunnerUnavailable(TiltakError):
    """The requested task runner cannot be used here."""

    stage = "process"
    default_hint = "install the scale-out extra (pip install prefect-dask) or run without --dask-address"


def runner_kind(settings: Settings, n_files: int) -> str:
    """"dask", "process" or "thread" for ``n_files`` files to process."""
    if settings.dask_address:
        return "dask"
    if settings.workers > 1 and n_files > 1:
        return "process"
    return "thread"


def make_runner(settings: Settings, n_files: int) -> Any:
    """A (not yet started) Prefect task runner for the per-file tasks."""
    kind = runner_kind(settings, n_files)
    if kind == "dask":
        try:
            from prefect_dask import DaskTaskRunner
        except ImportError as exc:
            raise RunnerUnavailable(f"--dask-address needs prefect-dask ({exc})") from exc
        return DaskTaskRunner(address=settings.dask_address)
    if kind == "process":
        from prefect.task_runners import ProcessPoolTaskRunner

        return ProcessPoolTaskRunner(max_workers=min(settings.workers, n_files))
    from prefect.task_runners import ThreadPoolTaskRunner

    return ThreadPoolTaskRunner(max_workers=1)


def embedded_api_url() -> str | None:
    """The URL of this process's embedded Prefect server, if one is running and no API URL is set."""
    from prefect.settings import get_current_settings

    if get_current_settings().api.url:
        return None
    from prefect.server.api.server import SubprocessASGIServer

    server = SubprocessASGIServer()
    return server.api_url if server.running else None


@contextmanager
def shared_api() -> Iterator[str | None]:
    """While inside: task runs serialised to other processes talk to this process's embedded server."""
    url = embedded_api_url()
    if url is None:
        yield None
        return
    from prefect.settings import PREFECT_API_URL, temporary_settings

    with temporary_settings({PREFECT_API_URL: url}):
        yield url


@contextmanager
def file_runner(settings: Settings, n_files: int) -> Iterator[Any]:
    """A started task runner for ``n_files`` per-file tasks (see the module docstring)."""
    with ExitStack() as stack:
        if runner_kind(settings, n_files) != "thread":
            stack.enter_context(shared_api())
        runner = make_runner(settings, n_files)
        try:
            stack.enter_context(runner)
        except OSError as exc:  # e.g. no Dask scheduler at the address
            raise RunnerUnavailable(f"cannot start the task runner: {exc}",
                                    "check --dask-address (is the scheduler running?)") from exc
        yield runner


def collect(futures: Sequence[Any], items: Sequence[Any], callbacks: Sequence[Callback] = ()) -> list[Any]:
    """Results of ``futures`` in submission order; ``callbacks(item, result)`` run here as each finishes."""
    from prefect.futures import as_completed

    index = {id(f): i for i, f in enumerate(futures)}
    results: list[Any] = [None] * len(futures)
    for future in as_completed(list(futures)):
        i = index[id(future)]
        try:
            results[i] = future.result()
        except Exception as exc:
            raise WorkerFailed(f"{getattr(items[i], 'source_file', items[i])}: {type(exc).__name__}: {exc}"[:400]) from exc
        for callback in callbacks:
            callback(items[i], results[i])
    return results
