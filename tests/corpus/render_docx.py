"""The Word layouts of the layout corpus (dev tool for ``render.py``; python-docx): a table with a repeated
header row, merged theme rows and bullet lists in measure cells; notes with Word's numbered lists; notes
whose lists stand in text boxes; all with a running header and a page-number footer."""
from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from render_content import TITLE, table_rows, text_blocks


def _page_number_footer(section: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    para = section.footer.paragraphs[0]
    para.text = "Side "
    run = para.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        else:
            el = OxmlElement("w:instrText")
            el.text = text
        run._r.append(el)
    section.header.paragraphs[0].text = f"Osloregionen – {TITLE}"


def _repeat_header(row: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    trpr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    trpr.append(el)


def docx_table(gold: dict[str, Any], out: Path) -> None:
    """A Word table: repeated header row, merged (gridSpan) theme rows, bullet lists inside measure cells."""
    import docx
    from docx.shared import Cm
    d = docx.Document()
    _page_number_footer(d.sections[0])
    d.add_heading(TITLE, level=1)
    cols = [("Tiltak", "text"), ("Resultatmål", "goals"), ("Ansvar", "owner"), ("Frist", "deadline")]
    table = d.add_table(rows=1, cols=len(cols))
    table.style = "Table Grid"
    table.autofit = False
    widths = (Cm(9.0), Cm(4.0), Cm(2.5), Cm(2.0))  # as a user drags the column borders
    for column, width in zip(table.columns, widths):
        column.width = width
    for c, (h, _) in zip(table.rows[0].cells, cols):
        c.text = h
    _repeat_header(table.rows[0])
    last = None
    for r in table_rows(gold):
        if r["section"] != last:
            row = table.add_row()
            merged = row.cells[0].merge(row.cells[-1])
            merged.text = r["section"]
            merged.paragraphs[0].runs[0].bold = True
            last = r["section"]
        row = table.add_row()
        for c, width in zip(row.cells, widths):
            c.width = width
        for c, (_, key) in zip(row.cells, cols):
            c.text = r[key]
            if key == "text":
                for child in r["children"]:
                    c.add_paragraph(child, style="List Bullet")
    d.save(out)


def docx_notes(text: str, out: Path) -> None:
    """Notes as Word writes them: headings, numbered lists (List Number / List Number 2), header/footer."""
    import docx
    d = docx.Document()
    _page_number_footer(d.sections[0])
    for kind, depth, body in text_blocks(text):
        if kind == "title":
            d.add_heading(body, level=1)
        elif kind == "h":
            d.add_heading(body, level=2)
        elif kind in ("li", "ol"):
            d.add_paragraph(body, style="List Number" if depth == 0 else "List Bullet 2")
        else:
            d.add_paragraph(body)
    d.save(out)


_BOX_NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
           'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
           'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
           'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
           'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
           'xmlns:v="urn:schemas-microsoft-com:vml"')


def text_box(anchor: Any, paragraphs: list[Any], box_id: int, height_cm: float, vml_only: bool = False) -> None:
    """Move ``paragraphs`` (python-docx paragraphs already in the body) into a text box anchored in the
    paragraph ``anchor``, as Word 2010+ writes one: a DrawingML shape (``wps:txbx``) with the VML copy
    of the same box as its ``mc:Fallback``; ``vml_only`` writes the VML box alone (older Word)."""
    from docx.oxml import parse_xml
    width, height = 5_760_000, int(height_cm * 360_000)  # EMU: 16 cm wide
    vml = (f'<w:pict {_BOX_NS}><v:shape type="#_x0000_t202" style="width:453pt;height:{height_cm * 28.35:.0f}pt">'
           '<v:textbox><w:txbxContent/></v:textbox></v:shape></w:pict>')
    drawing = (
        f'<mc:AlternateContent {_BOX_NS}><mc:Choice Requires="wps"><w:drawing>'
        '<wp:inline distT="0" distB="0" distL="0" distR="0">'
        f'<wp:extent cx="{width}" cy="{height}"/><wp:docPr id="{box_id}" name="Tekstboks {box_id}"/>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        '<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/>'
        f'<a:ext cx="{width}" cy="{height}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
        '<a:ln w="6350"><a:solidFill><a:srgbClr val="000000"/></a:solidFill></a:ln></wps:spPr>'
        '<wps:txbx><w:txbxContent/></wps:txbx><wps:bodyPr wrap="square" anchor="t"/></wps:wsp>'
        f'</a:graphicData></a:graphic></wp:inline></w:drawing></mc:Choice><mc:Fallback>{vml}</mc:Fallback>'
        '</mc:AlternateContent>')
    run = anchor.add_run()._r
    shape = parse_xml(vml if vml_only else drawing)
    run.append(shape)
    contents = shape.findall(".//{http://schemas.openxmlformats.org/wordprocessingml/2006/main}txbxContent")
    for para in paragraphs:
        element = para._p
        element.getparent().remove(element)
        for n, content in enumerate(contents):
            content.append(element if n == len(contents) - 1 else copy.deepcopy(element))


def docx_notes_boxed(text: str, out: Path) -> None:
    """Notes whose lists stand in text boxes (a newsletter or a one-page summary laid out in Word): every run
    of list items is moved into a box anchored in an empty paragraph where the list stood."""
    import docx
    d = docx.Document()
    _page_number_footer(d.sections[0])
    boxed: list[Any] = []
    boxes = [0]

    def close_box() -> None:
        if boxed:
            boxes[0] += 1
            anchor = boxed[0].insert_paragraph_before()
            lines = sum(1 + len(b.text) // 72 for b in boxed)  # sized to its text, as one drags a box's edge
            text_box(anchor, boxed, box_id=boxes[0], height_cm=0.6 + 0.62 * lines)
            boxed.clear()

    for kind, depth, body in text_blocks(text):
        if kind in ("li", "ol"):
            boxed.append(d.add_paragraph(body, style="List Bullet" if depth == 0 else "List Bullet 2"))
            continue
        close_box()
        if kind == "title":
            d.add_heading(body, level=1)
        elif kind == "h":
            d.add_heading(body, level=2)
        else:
            d.add_paragraph(body)
    close_box()
    d.save(out)
