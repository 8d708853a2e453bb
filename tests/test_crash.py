"""Crash safety: a run killed at any moment leaves the previous versions readable and complete, and the
next run finishes the work (same final state as a run that was never interrupted)."""
from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from deltalake import DeltaTable

import pipeline
from pipeline import store
from pipeline.run import commit as runs
from tests.conftest import SEED
from tests.inprocess import run_once

ROOT = Path(__file__).resolve().parents[1]
TABLES = ("documents", "measures", "measure_partners", "errors", "runs")
POINTS = ("before-commit", "after-measures", "after-partners", "after-errors", "after-documents",
          "before-run-row", "after-run-row")
MD = "# Handlingsprogram 2026\n\n## Kraft og energi\n\n- Kartlegge kraftbehov i {place} kommune\n"


class Crash(BaseException):
    """Raised at a crash point in-process (a BaseException: nothing in the run may catch it)."""


def _raw(root: Path) -> Path:
    raw = root / "raw"
    raw.mkdir(parents=True)
    (raw / "a.md").write_text(MD.format(place="Lier"), encoding="utf-8")
    (raw / "b.md").write_text(MD.format(place="Asker"), encoding="utf-8")
    return raw


def _change(raw: Path, step: int) -> None:
    """An incremental change: one file changed, one removed or re-added, one bad file."""
    (raw / "a.md").write_text(MD.format(place="Lier") + f"- Tiltak nummer {step} for Drammen kommune\n", encoding="utf-8")
    if (raw / "b.md").exists():
        (raw / "b.md").unlink()
    else:
        (raw / "b.md").write_text(MD.format(place="Asker"), encoding="utf-8")
    (raw / f"c{step}.md").write_text(MD.format(place=f"Hole {step}"), encoding="utf-8")
    (raw / "ødelagt.pdf").write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * step)


def state(out: Path) -> dict[str, set]:
    """What must be equal to an uninterrupted run's result (ids, texts, statuses; not timestamps)."""
    docs = pipeline.load("documents", root=str(out))
    measures = pipeline.load("measures", root=str(out))
    partners = pipeline.load("measure_partners", root=str(out))
    return {
        "documents": set(zip(docs["source_file"], docs["document_id"], docs["status"], docs["n_measures"])),
        "measures": set(zip(measures["source_file"], measures["measure_id"], measures["text"], measures["parent_id"])),
        "partners": set(zip(partners["measure_id"], partners["partner"])),
    }


def check_readable(out: Path) -> dict[str, int | None]:
    """Every version of every table loads, and every snapshot is valid Parquet; returns the versions."""
    versions = {}
    for name in TABLES:
        path = out / name
        if not DeltaTable.is_deltatable(str(path)):
            versions[name] = None
            continue
        latest = DeltaTable(str(path)).version()
        for v in range(latest + 1):
            DeltaTable(str(path), version=v).to_pyarrow_table()
        versions[name] = latest
        snapshot = out / "latest" / f"{name}.parquet"
        if snapshot.exists():
            pq.read_table(snapshot)
    return versions


def check_consistent(out: Path) -> None:
    """Measures and partners belong to documents that landed, and the snapshots show the current versions."""
    docs = pipeline.load("documents", root=str(out))
    ok = set(docs[docs["status"] == "ok"]["source_file"])
    assert set(pipeline.load("measures", root=str(out))["source_file"]) == ok
    assert set(pipeline.load("measure_partners", root=str(out))["source_file"]) <= ok
    for name in TABLES:
        assert store.snapshot_version(out, name) == store.table_version(out, name), name
    last = pipeline.load("runs", root=str(out)).sort_values("started_at").iloc[-1]
    assert int(last["documents_version"]) == store.table_version(out, "documents")


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> dict[str, set]:
    """The final state of two uninterrupted runs (before and after the change)."""
    root = tmp_path_factory.mktemp("reference")
    raw, out = _raw(root), root / "processed"
    run_once(raw, out)
    _change(raw, 1)
    run_once(raw, out)
    return state(out)


@pytest.mark.parametrize("point", POINTS)
def test_crash_at_each_commit_point(point: str, tmp_path: Path, monkeypatch, reference):
    raw, out = _raw(tmp_path), tmp_path / "processed"
    run_once(raw, out)
    before = state(out)
    _change(raw, 1)

    def crash(name: str) -> None:
        if name == point:
            raise Crash(name)

    monkeypatch.setattr(runs, "crash_point", crash)
    with pytest.raises(Crash):
        run_once(raw, out)
    monkeypatch.undo()
    check_readable(out)
    if point in ("before-commit", "after-measures", "after-partners", "after-errors"):
        assert pipeline.load("documents", root=str(out)).shape[0] == len(before["documents"])  # old manifest
    run_once(raw, out)
    assert state(out) == reference
    check_consistent(out)
    assert len(pipeline.load("runs", root=str(out))) == 2  # the crashed run's row recovered, or the redo's
    assert not run_once(raw, out).committed


def test_a_killed_run_before_snapshots_is_repaired_without_new_data(tmp_path: Path, monkeypatch):
    raw, out = _raw(tmp_path), tmp_path / "processed"
    run_once(raw, out)
    _change(raw, 1)
    monkeypatch.setattr(store, "refresh_snapshots", lambda *a, **k: (_ for _ in ()).throw(Crash()))
    with pytest.raises(Crash):
        run_once(raw, out)
    monkeypatch.undo()
    assert store.snapshot_version(out, "measures") != store.table_version(out, "measures")
    assert not run_once(raw, out).committed
    check_consistent(out)


def test_orphan_rows_of_a_vanished_file_are_removed(tmp_path: Path, monkeypatch):
    """Killed after measures, and the new file is deleted before the next run: its rows must not stay."""
    raw, out = _raw(tmp_path), tmp_path / "processed"
    run_once(raw, out)
    (raw / "ny.md").write_text(MD.format(place="Hole"), encoding="utf-8")
    monkeypatch.setattr(runs, "crash_point", lambda name: (_ for _ in ()).throw(Crash()) if name == "after-measures" else None)
    with pytest.raises(Crash):
        run_once(raw, out)
    monkeypatch.undo()
    assert "ny.md" in set(pipeline.load("measures", root=str(out))["source_file"])
    (raw / "ny.md").unlink()
    summary = run_once(raw, out)
    assert summary.removed == 1 and "ny.md" not in set(pipeline.load("measures", root=str(out))["source_file"])


@pytest.mark.parametrize("revert", ["re-added", "edit undone"])
def test_killed_run_then_file_reverted_to_the_manifest(revert: str, tmp_path: Path, monkeypatch):
    """Killed after the measures commit, then the file is put back as the manifest knows it (same bytes,
    so the scan alone would call it unchanged): the stored rows no longer match and it is redone."""
    raw, out = _raw(tmp_path), tmp_path / "processed"
    run_once(raw, out)
    before = state(out)
    original = (raw / "b.md").read_bytes()
    if revert == "re-added":
        (raw / "b.md").unlink()
    else:
        (raw / "b.md").write_text(MD.format(place="Hurum"), encoding="utf-8")
    monkeypatch.setattr(runs, "crash_point", lambda name: (_ for _ in ()).throw(Crash()) if name == "after-measures" else None)
    with pytest.raises(Crash):
        run_once(raw, out)
    monkeypatch.undo()
    (raw / "b.md").write_bytes(original)
    assert run_once(raw, out).changed == 1
    assert state(out) == before
    check_consistent(out)


# ------------------------------------------------------------------ real processes, real kill -9

def _tiltak_run(raw: Path, out: Path, crash_at: str | None = None) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TILTAK_TEST_MARK": str(raw)}
    env.pop("TILTAK_CRASH_AT", None)
    if crash_at:
        env["TILTAK_CRASH_AT"] = crash_at
    cli = [sys.executable, "-c", "import sys; from pipeline.cli import main; sys.exit(main())"]
    return subprocess.Popen([*cli, "run", "--quiet", "--raw", str(raw), "--out", str(out)], cwd=raw.parent, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)


def _kill_leftovers(raw: Path) -> None:
    """A run killed with SIGKILL orphans the Prefect server it started (that server runs in its own
    session): kill every process that carries this test's mark in its environment."""
    needle = f"TILTAK_TEST_MARK={raw}\0".encode()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            if needle in (entry / "environ").read_bytes() + b"\0":
                os.kill(int(entry.name), signal.SIGKILL)
        except OSError:
            continue


def _table_files(out: Path) -> set[str]:
    return {str(p) for name in TABLES for p in (out / name).rglob("*")} if out.exists() else set()


def _kill(proc: subprocess.Popen) -> bool:
    if proc.poll() is not None:
        return False
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    return True


def _kill_after(proc: subprocess.Popen, seconds: float) -> bool:
    """SIGKILL the run (its whole process group) after ``seconds``; False if it had finished by then."""
    try:
        proc.wait(timeout=seconds)
        return False
    except subprocess.TimeoutExpired:
        return _kill(proc)


def _kill_while_writing(proc: subprocess.Popen, out: Path, delay: float) -> bool:
    """SIGKILL the run ``delay`` seconds after it wrote its first table file (inside the commit phase)."""
    before = _table_files(out)
    while proc.poll() is None and _table_files(out) <= before:
        time.sleep(0.005)
    time.sleep(delay)
    return _kill(proc)


@pytest.mark.slow
def test_kill_minus_nine_real_runs(tmp_path: Path):
    """`tiltak run` killed with SIGKILL after an incremental change each time: at a random moment, at a
    random moment inside the commit phase, and in the gap after the measures commit (instrumented);
    then one run finishes the work and equals an uninterrupted run. TILTAK_KILL_SEED fixes the times."""
    raw, out = _raw(tmp_path), tmp_path / "processed"
    shutil.copy(SEED, raw / SEED.name)
    rng = random.Random(int(os.environ.get("TILTAK_KILL_SEED", time.time_ns())))
    log: list[str] = []
    try:
        _kill_and_check(raw, out, rng, log)
    finally:
        _kill_leftovers(raw)
    print("\n".join(log))
    proc = _tiltak_run(raw, out)
    assert proc.wait(timeout=180) == 0, proc.stderr.read().decode()[-2000:]
    check_consistent(out)

    ref_raw, ref_out = tmp_path / "ref" / "raw", tmp_path / "ref" / "processed"
    shutil.copytree(raw, ref_raw)
    run_once(ref_raw, ref_out)
    assert state(out) == state(ref_out)


def _kill_and_check(raw: Path, out: Path, rng: random.Random, log: list[str]) -> None:
    for step, how in enumerate(("random", "writing", "after-measures"), start=1):
        _change(raw, step)
        before = check_readable(out)
        proc = _tiltak_run(raw, out, how if how == "after-measures" else None)
        if how == "random":
            delay = rng.uniform(2.0, 12.0)
            killed = _kill_after(proc, delay)
        elif how == "writing":
            delay = rng.uniform(0.0, 0.06)  # the whole commit phase takes ~0.05-0.1 s here
            killed = _kill_while_writing(proc, out, delay)
        else:
            delay = 0.0
            proc.wait(timeout=180)
            killed = proc.returncode == -signal.SIGKILL
        after = check_readable(out)  # every version of every table still loads
        moved = [n for n in TABLES if after[n] != before[n]]
        log.append(f"step {step}: {how} +{delay:.2f}s killed={killed} committed before the kill: {moved or 'nothing'}")
        if how == "after-measures":
            assert killed and "measures" in moved and "documents" not in moved
        _kill_leftovers(raw)
