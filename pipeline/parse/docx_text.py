"""The visible text of Word paragraphs and cells, as the reader sees it with tracked changes accepted.

python-docx's ``Paragraph.text`` reads only runs that are direct children of the paragraph (and
hyperlinks), so text inside tracked insertions (``w:ins``), content controls (``w:sdt``), smart tags,
fields and custom XML silently disappears. Here every run counts except deleted or moved-away text
(``w:del``, ``w:moveFrom``), the duplicate fallback copy of drawings (``mc:Fallback``) and text boxes.
"""
from __future__ import annotations

from typing import Any, Iterator

from docx.oxml.ns import nsmap, qn
from docx.text.paragraph import Paragraph
from lxml import etree

_NS = {"w": nsmap["w"], "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006"}
_HIDDEN = "ancestor::w:del or ancestor::w:moveFrom or ancestor::mc:Fallback or ancestor::w:txbxContent"
_PIECES = etree.XPath(
    f".//w:r[not({_HIDDEN})]/*[self::w:t or self::w:tab or self::w:br or self::w:cr or self::w:noBreakHyphen]",
    namespaces=_NS)
_NESTED = etree.XPath("ancestor::mc:Fallback or ancestor::w:txbxContent", namespaces=_NS)


def paragraph_text(p: Paragraph | Any) -> str:
    """All visible run text of a paragraph (``Paragraph`` or ``w:p`` element), tracked insertions included."""
    element = p._p if isinstance(p, Paragraph) else p
    out: list[str] = []
    for piece in _PIECES(element):
        tag = piece.tag
        if tag == qn("w:t"):
            out.append(piece.text or "")
        elif tag == qn("w:tab"):
            out.append("\t")
        elif tag == qn("w:noBreakHyphen"):
            out.append("-")
        else:
            out.append("\n")
    return "".join(out)


def cell_paragraphs(tc: Any, parent: Any) -> Iterator[Paragraph]:
    """Paragraphs of a table cell in reading order, through content controls and nested tables."""
    for p in tc.iter(qn("w:p")):
        if not _NESTED(p):
            yield Paragraph(p, parent)
