"""The theme and type classifiers learn from the corpus too: the dev split's gold measures are extra
training texts, and the theme fallback ("styring-samarbeid only when no subject theme fits") gets its
settings from document-grouped cross-validation on them. The test split is never read.

The fallback has two settings: a probability below which no subject theme fits, and a scale on the
fallback theme's own probability. Most of the corpus is real documents beside the genre (a church's plan,
a school's FAU) where no subject theme fits and the fallback is right, so a model fitted on it takes the
fallback too readily for the programmes themselves, where the spec wants a subject theme whenever one
fits. The settings are chosen for the mean of two accuracies, the genre's documents (regional councils,
the project's starting examples, the synthetic notes and e-mails) and the others, so neither kind
decides alone.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from pipeline.evaluation.corpus import STARTING_EXAMPLE, gold_documents, read_manifest
from pipeline.nlp import themes
from pipeline.nlp.train import TRAIN_DIR, read_jsonl

FOLDS = 5
FALLBACK_GRID = tuple(round(x, 2) for x in np.arange(0.0, 0.71, 0.05))
SCALE_GRID = tuple(round(x, 2) for x in np.arange(1.0, 0.29, -0.1))
GENRE_TYPES = ("interkommunal", "regionråd", "synthetic")
"""Manifest publisher types of the programmes' own genre (with the starting examples)."""


@dataclass(frozen=True)
class Example:
    text: str
    theme: str
    alt_themes: frozenset[str]
    type: str
    doc: int
    genre: bool = False


def in_genre(row: dict[str, str]) -> bool:
    """Whether a manifest row is a document of the programmes' own genre (see the module docstring)."""
    kind = row.get("publisher_type", "").casefold()
    return any(t in kind for t in GENRE_TYPES) or row.get("shape", "").endswith(STARTING_EXAMPLE)


def corpus_examples(corpus: Path) -> list[Example]:
    """Every gold measure of the dev split as a labelled text."""
    manifest = read_manifest(corpus)
    out = []
    for i, d in enumerate(gold_documents(corpus, split="dev")):
        genre = in_genre(manifest.get(d.path.name, {}))
        for m in d.gold["measures"]:
            out.append(Example(m["text"], m["theme"], frozenset(m.get("alt_themes", [])), m["type"], i, genre))
    return out


def extra_training(examples: list[Example]) -> dict[str, tuple[list[str], list[str]]]:
    """The examples in the form :func:`pipeline.nlp.train.main` takes."""
    texts = [e.text for e in examples]
    return {"themes": (texts, [e.theme for e in examples]), "types": (texts, [e.type for e in examples])}


def balanced_accuracy(rows: np.ndarray, labels: list[str], examples: list[Example], below: float, scale: float) -> float:
    """Mean of the genre's and the other documents' theme accuracy (alt themes count) under the settings."""
    ok = np.array([themes.with_fallback(r, labels, below, scale)[0] in {e.theme, *e.alt_themes} for r, e in zip(rows, examples)])
    genre = np.array([e.genre for e in examples])
    groups = [ok[g] for g in (genre, ~genre) if g.any()]
    return float(np.mean([g.mean() for g in groups]))


def out_of_fold_rows(examples: list[Example]) -> tuple[np.ndarray, list[str]]:
    """Each example's theme probabilities from a model trained on the shipped texts and the other folds'
    documents."""
    base_texts, base_labels = read_jsonl(TRAIN_DIR / "themes.jsonl", themes.TRAIN_FIELD)
    docs = sorted({e.doc for e in examples})
    rows: list[np.ndarray] = [np.zeros(0)] * len(examples)
    labels: list[str] = []
    for fold in range(FOLDS):
        held = set(docs[fold::FOLDS])
        train = [e for e in examples if e.doc not in held]
        model = themes.train_model(base_texts + [e.text for e in train], base_labels + [e.theme for e in train])
        labels = list(model.labels)
        idx = [i for i, e in enumerate(examples) if e.doc in held]
        for i, row in zip(idx, model.predict_proba([examples[i].text for i in idx])):
            rows[i] = row
    return np.array(rows), labels


def choose_fallback(examples: list[Example], out: Path = themes.FALLBACK_FILE) -> dict[str, float]:
    """Pick the fallback settings (threshold and scale) by document-grouped CV, for the genre-balanced
    accuracy; ties go to the scale nearest 1 and the lowest threshold."""
    rows, labels = out_of_fold_rows(examples)
    scores = {(below, scale): balanced_accuracy(rows, labels, examples, below, scale)
              for below in FALLBACK_GRID for scale in SCALE_GRID}
    below, scale = max(scores, key=lambda k: (round(scores[k], 3), k[1], -k[0]))
    def overall(b: float, s: float) -> float:
        return float(np.mean([themes.with_fallback(r, labels, b, s)[0] in {e.theme, *e.alt_themes} for r, e in zip(rows, examples)]))

    result = {"fallback_below": float(below), "fallback_scale": float(scale), "cv_balanced_accuracy": round(scores[below, scale], 3),
              "cv_balanced_accuracy_without_fallback": round(scores[0.0, 1.0], 3),
              "cv_accuracy": round(overall(below, scale), 3), "cv_accuracy_without_fallback": round(overall(0.0, 1.0), 3)}
    out.write_text(json.dumps(result) + "\n", encoding="utf-8")
    return result
