"""A PDFium text page's characters and words in bulk: the speed path of :mod:`pipeline.parse.pdfium_page`.

:func:`read_chars` asks PDFium for each character's text object and loose box with one plain ctypes call
each (``map`` over the indices, boxes written into one preallocated array) and does the arithmetic on
whole arrays; :func:`group_words` is pdfplumber's word grouping (``WordExtractor`` with upright text,
``use_text_flow=False``, ``keep_blank_chars=False``) on whole arrays: runs of characters with equal
attributes, lines by chains of ``top`` within ``y_tolerance``, words split at blanks and at gaps wider
than ``x_tolerance``. Both give exactly what the per-character code in ``pdfium_page`` gives (the same
float operations in the same order); ``tests/parse/test_pdf_engines.py`` holds the engines together.
"""
from __future__ import annotations

import ctypes
import threading
from itertools import repeat
from typing import Any, Callable, Sequence

import numpy as np
import pypdfium2.raw as raw

_RECT_BYTES = ctypes.sizeof(raw.FS_RECTF)  # left, top, right, bottom as float32
_LIGATURES = {"ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "ﬁ": "fi", "ﬂ": "fl", "ﬆ": "st", "ﬅ": "st"}
_EXPAND = str.maketrans(_LIGATURES)
_IS_SPACE = np.array([chr(c).isspace() for c in range(0x10000)], dtype=bool)
"""``str.isspace`` of every UTF-16 unit (the bulk path reads text pages without surrogates)."""
_SOFT_HYPHENS = {0x02: "-", 0xFFFE: "-"}
"""How PDFium reports a hyphen that ends a line (GetUnicode, GetText); the glyph is "-", as pdfminer reads it."""


def _address(function: Any) -> int:
    return ctypes.cast(function, ctypes.c_void_p).value  # type: ignore[return-value]


# pointers go in as ready c_void_p objects and the index as a plain int: without argtypes ctypes runs no
# converter per argument, which costs more than PDFium's work in these calls
_TEXT_OBJECT = ctypes.CFUNCTYPE(ctypes.c_size_t)(_address(raw.FPDFText_GetTextObject))
_LOOSE_BOX = ctypes.CFUNCTYPE(ctypes.c_int)(_address(raw.FPDFText_GetLooseCharBox))
_MAX_SLOTS = 1 << 16
_local = threading.local()


def _box_slots(m: int) -> tuple[Any, list[ctypes.c_void_p]]:
    """This thread's array of at least ``m`` boxes and a pointer object per box, kept for the next page
    (making the pointers is what a call with converters would cost)."""
    have = getattr(_local, "boxes", None)
    if have is None or len(have[1]) < m:
        size = max(m, 4096, 2 * len(have[1]) if have else 0)
        boxes = (raw.FS_RECTF * size)()
        start = ctypes.addressof(boxes)
        have = _local.boxes = (boxes, list(map(ctypes.c_void_p, range(start, start + size * _RECT_BYTES,
                                                                      _RECT_BYTES))))
    return have
_ORIGIN = ctypes.CFUNCTYPE(ctypes.c_int)(_address(raw.FPDFText_GetCharOrigin))


class CharArrays:
    """A page's characters with a glyph, in text-page order: ``codes`` (their code points, uint32) and
    ``text`` (the same as one str, a character each), ``x0``, ``x1``, ``top``, ``bottom`` (float64
    arrays, pdfplumber's coordinates), ``font_index`` into ``fonts`` (one per text object)."""

    __slots__ = ("codes", "text", "x0", "x1", "top", "bottom", "font_index", "fonts")

    def __init__(self, codes: np.ndarray, x0: np.ndarray, x1: np.ndarray, top: np.ndarray, bottom: np.ndarray,
                 font_index: np.ndarray, fonts: list[Any]) -> None:
        self.codes, self.text = codes, _as_text(codes)
        self.x0, self.x1, self.top, self.bottom = x0, x1, top, bottom
        self.font_index, self.fonts = font_index, fonts

    def tuples(self) -> list[tuple[Any, ...]]:
        """``(text, x0, x1, top, bottom, font)`` per character (the shape of ``PdfiumPage.chars``)."""
        fonts = [self.fonts[i] for i in self.font_index.tolist()]
        return list(zip(self.text, self.x0.tolist(), self.x1.tolist(), self.top.tolist(), self.bottom.tolist(),
                        fonts))


def read_chars(text_page: int, text: str, page_left: float, page_top: float,
               font_of: Callable[[int], Any]) -> CharArrays:
    """The characters of a text page whose ``text`` (``FPDFText_GetText``) has one character per index and
    no surrogates. ``font_of(text object address)`` gives the object's font (``size``, ``descent``)."""
    n = len(text)
    page = ctypes.c_void_p(text_page)
    objects = np.fromiter(map(_TEXT_OBJECT, repeat(page, n), range(n)), dtype=np.uintp, count=n)
    keep = np.flatnonzero(objects)  # characters without a text object are PDFium's (spaces, line breaks)
    m = len(keep)
    if m <= _MAX_SLOTS:
        boxes, slots = _box_slots(m)
    else:  # a page of more characters than any seen: one pointer object per call
        boxes = (raw.FS_RECTF * m)()
        slots = list(map(ctypes.c_void_p, range(ctypes.addressof(boxes), ctypes.addressof(boxes) + m * _RECT_BYTES,
                                                _RECT_BYTES)))
    for _ in map(_LOOSE_BOX, repeat(page, m), keep.tolist(), slots):
        pass
    box = np.frombuffer(boxes, dtype=np.float32, count=4 * m).reshape(m, 4).astype(np.float64)
    addresses, first, font_index = np.unique(objects[keep], return_index=True, return_inverse=True)
    ox, oy = ctypes.c_double(), ctypes.c_double()
    fonts, lift = [], np.empty(len(addresses))
    for j, (address, i) in enumerate(zip(addresses.tolist(), first.tolist())):
        # the baseline sits a fixed distance above the loose box in one text object
        _ORIGIN(page, int(keep[i]), ctypes.byref(ox), ctypes.byref(oy))
        fonts.append(font_of(address))
        lift[j] = oy.value - box[i, 3]
    font_index = font_index.reshape(-1)
    size = np.array([f.size for f in fonts], dtype=np.float64)[font_index]
    descent = np.array([f.descent for f in fonts], dtype=np.float64)[font_index]
    base = box[:, 3] + lift[font_index] + descent
    codes = np.frombuffer(text.translate(_SOFT_HYPHENS).encode("utf-32-le"), dtype=np.uint32)[keep]
    return CharArrays(codes, box[:, 0] - page_left, box[:, 2] - page_left, page_top - (base + size),
                      page_top - base, font_index, fonts)


def _as_text(codes: np.ndarray) -> str:
    """Code points (uint32) as one string."""
    return codes.astype("<u4", copy=False).tobytes().decode("utf-32-le")


def group_words(chars: CharArrays, x_tol: float, y_tol: float, attrs: Sequence[str]) -> list[dict[str, Any]]:
    """pdfplumber's ``extract_words`` (no text flow, blanks dropped) over the characters: runs of
    consecutive characters with equal ``attrs`` of their fonts, each clustered into lines and split into
    words, in the order pdfplumber gives them."""
    n = len(chars.text)
    if n == 0:
        return []
    keys: dict[tuple[Any, ...], int] = {}
    font_key = np.array([keys.setdefault(tuple(getattr(f, a) for a in attrs), len(keys)) for f in chars.fonts])
    key = font_key[chars.font_index]
    run = np.concatenate(([0], np.cumsum(key[1:] != key[:-1])))
    top, x0, x1 = chars.top, chars.x0, chars.x1
    # lines: within a run, sorted tops chained while each is at most y_tol above the last
    by_top = np.lexsort((top, run))
    t, r = top[by_top], run[by_top]
    new_line = np.empty(n, dtype=bool)
    new_line[0] = True
    new_line[1:] = (r[1:] != r[:-1]) | (t[1:] > t[:-1] + y_tol)
    line = np.empty(n, dtype=np.int64)
    line[by_top] = np.cumsum(new_line)
    order = np.lexsort((x0, line))  # stable: equal x0 keep their text-page order, as pdfplumber's sort
    blank = _IS_SPACE[chars.codes[order]]
    lo, ox0, ox1, otop = line[order], x0[order], x1[order], top[order]
    starts = np.empty(n, dtype=bool)
    starts[0] = True
    starts[1:] = ((lo[1:] != lo[:-1]) | blank[:-1] | (ox0[1:] < ox0[:-1]) | (ox0[1:] > ox1[:-1] + x_tol)
                  | (np.abs(otop[1:] - otop[:-1]) > y_tol))
    solid = ~blank
    order, starts = order[solid], starts[solid]
    if not len(order):
        return []
    first = np.flatnonzero(starts)
    w_x0 = np.minimum.reduceat(x0[order], first).tolist()
    w_x1 = np.maximum.reduceat(x1[order], first).tolist()
    w_top = np.minimum.reduceat(top[order], first).tolist()
    w_bottom = np.maximum.reduceat(chars.bottom[order], first).tolist()
    letters = _as_text(chars.codes[order])  # the page's glyphs in word order, one string
    ends = [*first[1:].tolist(), len(letters)]
    font_at = chars.font_index[order[first]].tolist()
    font_attrs = [[(name, getattr(font, name)) for name in attrs] for font in chars.fonts]
    words: list[dict[str, Any]] = []
    for s, e, a, b, c, d, f in zip(first.tolist(), ends, w_x0, w_x1, w_top, w_bottom, font_at):
        word_text = letters[s:e]
        if not word_text.isascii():
            word_text = word_text.translate(_EXPAND)
        word = {"text": word_text, "x0": a, "x1": b, "top": c, "doctop": c, "bottom": d,
                "height": d - c, "width": b - a, "direction": "ltr"}
        word.update(font_attrs[f])
        words.append(word)
    return words
