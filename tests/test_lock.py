"""One run at a time per output folder: concurrent runs never interleave writes; stale locks never block."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from deltalake import DeltaTable

import pipeline
from pipeline.store.lock import LOCK_NAME, Busy, run_lock
from tests.conftest import SEED
from tests.inprocess import run_once

ROOT = Path(__file__).resolve().parents[1]
HOLD = """
import os, signal, sys, time
from pipeline.store.lock import run_lock
with run_lock(sys.argv[1], timeout=5):
    print("locked", flush=True)
    if sys.argv[2] == "die":
        os.kill(os.getpid(), signal.SIGKILL)
    time.sleep(60)
"""


def _holder(out: Path, mode: str) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(out), mode], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    if mode == "hold":
        assert proc.stdout.readline().strip() == "locked"
    return proc


def test_stale_lock_of_a_killed_process_does_not_block(tmp_path: Path):
    out = tmp_path / "processed"
    proc = _holder(out, "die")
    assert proc.wait(timeout=60) == -signal.SIGKILL
    lock_file = out / LOCK_NAME
    assert lock_file.read_text().strip() == str(proc.pid)  # the file is left behind, with the dead pid
    start = time.monotonic()
    with run_lock(out, timeout=5):
        assert time.monotonic() - start < 1
        assert lock_file.read_text().strip() == str(os.getpid())


def test_a_live_lock_makes_a_second_writer_wait_then_busy(tmp_path: Path):
    out = tmp_path / "processed"
    proc = _holder(out, "hold")
    try:
        with pytest.raises(Busy, match=str(proc.pid)) as exc:
            with run_lock(out, timeout=0.3):
                pass
        assert "another tiltak run" in exc.value.hint
    finally:
        proc.kill()
        proc.wait()
    with run_lock(out, timeout=5):  # free as soon as the holder is gone
        pass


def test_lock_in_an_unwritable_place_is_a_clear_error(tmp_path: Path):
    from pipeline.errors import StoreError

    blocker = tmp_path / "a file"
    blocker.write_text("")
    with pytest.raises(StoreError, match="run lock"):
        with run_lock(blocker / "processed"):
            pass


def _run(raw: Path, out: Path) -> subprocess.Popen:
    cli = [sys.executable, "-c", "import sys; from pipeline.cli import main; sys.exit(main())"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("TILTAK_CRASH_AT", None)
    return subprocess.Popen([*cli, "run", "--quiet", "--raw", str(raw), "--out", str(out)], cwd=raw.parent,
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.mark.slow
def test_two_runs_at_once_never_interleave(tmp_path: Path):
    """Two `tiltak run` on the same raw/out at the same time: both succeed, one commit of each table, the
    same measures as a single run (the second run waits for the lock, then finds nothing new)."""
    raw, out = tmp_path / "raw", tmp_path / "processed"
    raw.mkdir()
    (raw / SEED.name).write_bytes(SEED.read_bytes())
    (raw / "notat.md").write_text("# Handlingsprogram 2026\n\n## Klima\n\n- Kartlegge kraftbehov i Lier kommune\n",
                                  encoding="utf-8")
    (raw / "ødelagt.pdf").write_bytes(b"not a pdf")
    first, second = _run(raw, out), _run(raw, out)
    for proc in (first, second):
        assert proc.wait(timeout=300) == 0, proc.stderr.read()[-2000:]
    for name in ("documents", "measures", "measure_partners", "errors", "runs"):
        assert DeltaTable(str(out / name)).version() == 0, name  # exactly one commit: nobody wrote twice
    ref = tmp_path / "ref"
    run_once(raw, ref)
    got, want = pipeline.load("measures", root=str(out)), pipeline.load("measures", root=str(ref))
    assert len(got) == len(want) and set(got["measure_id"]) == set(want["measure_id"])
    assert len(pipeline.load("runs", root=str(out))) == 1 and len(pipeline.load("errors", root=str(out))) == 1
