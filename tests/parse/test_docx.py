"""DOCX parser: seed table and notes documents, generated documents, zip guards."""
from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest

from pipeline.config import Settings
from pipeline.errors import LimitExceeded, ParseError
from pipeline.models import Document
from pipeline.parse import parse
from pipeline.parse.docx import parse_docx

SEED = Path(__file__).parents[1] / "fixtures" / "seed"


@pytest.fixture(scope="module")
def table() -> Document:
    return parse_docx(SEED / "handlingsprogram-2026-tabell.docx", "tabell.docx", Settings())


@pytest.fixture(scope="module")
def notes() -> Document:
    return parse_docx(SEED / "handlingsprogram-2026-notater.docx", "notater.docx", Settings())


def _index(doc: Document, start: str) -> int:
    return next(i for i, b in enumerate(doc.blocks) if b.text.startswith(start))


def test_table_docx_title_and_roles(table: Document) -> None:
    assert table.format == "docx" and table.parser.startswith("python-docx")
    assert table.blocks[0].kind == "title" and table.title and table.title.startswith("29. august 2025")
    assert {b.column for b in table.blocks[1:]} == {"theme", "measure", "goal", "partner"}
    assert not any(b.text in ("Tiltak", "Partnere") for b in table.blocks)


def test_merged_section_row_is_one_heading(table: Document) -> None:
    hits = [b for b in table.blocks if b.text == "Innsatsområder"]
    assert len(hits) == 1 and hits[0].kind == "heading" and hits[0].level == 1 and hits[0].column == "theme"
    klima = next(b for b in table.blocks if b.text == "Klima, miljø og natur:")
    assert klima.kind == "heading" and klima.level == 2


def test_table_docx_order_rule_and_levels(table: Document) -> None:
    m = _index(table, "lære og trene på digitale verktøy")
    assert table.blocks[m].level == 2 and table.blocks[m].bullet == "-"
    assert table.blocks[m + 1].text == "Mål færre utenfor" and table.blocks[m + 1].column == "goal"
    assert table.blocks[_index(table, "Naturrestaurering")].level == 1
    p = _index(table, "Politikeropplæring")
    cols = [b.column for b in table.blocks[p:p + 6]]
    # the row's goals and partners follow its outermost measure, not the "o" items under it
    assert cols == ["measure", "goal", "goal", "partner", "measure", "measure"]
    assert table.blocks[p + 1].text == "Resultatmål:" and table.blocks[p + 4].level == 1
    assert len({b.row for b in table.blocks[p:p + 6]}) == 1


def test_table_docx_matches_pdf_measures(table: Document) -> None:
    from pipeline.parse.pdf import parse_pdf
    pdf = parse_pdf(SEED / "handlingsprogram-2026-tabell.pdf", "tabell.pdf")
    assert [b.text for b in table.blocks if b.column == "measure"] == \
        [b.text for b in pdf.blocks if b.column == "measure"]


def test_notes_docx_levels_from_numbering(notes: Document) -> None:
    by_text = {b.text: b for b in notes.blocks}
    assert notes.blocks[0].kind == "title"
    assert by_text["Politiske prioriteringer"].kind == "heading" and by_text["Politiske prioriteringer"].level == 1
    assert by_text["Energi"].level == 2
    goal = by_text["Mål: færre utenfor"]
    assert goal.kind == "item" and goal.level == 3 and goal.bullet == "▪"
    assert by_text["Naturrestaurering"].level == 1 and by_text["Naturrestaurering"].bullet == "o"
    lines = [b.line for b in notes.blocks]
    assert lines == sorted(lines) and all(b.column is None for b in notes.blocks)


def _make_docx(path: Path) -> Path:
    d = docx.Document()
    d.add_paragraph("Handlingsprogram 2027, versjon 2")
    d.add_heading("Næring", level=1)
    d.add_paragraph("Et punkt", style="List Bullet")
    d.add_paragraph("Et underpunkt", style="List Bullet 2")
    t = d.add_table(rows=4, cols=4)
    for cell, text in zip(t.rows[0].cells, ["Tiltak", "Mål", "Ansvar", "Frist"]):
        cell.text = text
    merged = t.rows[1].cells[0].merge(t.rows[1].cells[3])
    merged.text = "Klima"
    values = [["• Plante trær", "Flere trær", "Kommunene", "2026"],
              ["Lage kart", "Resultatmål: Kart ferdig", "NVE", ""]]
    for row, vals in zip(t.rows[2:], values):
        for cell, text in zip(row.cells, vals):
            cell.text = text
    d.add_paragraph("Etter tabellen.")
    d.save(str(path))
    return path


def test_generated_docx(tmp_path: Path) -> None:
    doc = parse(_make_docx(tmp_path / "liten.docx"), "liten.docx")
    got = [(b.kind, b.level, b.column, b.text) for b in doc.blocks]
    assert got == [
        ("title", 0, None, "Handlingsprogram 2027, versjon 2"),
        ("heading", 1, None, "Næring"),
        ("item", 0, None, "Et punkt"),
        ("item", 1, None, "Et underpunkt"),
        ("heading", 1, "theme", "Klima"),
        ("item", 0, "measure", "Plante trær"),
        ("text", 0, "goal", "Flere trær"),
        ("text", 0, "responsible", "Kommunene"),
        ("text", 0, "deadline", "2026"),
        ("text", 0, "measure", "Lage kart"),
        ("text", 0, "goal", "Resultatmål: Kart ferdig"),
        ("text", 0, "responsible", "NVE"),
        ("text", 0, None, "Etter tabellen."),
    ]


def test_not_a_zip(tmp_path: Path) -> None:
    path = tmp_path / "fake.docx"
    path.write_bytes(b"this is not a zip file at all")
    with pytest.raises(ParseError, match="fake.docx"):
        parse_docx(path, "fake.docx", Settings())


def test_zip_without_document_xml(tmp_path: Path) -> None:
    path = tmp_path / "other.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("hello.txt", "hei")
    with pytest.raises(ParseError, match="other.docx"):
        parse_docx(path, "other.docx", Settings())


def test_zip_bomb_ratio_and_size(tmp_path: Path) -> None:
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/document.xml", b"\0" * 5_000_000)
    with pytest.raises(LimitExceeded, match="ratio"):
        parse_docx(path, "bomb.docx", Settings())
    with pytest.raises(LimitExceeded, match="unpacks"):
        parse_docx(path, "bomb.docx", Settings(max_docx_uncompressed_bytes=1_000_000, max_docx_ratio=1e9))


def test_one_small_labelled_table_per_measure_reads_as_labelled_lines(tmp_path) -> None:
    from docx import Document as Docx

    doc = Docx()
    doc.add_heading("Energi og klima", level=2)
    for measure, owner in (("Kartleggje potensialet for solkraft på tak", "Sekretariatet"),
                           ("Felles kurs for byggjesakshandsamarar", "Gol kommune")):
        table = doc.add_table(rows=0, cols=2)
        for label, value in (("Tiltak", measure), ("Ansvarleg", owner), ("Tidsrom", "Hausten 2027"), ("Mål", "–")):
            cells = table.add_row().cells
            cells[0].text, cells[1].text = label, value
        doc.add_paragraph("")
    path = tmp_path / "plan.docx"
    doc.save(path)
    texts = [b.text for b in parse(path).blocks if b.kind == "text"]
    assert texts[:3] == ["Kartleggje potensialet for solkraft på tak", "Ansvarleg: Sekretariatet", "Tidsrom: Hausten 2027"]
    from pipeline.segment import blocks_to_measures
    from pipeline.segment.evidence import SegmentSettings
    measures = blocks_to_measures(list(parse(path).blocks), settings=SegmentSettings(use_confidence=False))
    assert [(m.text, m.responsible_text, m.deadline_text) for m in measures] == [
        ("Kartleggje potensialet for solkraft på tak", ("Sekretariatet",), "Hausten 2027"),
        ("Felles kurs for byggjesakshandsamarar", ("Gol kommune",), "Hausten 2027")]
