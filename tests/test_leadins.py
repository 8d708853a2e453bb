"""Lead-ins that end in ':' own the list below them: its parent, and the owner they name."""
from __future__ import annotations

from pipeline.models import Measure
from pipeline.segment.leadins import lead_in_owners


def test_a_dropped_lead_in_names_the_owner_of_its_items() -> None:
    lead = Measure(1, "Sekretariatet skal:")
    items = [Measure(2, "Lage en plan for kompetanse i kommunene.", parent=1),
             Measure(3, "Invitere næringslivet til dialogmøte.", parent=1)]
    assert lead_in_owners([lead, *items], kept={2, 3}) == {2: "Sekretariatet", 3: "Sekretariatet"}


def test_a_lead_in_that_became_a_heading_names_the_owner_too() -> None:
    items = [Measure(1, "Arrangere en årlig møteplass.", section=("Telemark fylkeskommune skal",))]
    assert lead_in_owners(items, kept={1}) == {1: "Telemark fylkeskommune"}


def test_an_item_with_an_owner_of_its_own_keeps_it() -> None:
    lead = Measure(1, "Sekretariatet skal:")
    items = [Measure(2, "Rådmannen legger fram en sak om budsjettet.", parent=1),
             Measure(3, "Felles plan for vann.", parent=1, responsible_text=("Nome kommune",))]
    assert lead_in_owners([lead, *items], kept={2, 3}) == {}


def test_a_lead_in_without_an_owner_subject_names_none() -> None:
    # the body that speaks recommends (see owners.ASSEMBLY), and a heading without a verb names no task
    lead = Measure(1, "Regionrådet bør:")
    items = [Measure(2, "Lage en plan for kompetanse.", parent=1),
             Measure(3, "Lage en plan for vann.", section=("Sekretariatet",))]
    assert lead_in_owners([lead, *items], kept={2, 3}) == {}


def test_items_after_a_lead_in_paragraph_take_its_owner_even_under_a_sub_lead_in() -> None:
    lead = Measure(1, "Regionrådet Nord-Gudbrandsdal skal fremje regionens interesser gjennom å:")
    items = [Measure(2, "Drive politisk interessearbeid overfor myndigheitene.", layout="item"),
             Measure(3, "Leggje til rette for næringsutvikling med særleg vekt på å:", layout="item"),
             Measure(4, "arbeide for gode vilkår for nyetableringar", layout="item", parent=3)]
    owner = "Regionrådet Nord-Gudbrandsdal"
    assert lead_in_owners([lead, *items], kept={2, 3, 4}) == {2: owner, 3: owner, 4: owner}


def test_a_lead_in_that_makes_demands_on_others_names_no_owner() -> None:
    lead = Measure(1, "Regjeringen må:")
    items = [Measure(2, "Øke bevilgningene til brukerstyrt personlig assistanse.", layout="item")]
    assert lead_in_owners([lead, *items], kept={2}) == {}


def test_a_lead_in_ending_in_ved_aa_gives_its_list_an_owner() -> None:
    lead = Measure(1, "Riksantikvaren vil at kulturminner skal bevares ved å", layout="item")
    items = [Measure(2, "arbeide for vern av landskap", layout="item", parent=1),
             Measure(3, "bidra til god miljøforvaltning", layout="item", parent=1)]
    assert lead_in_owners([lead, *items], kept={2, 3}) == {2: "Riksantikvaren", 3: "Riksantikvaren"}


def test_a_paragraph_whose_last_sentence_the_list_completes_names_the_owner() -> None:
    lead = Measure(1, "Det er eit politisk mål å halde oppe landbruket. Statsforvaltaren skal blant anna")
    items = [Measure(2, "gi råd og assistanse til kommunane", layout="item"),
             Measure(3, "behandle klager på kommunale vedtak", layout="item")]
    assert lead_in_owners([lead, *items], kept={2, 3}) == {2: "Statsforvaltaren", 3: "Statsforvaltaren"}


def test_a_lead_in_whose_subject_works_on_the_list_names_the_owner() -> None:
    lead = Measure(1, "Friluftsrådet jobber særlig med følgende oppgaver:")
    items = [Measure(2, "Fremme allemannsretten", layout="item"), Measure(3, "Kurs i friluftsliv", layout="item")]
    assert lead_in_owners([lead, *items], kept={2, 3}) == {2: "Friluftsrådet", 3: "Friluftsrådet"}


def test_a_lead_in_whose_subject_takes_a_stance_names_no_owner() -> None:
    lead = Measure(1, "Friluftsrådet mener følgende bør prioriteres:")
    items = [Measure(2, "Sikring av friluftsområder", layout="item")]
    assert lead_in_owners([lead, *items], kept={2}) == {}
