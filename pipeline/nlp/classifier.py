"""Loading a shipped text classifier and taking its best label: shared by the theme and type models."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pipeline.nlp.train import LinearModel


@lru_cache(maxsize=4)
def load_model(path: Path) -> "LinearModel":
    """The model saved at ``path``, loaded once per process."""
    from pipeline.nlp.train import LinearModel

    if not path.exists():
        raise FileNotFoundError(f"{path} is missing: run `python -m pipeline.nlp.train`")
    return LinearModel.load(path)


def best_labels(path: Path, texts: list[str]) -> list[tuple[str, float]]:
    """(label, probability) of the model's top class for each text (texts must not be empty)."""
    if not texts:
        return []
    model = load_model(path)
    out = []
    for row in model.predict_proba(texts):
        best = int(row.argmax())
        out.append((model.labels[best], float(row[best])))
    return out
