"""`tiltak measures` (filters, table at 80 columns, CSV, JSON, Parquet, the Excel status sheet and its
round trip through `tiltak status import`), `tiltak show` blocks and formats, `tiltak versions` times and
the run summary, on a store written by a real run of the seed notes plus a group's note without a
programme."""
from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest
from rich.console import Console

import pipeline
from pipeline import cli
from pipeline.cli import processing, tables
from pipeline.report.listing import MeasureQuery, filter_measures, stored_measures

from .conftest import SEED
from .inprocess import run_once

GROUP_NOTE = """Innspill fra gruppe 3 – næring og kompetanse

* Kartlegge behovet for fagskoleplasser innen grønn industri i regionen.
* Arrangere et møte med <script>document.title='x'</script> næringsforeningene om rekruttering på tvers.
"""
EPOCH_MS = re.compile(r"\b1[6-9]\d{11}\b")


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("measures")
    raw, out = tmp / "raw", tmp / "processed"
    raw.mkdir()
    shutil.copy(SEED, raw / SEED.name)
    (raw / "innspill-gruppe-3.txt").write_text(GROUP_NOTE, encoding="utf-8")
    run_once(raw, out)
    return out


@pytest.fixture
def screen(monkeypatch: pytest.MonkeyPatch) -> io.StringIO:
    """The CLI's console as an 80-column terminal; returns what it printed."""
    buf = io.StringIO()
    terminal = Console(file=buf, width=80, color_system=None)
    for module in (cli, processing, tables):
        monkeypatch.setattr(module, "console", terminal)
    return buf


def _all(store: Path) -> pd.DataFrame:
    return pipeline.load("measures", root=str(store))


def test_filters(store: Path) -> None:
    everything = stored_measures(store)
    assert len(everything) == len(_all(store)) and set(everything["status"]) == {"ikke vurdert"}
    klima = stored_measures(store, MeasureQuery(theme="Klima, miljø"))
    assert len(klima) and set(klima["theme"]) == {"klima-miljo-natur"}
    assert len(stored_measures(store, MeasureQuery(theme="klima-miljo-natur"))) == len(klima)
    staten = stored_measures(store, MeasureQuery(partner="staten"))
    assert len(staten) and all(any("staten" in x.casefold() for x in p) for p in staten["partners"])
    group = stored_measures(store, MeasureQuery(file="gruppe-3"))
    assert len(group) == 2 and group["program"].isna().all()
    # NFC: a decomposed "å" (a + ring) finds the composed text; case does not matter
    assert len(stored_measures(store, MeasureQuery(text="rekruttering pa\u030a TVERS"))) == 1
    assert len(stored_measures(store, MeasureQuery(text="NÆRINGSFORENINGENE"))) == 1
    newest = stored_measures(store, MeasureQuery(version="siste"))
    assert len(newest) == len(everything) - 2  # the group's note has no programme version
    dated = stored_measures(store, MeasureQuery(version="Handlingsprogram 2026@2025-09-09"))
    assert len(dated) == len(newest)
    assert stored_measures(store, MeasureQuery(status="gul")).empty
    assert len(stored_measures(store, MeasureQuery(status="ikke-vurdert"))) == len(everything)


def test_status_filter_follows_statuses() -> None:
    frame = pd.DataFrame({"measure_id": ["a", "b"], "lineage_id": ["L1", "L2"], "text": ["x", "y"],
                          "program": ["P", "P"], "version_date": [None, None], "source_file": ["f", "f"],
                          "ordinal": [1, 2], "theme": [None, None], "measure_type": [None, None],
                          "partners": [[], []]})
    status = pd.DataFrame({"lineage_id": ["L2"], "status": ["rød"], "note": ["sent"],
                           "updated_at": [pd.Timestamp("2025-01-01", tz="UTC")]})
    assert list(filter_measures(frame, status, MeasureQuery(status="red"))["measure_id"]) == ["b"]
    assert list(filter_measures(frame, status, MeasureQuery(status="ikke vurdert"))["measure_id"]) == ["a"]


def test_table_is_readable_at_80_columns(store: Path, screen: io.StringIO) -> None:
    assert cli.main(["measures", "--out", str(store), "--file", "gruppe-3"]) == 0
    text = screen.getvalue()
    assert max(len(line) for line in text.splitlines()) <= 80
    assert "fagskoleplasser" in text and "2 tiltak" in text
    # the text column keeps whole words of a useful length
    assert "<script>document.title='x'</script>" in text.replace("\n", " ") or "<script>document.title" in text


def test_csv_one_record_per_measure(store: Path, capsys: pytest.CaptureFixture) -> None:
    assert cli.main(["measures", "--out", str(store), "--format", "csv"]) == 0
    records = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    stored = _all(store)
    assert len(records) == len(stored)
    assert {r["measure_id"] for r in records} == set(stored["measure_id"])
    with_partners = next(r for r in records if ";" in r["partners"])
    assert "; " in with_partners["partners"]
    assert all(r["theme_name"] for r in records if r["theme"])


def test_json_and_parquet_files(store: Path, tmp_path: Path) -> None:
    assert cli.main(["measures", "--out", str(store), "-o", str(tmp_path / "t.json"), "--theme", "klima"]) == 0
    records = json.loads((tmp_path / "t.json").read_text(encoding="utf-8"))
    assert isinstance(records, list) and records and all(r["theme"] == "klima-miljo-natur" for r in records)
    assert isinstance(records[0]["partners"], list) and records[0]["status"] == "ikke vurdert"
    assert cli.main(["measures", "--out", str(store), "-o", str(tmp_path / "t.parquet")]) == 0
    back = pd.read_parquet(tmp_path / "t.parquet")
    assert len(back) == len(_all(store)) and "theme_name" in back.columns


def test_unknown_suffix_is_one_line(store: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert cli.main(["measures", "--out", str(store), "-o", str(tmp_path / "t.docx")]) == 2
    assert "Traceback" not in capsys.readouterr().err


def test_excel_status_sheet_round_trip(store: Path, tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    sheet = tmp_path / "status.xlsx"
    assert cli.main(["measures", "--out", str(store), "--program", "Handlingsprogram", "-o", str(sheet)]) == 0
    wb = openpyxl.load_workbook(sheet)
    ws = wb.active
    header = [c.value for c in ws[1]]
    assert header[:6] == ["lineage_id", "status", "note", "tema", "type", "tiltak"]
    assert {"partnere", "mål"} <= set(header)
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref.startswith("A1:")
    rules = ws.data_validations.dataValidation
    assert any(v.type == "list" and "grønn" in v.formula1 and "B2" in str(v.sqref) for v in rules)
    assert ws.column_dimensions["F"].width >= 60
    stored = _all(store)
    programme = stored[stored["program"] == "Handlingsprogram 2026"]
    assert ws.max_row - 1 == len(programme)
    assert "Klima, miljø og natur" in {c.value for c in ws["D"]}

    # the secretariat fills in two rows and leaves the rest empty
    first, second = ws.cell(row=2, column=1).value, ws.cell(row=3, column=1).value
    ws.cell(row=2, column=2).value = "gul"
    ws.cell(row=2, column=3).value = "venter på fylket"
    ws.cell(row=3, column=2).value = "grønn"
    wb.save(sheet)
    assert cli.main(["status", "--out", str(store), "import", str(sheet)]) == 0
    status = pipeline.load("status", root=str(store)).set_index("lineage_id")
    assert status.loc[first, "status"] == "gul" and status.loc[first, "note"] == "venter på fylket"
    assert status.loc[second, "status"] == "grønn" and len(status) == 2

    # exported again, the statuses are in the sheet; importing it unchanged writes nothing new
    assert cli.main(["measures", "--out", str(store), "--status", "gul", "-o", str(sheet)]) == 0
    ws = openpyxl.load_workbook(sheet).active
    assert [(c[0].value, c[1].value, c[2].value) for c in ws.iter_rows(min_row=2)] == [
        (first, "gul", "venter på fylket")]
    assert cli.main(["status", "--out", str(store), "import", str(sheet)]) == 0
    assert len(pipeline.load("status", root=str(store))) == 2


def test_sheet_reports_unknown_rows(store: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    sheet = tmp_path / "status.xlsx"
    assert cli.main(["measures", "--out", str(store), "--file", "gruppe-3", "-o", str(sheet)]) == 0
    wb = openpyxl.load_workbook(sheet)
    ws = wb.active
    ws.cell(row=2, column=1).value = "finnes-ikke-0000"
    ws.cell(row=2, column=2).value = "rød"
    ws.cell(row=3, column=2).value = "lilla"
    wb.save(sheet)
    assert cli.main(["status", "--out", str(store), "import", str(sheet)]) == 1
    err = capsys.readouterr().err
    assert "rad 2" in err and "rad 3" in err


def test_show_blocks_and_formats(screen: io.StringIO, capsys: pytest.CaptureFixture) -> None:
    assert cli.main(["show", str(SEED)]) == 0
    text = screen.getvalue()
    assert max(len(line) for line in text.splitlines()) <= 80
    blocks = text.strip().split("\n\n")[1:]
    assert len(blocks) > 20 and all(re.match(r"\s*\d+\. ", b) for b in blocks)
    assert "Klima, miljø og natur" in text and "klima-miljo-natur" not in text
    assert cli.main(["show", str(SEED), "--format", "json"]) == 0
    records = json.loads(capsys.readouterr().out)
    assert len(records) == len(blocks)
    assert cli.main(["show", str(SEED), "--format", "csv"]) == 0
    assert len(list(csv.DictReader(io.StringIO(capsys.readouterr().out)))) == len(blocks)


def test_versions_show_local_time(store: Path, screen: io.StringIO) -> None:
    assert cli.main(["versions", "--out", str(store)]) == 0
    text = screen.getvalue()
    assert re.search(r"\d{4}-\d\d-\d\d \d\d:\d\d", text) and not EPOCH_MS.search(text)


def test_run_summary_names_themes_and_next_step(tmp_path: Path, screen: io.StringIO) -> None:
    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    shutil.copy(SEED, raw / SEED.name)
    (raw / "skadet.pdf").write_bytes(b"%PDF-1.4 ikke en ekte pdf")
    summary = run_once(raw, out)
    from pipeline.report.terminal import print_run_summary

    errors = io.StringIO()
    (out / "report.html").write_text("<html></html>", encoding="utf-8")
    print_run_summary(summary, out, cli.console, Console(file=errors, width=200, color_system=None))
    text = screen.getvalue()
    assert "Klima, miljø og natur" in text and "klima-miljo-natur" not in text
    assert re.search(r"Totalt\s+" + str(len(pipeline.load("measures", root=str(out)))), text)
    assert str(out / "report.html") in text and "Neste steg" in text
    assert "skadet.pdf" in errors.getvalue() and "—" in errors.getvalue()


def test_help_is_norwegian_and_names_are_consistent(capsys: pytest.CaptureFixture) -> None:
    parser = cli.build_parser()
    for command in ("measures", "diff", "report"):
        with pytest.raises(SystemExit):
            parser.parse_args([command, "--help"])
        text = capsys.readouterr().out
        assert "--out" in text and "datamappen" in text
        if command != "measures":
            assert "-o FIL" in text and "--output" not in text
