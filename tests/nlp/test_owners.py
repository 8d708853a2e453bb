"""Owners named without a label: a row's trailing owner cell and the subject a sentence gives its task."""
from __future__ import annotations

import pytest

from pipeline.models import Measure
from pipeline.nlp.enrich import enrich_measures
from pipeline.nlp.owners import bracketed_owners, is_owner_name, subject_owner, trailing_owner


@pytest.mark.parametrize("name", ["Sekretariatet", "Landbrukskontorene", "Rådmannen", "Nome kommune", "AU",
                                  "Norsjø vannområde", "Daglig leder", "Statens vegvesen", "Regionrådet Nord-Gudbrandsdal"])
def test_owner_shaped_names(name: str) -> None:
    assert is_owner_name(name)


@pytest.mark.parametrize("name", ["Bøelva", "Ulefoss", "Det", "Felles plan", "kommunene"])
def test_places_and_words_are_not_owners(name: str) -> None:
    assert not is_owner_name(name)


def test_the_longest_owner_ending_that_is_all_owners() -> None:
    assert trailing_owner("Tiltaksplan for avrenning til Bøelva Landbrukskontoret / Norsjø vannområde") == (
        "Tiltaksplan for avrenning til Bøelva", "Landbrukskontoret / Norsjø vannområde")
    assert trailing_owner("Invitere samfunnsaktører til komitemøter Reg.råd/AU") == (
        "Invitere samfunnsaktører til komitemøter", "Reg.råd/AU")
    assert trailing_owner("Kartlegge behovet for boliger") is None


@pytest.mark.parametrize("sentence, owner", [
    ("Oppfølging: sekretariatet sender invitasjon til alle kommunene innen 15. august.", "Sekretariatet"),
    ("Kommunedirektørutvalget bes utrede et felles rekrutteringsopplegg.", "Kommunedirektørutvalget"),
    ("Sekretariatet skriv eit felles høyringsinnspel til NTP.", "Sekretariatet"),
    ("Oppfølging: Daglig leder reviderer kapitlet før utsending.", "Daglig leder"),
    ("Regionrådet bør prioritere rassikring av fv. 55.", None),  # the body that speaks recommends
    ("Fylkestinget skal vedta den nye tannhelseplanen i mars.", "Fylkestinget"),  # ... or takes on a task
    ("Styret ba administrasjonen sende avtalene til kommunene.", "Administrasjonen"),  # the body asked to act
    ("Kommunen ber staten om midler til rassikring.", None),  # a request to others: no owner
    ("Avtaler mellom fylkeskommunen og grenlandskommunene: Rådmannen sørger for oppfølging.", "Rådmannen"),
    ("Sogndal kommune ønskjer å vere vertskommune.", None),  # a wish, no task
    ("Vi skal lage en plan.", None),
    ("Styret vedtok at lokallagslederne tar tak i saken først.", "Lokallagslederne"),  # a decision's "at"-clause
    ("Salten regionråd vedtar uttalelsen slik den ble lagt fram.", None),  # what a council adopts is no task
    ("Rådmannen gis fullmakt til å fordele lønnsmidlene.", "Rådmannen"),
    ("Etablere et nettverk for reiseliv.", None),
])
def test_the_subject_a_sentence_gives_its_task_to(sentence: str, owner: str | None) -> None:
    assert subject_owner(sentence) == owner


def test_a_subject_owner_is_responsible_and_not_also_a_partner() -> None:
    [m] = enrich_measures([Measure(1, "Sekretariatet sender invitasjonen til Osloregionens workshop innen 15. august.")])
    assert [(p.partner, p.role) for p in m.responsible] == [("Osloregionens sekretariat", "ansvarlig")]
    assert not any(p.partner == "Osloregionens sekretariat" for p in m.partners)


def test_a_body_asked_to_act_owns_the_task() -> None:
    [m] = enrich_measures([Measure(1, "Styret inviteres til å drøfte evalueringen i styremøtet 22. september.")],
                          others=frozenset({"Osloregion"}))  # a document of another council: kept as written
    assert [(p.partner, p.role) for p in m.responsible] == [("Styret", "ansvarlig")]


def test_a_closing_bracket_of_the_publishers_own_bodies_names_the_owners() -> None:
    assert bracketed_owners("Besøke naturbruksskolene (styret, adm. verveutvalget).") == (
        "Besøke naturbruksskolene.", ["Styret", "Administrasjonen", "Verveutvalget"])
    assert bracketed_owners("Finne potensialet blant sauebøndene (adm. og leder i verveutvalget)") == (
        "Finne potensialet blant sauebøndene", ["Administrasjonen", "Verveutvalget"])
    for text in ("Samarbeide med arbeidsgiverne (NAV)", "Forske på demens (Norges forskningsråd)",
                 "Gratis tilbud (allmennlegetjenester)", "Planen (innsikt 2.0)", "(styret)"):
        assert bracketed_owners(text) is None, text


def test_a_closing_bracket_of_municipalities_or_counties_names_the_owners() -> None:
    assert bracketed_owners("Kartlegge ledige næringsarealer (Hole kommune / Ringerike kommune)") == (
        "Kartlegge ledige næringsarealer", ["Hole kommune", "Ringerike kommune"])
    assert bracketed_owners("Sjekke vilkår for tilflyttingsordningen (Tolga)") == (
        "Sjekke vilkår for tilflyttingsordningen", ["Tolga kommune"])
    assert bracketed_owners("Søke om midler (Innlandet fylkeskommune).")[1] == ["Innlandet fylkeskommune"]
    assert bracketed_owners("Badeplasser ved Sandvika (Bamble)") is None  # a place after a place: where, not who
    assert bracketed_owners("Kurs for hytteeiere (Hytteby)") is None  # no municipality


def test_partners_after_the_owners_in_a_bracket_stay_in_the_text() -> None:
    assert bracketed_owners("Kartlegge behovet for innfartsparkering (sekretariatet, sammen med Statens vegvesen)") == (
        "Kartlegge behovet for innfartsparkering, sammen med Statens vegvesen", ["Sekretariatet"])


def test_a_bracketed_owner_leaves_the_measure_text() -> None:
    from pipeline.parse.text import text_to_blocks
    from pipeline.segment import blocks_to_measures
    from pipeline.segment.evidence import SegmentSettings
    [m] = blocks_to_measures(text_to_blocks("Arbeidsplan\n- Besøke naturbruksskolene (styret, verveutvalget).\n"),
                             settings=SegmentSettings(use_confidence=False))
    assert (m.text, m.responsible_text) == ("Besøke naturbruksskolene.", ("Styret", "Verveutvalget"))


def test_led_by_names_who_leads_the_work_just_named() -> None:
    from pipeline.nlp.owners import led_by

    assert led_by("Seljord kommune leier arbeidet, og rådgjevarane er med.") == "Seljord kommune"
    assert led_by("Ansvarleg er Vinje kommune.") == "Vinje kommune"
    assert led_by("Dette må regionrådet selv eie.") == "Regionrådet"
    assert led_by("Tilbodet blir drive av Fyresdal kommune på vegner av alle kommunane.") == "Fyresdal kommune"
    assert led_by("Vi tar ansvar for dette.") == ""  # an owner sentence, but no owner one can name
    assert led_by("Sekretariatet har ansvar for det som skjer ved tenninga.") is None  # "det som": not the work before
    assert led_by("Kommunen skal lage en ny plan.") is None


def test_a_later_sentence_of_the_measure_that_says_who_leads_gives_the_owner() -> None:
    from pipeline.models import Measure
    from pipeline.nlp.enrich import measure_owners

    m = Measure(1, "Kommunane gjennomfører ei felles beredskapsøving hausten 2027. Sekretariatet koordinerer "
                   "arbeidet saman med Statsforvaltaren.")
    assert [o.mention for o in measure_owners(m)] == ["Sekretariatet"]
