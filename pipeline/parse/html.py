"""HTML parser (BeautifulSoup + lxml): headings, nested lists with levels, paragraphs and tables
(rowspan/colspan expanded onto a grid, header row -> column roles) in document order."""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

import bs4
from bs4 import BeautifulSoup, NavigableString, Tag

from pipeline.errors import ParseError
from pipeline.models import Block, ColumnRole, Document
from pipeline.parse.html_furniture import SKIP as _SKIP, is_furniture, without_furniture
from pipeline.parse.pdf_text import (Cell, clean_text, header_roles, nest_under_lead, normalise_glyph, order_row, split_bullet,
                       theme_heading_levels)
from pipeline.parse.labelled_table import labelled_rows
from pipeline.parse.titles import as_title

PARSER_NAME = f"beautifulsoup4 {bs4.__version__} + lxml"
_META = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.I)
_HEADING = {f"h{i}": i for i in range(1, 7)}
_BLOCKS = {"p", "div", "li", "ul", "ol", "table", "section", "article", "main", "blockquote", "pre",
           "header", "footer", "dl", "dt", "dd", "figure", *_HEADING}
_MSO_LEVEL = re.compile(r"mso-list:\s*l\d+\s+level(\d+)", re.I)
_MSO_IGNORE = re.compile(r"mso-list:\s*ignore", re.I)
_WINGDINGS = {"§": "▪", "Ø": ">", "ü": ">", "v": "•"}
"""Wingdings bullets as Word's HTML shows their character codes."""
_GDOCS_LEVEL = re.compile(r"^lst-kix_\w+-(\d+)$")


def decode_html(data: bytes) -> tuple[str, str]:
    """Decode by BOM, then <meta charset>, then UTF-8, falling back to cp1252. Returns (text, encoding)."""
    for bom, enc in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom):].decode(enc, errors="replace"), enc
    m = _META.search(data[:4096])
    if m:
        enc = m.group(1).decode("ascii", "ignore").lower()
        try:
            codecs.lookup(enc)
            if enc not in ("utf-8", "utf8"):
                return data.decode(enc, errors="replace"), enc
        except LookupError:
            pass
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "cp1252"


@dataclass
class _State:
    blocks: list[Block] = field(default_factory=list)
    element: int = 0
    row: int = 0

    def add(self, block: Block) -> None:
        self.blocks.append(block)


def _own_text(tag: Tag) -> str:
    """Text of ``tag`` without nested lists/tables (they become their own blocks)."""
    parts: list[str] = []
    for node in tag.children:
        if isinstance(node, NavigableString):
            if not isinstance(node, bs4.Comment):
                parts.append(str(node))
        elif isinstance(node, Tag) and node.name not in ("ul", "ol", "table", *_SKIP) and \
                not (node.name in _BLOCKS and node.find(["ul", "ol", "table"])):
            parts.append(node.get_text(" "))
    return clean_text(" ".join(parts))


def _walk(node: Tag, state: _State, depth: int) -> None:
    for child in node.children:
        if not isinstance(child, Tag) or is_furniture(child):
            if isinstance(child, NavigableString) and not isinstance(child, bs4.Comment) and clean_text(child):
                state.element += 1
                _text_block(clean_text(child), state, None)
            continue
        name = child.name
        if name in _HEADING or name == "summary" and not child.find(list(_HEADING)):
            state.element += 1  # an accordion's <summary> names its section, as an <h2> would
            text = clean_text(child.get_text(" "))
            if text:
                state.add(Block(text=text, kind="heading", level=_HEADING.get(name, 2), line=state.element,
                                width=len(text)))
        elif name in ("ul", "ol"):
            state.blocks.extend(_list(child, state, depth))
        elif name == "table":
            _table(child, state)
        elif name == "p" or (name in _BLOCKS and not child.find(list(_BLOCKS))):
            state.element += 1
            word_level = _MSO_LEVEL.search(str(child.get("style", "")))
            if word_level:
                _word_list_item(child, state, int(word_level.group(1)) - 1)
            else:
                for k, line in enumerate(_lines(child)):
                    state.element += k > 0
                    _text_block(line, state, None)
        else:
            _walk(child, state, depth)


def _lines(tag: Tag) -> list[str]:
    """The lines of a paragraph: e-mail bodies break lines (even whole lists) with <br>."""
    for br in tag.find_all("br"):
        br.replace_with("\n")
    return [line for line in (clean_text(part) for part in tag.get_text(" ").split("\n")) if line]


def _word_list_item(p: Tag, state: _State, level: int) -> None:
    """Word's "Save as HTML" writes list items as paragraphs styled ``mso-list:l0 level2``, the glyph in a
    ``mso-list:Ignore`` span (a Symbol/Wingdings character such as "·" or "§")."""
    glyph_span = p.find("span", style=_MSO_IGNORE)
    glyph = clean_text(glyph_span.get_text(" ")) if glyph_span else ""
    if glyph_span:
        glyph_span.extract()
    text = clean_text(p.get_text(" "))
    if text:
        bullet = glyph if re.fullmatch(r"\d{1,2}[.)]|[a-zA-Z][.)]", glyph) else normalise_glyph(_WINGDINGS.get(glyph, glyph) or "•")
        state.add(Block(text=text, kind="item", level=level, line=state.element, bullet=bullet, width=len(text)))


def _text_block(text: str, state: _State, column: ColumnRole | None) -> Block | None:
    if not text:
        return None
    bullet, rest = split_bullet(text)
    block = Block(text=rest, kind="item" if bullet else "text", column=column, line=state.element,
                  bullet=bullet, width=len(text))
    if column is None:
        state.add(block)
    return block


def _list(lst: Tag, state: _State, depth: int, column: ColumnRole | None = None) -> list[Block]:
    out: list[Block] = []
    google = next((m for c in lst.get("class") or [] if (m := _GDOCS_LEVEL.match(str(c)))), None)
    if google:  # Google Docs exports nested lists as flat sibling lists, the depth in the class name
        depth += int(google.group(1))
    start = int(lst.get("start", "1")) if str(lst.get("start", "1")).isdigit() else 1
    for i, li in enumerate(lst.find_all("li", recursive=False)):
        state.element += 1
        details, tables = _item_tables(li, state, column)
        text = clean_text(f"{_own_text(li)} {details}")
        if text:
            glyph = f"{start + i}." if lst.name == "ol" else "•"
            block = Block(text=split_bullet(text)[1] if lst.name == "ul" else text, kind="item", level=depth,
                          column=column, line=state.element, bullet=glyph, width=len(text))
            out.append(block)
        out.extend(tables)
        for sub in li.find_all(["ul", "ol"]):
            if sub.find_parent("li") is li:
                out.extend(_list(sub, state, depth + 1, column))
    return out


def _item_tables(li: Tag, state: _State, column: ColumnRole | None) -> tuple[str, list[Block]]:
    """Tables inside a list item: a table of details (no measure header) joins the item's text, as a table
    nested in a cell joins the cell; a measure table ("Tiltak | Ansvar | Frist") is read as a table after
    the item (in a list at the top level; inside a table cell it joins the item too)."""
    details: list[str] = []
    blocks: list[Block] = []
    for table in li.find_all("table"):
        outer = table.find_parent("table")
        if table.find_parent("li") is not li or (outer is not None and all(outer is not t for t in li.parents)):
            continue  # in a nested list or a nested table: read there
        grid = _grid(table)
        header = [clean_text(s[0].get_text(" ")) if s else "" for s in grid[0]] if grid else []
        if column is None and header_roles(header) is not None:
            before = len(state.blocks)
            _table(table, state)
            blocks.extend(state.blocks[before:])
            del state.blocks[before:]
        else:
            details.append(clean_text(table.get_text(" ")))
    return " ".join(details), blocks


def _grid(table: Tag) -> list[list[tuple[Tag, bool] | None]]:
    """Rows of the table on a grid; each slot holds (cell, is_origin) with rowspan/colspan expanded."""
    rows = [tr for tr in table.find_all("tr") if tr.find_parent("table") is table]
    grid: list[list[tuple[Tag, bool] | None]] = [[] for _ in rows]
    for r, tr in enumerate(rows):
        c = 0
        for cell in tr.find_all(["td", "th"], recursive=False):
            while c < len(grid[r]) and grid[r][c] is not None:
                c += 1
            rs = int(cell.get("rowspan", 1) or 1) if str(cell.get("rowspan", 1)).isdigit() else 1
            cs = int(cell.get("colspan", 1) or 1) if str(cell.get("colspan", 1)).isdigit() else 1
            for dr in range(max(rs, 1)):
                if r + dr >= len(grid):
                    break
                row = grid[r + dr]
                while len(row) < c + cs:
                    row.append(None)
                for dc in range(cs):
                    row[c + dc] = (cell, dr == 0 and dc == 0)
            c += cs
    return grid


def _cell_blocks(cell: Tag, state: _State, role: ColumnRole) -> list[Block]:
    """One block per paragraph / list item / <br>-separated line of a cell."""
    out: list[Block] = []
    text_parts: list[str] = []

    def flush() -> None:
        text = clean_text(" ".join(text_parts))
        text_parts.clear()
        if text:
            state.element += 1
            block = _text_block(text, state, role)
            if block:
                out.append(block)

    for node in cell.children:
        if isinstance(node, Tag) and node.name in ("ul", "ol"):
            flush()
            out.extend(_list(node, state, 0, role))
        elif isinstance(node, Tag) and node.name == "br":
            flush()
        elif isinstance(node, Tag) and node.name in _BLOCKS:
            flush()
            for piece in re.split(r"\n", node.get_text("\n" if node.find("br") else " ")):
                text_parts.append(piece)
                flush()
        elif isinstance(node, (Tag, NavigableString)) and not isinstance(node, bs4.Comment):
            text_parts.append(node.get_text(" ") if isinstance(node, Tag) else str(node))
    flush()
    return out


def _table(table: Tag, state: _State) -> None:
    grid = _grid(table)
    if not grid:
        return
    ncols = max(len(r) for r in grid)
    texts = [clean_text(s[0].get_text(" ")) if s else "" for s in grid[0]] + [""] * (ncols - len(grid[0]))
    roles = header_roles(texts)
    lines = labelled_rows([[clean_text(s[0].get_text(" ")) for s in row if s] for row in grid]) if ncols == 2 else None
    for k, text in enumerate(lines or []):  # one small table per measure: "Tiltak | …", "Ansvar | …"
        state.element += 1
        state.add(Block(text=text, kind="text", line=state.element, width=len(text), gap_before=2 if k == 0 else 0))
    if lines:
        return
    if roles is None:
        for row in grid:
            for slot in row:
                if slot and slot[1]:
                    state.element += 1
                    _text_block(clean_text(slot[0].get_text(" ")), state, None)
        return
    for row in grid[1:]:
        origins = [(c, s[0]) for c, s in enumerate(row) if s and s[1]]
        cells_text = [clean_text(s[0].get_text(" ")) for s in row if s]
        if cells_text == texts[:len(cells_text)]:
            continue  # repeated header
        distinct = {t for t in cells_text if t}
        if len(distinct) == 1 and (len(origins) == 1 and len(row) >= ncols or all(cells_text)) and ncols > 1:
            state.element += 1
            state.add(Block(text=distinct.pop(), kind="heading", level=1, column="theme", line=state.element,
                            row=state.row))
            state.row += 1
            continue
        cells: list[Cell] = []
        for c, tag in origins:
            role: ColumnRole = roles[c] if c < len(roles) else "other"
            blocks = _cell_blocks(tag, state, role)
            if role == "measure":
                blocks = nest_under_lead(blocks)
            if role == "theme":
                blocks = [replace(b, kind="heading", level=2, bullet=None) for b in blocks]
            cells.append(Cell(role, tuple(((0.0, float(b.line)), b) for b in blocks)))
        ordered = order_row(cells, by_position=False)
        if ordered:
            state.blocks.extend(replace(b, row=state.row) for b in ordered)
            state.row += 1


def parse_html(path: Path, source_file: str) -> Document:
    """Parse an HTML file into blocks in document order."""
    text, encoding = decode_html(path.read_bytes())
    blocks = html_to_blocks(text, source_file)
    title = next((b.text for b in blocks if b.kind == "title"), None)
    return Document(source_file=source_file, format="html", blocks=tuple(blocks), parser=PARSER_NAME,
                    encoding=encoding, title=title)


def html_to_blocks(text: str, source_file: str) -> list[Block]:
    """Blocks of an HTML text in document order (also an e-mail's HTML body)."""
    try:
        soup = BeautifulSoup(text, "lxml")
    except Exception as exc:  # lxml/bs4 errors on pathological input
        raise ParseError(f"{source_file} could not be read as HTML ({type(exc).__name__}: {exc})"[:300]) from exc
    state = _State()
    _walk(without_furniture(soup.body or soup), state, 0)
    return _finish(state.blocks)


def _finish(blocks: list[Block]) -> list[Block]:
    """First block is the title (a paragraph, or an h1 that occurs once); heading levels renumbered from 1;
    theme headings level 1 when the table had no section rows."""
    if not blocks:
        return blocks
    first = blocks[0]
    h1s = sum(1 for b in blocks if b.kind == "heading" and b.column is None and b.level == first.level)
    if first.column is None and (first.kind == "text" or (first.kind == "heading" and h1s == 1)):
        blocks = [*as_title(first), *blocks[1:]]
    levels = sorted({b.level for b in blocks if b.kind == "heading" and b.column is None})
    out = [replace(b, level=levels.index(b.level) + 1) if b.kind == "heading" and b.column is None else b
           for b in blocks]
    return theme_heading_levels(out)
