"""One-column notes (no table) -> Blocks: headings by font size/weight, bullets and list levels from
glyphs and x-indent, wrapped lines joined, the first paragraph as title."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from typing import Sequence

from pipeline.models import Block
from pipeline.parse.pdf_text import split_bullet
from pipeline.parse.pdf_words import Line, Para, PdfSettings, indent_levels, level_of, lines_to_paras, text_column

_PAGE_NO = re.compile(r"^(side\s*)?\d{1,4}(\s*(av|/|of)\s*\d{1,4})?$", re.I)


def body_size(lines: Sequence[Line]) -> float:
    """The most common font size, weighted by characters (the running text size)."""
    chars: dict[float, int] = {}  # by exact size first: rounding once per size, not per word
    for ln in lines:
        for w in ln.words:
            size = w.get("size", 0.0)
            chars[size] = chars.get(size, 0) + len(w["text"])
    sizes: Counter[float] = Counter()
    for size, n in chars.items():
        sizes[round(float(size), 1)] += n
    return sizes.most_common(1)[0][0] if sizes else 0.0


def is_page_number(line: Line) -> bool:
    """A bare page number or "Side 3 av 7" line (running header/footer)."""
    return bool(_PAGE_NO.match(line.text.strip()))


def _is_heading(line: Line, body: float, body_bold: bool) -> bool:
    text = line.text
    glyph = split_bullet(text)[0]
    if (glyph is not None and "." not in glyph.rstrip(".")) or len(text) > 150:
        return False  # a bullet or "1." item; a section number ("3.2 Kva seier …") may head a section
    return line.size >= body + 0.8 or (line.bold and not body_bold and len(text) < 120
                                       and not text.rstrip().endswith((".", ",")))


def notes_blocks(lines: Sequence[Line], settings: PdfSettings, allow_title: bool = True) -> list[Block]:
    """Blocks for running text (paragraphs, bullets, headings) outside tables."""
    lines = [ln for ln in lines if not is_page_number(ln)]
    if not lines:
        return []
    body = body_size(lines)
    body_bold = Counter(ln.bold for ln in lines).most_common(1)[0][0]
    runs: list[tuple[bool, list[Line]]] = []
    for ln in lines:
        heading = _is_heading(ln, body, body_bold)
        if runs and runs[-1][0] == heading and (not heading or _same_heading(runs[-1][1][-1], ln)):
            runs[-1][1].append(ln)
        else:
            runs.append((heading, [ln]))
    right: dict[tuple[float, int | None], float] = {}  # wrap edge per text column
    for h, run in runs:
        for ln in run if not h else ():
            right[text_column(ln)] = max(right.get(text_column(ln), 0.0), ln.x1 - ln.frame)
    items: list[tuple[bool, Para]] = []
    for heading, run in runs:
        if heading:
            items.append((True, Para(run, None, run[0].left, run[0].left)))
        else:
            items.extend((False, p) for p in lines_to_paras(run, right, settings))
    head_styles = sorted({_style(p) for h, p in items if h}, key=lambda s: (-s[0], not s[1]))
    bullets = indent_levels([p.start_x for h, p in items if not h and p.bullet], settings.indent_tol)
    out: list[Block] = []
    for i, (heading, p) in enumerate(items):
        first = p.first
        if heading:
            kind, level = "heading", head_styles.index(_style(p)) + 1
        elif p.bullet:
            kind, level = "item", level_of(p.start_x, bullets, settings.indent_tol)
        else:
            kind = "text"
            level = level_of(p.start_x, bullets, settings.indent_tol) if bullets and \
                p.start_x >= bullets[0] - settings.indent_tol else 0
        if i == 0 and allow_title and not p.bullet and _title_like(p, items, heading):
            kind, level = "title", 0
        if kind == "text" and level >= 1 and out and out[-1].kind == "item" and _column_break(items[i - 1][1], p):
            out[-1] = replace(out[-1], text=f"{out[-1].text} {p.text}")  # the item runs on at the next column's top
            continue
        # no width: the width of a source line is evidence that a hard-wrapped line goes on in the next one
        # (text files, e-mails, paragraphs pasted line by line into Word); here the wrapped lines are joined
        # already, by their geometry (the wrap edge of their text column), so a paragraph's length would only
        # make a document of short paragraphs look hard-wrapped and glue a wide paragraph to the next block
        out.append(Block(text=p.text, kind=kind, level=level, column=None, page=first.page, line=first.no,
                         bbox=p.bbox, bullet=p.bullet, width=None, text_column=first.column))
    return out


def _column_break(before: Para, p: Para) -> bool:
    """``p`` starts a new text column or page right after ``before`` ends the previous one."""
    last, first = before.lines[-1], p.first
    return (first.page, first.column) != (last.page, last.column)


def _style(p: Para) -> tuple[float, bool]:
    return (round(p.first.size, 1), p.first.bold)


def _same_heading(a: Line, b: Line) -> bool:
    return a.page == b.page and round(a.size, 1) == round(b.size, 1) and a.bold == b.bold and \
        b.top - a.bottom < 0.6 * max(a.bottom - a.top, 1.0)


def _title_like(p: Para, items: list[tuple[bool, Para]], heading: bool) -> bool:
    """The first paragraph is the title unless it is an ordinary section heading (its style recurs)."""
    if p.first.page != 1:
        return False
    if not heading:
        return True
    return sum(1 for h, q in items if h and _style(q) == _style(p)) == 1 and \
        all(_style(q)[0] < _style(p)[0] for h, q in items[1:] if h)
