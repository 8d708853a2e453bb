"""PDF parser: seed fixtures (ruled, borderless, notes) and small generated PDFs."""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.errors import EncryptedDocument, NoTextLayer, ParseError
from pipeline.models import Document
from pipeline.parse import parse
from pipeline.parse.pdf import parse_pdf

from .pdfgen import Page, write_pdf

SEED = Path(__file__).parents[1] / "fixtures" / "seed"


@pytest.fixture(scope="module")
def ruled() -> Document:
    return parse_pdf(SEED / "handlingsprogram-2026-tabell.pdf", "tabell.pdf")


@pytest.fixture(scope="module")
def borderless() -> Document:
    return parse_pdf(SEED / "handlingsprogram-2026-tabell-uten-linjer.pdf", "uten-linjer.pdf")


@pytest.fixture(scope="module")
def notes() -> Document:
    return parse_pdf(SEED / "handlingsprogram-2026-notater.pdf", "notater.pdf")


def _index(doc: Document, start: str) -> int:
    return next(i for i, b in enumerate(doc.blocks) if b.text.startswith(start))


def test_metadata_and_title(ruled: Document) -> None:
    assert ruled.parser.startswith("pypdfium2 ") and ruled.n_pages == 7 and ruled.format == "pdf"
    first = ruled.blocks[0]
    assert first.kind == "title" and first.text.startswith("29. august 2025") and first.bullet is None
    assert ruled.title == first.text
    assert all(b.page is not None and b.line >= 1 and b.bbox for b in ruled.blocks)
    assert {b.page for b in ruled.blocks} == set(range(1, 8))


def test_header_row_is_not_emitted(ruled: Document) -> None:
    assert not any(b.text in ("Tiltak", "Partnere") or b.text.startswith("Innsatsområde/") for b in ruled.blocks)


def test_ruled_and_borderless_give_same_measures(ruled: Document, borderless: Document) -> None:
    def texts(doc: Document, role: str) -> list[str]:
        return [b.text for b in doc.blocks if b.column == role]
    for role in ("measure", "goal", "partner", "theme"):
        assert texts(ruled, role) == texts(borderless, role), role
    assert len(texts(ruled, "measure")) >= 65


@pytest.mark.parametrize("name", ["ruled", "borderless"])
def test_table_headings_and_order_rule(name: str, request: pytest.FixtureRequest) -> None:
    doc: Document = request.getfixturevalue(name)
    by_text = {b.text: b for b in doc.blocks}
    assert by_text["Innsatsområder"].kind == "heading" and by_text["Innsatsområder"].level == 1
    assert by_text["Klima, miljø og natur:"].kind == "heading" and by_text["Klima, miljø og natur:"].level == 2
    assert by_text["Klima, miljø og natur:"].column == "theme"
    measure = _index(doc, "lære og trene på digitale verktøy")
    goal = _index(doc, "Mål færre utenfor")
    assert doc.blocks[measure].column == "measure" and doc.blocks[measure].bullet == "-"
    assert doc.blocks[goal].column == "goal" and goal == measure + 1
    # partner cell after the goal cell of the same measure, which follows its measure
    skog = _index(doc, "Prosjekt - Skog")
    assert [b.column for b in doc.blocks[skog:skog + 3]] == ["measure", "goal", "partner"]
    assert doc.blocks[skog + 2].text == "NMBU, Norges skogeierlag, landbrukskontorer"


def test_levels_and_bullets_from_indent(ruled: Document) -> None:
    by_text = {b.text[:20]: b for b in ruled.blocks}
    assert by_text["Være aktiv på å søke"].level == 0 and by_text["Være aktiv på å søke"].bullet == "*"
    assert by_text["Naturrestaurering"].level == 1 and by_text["Naturrestaurering"].bullet == "o"
    assert by_text["Ungt entreprenørskap"].level == 2


def test_goal_labels_and_items_are_own_blocks(ruled: Document) -> None:
    i = _index(ruled, "Utarbeide felles kunnskapsgrunnlag og samarbeide")
    following = [b.text for b in ruled.blocks[i + 1:i + 12]]
    assert following[0] == "Resultatmål:" and "Effektmål:" in following
    assert any(t.startswith("effektiv og fleksibel energibruk") for t in following)


def test_row_split_over_page_break_is_merged(ruled: Document) -> None:
    helhetlig = next(b for b in ruled.blocks if b.text.startswith("Helhetlig og kompakt"))
    assert helhetlig.text.endswith("hvorfor det gir så mange fordeler")
    assert not any(b.text.startswith("hvorfor det gir") for b in ruled.blocks)


def test_notes_pdf_levels_and_headings(notes: Document) -> None:
    by_text = {b.text: b for b in notes.blocks}
    assert notes.blocks[0].kind == "title"
    assert by_text["Politiske prioriteringer"].kind == "heading" and by_text["Politiske prioriteringer"].level == 1
    assert by_text["Energi"].kind == "heading" and by_text["Energi"].level == 2
    assert by_text["Mål: færre utenfor"].kind == "item" and by_text["Mål: færre utenfor"].level == 3
    assert by_text["Mål: færre utenfor"].bullet == "▪"
    assert _index(notes, "Mål: færre utenfor") == _index(notes, "lære og trene på digitale") + 1
    assert all(b.column is None for b in notes.blocks)


# ------------------------------------------------------------------ generated PDFs

XS = [40.0, 250.0, 400.0, 500.0, 560.0]


def _header(p: Page, top: float) -> None:
    for x, t in zip(XS, ["Tiltak", "Mål", "Ansvar", "Frist"]):
        p.text(x + 4, top + 4, t, 10, bold=True)


def _split_table(tmp_path: Path) -> Path:
    p1 = Page()
    p1.text(40, 40, "Handlingsprogram 2027 - utkast", 12, bold=True)
    _header(p1, 70)
    p1.text(44, 93, "• Etablere et nettverk for næringsvennlige")
    p1.text(44, 105, "kommuner.")
    p1.text(254, 93, "Flere bedrifter")
    p1.text(404, 93, "Kommunene")
    p1.text(504, 93, "2026")
    p1.text(44, 123, "• Kartlegge ledige arealer langs jernbanen")
    p1.text(254, 123, "Resultatmål:")
    p1.text(254, 135, "Oversikt klar")
    p1.grid(XS, [70, 90, 120, 150])
    p2 = Page()
    _header(p2, 40)
    p2.text(44, 63, "og publisere dem.")
    p2.text(404, 63, "Statens vegvesen")
    p2.text(44, 83, "• Arrangere en samling")
    p2.text(504, 83, "2027")
    p2.grid(XS, [40, 60, 80, 100])
    return write_pdf(tmp_path / "split.pdf", [p1, p2])


def test_other_header_and_split_row(tmp_path: Path) -> None:
    doc = parse(_split_table(tmp_path), "split.pdf")
    rows = [(b.column, b.text) for b in doc.blocks]
    assert rows == [
        (None, "Handlingsprogram 2027 - utkast"),
        ("measure", "Etablere et nettverk for næringsvennlige kommuner."),
        ("goal", "Flere bedrifter"), ("responsible", "Kommunene"), ("deadline", "2026"),
        ("measure", "Kartlegge ledige arealer langs jernbanen og publisere dem."),
        ("goal", "Resultatmål:"), ("goal", "Oversikt klar"), ("responsible", "Statens vegvesen"),
        ("measure", "Arrangere en samling"), ("deadline", "2027"),
    ]
    merged = doc.blocks[5]
    assert merged.page == 1 and merged.bullet == "•" and doc.blocks[8].page == 2
    assert doc.blocks[5].row == doc.blocks[8].row != doc.blocks[9].row


def test_encrypted_pdf_raises(tmp_path: Path) -> None:
    path = write_pdf(tmp_path / "locked.pdf", [Page().text(40, 40, "Hemmelig")], user_password="secret")
    with pytest.raises(EncryptedDocument, match="locked.pdf"):
        parse_pdf(path, "locked.pdf")


def test_owner_password_only_pdf_is_read(tmp_path: Path) -> None:
    path = write_pdf(tmp_path / "owner.pdf", [Page().text(40, 40, "Åpen tekst")], user_password="")
    doc = parse_pdf(path, "owner.pdf")
    assert [b.text for b in doc.blocks] == ["Åpen tekst"]


def test_no_text_layer(tmp_path: Path) -> None:
    path = write_pdf(tmp_path / "scan.pdf", [Page().line(10, 10, 100, 100)])
    with pytest.raises(NoTextLayer) as info:
        parse_pdf(path, "scan.pdf")
    assert "ocrmypdf" in str(info.value)


def test_truncated_pdf_is_a_parse_error(tmp_path: Path) -> None:
    good = (SEED / "handlingsprogram-2026-tabell.pdf").read_bytes()
    path = tmp_path / "broken.pdf"
    path.write_bytes(good[:1500])
    with pytest.raises(ParseError, match="broken.pdf"):
        parse_pdf(path, "broken.pdf")


def test_garbage_after_pdf_magic(tmp_path: Path) -> None:
    path = tmp_path / "junk.pdf"
    path.write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 4)
    with pytest.raises(ParseError, match="junk.pdf"):
        parse_pdf(path, "junk.pdf")


def test_bullets_drawn_as_shapes_become_bullet_words():
    from pipeline.parse.pdf_words import drawn_bullets

    words = [{"text": "pilot", "x0": 88.0, "x1": 110.0, "top": 200.0, "bottom": 210.0, "size": 10.0, "fontname": "Arial"},
             {"text": "Tekst", "x0": 58.0, "x1": 80.0, "top": 220.0, "bottom": 230.0, "size": 10.0, "fontname": "Arial"}]
    dot = {"x0": 76.0, "x1": 80.0, "top": 203.0, "bottom": 207.0, "fill": True}
    far = {"x0": 10.0, "x1": 14.0, "top": 223.0, "bottom": 227.0, "fill": True}  # too far left of "Tekst"
    got = drawn_bullets([dot, far], words)
    assert [(w["text"], w["x0"], w["top"]) for w in got] == [("•", 76.0, 200.0)]
