"""The wording of a candidate measure: a bag-of-words logistic regression over its text.

The confidence model's features describe a candidate's shape (verb forms, modals, length, layout); they
cannot see that "Styret godkjente …", "Vi gjennomgikk …" or "Referatet …" report a meeting while "Tilsyn
med …" or "Innføre …" announce work. This model reads the words themselves: TF-IDF of word unigrams
(sub-linear term frequency, l2-normalised) and a logistic regression, fitted by ``tiltak train`` on the
dev split's candidates (:func:`pipeline.evaluation.training.fit_wording`). Its log-odds are one feature
of the confidence model, learned from out-of-fold values as it meets them on new documents. Applying it
is plain Python: the vocabulary, idf and weights ship as JSON inside the confidence model's file.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

TOKEN = re.compile(r"(?u)\b\w\w+\b")
"""Words of two characters or more, found as scikit-learn's TfidfVectorizer finds them (it fits the model)."""
LIMIT = 10.0
"""Log-odds are clipped: one word never outweighs the layout."""


def words(text: str) -> list[str]:
    """The lower-cased words of ``text``."""
    return TOKEN.findall(text.lower())


@dataclass(frozen=True)
class Wording:
    """Inverse document frequency and weight per word of the vocabulary, and the intercept."""

    idf: dict[str, float]
    weights: dict[str, float]
    intercept: float

    def logit(self, text: str) -> float:
        """The log-odds that ``text`` is a measure, judged by its words alone (0 knows nothing)."""
        counts = Counter(w for w in words(text) if w in self.idf)
        vector = {w: (1.0 + math.log(n)) * self.idf[w] for w, n in counts.items()}
        norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
        z = self.intercept + sum(self.weights.get(w, 0.0) * v / norm for w, v in vector.items())
        return max(-LIMIT, min(LIMIT, z))

    def to_json(self) -> dict:
        """The fields as JSON: every word's idf (the norm needs them all), the weights that are not zero."""
        return {"intercept": round(self.intercept, 6), "idf": {w: round(v, 5) for w, v in sorted(self.idf.items())},
                "weights": {w: round(v, 5) for w, v in sorted(self.weights.items()) if round(v, 5)}}

    @classmethod
    def from_json(cls, data: dict) -> Wording:
        return cls({w: float(v) for w, v in data["idf"].items()}, {w: float(v) for w, v in data["weights"].items()},
                   float(data["intercept"]))
