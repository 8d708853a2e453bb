"""Word tables as people merge them (issue 15): a theme cell merged down over two rows (vMerge), a theme
row merged across the table (gridSpan), a table nested in a measure cell, and a running header and
footer (never measures). The fixture is written by python-docx (see its cells in the asserts)."""
from __future__ import annotations

from pathlib import Path

from pipeline.parse import parse
from pipeline.segment import blocks_to_measures

FIXTURE = Path(__file__).parents[1] / "fixtures" / "layouts" / "tabell-flettede-celler-nestet-tabell.docx"


def test_merged_theme_cells_nested_table_and_header_footer() -> None:
    doc = parse(FIXTURE)
    got = blocks_to_measures(doc.blocks)
    assert [m.text for m in got] == [
        "Kartlegge økologiske korridorer i regionen.",
        "Restaurere myr og våtmark i minst tre kommuner.",
        "Påvirke staten for at tog skal være foretrukket transportform. 2027 Innspill til NTP 2028 Oppfølging",
        "Arrangere et seminar om grønn næringstransport."]
    # the theme merged down over two rows heads both; the row merged across starts a section
    assert [m.section[-1] for m in got] == ["Klima og miljø", "Klima og miljø", "Transport og mobilitet",
                                            "Næringsutvikling"]
    assert not any("Side 1" in b.text or "Ikke for publisering" in b.text for b in doc.blocks)
