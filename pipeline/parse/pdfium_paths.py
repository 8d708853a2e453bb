"""PDFium path objects read as pdfminer reads them: lines, rectangles and curves in pdfplumber's
coordinates (points from the top-left corner of the media box), with fill and stroke."""
from __future__ import annotations

import ctypes
from typing import Any, Iterator

import pypdfium2.raw as raw


def matrix_of(obj: Any) -> tuple[float, float, float, float, float, float]:
    """A page object's matrix (a, b, c, d, e, f); the identity when PDFium gives none."""
    m = raw.FS_MATRIX()
    if not raw.FPDFPageObj_GetMatrix(obj, m):
        return (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _mul(m: tuple[float, ...], n: tuple[float, ...]) -> tuple[float, float, float, float, float, float]:
    """m then n (PDF row-vector convention)."""
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def path_objects(container: Any, matrix: tuple[float, ...], depth: int,
                 form: bool = False) -> Iterator[tuple[Any, tuple[float, ...]]]:
    """Path objects of a page, descending into form XObjects with their matrices (page space)."""
    count = raw.FPDFFormObj_CountObjects(container) if form else raw.FPDFPage_CountObjects(container)
    for i in range(max(count, 0)):
        obj = raw.FPDFFormObj_GetObject(container, i) if form else raw.FPDFPage_GetObject(container, i)
        kind = raw.FPDFPageObj_GetType(obj)
        if kind == raw.FPDF_PAGEOBJ_PATH:
            yield obj, matrix
        elif kind == raw.FPDF_PAGEOBJ_FORM and depth < 8:
            yield from path_objects(obj, _mul(matrix_of(obj), matrix), depth + 1, form=True)


def classify_path(obj: Any, outer: tuple[float, ...], page_top: float,
                  page_left: float) -> Iterator[tuple[str, dict[str, Any]]]:
    """pdfminer's reading of a path, one subpath at a time: "ml" a line, an axis-aligned closed
    four-sided "mlll(h)" a rectangle, anything else a curve through its points."""
    matrix = _mul(matrix_of(obj), outer)
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
