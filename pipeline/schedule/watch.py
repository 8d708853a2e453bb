"""`tiltak serve --watch`: file-system events on raw/ (watchdog) start a run a few seconds after the last
change, so a saved file is processed within seconds instead of at the next scheduled run.

:class:`Debouncer` is the timing logic alone (testable with a fake clock): a change is due once no event
came for ``quiet`` seconds and the changed files' size and mtime stood still over that time (a copy over
a network share may write for minutes with few events). :func:`watch` wires watchdog's observer to it
and asks ``start_run`` for a run when one is due; ``busy`` says a run is pending or going, and then the
change waits for it to end (that run may have scanned raw/ before the file was complete), so there is
still one run at a time and no change is lost.
"""
from __future__ import annotations

import fnmatch
import threading
import time
from collections.abc import Callable
from pathlib import Path

from pipeline.config import IGNORED_PATTERNS

DEFAULT_QUIET_SECONDS = 3.0
WATCHED_SIDECARS = ("*.toml",)
"""Sidecars are not documents, but a changed sidecar changes its document's result: they count."""


def counts(path: str | Path, raw: Path) -> bool:
    """Whether an event on ``path`` can change what a run does: documents and sidecars, not lock,
    temporary or hidden files (the same rules as the scan)."""
    try:
        rel = Path(path).resolve().relative_to(raw.resolve())
    except ValueError:
        return False
    if not rel.parts or any(part.startswith(".") for part in rel.parts):
        return False
    if any(fnmatch.fnmatch(rel.name, p) for p in WATCHED_SIDECARS):
        return True
    return not any(fnmatch.fnmatch(rel.name, p) for p in IGNORED_PATTERNS)


def _stat(path: str) -> tuple[int, float] | None:
    try:
        st = Path(path).stat()
    except OSError:
        return None  # removed or renamed away: a removal is a change like any other
    return (st.st_size, st.st_mtime)


class Debouncer:
    """Changed paths waiting for a run; thread-safe (watchdog calls :meth:`touch` from its thread)."""

    def __init__(self, quiet: float = DEFAULT_QUIET_SECONDS, clock: Callable[[], float] = time.monotonic) -> None:
        self.quiet = quiet
        self.clock = clock
        self._lock = threading.Lock()
        self._pending: dict[str, tuple[int, float] | None] = {}
        self._last = 0.0

    def touch(self, path: str) -> None:
        """Record an event on ``path`` (created, modified, moved or deleted)."""
        with self._lock:
            self._pending[path] = _stat(path)
            self._last = self.clock()

    @property
    def pending(self) -> bool:
        """True while changes wait for a run."""
        with self._lock:
            return bool(self._pending)

    def due(self) -> bool:
        """True when changes wait, no event came for ``quiet`` seconds and no changed file grew or was
        rewritten since its last event (else the quiet time starts again)."""
        with self._lock:
            if not self._pending or self.clock() - self._last < self.quiet:
                return False
            moved = {p: now for p, seen in self._pending.items() if (now := _stat(p)) != seen}
            if moved:
                self._pending.update(moved)
                self._last = self.clock()
                return False
            return True

    def take(self) -> list[str]:
        """The waiting paths, forgetting them (a run is about to start)."""
        with self._lock:
            paths, self._pending = sorted(self._pending), {}
            return paths


def watch(raw: Path, start_run: Callable[[list[str]], None], busy: Callable[[], bool], stop: threading.Event,
          quiet: float = DEFAULT_QUIET_SECONDS, tick: float = 0.5,
          on_error: Callable[[Exception], None] | None = None) -> None:
    """Watch ``raw`` (recursively) until ``stop`` is set; call ``start_run(paths)`` when changes are due
    and ``busy()`` is false. Blocks; run it in a thread. An error asking for a run is passed to
    ``on_error`` and the changes stay pending (tried again on the next tick)."""
    from watchdog.events import FileSystemEvent, FileSystemEventHandler
    from watchdog.observers import Observer

    debouncer = Debouncer(quiet)
    raw = Path(raw)

    class Handler(FileSystemEventHandler):
        def on_any_event(self, event: FileSystemEvent) -> None:
            if event.event_type in ("opened", "closed_no_write"):
                return
            for path in (event.src_path, getattr(event, "dest_path", "")):
                if path and not event.is_directory and counts(path, raw):
                    debouncer.touch(str(path))

    observer = Observer()
    observer.schedule(Handler(), str(raw), recursive=True)
    observer.daemon = True
    observer.start()
    try:
        while not stop.wait(tick):
            if not debouncer.due():
                continue
            try:
                if busy():
                    continue
            except Exception as exc:  # noqa: BLE001 - a server hiccup must not end the watch
                _report(on_error, exc)
                continue
            paths = debouncer.take()
            try:
                start_run(paths)
            except Exception as exc:  # noqa: BLE001 - keep the changes for the next tick
                for path in paths:
                    debouncer.touch(path)
                _report(on_error, exc)
    finally:
        observer.stop()
        observer.join(timeout=5)


def _report(on_error: Callable[[Exception], None] | None, exc: Exception) -> None:
    if on_error:
        on_error(exc)
