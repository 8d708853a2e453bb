"""DOCX parser (python-docx): paragraphs and tables in body order -> :class:`Document`.

Text boxes are read where they are anchored (their paragraphs and tables after the anchoring paragraph);
running headers and footers live in their own parts and are never read.

Zip bombs are refused before opening (:func:`check_zip`). Table header text gives column roles; a
section row (one cell spanning the table, or the same text repeated in every cell) is one heading.
"""
from __future__ import annotations

import zipfile
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Iterator

import docx
from docx.oxml.ns import qn
from docx.table import _Cell
from docx.text.paragraph import Paragraph

from pipeline import limits
from pipeline.config import Settings
from pipeline.errors import ParseError
from pipeline.models import Block, ColumnRole, Document
from pipeline.parse.docx_lists import Numbering, ParaInfo, para_info
from pipeline.parse.docx_text import cell_paragraphs, paragraph_text, text_boxes
from pipeline.parse.pdf_text import (Cell, clean_text, glyph_level, header_roles, nest_under_lead, order_row, split_bullet,
                       theme_heading_levels)
from pipeline.parse.labelled_table import labelled_rows
from pipeline.parse.titles import as_title

PARSER_NAME = f"python-docx {getattr(docx, '__version__', '?')}"


def check_zip(path: Path, source_file: str, settings: Settings) -> None:
    """Refuse non-zip files and zip bombs (total uncompressed size or compression ratio over the limits)."""
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            names = {i.filename for i in infos}
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ParseError(f"{source_file} is not a valid .docx (not a zip archive: {exc})") from exc
    if "word/document.xml" not in names:
        raise ParseError(f"{source_file} is a zip archive but not a Word document (no word/document.xml)")
    total = sum(i.file_size for i in infos)
    packed = max(sum(i.compress_size for i in infos), 1)
    # the sizes in the zip directory bound what inflating can produce: zipfile stops at the declared size
    if total > settings.max_docx_uncompressed_bytes:
        raise limits.exceeded(source_file, f"unpacks to {total} bytes", "max_docx_uncompressed_bytes",
                              settings.max_docx_uncompressed_bytes)
    if total / packed > settings.max_docx_ratio:
        raise limits.exceeded(source_file, f"compression ratio {total / packed:.0f}:1, a possible zip bomb",
                              "max_docx_ratio", f"{settings.max_docx_ratio:g}")


@dataclass
class _State:
    numbering: Numbering
    blocks: list[Block] = field(default_factory=list)
    para_no: int = 0
    row_no: int = 0
    seen_table: bool = False
    indents: dict[str, list[int]] = field(default_factory=dict)


def _children(element: Any) -> Iterator[Any]:
    """Block-level children in order, looking through content controls (w:sdt)."""
    for child in element.iterchildren():
        if child.tag == qn("w:sdt"):
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                yield from _children(content)
        elif child.tag in (qn("w:p"), qn("w:tbl")):
            yield child


def _body_items(element: Any) -> Iterator[Any]:
    """Paragraphs and tables in reading order: :func:`_children`, and after each paragraph the paragraphs
    and tables of the text boxes anchored in it (a box's content is read where its anchor stands)."""
    for child in _children(element):
        yield child
        if child.tag == qn("w:p"):
            for box in text_boxes(child):
                yield from _body_items(box)


def _para_block(p: Paragraph, info: ParaInfo, line: int, column: ColumnRole | None) -> Block | None:
    raw = clean_text(paragraph_text(p))
    if not raw:
        return None
    bullet, text = split_bullet(raw)
    if info.list_level is not None:
        kind, level, bullet = "item", info.list_level, info.glyph or bullet
    elif bullet is not None:
        kind, level = "item", glyph_level(bullet)
    elif info.heading is not None and column is None:
        return Block(text=raw, kind="heading", level=info.heading, line=line, width=len(raw))
    else:
        kind, level = "text", 0
    return Block(text=text, kind=kind, level=level, column=column, line=line, bullet=bullet, width=len(raw))


def _body_paragraph(p: Any, state: _State, document: Any) -> None:
    state.para_no += 1
    para = Paragraph(p, document)
    info = para_info(para, state.numbering)
    block = _para_block(para, info, state.para_no, None)
    if block is None:
        return
    first = not state.blocks and not state.seen_table
    if info.title:
        block = replace(block, kind="title", level=0, bullet=None, text=clean_text(paragraph_text(para)))
    elif first and block.kind == "text" and block.bullet is None:
        state.blocks.extend(as_title(replace(block, text=clean_text(paragraph_text(para)))))
        return
    state.blocks.append(block)


def _row_cells(tr: Any) -> list[tuple[int, int, Any]]:
    """(grid column, span, tc) for the cells of a row; vertically merged continuations are skipped."""
    out, col = [], 0
    for tc in tr.findall(qn("w:tc")):
        tcpr = tc.find(qn("w:tcPr"))
        span, vmerge = 1, None
        if tcpr is not None:
            gs = tcpr.find(qn("w:gridSpan"))
            span = int(gs.get(qn("w:val"), "1")) if gs is not None else 1
            vm = tcpr.find(qn("w:vMerge"))
            vmerge = (vm.get(qn("w:val")) or "continue") if vm is not None else None
        if vmerge != "continue":
            out.append((col, span, tc))
        col += span
    return out


def _cell_text(tc: Any, document: Any) -> str:
    return clean_text(" ".join(paragraph_text(p) for p in cell_paragraphs(tc, _Cell(tc, document))))


def _in_list_item(tbl: Any, state: _State, document: Any) -> bool:
    """A table inside a list item: Word has no tables inside paragraphs, so a table belongs to the list item
    it follows when it is indented (``w:tblInd``) or the list goes on right after it."""
    last = state.blocks[-1] if state.blocks else None
    if last is None or last.kind != "item" or last.column is not None:
        return False
    ind = tbl.find(f"{qn('w:tblPr')}/{qn('w:tblInd')}")
    if ind is not None and int(float(ind.get(qn("w:w"), "0") or 0)) > 0:
        return True
    nxt = tbl.getnext()
    while nxt is not None and nxt.tag == qn("w:p") and not clean_text(paragraph_text(nxt)):
        nxt = nxt.getnext()
    return nxt is not None and nxt.tag == qn("w:p") and \
        para_info(Paragraph(nxt, document), state.numbering).list_level is not None


def _table(tbl: Any, state: _State, document: Any) -> None:
    rows = tbl.findall(qn("w:tr"))
    if not rows:
        return
    ncols = max(sum(span for _, span, _ in _row_cells(tr)) for tr in rows)
    header = _row_cells(rows[0])
    texts = [""] * ncols
    for col, _, tc in header:
        texts[col] = _cell_text(tc, document)
    roles = header_roles(texts)
    lines = labelled_rows([[_cell_text(tc, document) for _, _, tc in _row_cells(tr)] for tr in rows]) if ncols == 2 else None
    if lines:  # one small table per measure: "Tiltak | …", "Ansvarleg | …"
        for text in lines:
            state.para_no += 1
            state.blocks.append(Block(text=text, kind="text", line=state.para_no, width=len(text),
                                      gap_before=2 if text == lines[0] else 0))
        return
    if roles is None and _in_list_item(tbl, state, document):
        # a table of details inside a list item (contacts, figures): its text joins the item, as a table
        # nested in a cell joins the cell
        item = state.blocks[-1]
        detail = clean_text(" ".join(_cell_text(tc, document) for tr in rows for _, _, tc in _row_cells(tr)))
        width = (item.width or 0) + 1 + len(detail)
        state.blocks[-1] = replace(item, text=clean_text(f"{item.text} {detail}"), width=width)
        state.para_no += sum(1 for _ in tbl.iter(qn("w:p")))
        return
    state.seen_table = True
    if roles is None:  # not a measure table: read cells as running text
        for tr in rows:
            for _, _, tc in _row_cells(tr):
                for para in cell_paragraphs(tc, document):
                    _body_paragraph(para._p, state, document)
        return
    for tr in rows[1:]:
        cells = _row_cells(tr)
        ctexts = [_cell_text(tc, document) for _, _, tc in cells]
        if [t for t in ctexts] == [t for t in texts if t] and len(cells) > 1:
            continue  # repeated header row
        nonempty = {t for t in ctexts if t}
        full = (len(cells) == 1 and cells[0][1] == ncols) or (len(cells) > 1 and len(nonempty) == 1
                                                              and all(ctexts) and len(nonempty) == 1)
        if full:
            state.para_no += sum(1 for _, _, tc in cells for _ in tc.iter(qn("w:p")))
            state.blocks.append(Block(text=next(iter(nonempty)) if nonempty else "", kind="heading", level=1,
                                      column="theme", line=state.para_no, row=state.row_no))
            state.row_no += 1
            continue
        _table_row(cells, roles, state, document)


def _table_row(cells: list[tuple[int, int, Any]], roles: list[ColumnRole], state: _State, document: Any) -> None:
    row_cells: list[Cell] = []
    for col, _, tc in cells:
        role = roles[col] if col < len(roles) else "other"
        keyed = []
        paras = list(cell_paragraphs(tc, _Cell(tc, document)))
        indents = sorted({para_info(p, state.numbering).indent for p in paras})
        for p in paras:
            state.para_no += 1
            info = para_info(p, state.numbering)
            block = _para_block(p, info, state.para_no, role)
            if block is None:
                continue
            if role == "theme":
                block = replace(block, kind="heading", level=2, bullet=None, text=clean_text(paragraph_text(p)))
            elif info.list_level is None and len(indents) > 1 and info.indent:
                block = replace(block, level=_indent_rank(info.indent, state, role))
            keyed.append(((0.0, float(state.para_no)), block))
        if role == "measure":
            keyed = list(zip([k for k, _ in keyed], nest_under_lead([b for _, b in keyed])))
        row_cells.append(Cell(role, tuple(keyed)))
    ordered = order_row(row_cells, by_position=False)
    if ordered:
        state.blocks.extend(replace(b, row=state.row_no) for b in ordered)
        state.row_no += 1


def _indent_rank(indent: int, state: _State, role: str) -> int:
    """Level from indentation: rank of ``indent`` among indents seen so far in this column (0 = none)."""
    seen = state.indents.setdefault(role, [0])
    if all(abs(indent - s) > 60 for s in seen):
        seen.append(indent)
        seen.sort()
    return next(i for i, s in enumerate(seen) if abs(indent - s) <= 60)


def parse_docx(path: Path, source_file: str, settings: Settings | None = None) -> Document:
    """Parse a .docx into blocks: title, headings, list items with levels, table cells with roles."""
    active = limits.current()
    settings = settings or (active.settings if active else Settings.load())
    check_zip(path, source_file, settings)
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises KeyError, ValueError, lxml errors on damaged files
        raise ParseError(f"{source_file} could not be opened as a Word document ({type(exc).__name__})") from exc
    state = _State(Numbering(document))
    for child in _body_items(document.element.body):
        limits.tick(f"paragraph {state.para_no}")
        if child.tag == qn("w:p"):
            _body_paragraph(child, state, document)
        else:
            _table(child, state, document)
    blocks = theme_heading_levels(state.blocks)
    title = next((b.text for b in blocks if b.kind == "title"), None)
    return Document(source_file=source_file, format="docx", blocks=tuple(blocks), parser=PARSER_NAME,
                    title=title)
