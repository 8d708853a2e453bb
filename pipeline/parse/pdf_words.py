"""Words -> lines -> paragraphs: the geometry layer shared by the table and notes readers.

Pure functions over pdfplumber word dicts. A :class:`Line` is words sharing a baseline (within
``line_tol``); a :class:`Para` is consecutive lines of one column/cell that form one paragraph or bullet.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from itertools import repeat
from operator import itemgetter
from typing import Any, Iterable, Mapping, Sequence

from pipeline.parse.pdf_text import (GOAL_LABEL_RE, PARTNER_LABEL_RE, is_generic_label, is_label_only, join_lines,
                       split_bullet)

Word = dict[str, Any]


@dataclass(frozen=True)
class PdfSettings:
    """Tunable tolerances (points unless noted)."""

    line_tol: float = 2.5          # words whose tops differ less than this share a line
    phrase_gap: float = 0.9        # gap / font size above which words on a line are separate phrases
    indent_tol: float = 3.0        # x positions closer than this are the same indent
    fit_slack: float = 3.0         # a next word "would have fit" on the previous line with this margin
    para_gap: float = 1.6          # vertical gap / line height that ends a paragraph
    x_tolerance: float = 1.5       # pdfplumber extract_words x_tolerance


_X0, _X1, _TOP, _BOTTOM = itemgetter("x0"), itemgetter("x1"), itemgetter("top"), itemgetter("bottom")


@dataclass
class Line:
    """Words on one baseline (optionally only those of one column)."""

    page: int
    no: int
    words: list[Word]
    top: float = 0.0
    bottom: float = 0.0
    x0: float = 0.0
    x1: float = 0.0
    frame: float = 0.0  # left edge of the text column this line belongs to, from the text's left edge
    column: int | None = None  # index of that text column on its page (None: the page has no columns)
    _text: str | None = field(default=None, init=False, repr=False, compare=False)
    _size: float | None = field(default=None, init=False, repr=False, compare=False)
    _bold: bool | None = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        """Recompute the bounding box (and forget the text, size and weight) after ``words`` changed."""
        self._text = self._size = self._bold = None
        if self.words:
            self.words.sort(key=_X0)
            self.top = min(map(_TOP, self.words))
            self.bottom = max(map(_BOTTOM, self.words))
            self.x0 = self.words[0]["x0"]
            self.x1 = max(map(_X1, self.words))

    @property
    def text(self) -> str:
        if self._text is None:
            self._text = " ".join(w["text"] for w in self.words)
        return self._text

    @property
    def size(self) -> float:
        if self._size is None:
            self._size = max((float(w.get("size", 0.0)) for w in self.words), default=0.0)
        return self._size

    @property
    def bold(self) -> bool:
        if self._bold is None:
            self._bold = all(_is_bold(w) for w in self.words)
        return self._bold

    @property
    def pos(self) -> tuple[float, float]:
        return (float(self.page), self.top)

    @property
    def left(self) -> float:
        """x0 inside the line's text column (indentation)."""
        return self.x0 - self.frame


@dataclass
class Para:
    """One paragraph or bullet: its lines and where its first line starts."""

    lines: list[Line] = field(default_factory=list)
    bullet: str | None = None
    start_x: float = 0.0     # x of the bullet glyph or of the first word
    body_x: float = 0.0      # x where continuation lines are expected

    @property
    def text(self) -> str:
        first, *rest = [ln.text for ln in self.lines]
        return join_lines([split_bullet(first)[1] if self.bullet else first, *rest])

    @property
    def first(self) -> Line:
        return self.lines[0]

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        same_page = [ln for ln in self.lines if ln.page == self.first.page and ln.frame == self.first.frame]
        return (round(min(ln.x0 for ln in same_page), 2), round(self.first.top, 2),
                round(max(ln.x1 for ln in same_page), 2), round(max(ln.bottom for ln in same_page), 2))


def _is_bold(word: Word) -> bool:
    name = str(word.get("fontname", "")).lower()
    return any(k in name for k in ("bold", "black", "heavy", "semibold", ",b"))


def page_words(page: Any, settings: PdfSettings) -> list[Word]:
    """Words of a pdfplumber page with font name and size, plus a "•" word for every list bullet drawn
    as a shape rather than a character (browsers' and some exporters' PDFs)."""
    reader = without_blank_overprints(page)
    words = join_hyphens(reader.extract_words(x_tolerance=settings.x_tolerance, keep_blank_chars=False,
                                              use_text_flow=False, extra_attrs=["fontname", "size"]))
    shapes = [o for o in (*page.curves, *page.rects) if _bullet_shaped(o)]
    return words + drawn_bullets(shapes, words) if shapes else words


def without_blank_overprints(page: Any) -> Any:
    """A pdfplumber page without the blank glyphs that take no room: Chromium draws a soft hyphen that
    does not break its word as a blank glyph under the next letter ("samarbeids&shy;avtaler"), which
    pdfminer reads as a space inside the word ("samarbeids avtaler"; PDFium, which places spaces by
    advance, reads "samarbeidsavtaler"). A blank whose next character on the line starts within a quarter
    of its width is dropped. Pages of other engines (no ``filter``) are returned as they are."""
    chars = getattr(page, "chars", None)
    if not hasattr(page, "filter") or not isinstance(chars, list):
        return page
    drop: set[int] = set()
    for c, nxt in zip(chars, chars[1:]):
        if c["text"] == " " and abs(nxt["top"] - c["top"]) < 0.5 and nxt["text"] != " " \
                and abs(nxt["x0"] - c["x0"]) < 0.25 * max(c["x1"] - c["x0"], 0.1):
            drop.add(id(c))
    return page.filter(lambda obj: id(obj) not in drop) if drop else page


_HYPHENS = ("-", "\u2010", "\u00ad")


def join_hyphens(words: list[Word]) -> list[Word]:
    """A line-end hyphen printed as its own word right after the word it breaks (browsers draw a blank
    glyph before it, which pdfminer reads as a space and PDFium does not) joins that word, keeping its
    glyph: a typed "-" stays "-", the renderer's own break hyphen (U+2010, or U+00AD) stays as it is so that
    :func:`pipeline.parse.pdf_text.join_lines` can tell the two apart at the line end."""
    out: list[Word] = []
    for w in words:
        prev = out[-1] if out else None
        if prev is not None and w["text"] in _HYPHENS and abs(w["top"] - prev["top"]) < 0.5 \
                and -0.5 <= w["x0"] - prev["x1"] <= 0.5:
            glyph = w["text"] if w["text"] in ("\u2010", "\u00ad") else "-"
            out[-1] = {**prev, "text": prev["text"] + glyph, "x1": w["x1"]}
        else:
            out.append(w)
    return out


def _bullet_shaped(obj: dict[str, Any]) -> bool:
    w, h = obj["x1"] - obj["x0"], obj["bottom"] - obj["top"]
    painted = obj.get("fill") or obj.get("stroke")  # "•" and "▪" are filled, "◦" only stroked
    return bool(painted) and 1.5 <= w <= 8 and 1.5 <= h <= 8 and abs(w - h) <= 1.5


def drawn_bullets(shapes: Sequence[dict[str, Any]], words: Sequence[Word]) -> list[Word]:
    """A "•" word for each small dot, circle or square just left of a line's first word, centred on it."""
    out: list[Word] = []
    for shape in shapes:
        middle = (shape["top"] + shape["bottom"]) / 2
        beside = [w for w in words if w["top"] <= middle <= w["bottom"] and 0 < w["x0"] - shape["x1"] <= 3 * w["size"]]
        if not beside:
            continue
        first = min(beside, key=lambda w: w["x0"])
        if any(w["x1"] <= first["x0"] and w["x0"] >= shape["x0"] - 1 and w["top"] <= middle <= w["bottom"] for w in words):
            continue  # a word already sits on the shape (a text bullet drawn over it): no second bullet
        out.append({**first, "text": "•", "x0": shape["x0"], "x1": shape["x1"]})
    return out


def group_lines(words: Iterable[Word], page_no: int, settings: PdfSettings) -> list[Line]:
    """Cluster words into lines by their top coordinate; lines numbered 1.. from the top of the page."""
    rows: list[list[Word]] = []
    words = list(words)
    keys = list(zip(map(round, map(_TOP, words), repeat(1)), map(_X0, words)))  # (round(top, 1), x0)
    for w in map(words.__getitem__, sorted(range(len(words)), key=keys.__getitem__)):
        if rows and abs(w["top"] - rows[-1][0]["top"]) <= settings.line_tol:
            rows[-1].append(w)
        else:
            rows.append([w])
    return [Line(page_no, i + 1, r) for i, r in enumerate(rows)]


def phrases(line: Line, settings: PdfSettings, gap: float | None = None) -> list[list[Word]]:
    """Split a line's words where the horizontal gap is wider than ``gap`` (default ``phrase_gap``) x font
    size."""
    gap = settings.phrase_gap if gap is None else gap
    out: list[list[Word]] = []
    for w in line.words:
        size = float(w.get("size", 10.0)) or 10.0
        if out and w["x0"] - out[-1][-1]["x1"] <= gap * size:
            out[-1].append(w)
        else:
            out.append([w])
    return out


def text_column(line: Line) -> tuple[float, int | None]:
    """The text column a line is set in: its frame and column index (a line across the page above or below
    the columns has the left column's frame but no index, and its own, wider wrap edge)."""
    return line.frame, line.column


def _would_fit(prev: Line, line: Line, right: float | Mapping[tuple[float, int | None], float],
               settings: PdfSettings) -> bool:
    """True when the first word of ``line`` would have fitted at the end of ``prev`` (a voluntary break);
    ``right`` is the wrap edge, or the wrap edge of each text column (:func:`text_column`)."""
    if not line.words:
        return False
    if isinstance(right, Mapping):
        right = right.get(text_column(prev), 1e9)
    w = line.words[0]
    space = 0.3 * (float(w.get("size", 10.0)) or 10.0)
    return prev.x1 - prev.frame + space + (w["x1"] - w["x0"]) < right - settings.fit_slack


def line_pitch(lines: Sequence[Line]) -> dict[float, float]:
    """The usual distance from one line's top to the next's in running text, per font size."""
    steps: dict[float, list[float]] = {}
    for a, b in zip(lines, lines[1:]):
        if a.page == b.page and a.frame == b.frame and round(a.size, 1) == round(b.size, 1) and b.top > a.top:
            steps.setdefault(round(a.size, 1), []).append(b.top - a.top)
    return {size: sorted(v)[len(v) // 2] for size, v in steps.items() if len(v) >= 4}


def _loose(prev: Line, line: Line, pitch: dict[float, float]) -> bool:
    """More space above ``line`` than between the lines of a paragraph (paragraph spacing, as browsers
    and word processors print it)."""
    usual = pitch.get(round(prev.size, 1))
    return usual is not None and round(prev.size, 1) == round(line.size, 1) and prev.frame == line.frame \
        and line.top - prev.top > PARA_SPACING * usual


PARA_SPACING = 1.25  # line pitch above which two lines of one size are two paragraphs


def _moved(prev: Line, line: Line) -> bool:
    """The text flowed on: a new page or the next text column."""
    return prev.page != line.page or prev.frame != line.frame


def lines_to_paras(lines: Sequence[Line], right: float | Mapping[tuple[float, int | None], float], settings: PdfSettings,
                   breaks: frozenset[tuple[int, int]] = frozenset(),
                   soft_breaks: frozenset[tuple[int, int]] = frozenset()) -> list[Para]:
    """Group consecutive lines of one column into paragraphs.

    A new paragraph starts at a bullet glyph, a goal/partner label ("Resultatmål:"), after a bare label
    line, at an outdent, after a vertical gap, when the previous line ended early although the next
    word would have fitted (``right`` = the column's wrap edge), or at a (page, line) in ``breaks``
    (or in ``soft_breaks`` when the line does not start in lower case, i.e. is no sentence continuation).
    """
    paras: list[Para] = []
    pitch = line_pitch(lines)
    for line in lines:
        bullet, _ = split_bullet(line.text)
        cur = paras[-1] if paras else None
        key = (line.page, line.no)
        if bullet is not None and not bullet[0].isalnum() or cur is None:
            new = True
        elif bullet is not None:  # "A)", "2." at a wrapped paragraph's text edge after a full line
            prev = cur.lines[-1]
            new = abs(line.left - cur.body_x) > settings.indent_tol or cur.body_x == cur.start_x or \
                _moved(prev, line) or _would_fit(prev, line, right, settings)
        else:
            new = False
        new = new or key in breaks or (key in soft_breaks and not line.text[:1].islower())
        if cur is not None and bullet is not None and not new:
            bullet = None
        if cur is not None and not new:
            prev = cur.lines[-1]
            height = max(prev.bottom - prev.top, 1.0)
            gap = prev.page == line.page and (line.top - prev.bottom > settings.para_gap * height
                                              or _loose(prev, line, pitch))
            restyled = prev.bold != line.bold or abs(prev.size - line.size) > 0.6
            generic = is_generic_label(prev.text) and not is_label_only(prev.text) and len(cur.lines) == 1
            new = gap or restyled or (not generic and (
                bool(GOAL_LABEL_RE.match(line.text) or PARTNER_LABEL_RE.match(line.text))
                or (is_generic_label(line.text) and line.text[:1].isupper() and prev.text.rstrip()[-1:] in ".!?:")
                or is_label_only(prev.text)
                or line.left < cur.body_x - settings.indent_tol
                or (cur.bullet is None and line.left > cur.body_x + 4 * settings.indent_tol)
                or (len(cur.lines) > 1 and line.left > cur.body_x + settings.indent_tol)
                or (_would_fit(prev, line, right, settings)
                    and not (_moved(prev, line) and line.text[:1].islower()))
            ))
        if new and cur is not None and not (bullet is not None and not bullet[0].isalnum()) and key not in breaks \
                and cur.lines[-1].frame != line.frame and cur.lines[-1].page == line.page \
                and (line.text[:1].islower() or cur.lines[-1].text.rstrip()[-1:] not in ".!?:"):
            new = False  # a sentence running on into the next text column, whose indent says nothing
            bullet = None
            cur.body_x = line.left  # its lines in that column line up here
        if new:
            body_x = line.words[1]["x0"] - line.frame if bullet and len(line.words) > 1 and \
                line.words[0]["text"] == bullet else line.left
            paras.append(Para([line], bullet, line.left, line.left if bullet is None else min(line.left, body_x)))
        else:
            assert cur is not None
            if len(cur.lines) == 1 and cur.bullet is not None:
                cur.body_x = line.left  # hanging indent or flush continuation: learn it from line 2
            cur.lines.append(line)
    return _hanging_tails(paras, settings.indent_tol)


def _hanging_tails(paras: list[Para], tol: float) -> list[Para]:
    """Where the list items at an indent hang their wrapped lines (learnt from the items that wrap), a
    line back at the marker's x after an item is the next paragraph, not the item's continuation."""
    hanging = {round(p.start_x) for p in paras if p.bullet and p.body_x > p.start_x + tol}
    out: list[Para] = []
    for p in paras:
        first, *rest = p.lines
        flush = p.bullet is not None and round(p.start_x) in hanging and rest and \
            all(abs(ln.left - p.start_x) <= tol for ln in rest)
        if flush:
            out.append(Para([first], p.bullet, p.start_x, p.start_x))
            out.append(Para(rest, None, rest[0].left, rest[0].left))
        else:
            out.append(p)
    return out


def indent_levels(xs: Iterable[float], tol: float) -> list[float]:
    """Distinct indent positions (cluster centres, ascending) from paragraph start x values."""
    centres: list[float] = []
    for x in sorted(xs):
        if centres and x - centres[-1] <= tol:
            continue
        centres.append(x)
    return centres


def level_of(x: float, centres: Sequence[float], tol: float) -> int:
    """Index of the indent cluster ``x`` belongs to (0 = outermost)."""
    for i, c in enumerate(centres):
        if x <= c + tol:
            return i
    return max(len(centres) - 1, 0)
