"""Nothing lost: every bad file becomes one ``errors`` row with a hint, every other file still lands."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import pipeline
from pipeline.config import Settings
from pipeline.errors import FileChanged
from pipeline.run.process import process_file
from pipeline.run.scan import FileState, list_files, scan, sha256_file
from tests import bad_inputs
from tests.bad_inputs import CASES, GOOD, Case
from tests.inprocess import run_once

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "tests" / "artifacts"


def _state(path: Path, name: str | None = None) -> FileState:
    stat = path.stat()
    return FileState(name or path.name, path, stat.st_size, stat.st_mtime, sha256_file(path))


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_each_case_lands_or_is_one_clear_error(case: Case, tmp_path: Path):
    case.make(tmp_path / case.name)
    result = process_file(_state(tmp_path / case.name), "t", Settings())
    if case.error is None:
        assert result.error is None, result.error
        assert result.measures and result.document["status"] == "ok"
        return
    assert result.error is not None and result.error["error_type"] == case.error, result.error
    assert case.name in result.error["message"] and case.hint in result.error["hint"]
    assert result.document["status"] == "error" and not result.measures


def test_text_encodings_and_nul_are_read_right(tmp_path: Path):
    for name in ("cp1252.txt", "utf16.txt", "utf16 uten bom.txt", "nul-byte.txt"):
        next(c for c in CASES if c.name == name).make(tmp_path / name)
        result = process_file(_state(tmp_path / name), "t", Settings())
        assert "Særlig tiltak for grønn næring i Bærum" in [m["text"] for m in result.measures], name


def test_ignored_files_are_never_listed(tmp_path: Path):
    bad_inputs.build(tmp_path, cases=GOOD)
    assert sorted(f.source_file for f in list_files(tmp_path)) == sorted(c.name for c in GOOD)


def test_limits_stop_a_million_lines_and_one_huge_line(tmp_path: Path):
    many = tmp_path / "mange linjer.txt"
    many.write_text("Tittel\n" + "- kort linje\n" * 300_000, encoding="utf-8")
    result = process_file(_state(many), "t", Settings())
    assert result.error["error_type"] == "LimitExceeded" and "max_blocks" in result.error["hint"]
    one = tmp_path / "én linje.txt"
    one.write_text("Tittel\n" + "ord " * 100_000, encoding="utf-8")
    result = process_file(_state(one), "t", Settings())
    assert result.error["error_type"] == "LimitExceeded" and "max_block_chars" in result.error["hint"]


def test_page_and_time_limits(tmp_path: Path):
    pdf = tmp_path / "lang.pdf"
    next(c for c in CASES if c.name == "eierpassord.pdf").make(pdf)
    result = process_file(_state(pdf), "t", Settings(max_pages=0))
    assert "max_pages" in result.error["hint"]
    result = process_file(_state(pdf), "t", Settings(max_seconds_per_file=0.0))
    assert result.error["error_type"] == "LimitExceeded" and "max_seconds_per_file" in result.error["hint"]
    result = process_file(_state(pdf), "t", Settings(max_file_bytes=10))
    assert "max_file_bytes" in result.error["hint"]


def test_wrong_sidecar_password_says_so(tmp_path: Path):
    pdf = tmp_path / "låst.pdf"
    next(c for c in CASES if c.name == "passord i sidecar.pdf").make(pdf)
    (tmp_path / "låst.pdf.toml").write_text('password = "feil"\n', encoding="utf-8")
    result = process_file(_state(pdf), "t", Settings())
    assert result.error["error_type"] == "EncryptedDocument" and "låst.pdf.toml" in result.error["message"]


def test_file_changed_since_scan_is_an_error_and_retried(tmp_path: Path, monkeypatch):
    raw, out = tmp_path / "raw", tmp_path / "processed"
    raw.mkdir()
    path = raw / "endres.md"
    path.write_text(bad_inputs.GOOD_MD, encoding="utf-8")
    import pipeline.parse.text as text_parser

    original = text_parser.parse_text

    def writer_still_saving(p: Path, source_file: str):
        with p.open("a", encoding="utf-8") as fh:
            fh.write("- Ny linje skrevet mens tiltak leste filen\n")
        return original(p, source_file)

    monkeypatch.setattr(text_parser, "parse_text", writer_still_saving)
    first = run_once(raw, out)
    assert [e["error_type"] for e in first.errors] == [FileChanged.__name__]
    monkeypatch.setattr(text_parser, "parse_text", original)
    second = run_once(raw, out)  # same size+mtime would look unchanged: a read error is retried anyway
    assert second.committed and second.failed == 0
    assert len(pipeline.load("measures", root=str(out))) == 2
    assert not run_once(raw, out).committed


def test_unreadable_file_is_retried_after_chmod(tmp_path: Path):
    import os

    if os.geteuid() == 0:
        pytest.skip("root reads every file")
    raw, out = tmp_path / "raw", tmp_path / "processed"
    raw.mkdir()
    (raw / "lukket.md").write_text(bad_inputs.GOOD_MD, encoding="utf-8")
    (raw / "lukket.md").chmod(0)
    assert run_once(raw, out).errors[0]["stage"] == "read"
    (raw / "lukket.md").chmod(0o644)
    assert run_once(raw, out).failed == 0


def test_file_names_stay_inside_raw(tmp_path: Path):
    raw = tmp_path / "raw"
    (raw / "under mappe").mkdir(parents=True)
    (raw / "under mappe" / "notat ..md").write_text(bad_inputs.GOOD_MD, encoding="utf-8")
    (tmp_path / "utenfor.md").write_text(bad_inputs.GOOD_MD, encoding="utf-8")
    (raw / "lenke.md").symlink_to(tmp_path / "utenfor.md")
    (raw / "lenkemappe").symlink_to(tmp_path, target_is_directory=True)
    assert [f.source_file for f in scan(raw, {}).new] == ["under mappe/notat ..md"]


def test_strict_exit_code(monkeypatch):
    import flows.reprocess
    from pipeline.cli import main
    from pipeline.run.commit import RunSummary

    def fake(failed: int, failing: tuple[str, ...]):
        return lambda **_: RunSummary("r", 0, 0, 1, 0, failed, {}, False, failing=failing)

    monkeypatch.setattr(flows.reprocess, "reprocess", fake(1, ("tom.txt",)))
    assert main(["run", "--strict", "--quiet"]) == 1 and main(["run", "--quiet"]) == 0
    monkeypatch.setattr(flows.reprocess, "reprocess", fake(0, ("tom.txt",)))  # still failing from before
    assert main(["run", "--strict", "--quiet"]) == 1
    monkeypatch.setattr(flows.reprocess, "reprocess", fake(0, ()))
    assert main(["run", "--strict", "--quiet"]) == 0


def test_huge_html_is_refused_before_parsing(tmp_path: Path):
    page = tmp_path / "stor.html"
    page.write_text("<html><body>" + "<p>x</p>" * 2000 + "</body></html>", encoding="utf-8")
    result = process_file(_state(page), "t", Settings(max_text_chars=1000))
    assert result.error["error_type"] == "LimitExceeded" and "max_text_chars" in result.error["hint"]


def _errors_table(out: Path) -> list[dict]:
    rows = pipeline.load("errors", root=str(out))[["source_file", "error_type", "message", "hint"]]
    return rows.sort_values("source_file").to_dict("records")


@pytest.mark.slow
def test_one_run_over_every_bad_case(prefect_harness, tmp_path: Path, monkeypatch, capsys):
    """The acceptance test: all cases and two good files in one raw folder, one `tiltak run`."""
    from pipeline.cli import main
    from tests.faults import HOOK, STILL_SAVING

    raw, out = tmp_path / "raw", tmp_path / "processed"
    bad_inputs.build(raw)
    changing = raw / f"{STILL_SAVING}.md"
    changing.write_text(bad_inputs.GOOD_MD, encoding="utf-8")
    # the files are read in worker processes: the writer still saving it is the test parser there
    monkeypatch.setenv("TILTAK_PARSER_HOOK", HOOK)
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    assert main(["run", "--raw", str(raw), "--out", str(out)]) == 0
    monkeypatch.delenv("TILTAK_PARSER_HOOK")

    expected = {c.name: c.error for c in CASES + GOOD} | {changing.name: "FileChanged"}
    errors = _errors_table(out)
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "bad_input_errors.json").write_text(json.dumps(errors, ensure_ascii=False, indent=1), encoding="utf-8")
    assert {e["source_file"]: e["error_type"] for e in errors} == {k: v for k, v in expected.items() if v}
    assert len(errors) == len({e["source_file"] for e in errors})  # one row per bad file
    assert all(e["hint"] and e["message"] for e in errors)
    docs = pipeline.load("documents", root=str(out))
    assert set(docs["source_file"]) == set(expected)  # every file lands or is an error; ignored ones nowhere
    landed = set(docs[docs["status"] == "ok"]["source_file"])
    assert landed == {k for k, v in expected.items() if v is None}
    assert landed <= set(pipeline.load("measures", root=str(out))["source_file"])
    printed = capsys.readouterr()
    assert all(e["source_file"] in printed.err for e in errors)  # one clear line each in the run's output

    assert main(["run", "--raw", str(raw), "--out", str(out), "--strict"]) == 1  # the retried file lands,
    assert len(_errors_table(out)) == len(errors)  # the others are not read again,
    runs = pipeline.load("runs", root=str(out))
    assert int(runs.sort_values("started_at")["files_changed"].iloc[-1]) == 1
    version = pipeline.store.table_version(out, "measures")
    assert main(["run", "--raw", str(raw), "--out", str(out)]) == 0  # and then nothing is new
    assert pipeline.store.table_version(out, "measures") == version and len(pipeline.load("runs", root=str(out))) == 2


@pytest.mark.slow
def test_fifty_megabytes_of_text_in_bounded_memory_and_time(tmp_path: Path):
    """A 50 MB text without structure is refused (max_text_chars) quickly, in bounded memory; raised
    limits, it is refused at max_blocks without building a million blocks."""
    path = tmp_path / "stor.txt"
    bad_inputs._big_text(path)
    code = f"""
import json, resource, sys, time
from pathlib import Path

def peak_mb():  # VmHWM: peak RSS of this process image (ru_maxrss can carry the parent's over fork+exec)
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) // 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024

from pipeline.config import Settings
from pipeline.run.process import process_file
from pipeline.run.scan import FileState, sha256_file
import pipeline.nlp.enrich  # imported before measuring
p = Path({str(path)!r})
before = peak_mb()
out = {{}}
for label, settings in (("default", Settings()), ("raised", Settings(max_text_chars=10**9))):
    t = time.perf_counter()
    r = process_file(FileState(p.name, p, p.stat().st_size, p.stat().st_mtime, sha256_file(p)), "m", settings)
    out[label] = [r.error["error_type"], r.error["hint"], round(time.perf_counter() - t, 2)]
out["rss_before_mb"] = before
out["peak_rss_mb"] = peak_mb()
print(json.dumps(out))
"""
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120, check=True)
    figures = json.loads(proc.stdout.strip().splitlines()[-1])
    print(figures)
    assert figures["default"][0] == "LimitExceeded" and "max_text_chars" in figures["default"][1]
    assert figures["raised"][0] == "LimitExceeded" and "max_blocks" in figures["raised"][1]
    assert figures["default"][2] < 30 and figures["raised"][2] < 30
    assert figures["peak_rss_mb"] < 1500
