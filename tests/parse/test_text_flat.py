from pipeline.parse.text import text_to_blocks
from pipeline.parse.text_flat import flat_header_roles, flat_table_at

FLAT = """Delmål 1: Sunn mat
Tiltak Innhold Aktører Dato
 
Felles lunsj i barnehagene Med forbehold om godkjenning Oppvekst og kultur
Styrerne i barnehagene
Høsten 2009
 
Fiskesprell i barnehagene Delta i satsingen
Folkehelseprosjektet
Våren 2009


Delmål 2: Matglede
"""


def test_header_of_column_names_run_together():
    assert flat_header_roles("Tiltak Innhold Aktører Dato") == ["measure", "other", "partner", "deadline"]
    assert flat_header_roles("Tiltak Ansvar Frist") == ["measure", "responsible", "deadline"]


def test_sentences_and_headers_without_owner_or_date_are_no_header():
    assert flat_header_roles("Tiltak for bedre mat i barnehagene") is None
    assert flat_header_roles("Tiltak Innhold Kommentar") is None  # no owner, partner or date column
    assert flat_header_roles("Tiltak Ansvar") is None  # too short to tell from a heading


def test_rows_after_blank_lines_with_cells_below():
    blocks, end = flat_table_at(FLAT.splitlines(), 1)
    assert [(b.column, b.row, b.text) for b in blocks] == [
        ("measure", 0, "Felles lunsj i barnehagene Med forbehold om godkjenning Oppvekst og kultur"),
        ("partner", 0, "Styrerne i barnehagene"), ("deadline", 0, "Høsten 2009"),
        ("measure", 1, "Fiskesprell i barnehagene Delta i satsingen"),
        ("partner", 1, "Folkehelseprosjektet"), ("deadline", 1, "Våren 2009")]
    assert FLAT.splitlines()[end:][1] == "Delmål 2: Matglede"  # two blank lines end the table


def test_bulleted_or_numbered_lines_are_left_to_the_list_readers():
    numbered = "Nr Tiltak Ansvar Frist\n1 Kartlegge behov Styret 2026\n2 Etablere nettverk Sekretariatet 2027\n"
    assert flat_table_at(numbered.splitlines(), 0) is None
    bulleted = "Tema Tiltak Partnere Frist\n\nKlima\n* Kartlegge utslipp\n"
    assert flat_table_at(bulleted.splitlines(), 0) is None


def test_text_parser_reads_flattened_table_rows():
    blocks = text_to_blocks(FLAT)
    assert [b.text for b in blocks if b.column == "measure"] == [
        "Felles lunsj i barnehagene Med forbehold om godkjenning Oppvekst og kultur",
        "Fiskesprell i barnehagene Delta i satsingen"]
    assert not any(b.text.startswith("Tiltak Innhold") for b in blocks)
    assert blocks[-1].text == "Delmål 2: Matglede"


def test_flattened_rows_segment_into_measures_with_deadline_and_group_goal():
    from pipeline.segment import blocks_to_measures
    from pipeline.segment.evidence import SegmentSettings

    measures = blocks_to_measures(text_to_blocks(FLAT), settings=SegmentSettings(use_confidence=False))
    assert [(m.text.split()[0], m.deadline_text, [g.text for g in m.goals]) for m in measures] == [
        ("Felles", "Høsten 2009", ["Sunn mat"]), ("Fiskesprell", "Våren 2009", ["Sunn mat"])]
