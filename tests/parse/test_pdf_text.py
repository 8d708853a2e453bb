"""Shared text helpers: bullets, hyphenation, column roles, row ordering."""
from __future__ import annotations

import pytest

from pipeline.models import Block
from pipeline.parse.pdf_text import (Cell, clean_text, column_role, header_roles, join_lines, order_row,
                                     split_bullet)


@pytest.mark.parametrize("text,bullet,rest", [
    ("* Politikk: Statens rolle", "*", "Politikk: Statens rolle"),
    ("*Prosjekt: Hva må til", "*", "Prosjekt: Hva må til"),
    ("o Naturrestaurering", "o", "Naturrestaurering"),
    ("-       lære og trene", "-", "lære og trene"),
    ("\uf0b7 Word-punkt", "•", "Word-punkt"),
    ("▪ Mål: færre utenfor", "▪", "Mål: færre utenfor"),
    ("A) arealbruk", "A)", "arealbruk"),
    ("2. Andre punkt", "2.", "Andre punkt"),
    ("29. august 2025 - gruppearbeid", None, "29. august 2025 - gruppearbeid"),
    ("og dette fortsetter", None, "og dette fortsetter"),
    ("-teste ut kontainere", None, "-teste ut kontainere"),
])
def test_split_bullet(text: str, bullet: str | None, rest: str) -> None:
    assert split_bullet(text) == (bullet, rest)


@pytest.mark.parametrize("lines,joined", [
    (["mindre by-", "og tettstedsområder"], "mindre by- og tettstedsområder"),
    (["søke EU-", "midler"], "søke EU-midler"),
    (["torsdagen): -", "teste ut"], "torsdagen): -teste ut"),
    (["transportplanlegging –", "hvorfor det"], "transportplanlegging –hvorfor det"),
    (["en  linje", "  og   neste "], "en linje og neste"),
    (["digi\u00ad", "tale"], "digitale"),
    # Chromium's own break hyphen (from a soft hyphen in the source) is U+2010: the word is rejoined
    (["Status per novem\u2010", "ber"], "Status per november"),
    (["Ansvarlig / samarbeids\u2010", "partnere"], "Ansvarlig / samarbeidspartnere"),
    # a typed hyphen stays; a U+2010 inside a line is a hyphen
    (["felles IKT-", "løsninger"], "felles IKT-løsninger"),
    (["under COVID\u201019 og", "etter"], "under COVID-19 og etter"),
    # a suspended compound keeps its space: "samfunns-og" broken at the hyphen reads as "samfunns- og"
    # (Chromium draws no trailing space, and the corpus texts write "X- og" 76 times, "X-og" 3 times)
    (["berekraftig samfunns-", "og tenesteutvikling"], "berekraftig samfunns- og tenesteutvikling"),
])
def test_join_lines(lines: list[str], joined: str) -> None:
    assert join_lines(lines) == joined


def test_clean_text_nfc() -> None:
    assert clean_text("Mila\u030a\u00a0 og\tvann") == "Milå og vann"


@pytest.mark.parametrize("header,role", [
    ("Innsatsområde/ tverrgående tema", "theme"), ("Tiltak", "measure"),
    ("Resultat- og effektmål", "goal"), ("Mål", "goal"), ("Partnere", "partner"),
    ("Samarbeidspartnere", "partner"), ("Ansvar", "responsible"), ("Ansvar/partnere", "partner"), ("Frist", "deadline"), ("Kommentar", "other"),
])
def test_column_role(header: str, role: str) -> None:
    assert column_role(header) == role


def test_header_roles_needs_a_real_header() -> None:
    assert header_roles(["Tiltak", "Mål", "Ansvar", "Frist"]) == ["measure", "goal", "responsible", "deadline"]
    assert header_roles(["Dette er bare", "vanlig tekst"]) is None


def test_order_row_by_position() -> None:
    m1, m2 = Block("m1", column="measure"), Block("m2", column="measure")
    g2, p1 = Block("g2", column="goal"), Block("p1", column="partner")
    cells = [Cell("partner", (((1, 100.0), p1),)), Cell("goal", (((1, 130.0), g2),)),
             Cell("measure", (((1, 100.0), m1), ((1, 129.0), m2)))]
    assert [b.text for b in order_row(cells, by_position=True)] == ["m1", "p1", "m2", "g2"]
    assert [b.text for b in order_row(cells, by_position=False)] == ["m1", "m2", "g2", "p1"]


def test_goals_and_partners_may_take_several_columns() -> None:
    assert header_roles(["Nr", "Tiltak", "Resultatmål", "Effektmål", "Ansvar", "Samarbeidspartnere"]) == [
        "other", "measure", "goal", "goal", "responsible", "partner"]
    assert header_roles(["Tiltak", "Beskrivelse", "Partnere"]) == ["measure", "measure", "partner"]


def test_a_lowercase_letter_and_a_period_is_an_enumerator_but_not_an_abbreviation() -> None:
    assert split_bullet("b. bidra til god forvaltning") == ("b.", "bidra til god forvaltning")
    assert split_bullet("m. fl. kommuner") == (None, "m. fl. kommuner")
