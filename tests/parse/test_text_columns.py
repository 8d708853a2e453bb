"""Space-aligned tables in plain text: columns where the header's names start, wrapped rows joined."""
from __future__ import annotations

from pipeline.parse.text import text_to_blocks
from pipeline.parse.text_columns import aligned_header, aligned_table_at
from pipeline.segment import blocks_to_measures
from pipeline.segment.evidence import SegmentSettings

TABLE = """Arbeidsprogram 2027

Nr   Tiltak                                   Ansvar          Status   Merknad
1    Kartlegge ledige næringsareal i          Sekretariatet   gul      Venter på tall fra
     kommunene                                                         to kommuner
2    Felles kurs i offentlige innkjøp         Styret          grønn    Holdt i mai
3    Søke midler til et felles                Nome kommune    rød      Avslag
     reiselivsprosjekt

Sum: 3 tiltak
"""


def test_a_header_of_column_names_set_apart_by_spaces_is_a_table_header() -> None:
    starts, names = aligned_header("Nr   Tiltak      Ansvar   Frist")
    assert names == ["Nr", "Tiltak", "Ansvar", "Frist"] and starts == [0, 5, 17, 26]
    assert aligned_header("Vi møttes i rådhuset   og drøftet planen") is None  # no column names
    assert aligned_header("  Nr   Tiltak   Ansvar") is None  # indented: no header at the margin


def test_wrapped_rows_join_their_cells_column_by_column_and_a_blank_line_ends_the_table() -> None:
    lines = TABLE.splitlines()
    blocks, end = aligned_table_at(lines, 2)
    assert lines[end] == ""
    rows = {}
    for b in blocks:
        rows.setdefault(b.row, {})[b.column] = b.text
    assert rows[0]["measure"] == "Kartlegge ledige næringsareal i kommunene"
    assert rows[0]["responsible"] == "Sekretariatet"
    assert "Venter på tall fra to kommuner" in rows[0].values()
    assert rows[2]["measure"] == "Søke midler til et felles reiselivsprosjekt"


def test_each_row_is_a_measure_with_its_owner_and_text_after_the_table_joins_no_cell() -> None:
    ms = blocks_to_measures(text_to_blocks(TABLE), settings=SegmentSettings(use_confidence=False))
    got = [(m.text, m.responsible_text) for m in ms if m.layout == "table"]
    assert got == [("Kartlegge ledige næringsareal i kommunene", ("Sekretariatet",)),
                   ("Felles kurs i offentlige innkjøp", ("Styret",)),
                   ("Søke midler til et felles reiselivsprosjekt", ("Nome kommune",))]
