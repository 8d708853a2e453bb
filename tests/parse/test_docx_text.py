"""Word text as the reader sees it: tracked changes accepted, content controls looked through."""
from __future__ import annotations

import copy
from pathlib import Path

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from pipeline.parse import parse

W = nsdecls("w")


def _tracked(paragraph, inserted: str, deleted: str) -> None:
    """Append a tracked insertion and a tracked deletion to ``paragraph``."""
    p = paragraph._p
    p.append(parse_xml(f'<w:ins {W} w:id="1" w:author="Kari"><w:r><w:t xml:space="preserve">{inserted}</w:t></w:r></w:ins>'))
    p.append(parse_xml(f'<w:del {W} w:id="2" w:author="Kari"><w:r><w:delText>{deleted}</w:delText></w:r></w:del>'))


def test_tracked_insertions_read_deletions_not(tmp_path: Path):
    d = docx.Document()
    d.add_paragraph("Handlingsprogram 2027, utkast")
    _tracked(d.add_paragraph("Kartlegge overvann", style="List Bullet"), " i Follo og Asker", " i hele landet")
    path = tmp_path / "sporede endringer.docx"
    d.save(str(path))
    items = [b.text for b in parse(path).blocks if b.kind == "item"]
    assert items == ["Kartlegge overvann i Follo og Asker"]


def test_table_cell_inside_content_control_and_tracked_row(tmp_path: Path):
    d = docx.Document()
    d.add_paragraph("Tiltakstabell")
    table = d.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Tiltak", "Partnere"
    table.cell(1, 0).text = "Restaurere myr"
    cell = table.cell(1, 1)._tc
    p = cell.find(qn("w:p"))
    sdt = parse_xml(f"<w:sdt {W}><w:sdtPr/><w:sdtContent/></w:sdt>")
    inner = copy.deepcopy(p)
    inner.append(parse_xml(f'<w:r {W}><w:t>NMBU</w:t></w:r>'))
    sdt.find(qn("w:sdtContent")).append(inner)
    p.addnext(sdt)
    path = tmp_path / "innholdskontroll.docx"
    d.save(str(path))
    blocks = parse(path).blocks
    assert [(b.column, b.text) for b in blocks if b.column] == [("measure", "Restaurere myr"), ("partner", "NMBU")]


def test_text_box_paragraphs_are_their_own_and_read_once() -> None:
    from pipeline.parse.docx_text import paragraph_text, text_boxes
    box = '<w:txbxContent><w:p><w:r><w:t>I boksen</w:t></w:r></w:p></w:txbxContent>'
    p = parse_xml(
        f'<w:p {W} xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
        'xmlns:v="urn:schemas-microsoft-com:vml"><w:r><w:t xml:space="preserve">Ankeret </w:t></w:r><w:r>'
        f'<mc:AlternateContent><mc:Choice Requires="wps"><wps:txbx>{box}</wps:txbx></mc:Choice>'
        f'<mc:Fallback><v:textbox>{box}</v:textbox></mc:Fallback></mc:AlternateContent></w:r></w:p>')
    assert paragraph_text(p) == "Ankeret "  # the box's text is not the anchor's
    boxes = text_boxes(p)  # the fallback copy of the same box is left out
    assert len(boxes) == 1 and [paragraph_text(q) for q in boxes[0].iter(qn("w:p"))] == ["I boksen"]
