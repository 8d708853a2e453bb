"""Layouts nobody here drew (issue 15), one small fixture per bug, each a Chromium print of the HTML
beside it: header cells wrapping over lines (bottom-aligned), a landscape six-column table whose header
repeats on every page, notes in two newspaper columns, a table without a header, and the browser's
date/title/URL/page lines on every page."""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.parse import parse
from pipeline.parse.pdf import parse_pdf
from pipeline.parse.pdf_columns import find_gutter
from pipeline.parse.pdf_header import find_header
from pipeline.parse.pdf_words import Line, PdfSettings
from pipeline.segment import blocks_to_measures

LAYOUTS = Path(__file__).parents[1] / "fixtures" / "layouts"
MEASURES = ["Kartlegge økologiske korridorer i regionen i samarbeid med kommunene",
            "Restaurere myr og våtmark i minst tre kommuner", "Arrangere et seminar om grønn næringstransport",
            "Utarbeide en felles veileder for klimatilpasning"]


def _measures(name: str) -> list:
    return blocks_to_measures(parse(LAYOUTS / name).blocks)


def _starts(measures: list, prefixes: list[str]) -> None:
    assert len(measures) == len(prefixes), [m.text for m in measures]
    for m, prefix in zip(measures, prefixes):
        assert m.text.startswith(prefix), (m.text, prefix)


def test_wrapped_header_cells_are_joined_per_column_before_roles() -> None:
    # "Resultat- og" / "effektmål", "Ansvarlig /" / "samarbeids-" / "partnere": the first header line alone
    # names no measure column, the header lines joined per column do
    got = _measures("tabell-ombrutt-overskrift.pdf")
    _starts(got, MEASURES[:3])
    assert got[0].text.endswith("med vekt på overvann og flom.")  # cells 6 pt apart split at the column edge
    assert [g.text for g in got[0].goals] == ["Kart over alle korridorer innen 2027"]
    assert not any(word in m.text for m in got for word in ("effektmål", "samarbeids", "november", "Pågår"))


def _line(page: int, no: int, top: float, words: list[tuple[str, float]], bold: bool = True) -> Line:
    name = "Arial-Bold" if bold else "Arial"
    return Line(page, no, [{"text": t, "x0": x, "x1": x + 6 * len(t), "top": top, "bottom": top + 9, "size": 9.0,
                            "fontname": name} for t, x in words])


def test_header_band_is_found_when_the_first_line_names_no_measure_column() -> None:
    lines = [_line(1, 1, 100, [("Resultat-", 300), ("og", 356), ("Ansvarlig", 420)]),
             _line(1, 2, 110, [("Nr", 40), ("Tiltak", 80), ("effektmål", 300), ("Frist", 500)]),
             _line(1, 3, 130, [("1", 40), ("Lage", 80), ("en", 112), ("plan", 130)], bold=False)]
    found = find_header(lines, PdfSettings())
    assert found is not None
    start, state = found
    assert start == 0 and state.depth == 2
    assert state.roles == ["other", "measure", "goal", "responsible", "deadline"]


def test_landscape_table_header_repeated_on_every_page_is_read_once() -> None:
    doc = parse(LAYOUTS / "tabell-liggende-gjentatt-overskrift.pdf")
    assert doc.n_pages and doc.n_pages >= 2
    got = blocks_to_measures(doc.blocks)
    assert len(got) == 9 and got[-1].text.startswith("Lage en oversikt over kommunale bygg")
    assert all(len(m.goals) == 1 and m.goals[0].text.startswith("Redusert utslipp") for m in got)
    assert not any(b.text.startswith(("Samarbeidspartnere", "Resultatmål")) for b in doc.blocks)


def test_two_newspaper_columns_are_read_column_by_column() -> None:
    doc = parse(LAYOUTS / "notater-to-spalter.pdf")
    _starts(blocks_to_measures(doc.blocks), MEASURES)
    assert {b.text_column for b in doc.blocks if b.kind == "item"} == {0, 1}
    assert doc.blocks[-1].text.startswith("Sekretariatet sender forslagene")


def test_text_columns_are_not_found_in_a_table_with_narrow_columns() -> None:
    rows = [_line(1, i, 100 + 14 * i, [(str(i), 40), ("Lage", 80), ("en", 112), ("plan", 130), ("for", 160),
                                       ("regionen", 184), ("2027", 520)], bold=False) for i in range(1, 9)]
    assert find_gutter(rows) is None


def test_table_without_header_falls_back_to_word_x_columns() -> None:
    got = _measures("tabell-uten-overskrift.pdf")
    _starts(got, ["Kartlegge økologiske korridorer", *MEASURES[1:]])
    assert not any(m.text.endswith(("2027", "Løpende", "2026", "2028")) for m in got)


@pytest.mark.parametrize("name", ["notater-to-spalter.pdf", "tabell-liggende-gjentatt-overskrift.pdf"])
def test_browser_header_footer_and_page_numbers_are_furniture(name: str) -> None:
    texts = [b.text for b in parse(LAYOUTS / name).blocks]
    assert not any("file://" in t or t.endswith(("1/1", "1/2", "2/2")) or " PM " in t for t in texts), texts


def test_show_layout_prints_blocks_with_roles_and_columns(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "--layout", str(LAYOUTS / "notater-to-spalter.pdf")]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("notater-to-spalter.pdf (pdf, ")
    assert any("item/0" in ln and "col 2" in ln for ln in out)
    assert main(["show", "--layout", str(LAYOUTS / "tabell-ombrutt-overskrift.pdf")]) == 0
    assert any(" measure " in ln and " r0 " in ln for ln in capsys.readouterr().out.splitlines())


def test_numbered_notes_with_hanging_indents_nest_by_number_and_indent() -> None:
    # "1." / "1.1" / "a)" typed with hanging indents (a Word export); the paragraph after the list starts at
    # the markers' x, yet is no continuation of the one-line item before it (the list hangs its lines)
    got = _measures("notater-nummerert-hengende-innrykk.pdf")
    _starts(got, [MEASURES[0], "Lage et felles kartgrunnlag", "Prøve ut metoden", "pilot i Asker",
                  "pilot i Lillestrøm", "Restaurere myr", "Arrangere et seminar"])
    assert [m.parent for m in got] == [None, 1, 1, 3, 3, None, None]
    assert got[-1].text.endswith("næringslivet.")


def test_a_bullet_that_runs_on_at_the_top_of_the_next_text_column_stays_one_item() -> None:
    render = Path(__file__).parents[1] / "corpus" / "layouts" / "d_roysaleite_handlingsplan--notes-3col.pdf"
    items = [b.text for b in parse(render).blocks if b.kind == "item"]
    spleis = next(t for t in items if t.startswith("Forslag om spleiselag"))
    assert spleis.endswith("Avvente svar frå kommunen.")
    assert not any(b.text.startswith("Vurdere eventuell") for b in parse(render).blocks)


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_line_end_hyphens_renderer_typed_and_suspended(engine: str) -> None:
    # soft hyphens in the HTML: one breaks "nabo-/kommunene" (Chromium draws U+2010), one does not break
    # "samarbeids&shy;avtaler" (a blank glyph under the "a" that pdfminer read as a space); a typed
    # "IKT-/løsninger" and a suspended "klima-/og miljøtiltak" broken after the hyphen keep it
    path = LAYOUTS / "notater-bindestrek-linjeslutt.pdf"
    items = [b.text for b in parse_pdf(path, path.name, engine=engine).blocks if b.kind == "item"]
    assert items == ["Inngå samarbeidsavtaler med nabokommunene om felles tjenesteutvikling",
                     "Kjøpe inn og drifte nye felles IKT-løsninger for kommunene",
                     "Styrke arbeidet med flere lokale klima- og miljøtiltak i regionen"]


def test_a_wide_paragraph_among_short_ones_is_no_hard_wrapped_line() -> None:
    # a page of short list items and one long paragraph ("Vest-Telemark skal vera …") looked hard-wrapped
    # when blocks carried the paragraph's length: the wide paragraph went on into the "Mål" heading after it
    # and became a measure. PDF paragraphs are joined by geometry and carry no width.
    render = Path(__file__).parents[1] / "corpus" / "layouts" / "vtr_arbeidsprogram--notes-1col.pdf"
    doc = parse(render)
    assert all(b.width is None for b in doc.blocks if b.column is None)
    got = blocks_to_measures(doc.blocks)
    assert len(got) == 14 and not any(m.text.startswith("Vest-Telemark skal vera") for m in got)


def test_a_line_across_the_page_gives_the_column_below_it_no_wrap_edge() -> None:
    """h4_orkdal_handlingsplan: a subtitle across the page shares the left column's frame; its wrap edge made
    every wrapped line of the column's bullets read as a line broken on purpose, one paragraph each."""
    from pipeline.parse.pdf_notes import notes_blocks

    across = _line(1, 1, 80, [("Vedtatt", 50), ("i", 100), ("regionrådet", 112), ("4.", 190), ("desember", 210),
                              ("2026", 270), ("for", 300), ("alle", 330), ("kommunene", 370), ("i", 440),
                              ("regionen", 452)], bold=False)
    item = [[("•", 50), ("Industriklynge:", 62), ("Videreutvikle", 160)],
            [("samarbeidet", 62), ("mellom", 134), ("bedriftene", 180), ("på", 246)],
            [("Thamshavn", 62), ("og", 124), ("ved", 142), ("havna", 166), ("til", 202), ("klynge.", 226)]]
    column = [_line(1, 2 + i, 110 + 12 * i, words, bold=False) for i, words in enumerate(item)]
    for ln in column:
        ln.column = 0  # split off by the gutter; the left column's frame is the page's left edge, as the line's above
    blocks = notes_blocks([across, *column], PdfSettings(), allow_title=False)
    assert [b.kind for b in blocks] == ["text", "item"]
    assert blocks[1].text == "Industriklynge: Videreutvikle samarbeidet mellom bedriftene på Thamshavn og ved havna til klynge."


def test_labels_set_apart_from_their_values_are_no_headerless_table() -> None:
    """h5_sorosterdal_handlingsprogram: "Ansvar:" in a fixed-width box before its value, three such lines under
    every measure, had been read as a two-column table without a header, and the rest of the document with it."""
    from pipeline.parse.pdf_header import guess_columns

    lines = []
    for n in range(3):
        top = 100 + 60 * n
        lines += [_line(1, 4 * n + 1, top, [("Utrede", 60), ("bruk", 100), ("av", 128), ("tre", 144), ("i", 166),
                                            ("bygg.", 176)], bold=False),
                  _line(1, 4 * n + 2, top + 12, [("Ansvar:", 60), ("Elverum", 140), ("kommune", 186)], bold=False),
                  _line(1, 4 * n + 3, top + 24, [("Partnere:", 60), ("Innovasjon", 140), ("Norge", 204)], bold=False),
                  _line(1, 4 * n + 4, top + 36, [("Frist:", 60), ("30.09.2027", 140)], bold=False)]
    assert guess_columns(lines, PdfSettings()) is None
