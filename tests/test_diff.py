"""diff(): version resolution, refusals, renderers and the changes Delta table."""
from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
import pytest

from pipeline.errors import NotFound, Refused

from pipeline.compare import changes as d

KLIMA = ["Innsatsområder", "Klima, miljø og natur"]


def row(i: int, text: str, source: str, program: str, day: dt.date, **extra: Any) -> dict[str, Any]:
    out = {"measure_id": f"{source}-{i}", "document_id": source, "source_file": f"notater/{source}",
           "program": program, "version_date": day, "ordinal": i, "parent_id": None, "level": 0,
           "section": KLIMA, "theme": "klima-miljo-natur", "measure_type": "prosjekt", "text": text,
           "goals": [], "targets": [], "partners": ["Kommunene"]}
    out.update(extra)
    return out


TEXTS = [
    "Arrangere felles ryddedag blant kommunene for å fjerne fremmedarter.",
    "Kartlegging av de økologiske korridorene i regionen i samarbeid mellom kommunene.",
    "Felles kunnskapsgrunnlag om arealer som er egnet for naturrestaurering.",
]
V1, V2 = dt.date(2025, 9, 9), dt.date(2025, 10, 14)


@pytest.fixture()
def measures(monkeypatch: pytest.MonkeyPatch) -> pd.DataFrame:
    rows = [row(i, t, "v1.txt", "Handlingsprogram 2026", V1) for i, t in enumerate(TEXTS)]
    new_texts = [TEXTS[0], "Kartlegge og beskrive de økologiske korridorene på tvers av kommunegrensene.",
                 TEXTS[2], "Kurs for saksbehandlere om <script>alert(1)</script> naturregnskap & planer."]
    rows += [row(i, t, "v2.txt", "Handlingsprogram 2026", V2) for i, t in enumerate(new_texts)]
    rows[-2]["partners"] = ["Kommunene", "Miljødirektoratet"]
    rows += [row(0, TEXTS[0], "annet.txt", "Handlingsprogram 2030", V2)]
    frame = pd.DataFrame(rows)
    monkeypatch.setattr(d, "_load_measures", lambda root: frame)
    return frame


def test_self_diff_is_all_unchanged(measures: pd.DataFrame) -> None:
    result = d.diff("Handlingsprogram 2026@2025-09-09", "v1.txt", root="x")
    assert list(result.columns) == d.CHANGE_COLUMNS
    assert len(result) == 3 and set(result["change"]) == {"unchanged"}
    assert set(result["old_version"]) == {"Handlingsprogram 2026@2025-09-09"}


def test_versions_by_key_and_by_file(measures: pd.DataFrame) -> None:
    result = d.diff("v1.txt", "Handlingsprogram 2026@2025-10-14", root="x")
    assert result["new_version"].iloc[0] == "Handlingsprogram 2026@2025-10-14"
    assert result["change"].value_counts().to_dict() == {"unchanged": 1, "modified": 2, "added": 1}
    partners = result[result["new_text"] == TEXTS[2]].iloc[0]
    assert list(partners["fields"]) == ["partners"]


def test_different_programmes_refused_unless_forced(measures: pd.DataFrame) -> None:
    with pytest.raises(Refused):
        d.diff("v1.txt", "annet.txt", root="x")
    assert len(d.diff("v1.txt", "annet.txt", root="x", force=True)) == 3


def test_unknown_name_lists_available(measures: pd.DataFrame) -> None:
    with pytest.raises(NotFound) as err:
        d.diff("v1.txt", "Handlingsprogram 2026@2024-01-01", root="x")
    assert "Handlingsprogram 2026@2025-10-14" in str(err.value) and "v2.txt" in str(err.value)


def test_copies_of_one_version_in_other_formats_count_once(monkeypatch: pytest.MonkeyPatch) -> None:
    rows = [row(i, t.replace(".", " "), "a.pdf", "HP", V1) for i, t in enumerate(TEXTS)]  # same notes as a.txt
    rows += [row(i, t, "a.txt", "HP", V1) for i, t in enumerate(TEXTS)]
    rows += [row(9, "Etablere et regionalt næringsforum med faste møter to ganger i året.", "del2.txt", "HP", V1)]
    rows += [row(i, t, "b.txt", "HP", V2) for i, t in enumerate(TEXTS)]
    frame = pd.DataFrame(rows)
    monkeypatch.setattr(d, "_load_measures", lambda root: frame)
    result = d.diff("HP@2025-09-09", "HP@2025-10-14", root="x")
    assert result["change"].value_counts().to_dict() == {"unchanged": 3, "removed": 1}
    assert set(d.rows_of_version(frame, "HP@2025-09-09")[0]["source_file"]) == {"notater/a.pdf", "notater/a.txt",
                                                                              "notater/del2.txt"}


def test_renderers_escape_and_show_word_diff(measures: pd.DataFrame) -> None:
    result = d.diff("v1.txt", "v2.txt", root="x")
    page = d.changes_to_html(result)
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "<del>" in page and "<ins>" in page and "Miljødirektoratet" in page
    md = d.changes_to_markdown(result)
    assert "| Endret (modified) | 2 |" in md and "[-" in md and "{+" in md
    assert "<script>" not in md and "+Miljødirektoratet" in md
    csv = d.changes_to_csv(result)
    assert csv.splitlines()[0].split(",") == d.CHANGE_COLUMNS and "partners" in csv


def test_word_diff() -> None:
    assert d.word_diff("a b c", "a x c") == [("=", "a"), ("-", "b"), ("+", "x"), ("=", "c")]


def test_write_changes_once_per_version_pair(measures: pd.DataFrame, tmp_path: Any) -> None:
    from deltalake import DeltaTable

    result = d.diff("v1.txt", "v2.txt", root="x")
    assert d.write_changes(result, tmp_path) == 0
    assert d.write_changes(result, tmp_path) == 1  # the same pair again: its rows replaced
    other = d.diff("v2.txt", "v1.txt", root="x")
    d.write_changes(other, tmp_path)
    table = DeltaTable(f"{tmp_path}/changes")
    assert table.schema().to_arrow().equals(d.changes_schema()) or \
        [f.name for f in table.schema().fields] == d.CHANGE_COLUMNS
    back = table.to_pandas()
    assert len(back) == len(result) + len(other)
    assert back["old_text"].isna().sum() == 1 and back["new_text"].isna().sum() == 1  # added one way, removed the other
    assert len(DeltaTable(f"{tmp_path}/changes", version=0).to_pandas()) == len(result)


def test_json_is_one_record_per_change(measures: pd.DataFrame) -> None:
    import json

    result = d.diff("v1.txt", "v2.txt", root="x")
    records = json.loads(d.changes_to_json(result))
    assert len(records) == len(result) and set(records[0]) == set(d.CHANGE_COLUMNS)
    assert all(isinstance(r["fields"], list) for r in records)


def test_diff_reads_the_delta_measures_table(tmp_path: Any) -> None:
    import pyarrow as pa
    from deltalake import write_deltalake

    goal = pa.struct([("kind", pa.string()), ("text", pa.string())])
    rows = [row(i, t, "v1.txt", "HP", V1, goals=[{"kind": "mål", "text": "Færre fremmedarter"}])
            for i, t in enumerate(TEXTS)]
    rows += [row(i, t, "v2.txt", "HP", V2, goals=[{"kind": "mål", "text": "Færre fremmedarter"}])
             for i, t in enumerate(reversed(TEXTS))]
    schema = pa.schema([("measure_id", pa.string()), ("source_file", pa.string()), ("program", pa.string()),
                        ("version_date", pa.date32()), ("ordinal", pa.int32()), ("section", pa.list_(pa.string())),
                        ("theme", pa.string()), ("text", pa.string()), ("goals", pa.list_(goal)),
                        ("partners", pa.list_(pa.string()))])
    table = pa.Table.from_pylist([{k: r[k] for k in schema.names} for r in rows], schema=schema)
    write_deltalake(f"{tmp_path}/measures", table)
    result = d.diff("HP@2025-09-09", "v2.txt", root=tmp_path)
    assert set(result["change"]) == {"unchanged"} and len(result) == 3
    with pytest.raises(NotFound):
        d.diff("HP@2025-09-09", "HP@2030-01-01", root=tmp_path)


def test_api_diff_callable_twice(measures: pd.DataFrame) -> None:
    import pipeline

    for _ in range(2):
        assert len(pipeline.diff("v1.txt", "v2.txt", root="x")) == 4


def test_changed_owner_and_deadline_are_named_in_fields(monkeypatch: pytest.MonkeyPatch) -> None:
    old = [row(i, t, "v1.txt", "Handlingsprogram 2026", V1, responsible=["Osloregionens sekretariat"],
               deadline=dt.date(2026, 6, 30)) for i, t in enumerate(TEXTS)]
    new = [row(i, t, "v2.txt", "Handlingsprogram 2026", V2, responsible=["Osloregionens sekretariat"],
               deadline=dt.date(2026, 6, 30)) for i, t in enumerate(TEXTS)]
    new[0]["responsible"] = ["Osloregionens styre"]
    new[1]["deadline"] = dt.date(2026, 12, 31)
    monkeypatch.setattr(d, "_load_measures", lambda root: pd.DataFrame(old + new))
    result = d.diff("v1.txt", "v2.txt", root="x").set_index("new_text")
    assert list(result.loc[TEXTS[0], "fields"]) == ["responsible"]
    assert list(result.loc[TEXTS[1], "fields"]) == ["deadline"]
    assert result.loc[TEXTS[2], "change"] == "unchanged"
