"""Nothing lost, part 2: odd file names, an unmounted share, poison files, touched files, partial writes."""
from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest
from deltalake import DeltaTable

import pipeline
from pipeline.errors import RawUnavailable, WorkerCrashed, WorkerTimeout
from pipeline.run import scan as scan_module
from pipeline.run.runner import hard_timeout, offload, process_pool
from pipeline.run.safety import is_mass_removal, quarantine, worker_streaks
from pipeline.run.scan import FileState, ScanResult, display_name
from pipeline.config import Settings
from tests import faults
from tests.inprocess import run_once

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "raw" / "handlingsprogram-2026-gruppearbeid-notater.txt"
NOTE = "Notater\n\n- Etablere et nettverk for grønn næring i Bærum\n- Kartlegge kraftbehov i Lier kommune\n"
LATIN1_NAME = os.fsdecode(b"M\xf8tenotat.txt")  # as a Windows share or an old zip gives it


def small_raw(raw: Path, n: int = 3) -> Path:
    raw.mkdir()
    for i in range(n):
        (raw / f"notat-{i}.txt").write_text(NOTE.replace("nettverk", f"nettverk nr. {i}"), encoding="utf-8")
    return raw


def all_strings_encode(frame) -> bool:  # noqa: ANN001
    return all(str(v).encode("utf-8") is not None for col in frame.columns for v in frame[col] if isinstance(v, str))


# ---------------------------------------------------------------- names

def test_display_name_of_undecodable_bytes():
    assert display_name(Path("Møtenotat.txt")) == ("Møtenotat.txt", None)
    name, raw_name = display_name(Path(LATIN1_NAME))
    assert name == "M\ufffdtenotat.txt" and raw_name == "M\\xf8tenotat.txt"
    name.encode("utf-8")  # valid UTF-8, no surrogates


def test_a_non_utf8_file_name_lands(tmp_path: Path):
    raw, out = small_raw(tmp_path / "raw", 1), tmp_path / "out"
    (raw / LATIN1_NAME).write_text(NOTE, encoding="utf-8")
    summary = run_once(raw, out)
    assert summary.committed and summary.failed == 0 and summary.new == 2
    docs = pipeline.load("documents", root=str(out))
    row = docs[docs["source_file"] == "M\ufffdtenotat.txt"].iloc[0]
    assert row["source_name_raw"] == "M\\xf8tenotat.txt" and row["status"] == "ok"
    measures = pipeline.load("measures", root=str(out))
    assert (measures["source_file"] == "M\ufffdtenotat.txt").sum() == 2 and all_strings_encode(measures)
    again = run_once(raw, out)  # recognised, not reprocessed, and no crash at the commit
    assert not again.committed and again.unchanged == 2


def test_two_names_that_read_the_same_stay_apart(tmp_path: Path):
    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    for name in (b"M\xf8te.txt", b"M\xe6te.txt"):
        (raw / os.fsdecode(name)).write_text(NOTE, encoding="utf-8")
    run_once(raw, out)
    names = set(pipeline.load("documents", root=str(out))["source_file"])
    assert len(names) == 2 and "M\ufffdte.txt" in names


# ---------------------------------------------------------------- mass removal guard

def test_a_missing_or_unreadable_raw_is_an_error_and_writes_nothing(tmp_path: Path):
    with pytest.raises(RawUnavailable) as exc:
        run_once(tmp_path / "finnes-ikke", tmp_path / "out")
    assert exc.value.exit_code == 1
    assert not any((tmp_path / "out").glob("*/_delta_log"))
    if os.geteuid() != 0:  # root reads any folder
        locked = tmp_path / "låst"
        locked.mkdir(mode=0)
        with pytest.raises(RawUnavailable):
            run_once(locked, tmp_path / "out")


def test_an_emptied_raw_removes_nothing_unless_allowed(tmp_path: Path):
    raw, out = small_raw(tmp_path / "raw"), tmp_path / "out"
    run_once(raw, out)
    version = DeltaTable(str(out / "measures")).version()
    before = pipeline.load("measures", root=str(out))
    shutil.rmtree(raw)
    raw.mkdir()  # an unmounted share: the mount point is there, empty
    held = run_once(raw, out)
    assert not held.committed and held.removed == 0 and len(held.removal_held) == 3
    assert DeltaTable(str(out / "measures")).version() == version
    assert len(pipeline.load("measures", root=str(out))) == len(before)
    allowed = run_once(raw, out, allow_removal=True)
    assert allowed.committed and allowed.removed == 3 and pipeline.load("measures", root=str(out)).empty


def test_more_than_half_at_once_is_held_half_is_not(tmp_path: Path):
    assert is_mass_removal(1, 1) and is_mass_removal(3, 4) and not is_mass_removal(2, 4)
    assert not is_mass_removal(0, 0) and not is_mass_removal(1, 3)
    raw, out = small_raw(tmp_path / "raw", 4), tmp_path / "out"
    run_once(raw, out)
    for i in range(3):
        (raw / f"notat-{i}.txt").unlink()
    assert len(run_once(raw, out).removal_held) == 3
    (raw / "notat-0.txt").write_text(NOTE, encoding="utf-8")
    (raw / "notat-1.txt").write_text(NOTE.replace("nettverk", "nettverk nr. 1"), encoding="utf-8")
    summary = run_once(raw, out)  # notat-2 alone goes: one of four
    assert summary.removed == 1 and not summary.removal_held


# ---------------------------------------------------------------- poison files

def test_a_dead_or_hung_worker_becomes_an_error_and_the_pool_goes_on():
    with process_pool(1, warm=False):
        crashed = offload(faults.exit_now, timeout=30, on_failure=lambda e: e)
        assert isinstance(crashed, WorkerCrashed) and "exit code 7" in crashed.message
        segv = offload(faults.segfault, timeout=30, on_failure=lambda e: e)
        assert isinstance(segv, WorkerCrashed) and "SIGSEGV" in segv.message
        start = time.monotonic()
        hung = offload(faults.hang, timeout=1.0, on_failure=lambda e: e)
        assert isinstance(hung, WorkerTimeout) and time.monotonic() - start < 20
        assert hung.stage == "worker" and "quarantine_after" in hung.hint
        assert offload(os.getpid) != os.getpid()  # a fresh worker took over


def test_a_memory_hog_stops_at_the_worker_limit():
    with process_pool(1, memory_bytes=1 << 30, warm=False):
        hog = offload(faults.hog, timeout=120, on_failure=lambda e: e)
    assert isinstance(hog, WorkerCrashed) and "MemoryError" in hog.message


def test_hard_timeout_leaves_the_cooperative_deadline_first():
    assert hard_timeout(Settings(max_seconds_per_file=600)) == pytest.approx(661.0)


def _errors(sha: str, *kinds: tuple[str, str]) -> list[dict]:
    from datetime import datetime, timedelta, timezone

    t0 = datetime(2026, 1, 1, tzinfo=timezone.utc)
    return [{"sha256": sha, "stage": stage, "error_type": kind, "occurred_at": t0 + timedelta(minutes=i)}
            for i, (stage, kind) in enumerate(kinds)]


def test_quarantine_after_n_same_worker_failures_until_the_bytes_change(tmp_path: Path):
    crash = ("worker", "WorkerCrashed")
    assert worker_streaks(_errors("a", ("parse", "ParseError"), crash, crash))["a"] == ("WorkerCrashed", 2)
    assert worker_streaks(_errors("a", crash, ("worker", "WorkerTimeout")))["a"] == ("WorkerTimeout", 1)
    poison = FileState("gift.pdf", tmp_path / "gift.pdf", 1, 1.0, "a")
    changed = FileState("gift.pdf", tmp_path / "gift.pdf", 2, 2.0, "b")
    plan = ScanResult((), (poison,), (), ())
    assert quarantine(plan, _errors("a", crash, crash), after=3) == plan
    held = quarantine(plan, _errors("a", crash, crash, crash), after=3)
    assert held.to_process == () and held.quarantined == (poison,)
    assert quarantine(ScanResult((), (changed,), (), ()), _errors("a", crash, crash, crash), 3).to_process == (changed,)


# ---------------------------------------------------------------- touched files, partial writes

def test_a_touched_file_is_hashed_once(tmp_path: Path, monkeypatch):
    raw, out = small_raw(tmp_path / "raw", 2), tmp_path / "out"
    run_once(raw, out)
    measures_version = DeltaTable(str(out / "measures")).version()
    later = time.time() + 100
    os.utime(raw / "notat-0.txt", (later, later))
    touched = run_once(raw, out)
    assert touched.touched == 1 and not touched.committed and touched.unchanged == 2
    assert DeltaTable(str(out / "measures")).version() == measures_version
    docs = pipeline.load("documents", root=str(out)).set_index("source_file")
    assert docs.loc["notat-0.txt", "mtime"] == pytest.approx(later)

    def no_hashing(path: Path) -> str:
        raise AssertionError(f"{path} hashed again")

    monkeypatch.setattr(scan_module, "_hash", no_hashing)
    assert run_once(raw, out).touched == 0


def test_a_run_rewrites_only_the_data_files_of_changed_files(tmp_path: Path):
    raw, out = small_raw(tmp_path / "raw", 1), tmp_path / "out"
    run_once(raw, out)
    (raw / "notat-1.txt").write_text(NOTE.replace("Bærum", "Asker"), encoding="utf-8")
    run_once(raw, out)  # notat-1's rows go to a data file of their own
    first = set(DeltaTable(str(out / "measures")).file_uris())
    (raw / "notat-1.txt").write_text(NOTE.replace("Bærum", "Drammen"), encoding="utf-8")
    run_once(raw, out)
    table = DeltaTable(str(out / "measures"))
    kept = first & set(table.file_uris())
    assert kept, "the data file holding notat-0's rows was rewritten"
    assert set(pipeline.load("measures", root=str(out))["source_file"]) == {"notat-0.txt", "notat-1.txt"}
    assert "predicate" in table.history(1)[0]["operationParameters"]
    old = pipeline.load("measures", root=str(out), version=table.version() - 1)
    assert any("Asker" in t for t in old["text"]) and not any("Asker" in t for t in pipeline.load(
        "measures", root=str(out))["text"])
