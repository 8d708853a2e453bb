"""Deadlines as written ("31.12.2026", "desember 2026", "Q3 2026", "høsten 2026", "innen utgangen av 2026",
"Løpende") resolved to a date: a day as written; a month, quarter, half-year, season or year to the last
day of that period (spring = March-May, summer = June-August, autumn = September-November, winter =
December of the year before to February). Anything without a year ("Løpende", "Ved vedtak av budsjettet")
resolves to no date and is kept only as written.
"""
from __future__ import annotations

import calendar
import re
from datetime import date

from pipeline.meta.dates import MONTHS, find_dates

YEAR = r"(?P<year>(?:19|20)\d{2})"
MONTH_YEAR = re.compile(r"\b(?P<month>jan|feb|mar|apr|mai|jun|jul|aug|sep|okt|nov|des)[a-zæøå]*\.?\s+" + YEAR, re.I)
QUARTER = re.compile(r"\b(?:Q|K|kvartal\s*)(?P<q>[1-4])\.?\s*(?:kvartal\s*)?" + YEAR + r"|\b(?P<q2>[1-4])\.\s*kvartal\s+" + YEAR.replace("year", "year2"), re.I)
HALF = re.compile(r"\b(?P<which>første|1\.|fyrste|andre|2\.|siste)\s*(?:halvår|halvåret|halvdel)\s*(?:av\s*|i\s*)?" + YEAR, re.I)
SEASON = re.compile(r"\b(?P<season>vår|sommer|haust|høst|vinter)(?:en|a|ar)?\s*" + YEAR, re.I)
SEASON_END = {"vår": (5, 31), "sommer": (8, 31), "høst": (11, 30), "haust": (11, 30)}
SHORT_YEAR_RANGE = re.compile(r"\b(?:19|20)\d{2}\s*[-–]\s*(?P<end>(?:19|20)?\d{2})\b")
ANY_YEAR = re.compile(r"\b" + YEAR + r"\b")


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def resolve_deadline(text: str | None) -> date | None:
    """The date a deadline names (see the module doc), or None."""
    if not text or not text.strip():
        return None
    days = find_dates(text)
    if days:
        return days[-1][2] if re.search(r"\b(til|–|-)\b", text) and len(days) > 1 else days[0][2]
    for pattern, resolve in ((QUARTER, _quarter), (HALF, _half), (SEASON, _season), (MONTH_YEAR, _month)):
        m = pattern.search(text)
        if m:
            return resolve(m)
    span = SHORT_YEAR_RANGE.search(text)
    if span:
        end = span["end"]
        return date(int(end) if len(end) == 4 else 2000 + int(end), 12, 31)
    years = ANY_YEAR.findall(text)
    return date(int(years[-1]), 12, 31) if years else None


def _quarter(m: re.Match[str]) -> date:
    q, year = (m["q"], m["year"]) if m["q"] else (m["q2"], m["year2"])
    return _month_end(int(year), int(q) * 3)


def _half(m: re.Match[str]) -> date:
    first = m["which"].lower() in ("første", "1.", "fyrste")
    return _month_end(int(m["year"]), 6 if first else 12)


def _season(m: re.Match[str]) -> date:
    season, year = m["season"].lower(), int(m["year"])
    if season == "vinter":
        return _month_end(year, 2)
    month, day = SEASON_END[season]
    return date(year, month, day)


def _month(m: re.Match[str]) -> date:
    return _month_end(int(m["year"]), MONTHS[m["month"][:3].lower()])
