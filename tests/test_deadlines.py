"""Deadlines as written resolve to a date (meta.deadlines), and owners and deadlines leave the measure text."""
from __future__ import annotations

from datetime import date

import pytest

from pipeline.meta.deadlines import resolve_deadline
from pipeline.meta.timing import timing_in_text
from pipeline.models import Measure
from pipeline.nlp.enrich import enrich_measures
from pipeline.nlp.gazetteer import other_councils
from pipeline.parse.text import text_to_blocks
from pipeline.segment import blocks_to_measures
from pipeline.segment.evidence import SegmentSettings


@pytest.mark.parametrize("written, expected", [
    ("31.12.2026", date(2026, 12, 31)), ("14.10.2025", date(2025, 10, 14)), ("9. sept. 25", date(2025, 9, 9)),
    ("desember 2026", date(2026, 12, 31)), ("juni 2026", date(2026, 6, 30)), ("2027", date(2027, 12, 31)),
    ("Q3 2026", date(2026, 9, 30)), ("3. kvartal 2026", date(2026, 9, 30)), ("høsten 2026", date(2026, 11, 30)),
    ("Våren 2027", date(2027, 5, 31)), ("vinteren 2026", date(2026, 2, 28)), ("første halvår 2027", date(2027, 6, 30)),
    ("innen utgangen av 2026", date(2026, 12, 31)), ("2026-2027", date(2027, 12, 31)),
    ("Løpende", None), ("Ved vedtak av budsjettet", None), ("", None),
])
def test_deadline_resolution(written: str, expected: date | None) -> None:
    assert resolve_deadline(written) == expected


FORMAL = """Handlingsprogram 2027

Innsatsområde: Klima, miljø og natur

1.1 Felles kart over flomveier
Kartlegge flomutsatte områder i alle kommunene.
Ansvar: Sekretariatet
Partnere: NVE
Frist: 31.12.2026

1.2 Ryddeaksjon
Arrangere en felles ryddedag langs vassdragene.
Eier: Faggruppe klima
Når: Høsten 2026

Innsatsområde: Transport og mobilitet

2.1 Innfartsparkering
Jobbe for flere plasser ved stasjonene.
Ansvarlig: Styret
Tidsramme: Løpende
"""


def test_owner_and_deadline_labels_leave_the_text_and_every_label_heading_starts_a_section() -> None:
    # others=frozenset(): an Osloregionen programme, whose bodies take the gazetteer's names
    ms = enrich_measures(blocks_to_measures(text_to_blocks(FORMAL), settings=SegmentSettings(use_confidence=False)),
                         others=frozenset())
    assert [m.section[0] for m in ms] == ["Klima, miljø og natur", "Klima, miljø og natur", "Transport og mobilitet"]
    assert [m.theme for m in ms] == ["klima-miljo-natur", "klima-miljo-natur", "transport-mobilitet"]
    assert [[p.partner for p in m.responsible] for m in ms] == [
        ["Osloregionens sekretariat"], ["Osloregionens faggrupper"], ["Osloregionens styre"]]
    assert [p.partner for p in ms[0].partners] == ["NVE"] and all(p.role == "ansvarlig" for p in ms[0].responsible)
    assert [(m.deadline_text, m.deadline) for m in ms] == [
        ("31.12.2026", date(2026, 12, 31)), ("Høsten 2026", date(2026, 11, 30)), ("Løpende", None)]
    assert not any(word in m.text for m in ms for word in ("Frist", "Ansvar", "Eier", "Når"))


def test_owner_and_deadline_columns_of_a_markdown_table() -> None:
    table = ("| Tiltak | Ansvar | Partnere | Frist |\n|---|---|---|---|\n"
             "| Kartlegge overvann | Sekretariatet | NVE | desember 2026 |\n")
    ms = enrich_measures(blocks_to_measures(text_to_blocks(table), settings=SegmentSettings(use_confidence=False)),
                         others=frozenset())
    assert [p.partner for p in ms[0].responsible] == ["Osloregionens sekretariat"]
    assert [p.partner for p in ms[0].partners] == ["NVE"]
    assert (ms[0].text, ms[0].deadline_text, ms[0].deadline) == ("Kartlegge overvann", "desember 2026", date(2026, 12, 31))


NYNORSK = """Vestlandsrådet
Handlingsprogram 2027

Innsatsområde 1: Samferdsel
Mål: Kortare reisetid mellom byane.

Tiltak 1.1 Billettsamarbeid
Greie ut eit felles billettprodukt for båt og buss.
Ansvar: Sekretariatet. Partnarar: Kolumbus, kommunane langs kysten.
Frist: Hausten 2027

Tiltak 1.2 Grøne hamner
Forprosjekt om landstraum i hamnene. Ansvar: Fylkeskommunane. Frist: 30.11.2027

Økonomi
Tiltaka vert finansierte innanfor budsjettet til rådet.
"""


def test_a_nynorsk_programme_of_another_council() -> None:
    """'Tiltak 1.1 …' titles, a section's 'Mål:' line (a goal of each measure below it), labels run
    together on one line, nynorsk group names, and the council's own secretariat kept as written."""
    ms = enrich_measures(blocks_to_measures(text_to_blocks(NYNORSK), settings=SegmentSettings(use_confidence=False)),
                         others=other_councils(NYNORSK))
    assert [m.text for m in ms] == ["Billettsamarbeid Greie ut eit felles billettprodukt for båt og buss.",
                                    "Grøne hamner Forprosjekt om landstraum i hamnene."]
    assert [[g.text for g in m.goals] for m in ms] == [["Kortare reisetid mellom byane."]] * 2
    assert [[p.partner for p in m.responsible] for m in ms] == [["Sekretariatet"], ["Fylkeskommunene"]]
    assert [p.partner for p in ms[0].partners] == ["Kolumbus", "Kommunene"]  # as written, now both known
    assert [(m.deadline_text, m.deadline) for m in ms] == [("Hausten 2027", date(2027, 11, 30)),
                                                          ("30.11.2027", date(2027, 11, 30))]


def test_the_secretariat_is_the_regions_own_unless_another_council_writes() -> None:
    assert other_councils("Handlingsprogram 2027. Ansvar: Sekretariatet") == frozenset()
    assert other_councils("Osloregionen og Østlandssamarbeidet") == frozenset()
    assert other_councils("Salten Regionråd, referat") == frozenset({"Osloregion"})
    assert other_councils("Nord-Troms Rådet\nStatusrapport") == frozenset({"Osloregion"})
    assert other_councils("Saken tas opp i rådet. Ansvar: Sekretariatet") == frozenset()


@pytest.mark.parametrize("sentence, expected", [
    ("Utvalget foreslår prioriteringer innen 1. desember 2025.", "innen 1. desember 2025"),
    ("Det gjennomføres en workshop med kommunene i løpet av vinteren.", "i løpet av vinteren"),
    ("Vi sender en uttalelse til høringen med frist 02.06.2020.", "med frist 02.06.2020"),
    ("August- oktober 2023: Arbeidsgruppa lager kunnskapsgrunnlaget.", "August- oktober 2023"),
    ("2023 Tematiske workshops med partnerne.", "2023"),
    ("Prøveprosjekt våren 2009 i to skoler.", "våren 2009"),
    ("Revidere planen hvert 4. år.", "hvert 4. år"),
    ("Systemet kommer på plass i løpet av november/desember.", "i løpet av november/desember"),
    ("Budsjettet for 2024 vedtas av kommunestyret.", None),
    ("Handlingsplan 2015", None),
    ("Fra 1. november vil disse tiltakene starte opp:", "Fra 1. november"),
    ("Antallet har økt fra 2020.", None),  # a year it grew from, no start day
    ("Frå og med neste styremøte vil ein sende sakspapira digitalt.", "Frå og med neste styremøte"),
    ("Neste år er det sett av pengar til ein ny stasjon.", "Neste år"),
    ("Send nominasjonar til årets kulturpris.", None),  # "til året" is no cue inside "årets"
])
def test_timing_stated_in_a_sentence(sentence: str, expected: str | None) -> None:
    assert timing_in_text(sentence) == expected


def test_a_measure_takes_its_own_timing_else_its_parents_else_its_sections() -> None:
    text = ("Arbeidsprogram\n\nTiltak i 2026\n\n- Arrangere et seminar innen 1. juni 2026\n"
            "- Lage en veileder\n- Følge opp kommunene i løpet av høsten:\n  - Besøke alle kommunene\n")
    ms = blocks_to_measures(text_to_blocks(text), settings=SegmentSettings(use_confidence=False))
    assert [(m.text, m.deadline_text) for m in ms] == [
        ("Arrangere et seminar innen 1. juni 2026", "innen 1. juni 2026"), ("Lage en veileder", "i 2026"),
        ("Følge opp kommunene i løpet av høsten:", "i løpet av høsten"), ("Besøke alle kommunene", "i løpet av høsten")]


def test_an_interkommunalt_politisk_raad_is_a_council_of_its_own() -> None:
    assert other_councils("Sunnhordland interkommunale politiske råd – notat") == frozenset({"Osloregion"})


def test_two_bodies_of_another_council_in_one_owner_cell_stay_two() -> None:
    text = "Vestlandsrådet\n\nInnsatsområde: Samferdsel\n\n1. Felles påvirkningsarbeid for ny lufthavn\nAnsvar: Styret og sekretariatet\n"
    ms = blocks_to_measures(text_to_blocks(text), settings=SegmentSettings(use_confidence=False))
    [m] = enrich_measures(ms, others=other_councils(text))
    assert [p.partner for p in m.responsible] == ["Styret", "Sekretariatet"]


def test_a_labelled_deadline_is_its_measures_own_and_compound_frist_labels_count() -> None:
    text = ("1. Landbruk\nFjellregionen søker midler til et treårig prosjekt.\nAnsvar: sekretariatet. Søknadsfrist: 12.02.2028.\n"
            "Aktuelle delprosjekter:\n   a) klimarådgivning på gårdsnivå\n   b) forsøk med biogass\n")
    ms = blocks_to_measures(text_to_blocks(text), settings=SegmentSettings(use_confidence=False))
    parent = next(m for m in ms if m.parent is None and "treårig" in m.text)
    assert parent.deadline_text.startswith("12.02.2028") and parent.responsible_text == ("sekretariatet.",)
    assert all(m.deadline_text is None for m in ms if m.parent == parent.ordinal)


def test_a_period_in_a_cell_is_no_numbered_item() -> None:
    from pipeline.parse.pdf_text import split_bullet

    assert split_bullet("1. halvår 2027") == (None, "1. halvår 2027")
    assert split_bullet("2. kvartal 2026") == (None, "2. kvartal 2026")
    assert split_bullet("1. Etablere nettverk") == ("1.", "Etablere nettverk")


def test_items_under_a_dropped_lead_in_take_the_timing_it_states() -> None:
    from pipeline.segment.timing import lead_in_timing

    lead = Measure(1, "Friluftsrådet jobber for gode opplevelser. I 2020 står dette på arbeidsprogrammet:")
    items = [Measure(2, "Friluftsskoler", parent=1), Measure(3, "Stitiltak høsten 2021", parent=1)]
    assert lead_in_timing([lead, *items], kept={2, 3}) == {2: "I 2020"}
    assert lead_in_timing([lead, *items], kept={1, 2, 3}) == {}  # a kept parent passes it on in with_timing


def test_a_list_takes_the_timing_of_the_lead_in_the_segmenter_read_over_it() -> None:
    from pipeline.segment.timing import lead_in_timing

    text = ("Sentrumsplan\n\nFølgende tiltak skal utføres i løpet av våren/sommeren 2018:\n\n"
            "• Flere sykkelstativ ved holdeplassene\n• Belysning på snarvegen ved Gruva\n")
    items = blocks_to_measures(text_to_blocks(text), settings=SegmentSettings(use_confidence=False))
    assert [m.lead_in for m in items] == ["Følgende tiltak skal utføres i løpet av våren/sommeren 2018:"] * 2
    assert lead_in_timing(items, kept={m.ordinal for m in items}) == {
        m.ordinal: "i løpet av våren/sommeren 2018" for m in items}


def test_items_after_a_dropped_lead_in_paragraph_take_its_timing() -> None:
    from pipeline.models import Measure
    from pipeline.segment.timing import lead_in_timing

    lead = Measure(1, "Viktige oppgåver for vassområdeutvala i 2012 er å;")
    items = [Measure(2, "leggje til rette for lokal medverknad", layout="item"),
             Measure(3, "starte arbeidet med ein tiltaksanalyse", layout="item"), Measure(4, "Ein ny periode.")]
    assert lead_in_timing([lead, *items], kept={2, 3, 4}) == {2: "i 2012", 3: "i 2012"}
    assert lead_in_timing([lead, *items], kept={1, 2, 3, 4}) == {}  # a kept lead-in passes it on as a parent


@pytest.mark.parametrize("sentence, expected", [
    ("Styret inviteres til å drøfte synspunktene i styremøtet 22.september.", "22.september"),
    ("Nytt årsmøte avholdes torsdag 25. mars 2021.", "torsdag 25. mars 2021"),
    ("Forslaget sendes ut med sikte på behandling innen årsskiftet.", "innen årsskiftet"),
    ("I brev datert 16.01.2020 ba regionrådet om et møte.", None),  # the date of a letter
    ("Kartlegge behovet for omsorgsboliger.", None),
    ("Museumsdager for 4.-klassinger 5. og 6. juni.", "5. og 6. juni"),  # a span of days, whole
    ("Seminar 25-26 oktober. Per og Kari deltar.", "25-26 oktober"),
    ("Dugnader lørdag 5. oktober og lørdag 12. oktober.", "lørdag 5. oktober og lørdag 12. oktober"),
    ("Kafé på tunet (fom 1. juli – tom 19. august)", "fom 1. juli – tom 19. august"),
    ("På styremøtet måndag den 29. februar skal styret gå gjennom søknadene.", "måndag den 29. februar"),
    ("Besøksrestriksjoner ved hovedinngangen mandag 16.3. Syke må holde seg hjemme.", "mandag 16.3."),
    ("Fristen for nominasjon til årets kulturpris er fredag 29. september.", "fredag 29. september"),
    ("Heftene gjennomgås på neste møte.", "på neste møte"),
    ("Komiteen skal møtes igjen om 3 mnd.", "om 3 mnd"),
    ("Vårens foreldremøter blir i uke 16.", "i uke 16"),
    ("Vi tar et møte med kulturhuset snarast mogleg.", "snarast mogleg"),
    ("Fjøsmøte i midten av oktober med tema klauvskjæring.", "i midten av oktober"),
    ("Tiltaka trer i kraft frå og med tysdag neste veke.", "tysdag neste veke"),
    ("Sekretariatet lagar ein statusrapport til rådsmøtet i juni.", "til rådsmøtet i juni"),
    ("Planen evalueres 2 ganger årlig.", "2 ganger årlig"),
    ("Skolen legges ned fra høsten 2019.", "fra høsten 2019"),
    ("Vi har 10 medlemmer og 3 tillitsvalgte, og han er 16 år.", None),
    ("Dato for årsmøtet blir: Onsdag 2 mars 2022 kl. 18.00", "Onsdag 2 mars 2022 kl. 18.00"),  # a day without its dot
    ("Iløpet av 2020 skal me hente ein ny fraksjon.", "Iløpet av 2020"),
    ("Skadene blir utbedret ila. året (sommeren) slik at vi unngår lekkasje.", "ila. året (sommeren)"),
    ("Vi gjer ei evaluering ved utgangen av året.", "ved utgangen av året"),
    ("All undervisning avlyses fram til 20. mars.", "fram til 20. mars"),
    ("Kampene blir lagt inn i løpet av neste uke.", "i løpet av neste uke"),
    ("Arbeidet fortsetter så snart forholdene ligger til rette for dette.",
     "så snart forholdene ligger til rette for dette"),
    ("Nytt asfaltdekke skal være på plass seinhøstes.", "seinhøstes"),
    ("Senda helsingsbrev til lokallaga før jol", "før jol"),
    ("Oppdatering av nettsidene er et kontinuerlig prosjekt.", "kontinuerlig"),
    ("NTNU ber alle som kommer fra utlandet holde seg hjemme i to uker.", None),  # how long, not by when
])
def test_a_day_a_task_names_is_its_timing(sentence: str, expected: str | None) -> None:
    from pipeline.meta.timing import own_timing

    assert own_timing(sentence) == expected


def test_a_heading_that_names_a_day_gives_no_timing_to_what_stands_under_it() -> None:
    from pipeline.meta.timing import timing_in_text

    assert timing_in_text("Sendt: 23. oktober 2026") is None


def test_a_lead_in_gives_its_list_the_year_it_is_for() -> None:
    from pipeline.models import Measure
    from pipeline.segment.timing import lead_in_timing
    ms = [Measure(1, "Oppgaver definert for 2024 er følgende:"), Measure(2, "Male fiskebua", layout="item"),
          Measure(3, "Lage ny gangvei", layout="item")]
    assert lead_in_timing(ms, kept={2, 3}) == {2: "2024", 3: "2024"}


def test_an_annual_plan_s_month_lines_are_sibling_headings_that_time_what_stands_under_them() -> None:
    from pipeline.meta.timing import names_a_period

    assert [names_a_period(t) for t in ("Januar", "Februar/Mars", "Våren 2020", "Hele året", "Marsjen", "Mai dugnad")] \
        == [True, True, True, True, False, False]
    text = ("Årshjul\n\nHer er styrets faste aktiviteter:\n\nJanuar\n\nValgkomiteen innstiller nye styremedlemmer\n\n"
            "Februar\n\nRegnskapsmøte med forretningsfører\n\nMars\n\nÅrsmøte\n\nKonstituering av nytt styre\n")
    measures = blocks_to_measures(text_to_blocks(text), settings=SegmentSettings(use_confidence=False))
    got = [(m.text, m.section[-1], m.deadline_text) for m in measures if m.section and names_a_period(m.section[-1])]
    assert got == [("Valgkomiteen innstiller nye styremedlemmer", "Januar", "Januar"),
                   ("Regnskapsmøte med forretningsfører", "Februar", "Februar"),
                   ("Årsmøte", "Mars", "Mars"), ("Konstituering av nytt styre", "Mars", "Mars")]
    assert all(len(m.section) <= 2 for m in measures)  # "Februar" is the next month, not a part of "Januar"
