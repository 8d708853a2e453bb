"""The text theme classifier: a measure that no theme heading places gets its theme from its words.

The taxonomy and heading -> theme mapping live in :mod:`pipeline.nlp.taxonomy`.
"""
from __future__ import annotations

import json
from functools import lru_cache
from typing import Any, Callable, Sequence

import numpy as np

from pipeline.config import RESOURCES
from pipeline.nlp.model import LinearModel, fit, lexicon_from, load_model, neutral_lemmas
from pipeline.nlp.taxonomy import FALLBACK_THEME, Taxonomy, load_taxonomy


TRAIN_FIELD = "theme"
MODEL_FILE = RESOURCES / "models" / "themes.npz"


def _theme_lexicon(taxonomy: Taxonomy) -> tuple[tuple[str, str], ...]:
    return lexicon_from([(t.id, t.cues) for t in taxonomy.themes])


def train_model(texts: list[str], labels: list[str], taxonomy: Taxonomy | None = None) -> LinearModel:
    """Fit the theme classifier on labelled texts (used by ``tiltak train``)."""
    tax = taxonomy or load_taxonomy()
    return fit(texts, labels, _theme_lexicon(tax), tax.theme_ids, l2=1e-4, ignore=neutral_lemmas(tax))


def train_predictor(texts: list[str], labels: list[str]) -> Callable[[list[str]], list[str]]:
    """Train on texts and return a function that predicts theme ids (for cross-validation)."""
    model = train_model(texts, labels)
    return lambda new: [model.labels[i] for i in model.predict_proba(new).argmax(axis=1)]


def reset_model_cache() -> None:
    """Forget the loaded model (after retraining)."""
    load_model.cache_clear()
    fallback_settings.cache_clear()


def classify_themes(texts: list[str]) -> list[tuple[str, float]]:
    """Predict (theme id, probability 0..1) for each measure text from its words alone.

    Empty or whitespace-only texts get (``FALLBACK_THEME``, 0.0). The fallback theme's own probability is
    scaled by the trained scale first (the spec: "only when no subject theme fits"); a text whose best theme
    is then less likely than the trained threshold gets ``FALLBACK_THEME`` (see :func:`fallback_settings`).
    """
    out: list[tuple[str, float]] = [(FALLBACK_THEME, 0.0)] * len(texts)
    idx = [i for i, t in enumerate(texts) if t and t.strip()]
    if not idx:
        return out
    below, scale = fallback_settings()
    model = load_model(MODEL_FILE)
    for i, row in zip(idx, model.predict_proba([texts[i] for i in idx])):
        out[i] = with_fallback(row, model.labels, below, scale)
    return out


def with_fallback(row: np.ndarray, labels: Sequence[str], below: float, scale: float) -> tuple[str, float]:
    """(theme, probability) from one row of class probabilities under the fallback settings."""
    if FALLBACK_THEME in labels:
        row = row.copy()
        row[labels.index(FALLBACK_THEME)] *= scale
    best = int(row.argmax())
    score = float(row[best])
    return (FALLBACK_THEME, score) if score < below else (labels[best], score)


FALLBACK_FILE = RESOURCES / "models" / "theme_fallback.json"


@lru_cache(maxsize=1)
def fallback_settings() -> tuple[float, float]:
    """(threshold, scale): the probability below which no subject theme fits and the spec's fallback theme
    is taken, and the factor on the fallback theme's own probability (chosen by ``tiltak train`` on the
    corpus's dev split, :mod:`pipeline.evaluation.classifiers`; (0, 1) when not trained)."""
    if not FALLBACK_FILE.is_file():
        return 0.0, 1.0
    data = json.loads(FALLBACK_FILE.read_text(encoding="utf-8"))
    return float(data["fallback_below"]), float(data.get("fallback_scale", 1.0))


def gold_accuracy(measures: list[dict[str, Any]]) -> float:
    """Share of gold measures whose text-only prediction is the gold theme or one of its alt_themes."""
    preds = classify_themes([m["text"] for m in measures])
    ok = sum(p in {m["theme"], *m.get("alt_themes", [])} for (p, _), m in zip(preds, measures))
    return ok / max(1, len(measures))
