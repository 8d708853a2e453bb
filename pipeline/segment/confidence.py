"""How sure the segmenter is that a candidate is a measure: a model learned from the annotated corpus.

Every candidate the layout rules produce (a list item, a paragraph, a table row, a sentence) gets the
probability that it is an intended action and not background, a goal statement, a greeting, a contact
line or meeting logistics. Features are layout (depth, parent, siblings, position), punctuation, length
and the words that open the text (infinitives like "Etablere", modals "skal/bør", past tense "ble",
"Målet er", contact patterns). The model is a logistic regression fitted by ``tiltak train`` on the
corpus's dev split (:mod:`pipeline.evaluation.training`) and shipped as JSON weights; applying it needs
only the standard library and numpy.
"""
from __future__ import annotations

import json
import math
import re
from collections import Counter
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from pipeline.config import RESOURCES
from pipeline.models import Measure

MODEL_FILE = RESOURCES / "models" / "measures.json"
WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
MODAL = re.compile(r"\b(skal|bør|vil|må|skulle|kan|ønsker|ber|foreslår|foreslås|vedtar|vedtok|vurdere[rs]?)\b", re.I)
PAST = re.compile(r"\b(ble|blei|vart|var|har vært|hadde|ble det|har blitt|gjennomført|gjennomførte)\b", re.I)
GOAL = re.compile(r"^\s*(mål(et|a|ene)?|visjon(en)?|hovedmål|delmål|formål(et)?|hensikt(en)?)\b", re.I)
CONTACT = re.compile(r"@|\b(tlf|telefon|mob|e-post|epost|www\.)\b|\b\d{2} ?\d{2} ?\d{2} ?\d{2}\b", re.I)
GREETING = re.compile(r"^\s*(hei|hallo|kjære|hilsen|mvh|vennlig hilsen|med vennlig|takk|beste hilsen)\b", re.I)
LOGISTICS = re.compile(r"\b(neste møte|møtet|referent|til stede|forfall|kl\.|dagsorden|sakliste|referat)\b", re.I)
YEAR = re.compile(r"\b(19|20)\d{2}\b")


def _first_words(text: str, n: int = 2) -> list[str]:
    return [w.casefold() for w in WORD.findall(text)[:n]]


def measure_features(m: Measure, index: int, total: int, siblings: int, children: int = 0) -> dict[str, float]:
    """The features of one candidate (``siblings``: candidates sharing its parent and section;
    ``children``: candidates whose parent it is)."""
    text = m.text.strip()
    words = WORD.findall(text)
    first = _first_words(text)
    f: dict[str, float] = {
        "bias": 1.0, "log_words": math.log1p(len(words)), "short": float(len(words) <= 3),
        "long": float(len(words) > 60), "ends_colon": float(text.endswith(":")),
        "ends_period": float(text.endswith(".")), "question": float("?" in text),
        "sentences": min(5.0, float(len(re.findall(r"[.!?](\s|$)", text)))),
        "modal": float(bool(MODAL.search(text))), "past": float(bool(PAST.search(text))),
        "goal_start": float(bool(GOAL.match(text))), "contact": float(bool(CONTACT.search(text))),
        "greeting": float(bool(GREETING.match(text))), "logistics": float(bool(LOGISTICS.search(text))),
        "year": float(bool(YEAR.search(text))), "digits_share": sum(c.isdigit() for c in text) / max(1, len(text)),
        "upper_start": float(text[:1].isupper()), "quote": float(bool(re.search(r"[«»\"“”]", text))),
        "first_person": float(bool(re.search(r"\b(vi|jeg|eg|oss)\b", text, re.I))),
        "level": min(3.0, float(m.level)), "child": float(m.parent is not None),
        "section_depth": min(4.0, float(len(m.section))), "has_goals": float(bool(m.goals)),
        "has_partner_text": float(bool(m.partner_text)), "label": float(bool(m.label)),
        "log_siblings": math.log1p(siblings), "alone": float(siblings <= 1),
        "position": index / max(1, total - 1), "first_candidate": float(index == 0),
        f"layout={m.layout}": 1.0, "log_children": math.log1p(children),
        "lead_in": float(text.endswith(":") and children > 0),
    }
    if first:
        w = first[0]
        f["w1_inf"] = float(len(w) > 3 and w.endswith("e"))
        f["w1_ing"] = float(w.endswith(("ing", "ering")))
        f["w1_past"] = float(w.endswith(("te", "et", "de")) and len(w) > 4)
    return f


def document_features(measures: list[Measure]) -> list[dict[str, float]]:
    """Features of every candidate of one document, in order."""
    groups = Counter((m.parent, m.section) for m in measures)
    children = Counter(m.parent for m in measures if m.parent is not None)
    return [measure_features(m, i, len(measures), groups[(m.parent, m.section)], children[m.ordinal])
            for i, m in enumerate(measures)]


class ConfidenceModel:
    """Weights per feature name, an intercept and the threshold chosen on the dev split."""

    def __init__(self, weights: dict[str, float], intercept: float, threshold: float) -> None:
        self.weights, self.intercept, self.threshold = weights, intercept, threshold

    def probability(self, features: dict[str, float]) -> float:
        z = self.intercept + sum(self.weights.get(k, 0.0) * v for k, v in features.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def save(self, path: Path, info: dict) -> None:
        payload = {"intercept": self.intercept, "threshold": self.threshold, "info": info,
                   "weights": {k: round(v, 6) for k, v in sorted(self.weights.items()) if abs(v) > 1e-6}}
        path.write_text(json.dumps(payload, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")


@lru_cache(maxsize=2)
def load_model(path: Path = MODEL_FILE) -> ConfidenceModel | None:
    """The shipped model, or None when there is none (every candidate is then kept, confidence unknown)."""
    if not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    return ConfidenceModel(data["weights"], float(data["intercept"]), float(data["threshold"]))


def with_confidence(measures: list[Measure], model: ConfidenceModel | None = None) -> list[Measure]:
    """Each candidate with its ``confidence``; those below the model's threshold are dropped (their
    children move up to the dropped parent's parent) and the rest renumbered in reading order. A table's
    measure cells are never dropped: explicit layout decides there."""
    model = model or load_model()
    if model is None or not measures:
        return measures
    probs = [model.probability(f) for f in document_features(measures)]
    parent_of = {m.ordinal: m.parent for m in measures}
    kept = {m.ordinal for m, p in zip(measures, probs) if p >= model.threshold or m.layout == "table"}
    renumber = {o: i + 1 for i, o in enumerate(sorted(kept))}
    out = []
    for m, p in zip(measures, probs):
        if m.ordinal not in kept:
            continue
        parent = m.parent
        while parent is not None and parent not in kept:
            parent = parent_of.get(parent)
        out.append(replace(m, ordinal=renumber[m.ordinal], parent=renumber.get(parent) if parent else None,
                           confidence=round(p, 3)))
    return out
