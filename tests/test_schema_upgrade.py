"""A processed/ written before a column was added upgrades on the next write; old versions stay readable."""
from __future__ import annotations

from pathlib import Path

import pipeline
from pipeline import store
from pipeline.schema import SCHEMAS


def test_a_table_without_the_new_column_takes_new_rows(tmp_path: Path) -> None:
    old_schema = SCHEMAS["measures"].remove(SCHEMAS["measures"].get_field_index("confidence"))
    row = {"measure_id": "a", "source_file": "gammel.txt", "text": "Etablere et nettverk", "section": []}
    old = store.to_arrow([row], "measures").drop_columns(["confidence"]).cast(old_schema)
    store.write_table(tmp_path, "measures", old)
    new = store.replace_files(tmp_path, "measures", set(), [{**row, "measure_id": "b", "source_file": "ny.txt",
                                                              "confidence": 0.9}])
    store.write_table(tmp_path, "measures", new)
    now = pipeline.load("measures", root=str(tmp_path))
    assert list(now["confidence"].isna()) == [True, False]
    assert "confidence" not in pipeline.load("measures", root=str(tmp_path), version=0).columns
