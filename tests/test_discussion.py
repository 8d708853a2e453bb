"""Minutes: what a case says before its decision, and an application turned down, are no measures
(pipeline.segment.discussion), as is a paper adopted or a measure taken out; what stands under "Orienteringssaker" neither (confidence.FOR_INFORMATION)."""
from __future__ import annotations

from pipeline.models import Measure
from pipeline.parse.text import text_to_blocks
from pipeline.segment import blocks_to_measures
from pipeline.segment.confidence import explicit, never_measure, listed_sections
from pipeline.segment.discussion import discussion, refused

CASE = ("Sak 35/26 Felles beredskapsøving",)


def test_what_comes_before_a_cases_decision_is_discussion() -> None:
    measures = [Measure(1, "Etter stormen i januar var fleire kommunar utan straum.", section=CASE),
                Measure(2, "Osterøy meinte at det trengst ei felles øving der kommunane prøver ut samhandlinga.", section=CASE),
                Measure(3, "Vedtak: Kommunane gjennomfører ei felles beredskapsøving hausten 2027.", section=CASE),
                Measure(4, "Sekretariatet ser på ei ny øving i 2028.", section=CASE),  # after the decision
                Measure(5, "Kommunane lagar ein felles ROS-analyse.", section=("Sak 36/26 Eventuelt",))]
    assert discussion(measures) == {1, 2}


def test_a_saksframlegg_argues_under_its_assessment_headings_and_decides_in_the_vedtak() -> None:
    case = ("Nye tiltak i handlingsprogrammet",)
    measures = [Measure(1, "Regionrådet bør ta initiativ til ei oversikt over kapasiteten i straumnettet.",
                        section=(*case, "Vurdering")),
                Measure(2, "Saka gjeld kva nye tiltak som skal inn.", section=(*case, "Saka gjeld")),
                Measure(3, "Ei liste over nettkapasiteten.", section=(*case, "Vurdering"), layout="item"),  # a list: layout
                Measure(4, "Regionrådet og Linja lagar ei oversikt over kapasiteten i straumnettet.", layout="item",
                        section=(*case, "Framlegg til vedtak")),
                Measure(5, "Kommunane meiner det same.", section=(*case, "Vurdering", "Merknader"))]  # deeper: not the case's
    assert discussion(measures) == {1, 2}
    assert discussion(measures[:2]) == set()  # no decision: the assessment is all there is


def test_a_decision_heading_and_a_proposal_count_as_the_decision() -> None:
    under_heading = [Measure(1, "Dagleg leiar gjekk gjennom utkastet.", section=("Sak 31/26 Handlingsprogram",)),
                     Measure(2, "Regionrådet startar arbeidet med ein kystsoneplan.", layout="item",
                             section=("Sak 31/26 Handlingsprogram", "Vedtak"))]
    assert discussion(under_heading) == {1}
    proposal = [Measure(1, "Innstilling: Kommunen deltek i prosjektet.", section=("PS 12/26",)),
                Measure(2, "Vedtak: Samrøystes som innstillinga.", section=("PS 12/26",))]
    assert discussion(proposal) == set()


def test_a_follow_up_heading_is_no_decision() -> None:
    measures = [Measure(1, "Innføre et lavterskeltilbud for barn og unge.", layout="item", section=("Helse",)),
                Measure(2, "Kommunedirektøren rapporterer hvert år.", section=("Helse", "Oppfølging"))]
    assert discussion(measures) == set()


def test_an_application_turned_down_is_no_measure() -> None:
    measures = [Measure(1, "Styret løyver 250 000 kr til forprosjektet «Lokal sjømat».", layout="item"),
                Measure(2, "Søknaden frå Vaksdal Vekst om støtte til ny nettbutikk vert avslått.", layout="item"),
                Measure(3, "Søknadene fra lagene avslås, da de faller utenfor retningslinjene.", layout="item")]
    assert refused(measures) == {2, 3}


def test_minutes_keep_the_decision_and_drop_the_discussion() -> None:
    text = ("Protokoll frå styremøte\n\nFrå administrasjonen: dagleg leiar Eirik Nesse\n"
            "Observatør: Hilde Bjørge, Vestland fylkeskommune\n\n"
            "Sak 35/26 Felles beredskapsøving\n"
            "Osterøy og Vaksdal meinte at det trengst ei felles øving der kommunane prøver ut samhandlinga med nettselskapa.\n"
            "Vedtak: Kommunane i Nordhordland gjennomfører ei felles beredskapsøving hausten 2027.\n")
    texts = [m.text for m in blocks_to_measures(text_to_blocks(text))]
    assert texts == ["Vedtak: Kommunane i Nordhordland gjennomfører ei felles beredskapsøving hausten 2027."]


def test_items_for_information_and_bullets_beside_a_table_are_never_measures() -> None:
    told = Measure(1, "Hilde Bjørge orienterte om arbeidet med ny regional plan.", layout="item",
                   section=("Sak 30/26 Orienteringssaker",))
    assert never_measure(told)
    said = Measure(1, "enighet om at vi må jobbe tettere med USN enn i dag", layout="item", section=("Gruppe 1 – Næring",))
    row = Measure(2, "Felles rekrutteringskampanje", layout="table", section=("Gruppe 1 – Næring",))
    assert never_measure(said, listed_sections([said, row])) and not never_measure(said)
    assert not never_measure(row, listed_sections([said, row]))


def test_items_marked_as_measures_make_the_bullets_beside_them_discussion() -> None:
    section = ("Besøksforvaltning",)
    said = Measure(1, "parkeringsplassene sprekker hver sommer", layout="item", section=section)
    given = Measure(2, "jobbe for felles betalingsløsning ved innfallsportene → ST, uke 9", layout="item", section=section)
    labelled = Measure(3, "Tiltak: Lage en oversikt over ledige næringsarealer", layout="item", section=("Næring",))
    tables = listed_sections([said, given, labelled])
    assert never_measure(said, tables) and not never_measure(given, tables) and not never_measure(labelled, tables)
    assert explicit(given) and explicit(labelled)
    assert listed_sections([said, given]) == frozenset()  # one marked item in a document marks nothing
    step = Measure(4, "kurs i anbudskriving for små bedrifter", layout="item", section=("Næring",), parent=3)
    assert not never_measure(step, listed_sections([said, given, labelled, step]))  # a marked item's own sub-item


def test_a_contact_line_is_never_a_measure() -> None:
    assert never_measure(Measure(1, "Kontakt: daglig leder Hanne Kristiansen, tlf. 976 41 228, hanne@regionrad.no"))
    assert never_measure(Measure(1, "Spørsmål om planen: Ola Nordmann, mobil 900 11 222"))
    assert not never_measure(Measure(1, "Sekretariatet tar kontakt med Skyss om en fast ordning med erstatningsbåt."))


def test_a_decision_that_only_takes_note_is_no_measure() -> None:
    measures = [Measure(1, "Formannskapet tek statusrapporten for handlingsprogrammet til orientering.", layout="item"),
                Measure(2, "Vedtak: Referatsakene vert tekne til orientering."),
                Measure(3, "Vedtak: Utvalet tek saka til orientering. Utvalet ber kommunedirektøren leggje fram "
                           "ei oversikt over ledige næringsareal.")]  # a task follows: a measure
    assert refused(measures) == {1, 2}


def test_a_paper_adopted_or_a_measure_taken_out_is_no_measure() -> None:
    measures = [Measure(1, "Handlingsprogram 2027 vedtas med de endringene som kom fram i møtet.", layout="item"),
                Measure(2, "Tiltaket om felles kommunikasjonsstrategi tas ut av programmet.", layout="item"),
                Measure(3, "Vedtak: Innkalling og sakliste vert godkjende."),
                Measure(4, "Handlingsprogrammet vedtas for en toårsperiode, men rulleres årlig. Det bygger på "
                           "prinsipprogrammet."),  # says what the programme is: for the model to judge
                Measure(5, "Utstyr barnet har med seg må først tas ut av bilen.", layout="item"),
                Measure(6, "Rådet slutter seg til sekretariatets forslag til tiltak for 2027, med endringene fra møtet."),
                Measure(7, "Rådet tar sluttrapporten til orientering og takker prosjektgruppen for godt arbeid.")]
    assert refused(measures) == {1, 2, 3, 6, 7}
