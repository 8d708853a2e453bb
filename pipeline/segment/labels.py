"""Labels written in the notes: goal labels ("Resultatmål:", "Effekt:", "Mål/effekt:"), partner labels
("Partnere:", "Ansvar:") and table header rows. Typos the genre is full of ("Reslutatmål") are accepted."""
from __future__ import annotations

import re

from pipeline.models import GoalKind
from pipeline.parse.pdf_text import DEADLINE_WORDS, GOAL_PHRASES, PARTNER_PHRASES

_GOAL_WORD = rf"(?:r(?:es|se)\w{{0,3}}t\w{{0,3}}mål|effektmål|mål\s*/\s*effekt|effekt|målsetting(?:er)?|{GOAL_PHRASES}|mål)"
GOAL_AT_START = re.compile(rf"^(?P<label>{_GOAL_WORD})\s*[:.]\s*(?P<rest>.*)$", re.IGNORECASE)
# Mid-line labels where two table cells were joined on one line: "… Osloregionen Resultatmål: …",
# "…grå flater/Effektmål: …". Plain "Mål:" mid-line is a goal stated inside the measure (kept in the text).
INLINE_GOAL = re.compile(r"(?:(?<=\s)|(?<=/))(?P<label>r(?:es|se)\w{0,3}t\w{0,3}mål|effektmål|effekt|mål\s*/\s*effekt)\s*:\s*",
                         re.IGNORECASE)
INLINE_PLAIN_GOAL = re.compile(r"(?<=[.!?]\s)Mål\s*:\s*(?P<goal>[^.!?]+[.!?]?)")
INLINE_BARE_GOAL = re.compile(r"(?<=[a-zæøå,])\s+(?P<label>Mål|Resultatmål|Effektmål)\s+(?=[a-zæøå])")
PARTNER_AT_START = re.compile(
    rf"^(?P<label>partnere?|samarbeidspartnere?|partnar(?:ar|ane)?|samarbeidspartnar(?:ar|ane)?|samarbeid|ansvar(?:lig|lige|leg|lege)?"
    rf"|involverte|aktører|medvirkende|{PARTNER_PHRASES})"
    r"\s*:\s*(?P<rest>.*)$",
    re.IGNORECASE)
RESPONSIBLE_LABEL = re.compile(r"^(ansvar\w*|eier|hvem|ansvarleg\w*)$", re.IGNORECASE)
"""The partner-style labels that name an owner ("Ansvar:", "Ansvarlig:", "Eier:", "Hvem:")."""
DEADLINE_AT_START = re.compile(rf"^(?P<label>{DEADLINE_WORDS})\s*:\s*(?P<rest>.*)$",
                               re.IGNORECASE)
LATER_LABEL = re.compile(
    r"(?:(?<=[.;])\s+|\s+[·|•]\s+)(?=(?:ansvar(?:lig|leg)?|eier|partnere?|partnarar|samarbeidspartnere?|samarbeidspartnarar"
    rf"|samarbeid|{DEADLINE_WORDS})\s*:)", re.IGNORECASE)
"""Where a second label starts inside a labelled line: 'Ansvar: Sekretariatet. Partnarar: Skyss.', 'Ansvar:
Orkland kommune · Frist: 30.06.2027' (a layout's separator dot or bar)."""
HEADER_WORDS = re.compile(
    r"\b(tiltak|partnere|samarbeidspartnere|resultat-|effektmål|innsatsområde/?|ansvar|frist|mål)\b", re.IGNORECASE)


def is_goal_line(text: str) -> bool:
    """A line that states a plain goal after its label ("Mål: Styrke forsvarets tilstedeværelse i regionen")."""
    goal = GOAL_AT_START.match(text)
    return bool(goal and goal["rest"].strip() and goal_kind(goal["label"]) == "mål")


def goal_kind(label: str) -> GoalKind:
    """'Resultatmål' / 'Reslutatmål' / 'Forventet resultat' -> resultatmål; 'Effekt', 'Mål/effekt', 'Ønsket
    effekt' -> effektmål; 'Mål', 'Delmål' -> mål."""
    low = label.lower().replace(" ", "")
    if low.startswith(("res", "rse")) or "resultat" in low:
        return "resultatmål"
    if "effekt" in low:
        return "effektmål"
    return "mål"


def split_inline_goals(text: str) -> tuple[str, list[tuple[GoalKind, str]]]:
    """Split cells joined on one line: 'X Resultatmål: a/Effektmål: b' -> ('X', [(resultatmål, a), (effektmål, b)])."""
    bare = INLINE_BARE_GOAL.search(text)
    if bare:
        head, rest = text[: bare.start()], text[bare.end():]
        return head.strip(), [(goal_kind(bare["label"]), rest.strip())]
    parts = INLINE_GOAL.split(text)
    if len(parts) == 1:
        return text, []
    head = parts[0].rstrip(" /")
    goals = [(goal_kind(parts[i]), parts[i + 1].strip(" /")) for i in range(1, len(parts) - 1, 2)]
    return head.strip(), goals


def stated_goals(text: str) -> list[tuple[GoalKind, str]]:
    """Goals stated inside a measure's own sentence ('… beholde kompetanse. Mål: rekruttere og beholde. …')."""
    return [("mål", m["goal"].strip()) for m in INLINE_PLAIN_GOAL.finditer(text)]


def is_table_header(text: str) -> bool:
    """A column header row flattened to a line: 'Innsatsområde/ tverrgående tema Tiltak Resultat- og effektmål Partnere'."""
    words = {w.lower().rstrip("/") for w in HEADER_WORDS.findall(text)}
    return len(words) >= 2 and len(text) <= 120 and not text.rstrip().endswith(".")
