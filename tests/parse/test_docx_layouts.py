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


def test_text_boxes_table_in_a_list_and_running_header() -> None:
    # written by python-docx with tests/corpus/render_docx.text_box: two list items in a DrawingML text box
    # (with Word's VML copy of it as mc:Fallback), one in a VML-only text box (older Word), a contacts table
    # right after the first item with the list going on after it, and a running header holding a list item
    # and a footer "Side 1 av 1"
    doc = parse(Path(__file__).parents[1] / "fixtures" / "layouts" / "notater-tekstbokser-tabell-i-liste.docx")
    items = [b.text for b in doc.blocks if b.kind == "item"]
    assert items == ["Kartlegge økologiske korridorer i regionen i samarbeid med kommunene Kommune Kontaktperson "
                     "Asker Kari Nordmann",
                     "Restaurere myr og våtmark i minst tre kommuner",
                     "Arrangere et seminar om grønn næringstransport",  # in the text box, read once
                     "Utarbeide en felles veileder for klimatilpasning",
                     "Etablere et nettverk for kommunale klimarådgivere"]  # in the VML box
    assert doc.blocks[-1].text == "Sekretariatet sender forslagene på høring før jul."
    assert not any("publisering" in b.text or "Side 1" in b.text or "høring til kommunene" in b.text
                   for b in doc.blocks)
    got = blocks_to_measures(doc.blocks)
    assert [m.text for m in got][1:] == items[1:]
    assert got[0].text.startswith(items[0][:40])
