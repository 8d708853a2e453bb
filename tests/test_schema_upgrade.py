"""A processed/ written before a column was added upgrades on the next write; old versions stay readable."""
from __future__ import annotations

from pathlib import Path

from deltalake import write_deltalake

import pipeline
from pipeline import store
from pipeline.schema import SCHEMAS
from pipeline.store.evolve import upgrade


def test_a_table_without_the_new_column_takes_new_rows(tmp_path: Path) -> None:
    old_schema = SCHEMAS["measures"].remove(SCHEMAS["measures"].get_field_index("confidence"))
    row = {"measure_id": "a", "source_file": "gammel.txt", "text": "Etablere et nettverk", "section": []}
    old = store.to_arrow([row], "measures").drop_columns(["confidence"]).cast(old_schema)
    write_deltalake(str(store.table_path(tmp_path, "measures")), old)  # as a release before the column wrote it
    upgrade(tmp_path)
    new = store.replace_files(tmp_path, "measures", set(), [{**row, "measure_id": "b", "source_file": "ny.txt",
                                                              "confidence": 0.9}])
    store.write_table(tmp_path, "measures", new)
    now = pipeline.load("measures", root=str(tmp_path))
    assert list(now["confidence"].isna()) == [True, False]
    assert "confidence" not in pipeline.load("measures", root=str(tmp_path), version=0).columns


FIXTURE = Path(__file__).resolve().parent / "fixtures" / "store-26bdff2"


def _run(raw: Path, out: Path):  # noqa: ANN202 - a RunSummary
    """One run as the flow makes it (pipeline-version checks included), in this process."""
    from datetime import datetime, timezone

    from pipeline.config import Settings
    from pipeline.run.cache import plan, process_cached
    from pipeline.run.commit import commit_run
    from pipeline.store.lock import run_lock

    settings = Settings(raw=raw, out=out, result_cache=False)
    with run_lock(out, timeout=60):
        planned = plan(settings)
        results = [process_cached(f, "t", planned.version, None, settings) for f in planned.to_process]
        return commit_run(settings, planned.scan, results, datetime.now(timezone.utc), "t")


def test_a_processed_folder_of_26bdff2_upgrades_and_takes_a_new_file(tmp_path: Path) -> None:
    import shutil

    from pipeline.schema import SCHEMA_VERSION
    from pipeline.store.evolve import pending, schema_version

    raw, out = tmp_path / "raw", tmp_path / "processed"
    shutil.copytree(FIXTURE / "raw", raw)
    shutil.copytree(FIXTURE / "out", out)
    old_versions = {t: store.table_version(out, t) for t in ("measures", "documents", "errors")}
    assert set(pending(out)) == set(SCHEMAS)
    (raw / "nye notater.md").write_text("# Handlingsprogram 2026\n\n## Kraft og energi\n\n"
                                        "- Bygge ut ladepunkter for tungtransport i Asker\n", encoding="utf-8")
    summary = _run(raw, out)
    assert summary.upgraded and any(u.startswith("measures 1 -> ") and "confidence" in u for u in summary.upgraded)
    assert any(u.startswith("documents") and "source_name_raw" in u for u in summary.upgraded)
    assert any(u.startswith("measures") and "deadline_text" in u for u in summary.upgraded)
    assert any(u.startswith("measure_partners") and "role" in u for u in summary.upgraded)
    assert summary.new == 1 and summary.committed and not pending(out)
    assert all(schema_version(out, t) == SCHEMA_VERSION for t in SCHEMAS)
    measures = pipeline.load("measures", root=str(out))
    assert any("ladepunkter" in t for t in measures["text"])
    assert len(set(measures["source_file"])) == 3
    assert measures["confidence"].notna().all()  # reprocessed under the new pipeline version: filled
    for table, version in old_versions.items():  # every old version still loads as it was written
        for v in range(version + 1):
            old = pipeline.load(table, root=str(out), version=v)
            assert "confidence" not in old.columns and "source_name_raw" not in old.columns
    assert len(pipeline.load("status", root=str(out))) == 1 and len(pipeline.load("changes", root=str(out))) == 70
    again = _run(raw, out)
    assert not again.upgraded and not again.committed


def test_a_table_from_a_newer_release_is_refused(tmp_path: Path) -> None:
    import pytest

    from pipeline.errors import StoreError
    from pipeline.schema import SCHEMA_VERSION
    from pipeline.store.evolve import upgrade
    from pipeline.store.tables import SCHEMA_KEY

    from deltalake import CommitProperties, write_deltalake

    write_deltalake(str(tmp_path / "runs"), store.to_arrow([], "runs"),
                    commit_properties=CommitProperties(custom_metadata={SCHEMA_KEY: str(SCHEMA_VERSION + 1)}))
    with pytest.raises(StoreError, match="newer tiltak"):
        upgrade(tmp_path)
