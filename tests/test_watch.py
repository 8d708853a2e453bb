"""`tiltak serve --watch`: the debouncing alone (fake clock), and a file dropped into a watched raw/ whose
measures are stored within 30 s (a real `tiltak serve` with its local Prefect server)."""
from __future__ import annotations

import shutil
import threading
import time
from pathlib import Path

import pytest

from pipeline.schedule.watch import Debouncer, counts, watch

from .conftest import SEED
from .test_serve import (SECOND_FILE, _alive, _completed_runs, _using, _wait_gone, _wait_measures, linux_only,
                         serve_factory)  # noqa: F401 - the fixture

WATCH_SECONDS = 30


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_debouncer_waits_for_quiet_and_stable_files(tmp_path: Path) -> None:
    clock = Clock()
    d = Debouncer(quiet=3, clock=clock)
    f = tmp_path / "notat.txt"
    f.write_text("a", encoding="utf-8")
    assert not d.due() and not d.pending
    d.touch(str(f))
    clock.now += 2
    assert not d.due()  # an event 2 s ago: not quiet yet
    clock.now += 1.5
    f.write_text("ab", encoding="utf-8")  # still being copied, without an event (a network share)
    assert not d.due()  # the size moved: the quiet time starts again
    clock.now += 3.1
    assert d.due()
    assert d.take() == [str(f)] and not d.pending


def test_debouncer_counts_a_removed_file(tmp_path: Path) -> None:
    clock = Clock()
    d = Debouncer(quiet=1, clock=clock)
    f = tmp_path / "borte.txt"
    f.write_text("x", encoding="utf-8")
    d.touch(str(f))
    f.unlink()
    d.touch(str(f))
    clock.now += 1.5
    assert d.due()


def test_which_events_count(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    assert counts(raw / "notat.docx", raw) and counts(raw / "mappe" / "notat.pdf", raw)
    assert counts(raw / "notat.pdf.toml", raw)  # a sidecar changes its document's result
    for name in ("~$notat.docx", ".~lock.notat.docx#", "notat.tmp", ".skjult.txt", "kopi.part"):
        assert not counts(raw / name, raw), name
    assert not counts(tmp_path / "annet" / "notat.txt", raw)


def test_watch_asks_for_one_run_after_changes_and_waits_while_busy(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    runs: list[list[str]] = []
    busy = threading.Event()
    stop = threading.Event()
    thread = threading.Thread(target=watch, kwargs=dict(raw=raw, start_run=runs.append, busy=busy.is_set,
                                                        stop=stop, quiet=0.5, tick=0.1), daemon=True)
    thread.start()
    try:
        time.sleep(0.5)  # the observer is up
        busy.set()
        for i in range(3):
            (raw / f"notat-{i}.txt").write_text("* Et tiltak.\n", encoding="utf-8")
        (raw / "~$lås.docx").write_text("x", encoding="utf-8")
        time.sleep(1.5)
        assert runs == []  # a run is going: the changes wait for it
        busy.clear()
        deadline = time.monotonic() + 10
        while not runs and time.monotonic() < deadline:
            time.sleep(0.1)
        time.sleep(1)
        assert len(runs) == 1, runs
        assert sorted(Path(p).name for p in runs[0]) == ["notat-0.txt", "notat-1.txt", "notat-2.txt"]
    finally:
        stop.set()
        thread.join(5)
    assert not thread.is_alive()


@pytest.mark.slow
@linux_only
def test_dropped_file_is_stored_within_30_seconds(tmp_path: Path, serve_factory) -> None:  # noqa: ANN001
    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    shutil.copy(SEED, raw / SEED.name)
    serve = serve_factory(raw, out, interval="1h", extra=("--watch",))
    api = serve.wait_ready()
    _wait_measures(out, SEED.name, "Oslofjorden", timeout=120)  # the run on start
    deadline = time.monotonic() + 60
    while not _completed_runs(api):
        assert time.monotonic() < deadline, serve.output()
        time.sleep(0.5)

    (raw / "arbeidsmote-klima.txt").write_text(SECOND_FILE, encoding="utf-8")
    seconds = _wait_measures(out, "arbeidsmote-klima.txt", "klimaregnskap", timeout=WATCH_SECONDS)
    print(f"dropped file stored after {seconds:.1f} s")
    assert seconds < WATCH_SECONDS
    assert "ny kjøring" in serve.output()

    assert serve.terminate() == 0, serve.output()
    assert _wait_gone(serve.known) == {}, f"left behind: {_alive(serve.known)}"
    assert _wait_gone(_using(tmp_path)) == {}, f"left behind: {_using(tmp_path)}"
