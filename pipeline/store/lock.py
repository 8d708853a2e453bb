"""One run at a time per output folder: an advisory ``flock`` on ``<out>/.tiltak.lock``.

The kernel drops the lock when the holding process dies (also on kill -9), so a stale lock file cannot
block later runs; the pid written into the file only serves the error message. The descriptor is
close-on-exec, so a child process started by a run never keeps the lock alive after the run died.
Writers of ``<out>`` (runs, ``tiltak vacuum``) hold it; readers need not. flock is local to one
machine: on a network share two machines can still write at once.
"""
from __future__ import annotations

import fcntl
import os
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from pipeline.errors import StoreError, TiltakError

LOCK_NAME = ".tiltak.lock"


class Busy(TiltakError):
    """Another run holds the output folder."""

    stage = "lock"
    default_hint = "another tiltak run is writing to this folder; try again when it has finished"


@contextmanager
def run_lock(out: str | Path, timeout: float = 600.0, poll: float = 0.2) -> Iterator[Path]:
    """Hold the run lock of ``out`` for the block; wait up to ``timeout`` seconds for another run."""
    out = Path(out)
    path = out / LOCK_NAME
    try:
        out.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    except OSError as exc:
        raise StoreError(f"cannot create the run lock {path}: {exc.strerror or exc}") from exc
    try:
        _acquire(fd, path, timeout, poll)
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        yield path
    finally:
        os.close(fd)  # closing the descriptor releases the flock


def _acquire(fd: int, path: Path, timeout: float, poll: float) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() >= deadline:
                holder = path.read_text(encoding="utf-8", errors="replace").strip() or "?"
                raise Busy(f"{path.parent} is locked by another tiltak run (pid {holder})") from None
            time.sleep(poll)
