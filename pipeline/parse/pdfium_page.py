"""PDF pages read with PDFium (pypdfium2): the subset of a pdfplumber page that the PDF parser uses.

:class:`PdfiumPage` offers ``page_number``, ``extract_words(...)`` (pdfplumber's word grouping:
consecutive characters of one font name and size, clustered into lines by ``top`` within
``y_tolerance``, split where the gap exceeds ``x_tolerance``), ``lines``, ``rects`` and ``curves``
(PDFium's path objects classified as pdfminer does), ``find_tables()`` (pdfplumber's own
:class:`~pdfplumber.table.TableFinder`, imported only when a page has rules) and ``close()``.
Coordinates are pdfplumber's: points from the top-left corner of the media box, character boxes from
the origin, the advance width and the font's descent, as pdfminer computes them.
"""
from __future__ import annotations

import ctypes
import math
from dataclasses import dataclass
from typing import Any, Iterator

import pypdfium2 as pdfium
import pypdfium2.raw as raw

ENGINE_NAME = f"pypdfium2 {pdfium.PYPDFIUM_INFO}"
_LIGATURES = {"ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "ﬁ": "fi", "ﬂ": "fl", "ﬆ": "st", "ﬅ": "st"}
_NAME_BUF = 256
_SOFT_HYPHENS = ("\x02", "\ufffe")
"""How PDFium reports a hyphen that ends a line (GetUnicode, GetText); the glyph is "-", as pdfminer reads it."""


def _fast(function: Any, restype: Any, *argtypes: Any) -> Any:
    """The same PDFium function with plain integer handles: ctypes' pointer wrappers cost more than the
    call itself in the per-character loop."""
    address = ctypes.cast(function, ctypes.c_void_p).value
    return ctypes.CFUNCTYPE(restype, *argtypes)(address)


_TEXT_OBJECT = _fast(raw.FPDFText_GetTextObject, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int)
_LOOSE_BOX = _fast(raw.FPDFText_GetLooseCharBox, ctypes.c_int, ctypes.c_void_p, ctypes.c_int, ctypes.c_void_p)
_ORIGIN = _fast(raw.FPDFText_GetCharOrigin, ctypes.c_int, ctypes.c_void_p, ctypes.c_int, ctypes.c_void_p,
                ctypes.c_void_p)


@dataclass(frozen=True)
class _Font:
    """What one text object says about its characters (cached per object)."""

    fontname: str
    size: float
    descent: float   # in points, negative below the baseline
    upright: bool


Char = tuple[str, float, float, float, float, _Font]
"""A character: text, x0, x1, top, bottom (pdfplumber's coordinates) and its text object's font."""


def _font_name(font: Any) -> str:
    buf = ctypes.create_string_buffer(_NAME_BUF)
    n = raw.FPDFFont_GetBaseFontName(font, buf, _NAME_BUF)
    return buf.raw[:max(n - 1, 0)].decode("utf-8", "replace") if n else ""


def _matrix(obj: Any) -> tuple[float, float, float, float, float, float]:
    m = raw.FS_MATRIX()
    if not raw.FPDFPageObj_GetMatrix(obj, m):
        return (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _mul(m: tuple[float, ...], n: tuple[float, ...]) -> tuple[float, float, float, float, float, float]:
    """m then n (PDF row-vector convention)."""
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


class PdfiumPage:
    """One page of a :class:`pypdfium2.PdfDocument`, shaped like the pdfplumber page the parser reads."""

    def __init__(self, pdf: pdfium.PdfDocument, index: int) -> None:
        self.page_number = index + 1
        self._page = pdf[index]
        left, bottom, right, top = self._page.get_mediabox()
        self._top = top
        self._left = left
        self.width, self.height = right - left, top - bottom
        self.bbox = (0.0, 0.0, self.width, self.height)
        self._text: Any = None
        self._paths: tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]] | None = None
        self._edges: list[dict[str, Any]] | None = None

    # ------------------------------------------------------------------ characters and words
    def chars(self) -> list[Char]:
        """Every character with a glyph as ``(text, x0, x1, top, bottom, font)`` (PDFium's generated
        spaces and line breaks left out)."""
        if self._text is None:
            self._text = self._page.get_textpage()
        tp = ctypes.cast(self._text.raw, ctypes.c_void_p).value
        n = raw.FPDFText_CountChars(self._text.raw)
        if n <= 0:
            return []
        buf = ctypes.create_string_buffer(2 * (n + 1))
        raw.FPDFText_GetText(self._text.raw, 0, n, ctypes.cast(buf, ctypes.POINTER(ctypes.c_ushort)))
        text = buf.raw[:2 * n].decode("utf-16-le", "surrogatepass")  # one unit per character index
        fonts: dict[int, tuple[_Font, float]] = {}
        out: list[Char] = []
        rect = raw.FS_RECTF()
        ox, oy = ctypes.c_double(), ctypes.c_double()
        rect_p, ox_p, oy_p = ctypes.byref(rect), ctypes.byref(ox), ctypes.byref(oy)
        page_top, page_left = self._top, self._left
        for i, ch in enumerate(text):
            obj = _TEXT_OBJECT(tp, i)
            if not obj or "\ud800" <= ch <= "\udfff":
                continue  # generated by PDFium (space between words, line break), or half a surrogate pair
            _LOOSE_BOX(tp, i, rect_p)
            known = fonts.get(obj)
            if known is None:  # the baseline sits a fixed distance above the loose box in one text object
                _ORIGIN(tp, i, ox_p, oy_p)
                known = fonts[obj] = (self._font(obj), oy.value - rect.bottom)
            font, lift = known
            base = rect.bottom + lift + font.descent
            out.append(("-" if ch in _SOFT_HYPHENS else ch, rect.left - page_left, rect.right - page_left,
                        page_top - (base + font.size), page_top - base, font))
        return out

    def _font(self, address: int) -> _Font:
        obj = ctypes.cast(address, raw.FPDF_PAGEOBJECT)
        handle = raw.FPDFTextObj_GetFont(obj)
        size = ctypes.c_float()
        raw.FPDFTextObj_GetFontSize(obj, size)
        a, b, c, d, _, _ = _matrix(obj)
        scale = abs(d) if abs(b) < 1e-6 and abs(c) < 1e-6 else math.hypot(c, d)
        points = size.value * scale
        descent = ctypes.c_float()
        ok = handle and raw.FPDFFont_GetDescent(handle, ctypes.c_float(points), descent)
        return _Font(_font_name(handle) if handle else "", points, descent.value if ok else 0.0,
                     abs(b) < 1e-6 and abs(c) < 1e-6 and a > 0)

    def extract_words(self, x_tolerance: float = 3.0, y_tolerance: float = 3.0, keep_blank_chars: bool = False,
                      use_text_flow: bool = False, extra_attrs: list[str] | None = None) -> list[dict[str, Any]]:
        """Words as pdfplumber's ``extract_words`` makes them (upright, left-to-right text; consecutive
        characters are grouped by ``upright`` plus ``extra_attrs`` ("fontname", "size"), as pdfplumber does)."""
        attrs = ["upright", *(extra_attrs or [])]
        keys: dict[int, tuple[Any, ...]] = {}
        words: list[dict[str, Any]] = []
        group: list[Char] = []
        key: tuple[Any, ...] | None = None
        for ch in self.chars():
            font = ch[5]
            k = keys.get(id(font))
            if k is None:
                k = keys[id(font)] = tuple(getattr(font, a) for a in attrs)
            if k != key and group:
                words.extend(_group_words(group, x_tolerance, y_tolerance, keep_blank_chars, use_text_flow, attrs))
                group = []
            key = k
            group.append(ch)
        if group:
            words.extend(_group_words(group, x_tolerance, y_tolerance, keep_blank_chars, use_text_flow, attrs))
        return words

    # ------------------------------------------------------------------ rules and shapes
    def _load_paths(self) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
        if self._paths is None:
            lines: list[dict[str, Any]] = []
            rects: list[dict[str, Any]] = []
            curves: list[dict[str, Any]] = []
            for obj, matrix in _path_objects(self._page.raw, (1.0, 0.0, 0.0, 1.0, 0.0, 0.0), 0):
                for kind, shape in _classify_path(obj, matrix, self._top, self._left):
                    {"line": lines, "rect": rects, "curve": curves}[kind].append(shape)
            self._paths = (lines, rects, curves)
        return self._paths

    @property
    def lines(self) -> list[dict[str, Any]]:
        return self._load_paths()[0]

    @property
    def rects(self) -> list[dict[str, Any]]:
        return self._load_paths()[1]

    @property
    def curves(self) -> list[dict[str, Any]]:
        return self._load_paths()[2]

    @property
    def edges(self) -> list[dict[str, Any]]:
        """Line, rectangle and curve edges, as pdfplumber derives them (for its table finder)."""
        if self._edges is None:
            from pdfplumber.utils.geometry import curve_to_edges, line_to_edge, rect_to_edges
            self._edges = [*map(line_to_edge, self.lines), *(e for r in self.rects for e in rect_to_edges(r)),
                           *(e for c in self.curves for e in curve_to_edges(c))]
        return self._edges

    def find_tables(self) -> list[Any]:
        """Ruled tables, found by pdfplumber's table finder on this page's edges (default settings)."""
        from pdfplumber.table import TableFinder, TableSettings
        return TableFinder(self, TableSettings.resolve(None)).tables  # type: ignore[arg-type]

    def close(self) -> None:
        """Free PDFium's text page and page."""
        if self._text is not None:
            self._text.close()
            self._text = None
        self._page.close()



def _group_words(chars: list[Char], x_tol: float, y_tol: float, keep_blank: bool, text_flow: bool,
                 attrs: list[str]) -> list[dict[str, Any]]:
    """pdfplumber's WordExtractor on one run of characters with equal attributes."""
    if text_flow:
        lines = [chars]
    else:  # cluster_objects(chars, top, y_tol): chains of sorted distinct tops no more than y_tol apart
        cluster: dict[float, int] = {}
        last: float | None = None
        n = -1
        for top in sorted({c[3] for c in chars}):
            if last is None or top > last + y_tol:
                n += 1
            cluster[top] = n
            last = top
        by_line: list[list[Char]] = [[] for _ in range(n + 1)]
        for c in chars:  # stable within a line, as pdfplumber's sort by cluster is
            by_line[cluster[c[3]]].append(c)
        lines = [sorted(ln, key=_x0) for ln in by_line if ln]
    words: list[dict[str, Any]] = []
    for line in lines:
        word: list[Char] = []
        for c in line:
            if not keep_blank and c[0].isspace():
                if word:
                    words.append(_merge(word, attrs))
                word = []
            elif word and (c[1] < word[-1][1] or c[1] > word[-1][2] + x_tol or abs(c[3] - word[-1][3]) > y_tol):
                words.append(_merge(word, attrs))
                word = [c]
            else:
                word.append(c)
        if word:
            words.append(_merge(word, attrs))
    return words


def _x0(c: Char) -> float:
    return c[1]


def _merge(chars: list[Char], attrs: list[str]) -> dict[str, Any]:
    x0 = min([c[1] for c in chars])
    x1 = max([c[2] for c in chars])
    top = min([c[3] for c in chars])
    bottom = max([c[4] for c in chars])
    text = "".join([c[0] for c in chars])
    if not text.isascii():
        text = "".join([_LIGATURES.get(c[0], c[0]) for c in chars])
    word = {"text": text, "x0": x0, "x1": x1, "top": top, "doctop": top, "bottom": bottom,
            "height": bottom - top, "width": x1 - x0, "direction": "ltr"}
    font = chars[0][5]
    for a in attrs:
        word[a] = getattr(font, a)
    return word


def _path_objects(container: Any, matrix: tuple[float, ...], depth: int,
                  form: bool = False) -> Iterator[tuple[Any, tuple[float, ...]]]:
    """Path objects of a page, descending into form XObjects with their matrices (page space)."""
    count = raw.FPDFFormObj_CountObjects(container) if form else raw.FPDFPage_CountObjects(container)
    for i in range(max(count, 0)):
        obj = raw.FPDFFormObj_GetObject(container, i) if form else raw.FPDFPage_GetObject(container, i)
        kind = raw.FPDFPageObj_GetType(obj)
        if kind == raw.FPDF_PAGEOBJ_PATH:
            yield obj, matrix
        elif kind == raw.FPDF_PAGEOBJ_FORM and depth < 8:
            yield from _path_objects(obj, _mul(_matrix(obj), matrix), depth + 1, form=True)


def _classify_path(obj: Any, outer: tuple[float, ...], page_top: float,
                   page_left: float) -> Iterator[tuple[str, dict[str, Any]]]:
    """pdfminer's reading of a path, one subpath at a time: "ml" a line, an axis-aligned closed
    four-sided "mlll(h)" a rectangle, anything else a curve through its points."""
    matrix = _mul(_matrix(obj), outer)
    fill_mode, stroke = ctypes.c_int(), ctypes.c_int()
    raw.FPDFPath_GetDrawMode(obj, fill_mode, stroke)
    paint = {"fill": fill_mode.value != 0, "stroke": bool(stroke.value)}
    subpaths: list[list[tuple[str, float, float]]] = []
    x, y = ctypes.c_float(), ctypes.c_float()
    a, b, c, d, e, f = matrix
    for i in range(raw.FPDFPath_CountSegments(obj)):
        seg = raw.FPDFPath_GetPathSegment(obj, i)
        raw.FPDFPathSegment_GetPoint(seg, x, y)
        px, py = a * x.value + c * y.value + e - page_left, page_top - (b * x.value + d * y.value + f)
        op = {raw.FPDF_SEGMENT_MOVETO: "m", raw.FPDF_SEGMENT_LINETO: "l"}.get(raw.FPDFPathSegment_GetType(seg), "c")
        if op == "m" or not subpaths:
            subpaths.append([])
        subpaths[-1].append((op, px, py))
        if raw.FPDFPathSegment_GetClose(seg):  # closed back to the start: pdfminer's "h"
            if op != "m" and (px, py) == subpaths[-1][0][1:]:
                subpaths[-1][-1] = ("h", px, py)
            else:
                subpaths[-1].append(("h", *subpaths[-1][0][1:]))
    for sub in subpaths:
        ops = "".join(s[0] for s in sub)
        pts = [(s[1], s[2]) for s in sub]
        if ops == "ml":
            kind = "line"
        elif ops in ("mlllh", "mllll") and pts[-1] == pts[0] and _axis_rect(pts):  # "re" is "mlllh"
            kind = "rect"
        else:
            kind = "curve"
        xs, ys = [p[0] for p in pts], [p[1] for p in pts]
        shape = {"object_type": kind, "x0": min(xs), "x1": max(xs), "top": min(ys), "bottom": max(ys),
                 "doctop": min(ys), "width": max(xs) - min(xs), "height": max(ys) - min(ys),
                 "y0": page_top - max(ys), "y1": page_top - min(ys), "pts": pts, **paint}
        yield kind, shape


def _axis_rect(pts: list[tuple[float, float]]) -> bool:
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = pts[:4]
    return (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)


def open_pdf(path: str, password: str | None) -> pdfium.PdfDocument:
    """Open a PDF with PDFium (raises :class:`pypdfium2.PdfiumError` on a damaged or locked file)."""
    return pdfium.PdfDocument(path, password=password or None)
