"""PDF pages read with PDFium (pypdfium2): the subset of a pdfplumber page that the PDF parser uses.

:class:`PdfiumPage` offers ``page_number``, ``extract_words(...)`` (pdfplumber's word grouping:
consecutive characters of one font name and size, clustered into lines by ``top`` within
``y_tolerance``, split where the gap exceeds ``x_tolerance``), ``lines``, ``rects`` and ``curves``
(PDFium's path objects classified as pdfminer does, :mod:`pipeline.parse.pdfium_paths`), ``find_tables()`` (pdfplumber's own
:class:`~pdfplumber.table.TableFinder`, imported only when a page has rules) and ``close()``.
Coordinates are pdfplumber's: points from the top-left corner of the media box, character boxes from
the origin, the advance width and the font's descent, as pdfminer computes them. Characters and words
are read a page at a time in bulk (:mod:`pipeline.parse.pdfium_words`); the per-character code here is
the reference and serves text pages with surrogates and the ``keep_blank_chars``/``use_text_flow`` options.
"""
from __future__ import annotations

import ctypes
import math
import re
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as raw

from pipeline.parse.pdfium_paths import classify_path, path_objects
from pipeline.parse.pdfium_words import CharArrays, group_words, read_chars

ENGINE_NAME = f"pypdfium2 {pdfium.PYPDFIUM_INFO}"
_LIGATURES = {"ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "ﬁ": "fi", "ﬂ": "fl", "ﬆ": "st", "ﬅ": "st"}
_NAME_BUF = 256
_SURROGATE = re.compile("[\ud800-\udfff]")
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
_X0 = itemgetter(1)


_OBJ_FONT = _fast(raw.FPDFTextObj_GetFont, ctypes.c_void_p, ctypes.c_void_p)
_OBJ_FONT_SIZE = _fast(raw.FPDFTextObj_GetFontSize, ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p)
_OBJ_MATRIX = _fast(raw.FPDFPageObj_GetMatrix, ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p)


def _new_font(handle: int, size: float, a: float, b: float, c: float, d: float) -> _Font:
    """The font of text drawn with font ``handle`` at ``size`` through the matrix (a, b, c, d)."""
    scale = abs(d) if abs(b) < 1e-6 and abs(c) < 1e-6 else math.hypot(c, d)
    points = size * scale
    font = ctypes.cast(handle, raw.FPDF_FONT)
    descent = ctypes.c_float()
    ok = handle and raw.FPDFFont_GetDescent(font, ctypes.c_float(points), descent)
    return _Font(_font_name(font) if handle else "", points, descent.value if ok else 0.0,
                 abs(b) < 1e-6 and abs(c) < 1e-6 and a > 0)


def _font_name(font: Any) -> str:
    buf = ctypes.create_string_buffer(_NAME_BUF)
    n = raw.FPDFFont_GetBaseFontName(font, buf, _NAME_BUF)
    return buf.raw[:max(n - 1, 0)].decode("utf-8", "replace") if n else ""


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
        self._fonts: dict[tuple[int, float, float, float, float, float], _Font] = {}

    # ------------------------------------------------------------------ characters and words
    def _page_text(self) -> tuple[int, str]:
        """The text page's address and its text (``FPDFText_GetText``, one UTF-16 unit per index)."""
        if self._text is None:
            self._text = self._page.get_textpage()
        tp = ctypes.cast(self._text.raw, ctypes.c_void_p).value or 0
        n = raw.FPDFText_CountChars(self._text.raw)
        if n <= 0:
            return tp, ""
        buf = ctypes.create_string_buffer(2 * (n + 1))
        raw.FPDFText_GetText(self._text.raw, 0, n, ctypes.cast(buf, ctypes.POINTER(ctypes.c_ushort)))
        return tp, buf.raw[:2 * n].decode("utf-16-le", "surrogatepass")

    def _char_arrays(self) -> CharArrays | None:
        """The characters in bulk (:mod:`pipeline.parse.pdfium_words`), or None when the text page holds
        surrogates (then :meth:`chars` reads them one by one)."""
        tp, text = self._page_text()
        if _SURROGATE.search(text):
            return None
        return read_chars(tp, text, self._left, self._top, self._font)

    def chars(self) -> list[Char]:
        """Every character with a glyph as ``(text, x0, x1, top, bottom, font)`` (PDFium's generated
        spaces and line breaks left out)."""
        arrays = self._char_arrays()
        if arrays is not None:
            return arrays.tuples()
        tp, text = self._page_text()
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
        """The font of a text object; objects with the same font, size and matrix share one (read once)."""
        handle = _OBJ_FONT(address) or 0
        size, m = ctypes.c_float(), raw.FS_MATRIX()
        _OBJ_FONT_SIZE(address, ctypes.byref(size))
        a, b, c, d = (m.a, m.b, m.c, m.d) if _OBJ_MATRIX(address, ctypes.byref(m)) else (1.0, 0.0, 0.0, 1.0)
        key = (handle, size.value, a, b, c, d)
        font = self._fonts.get(key)
        if font is None:
            font = self._fonts[key] = _new_font(handle, size.value, a, b, c, d)
        return font

    def extract_words(self, x_tolerance: float = 3.0, y_tolerance: float = 3.0, keep_blank_chars: bool = False,
                      use_text_flow: bool = False, extra_attrs: list[str] | None = None) -> list[dict[str, Any]]:
        """Words as pdfplumber's ``extract_words`` makes them (upright, left-to-right text; consecutive
        characters are grouped by ``upright`` plus ``extra_attrs`` ("fontname", "size"), as pdfplumber does)."""
        attrs = ["upright", *(extra_attrs or [])]
        if not keep_blank_chars and not use_text_flow:
            arrays = self._char_arrays()
            if arrays is not None:
                return group_words(arrays, x_tolerance, y_tolerance, attrs)
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
            for obj, matrix in path_objects(self._page.raw, (1.0, 0.0, 0.0, 1.0, 0.0, 0.0), 0):
                for kind, shape in classify_path(obj, matrix, self._top, self._left):
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
        lines = [sorted(ln, key=_X0) for ln in by_line if ln]
    words: list[dict[str, Any]] = []
    for line in lines:
        word: list[Char] = []
        prev: Char | None = None  # word[-1]
        for c in line:
            if not keep_blank and c[0].isspace():
                if word:
                    words.append(_merge(word, attrs))
                word, prev = [], None
            elif prev is not None and (c[1] < prev[1] or c[1] > prev[2] + x_tol or abs(c[3] - prev[3]) > y_tol):
                words.append(_merge(word, attrs))
                word, prev = [c], c
            else:
                word.append(c)
                prev = c
        if word:
            words.append(_merge(word, attrs))
    return words


def _merge(chars: list[Char], attrs: list[str]) -> dict[str, Any]:
    texts, x0s, x1s, tops, bottoms, _ = zip(*chars)
    x0, x1, top, bottom = min(x0s), max(x1s), min(tops), max(bottoms)
    text = "".join(texts)
    if not text.isascii():
        text = "".join([_LIGATURES.get(t, t) for t in texts])
    word = {"text": text, "x0": x0, "x1": x1, "top": top, "doctop": top, "bottom": bottom,
            "height": bottom - top, "width": x1 - x0, "direction": "ltr"}
    font = chars[0][5]
    for a in attrs:
        word[a] = getattr(font, a)
    return word


def open_pdf(path: str, password: str | None) -> pdfium.PdfDocument:
    """Open a PDF with PDFium (raises :class:`pypdfium2.PdfiumError` on a damaged or locked file)."""
    return pdfium.PdfDocument(path, password=password or None)
