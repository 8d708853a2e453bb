"""The two PDF engines (PDFium, pdfplumber) give the same blocks and the same measures on every PDF
we have: the seed and layout fixtures, the layout corpus's renders, a concatenation of the fixtures, and
generated PDFs (ruled table split
over pages, scaled text, Helvetica from the standard 14 fonts)."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from pipeline.config import Settings
from pipeline.errors import EncryptedDocument, ParseError
from pipeline.models import Document
from pipeline.parse import parse
from pipeline.parse.pdf import parse_pdf
from pipeline.segment import blocks_to_measures

from .pdfgen import Page, write_pdf
from .test_pdf import _split_table

FIXTURES = Path(__file__).parents[1] / "fixtures"
PDFS = sorted(FIXTURES.rglob("*.pdf"))
RENDERS = sorted((Path(__file__).parents[1] / "corpus" / "layouts").glob("*.pdf"))  # tests/corpus/render.py


def _concatenated(tmp_path: Path) -> Path:
    """Every fixture PDF one after the other (pages from different producers in one file)."""
    import pypdfium2 as pdfium

    out = pdfium.PdfDocument.new()
    for path in PDFS:
        src = pdfium.PdfDocument(str(path))
        out.import_pages(src)
        src.close()
    target = tmp_path / "alle.pdf"
    out.save(str(target))
    out.close()
    return target


def _scaled_text(tmp_path: Path) -> Path:
    """Text drawn through a scaled matrix (``cm``) and with a text matrix (``Tm``), as Chrome and Word do."""
    page = Page()
    page.ops.append("q 0.75 0 0 0.75 0 0 cm")
    page.text(40, 40, "Handlingsprogram 2027", 18, bold=True)
    page.text(40, 400, "• Etablere et nettverk for næringsvennlige kommuner", 12)
    page.text(60, 420, "Resultatmål: flere bedrifter i Viken fylkeskommune", 12)
    page.ops.append("Q")
    page.ops.append("BT /F1 1 Tf 11 0 0 11 40 500 Tm (Samarbeid med Statens vegvesen om innfartsparkering.) Tj ET")
    return write_pdf(tmp_path / "skalert.pdf", [page])


def _both(path: Path) -> tuple[Document, Document]:
    return parse_pdf(path, path.name, engine="pdfplumber"), parse_pdf(path, path.name, engine="pdfium")


def _assert_same(reference: Document, fast: Document) -> None:
    assert fast.n_pages == reference.n_pages and fast.title == reference.title
    assert [replace(b, bbox=None) for b in fast.blocks] == [replace(b, bbox=None) for b in reference.blocks]
    for a, b in zip(reference.blocks, fast.blocks):  # boxes agree within PDFium's rounding and font descent
        assert (a.bbox is None) == (b.bbox is None)
        if a.bbox and b.bbox:
            assert max(abs(x - y) for x, y in zip(a.bbox, b.bbox)) < 3.0
    assert blocks_to_measures(fast.blocks) == blocks_to_measures(reference.blocks)


@pytest.mark.parametrize("path", PDFS, ids=[p.name for p in PDFS])
def test_fixture_pdfs_read_the_same_with_both_engines(path: Path) -> None:
    reference, fast = _both(path)
    assert reference.parser.startswith("pdfplumber ") and fast.parser.startswith("pypdfium2 ")
    assert len(blocks_to_measures(fast.blocks)) > 0
    _assert_same(reference, fast)


@pytest.mark.parametrize("path", RENDERS, ids=[p.name for p in RENDERS])
def test_layout_corpus_reads_the_same_with_both_engines(path: Path) -> None:
    """Chromium and LibreOffice prints in every layout of the layout corpus: the same measures."""
    reference, fast = _both(path)
    assert blocks_to_measures(fast.blocks) == blocks_to_measures(reference.blocks)


@pytest.mark.parametrize("make", [_concatenated, _split_table, _scaled_text])
def test_generated_pdfs_read_the_same_with_both_engines(tmp_path: Path, make) -> None:  # noqa: ANN001
    reference, fast = _both(make(tmp_path))
    assert fast.blocks
    _assert_same(reference, fast)


def test_engine_comes_from_the_settings(tmp_path: Path) -> None:
    path = PDFS[0]
    assert parse(path, settings=Settings(pdf_engine="pdfplumber")).parser.startswith("pdfplumber ")
    assert parse(path, settings=Settings(pdf_engine="pdfium")).parser.startswith("pypdfium2 ")
    assert parse(path, settings=Settings()).parser.startswith("pypdfium2 ")  # the default
    with pytest.raises(ParseError, match="pdf_engine"):
        parse(path, settings=Settings(pdf_engine="ghostscript"))


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_errors_are_the_same_with_both_engines(tmp_path: Path, engine: str) -> None:
    locked = write_pdf(tmp_path / "locked.pdf", [Page().text(40, 40, "Hemmelig")], user_password="secret")
    with pytest.raises(EncryptedDocument, match="locked.pdf"):
        parse_pdf(locked, "locked.pdf", engine=engine)
    (tmp_path / "locked.pdf.toml").write_text('password = "secret"\n', encoding="utf-8")
    assert [b.text for b in parse_pdf(locked, "locked.pdf", engine=engine).blocks] == ["Hemmelig"]
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(PDFS[0].read_bytes()[:1500])
    with pytest.raises(ParseError, match="broken.pdf"):
        parse_pdf(broken, "broken.pdf", engine=engine)


def test_a_damaged_page_box_is_read_by_pdfium_and_refused_by_pdfplumber(tmp_path: Path) -> None:
    from tests.bad_inputs import _bad_page_box

    path = tmp_path / "side.pdf"
    _bad_page_box(path)
    assert [b.text for b in parse_pdf(path, "side.pdf", engine="pdfium").blocks] == [
        "Handlingsprogram 2026", "Kartlegge kraftbehov i Lier kommune"]
    with pytest.raises(ParseError, match="side.pdf"):
        parse_pdf(path, "side.pdf", engine="pdfplumber")
