"""The CLI as a script sees it: options anywhere, one-line errors, byte-exact machine formats on stdout,
changes stored once per diff pair after the output succeeded, status per programme version."""
from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import pipeline
from pipeline.status.lights import current_status, status_summary
from pipeline.cli import build_parser, main
from pipeline.errors import NotFound
from pipeline.status.lights import measures_of_version
from tests.inprocess import run_once

ROOT = Path(__file__).resolve().parents[1]
PAIR = ("seed-v1.txt", "seed-v2.txt")


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("cli")
    raw = base / "raw"
    raw.mkdir()
    for name in PAIR:
        shutil.copy(ROOT / "tests" / "fixtures" / "diff" / name, raw / name)
    run_once(raw, base / "processed")
    return base / "processed"


def tiltak(*args: str) -> subprocess.CompletedProcess:
    """``tiltak`` in a subprocess with stdout a pipe (not a terminal), as in ``tiltak ... > file``."""
    env = {**os.environ, "COLUMNS": "80"}
    return subprocess.run([sys.executable, "-m", "pipeline.cli", *args], capture_output=True, env=env, cwd=ROOT)


def test_options_work_before_and_after_the_command():
    parse = build_parser().parse_args
    assert parse(["run", "--debug"]).debug and parse(["--debug", "run"]).debug and not parse(["run"]).debug
    assert parse(["status", "set", "abcd", "gul", "--out", "p"]).out == Path("p")
    assert parse(["status", "--out", "p", "show"]).out == Path("p")
    assert parse(["status", "show"]).out == Path("processed")
    assert parse(["diff", "a", "b", "--debug"]).debug


def test_argument_errors_are_one_line(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["run", "--no-such-option"])
    err = capsys.readouterr().err
    assert exc.value.code == 2 and err.count("\n") == 1 and err.startswith("tiltak: unrecognized arguments")


def test_diff_to_a_missing_folder_is_one_line_and_stores_nothing(out: Path, capsys):
    code = main(["diff", *PAIR, "--out", str(out), "-o", "/no/such/dir/x.md"])
    err = capsys.readouterr().err
    assert code == 2 and "Traceback" not in err and err.count("\n") == 1 and "/no/such/dir/x.md" in err
    assert not (out / "changes").exists()


def test_csv_and_json_on_stdout_are_byte_exact_and_stored_once(out: Path):
    changes = pipeline.diff(*PAIR, root=str(out))
    shutil.rmtree(out / "changes", ignore_errors=True)
    for _ in range(3):
        proc = tiltak("diff", *PAIR, "--out", str(out), "--format", "csv")
        assert proc.returncode == 0, proc.stderr
    records = list(csv.reader(io.StringIO(proc.stdout.decode("utf-8"))))
    assert len(records) == len(changes) + 1 and {len(r) for r in records} == {11}
    proc = tiltak("diff", *PAIR, "--out", str(out), "--format", "json")
    assert len(json.loads(proc.stdout)) == len(changes)
    stored = pipeline.load("changes", root=str(out))
    assert len(stored) == len(changes)  # four diffs of one pair: its rows once


def test_status_show_is_per_programme_version(out: Path, capsys):
    measures = pipeline.load("measures", root=str(out))
    newest, key = measures_of_version(measures)
    assert set(newest["source_file"]) == {"seed-v2.txt"} and key.endswith("@2025-10-14")
    older, old_key = measures_of_version(measures, version="2025-09-09")
    assert set(older["source_file"]) == {"seed-v1.txt"} and old_key != key
    with pytest.raises(NotFound):
        measures_of_version(measures, version="1999-01-01")
    lineage = newest.iloc[0]["measure_id"]
    assert main(["status", "set", lineage, "grønn", "--out", str(out)]) == 0
    capsys.readouterr()
    assert main(["status", "show", "--out", str(out)]) == 0
    shown = capsys.readouterr().out
    assert key in shown and f"{len(newest)} tiltak" in shown
    # theme names hold spaces, so read the counts from the library call the command prints
    summary = status_summary(newest, current_status(str(out)))
    assert summary["totalt"].sum() == len(newest)  # one version, not all of them added up
    assert summary["grønn"].sum() == 1 and f"{len(newest)} tiltak" in shown
