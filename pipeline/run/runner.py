"""Where the per-file tasks run, and collecting their results in the flow process.

- Default (``isolate_files``): a ``ThreadPoolTaskRunner`` with min(workers, files) threads whose tasks
  hand the work to a pebble ``ProcessPool`` of as many ``spawn`` worker processes (:func:`offload`),
  even with one worker: a crash (segfault, out-of-memory kill) or a hang inside a C call takes down
  only that worker, which is killed at the hard time limit (:func:`hard_timeout`) and replaced; the
  file gets one error row (stage "worker") and the run commits everything else. delta-rs and the
  parent's threads are never forked, and the Prefect task runs stay in the flow process. Prefect's own
  ``ProcessPoolTaskRunner`` (also spawn) runs the task engine in every worker: 200 empty tasks cost
  28 s with it against 1 s here (benchmarks/README.md), which is why it is not used.
- ``isolate_files = false`` and one worker: the work runs in one thread of the flow process (no
  start-up cost, no protection against crashes or hangs in C code).
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

import signal
from contextlib import ExitStack, contextmanager
from multiprocessing import get_context
from typing import Any, Callable, Iterator, Sequence, TypeVar

from pebble import ProcessExpired, ProcessPool

from pipeline.config import Settings
from pipeline.errors import TiltakError, WorkerCrashed, WorkerError, WorkerTimeout

Callback = Callable[[Any, Any], None]
Failure = Callable[[WorkerError], Any]
R = TypeVar("R")
_pool: list[ProcessPool] = []
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
    if n_files and (settings.isolate_files or (settings.workers > 1 and n_files > 1)):
        return "process"
    return "thread"


def hard_timeout(settings: Settings) -> float:
    """Seconds after which a file's worker is killed: ``max_seconds_per_file`` plus a tenth and a
    second, so the cooperative deadline (``limits.tick``, a clearer message) fires first when it can."""
    return settings.max_seconds_per_file * 1.1 + 1.0


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


def init_worker(memory_bytes: int = 0, warm: bool = True) -> None:
    """Worker start: an address-space limit (``max_worker_memory_bytes``; 0 none), and (``warm``) the
    processing code imported and its models loaded before the first task (``process.warm_up``), so
    that never counts against a file's time limit (pebble times a task from its start in the worker)."""
    if memory_bytes > 0:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    if warm:
        import pipeline.run.cache  # noqa: F401 - what the file tasks run
        from pipeline.run.process import warm_up

        warm_up()


@contextmanager
def process_pool(size: int, memory_bytes: int = 0, warm: bool = True) -> Iterator[ProcessPool]:
    """A pebble pool of ``size`` spawn worker processes that :func:`offload` uses while inside; a worker
    that dies or is killed is replaced."""
    pool = ProcessPool(max_workers=size, context=get_context("spawn"), initializer=init_worker,
                       initargs=(memory_bytes, warm))
    _pool.append(pool)
    try:
        yield pool
    finally:
        _pool.remove(pool)
        pool.stop()
        pool.join(timeout=30)


def describe_exit(code: int | None) -> str:
    """"killed by SIGKILL (out of memory?)", "exit code 3", ... for a worker's exit code."""
    if code is None:
        return "ended without an exit code"
    if code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = f"signal {-code}"
        oom = " (out of memory? the kernel kills such processes)" if -code == signal.SIGKILL else ""
        return f"killed by {name}{oom}"
    return f"exit code {code}"


def offload(fn: Callable[..., R], *args: Any, timeout: float | None = None, on_failure: Failure | None = None) -> R:
    """``fn(*args)`` in the run's process pool if there is one in this process, else right here. In the
    pool a worker that dies, or runs past ``timeout`` seconds and is killed, gives ``on_failure(error)``
    (a :class:`WorkerCrashed` or :class:`WorkerTimeout`); without ``on_failure`` that error is raised."""
    if not _pool:
        return fn(*args)
    future = _pool[-1].schedule(fn, args=args, timeout=timeout)
    try:
        return future.result()
    except TimeoutError:
        error: WorkerError = WorkerTimeout(f"the worker was killed after {timeout:g} s (a hang the per-file "
                                           f"deadline could not stop, e.g. inside a library call)")
    except ProcessExpired as exc:
        error = WorkerCrashed(f"the worker process died: {describe_exit(exc.exitcode)}")
    except Exception as exc:  # noqa: BLE001 - e.g. a result that cannot be sent back
        error = WorkerCrashed(f"the worker failed: {type(exc).__name__}: {exc}"[:300])
    if on_failure is None:
        raise error
    return on_failure(error)


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
            stack.enter_context(process_pool(pool_size(settings, n_files), settings.max_worker_memory_bytes))
        runner = make_runner(settings, n_files)
        try:
            stack.enter_context(runner)
        except OSError as exc:  # e.g. no Dask scheduler at the address
            raise RunnerUnavailable(f"cannot start the task runner: {exc}",
                                    "check --dask-address (is the scheduler running?)") from exc
        yield runner


def collect(futures: Sequence[Any], items: Sequence[Any], callbacks: Sequence[Callback] = (),
            on_failure: Callable[[Any, WorkerError], Any] | None = None) -> list[Any]:
    """Results of ``futures`` in submission order; ``callbacks(item, result)`` run here as each finishes.
    A task that did not return (e.g. a Dask worker lost) gives ``on_failure(item, WorkerCrashed)``, or
    raises :class:`WorkerFailed` without it."""
    from prefect.futures import as_completed

    index = {id(f): i for i, f in enumerate(futures)}
    results: list[Any] = [None] * len(futures)
    for future in as_completed(list(futures)):
        i = index[id(future)]
        try:
            results[i] = future.result()
        except Exception as exc:
            if on_failure is None:
                raise WorkerFailed(f"{getattr(items[i], 'source_file', items[i])}: {type(exc).__name__}: {exc}"[:400]) from exc
            results[i] = on_failure(items[i], WorkerCrashed(f"the task did not return: {type(exc).__name__}: {exc}"[:300]))
        for callback in callbacks:
            callback(items[i], results[i])
    return results
