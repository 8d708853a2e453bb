"""The classifiers' scipy-free prediction equals the sparse-matrix product bit for bit."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from pipeline.config import RESOURCES
from pipeline.nlp.model import _softmax, load_model

CORPUS = Path(__file__).parents[1] / "corpus"


@pytest.mark.parametrize("name", ["themes.npz", "types.npz"])
def test_predictions_equal_the_sparse_product(name: str) -> None:
    texts = ["", "og", "Samarbeid med kommunene om klimatilpasning"]
    for path in sorted(CORPUS.glob("docs/*.txt"))[:20]:
        texts += [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    model = load_model(Path(RESOURCES) / "models" / name)
    expected = _softmax(model.matrix(texts) @ model.weights + model.bias)
    assert np.array_equal(model.predict_proba(texts), expected)
