"""The same notes give the same measures whatever the format, and every seed fixture meets the
parsing issue's scores through the real flow."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from pipeline.parse import parse
from pipeline.segment import blocks_to_measures

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "tests" / "fixtures" / "seed"
from tests.shared import SCORER, require
from tests.shared import SEED_GOLD as GOLD
FIXTURES = ["handlingsprogram-2026-tabell.pdf", "handlingsprogram-2026-tabell-uten-linjer.pdf",
            "handlingsprogram-2026-tabell.docx", "handlingsprogram-2026-notater.docx",
            "handlingsprogram-2026-notater.pdf", "handlingsprogram-2026-notater.txt",
            "handlingsprogram-2026-tabell.md", "handlingsprogram-2026-tabell-kopiert.txt"]


def measure_texts(name: str) -> list[str]:
    return [" ".join(m.text.split()) for m in blocks_to_measures(parse(SEED / name).blocks)]


@pytest.mark.parametrize("group", [
    ("handlingsprogram-2026-notater.txt", "handlingsprogram-2026-notater.docx", "handlingsprogram-2026-notater.pdf"),
    ("handlingsprogram-2026-tabell.docx", "handlingsprogram-2026-tabell.pdf", "handlingsprogram-2026-tabell-uten-linjer.pdf",
     "handlingsprogram-2026-tabell.md", "handlingsprogram-2026-tabell-kopiert.txt"),
])
def test_same_measures_same_order_in_every_format(group: tuple[str, ...]):
    first, *others = [measure_texts(name) for name in group]
    assert len(first) > 60
    for other in others:
        assert other == first


def run_scorer(argv: list[str]) -> dict:
    """The shared scorer in this process (its ``main`` prints one JSON line last)."""
    import contextlib
    import importlib.util
    import io

    spec = importlib.util.spec_from_file_location("tiltak_score", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        module.main(argv)
    return json.loads(out.getvalue().strip().splitlines()[-1])


@pytest.mark.slow
def test_every_seed_fixture_scores(prefect_harness, tmp_path: Path):
    from flows.reprocess import reprocess

    require(SCORER)
    raw, out = tmp_path / "raw", tmp_path / "processed"
    raw.mkdir()
    for name in FIXTURES:
        shutil.copy(SEED / name, raw / name)
    summary = reprocess(raw=str(raw), out=str(out))
    assert summary.failed == 0 and summary.new == len(FIXTURES)
    for name in FIXTURES:
        s = run_scorer(["--gold", f"{GOLD}::{name}", "--processed", str(out)])
        assert s["segmentation_f1"] >= 0.95 and s["parent_acc"] >= 0.9, (name, s)
        assert s["goal_recall"] >= 0.85 and s["partner_f1"] >= 0.85, (name, s)
