"""Quantified targets in Norwegian text: "30 % innen 2030", "NOK 300.000,-", "kr 400 000", "fra 14 % til 20 %",
"20 millioner", "minst tre seminarer". Baselines ("fra NOK 100.000") and problem sizes are not targets."""
from __future__ import annotations

import re

from pipeline.models import Target

NUMBER_WORDS = {"én": 1, "en": 1, "ett": 1, "ei": 1, "to": 2, "tre": 3, "fire": 4, "fem": 5, "seks": 6, "sju": 7,
                "syv": 7, "åtte": 8, "ni": 9, "ti": 10, "tolv": 12, "femten": 15, "tjue": 20, "hundre": 100}
_NUM = r"\d{1,3}(?:[ .\u00a0]\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
_SCALE = r"(?:\s*(millioner|million|mill\.?|mrd\.?|milliarder|tusen))?"
PERCENT = re.compile(rf"(?P<num>{_NUM})\s*(?:%|prosent\b|pst\.?)", re.IGNORECASE)
MONEY = re.compile(rf"(?:(?:NOK|kr\.?)\s*(?P<num1>{_NUM}){_SCALE}(?:,-)?|(?P<num2>{_NUM}){_SCALE}\s*(?:kroner|kr\b|NOK))",
                   re.IGNORECASE)
COUNT = re.compile(rf"\b(?P<cue>minst|totalt|mål om|gjennomføre|arrangere|etablere|øke til|redusere til)\s+"
                   rf"(?P<num>{_NUM}|{'|'.join(NUMBER_WORDS)})\s+(?P<unit>[a-zæøå]{{3,}})", re.IGNORECASE)
YEAR = re.compile(r"\b(?:innen|til|i|fra og med|før)\s+(?:utgangen av\s+)?(?P<year>20\d\d)\b", re.IGNORECASE)
SCALES = {"millioner": 1e6, "million": 1e6, "mill": 1e6, "mill.": 1e6, "mrd": 1e9, "mrd.": 1e9, "milliarder": 1e9,
          "tusen": 1e3}


def parse_number(text: str) -> float | None:
    """'100.000' -> 100000, '2 000' -> 2000, '1,5' -> 1.5, 'tre' -> 3."""
    t = text.strip().lower()
    if t in NUMBER_WORDS:
        return float(NUMBER_WORDS[t])
    t = re.sub(r"[ .\u00a0](?=\d{3}\b)", "", t).replace(",", ".")
    try:
        return float(t)
    except ValueError:
        return None


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    left = max(text.rfind(". ", 0, start), text.rfind("? ", 0, start), text.rfind("\n", 0, start))
    right_candidates = [i for i in (text.find(". ", end), text.find("? ", end)) if i >= 0]
    return left + 1 if left >= 0 else 0, min(right_candidates) + 1 if right_candidates else len(text)


def _is_baseline(text: str, start: int) -> bool:
    """'fra NOK 100.000 til …' and 'fra 14 % til 20 %': the first number is where we start, not the target."""
    before = text[max(0, start - 12):start].lower()
    after = text[start:start + 40].lower()
    return bool(re.search(r"\bfra\s*(?:nok|kr\.?)?\s*$", before)) and " til " in after


def _year_near(text: str, start: int, end: int) -> int | None:
    s0, s1 = _sentence(text, start, end)
    m = YEAR.search(text, end, s1) or YEAR.search(text, s0, s1)
    return int(m["year"]) if m else None


def find_targets(text: str) -> list[Target]:
    """Targets in one piece of text, in order of position."""
    found: list[tuple[int, Target]] = []
    for m in PERCENT.finditer(text):
        value = parse_number(m["num"])
        if value is None or _is_baseline(text, m.start()):
            continue
        s0, s1 = _sentence(text, m.start(), m.end())
        found.append((m.start(), Target(value, "%", _year_near(text, m.start(), m.end()), text[s0:s1].strip())))
    for m in MONEY.finditer(text):
        num, scale = (m["num1"], m.group(2)) if m["num1"] else (m["num2"], m.group(4))
        value = parse_number(num)
        if value is None or _is_baseline(text, m.start()):
            continue
        value *= SCALES.get((scale or "").lower(), 1.0)
        s0, s1 = _sentence(text, m.start(), m.end())
        found.append((m.start(), Target(value, "NOK", _year_near(text, m.start(), m.end()), text[s0:s1].strip())))
    for m in COUNT.finditer(text):
        value = parse_number(m["num"])
        if value is not None:
            s0, s1 = _sentence(text, m.start(), m.end())
            found.append((m.start(), Target(value, m["unit"].lower(), _year_near(text, m.start(), m.end()),
                                            text[s0:s1].strip())))
    return [t for _, t in sorted(found, key=lambda item: item[0])]


def measure_targets(texts: list[str]) -> tuple[Target, ...]:
    """Targets across a measure's text and goals, each (value, unit) once: text and goal often repeat it."""
    seen: dict[tuple[float, str | None], Target] = {}
    for text in texts:
        for target in find_targets(text):
            key = (target.value or 0.0, target.unit)
            if key not in seen or (seen[key].year is None and target.year is not None):
                seen[key] = target
    return tuple(seen.values())
