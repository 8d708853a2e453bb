"""Theme taxonomy, heading mapping and the text theme classifier."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.nlp.taxonomy import heading_to_theme, load_taxonomy

from tests.shared import SEED_GOLD as GOLD, require


def test_taxonomy_has_ten_themes_and_types() -> None:
    tax = load_taxonomy()
    assert len(tax.themes) == 10
    assert "naeringsutvikling" in tax.theme_ids and "styring-samarbeid" in tax.theme_ids
    assert {"prosjekt", "kartlegging", "arrangement", "politisk-pavirkning", "kompetanse",
            "samarbeid", "annet"} <= set(tax.type_ids)
    groups = {t.group for t in tax.themes}
    assert groups == {"innsatsområde", "tverrgående tema"}
    assert "Politiske prioriteringer" in tax.general_headings


def test_user_taxonomy_file(tmp_path: Path) -> None:
    path = tmp_path / "tax.toml"
    path.write_text(
        'general_headings = ["Diverse"]\n[[themes]]\nid = "hav"\nlabel = "Hav og kyst"\n'
        'group = "innsatsområde"\naliases = ["Kyst"]\n', encoding="utf-8")
    tax = load_taxonomy(path)
    assert tax.theme_ids == ("hav",)
    assert heading_to_theme("Kyst:", tax) == "hav"
    assert heading_to_theme("Diverse", tax) is None


@pytest.mark.parametrize(("heading", "theme"), [
    ("Konkurransekraft og næringsutvikling", "naeringsutvikling"),
    ("Kokurransekraft og næringsutvikling:", "naeringsutvikling"),
    ("Næringsutvikling", "naeringsutvikling"),
    ("KLIMA, MILJØ OG NATUR:", "klima-miljo-natur"),
    ("Transport og mobilitet:", "transport-mobilitet"),
    ("Jernbane", "transport-mobilitet"),
    ("By og regionutvikling", "by-regionutvikling"),
    ("Sirkulær økonomi", "sirkularokonomi"),
    ("Grønn næringstransport", "gronn-naeringstransport"),
    ("Energi", "kraft-energi"),
    ("Kraft og enrgi", "kraft-energi"),
    ("Oslofjorden", "oslofjorden-vann"),
    ("Miljøtilstanden i Oslofjordenn, vann og vasdrag", "oslofjorden-vann"),
    ("Internasjonal profilering", "internasjonal-profilering"),
    ("3. Klima, miljø og natur", "klima-miljo-natur"),
    ("Innsatsområde 2: Transport og mobilitet", "transport-mobilitet"),
])
def test_heading_to_theme(heading: str, theme: str) -> None:
    assert heading_to_theme(heading) == theme


@pytest.mark.parametrize("heading", [
    "Politiske prioriteringer", "Overordna strategier:", "Overordnede strategier", "Andre innspill",
    "Innsatsområder", "Tverrgående temaer", "Tverrgåande tema", "Blåbærsyltetøy", "", "  :",
])
def test_general_or_unknown_heading_is_none(heading: str) -> None:
    assert heading_to_theme(heading) is None


def test_classify_themes_empty_and_batch() -> None:
    from pipeline.nlp.taxonomy import FALLBACK_THEME
    from pipeline.nlp.themes import classify_themes

    out = classify_themes(["", "  ", "Kartlegge nettkapasitet og kraftbehov i Lier."])
    assert out[0] == (FALLBACK_THEME, 0.0) and out[1] == (FALLBACK_THEME, 0.0)
    assert out[2][0] == "kraft-energi" and 0.0 < out[2][1] <= 1.0
    assert classify_themes([]) == []


@pytest.mark.parametrize(("text", "theme"), [
    ("Rydde plast på strendene langs fjorden og rense avløp.", "oslofjorden-vann"),
    ("Mer gods fra vei til bane, godsterminal på Alnabru.", "gronn-naeringstransport"),
    ("Ombruk av byggematerialer og tekstiler.", "sirkularokonomi"),
    ("Bedre togtilbud og flere bussavganger mellom byene.", "transport-mobilitet"),
])
def test_classify_themes_obvious(text: str, theme: str) -> None:
    from pipeline.nlp.themes import classify_themes

    assert classify_themes([text])[0][0] == theme


@pytest.mark.slow
def test_seed_headingless_theme_accuracy() -> None:
    require(GOLD)
    from pipeline.nlp.themes import gold_accuracy

    measures = json.loads(GOLD.read_text(encoding="utf-8"))["measures"]
    assert gold_accuracy(measures) >= 0.75


def test_with_fallback_scales_the_fallback_theme_before_choosing() -> None:
    import numpy as np

    from pipeline.nlp.themes import with_fallback

    labels = ("styring-samarbeid", "naeringsutvikling", "kraft-energi")
    row = np.array([0.45, 0.40, 0.15])
    assert with_fallback(row, labels, 0.0, 1.0) == ("styring-samarbeid", 0.45)
    assert with_fallback(row, labels, 0.0, 0.7) == ("naeringsutvikling", 0.40)  # 0.45 * 0.7 < 0.40
    assert with_fallback(row, labels, 0.5, 0.7)[0] == "styring-samarbeid"  # no subject theme is likely enough
    assert row[0] == 0.45  # the caller's row is left alone


def test_fallback_settings_are_read_from_the_trained_file(tmp_path, monkeypatch) -> None:
    from pipeline.nlp import themes

    path = tmp_path / "theme_fallback.json"
    monkeypatch.setattr(themes, "FALLBACK_FILE", path)
    themes.fallback_settings.cache_clear()
    try:
        assert themes.fallback_settings() == (0.0, 1.0)  # not trained: no fallback, no scale
        path.write_text('{"fallback_below": 0.2}', encoding="utf-8")  # a file from before the scale
        themes.fallback_settings.cache_clear()
        assert themes.fallback_settings() == (0.2, 1.0)
        path.write_text('{"fallback_below": 0.2, "fallback_scale": 0.7}', encoding="utf-8")
        themes.fallback_settings.cache_clear()
        assert themes.fallback_settings() == (0.2, 0.7)
    finally:
        themes.fallback_settings.cache_clear()
