"""Measure types: explicit labels first ("Prosjekt:", "Forprosjekt ...", "Polisk påvirkning:"), then a
classifier over the text (lemma, char n-gram and taxonomy cue features; see :mod:`pipeline.nlp.train`).
"""
from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Any, Callable

from pipeline.nlp.lemmas import lemmatize
from pipeline.config import RESOURCES
from pipeline.nlp.model import LinearModel, best_labels, fit, lexicon_from, load_model, neutral_lemmas
from pipeline.nlp.taxonomy import Taxonomy, load_taxonomy


TRAIN_FIELD = "type"
MODEL_FILE = RESOURCES / "models" / "types.npz"
FALLBACK_TYPE = "annet"
"""Type returned (with score 0) for empty text."""
LABEL_SCORE = 0.99
"""Score given to a type decided by an explicit label."""

_LEAD = re.compile(r"^[\s*•·\-–o\uf0b7]*(?:o\s+)?")
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)?")


def _norm(text: str) -> str:
    return " ".join(_WORD.findall(unicodedata.normalize("NFC", text).lower()))


@lru_cache(maxsize=8)
def _label_index(taxonomy: Taxonomy) -> tuple[tuple[str, str], ...]:
    """(normalised label, type id), longest first so "politisk påvirkning" beats "politikk"."""
    pairs = {(_norm(label), t.id) for t in taxonomy.types for label in (t.label, *t.labels)}
    return tuple(sorted((p for p in pairs if p[0]), key=lambda p: (-len(p[0]), p)))


def explicit_type(text: str, taxonomy: Taxonomy | None = None) -> str | None:
    """Type id given by an explicit label at the start of a measure, else None.

    The first one or two words are compared with the taxonomy's type labels, exactly, by lemma
    ("Prosjektet" -> prosjekt) or fuzzily for labels of 7+ letters ("Polisk påvirkning" ->
    politisk-pavirkning). Only the first label counts: "Prosjekt/kartlegging:" -> prosjekt,
    "Arrangement eller prosjekt:" -> arrangement.
    """
    return _explicit_type(text or "", taxonomy or load_taxonomy())


@lru_cache(maxsize=1 << 14)
def _explicit_type(text: str, tax: Taxonomy) -> str | None:  # the segmenter and the classifier both ask
    head = _LEAD.sub("", unicodedata.normalize("NFC", text))
    words = _WORD.findall(head[:80].lower())
    if not words:
        return None
    for n in (2, 1):
        if len(words) < n:
            continue
        cand = " ".join(words[:n])
        cand_lemma = " ".join(lemmatize(w) for w in words[:n])
        for label, type_id in _label_index(tax):
            if label.count(" ") != n - 1:
                continue
            if cand == label or cand_lemma == label:
                return type_id
            if (len(label) >= 7 and cand[:1] == label[:1] and abs(len(cand) - len(label)) <= 2
                    and SequenceMatcher(None, cand, label).ratio() >= 0.86):
                return type_id
    return None


def _type_lexicon(taxonomy: Taxonomy) -> tuple[tuple[str, str], ...]:
    return lexicon_from([(t.id, t.cues) for t in taxonomy.types])


def train_model(texts: list[str], labels: list[str], taxonomy: Taxonomy | None = None) -> LinearModel:
    """Fit the type classifier on labelled texts (used by ``tiltak train``)."""
    tax = taxonomy or load_taxonomy()
    return fit(texts, labels, _type_lexicon(tax), tax.type_ids, l2=3e-4, min_df=2,
               ignore=neutral_lemmas(tax))


def train_predictor(texts: list[str], labels: list[str]) -> Callable[[list[str]], list[str]]:
    """Train on texts and return a label-first predictor of type ids (for cross-validation)."""
    model = train_model(texts, labels)

    def predict(new: list[str]) -> list[str]:
        probs = model.predict_proba(new)
        return [explicit_type(t) or model.labels[int(p.argmax())] for t, p in zip(new, probs)]

    return predict


def reset_model_cache() -> None:
    """Forget the loaded model (after retraining)."""
    load_model.cache_clear()


def classify_types(texts: list[str]) -> list[tuple[str, float]]:
    """Predict (measure type id, score 0..1) for each measure text.

    An explicit label decides with score ``LABEL_SCORE``; otherwise the classifier's top class and
    probability. Empty or whitespace-only texts get (``FALLBACK_TYPE``, 0.0).
    """
    out: list[tuple[str, float]] = [(FALLBACK_TYPE, 0.0)] * len(texts)
    rest: list[int] = []
    for i, text in enumerate(texts):
        if not text or not text.strip():
            continue
        label = explicit_type(text)
        if label:
            out[i] = (label, LABEL_SCORE)
        else:
            rest.append(i)
    for i, prediction in zip(rest, best_labels(MODEL_FILE, [texts[i] for i in rest])):
        out[i] = prediction
    return out


def gold_accuracy(measures: list[dict[str, Any]]) -> float:
    """Share of gold measures whose predicted type equals the gold type."""
    preds = classify_types([m["text"] for m in measures])
    return sum(p == m["type"] for (p, _), m in zip(preds, measures)) / max(1, len(measures))
