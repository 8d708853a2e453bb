"""When a measure is due, as running text says it: "innen 1. desember 2025", "i løpet av vinteren",
"med frist 02.06.2020", "høsten 2026", "i 2020", or a time leading the line ("August–oktober 2023: …",
"2023 Tematiske workshops …"), or how often it recurs ("hvert år", "årlig", "i perioden"). The span is kept as written, cue words included, so that it reads as
the deadline ("innen 15. august"); :func:`pipeline.meta.deadlines.resolve_deadline` turns it into a date.

Only timing with a cue counts: a bare year inside a sentence ("budsjettet for 2024") is not a deadline. A
measure's own sentence may also name the day it happens ("i styremøtet 22. september", :func:`own_timing`);
a heading's or a message header's day is when it was written, not when anything is due.
"""
from __future__ import annotations

import re

_MONTH = (r"(?:januar|februar|mars|april|mai|juni|juli|august|september|oktober|november|desember"
          r"|jan|feb|mar|apr|jun|jul|aug|sept?|okt|nov|des)\.?")
_SEASON = r"(?:våren|sommeren|høsten|hausten|vinteren|våres|haust|høst|vår|sommar|sommer)"
_YEAR = r"(?:19|20)\d{2}"
_SEASONS = rf"{_SEASON}(?:\s*[/–-]\s*{_SEASON})?"  # "våren/sommeren"
_MONTHS = rf"{_MONTH}(?:\s*[/–-]\s*{_MONTH})?"
_DAY = rf"\d{{1,2}}\.\s?(?:{_MONTH}|\d{{1,2}}\.)(?:\s?{_YEAR}|\d{{2}})?"
_NUMERIC = r"\d{1,2}\.\d{1,2}\.(?:\d{4}|\d{2})"
_PERIOD = (rf"(?:{_NUMERIC}|{_DAY}|(?:(?:første|andre|1\.|2\.)\s+halvår|\d\.\s*kvartal|Q[1-4]|{_SEASONS}|{_MONTHS})"
           rf"(?:\s+(?:i\s+)?{_YEAR})?|{_YEAR}(?:\s*[-–]\s*(?:{_YEAR}|\d{{2}}))?|neste\s+år|året|neste\s+(?:styre|råds)?møte)")
_CUED = re.compile(
    rf"\b(?:innen|innan|senest|seinast|i\s+løpet\s+av|i\s+løpet\s+av\s+første|med\s+frist|frist|fr[aå]\s+og\s+med|"
    rf"fom\.?|før|til)\s+(?:utgangen\s+av\s+|slutten\s+av\s+)?{_PERIOD}", re.IGNORECASE)
_FROM_DAY = re.compile(rf"\b(?:fra|frå|f\.o\.m\.)\s+(?:{_NUMERIC}|{_DAY})", re.IGNORECASE)
"""A day something starts ("Fra 1. november vil disse tiltakene starte opp"); "fra 2020 til 2024" is a span, no cue."""
_RECURRING = re.compile(r"\b(?:hvert|kvart)\s+(?:\d+\.\s+)?år\b|\bi\s+(?:plan)?perioden\b|\b(?:årlig|årleg)(?![\w-])"
                        r"|\bneste\s+år\b",
                        re.IGNORECASE)
_SEASON_YEAR = re.compile(rf"\b{_SEASONS}\s+{_YEAR}\b", re.IGNORECASE)
_IN_PERIOD = re.compile(rf"\bi\s+(?:{_SEASONS}(?:\s+{_YEAR})?|{_MONTHS}(?:\s+{_YEAR})?|{_YEAR}(?:\s*[-–]\s*{_YEAR})?)(?![\w-])",
                        re.IGNORECASE)
_WEEKDAY = r"(?:mandag|måndag|tirsdag|tysdag|onsdag|torsdag|fredag|lørdag|laurdag|søndag|sundag)"
_DATED = re.compile(rf"(?<!datert )(?<!datert den )\b(?:{_WEEKDAY}\s+)?(?:{_NUMERIC}|\d{{1,2}}\.\s?{_MONTH}(?:\s?{_YEAR})?)(?!\w)"
                    rf"(?:\s+kl\.?\s*\d{{1,2}}[.:]\d{{2}})?"
                    rf"|\b(?:innen|innan)\s+(?:årsskiftet|utgangen\s+av\s+året)\b", re.IGNORECASE)
"""A day a task names ("i styremøtet 22. september", "torsdag 25. mars 2021", "06.11.2017"), not the date of a
letter ("datert 16.01.2020"), or "innen årsskiftet": the timing of a measure's own sentence only (a heading's
or a message header's date is when it was written)."""
_LEADING = re.compile(
    rf"^(?P<t>(?:{_MONTH}|{_YEAR}|{_NUMERIC}|{_DAY})(?:\s*[-–/]\s*(?:{_MONTH}|{_YEAR})(?:\s+{_YEAR})?)*"
    rf"(?:,\s*{_MONTH}\s+{_YEAR})*(?:\s+{_YEAR})?)\s*(?::|\s(?=[A-ZÆØÅ]))", re.IGNORECASE)


def timing_in_text(text: str) -> str | None:
    """The deadline a sentence states (see the module doc), as written, or None."""
    lead = _LEADING.match(text.strip())
    if lead:
        return lead["t"].strip().rstrip(".")
    for pattern in (_CUED, _FROM_DAY, _SEASON_YEAR, _IN_PERIOD, _RECURRING):
        m = pattern.search(text)
        if m:
            return m.group(0).strip().rstrip(".")
    return None


def own_timing(text: str) -> str | None:
    """The timing a measure's own sentence states: :func:`timing_in_text`, else a day it names."""
    found = timing_in_text(text)
    if found is None and (m := _DATED.search(text)):
        found = m.group(0).strip().rstrip(".")
    return found
