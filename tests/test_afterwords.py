"""A sentence that only says who leads the measure before it and by when is that measure's owner and
deadline, not a measure (pipeline.segment.afterwords)."""
from __future__ import annotations

import pytest

from pipeline.models import Measure
from pipeline.segment import blocks_to_measures
from pipeline.segment.afterwords import afterword, fold_afterwords
from pipeline.parse.text import text_to_blocks


@pytest.mark.parametrize(("text", "owner", "timing"), [
    ("Seljord kommune leier arbeidet, og rådgjevarane i kommunane er med. Kartet skal vere klart innan 1. juni 2027.",
     "Seljord kommune", "innan 1. juni 2027"),
    ("Vinje kommune har teke på seg å leie forprosjektet, som skal vere ferdig hausten 2027.", "Vinje kommune",
     "hausten 2027"),
    ("Sekretariatet har ansvaret, og kampanjen skal lanserast hausten 2027.", "Sekretariatet", "hausten 2027"),
    ("Ansvarleg er Vinje kommune. Opplegget skal vere klart til bruk 1. mars 2027.", "Vinje kommune", "1. mars 2027"),
    ("Båtsfjord kommune kan lede arbeidet, og vi tar sikte på at kartleggingen er ferdig innen 1. oktober 2027.",
     "Båtsfjord kommune", "innen 1. oktober 2027"),
    ("Dette må regionrådet selv eie, og det er et langsiktig arbeid.", "Regionrådet", None),
    ("Arbeidet er løpande og blir leia av arbeidsutvalet.", "Arbeidsutvalet", "løpande"),
    ("Kursene bør være i gang innen august 2027.", None, "innen august 2027"),
    ("Vi tar ansvar for å lede prosjektet og er ferdige innen 1. november 2027.", None, "innen 1. november 2027"),
    ("Herøy kommune har tilbudt seg å lede arbeidet, og kartleggingen må være ferdig innen 1. juni 2027.",
     "Herøy kommune", "innen 1. juni 2027"),
])
def test_owner_and_timing_sentences(text: str, owner: str | None, timing: str | None) -> None:
    found = afterword(text)
    assert found is not None and (found.owner, found.timing) == (owner, timing)


@pytest.mark.parametrize("text", [
    "Kommunen skal etablere et nytt ungdomsråd innen 2027.",  # a task of its own
    "Sekretariatet har ansvar for å arrangere tre fagsamlinger for landbruket i 2027.",  # what it does is new
    "Østensjø Janitsjar har ansvar for det som skjer ved tenning og utdeling.",  # "det som …" points forward
    "Prosjektet skal starte opp i 2026 med en kartlegging av alle skolene.",
    "Sekretariatet har ansvaret, og skal i tillegg lage en nettside innen mars.",  # "i tillegg": more work
    "Målet er 150 heimebesøk i løpet av året.",  # a goal alone is attach_goals' work
])
def test_sentences_that_do_more_are_no_afterwords(text: str) -> None:
    assert afterword(text) is None


def test_an_afterword_folds_into_the_kept_measure_before_it() -> None:
    section = ("Klima",)
    measures = [Measure(1, "Vi skal lage ei prioriteringsliste over sidevassdrag saman med NVE.", section=section),
                Measure(2, "Mange av sidevassdraga har aldri vore kartlagde.", section=section),
                Measure(3, "Kviteseid kommune leier arbeidet. Lista skal vere klar innan 31.12.2027.", section=section),
                Measure(4, "Vi held ei felles beredskapsøving for kriseleiingane.", section=("Beredskap",)),
                Measure(5, "Sekretariatet har ansvaret.", section=("Annan",))]
    out, folded = fold_afterwords(measures, kept={1, 3, 4, 5})
    assert folded == {3}  # 5 stands under another heading than the measure before it
    assert out[0].responsible_text == ("Kviteseid kommune",) and out[0].deadline_text == "innan 31.12.2027"
    assert out[0].text == measures[0].text  # nothing of the afterword joins the text
    assert out[1] == measures[1] and out[3] == measures[3]


def test_an_afterword_after_a_list_folds_into_the_item_it_names() -> None:
    section = ("Fire tiltak starter i vår",)
    items = [Measure(1, "Utarbeide en felles boligstrategi for Hitra og Frøya", section=section, layout="item"),
             Measure(2, "Kartlegge behovet for ny nettkapasitet", section=section, layout="item")]
    said = "Hitra kommune leder arbeidet med boligstrategien, og den skal være ferdig før sommerferien."
    out, folded = fold_afterwords([*items, Measure(3, said, section=section)], kept={1, 2, 3})
    assert folded == {3} and out[0].responsible_text == ("Hitra kommune",) and out[1] == items[1]
    vague = "Hitra kommune leder arbeidet, og det skal være ferdig før sommerferien."  # names no item: stays
    assert fold_afterwords([*items, Measure(3, vague, section=section)], kept={1, 2, 3})[1] == set()


def test_the_senders_kind_in_the_definite_is_the_sender() -> None:
    found = afterword("Fylkeskommunen kan ta ansvaret for å koordinere arbeidet, og første kull starter høsten 2028.")
    assert found is not None and found.owner_for("Nordland fylkeskommune") == "Nordland fylkeskommune"
    assert found.owner_for("Helgeland regionråd") == "Fylkeskommunen" and found.owner_for(None) == "Fylkeskommunen"


def test_goal_sentence_inside_a_paragraph_ends_with_its_paragraph() -> None:
    text = ("Vi har fire forslag:\n\n"
            "Klimarådgivning. Vi foreslår et felles prosjekt om gårdsvise klimaplaner for bønder. "
            "Mål: minst 60 gårdsbruk har en klimaplan innen 2028. Vi tar ansvar for å lede prosjektet og er ferdige "
            "innen 1. november 2027.\n\n"
            "Reservevann. Vi foreslår en felles kartlegging av reservevannkilder for kommunene, i samarbeid med "
            "Mattilsynet. Mål: ingen innbyggere skal være uten drikkevann i mer enn ett døgn. Indre Østfold kommune "
            "har sagt at de kan ta ansvar for dette, og de regner med å være ferdige innen sommeren 2027.\n")
    measures = [m for m in blocks_to_measures(text_to_blocks(text)) if "foreslår" in m.text]
    assert len(measures) == 2
    first, second = measures
    assert [g.text for g in first.goals] == ["minst 60 gårdsbruk har en klimaplan innen 2028."]
    assert first.deadline_text == "innen 1. november 2027"
    assert [g.text for g in second.goals] == ["ingen innbyggere skal være uten drikkevann i mer enn ett døgn."]
    assert second.responsible_text == ("Indre Østfold kommune",) and second.deadline_text == "innen sommeren 2027"


def test_a_bare_videre_heading_heads_the_process_after_the_meeting() -> None:
    text = ("Gruppe 1 – Næring\n\n- Kartlegge ledige tomter for leverandørbedrifter\n\n"
            "Videre\n\n1. Sekretariatet sammenstiller innspillene og sender et utkast innen 4. desember.\n"
            "2. Utkastet behandles i rådet 21. januar 2027.\n")
    assert [m.text for m in blocks_to_measures(text_to_blocks(text))] == ["Kartlegge ledige tomter for leverandørbedrifter"]


def test_labels_on_one_line_split_at_a_layouts_separator_dot() -> None:
    from pipeline.models import Block
    from pipeline.segment.inline import split_labels

    parts = split_labels(Block("Ansvar: Orkland kommune · Frist: 30.06.2027"))
    assert [p.text for p in parts] == ["Ansvar: Orkland kommune", "Frist: 30.06.2027"]
    parts = split_labels(Block("Etablere et forum. Ansvar: Sekretariatet. Frist: 1.3.2026"))
    assert [p.text for p in parts] == ["Etablere et forum.", "Ansvar: Sekretariatet.", "Frist: 1.3.2026"]
    assert len(split_labels(Block("Vedtatt 4. desember 2026 · Orkland, Skaun og Rindal"))) == 1
    parts = split_labels(Block("Ansvarlig: Meløy kommune · Samarbeid: bedriftene i parken · Frist: Løpende"))
    assert [p.text for p in parts] == ["Ansvarlig: Meløy kommune", "Samarbeid: bedriftene i parken", "Frist: Løpende"]
    from pipeline.segment.labels import PARTNER_AT_START
    assert PARTNER_AT_START.match("Samarbeid: bedriftene i parken")["rest"] == "bedriftene i parken"


def test_vi_lead_the_work_names_the_organisation_that_signs() -> None:
    from pipeline.segment.afterwords import sender_of

    signature = ["Si fra hvis noe er uklart.", "Mvh", "Sigrid Holm Berntsen", "Rådgiver samfunnsutvikling",
                 "Rakkestad kommune", "Tlf. 69 22 61 14"]
    assert sender_of(signature) == "Rakkestad kommune"
    assert sender_of(["Mvh", "Sigrid Holm Berntsen", "Rådgiver"]) is None  # a person signs: no organisation
    found = afterword("Vi tar ansvar for å lede prosjektet og er ferdige innen 1. november 2027.")
    assert found is not None and found.ours and found.owner_for("Rakkestad kommune") == "Rakkestad kommune"
    assert found.owner_for(None) is None
    measures = [Measure(1, "Vi foreslår et felles prosjekt om klimaplaner for bønder."),
                Measure(2, "Vi tar ansvar for å lede prosjektet og er ferdige innen 1. november 2027.")]
    out, folded = fold_afterwords(measures, {1, 2}, sender="Rakkestad kommune")
    assert folded == {2} and out[0].responsible_text == ("Rakkestad kommune",)
