"""HTML parser: lists with levels, tables with rowspan/colspan, encodings."""
from __future__ import annotations

from pathlib import Path

from pipeline.parse import parse
from pipeline.parse.html import decode_html, parse_html

FIXTURE = Path(__file__).parents[1] / "fixtures" / "html" / "rowspan.html"


def test_rowspan_table_and_lists(tmp_path: Path) -> None:
    path = tmp_path / "t.html"
    path.write_bytes(FIXTURE.read_text(encoding="utf-8").encode("cp1252"))
    doc = parse(path, "t.html")
    assert doc.format == "html" and doc.encoding == "windows-1252"
    got = [(b.kind, b.level, b.column, b.bullet, b.text) for b in doc.blocks]
    assert got == [
        ("title", 0, None, None, "Handlingsprogram 2027 – utkast"),
        ("heading", 1, None, None, "Næring"),
        ("item", 0, None, "•", "Første punkt"),
        ("item", 1, None, "•", "Under punkt"),
        ("item", 0, None, "•", "Andre"),
        ("item", 0, None, "1.", "Nummer en"),
        ("heading", 1, "theme", None, "Klima"),
        ("heading", 2, "theme", None, "Natur"),
        ("item", 0, "measure", "•", "Plante trær"),
        ("text", 0, "goal", None, "Resultatmål: flere trær"),
        ("text", 0, "goal", None, "Effektmål: mer CO2-opptak"),
        ("text", 0, "responsible", None, "Kommunene"),
        ("text", 0, "measure", None, "Lage kart"),
        ("text", 0, "responsible", None, "NVE"),  # the row's owner follows its outermost measure
        ("item", 1, "measure", "•", "over skog"),  # a list under a cell's lead line is its sub-items
        ("text", 0, None, None, "Slutt."),
    ]
    rows = {b.text: b.row for b in doc.blocks}
    assert rows["Natur"] == rows["Kommunene"] != rows["NVE"] == rows["Lage kart"]
    lines = [b.line for b in doc.blocks]
    assert len(set(lines)) == len(lines)  # provenance: every block its own element number
    outside = [b.line for b in doc.blocks if b.row is None]
    assert outside == sorted(outside)  # document order (table rows reorder goals after their measure)


def test_rowspan_text_is_not_repeated(tmp_path: Path) -> None:
    doc = parse_html(FIXTURE, "rowspan.html")
    assert sum(b.text == "Natur" for b in doc.blocks) == 1


def test_decode_bom_meta_and_fallback() -> None:
    assert decode_html("\ufeff<p>blåbær</p>".encode("utf-8")) == ("<p>blåbær</p>", "utf-8")
    assert decode_html("<p>blåbær</p>".encode("cp1252"))[0] == "<p>blåbær</p>"
    assert decode_html("<p>blåbær</p>".encode("cp1252"))[1] == "cp1252"
    meta = '<meta charset="iso-8859-1"><p>æøå</p>'.encode("latin-1")
    assert decode_html(meta) == ('<meta charset="iso-8859-1"><p>æøå</p>', "iso-8859-1")


def test_header_variant_roles(tmp_path: Path) -> None:
    path = tmp_path / "v.html"
    path.write_text("<html><body><p>Notater 2026</p><table><tr><td>Tiltak</td><td>Mål</td><td>Ansvar</td>"
                    "<td>Frist</td></tr><tr><td>Gjøre noe</td><td>Bedre</td><td>NVE</td><td>2026</td></tr>"
                    "</table></body></html>", encoding="utf-8")
    doc = parse_html(path, "v.html")
    assert [(b.column, b.text) for b in doc.blocks] == [
        (None, "Notater 2026"), ("measure", "Gjøre noe"), ("goal", "Bedre"), ("responsible", "NVE"),
        ("deadline", "2026")]
    assert doc.blocks[0].kind == "title"


def test_word_save_as_html_list_paragraphs(tmp_path):
    html = """<html><body><p class=MsoNormal>Innspill</p>
    <p class=MsoListParagraphCxSpFirst style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><span
    style='font-family:Symbol;mso-list:Ignore'>·<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;
    </span></span>Kartlegge overvann</p>
    <p class=MsoListParagraphCxSpLast style='mso-list:l0 level2 lfo1'><span style='font-family:Wingdings;
    mso-list:Ignore'>§<span>&nbsp;</span></span>i Follo</p></body></html>"""
    path = tmp_path / "word.htm"
    path.write_text(html, encoding="utf-8")
    items = [(b.text, b.level, b.bullet) for b in parse(path).blocks if b.kind == "item"]
    assert items == [("Kartlegge overvann", 0, "•"), ("i Follo", 1, "▪")]


def test_google_docs_flat_lists_with_level_classes(tmp_path):
    html = ('<html><body><p>Notat</p><ul class="lst-kix_abc-0 start"><li>Kartlegge overvann</li></ul>'
            '<ul class="lst-kix_abc-1 start"><li>i Follo</li></ul><ul class="lst-kix_abc-0"><li>Restaurere myr</li></ul>'
            '</body></html>')
    path = tmp_path / "gdocs.html"
    path.write_text(html, encoding="utf-8")
    items = [(b.text, b.level) for b in parse(path).blocks if b.kind == "item"]
    assert items == [("Kartlegge overvann", 0), ("i Follo", 1), ("Restaurere myr", 0)]


def test_lines_broken_with_br_are_blocks(tmp_path):
    html = ("<html><body><p>Hei,<br>Her er innspillene:<br>1. Kartlegge overvann<br>"
            "2. Arrangere seminar</p></body></html>")
    path = tmp_path / "epost.html"
    path.write_text(html, encoding="utf-8")
    blocks = parse(path).blocks
    assert [(b.kind, b.text) for b in blocks] == [("title", "Hei,"), ("text", "Her er innspillene:"),
                                                  ("item", "Kartlegge overvann"), ("item", "Arrangere seminar")]


def test_page_furniture_is_left_out(tmp_path: Path) -> None:
    page = tmp_path / "nyhet.html"
    page.write_text("""<html><body><header class="topp"><a href="/">Logo</a><nav><a href="/t">Tenester</a></nav>
<button aria-label="Søk">Søk</button></header><div class="consent"><p>Tillat alle</p></div>
<a class="skiplink" href="#innhald">Gå til hovudinnhaldet</a><nav><ul><li>Forside</li><li>Aktuelt</li></ul></nav>
<div class="cookie-banner" role="dialog"><p>Vi bruker informasjonskapsler.</p></div>
<ol class="breadcrumb"><li>Forside</li><li>Aktuelt</li></ol>
<article><h1>Ny handlingsplan</h1><ul><li>Utarbeide en felles boligstrategi</li></ul>
<div class="del"><p>Del saken:</p><ul><li>Facebook</li></ul></div></article>
<section class="relatert"><h2>Flere saker</h2><ul><li>Møteplan for regionrådet 2027</li></ul></section>
<footer><ul><li>Personvern og informasjonskapsler</li></ul></footer></body></html>""", encoding="utf-8")
    assert [b.text for b in parse(page).blocks] == ["Ny handlingsplan", "Utarbeide en felles boligstrategi"]


def test_table_inside_a_list_item_joins_the_item() -> None:
    # a table of contacts inside the first <li> was dropped; its text now joins the item, as a table nested in
    # a cell joins the cell, and the list goes on after it
    path = Path(__file__).parents[1] / "fixtures" / "html" / "tabell-i-listepunkt.html"
    items = [b.text for b in parse(path).blocks if b.kind == "item"]
    assert items[0] == "Kartlegge økologiske korridorer i regionen i samarbeid med kommunene Kommune Kontaktperson" \
        " Asker Kari Nordmann"
    assert len(items) == 5 and items[-1] == "Etablere et nettverk for kommunale klimarådgivere"


def test_measure_table_inside_a_list_item_is_read_as_a_table(tmp_path: Path) -> None:
    path = tmp_path / "liste.html"
    path.write_text("<h1>Handlingsprogram</h1><ol><li>Klima og miljø: faggruppen foreslår<table><tr><th>Tiltak</th>"
                    "<th>Ansvar</th><th>Frist</th></tr><tr><td>Kartlegge korridorer</td><td>Sekretariatet</td>"
                    "<td>2027</td></tr></table></li><li>Næring</li></ol>", encoding="utf-8")
    got = [(b.kind, b.column, b.text) for b in parse(path).blocks]
    assert got == [("title", None, "Handlingsprogram"), ("item", None, "Klima og miljø: faggruppen foreslår"),
                   ("text", "measure", "Kartlegge korridorer"), ("text", "responsible", "Sekretariatet"),
                   ("text", "deadline", "2027"), ("item", None, "Næring")]
