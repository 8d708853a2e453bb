"""Choosing the confidence model's threshold, on hand-made candidates."""
from __future__ import annotations

import numpy as np

from pipeline.evaluation.training import Candidates, doc_f1, keeping_floors, macro_f1, smoothed


def _candidates() -> Candidates:
    # document 0: three candidates, two of them measures; document 1: two candidates, one a measure
    labels = np.array([1, 1, 0, 1, 0])
    return Candidates(measures=[[], []], features=[{}] * 5, labels=labels, doc=np.array([0, 0, 0, 1, 1]),
                      n_gold=[2, 1], explicit=np.zeros(5, dtype=bool), detail=np.zeros(5, dtype=bool),
                      names=["seed_workshop_notes.txt", "annet.txt"])


def test_document_and_macro_f1_drop_what_falls_below_the_threshold() -> None:
    c = _candidates()
    probs = np.array([0.9, 0.45, 0.6, 0.8, 0.2])
    assert doc_f1(c, 0, probs, 0.5) == 0.5  # kept: the first measure and the non-measure
    assert doc_f1(c, 0, probs[:3], 0.4) == 0.8  # a document's own probabilities work too
    assert macro_f1(c, probs, 0.5) == (0.5 + 1.0) / 2


def test_the_threshold_keeps_the_reference_document_when_a_ranked_setting_does() -> None:
    c = _candidates()
    ranked = [(0.80, 3.0, 0.5), (0.79, 3.0, 0.4)]  # best cross-validated first
    reference = np.array([0.9, 0.45, 0.2])
    assert keeping_floors(c, ranked, [(0, reference, 0.98)]) == (0.79, 3.0, 0.4)  # at 0.5 it loses a measure
    assert keeping_floors(c, ranked, []) == (0.80, 3.0, 0.5)
    assert keeping_floors(c, ranked[:1], [(0, reference, 0.98)]) == (0.80, 3.0, 0.5)  # none keeps it: the best


def test_an_example_below_its_floor_moves_the_threshold_but_never_below_the_reference() -> None:
    c = _candidates()
    ranked = [(0.80, 3.0, 0.5), (0.79, 3.0, 0.7), (0.78, 3.0, 0.4)]
    reference, example = np.array([0.9, 0.45, 0.2]), np.array([0.6, 0.65])
    # at 0.4 the reference keeps its two measures and the example its one (F1 0.67 against a 0.6 floor)
    assert keeping_floors(c, ranked, [(0, reference, 0.98), (1, example, 0.6)]) == (0.78, 3.0, 0.4)
    # a floor no threshold keeps: the reference alone decides
    assert keeping_floors(c, ranked, [(0, reference, 0.98), (1, example, 0.99)]) == (0.78, 3.0, 0.4)


def test_thresholds_are_ranked_by_the_curve_around_them() -> None:
    grid = [(0.70, 3.0, 0.3), (0.755, 3.0, 0.35), (0.754, 3.0, 0.4), (0.754, 3.0, 0.45), (0.73, 3.0, 0.5),
            (0.90, 1.0, 0.4)]  # another C is no neighbour
    best = max(grid[:5], key=lambda g: smoothed(grid, g))
    assert best[2] == 0.4  # the plateau's centre, not its single best point (0.35)
    assert round(smoothed(grid, grid[0]), 4) == round((0.70 + 0.755) / 2, 4)  # the first threshold has one neighbour
