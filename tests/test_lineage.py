"""Commit-time lineage: unchanged versions keep their stored lineage without aligning; a change in an
earlier version of the programme realigns the versions after it."""
from __future__ import annotations

import pandas as pd
import pytest

from pipeline.compare import lineage
from pipeline.compare.lineage import assign_version_lineage

P = "Handlingsprogram 2027"


def frame(rows: list[tuple[str, str, str, str, str]]) -> pd.DataFrame:
    """(source_file, version_date, measure_id, lineage_id, text) rows of one programme."""
    return pd.DataFrame([{"program": P, "version_date": pd.Timestamp(v), "source_file": f, "measure_id": m,
                          "lineage_id": lid, "text": t, "ordinal": i} for i, (f, v, m, lid, t) in enumerate(rows)])


V1 = [("v1.txt", "2026-09-01", "a1", "a1", "Kartlegge overvann i Follo"), ("v1.txt", "2026-09-01", "b1", "b1", "Restaurere myr")]
V2 = [("v2.txt", "2026-10-01", "a2", "a1", "Kartlegge overvann i hele Follo"), ("v2.txt", "2026-10-01", "b2", "b1", "Restaurere myr")]


@pytest.fixture
def no_align(monkeypatch):
    calls: list[int] = []
    monkeypatch.setattr(lineage, "assign_lineage", lambda prev, cur: calls.append(1) or list(cur["measure_id"]))
    return calls


def test_unchanged_version_keeps_stored_lineage_without_aligning(no_align):
    measures = frame(V1 + V2)
    before = measures[measures["source_file"] == "v2.txt"][lineage.STORED_COLUMNS]
    fresh = measures.assign(lineage_id=measures["measure_id"])  # as parsed: lineage not yet known
    out = assign_version_lineage(fresh, {"v2.txt"}, before)
    assert list(out["lineage_id"]) == ["a1", "b1", "a1", "b1"] and no_align == []


def test_changed_earlier_version_realigns_the_later_ones(no_align):
    measures = frame(V1 + V2)
    before = measures[lineage.STORED_COLUMNS].assign(measure_id=lambda f: f["measure_id"].where(f["source_file"] == "v2.txt", "old"))
    assign_version_lineage(measures.assign(lineage_id=measures["measure_id"]), {"v1.txt", "v2.txt"}, before)
    assert no_align == [1]  # v1 is the first version (nothing to align); v2 realigned because v1 changed


def test_new_measures_are_aligned_to_the_previous_version():
    measures = frame(V1 + V2)
    out = assign_version_lineage(measures.assign(lineage_id=measures["measure_id"]), {"v2.txt"})
    assert list(out["lineage_id"]) == ["a1", "b1", "a1", "b1"]
