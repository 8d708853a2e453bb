"""Norwegian dates as they are written in notes: "29. august 2025", "9.sept 25", "9. sept. 25", "14.10.2025"."""
from __future__ import annotations

import re
from datetime import date

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "mai": 5, "may": 5, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "okt": 10, "oct": 10, "nov": 11, "des": 12, "dec": 12,
}
_MONTH_WORD = r"(?P<month>jan(?:uar)?|feb(?:ruar)?|mars?|apr(?:il)?|mai|juni?|juli?|aug(?:ust)?|sept?(?:ember)?|okt(?:ober)?|nov(?:ember)?|des(?:ember)?)"
WORD_DATE = re.compile(
    r"(?<!\d)(?P<day>\d{1,2})\.?\s*" + _MONTH_WORD + r"\.?(?:\s*(?P<year>\d{4}|\d{2})(?!\d))?", re.IGNORECASE)
NUMERIC_DATE = re.compile(r"(?<![\d.])(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>\d{4}|\d{2})(?![\d])")
ISO_DATE = re.compile(r"(?<!\d)(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})(?!\d)")


def _year(text: str | None, default: int | None) -> int | None:
    if not text:
        return default
    value = int(text)
    return 2000 + value if value < 100 else value


def _make(year: int | None, month: int, day: int) -> date | None:
    if year is None:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def find_dates(text: str, default_year: int | None = None) -> list[tuple[int, str, date]]:
    """All dates in ``text`` as (position, as written, date), in order of position.

    A date without a year takes ``default_year`` (or is skipped when there is none).
    """
    found: list[tuple[int, str, date]] = []
    for m in ISO_DATE.finditer(text):
        d = _make(int(m["year"]), int(m["month"]), int(m["day"]))
        if d:
            found.append((m.start(), m.group(), d))
    for m in NUMERIC_DATE.finditer(text):
        d = _make(_year(m["year"], default_year), int(m["month"]), int(m["day"]))
        if d:
            found.append((m.start(), m.group(), d))
    for m in WORD_DATE.finditer(text):
        month = MONTHS[m["month"][:3].lower()]
        d = _make(_year(m["year"], default_year), month, int(m["day"]))
        if d:
            found.append((m.start(), m.group(), d))
    found.sort(key=lambda item: item[0])
    return found


def parse_date(text: str, default_year: int | None = None) -> date | None:
    """The first date in ``text``, or None."""
    dates = find_dates(text, default_year)
    return dates[0][2] if dates else None
