"""Owners named without a label: the subject a sentence gives its task to (pipeline.nlp.owners)."""
from pipeline.nlp.owners import subject_owner


def test_a_subject_that_is_given_a_task_owns_it() -> None:
    assert subject_owner("Sekretariatet sender invitasjonen til kommunene innen 15. august.") == "Sekretariatet"
    assert subject_owner("Kommunedirektørutvalget bes utrede et felles rekrutteringsopplegg.") == "Kommunedirektørutvalget"


def test_a_subject_that_states_a_view_or_a_demand_owns_nothing() -> None:
    # a letter's writer speaking, asking or demanding, and a demand made of others ("X må …")
    for sentence in ("NJFF oppfordrer regjeringen til å følge opp rapporten.", "AEF sier nei til reduksjonen.",
                     "Finansdepartementet må få et forhold til planen.", "Natur og Ungdom krever vern av elva.",
                     "Regionrådet mener at fylkesvegen må prioriteres."):
        assert subject_owner(sentence) is None, sentence


def test_a_sentence_that_says_who_has_the_responsibility_names_the_owner() -> None:
    from pipeline.models import Measure
    from pipeline.nlp.enrich import measure_owners
    from pipeline.nlp.owners import declared_owner

    assert declared_owner("Kontaktlærer for elevråd har ansvar for at planen settes på dagsorden.") == \
        "Kontaktlærer for elevråd"
    assert declared_owner("Trong tar ansvar for det.") is None  # a person's name: persons are no owners
    owners = measure_owners(Measure(1, "Styret vedtar sportsandakt denne søndagen. Oif ski har ansvar for hytta."))
    assert [o.partner for o in owners] == ["Oif ski"] and owners[0].role == "ansvarlig"
