"""`tiltak run` end to end on a shared drop folder at its worst: a non-UTF-8 name, a file that kills its
worker, one that hangs, one that eats memory, good files; then an emptied raw/ (an unmounted share)."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from deltalake import DeltaTable

import pipeline
from pipeline.cli import main
from tests.faults import HOOK

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "raw" / "handlingsprogram-2026-gruppearbeid-notater.txt"
NOTE = "Notater\n\n- Etablere et nettverk for grønn næring i Bærum\n- Kartlegge kraftbehov i Lier kommune\n"
QUARANTINE_AFTER = 2


@pytest.fixture
def drop_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """raw/ with good and poison files; tiltak.toml with tight limits in the working directory."""
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(SEED, raw / SEED.name)
    (raw / "andre notater.md").write_text(NOTE.replace("Bærum", "Asker"), encoding="utf-8")
    (raw / os.fsdecode(b"M\xf8tenotat.txt")).write_text(NOTE, encoding="utf-8")
    for name, marker in (("krasjer.txt", "FAULT:exit"), ("henger.txt", "FAULT:hang"), ("sluker.txt", "FAULT:hog")):
        (raw / name).write_text(marker + "\n", encoding="utf-8")
    (tmp_path / "tiltak.toml").write_text(
        "[tiltak]\nmax_seconds_per_file = 15\nmax_worker_memory_bytes = 2500000000\n"
        f"quarantine_after = {QUARANTINE_AFTER}\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TILTAK_PARSER_HOOK", HOOK)
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    return raw


@pytest.mark.slow
def test_poison_files_cost_one_error_row_each_and_are_quarantined(prefect_harness, drop_folder: Path, capsys):
    out = drop_folder.parent / "processed"
    args = ["run", "--raw", str(drop_folder), "--out", str(out)]
    assert main(args) == 0
    docs = pipeline.load("documents", root=str(out)).set_index("source_file")
    good = {SEED.name, "andre notater.md", "M\ufffdtenotat.txt"}
    assert set(docs.index[docs["status"] == "ok"]) == good
    assert set(pipeline.load("measures", root=str(out))["source_file"]) == good
    errors = pipeline.load("errors", root=str(out)).set_index("source_file")
    assert len(errors) == 3
    assert errors.loc["krasjer.txt", "error_type"] == "WorkerCrashed" and errors.loc["krasjer.txt", "stage"] == "worker"
    assert errors.loc["henger.txt", "error_type"] == "WorkerTimeout" and "killed" in errors.loc["henger.txt", "message"]
    assert errors.loc["sluker.txt", "error_type"] == "LimitExceeded"  # MemoryError under the worker's limit
    for _ in range(3):
        assert main(args) == 0
    errors = pipeline.load("errors", root=str(out))
    per_file = errors.groupby("source_file").size().to_dict()
    assert per_file == {"krasjer.txt": QUARANTINE_AFTER, "henger.txt": QUARANTINE_AFTER, "sluker.txt": 1}
    assert "karantene" in capsys.readouterr().out
    (drop_folder / "krasjer.txt").write_text(NOTE.replace("Bærum", "Moss"), encoding="utf-8")  # new bytes: tried again
    assert main(args) == 0
    assert "krasjer.txt" in set(pipeline.load("measures", root=str(out))["source_file"])


@pytest.mark.slow
def test_an_emptied_raw_leaves_tables_and_report_until_allowed(prefect_harness, seed_raw: Path, capsys):
    out = seed_raw.parent / "processed"
    args = ["run", "--raw", str(seed_raw), "--out", str(out)]
    assert main(args) == 0
    report = (out / "report.html").read_bytes()
    version = DeltaTable(str(out / "measures")).version()
    for path in seed_raw.iterdir():
        path.unlink()
    assert main(args) == 0 and main([*args, "--strict"]) == 1
    assert "--allow-removal" in capsys.readouterr().err
    assert DeltaTable(str(out / "measures")).version() == version and (out / "report.html").read_bytes() == report
    assert main([*args, "--allow-removal"]) == 0
    assert pipeline.load("measures", root=str(out)).empty
    shutil.rmtree(seed_raw)
    assert main(args) == 1  # a missing raw/ is an error, and nothing is written
    assert "does not exist" in capsys.readouterr().err
