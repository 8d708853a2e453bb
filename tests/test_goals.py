"""Goals in running text: "Målet er at …" after a measure, and "Mål N: …" lines heading a group."""
from __future__ import annotations

from pipeline.parse.text import text_to_blocks
from pipeline.segment import blocks_to_measures
from pipeline.segment.evidence import SegmentSettings

NOTES = """Arbeidsprogram 2026

Mål 1: Fleire innbyggjarar i regionen
Tiltak:
- Etablere eit fagnettverk mellom kommunane
- Marknadsføre regionen som bustadregion

Mål 2: Sterkare næringsliv
- Kartlegge ledige næringsareal

Andre innspill

- Arrangere et seminar om sirkulære innkjøp
Målet er at alle kommunene skal ha en plan for sirkulære innkjøp innen 2027.
- Utrede felles avfallsløsninger
"""


def _measures() -> list:
    return blocks_to_measures(text_to_blocks(NOTES), settings=SegmentSettings(use_confidence=False))


def test_group_goal_lines_are_goals_of_each_measure_below_them_not_measures() -> None:
    ms = _measures()
    assert [m.text.split(" ")[0] for m in ms] == ["Etablere", "Marknadsføre", "Kartlegge", "Arrangere", "Utrede"]
    assert [[g.text for g in m.goals] for m in ms[:3]] == [
        ["Fleire innbyggjarar i regionen"], ["Fleire innbyggjarar i regionen"], ["Sterkare næringsliv"]]
    assert all(g.kind == "mål" for m in ms for g in m.goals)


def test_a_goal_sentence_after_a_measure_is_its_goal_and_a_new_section_ends_the_group() -> None:
    ms = _measures()
    assert [g.text for g in ms[3].goals] == ["at alle kommunene skal ha en plan for sirkulære innkjøp innen 2027."]
    assert ms[4].goals == ()


def _segment(text: str) -> list:
    return blocks_to_measures(text_to_blocks(text), settings=SegmentSettings(use_confidence=False))


def test_a_goal_sentence_inside_a_measures_text_leaves_it() -> None:
    ms = _segment("Notat\n\nBord 1\n* Etablere et vertskapsprogram for nye arbeidstakere.\n"
                  "  Målet er at flere blir boende mer enn to år.\n* Kartlegge boligbehovet.\n")
    assert [m.text for m in ms] == ["Etablere et vertskapsprogram for nye arbeidstakere.", "Kartlegge boligbehovet."]
    assert [[(g.kind, g.text) for g in m.goals] for m in ms] == [[("mål", "at flere blir boende mer enn to år.")], []]


def test_a_goal_line_below_a_list_of_details_is_the_goal_of_the_measure_that_owns_the_list() -> None:
    ms = _segment("Notat\n\nNatur og klima\n"
                  "o Flaum og skred: felles kunnskapsgrunnlag om flaumfare, saman med NVE.\n"
                  "   - kartlegge flaumsoner\n   - kvar det manglar kart\n   Resultatmål: oversikta er klar før rulleringa\n"
                  "o Villrein: samarbeide med villreinnemnda.\n")
    top = [m for m in ms if m.parent is None]
    assert [m.text for m in top] == ["Flaum og skred: felles kunnskapsgrunnlag om flaumfare, saman med NVE.",
                                     "Villrein: samarbeide med villreinnemnda."]
    assert [(g.kind, g.text) for g in top[0].goals] == [("resultatmål", "oversikta er klar før rulleringa")]
    assert {m.parent for m in ms if m.parent is not None} == {top[0].ordinal}
    assert not any(m.goals for m in ms if m.parent is not None)


def test_items_announced_as_contents_are_part_of_the_measures_text() -> None:
    ms = _segment("Notat\n\nNatur og klima\n"
                  "o Flaum og skred: felles kunnskapsgrunnlag om flaumfare.\n"
                  "   Kunnskapsgrunnlaget bør innehalde:\n   - flaumsonekart som finst i dag\n"
                  "   - kvar det manglar kart\n   Resultatmål: oversikta er klar før rulleringa\n")
    assert [(m.text, [g.text for g in m.goals]) for m in ms] == [
        ("Flaum og skred: felles kunnskapsgrunnlag om flaumfare. Kunnskapsgrunnlaget bør innehalde: "
         "flaumsonekart som finst i dag kvar det manglar kart", ["oversikta er klar før rulleringa"])]


def test_a_short_subject_bullet_over_deeper_bullets_is_a_section() -> None:
    ms = _segment("Notat\n\n- Landbruk og skog\n  - Søke midler til skogsbilveier.\n"
                  "- Kartlegging av næringsareal\n  - Resultatmål: kart over grå arealer\n")
    assert [(m.section, m.text) for m in ms] == [(("Landbruk og skog",), "Søke midler til skogsbilveier."),
                                                 (("Landbruk og skog",), "Kartlegging av næringsareal")]


def test_meeting_logistics_and_remarks_about_the_discussion_are_no_measures() -> None:
    ms = _segment("Notat\n\nTransport\n- Påvirke Statnett om nettkapasitet.\n"
                  "- Om handel: ingen konkrete forslag, gruppa meiner det er kommunalt ansvar.\n"
                  "- Klimarekneskap vart nemnt, men det var ikkje tid til å drøfte det.\n\n"
                  "Neste samling: 2. desember kl. 09.30 på Teams.\n\n"
                  "Her kjem innspela frå Vågå, slik eg lova på fagdagen.\n\n"
                  "Elles er vi samde i at villrein og flaum bør stå høgt i programmet.\n\n"
                  "Ellers har vi ingen merknader til utkastet.\n")
    assert [m.text for m in ms] == ["Påvirke Statnett om nettkapasitet."]


def test_minutes_cases_and_decision_labels_are_sections_and_a_follow_up_line_starts_a_measure() -> None:
    text = ("Referat\n\nSak 4/25 Uttalelse om Nordlandsbanen\nVedtak:\n"
            "Salten regionråd vedtar uttalelsen om Nordlandsbanen slik den ble lagt fram, med en tilføyelse om behovet "
            "for flere krysningsspor mellom Fauske og Bodø, og ber om at den sendes videre til alle kommunene i Salten.\n"
            "Oppfølging: sekretariatet sender uttalelsen innen 20. juni.\n")
    ms = _segment(text)
    assert [m.text[:40] for m in ms] == ["Salten regionråd vedtar uttalelsen om No", "Oppfølging: sekretariatet sender uttalel"]
    assert all(m.section[-1] == "Vedtak" for m in ms)


def test_an_entry_of_a_numbered_list_that_names_a_theme_in_passing_is_no_heading() -> None:
    ms = _segment("Anbefalinger\n\nDe tiltakene vi anbefaler er disse:\n\n1. Tiltakspakke for røykeslutt\n"
                  "2. Økt sykling og gåing som transport\n3. Screening mot tarmkreft\n")
    assert [(m.text, m.section) for m in ms[-3:]] == [
        ("Tiltakspakke for røykeslutt", ()), ("Økt sykling og gåing som transport", ()), ("Screening mot tarmkreft", ())]


def test_a_goal_statement_over_a_list_is_a_goal_of_each_item_and_no_measure() -> None:
    from pipeline.parse.text import text_to_blocks
    from pipeline.segment import blocks_to_measures
    from pipeline.segment.evidence import SegmentSettings

    text = ("Arbeidsplan 2026\n\nÅ bli en prioritert samarbeidspartner for regionalt nivå:\n\n"
            " • Være en aktiv høringspart\n • Delta i klimaprosesser\n\nInnflytelse økes gjennom flere partnere:\n\n"
            " • Velge partnere med gjensidig nytte\n • Styrke samhandlingen\n\nNeste møte er 3. mars.\n")
    ms = blocks_to_measures(text_to_blocks(text), settings=SegmentSettings(use_confidence=False))
    goals = {m.text: [g.text for g in m.goals] for m in ms}
    assert goals["Være en aktiv høringspart"] == ["Å bli en prioritert samarbeidspartner for regionalt nivå"]
    assert goals["Velge partnere med gjensidig nytte"] == ["Innflytelse økes gjennom flere partnere"]
    assert not any(t.startswith(("Å bli", "Innflytelse")) for t in goals)
    assert goals.get("Neste møte er 3. mars.", []) == []  # the goal ends with its list


def test_a_passive_action_over_settings_is_no_goal_statement() -> None:
    from pipeline.segment.goals import is_goal_statement

    assert not is_goal_statement("Temperaturen skal reduseres der det er forsvarlig. Dette vil være temperaturen:")
    assert not is_goal_statement("Sekretariatet skal være ansvarlig for følgende:")
    assert is_goal_statement("Medlemsvekst – 3000 medlemmer skal nås innen 31.12.2022")


def _goals(text: str) -> list[tuple[str, list[str]]]:
    ms = blocks_to_measures(text_to_blocks(text), settings=SegmentSettings(use_confidence=False))
    return [(m.text, [g.text for g in m.goals]) for m in ms]


def test_a_goal_heading_and_its_paragraph_are_goals_of_the_list_below_them() -> None:
    text = ("Effektiv arealbruk\n\nOverordna mål\n\nAreala skal verta forvalta til beste for miljøet\n\nMål 2030\n\n"
            "10 % mindre areal per tilsett\n\nTiltak\n\n  • Analysera arealbruk\n  • Gjennomføra ein campusplan\n\n"
            "Indikatorar\n\n  • Areal per tilsett\n")
    got = _goals(text)
    both = ["Areala skal verta forvalta til beste for miljøet", "10 % mindre areal per tilsett"]
    assert got[:2] == [("Analysera arealbruk", both), ("Gjennomføra ein campusplan", both)]
    assert all(not goals for _, goals in got[2:])  # another heading ends the group


def test_numbered_målsetning_lines_head_their_group() -> None:
    got = _goals("Årsplan\nMålsetning 1: Sikre natur og friluftsliv\n- Følge opp kommuneplanene\n"
                 "Målsetning 2: Bygge kompetanse\n- Arrangere temamøter\n")
    assert got == [("Følge opp kommuneplanene", ["Sikre natur og friluftsliv"]),
                   ("Arrangere temamøter", ["Bygge kompetanse"])]


def test_a_short_line_over_a_goal_line_is_a_section_heading_and_the_goal_changes_with_it() -> None:
    got = _goals("Satsingsområder\nEnergi\nMål: Regionen skal være ledende på fornybar energi\n- Arbeide for lavere strømpriser\n"
                 "Forsvaret\nMål: Styrke forsvarets tilstedeværelse\n- Styrke heimevernet i regionen\n")
    assert got == [("Arbeide for lavere strømpriser", ["Regionen skal være ledende på fornybar energi"]),
                   ("Styrke heimevernet i regionen", ["Styrke forsvarets tilstedeværelse"])]


def test_outcomes_leading_a_list_of_actions_are_its_goals_but_outcomes_among_measures_stay_measures() -> None:
    got = _goals("Satsingsområde 1: Bolyst\n- Økt andel unge voksne som bosetter seg i kommunen\n"
                 "- Utarbeide en boligsosial handlingsplan\n- Etablere et tilflytterprogram\n")
    assert got == [(t, ["Økt andel unge voksne som bosetter seg i kommunen"])
                   for t in ("Utarbeide en boligsosial handlingsplan", "Etablere et tilflytterprogram")]
    mixed = _goals("Anbefalte tiltak\n- Økt alkoholpris gjennom avgift\n- Gratis skolemåltid\n- Økt sykling og gåing\n")
    assert [t for t, _ in mixed] == ["Økt alkoholpris gjennom avgift", "Gratis skolemåltid", "Økt sykling og gåing"]


def test_a_dropped_lead_in_that_states_an_aim_is_the_goal_of_its_items() -> None:
    from pipeline.models import Measure
    from pipeline.segment.leadins import lead_in_goals
    ms = [Measure(1, "Direktoratet vil at kulturminner skal bevares og brukes ved å"),
          Measure(2, "kartlegge kunnskapsbehovet", parent=1, layout="item"),
          Measure(3, "Følgende tiltak:"), Measure(4, "Arrangere et seminar", parent=3, layout="item")]
    goals = lead_in_goals(ms, kept={2, 4})
    assert {o: g.text for o, g in goals.items()} == {2: "Direktoratet vil at kulturminner skal bevares og brukes"}
    assert lead_in_goals(ms, kept={1, 2, 4}) == {}  # a kept lead-in is the items' umbrella measure


def test_a_goal_heading_over_a_list_makes_the_items_goals_of_the_measures_below() -> None:
    text = ("Næring\n\n## Mål\n\n- Flere arbeidsplasser i distriktet\n- Økt eksport fra regionen\n\n## Tiltak\n\n"
            "- Etablere et eksportnettverk\n- Arrangere en næringskonferanse\n")
    got = _goals(text)
    goals = ["Flere arbeidsplasser i distriktet", "Økt eksport fra regionen"]
    assert got == [("Etablere et eksportnettverk", goals), ("Arrangere en næringskonferanse", goals)]


def test_a_goal_label_under_an_open_list_measure_is_no_goal_heading() -> None:
    # the seed's "Effektmål:" under a bullet belongs to that measure's labelled lines, never a group's heading
    got = _goals("Tiltak\n- Etablere et nettverk for energi\nEffektmål:\n- Økt produksjon av fornybar energi\n"
                 "- Kartlegge arealer for solkraft\n")
    # the outcome under the label is the goal of the measure above it; the list below has no group goal
    assert got == [("Etablere et nettverk for energi", ["Økt produksjon av fornybar energi"]),
                   ("Kartlegge arealer for solkraft", [])]


def test_a_paragraph_ending_in_a_goal_list_intro_makes_its_items_goals() -> None:
    from pipeline.segment.goals import GOAL_LIST_INTRO

    assert GOAL_LIST_INTRO.search("Hensikten er å skape bevegelsesglede. Prosjektets delmål er:")
    assert GOAL_LIST_INTRO.search("Vi har satt oss følgende mål:")
    assert not GOAL_LIST_INTRO.search("Følgende tiltak ble vedtatt:")
    text = ("Prosjektbeskrivelse\n\nMålet for prosjektet er økt fysisk aktivitet. Prosjektets delmål er:\n"
            "1. Bedre helse hos elevene\n2. Økt trivsel for elever og lærere\n\nTiltak\n\n"
            "- Innføre en times fysisk aktivitet hver dag\n")
    measures = blocks_to_measures(text_to_blocks(text), settings=SegmentSettings(use_confidence=False))
    assert [m.text for m in measures][-1] == "Innføre en times fysisk aktivitet hver dag"
    assert not any(m.text.startswith(("Bedre helse", "Økt trivsel")) for m in measures)
    assert {g.text for g in measures[-1].goals} >= {"Bedre helse hos elevene", "Økt trivsel for elever og lærere"}


def test_a_dropped_paragraph_or_a_heading_that_states_a_goal_is_the_goal_of_the_items_below() -> None:
    from pipeline.models import Measure
    from pipeline.segment.leadins import lead_in_goals
    ms = [Measure(1, "Regionrådet ble dannet i 1996. Regionrådet skal arbeide for å fremme samarbeid som skaper vekst "
                     "i regionen. Dette innebærer bl.a.:"),
          Measure(2, "Samordne kommunenes interesser", layout="item"),
          Measure(3, "Initiere regionale prosjekter", layout="item"),
          Measure(4, "Gjøre det lettere å sykle", layout="item",
                  section=("2.5.1 Stavanger skal være ledende i arbeidet for et klimavennlig samfunn",)),
          Measure(5, "Arrangere et seminar", layout="item", section=("2.6 Kultur",))]
    goals = {o: g.text for o, g in lead_in_goals(ms, kept={2, 3, 4, 5}).items()}
    aim = "Regionrådet skal arbeide for å fremme samarbeid som skaper vekst i regionen."
    assert goals == {2: aim, 3: aim, 4: "Stavanger skal være ledende i arbeidet for et klimavennlig samfunn"}


def test_a_sentence_that_only_states_a_goal_or_purpose_is_no_measure() -> None:
    from pipeline.models import Measure
    from pipeline.segment.confidence import never_measure
    from pipeline.segment.goals import states_goal

    assert states_goal("Universell utforming og tilgjengelighet må være et viktig mål")
    assert states_goal("Målet for prosjektet er økt fysisk aktivitet og sunt kosthold hos barn og unge.")
    assert states_goal("Hensikten med møtene er rapportering, samarbeid og samordning.")
    assert not states_goal("Kommunen skal lage en plan der klimanøytralitet er et mål")  # the goal is a clause
    assert not states_goal("Vi skal etablere et nettverk. Målet med nettverket er økt samarbeid.")
    assert not states_goal("Formålet med besøkene er å støtte kommunene. I neste uke ser vi på Alta og Karasjok.")
    assert never_measure(Measure(1, "Målet for prosjektet er økt fysisk aktivitet."))


def test_a_result_stated_under_a_goal_label_stays_on_the_goal_list() -> None:
    # the seed's "Resultatmål:" list (L330-335): a narrow line, then a wide one that states a result
    from pathlib import Path

    seed = Path(__file__).resolve().parents[1] / "raw" / "handlingsprogram-2026-gruppearbeid-notater.txt"
    ms = _segment(seed.read_text(encoding="utf-8"))
    plan = next(m for m in ms if m.text.startswith("Regional areal- og transportplan"))
    assert [g.text[:24] for g in plan.goals] == ["Møte med alle arealplanl", "Arealavklring bidrar til"]
    assert not any(m.text.startswith("Arealavklring") for m in ms)


def test_a_labelled_goal_line_above_a_list_is_the_goal_of_every_item() -> None:
    """h4_ofoten_handlingsprogram: "Resultatmål: …" after an area's intro paragraph, then the numbered measures."""
    from pipeline.parse.text import text_to_blocks
    from pipeline.segment import blocks_to_measures

    text = ("Innsatsområde 1: Næringsutvikling\n\n"
            "Industrien rundt havna er ryggraden i næringslivet, og mange bedrifter mangler fagfolk.\n\n"
            "Resultatmål: Flere læreplasser i regionen.\n\n"
            "1. Etablere et felles opplæringskontor for regionen.\n"
            "2. Kartlegge kompetansebehovet i bygg- og anleggsnæringen.\n\n"
            "Innsatsområde 2: Transport\n\n"
            "1. Arbeide for flere kryssingsspor på Ofotbanen.\n")
    measures = [m for m in blocks_to_measures(text_to_blocks(text)) if not m.text.startswith("Industrien")]
    assert [m.text[:20] for m in measures] == ["Etablere et felles o", "Kartlegge kompetanse", "Arbeide for flere kr"]
    assert [[g.text for g in m.goals] for m in measures] == [["Flere læreplasser i regionen."]] * 2 + [[]]


def test_an_effect_goal_over_a_table_is_the_goal_of_its_rows_and_the_heading_titles_no_measure() -> None:
    from pipeline.parse.html import html_to_blocks

    page = ("<h1>Handlingsprogram</h1><details><summary>Samferdsel og mobilitet</summary>"
            "<p>Effektmål: Det skal bli enklare å pendle utan bil.</p><table><tr><th>Tiltak</th><th>Ansvar</th>"
            "<th>Partnarar</th><th>Periode</th></tr><tr><td>Utgreie eit betre busstilbod</td><td>Molde kommune</td>"
            "<td>FRAM</td><td>2027</td></tr><tr><td>Sykkelhotell ved rutebilstasjonen</td><td>Molde kommune</td>"
            "<td>Statens vegvesen</td><td>2028</td></tr></table></details>")
    measures = blocks_to_measures(html_to_blocks(page, "side.html"), settings=SegmentSettings(use_confidence=False))
    assert [m.text for m in measures] == ["Utgreie eit betre busstilbod", "Sykkelhotell ved rutebilstasjonen"]
    assert all([(g.kind, g.text) for g in m.goals] == [("effektmål", "Det skal bli enklare å pendle utan bil.")]
               for m in measures)  # the label's kind goes with the group goal
    assert [m.partner_text for m in measures] == [("FRAM",), ("Statens vegvesen",)]  # "Partnarar": nynorsk
    assert all(m.section == ("Samferdsel og mobilitet",) for m in measures)  # the <summary> heads the section
