"""The theme and type classifiers learn from the corpus too: the dev split's gold measures are extra
training texts, and the theme fallback ("styring-samarbeid only when no subject theme fits") gets its
probability threshold from document-grouped cross-validation on them. The test split is never read.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from pipeline.evaluation.corpus import gold_documents
from pipeline.nlp import themes
from pipeline.nlp.taxonomy import FALLBACK_THEME
from pipeline.nlp.train import TRAIN_DIR, read_jsonl

FOLDS = 5
FALLBACK_GRID = tuple(round(x, 2) for x in np.arange(0.0, 0.71, 0.05))


@dataclass(frozen=True)
class Example:
    text: str
    theme: str
    alt_themes: frozenset[str]
    type: str
    doc: int


def corpus_examples(corpus: Path) -> list[Example]:
    """Every gold measure of the dev split as a labelled text."""
    out = []
    for i, d in enumerate(gold_documents(corpus, split="dev")):
        for m in d.gold["measures"]:
            out.append(Example(m["text"], m["theme"], frozenset(m.get("alt_themes", [])), m["type"], i))
    return out


def extra_training(examples: list[Example]) -> dict[str, tuple[list[str], list[str]]]:
    """The examples in the form :func:`pipeline.nlp.train.main` takes."""
    texts = [e.text for e in examples]
    return {"themes": (texts, [e.theme for e in examples]), "types": (texts, [e.type for e in examples])}


def choose_fallback(examples: list[Example], out: Path = themes.FALLBACK_FILE) -> dict[str, float]:
    """Pick the theme probability below which the fallback theme is taken, by document-grouped CV
    (each fold's documents predicted by a model trained on the shipped texts and the other folds)."""
    base_texts, base_labels = read_jsonl(TRAIN_DIR / "themes.jsonl", themes.TRAIN_FIELD)
    docs = sorted({e.doc for e in examples})
    predicted: list[tuple[str, float]] = [("", 0.0)] * len(examples)
    for fold in range(FOLDS):
        held = set(docs[fold::FOLDS])
        train = [e for e in examples if e.doc not in held]
        model = themes.train_model(base_texts + [e.text for e in train], base_labels + [e.theme for e in train])
        idx = [i for i, e in enumerate(examples) if e.doc in held]
        for i, row in zip(idx, model.predict_proba([examples[i].text for i in idx])):
            best = int(row.argmax())
            predicted[i] = (model.labels[best], float(row[best]))

    def accuracy(below: float) -> float:
        ok = [(FALLBACK_THEME if p < below else t) in {e.theme, *e.alt_themes} for (t, p), e in zip(predicted, examples)]
        return float(np.mean(ok))

    scores = {below: accuracy(below) for below in FALLBACK_GRID}
    below = max(scores, key=lambda b: (round(scores[b], 3), -b))
    out.write_text(json.dumps({"fallback_below": below, "cv_accuracy": round(scores[below], 3),
                               "cv_accuracy_without_fallback": round(scores[0.0], 3)}) + "\n", encoding="utf-8")
    return {"fallback_below": below, "cv_theme_accuracy": round(scores[below], 3),
            "cv_theme_accuracy_without_fallback": round(scores[0.0], 3)}
