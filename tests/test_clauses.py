"""An agenda item whose sentences each give someone a task is one measure per sentence."""
from __future__ import annotations

from pipeline.models import Block
from pipeline.segment.clauses import sentences, split_item_sentences, states_task

ITEM = Block("Kommunikasjon og PR: Pilotprosjektet skal få egen plass på hjemmesiden. Rådmannen sørger for at "
             "referatene blir publisert. Prosjektleder får tilgang til hjemmesiden.", kind="item", level=0)


def test_an_item_of_tasks_with_their_subjects_is_cut_into_a_measure_and_its_sub_items() -> None:
    parts = split_item_sentences(ITEM)
    assert [(b.text, b.level, b.kind) for b in parts] == [
        ("Kommunikasjon og PR: Pilotprosjektet skal få egen plass på hjemmesiden.", 0, "item"),
        ("Rådmannen sørger for at referatene blir publisert.", 1, "item"),
        ("Prosjektleder får tilgang til hjemmesiden.", 1, "item")]


def test_fragments_questions_and_facts_stay_in_one_item() -> None:
    notes = Block("Utenforskap og jobb. Redusere nullskatteytere. Søke prosjektmidler: F.eks.:", kind="item")
    asks = Block("Utmelding? Hvordan kan Osloregionen jobbe bedre? Stram kommuneøkonomi påvirker alle.", kind="item")
    assert split_item_sentences(notes) == [notes] and split_item_sentences(asks) == [asks]
    assert split_item_sentences(Block(ITEM.text, kind="text")) == [Block(ITEM.text, kind="text")]  # prose: split_prose


def test_sentences_are_cut_at_full_stops_but_not_after_abbreviations() -> None:
    assert sentences("Møtet avvikles bl.a. på Teams. Saksdokumenter sendes ut.") == [
        "Møtet avvikles bl.a. på Teams.", "Saksdokumenter sendes ut."]
    assert states_task("Saksdokumenter sendes ut ca en uke før møte.") and not states_task("Redusere vikarbruk.")


def test_minutes_give_tasks_to_named_people() -> None:
    assert states_task("Ray kontakter revisor og spør om han vil fortsette en sesong til.")
    assert states_task("Trond avklarer med valgkomiteen om de ønsker gjenvalg.")
    assert not states_task("Finn Morten presenterte det endelige regnskapet.")  # a report, past tense
    assert not states_task("Det er nå 221 personer som har besøkt banene.")
    item = Block("Styret gikk gjennom årsmøtedokumentet. Ray kontakter revisor om neste sesong. Trond avklarer "
                 "med valgkomiteen om de ønsker gjenvalg.", kind="item")
    assert [p.text for p in split_item_sentences(item)][1:] == ["Ray kontakter revisor om neste sesong.",
                                                                "Trond avklarer med valgkomiteen om de ønsker gjenvalg."]
