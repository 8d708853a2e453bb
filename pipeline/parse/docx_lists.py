"""DOCX paragraph details python-docx has no API for: list level and glyph (``w:numPr`` on the paragraph
or its style chain, numbering definitions), left indentation, heading level from style or outline."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from docx.oxml.ns import qn

from pipeline.parse.pdf_text import normalise_glyph

_HEADING_STYLE = re.compile(r"^(heading|overskrift)\s*(\d)$", re.I)
_LIST_STYLE = re.compile(r"^(?:list|liste)\s*(bullet|number|punkt\w*|nummer\w*)?\s*(\d)?$", re.I)


@dataclass(frozen=True)
class ParaInfo:
    """What the XML says about one paragraph."""

    style: str
    heading: int | None        # 1.. for Heading N / outline level
    title: bool
    list_level: int | None     # ilvl from numPr (paragraph or style), or from a "List ... N" style name
    glyph: str | None          # bullet glyph or enumerator from the numbering definition
    indent: int                # left indentation in twips (direct, else style)


class Numbering:
    """numId -> ilvl -> (numFmt, lvlText) from word/numbering.xml."""

    def __init__(self, document: Any) -> None:
        self.levels: dict[str, dict[int, tuple[str, str]]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract: dict[str, dict[int, tuple[str, str]]] = {}
        for an in root.findall(qn("w:abstractNum")):
            lv: dict[int, tuple[str, str]] = {}
            for lvl in an.findall(qn("w:lvl")):
                fmt = lvl.find(qn("w:numFmt"))
                text = lvl.find(qn("w:lvlText"))
                lv[int(lvl.get(qn("w:ilvl"), "0"))] = (
                    fmt.get(qn("w:val"), "") if fmt is not None else "",
                    text.get(qn("w:val"), "") if text is not None else "")
            abstract[an.get(qn("w:abstractNumId"), "")] = lv
        for num in root.findall(qn("w:num")):
            ref = num.find(qn("w:abstractNumId"))
            if ref is not None:
                self.levels[num.get(qn("w:numId"), "")] = abstract.get(ref.get(qn("w:val"), ""), {})

    def glyph(self, num_id: str, ilvl: int) -> str | None:
        fmt, text = self.levels.get(num_id, {}).get(ilvl, ("", ""))
        if fmt == "bullet":
            return normalise_glyph(text[:1]) if text else "•"
        if fmt in ("", "none") or not text:
            return None
        sample = {"decimal": "1", "lowerLetter": "a", "upperLetter": "A", "lowerRoman": "i",
                  "upperRoman": "I"}.get(fmt, "1")
        return re.sub(r"%\d", sample, text)


def _num_pr(ppr: Any) -> tuple[str, int] | None:
    if ppr is None:
        return None
    num = ppr.find(qn("w:numPr"))
    if num is None:
        return None
    nid = num.find(qn("w:numId"))
    lvl = num.find(qn("w:ilvl"))
    if nid is None or nid.get(qn("w:val")) in (None, "0"):
        return None
    return nid.get(qn("w:val")), int(lvl.get(qn("w:val"), "0")) if lvl is not None else 0


def _indent(ppr: Any) -> int | None:
    if ppr is None:
        return None
    ind = ppr.find(qn("w:ind"))
    if ind is None:
        return None
    val = ind.get(qn("w:left")) or ind.get(qn("w:start"))
    try:
        return int(val) if val is not None else None
    except ValueError:
        return None


def _style_chain(style: Any) -> list[Any]:
    chain = []
    while style is not None and len(chain) < 10:
        chain.append(style)
        style = style.base_style
    return chain


def para_info(p: Any, numbering: Numbering) -> ParaInfo:
    """Heading/list/indent facts for a python-docx Paragraph."""
    try:
        style = p.style
    except (KeyError, ValueError):
        style = None
    chain = _style_chain(style)
    name = style.name if style is not None and style.name else ""
    ppr = p._p.pPr
    num = _num_pr(ppr)
    for st in chain:
        if num is not None:
            break
        num = _num_pr(st.element.pPr)
    indent = _indent(ppr)
    for st in chain:
        if indent is not None:
            break
        indent = _indent(st.element.pPr)
    heading = None
    for st in chain:
        m = _HEADING_STYLE.match(st.name or "")
        if m:
            heading = int(m.group(2))
            break
    outline = ppr.find(qn("w:outlineLvl")) if ppr is not None else None
    if heading is None and outline is not None and outline.get(qn("w:val"), "9").isdigit():
        lvl = int(outline.get(qn("w:val"), "9"))
        heading = lvl + 1 if lvl < 9 else None
    title = any((st.name or "").lower() in ("title", "tittel") for st in chain)
    list_level: int | None = None
    glyph: str | None = None
    m = _LIST_STYLE.match(name)
    if m and (m.group(1) or m.group(2)):  # "List Bullet 2": Word links each such style to ilvl 0
        list_level = int(m.group(2)) - 1 if m.group(2) else 0
        glyph = "1." if "numb" in name.lower() or "numm" in name.lower() else "•"
    if num is not None:
        direct = _num_pr(ppr) is not None
        list_level = num[1] if direct or list_level is None else max(num[1], list_level)
        glyph = numbering.glyph(num[0], num[1]) or glyph
    return ParaInfo(name, heading, title, list_level, glyph, indent or 0)
