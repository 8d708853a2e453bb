"""End to end through the Prefect flow: versions, incremental runs, the scorer's figures on the seed."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import pipeline
from deltalake import DeltaTable

ROOT = Path(__file__).resolve().parents[1]
from tests.shared import SCORER, require
from tests.shared import SEED_GOLD as GOLD


@pytest.mark.slow
def test_incremental_runs_and_versions(prefect_harness, seed_raw: Path, tmp_path: Path):
    from flows.reprocess import reprocess

    out = tmp_path / "processed"
    first = reprocess(raw=str(seed_raw), out=str(out))
    assert first.committed and first.new == 1 and first.failed == 0
    measures = pipeline.load("measures", root=str(out))
    assert len(measures) > 50 and measures["lineage_id"].notna().all()
    assert (out / "latest" / "measures.parquet").is_file() and (out / "report.html").is_file()

    again = reprocess(raw=str(seed_raw), out=str(out))
    assert not again.committed and DeltaTable(str(out / "measures")).version() == 0

    other = seed_raw / "andre notater.md"
    other.write_text("# Handlingsprogram 2027\n\n## Kraft og energi\n\n- Kartlegge kraftbehov i Lier kommune\n",
                     encoding="utf-8")
    third = reprocess(raw=str(seed_raw), out=str(out))
    assert third.new == 1 and third.unchanged == 1 and DeltaTable(str(out / "measures")).version() == 1
    now = pipeline.load("measures", root=str(out))
    assert set(now["source_file"]) == {"andre notater.md", seed_raw.joinpath(next(iter(
        p.name for p in seed_raw.iterdir() if p.suffix == ".txt"))).name}
    before = pipeline.load("measures", root=str(out), version=0)
    unchanged = now[now["source_file"] != "andre notater.md"]
    assert sorted(unchanged["measure_id"]) == sorted(before["measure_id"])

    other.unlink()
    fourth = reprocess(raw=str(seed_raw), out=str(out))
    assert fourth.removed == 1 and "andre notater.md" not in set(pipeline.load("measures", root=str(out))["source_file"])


@pytest.mark.slow
def test_seed_scores(prefect_harness, seed_raw: Path, tmp_path: Path):
    from flows.reprocess import reprocess

    require(SCORER)
    out = tmp_path / "processed"
    reprocess(raw=str(seed_raw), out=str(out))
    name = next(seed_raw.iterdir()).name
    proc = subprocess.run([sys.executable, str(SCORER), "--gold", f"{GOLD}::{name}", "--processed", str(out)],
                          cwd=ROOT, capture_output=True, text=True, check=True)
    scores = json.loads(proc.stdout.strip().splitlines()[-1])
    assert scores["segmentation_f1"] >= 0.95 and scores["theme_acc"] >= 0.95 and scores["parent_acc"] >= 0.9
    assert scores["partner_f1"] >= 0.8 and scores["goal_recall"] >= 0.75 and scores["goal_precision"] >= 0.75
    assert scores["target_recall"] >= 0.66 and scores["version_date_ok"] == 1 and scores["meeting_date_ok"] == 1


@pytest.mark.slow
def test_status_follows_reworded_measure_to_next_version(prefect_harness, tmp_path: Path):
    """A traffic light set in version 1 shows on the reworded measure of version 2 (same lineage)."""
    import shutil

    from flows.reprocess import reprocess
    from pipeline.status.lights import attach_status, current_status, set_status

    raw, out = tmp_path / "raw", tmp_path / "processed"
    raw.mkdir()
    for name in ("seed-v1.txt", "seed-v2.txt"):
        shutil.copy(ROOT / "tests" / "fixtures" / "diff" / name, raw / name)
    reprocess(raw=str(raw), out=str(out))
    changes = pipeline.diff("seed-v1.txt", "seed-v2.txt", root=str(out))
    reworded = changes[(changes["change"] == "modified") & changes["fields"].apply(lambda f: "text" in list(f))].iloc[0]
    measures = pipeline.load("measures", root=str(out))
    set_status(str(out), measures, reworded["old_measure_id"], "gul", "venter på finansiering")
    shown = attach_status(measures[measures["source_file"] == "seed-v2.txt"], current_status(str(out)))
    assert shown.set_index("measure_id").loc[reworded["new_measure_id"], "status"] == "gul"
