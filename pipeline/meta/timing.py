"""When a measure is due, as running text says it: "innen 1. desember 2025", "i løpet av vinteren",
"med frist 02.06.2020", "høsten 2026", "i 2020", or a time leading the line ("August–oktober 2023: …",
"2023 Tematiske workshops …"), or how often it recurs ("hvert år", "årlig", "i perioden"). The span is kept as
written, cue words included, so that it reads as the deadline ("innen 15. august");
:func:`pipeline.meta.deadlines.resolve_deadline` turns it into a date. A measure's own sentence may also name
its time relative to the meeting or the year ("på neste møte", "snarest", "i uke 16", "om 3 mnd", "i midten av
januar", "før påske", "så snart forholdene tillater det", "seinhøstes"; :data:`_RELATIVE`), as minutes and notes do.
A short parenthesis right after the time stays with it ("ila. året (sommeren)"): the span is the whole expression.

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
_WEEKDAY = r"(?:mandag|måndag|tirsdag|tysdag|onsdag|torsdag|fredag|lørdag|laurdag|søndag|sundag)"
_SEASONS = rf"{_SEASON}(?:\s*[/–-]\s*{_SEASON})?"  # "våren/sommeren"
_MONTHS = rf"{_MONTH}(?:\s*[/–-]\s*{_MONTH})?"
_D = r"(?<![\d.:])(?:0?[1-9]|[12]\d|3[01])"  # a day of the month, not the end of a clock time ("16.50")
_M = r"(?:0?[1-9]|1[0-2])"  # a month's number
_DAY = (rf"(?:{_D}\.?\s*(?:[-–]|og|til|eller)\s*{_D}\.?\s?{_MONTH}"  # a span of days: "5. og 6. juni", "25-26 oktober"
        rf"|{_D}\.\s?(?:{_MONTH}|{_M}\.)|{_D}\s{_MONTH}(?=\s{_YEAR}))(?:\s?{_YEAR}|\d{{2}})?"
        rf"(?:\s*(?:og|til|eller|[-–])\s*(?:t\.?o\.?m\.?\s+)?(?:{_WEEKDAY}\s+)?{_D}\.\s?{_MONTH}(?:\s?{_YEAR})?)?")  # "… og lørdag 12. oktober"
_NUMERIC = r"\d{1,2}\.\d{1,2}\.(?:\d{4}|\d{2})"
_PERIOD = (rf"(?:{_NUMERIC}|{_DAY}|(?:(?:første|andre|1\.|2\.)\s+halvår|\d\.\s*kvartal|Q[1-4]|{_SEASONS}|{_MONTHS})"
           rf"(?:\s+(?:i\s+)?{_YEAR})?|{_YEAR}(?:\s*[-–]\s*(?:{_YEAR}|\d{{2}}))?|neste\s+år|året|neste\s+(?:styre|råds)?møte)")
_CUED = re.compile(
    rf"\b(?:(?:fram|frem)\s+)?(?:innen|innan|senest|seinast|i\s*løpet\s+av|ila\.?|i\s+løpet\s+av\s+første|med\s+frist|frist|"
    rf"fr[aå]\s+og\s+med|fom\.?|før|til|ved)\s+(?:utgangen\s+av\s+|slutten\s+av\s+)?{_PERIOD}(?![\w])", re.IGNORECASE)
_FROM_DAY = re.compile(rf"\b(?:fra|frå|f\.o\.m\.?)\s+(?:{_NUMERIC}|{_DAY})", re.IGNORECASE)
"""A day something starts ("Fra 1. november vil disse tiltakene starte opp"); "fra 2020 til 2024" is a span, no cue."""
_RECURRING = re.compile(r"\b(?:(?:\d|to|tre|fire)\s+ganger\s+)?(?:årlig|årleg)(?![\w-])|\b(?:hvert|kvart)\s+(?:\d+\.\s+)?år\b|\bi\s+(?:plan)?perioden\b"
                        r"|\bneste\s+år\b",
                        re.IGNORECASE)
_SEASON_YEAR = re.compile(rf"\b(?:(?:fra|frå|fom|f\.o\.m\.?)\s+)?{_SEASONS}\s+{_YEAR}\b", re.IGNORECASE)
_EVENT = r"(?:(?:(?:etter|før|til|på)\s+)?(?:(?:første|fyrste|neste|siste)\s+)?(?:\w*møte(?:t)?|valget|valet)\s+)?"
"""The meeting or election a time is tied to: "rådsmøtet i juni", "etter valget i 2027", "første møte i 2027"."""
_IN_PERIOD = re.compile(rf"\b{_EVENT}i\s+(?:{_SEASONS}(?:\s+{_YEAR})?|{_MONTHS}(?:\s+{_YEAR})?|{_YEAR}(?:\s*[-–]\s*{_YEAR})?)(?![\w-])",
                        re.IGNORECASE)
_DATED = re.compile(rf"(?<!datert )(?<!datert den )\b(?:{_WEEKDAY}\s+(?:den\s+)?)?(?:{_NUMERIC}|{_DAY})(?!\w)"
                    rf"(?:\s+kl\.?\s*\d{{1,2}}[.:]\d{{2}})?"
                    rf"|\b(?:innen|innan)\s+(?:årsskiftet|utgangen\s+av\s+året)\b", re.IGNORECASE)
"""A day a task names ("i styremøtet 22. september", "torsdag 25. mars 2021", "06.11.2017"), not the date of a
letter ("datert 16.01.2020"), or "innen årsskiftet": the timing of a measure's own sentence only (a heading's
or a message header's date is when it was written)."""
_LEADING = re.compile(
    rf"^(?P<t>(?:{_MONTH}|{_YEAR}|{_NUMERIC}|{_DAY})(?:\s*[-–/]\s*(?:{_MONTH}|{_YEAR})(?:\s+{_YEAR})?)*"
    rf"(?:,\s*{_MONTH}\s+{_YEAR})*(?:\s+{_YEAR})?)\s*(?::|\s(?=[A-ZÆØÅ]))", re.IGNORECASE)


_COUNT = r"(?:\d+|ein|en|ei|eitt|ett|to|tre|fire|fem|seks)"
_RELATIVE = re.compile(
    r"\b(?:(?:på|til|før|innen|innan)\s+)?neste\s+(?:styre|råds|medlems|ordinære\s+)?møte(?:t)?\b"
    r"|\b(?:snarest|snarast)(?:\s+(?:mulig|mogleg))?\b|\bså\s+(?:raskt|snart|fort|tidleg|tidlig)\s+som\s+(?:mulig|mogleg|råd)\b"
    r"|\bså\s+snart\s+[^,.;]{3,60}|\bsnøggast\s+råd\b|\bsnart\b|\bi\s+nær\s+(?:framtid|fremtid)\b"
    r"|\bom\s+ikk(?:j)?e\s+lenge\b|\b(?:kontinuerlig|kontinuerleg)\b"
    r"|\b(?:umiddelbart|straks|fortløpende|fortløpande)\b|\b(?:ut|gjennom)\s+året\b|\bi\s+(?:disse|desse)\s+dag(?:er|ar)\b"
    rf"|\bom\s+(?:kort\s+tid|{_COUNT}\s+(?:dager|dagar|uker|veker|måneder|månader|mnd\.?|år))(?!\w)"
    r"|\b(?:i\s+)?(?:uke|veke)\s+\d{1,2}(?:\s*[-–]\s*\d{1,2})?\b"
    rf"|\b(?:(?:i\s+løpet\s+av|innen|innan|til|før|i)\s+)?(?:{_WEEKDAY}\s+)?(?:denne|neste)\s+(?:uke|uken|uka|veka|veke|måned|måneden|månaden|høst(?:en)?|haust(?:en)?|vår(?:en)?|sommer(?:en)?|vinter(?:en)?)\b"
    rf"|\b(?:førstkommende|førstkomande|neste)\s+{_WEEKDAY}\b"
    rf"|\b(?:seinhøstes|senhøstes|tidlig\s+på\s+høsten|på\s+(?:høsten|hausten|våren|sommeren|sommaren|vinteren))\b"
    rf"|\b(?:i\s+)?(?:midten|starten|slutten|begynnelsen|byrjinga)\s+av\s+{_MONTH}(?:\s+{_YEAR})?(?!\w)"
    r"|\bfør\s+(?:nyttår|jul|jol|påske|påske\w*|sommerferien|sommarferien|sommeren|sommaren)\b"
    r"|\b(?:hver|kvar)\s+(?:høst|haust|vår|måned|månad|uke|veke|sommer|vinter)\b"
    r"|\bi\s+(?:ukene|vekene)\s+(?:fremover|framover)\b|\bde\s+neste\s+\w+\s+(?:ukene|dagene|månedene)\b"
    r"|\bi\s+løpet\s+av\s+de\s+nærmeste\s+dag(?:er|ene)\b", re.IGNORECASE)
"""Timing relative to the meeting or the year, as minutes state it: "på neste møte", "snarest", "i uke 16",
"om 3 mnd", "ut året", "i midten av januar", "før påske", "denne uken"."""


_AFTER = re.compile(r"\s*\([^()]{1,30}\)")
"""A short parenthesis right after a time qualifies it ("ila. året (sommeren)")."""


def _with_aside(text: str, m: re.Match[str]) -> str:
    """The matched time with a short parenthesis that follows it."""
    after = _AFTER.match(text, m.end())
    return m.group(0) + after.group(0) if after else m.group(0)


def _as_written(span: str) -> str:
    """A found span without the full stop of its sentence; a day written "16.3." keeps its own."""
    span = span.strip()
    return span if re.search(r"\d{1,2}\.\d{1,2}\.$", span) else span.rstrip(".")


_PERIOD_ONLY = re.compile(rf"(?:{_MONTHS}|{_SEASONS}|hele\s+året|heile\s+året|(?:(?:første|andre)\s+)?halvår)"
                          rf"(?:\s+{_YEAR})?", re.IGNORECASE)


def names_a_period(text: str) -> bool:
    """The line is only a month, season or period ("Januar", "Februar/Mars", "Våren 2020", "Hele året"): in an
    annual plan (årshjul), the heading that says when what stands under it happens."""
    return bool(_PERIOD_ONLY.fullmatch(text.strip(" :.")))


def timing_in_text(text: str) -> str | None:
    """The deadline a sentence states (see the module doc), as written, or None; a line that only names a
    period is that period."""
    if names_a_period(text):
        return text.strip(" :.")
    lead = _LEADING.match(text.strip())
    if lead:
        return _as_written(lead["t"])
    for pattern in (_CUED, _FROM_DAY, _SEASON_YEAR, _IN_PERIOD, _RECURRING):
        m = pattern.search(text)
        if m:
            return _as_written(_with_aside(text, m))
    return None


def own_timing(text: str) -> str | None:
    """The timing a measure's own sentence states: :func:`timing_in_text`, else a day it names, else a time
    relative to the meeting or the year (:data:`_RELATIVE`)."""
    found = timing_in_text(text)
    for pattern in (_DATED, _RELATIVE):
        if found is None and (m := pattern.search(text)):
            found = _as_written(_with_aside(text, m))
    return found
