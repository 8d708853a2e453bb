"""Measure types: explicit labels first, then the classifier."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.nlp.types import FALLBACK_TYPE, classify_types, explicit_type

from tests.shared import SEED_GOLD as GOLD, require


@pytest.mark.parametrize(("text", "type_id"), [
    ("Prosjekt: felles innkjøp av ladere.", "prosjekt"),
    ("Prosjekt/kartlegging: Kartlegging av bekker i Asker.", "prosjekt"),
    ("Forprosjekt Ombruk av møbler", "prosjekt"),
    ("Pilot: sykkelhotell på Ski stasjon", "prosjekt"),
    ("Arrangement eller prosjekt: Fjordens dag.", "arrangement"),
    ("Seminar om solkraft", "arrangement"),
    ("Politikk: staten må betale for nytt spor.", "politisk-pavirkning"),
    ("Polisk påvirkning: krav om midler til opprydding.", "politisk-pavirkning"),
    ("Politisk påvirkning: høyere terskelverdi.", "politisk-pavirkning"),
    ("Karlegging av kraftsituasjonen i Hamar.", "kartlegging"),
    ("Utredning om felles takstsone.", "kartlegging"),
    ("Kurs for saksbehandlere i Lier.", "kompetanse"),
    ("Dialog med Ruter om nattbuss.", "samarbeid"),
    ("* Samarbeid med NMBU om skog.", "samarbeid"),
])
def test_explicit_labels(text: str, type_id: str) -> None:
    assert explicit_type(text) == type_id
    assert classify_types([text])[0][0] == type_id


@pytest.mark.parametrize("text", ["Natur i by - bakgrunn", "Fortetting av næringsbygg", "Lavterskel tilbud"])
def test_no_label(text: str) -> None:
    assert explicit_type(text) is None


def test_empty_text_does_not_crash() -> None:
    assert classify_types(["", "   \n", "Arrangere ryddedag i Moss."]) [:2] == [
        (FALLBACK_TYPE, 0.0), (FALLBACK_TYPE, 0.0)]
    assert classify_types([]) == []


def test_classifier_without_label() -> None:
    (type_id, score), = classify_types(["Påvirke staten til å bygge dobbeltspor til Hamar."])
    assert type_id == "politisk-pavirkning" and 0.0 < score <= 1.0


@pytest.mark.slow
def test_seed_type_accuracy() -> None:
    require(GOLD)
    from pipeline.nlp.types import gold_accuracy

    measures = json.loads(GOLD.read_text(encoding="utf-8"))["measures"]
    assert gold_accuracy(measures) >= 0.8
