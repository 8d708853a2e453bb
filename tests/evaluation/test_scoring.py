"""``tiltak eval`` scores as the project's scorer does: hand-made cases, and agreement with the shared
scorer on the seed and the real documents beside the repository (CI)."""
from __future__ import annotations

import contextlib
import importlib.util
import io
import json
from pathlib import Path

import pandas as pd
import pytest

from pipeline.cli import main
from pipeline.evaluation.corpus import gold_documents, predict, starting_examples
from pipeline.evaluation.scoring import macro, match, score_measures
from tests.shared import REAL, SCORER, SEED_GOLD, require

ROOT = Path(__file__).resolve().parents[2]
GOLD = {"document": {"file": "x.txt"}, "measures": [
    {"id": "m001", "parent": None, "theme": "klima-miljo-natur", "type": "kartlegging", "key_phrase": "korridorene",
     "partners": ["NMBU"], "goals": [], "targets": []},
    {"id": "m002", "parent": "m001", "theme": "klima-miljo-natur", "type": "prosjekt", "key_phrase": "pilot",
     "partners": [], "goals": [{"kind": "mål", "text": "rent vann i fjorden"}], "targets": []}]}


def test_a_merged_prediction_scores_one_hit_and_one_miss() -> None:
    preds = [{"text": "Kartlegge korridorene og en pilot", "theme": "klima-miljo-natur"}]
    s = score_measures(GOLD, preds)
    assert (s["segmentation_precision"], s["segmentation_recall"]) == (1.0, 0.5) and len(s["missed"]) == 1


def test_pairs_parents_partners_and_goals() -> None:
    preds = [{"measure_id": "a", "text": "Kartlegge korridorene", "partners": ["NMBU"], "theme": "klima-miljo-natur"},
             {"measure_id": "b", "parent_id": "a", "text": "En pilot", "goals": [{"kind": "mål", "text": "rent vann i fjorden"}]},
             {"measure_id": "c", "text": "Hilsen sekretariatet"}]
    assert match(GOLD["measures"], preds) == {0: 0, 1: 1}
    s = score_measures(GOLD, preds)
    assert s["segmentation_precision"] == round(2 / 3, 3) and s["parent_acc"] == 1.0
    assert s["partner_f1"] == 1.0 and s["goal_recall"] == 1.0 and s["theme_acc"] == 0.5
    assert macro([s, {"segmentation_f1": 0.0}])["segmentation_f1"] == round(s["segmentation_f1"] / 2, 3)


def _shared_scorer(gold: Path, preds: list[dict], tmp_path: Path) -> dict:
    spec = importlib.util.spec_from_file_location("tiltak_shared_score", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    parquet = tmp_path / "pred.parquet"
    pd.DataFrame(preds).to_parquet(parquet)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        module.main(["--gold", str(gold), "--pred", str(parquet)])
    return json.loads(out.getvalue().strip().splitlines()[-1])


@pytest.mark.slow
def test_agrees_with_the_shared_scorer(tmp_path: Path) -> None:
    require(SCORER)
    golds = [require(SEED_GOLD), *sorted(require(REAL).glob("*.gold.json"))[:6]]
    for gold_path in golds:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text = gold_path.with_name(gold["document"]["file"])
        path = text if text.is_file() else ROOT / "tests" / "corpus" / "docs" / "seed_workshop_notes.txt"
        preds = [{**p, "source_file": gold["document"]["file"]} for p in predict(path)]
        theirs = _shared_scorer(gold_path, preds, tmp_path)
        ours = score_measures(gold, preds)
        for key, value in theirs.items():
            if key in ours:
                assert ours[key] == value, (gold_path.name, key)


def test_eval_command_prints_figures_and_a_json_line(tmp_path: Path) -> None:
    (tmp_path / "notat.txt").write_text("Tiltak\n\n- Etablere et nettverk for kommunene\n- Kartlegge behovet\n",
                                        encoding="utf-8")
    gold = {"document": {"file": "notat.txt"}, "measures": [
        {"id": "m001", "parent": None, "theme": "styring-samarbeid", "type": "samarbeid", "key_phrase": "nettverk"},
        {"id": "m002", "parent": None, "theme": "styring-samarbeid", "type": "kartlegging", "key_phrase": "behovet"}]}
    (tmp_path / "notat.gold.json").write_text(json.dumps(gold), encoding="utf-8")
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["eval", str(tmp_path)]) == 0
    lines = out.getvalue().strip().splitlines()
    assert lines[0].startswith("notat.txt") and json.loads(lines[-1])["segmentation_f1"] == 1.0


def test_corpus_gold_files_pass_the_checks() -> None:
    checker = ROOT / "tests" / "corpus" / "check_gold.py"
    spec = importlib.util.spec_from_file_location("check_gold", checker)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    known = module.canonical_partners()
    ours = [p for p in sorted((ROOT / "tests" / "corpus").glob("*/*.gold.json")) if not p.name.startswith("seed_")]
    assert [problem for p in ours for problem in module.check(p, known)] == []
    docs = gold_documents(ROOT / "tests" / "corpus")
    assert len([d for d in docs if d.split == "test"]) >= 13 and len({d.publisher for d in docs}) >= 40
    assert len(starting_examples(ROOT / "tests" / "corpus")) == 16  # the shared real documents, marked in the manifest


def test_held_out_documents_are_checked_and_never_in_the_corpus() -> None:
    checker = ROOT / "tests" / "corpus" / "check_gold.py"
    spec = importlib.util.spec_from_file_location("check_gold", checker)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    held = sorted((ROOT / "tests" / "heldout").glob("*.gold.json"))
    assert len(held) >= 5
    assert [problem for p in held for problem in module.check(p, module.canonical_partners())] == []
    corpus = {p.stem for p in (ROOT / "tests" / "corpus").rglob("*.txt")}
    assert not corpus & {p.name.removesuffix(".gold.json") for p in held}


@pytest.mark.slow
def test_quality_floors_on_the_test_split() -> None:
    """Floors a little below what this release reaches (see the issue note), so a regression fails."""
    from pipeline.evaluation.corpus import evaluate, summary

    s = summary(list(evaluate(gold_documents(ROOT / "tests" / "corpus", split="test"))))
    assert s["segmentation_precision"] >= 0.69 and s["segmentation_f1"] >= 0.655, s
    assert s["deadline_acc"] >= 0.67 and s["responsible_f1"] >= 0.53, s
    assert s["partner_f1"] >= 0.17 and s["theme_acc"] >= 0.78 and s["goal_recall"] >= 0.40, s


def test_train_without_scikit_learn_says_which_extra(monkeypatch, capsys) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "sklearn" else real(name, *a))
    assert main(["train"]) == 2
    assert "pip install -e '.[train]'" in capsys.readouterr().err
