"""Page furniture of PDFs: running headers, footers and page numbers, never content.

A line is furniture when it sits in the top or bottom margin band of its page (``BAND`` of the page
height), apart from the text next to it, and is either a page number ("3", "Side 3 av 7", "1/2"), printed
again on another page, or at the very edge of the page (``EDGE``, where a title never is) in a smaller
font than the page's running text or far from the body (a browser's date/title/URL lines, a Word footer).
Repeated means the same text with digits blanked ("Side 2" and "Side 3" are one line). Repetition is
only known once every page is read, so :class:`Furniture` remembers each page's band lines and
names the repeated ones at the end.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Callable, Sequence

from pipeline.parse.pdf_notes import body_size, is_page_number
from pipeline.parse.pdf_words import Line

BAND = 0.09          # share of the page height at the top and at the bottom where furniture lives
EDGE = 0.065         # the outer part of that band, where only furniture is printed (never a title)
_DIGITS = re.compile(r"\d+")


def signature(line: Line) -> str:
    """The text of a line with its numbers blanked, so page numbers and dates do not tell pages apart."""
    return _DIGITS.sub("#", line.text.strip().lower())


def margin_lines(lines: Sequence[Line], height: float) -> list[tuple[Line, float]]:
    """Lines in the top or bottom band of the page, each apart (more than half a line height) from the
    body, with that gap in line heights."""
    if not lines or height <= 0:
        return []
    ordered = sorted(lines, key=lambda ln: ln.top)
    out: list[tuple[Line, float]] = []
    for i, ln in enumerate(ordered):
        # a line starting in the band (its top, or its bottom at the foot) and half a line or more apart:
        # coarse, so the two engines' boxes (up to 2 pt apart) fall on the same side
        top_band, bottom_band = ln.top <= BAND * height, ln.bottom >= (1 - BAND) * height
        if not (top_band or bottom_band):
            continue
        unit = max(ln.bottom - ln.top, 4.0)
        neighbour = ordered[i + 1] if top_band and i + 1 < len(ordered) else ordered[i - 1] if bottom_band and i else None
        step = 0.0 if neighbour is None else \
            (neighbour.top - ln.bottom if top_band else ln.top - neighbour.bottom) / unit
        if neighbour is not None and (step > 0.6 or any(neighbour is m for m, _ in out)):
            out.append((ln, step))
    return out


def page_furniture(lines: Sequence[Line], height: float, seen: set[str]) -> list[Line]:
    """Margin lines that are furniture on sight: page numbers, lines repeating a line of an earlier page
    (``seen``: signatures of earlier pages' margin lines), and at the page's edge small print or a line
    far from the body in no larger print (a browser's date and URL lines on a one-page print)."""
    body = body_size(lines)
    return [ln for ln, step in margin_lines(lines, height)
            if is_page_number(ln) or signature(ln) in seen
            or ((ln.bottom <= EDGE * height or ln.top >= (1 - EDGE) * height)
                and (ln.size < body - 0.9 or (step > 2.5 and ln.size <= body + 0.1)))]


@dataclass
class Furniture:
    """Margin lines of every page read so far; repeated ones are furniture."""

    pages: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    margin: dict[tuple[int, int], str] = field(default_factory=dict)

    def strip(self, lines: list[Line], height: float, keep: Callable[[Line], bool] = lambda ln: False) -> list[Line]:
        """The page's lines without the furniture known on sight (except lines ``keep`` names: a table's
        repeated header is no furniture); remembers its margin lines."""
        margin = [(ln, step) for ln, step in margin_lines(lines, height) if not keep(ln)]
        seen = {sig for sig, pages in self.pages.items() if pages - {lines[0].page}} if lines else set()
        gone = {id(ln) for ln in page_furniture(lines, height, seen) if not keep(ln)}
        for ln, _ in margin:
            self.pages[signature(ln)].add(ln.page)
            self.margin[(ln.page, ln.no)] = signature(ln)
        return [ln for ln in lines if id(ln) not in gone]

    def repeated(self) -> set[tuple[int, int]]:
        """(page, line) of the margin lines whose text is printed on two or more pages."""
        return {key for key, sig in self.margin.items() if len(self.pages[sig]) > 1}
