"""The visible text of Word paragraphs and cells, as the reader sees it with tracked changes accepted.

python-docx's ``Paragraph.text`` reads only runs that are direct children of the paragraph (and
hyperlinks), so text inside tracked insertions (``w:ins``), content controls (``w:sdt``), smart tags,
fields and custom XML silently disappears. Here every run counts except deleted or moved-away text
(``w:del``, ``w:moveFrom``), the duplicate fallback copy of drawings (``mc:Fallback``) and the text of
text boxes anchored in the paragraph: a text box (``w:txbxContent``, in a DrawingML shape or a VML
``v:textbox``) holds paragraphs of its own, which :func:`text_boxes` hands to the reader in document
order.
"""
from __future__ import annotations

from typing import Any, Iterator

from docx.oxml.ns import nsmap, qn
from docx.text.paragraph import Paragraph
from lxml import etree

_NS = {"w": nsmap["w"], "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006"}
_HIDDEN = "ancestor::w:del or ancestor::w:moveFrom or ancestor::mc:Fallback"
_PIECES = etree.XPath(
    f".//w:r[not({_HIDDEN}) and count(ancestor::w:txbxContent) = $depth]"
    "/*[self::w:t or self::w:tab or self::w:br or self::w:cr or self::w:noBreakHyphen]",
    namespaces=_NS)
_BOXES = etree.XPath(".//w:txbxContent[not(ancestor::mc:Fallback) and count(ancestor::w:txbxContent) = $depth]",
                     namespaces=_NS)
_FALLBACK = etree.XPath("ancestor::mc:Fallback", namespaces=_NS)
_DEPTH = etree.XPath("count(ancestor::w:txbxContent)", namespaces=_NS)


def _depth(element: Any) -> int:
    """How many text boxes ``element`` sits in."""
    return int(_DEPTH(element))


def paragraph_text(p: Paragraph | Any) -> str:
    """All visible run text of a paragraph (``Paragraph`` or ``w:p`` element), tracked insertions included."""
    element = p._p if isinstance(p, Paragraph) else p
    out: list[str] = []
    for piece in _PIECES(element, depth=_depth(element)):
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


def text_boxes(p: Any) -> list[Any]:
    """The text boxes (``w:txbxContent``) anchored in the paragraph element ``p``, in document order: Word's
    DrawingML shape (``wps:txbx``) or a VML ``v:textbox``; the VML copy Word writes as the fallback of
    the same shape (``mc:Fallback``) is left out, and boxes inside these boxes belong to their own paragraphs."""
    return list(_BOXES(p, depth=_depth(p)))


def cell_paragraphs(tc: Any, parent: Any) -> Iterator[Paragraph]:
    """Paragraphs of a table cell in reading order, through content controls, nested tables and text boxes
    (a box's paragraphs after the paragraph it is anchored in); fallback copies of drawings are skipped."""
    for p in tc.iter(qn("w:p")):
        if not _FALLBACK(p):
            yield Paragraph(p, parent)
