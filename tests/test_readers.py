"""What the README promises analysts: polars and DuckDB read the tables a run writes, at any version."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import pipeline
from tests.conftest import SEED
from tests.inprocess import run_once

pl = pytest.importorskip("polars")
duckdb = pytest.importorskip("duckdb")


@pytest.fixture(scope="module")
def processed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("readers")
    raw, out = root / "raw", root / "processed"
    raw.mkdir()
    shutil.copy(SEED, raw / SEED.name)
    run_once(raw, out)
    (raw / "andre.md").write_text("# Innspill\n\n- Etablere et nettverk for kommunene\n", encoding="utf-8")
    run_once(raw, out)
    return out


def test_polars_reads_current_and_earlier_versions(processed: Path) -> None:
    current = pl.read_delta(str(processed / "measures"))
    first = pl.read_delta(str(processed / "measures"), version=0)
    assert current.height == len(pipeline.load("measures", root=str(processed)))
    assert first.height == len(pipeline.load("measures", root=str(processed), version=0)) < current.height


def test_duckdb_reads_through_deltalake_and_the_snapshot(processed: Path) -> None:
    from deltalake import DeltaTable

    ds = DeltaTable(str(processed / "measures")).to_pyarrow_dataset()  # noqa: F841 (read by name below)
    by_theme = duckdb.sql("select theme, count(*) as n from ds group by theme").df()
    snapshot = processed / "latest" / "measures.parquet"
    total = duckdb.sql(f"select count(*) from read_parquet('{snapshot}')").fetchall()[0][0]
    assert by_theme["n"].sum() == total == len(pipeline.load("measures", root=str(processed)))
