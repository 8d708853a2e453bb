"""The wording model: TF-IDF of words and a logistic regression, applied without scikit-learn."""
from __future__ import annotations

import json
import math

import numpy as np

from pipeline.evaluation.training import fit_wording
from pipeline.models import Measure
from pipeline.segment.confidence import ConfidenceModel, Linear, load_model
from pipeline.segment.wording import LIMIT, Wording, words

TEXTS = ["Etablere et nettverk for næringsrådgivere", "Etablere felles innkjøp av elbiler",
         "Styret godkjente referatet fra forrige møte", "Referatet ble godkjent uten merknader",
         "Kartlegge næringsareal i regionen", "Møtet ble hevet kl. 15.00",
         "Etablere en felles portal for kurs", "Referatet sendes ut etter møtet"]
LABELS = np.array([1, 1, 0, 0, 1, 0, 1, 0])


def test_words_are_lower_cased_and_two_letters_or_more() -> None:
    assert words("Møte i Ålesund, 2. mars") == ["møte", "ålesund", "mars"]


def test_logit_is_what_scikit_learn_computes() -> None:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    model = fit_wording(TEXTS, LABELS)
    vec = TfidfVectorizer(min_df=2, sublinear_tf=True)
    lr = LogisticRegression(C=1.0, max_iter=3000).fit(vec.fit_transform(TEXTS), LABELS)
    probe = ["Etablere et nytt nettverk", "Referatet fra møtet ble godkjent", "Helt andre ord her"]
    expected = lr.decision_function(vec.transform(probe))
    assert np.allclose([model.logit(t) for t in probe], expected, atol=1e-9)
    assert model.logit("Etablere et nettverk") > 0 > model.logit("Referatet ble godkjent")


def test_unknown_words_leave_the_intercept_and_extremes_are_clipped() -> None:
    model = Wording({"etablere": 1.0}, {"etablere": 50.0}, -0.5)
    assert model.logit("Helt ukjente ord") == -0.5
    assert model.logit("Etablere") == LIMIT


def test_a_saved_model_reads_back_and_adds_the_wording_feature(tmp_path) -> None:
    wording = fit_wording(TEXTS, LABELS)
    linear = Linear({"wording": 1.0}, 0.0)
    path = tmp_path / "measures.json"
    ConfidenceModel(linear, linear, 0.5, wording).save(path, {})
    loaded = load_model(path)
    m = Measure(ordinal=1, text="Etablere et nettverk for kurs")
    assert math.isclose(loaded.features([m])[0]["wording"], wording.logit(m.text), abs_tol=1e-3)


def test_a_model_saved_before_the_wording_model_still_loads(tmp_path) -> None:
    path = tmp_path / "old.json"
    stage = {"intercept": 0.0, "weights": {"bias": 1.0}}
    path.write_text(json.dumps({"threshold": 0.4, "info": {}, "first": stage, "second": stage}), encoding="utf-8")
    model = load_model(path)
    assert model.wording is None and "wording" not in model.features([Measure(ordinal=1, text="Etablere")])[0]
