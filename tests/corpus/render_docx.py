"""The Word layouts of the layout corpus (dev tool for ``render.py``; python-docx): a table with a repeated
header row, merged theme rows and bullet lists in measure cells; notes with Word's numbered lists; both
with a running header and a page-number footer."""
from __future__ import annotations

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
