"""Later cells of a table row flattened to one line, told apart from the right."""
from __future__ import annotations

from pipeline.segment.row_cells import split_row_cells, trailing_deadline

LATER = (["responsible", "deadline", "other"], ["Ansvar", "Frist", "Status"])


def test_owner_deadline_and_status_come_off_the_end_of_the_row() -> None:
    text = "Kartlegging av spredte avløp langs Norsjø (antall anlegg) Nome kommune 2. halvår 2026 Ikke startet"
    assert split_row_cells(text, *LATER) == (
        "Kartlegging av spredte avløp langs Norsjø (antall anlegg)",
        [("responsible", "Nome kommune"), ("deadline", "2. halvår 2026"), ("other", "Ikke startet")])


def test_places_named_in_the_measure_stay_in_its_text() -> None:
    text = "Felles markedsføring av Bø, Lunde og Ulefoss Sekretariatet Løpende Videreføres"
    assert split_row_cells(text, *LATER) == ("Felles markedsføring av Bø, Lunde og Ulefoss",
                                             [("responsible", "Sekretariatet"), ("deadline", "Løpende"),
                                              ("other", "Videreføres")])


def test_an_empty_cell_is_skipped_and_the_next_column_still_found() -> None:
    assert split_row_cells("Revidere samarbeidsavtalen Sekretariatet Før sommeren", *LATER) == (
        "Revidere samarbeidsavtalen", [("responsible", "Sekretariatet"), ("deadline", "Før sommeren")])


def test_a_column_of_unknown_content_stops_the_search() -> None:
    later = (["responsible", "other"], ["Ansvar", "Kostnad"])
    assert split_row_cells("Revidere avtalen Sekretariatet 20 000", *later) == ("Revidere avtalen Sekretariatet 20 000", [])


def test_a_deadline_cell_starts_where_a_cell_can_start() -> None:
    assert trailing_deadline("Ferdigstille planen innen utgangen av 2026") is None  # lower case: part of the sentence
    assert trailing_deadline("Ferdigstille planen Innen utgangen av 2026") == ("Ferdigstille planen", "Innen utgangen av 2026")
    assert trailing_deadline("Møte med 3 kommuner") is None
