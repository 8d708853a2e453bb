"""Where the per-file tasks run, and collecting their results in the flow process.

- ``workers == 1`` (default): one thread in the flow process; no start-up cost.
- ``workers > 1``: a ``ThreadPoolTaskRunner`` with N threads whose tasks hand the work to a
  ``ProcessPoolExecutor`` with the ``spawn`` start method (:func:`offload`), so delta-rs and the
  parent's threads are never forked, and the Prefect task runs stay in the flow process. Prefect's own
  ``ProcessPoolTaskRunner`` (also spawn) runs the task engine in every worker: 200 empty tasks cost
  28 s with it against 1 s here (benchmarks/README.md), which is why it is not used.
- ``dask_address``: prefect-dask's ``DaskTaskRunner`` on an existing Dask cluster; the tasks then run
  on the Dask workers.

Task runs on Dask workers need a Prefect API. With ``PREFECT_API_URL`` set they use it; without, the
flow runs on an embedded server, and each worker would start its own (7-15 s each). :func:`shared_api`
points them at the flow's embedded server instead, which local workers can reach; workers on other
machines need a real server (``prefect server start`` + ``PREFECT_API_URL`` on every machine).

The store, the run lock and progress callbacks stay in the flow process: callbacks run there as
results arrive (:func:`collect`), never in a worker.
"""
from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor
from contextlib import ExitStack, contextmanager
from multiprocessing import get_context
from typing import Any, Callable, Iterator, Sequence, TypeVar

from pipeline.config import Settings
from pipeline.errors import TiltakError

Callback = Callable[[Any, Any], None]
R = TypeVar("R")
_pool: list[ProcessPoolExecutor] = []
"""The process pool of the run in progress in this process (empty: work runs in the calling thread)."""


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
            raise RunnerUnavailable(f"--dask-address needs the scale extra: pip install 'tiltak[scale]' ({exc})") from exc
        return DaskTaskRunner(address=settings.dask_address)
    from prefect.task_runners import ThreadPoolTaskRunner

    return ThreadPoolTaskRunner(max_workers=pool_size(settings, n_files) if kind == "process" else 1)


def pool_size(settings: Settings, n_files: int) -> int:
    """Worker processes for ``n_files``: never more than files."""
    return max(1, min(settings.workers, n_files))


@contextmanager
def process_pool(size: int) -> Iterator[ProcessPoolExecutor]:
    """A spawn process pool that :func:`offload` uses while inside."""
    with ProcessPoolExecutor(max_workers=size, mp_context=get_context("spawn")) as pool:
        _pool.append(pool)
        try:
            yield pool
        finally:
            _pool.remove(pool)


def offload(fn: Callable[..., R], *args: Any) -> R:
    """``fn(*args)`` in the run's process pool if there is one in this process, else right here."""
    if _pool:
        return _pool[-1].submit(fn, *args).result()
    return fn(*args)


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
    kind = runner_kind(settings, n_files)
    with ExitStack() as stack:
        if kind == "dask":
            stack.enter_context(shared_api())
        if kind == "process":
            stack.enter_context(process_pool(pool_size(settings, n_files)))
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
