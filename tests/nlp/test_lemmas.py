"""Norwegian lookup lemmatizer."""
from __future__ import annotations

import pytest
import spacy

from pipeline.nlp.lemmas import lemma_tokens, lemmatize, register_lemmatizer


@pytest.mark.parametrize(("word", "lemma"), [
    ("kommunene", "kommune"),
    ("Kommunene", "kommune"),
    ("fylkene", "fylke"),
    ("bedrifter", "bedrift"),
    ("prosjektet", "prosjekt"),
    ("stasjoner", "stasjon"),
    ("løftes", "løfte"),
    ("næringslivet", "næringsliv"),
    ("kraftbehovet", "kraftbehov"),          # compound via its known tail
    ("innlandskommunene", "innlandskommune"),
])
def test_lemmatize(word: str, lemma: str) -> None:
    assert lemmatize(word) == lemma


def test_unknown_words_fall_back_to_suffix_stripping() -> None:
    assert lemmatize("xyzbakkene") == "xyzbakke"  # compound: known tail "bakkene"
    assert lemmatize("zqxwkene") == "zqxwk"
    assert lemmatize("qzxwtingene") == "qzxwting"
    assert lemmatize("qqq") == "qqq"


def test_non_words_and_empty() -> None:
    assert lemmatize("") == ""
    assert lemmatize("2030") == "2030"
    assert lemma_tokens("") == []


def test_lemma_tokens() -> None:
    assert lemma_tokens("Samarbeid mellom kommunene, 30 %") == ["samarbeid", "mellom", "kommune", "30"]


def test_spacy_component() -> None:
    register_lemmatizer()
    nlp = spacy.blank("nb")
    nlp.add_pipe("tiltak_lemmatizer")
    doc = nlp("Fylkeskommunene og bedriftene.")
    assert [t.lemma_ for t in doc][:3] == ["fylkeskommune", "og", "bedrift"]


def test_lemma_table_is_cached_between_processes(tmp_path, monkeypatch) -> None:  # noqa: ANN001
    from pipeline.nlp import lemmas

    monkeypatch.setenv("TILTAK_CACHE_DIR", str(tmp_path))
    lemmas.lemma_table.cache_clear()
    decoded = lemmas.lemma_table()
    written = list(tmp_path.glob("lemmas-*.pickle"))
    assert len(written) == 1 and decoded[0]["kommunene"] == "kommune"
    lemmas.lemma_table.cache_clear()
    assert lemmas.lemma_table() == decoded  # read back from the pickle
    written[0].write_bytes(b"damaged")
    lemmas.lemma_table.cache_clear()
    assert lemmas.lemma_table() == decoded  # a damaged cache is rebuilt, never an error
    lemmas.lemma_table.cache_clear()


def test_lemma_lookups_from_the_cached_sqlite_file_equal_the_table(tmp_path, monkeypatch) -> None:  # noqa: ANN001
    import os

    from pipeline.nlp import lemmas

    monkeypatch.setenv("TILTAK_CACHE_DIR", str(tmp_path))
    lemmas._lemma_db.cache_clear()
    lemmas.inflected_lemma.cache_clear()
    lemmas.is_lemma.cache_clear()
    forms, known = lemmas.lemma_table()
    words = ["kommunene", "kommune", "og", "kraftbehovet", "xyzzy", *list(forms)[:2000:7], *list(known)[:2000:7]]
    expected = [forms.get(w) or (w if w in known else None) for w in words]
    assert [lemmas._known(w) for w in words] == expected
    assert [lemmas.inflected_lemma(w) for w in words] == [forms.get(w) for w in words]
    assert [lemmas.is_lemma(w) for w in words] == [w in known for w in words]
    written = list(tmp_path.glob("lemmas-*.sqlite"))
    assert len(written) == 1
    lemmas._lemma_db(os.getpid()).close()
    written[0].write_bytes(b"damaged")
    lemmas._lemma_db.cache_clear()
    lemmas.inflected_lemma.cache_clear()
    lemmas.is_lemma.cache_clear()
    assert [lemmas._known(w) for w in words] == expected  # a damaged file is written again, never an error
    lemmas._lemma_db.cache_clear()
    lemmas.inflected_lemma.cache_clear()
    lemmas.is_lemma.cache_clear()
    lemmas.lemmatize.cache_clear()
