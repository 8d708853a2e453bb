"""The theme fallback's settings are chosen for both kinds of document (pipeline.evaluation.classifiers)."""
from __future__ import annotations

import numpy as np

from pipeline.evaluation.classifiers import Example, balanced_accuracy, in_genre


def _example(theme: str, genre: bool) -> Example:
    return Example("tekst", theme, frozenset(), "annet", 0, genre)


def test_in_genre_reads_the_manifest_row() -> None:
    assert in_genre({"publisher_type": "interkommunalt politisk råd (regionråd)"})
    assert in_genre({"publisher_type": "synthetic"})
    assert in_genre({"publisher_type": "", "shape": "notes (from the project's starting examples)"})
    assert not in_genre({"publisher_type": "organisasjon (menighetsråd)", "shape": "plan"})


def test_balanced_accuracy_weighs_both_kinds_alike() -> None:
    labels = ["styring-samarbeid", "naeringsutvikling"]
    rows = np.array([[0.6, 0.4]] * 4)  # the model leans to the fallback everywhere
    examples = [_example("naeringsutvikling", True)] + [_example("styring-samarbeid", False)] * 3
    # unscaled: the genre's one example wrong, the three others right -> (0 + 1) / 2, not 3 / 4
    assert balanced_accuracy(rows, labels, examples, 0.0, 1.0) == 0.5
    # scaled so the subject theme wins: the genre right, the others wrong
    assert balanced_accuracy(rows, labels, examples, 0.0, 0.5) == 0.5
    assert balanced_accuracy(rows[:1], labels, examples[:1], 0.0, 0.5) == 1.0  # one kind alone: its accuracy
