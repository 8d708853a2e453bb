"""tiltak vacuum: deletes old versions only when asked, never the versions a status or diff refers to."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import pipeline
from pipeline.store import vacuum as vacuum_module
from pipeline.cli import main
from pipeline.errors import NotFound, Refused
from pipeline.store.lock import Busy, run_lock
from pipeline.status.lights import set_status
from pipeline.store.vacuum import vacuum
from tests.inprocess import run_once

A = "Handlingsprogram 2026\n\n## Klima\n\n- Kartlegge kraftbehov i Lier kommune\n- Etablere ladepunkter for tungtransport\n"
B = "Handlingsprogram 2027\n\n## Næring\n\n- Styrke samarbeidet om grønn industri i regionen\n"


@pytest.fixture
def three_versions(tmp_path: Path) -> Path:
    """measures v0: a + b; v1: a changed + b; v2: a only (b removed)."""
    raw, out = tmp_path / "raw", tmp_path / "processed"
    raw.mkdir()
    (raw / "a.md").write_text(A, encoding="utf-8")
    (raw / "b.md").write_text(B, encoding="utf-8")
    run_once(raw, out)
    (raw / "a.md").write_text(A + "- Utrede hydrogen til ferjer\n", encoding="utf-8")
    run_once(raw, out)
    (raw / "b.md").unlink()
    run_once(raw, out)
    return out


def _b_measure(out: Path, version: int) -> str:
    old = pipeline.load("measures", root=str(out), version=version)
    return old[old["source_file"] == "b.md"]["measure_id"].iloc[0]


def test_nothing_recent_is_deleted_and_dry_run_deletes_nothing(three_versions: Path):
    out = three_versions
    assert vacuum(out, keep_days=30).n_files == 0
    report = vacuum(out, keep_days=0, dry_run=True)
    assert report.n_files > 0 and "would delete" in str(report)
    assert len(pipeline.load("measures", root=str(out), version=0)) == 3  # still there


def test_vacuum_deletes_old_versions_and_says_so_on_load(three_versions: Path):
    out = three_versions
    report = vacuum(out, keep_days=0)
    measures = next(t for t in report.tables if t.name == "measures")
    assert measures.lost_versions == [0, 1]
    with pytest.raises(NotFound, match="vacuum"):
        pipeline.load("measures", root=str(out), version=0)
    assert set(pipeline.load("measures", root=str(out))["source_file"]) == {"a.md"}
    assert vacuum(out, keep_days=0).n_files == 0  # nothing left, and no empty vacuum commit either


def test_refuses_a_version_a_status_refers_to(three_versions: Path):
    out = three_versions
    old = pipeline.load("measures", root=str(out), version=1)
    set_status(str(out), old, _b_measure(out, 1), "gul", "venter")
    with pytest.raises(Refused, match="measures version 1") as exc:
        vacuum(out, keep_days=0)
    assert "--keep-days" in exc.value.hint and "--keep-referenced" in exc.value.hint
    assert len(pipeline.load("measures", root=str(out), version=0)) == 3  # nothing was deleted

    report = vacuum(out, keep_days=0, keep_referenced=True)
    assert "kept version 1" in str(report)
    assert len(pipeline.load("measures", root=str(out), version=1)) == 4
    assert len(pipeline.load("documents", root=str(out), version=1)) == 2  # the same run's documents
    with pytest.raises(NotFound):
        pipeline.load("measures", root=str(out), version=0)


def test_refuses_a_version_a_diff_refers_to(three_versions: Path):
    from pipeline.compare.changes import write_changes

    out = three_versions
    b_id = _b_measure(out, 1)
    write_changes(pd.DataFrame([{"old_version": "x", "new_version": "y", "change": "removed",
                                 "old_measure_id": b_id, "fields": [], "similarity": None}]), str(out))
    with pytest.raises(Refused, match="diff"):
        vacuum(out, keep_days=0)


def test_a_status_on_a_current_measure_protects_nothing(three_versions: Path):
    out = three_versions
    now = pipeline.load("measures", root=str(out))
    set_status(str(out), now, now["measure_id"].iloc[0], "grønn", None)
    assert vacuum(out, keep_days=0).n_files > 0


def test_vacuum_waits_for_a_run_and_gives_up_busy(three_versions: Path, monkeypatch):
    monkeypatch.setattr(vacuum_module, "LOCK_TIMEOUT", 0.2)
    with run_lock(three_versions):
        with pytest.raises(Busy):
            vacuum(three_versions, keep_days=0)


def test_cli_vacuum(three_versions: Path, capsys):
    assert main(["vacuum", "--keep-days", "0", "--dry-run", "--out", str(three_versions)]) == 0
    assert "would delete" in capsys.readouterr().out
    assert main(["vacuum", "--keep-days", "-1", "--out", str(three_versions)]) == 2
