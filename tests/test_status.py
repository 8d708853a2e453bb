"""Traffic lights: set, change, import, aliases, lineage carry-over (real Delta tables in tmp_path)."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from deltalake import DeltaTable

from pipeline.errors import NotFound, TiltakError
from pipeline.status.lights import (
    AmbiguousMeasure,
    InvalidStatus,
    attach_status,
    current_status,
    normalize_status,
    resolve_measure,
    set_status,
    status_history,
    status_summary,
)
from pipeline.status.spreadsheet import import_status


def _measures(version: str = "2025-09-09", ids: tuple[str, ...] = ("a1b2c3d4e5", "f6a7b8c9d0", "0123456789")) -> pd.DataFrame:
    return pd.DataFrame({
        "measure_id": list(ids),
        "program": ["Handlingsprogram 2026"] * 3,
        "version_date": [pd.Timestamp(version).date()] * 3,
        "theme": ["klima-miljo-natur", "klima-miljo-natur", "transport-mobilitet"],
        "text": [
            "Kartlegging av de økologiske korridorene i Osloregionen",
            "Pilot for rensing av Oslofjorden og kartlegging av strandsoner",
            "Påvirke staten for bedre togtilbud på Østlandet",
        ],
        "lineage_id": ["L1", "L2", "L3"],
    })


def test_aliases() -> None:
    assert [normalize_status(s) for s in ("grønn", "Gronn", "green", "GUL", "yellow", "rød", "rod", "Red")] == [
        "grønn", "grønn", "grønn", "gul", "gul", "rød", "rød", "rød"]
    with pytest.raises(InvalidStatus):
        normalize_status("blå")


def test_resolve_by_id_prefix_lineage_and_text() -> None:
    m = _measures()
    assert resolve_measure("a1b2c3d4e5", m)["lineage_id"] == "L1"
    assert resolve_measure("f6a7", m)["lineage_id"] == "L2"
    assert resolve_measure("L3", m)["measure_id"] == "0123456789"
    assert resolve_measure("togtilbud", m)["lineage_id"] == "L3"
    assert resolve_measure("ØKOLOGISKE  korridorene", m)["lineage_id"] == "L1"


def test_resolve_errors_carry_hints() -> None:
    m = _measures()
    with pytest.raises(AmbiguousMeasure) as amb:
        resolve_measure("kartlegging", m)
    assert isinstance(amb.value, TiltakError)
    assert "a1b2c3d4e5" in amb.value.hint and "f6a7b8c9d0" in amb.value.hint
    with pytest.raises(NotFound):
        resolve_measure("finnes ikke", m)
    with pytest.raises(NotFound):
        resolve_measure("", m)


def test_set_and_change_keeps_history(tmp_path: Path) -> None:
    m = _measures()
    assert current_status(tmp_path).empty
    first = set_status(tmp_path, m, "togtilbud", "green", note="i rute")
    assert first["status"] == "grønn" and first["lineage_id"] == "L3"
    set_status(tmp_path, m, "0123456789", "rød", note="forsinket")
    history = status_history(tmp_path, "L3")
    assert list(history["status"]) == ["grønn", "rød"]
    current = current_status(tmp_path)
    assert len(current) == 1
    assert current.iloc[0]["status"] == "rød" and current.iloc[0]["note"] == "forsinket"
    table = DeltaTable(str(tmp_path / "status"))
    assert table.version() == 1  # two commits
    schema = table.to_pyarrow_table().schema
    assert str(schema.field("updated_at").type) == "timestamp[us, tz=UTC]"


def test_invalid_status_writes_nothing(tmp_path: Path) -> None:
    with pytest.raises(InvalidStatus):
        set_status(tmp_path, _measures(), "L1", "lilla")
    assert not (tmp_path / "status").exists()


def test_status_follows_lineage_to_new_version(tmp_path: Path) -> None:
    old = _measures("2025-09-09")
    set_status(tmp_path, old, "L1", "gul")
    new = _measures("2025-10-14", ids=("1111aaaa", "2222bbbb", "3333cccc"))
    both = pd.concat([old, new], ignore_index=True)
    # a lineage resolves to its newest version
    assert resolve_measure("L1", both)["measure_id"] == "1111aaaa"
    joined = attach_status(new, current_status(tmp_path))
    assert joined.set_index("measure_id").loc["1111aaaa", "status"] == "gul"
    assert joined.set_index("measure_id").loc["2222bbbb", "status"] == "ikke vurdert"


def test_import_csv_reports_unknown_and_ambiguous(tmp_path: Path) -> None:
    m = _measures()
    csv = tmp_path / "status.csv"
    csv.write_text(
        "Tiltak;Status;Kommentar\n"
        "økologiske korridorene;Grønn;godt i gang\n"
        "0123456789;red;venter på staten\n"
        "finnes ikke i programmet;gul;\n"
        "kartlegging;gul;to treff\n"
        "f6a7;lilla;ugyldig farge\n",
        encoding="utf-8",
    )
    report = import_status(tmp_path, m, csv)
    assert len(report.written) == 2 and not report.ok
    assert sorted(p.row for p in report.problems) == [4, 5, 6]
    reasons = {p.row: p.reason for p in report.problems}
    assert "no measure matches" in reasons[4]
    assert "matches 2 measures" in reasons[5]
    assert "unknown status" in reasons[6]
    current = current_status(tmp_path).set_index("lineage_id")
    assert current.loc["L1", "status"] == "grønn" and current.loc["L1", "note"] == "godt i gang"
    assert current.loc["L3", "status"] == "rød"
    assert DeltaTable(str(tmp_path / "status")).version() == 0  # one commit for all rows


def test_import_xlsx(tmp_path: Path) -> None:
    pytest.importorskip("openpyxl")
    xlsx = tmp_path / "status.xlsx"
    pd.DataFrame({"MEASURE_ID": ["a1b2c3d4e5", "L2"], "status": ["gul", "gronn"], "note": ["x", None]}).to_excel(
        xlsx, index=False)
    report = import_status(tmp_path, _measures(), xlsx)
    assert report.ok and len(report.written) == 2
    assert dict(zip(current_status(tmp_path)["lineage_id"], current_status(tmp_path)["status"])) == {
        "L1": "gul", "L2": "grønn"}


def test_import_needs_columns(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("navn,farge2\nx,y\n", encoding="utf-8")
    with pytest.raises(TiltakError):
        import_status(tmp_path, _measures(), bad)


def test_summary_counts_unassessed(tmp_path: Path) -> None:
    m = _measures()
    set_status(tmp_path, m, "L1", "grønn")
    summary = status_summary(m, current_status(tmp_path)).set_index("theme")
    assert summary.loc["klima-miljo-natur", "grønn"] == 1
    assert summary.loc["klima-miljo-natur", "ikke vurdert"] == 1
    assert summary.loc["transport-mobilitet", "ikke vurdert"] == 1
    assert summary["totalt"].sum() == 3
