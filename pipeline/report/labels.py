"""Norwegian labels for the report: themes and measure types (from the packaged taxonomy), partner types
(from the packaged gazetteer), statuses, goal kinds and change kinds."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from pipeline.nlp.gazetteer import load_gazetteer
from pipeline.nlp.taxonomy import load_taxonomy
from pipeline.values import is_missing, text_or_empty


@dataclass(frozen=True)
class ThemeLabel:
    id: str
    label: str
    group: str


STATUS_LABELS: dict[str, str] = {"grønn": "grønn", "gul": "gul", "rød": "rød", "ikke vurdert": "ikke vurdert"}
STATUS_CLASSES: dict[str, str] = {"grønn": "gronn", "gul": "gul", "rød": "rod", "ikke vurdert": "ikke-vurdert"}
STATUS_ORDER: tuple[str, ...] = ("grønn", "gul", "rød", "ikke vurdert")
STATUS_COLOURS: dict[str, str] = {"grønn": "#1e8e3e", "gul": "#f4b400", "rød": "#d93025", "ikke vurdert": "#c4c9cf"}
GOAL_LABELS: dict[str, str] = {"resultatmål": "Resultatmål", "effektmål": "Effektmål", "mål": "Mål"}
CHANGE_LABELS: dict[str, str] = {
    "added": "Nytt", "removed": "Fjernet", "modified": "Endret", "moved": "Flyttet", "unchanged": "Uendret",
}
FIELD_LABELS: dict[str, str] = {
    "text": "tekst", "goals": "mål", "partners": "partnere", "theme": "tema", "targets": "målsettinger",
    "measure_type": "type", "type": "type", "section": "seksjon", "parent": "plassering", "level": "nivå",
}
MONTHS = ("januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september",
          "oktober", "november", "desember")
NO_THEME = ThemeLabel("", "Uten tema", "")


@lru_cache(maxsize=1)
def themes() -> tuple[ThemeLabel, ...]:
    """Themes in taxonomy order, from the packaged ``resources/taxonomy.toml``."""
    return tuple(ThemeLabel(t.id, t.label or t.id, t.group) for t in load_taxonomy().themes)


@lru_cache(maxsize=1)
def type_labels() -> dict[str, str]:
    """Measure type id -> Norwegian label, from the packaged taxonomy."""
    return {t.id: t.label or t.id for t in load_taxonomy().types}


@lru_cache(maxsize=1)
def partner_types() -> dict[str, str]:
    """Canonical partner name -> partner type, from the packaged ``resources/partners.toml``."""
    return {p.name: p.type for p in load_gazetteer().partners}


def partner_type(name: str, overrides: dict[str, str] | None = None) -> str:
    """The type of a canonical partner name; ``<Name> kommune`` is a kommune; else ``ukjent``."""
    if overrides and name in overrides:
        return overrides[name]
    known = partner_types()
    if name in known:
        return known[name]
    if re.search(r"\bkommune$", name):
        return "kommune"
    if re.search(r"\bfylkeskommune$", name):
        return "fylkeskommune"
    return "ukjent"


def theme_label(theme_id: str | None) -> ThemeLabel:
    """Label for a theme id; unknown ids keep the id as their label, a missing theme is "Uten tema"."""
    if not theme_id:
        return NO_THEME
    return next((t for t in themes() if t.id == theme_id), ThemeLabel(theme_id, theme_id, ""))


def goal_text(goal: Any) -> str:
    """A goal as "Resultatmål: tekst"."""
    if not isinstance(goal, dict):
        return text_or_empty(goal)
    kind = GOAL_LABELS.get(text_or_empty(goal.get("kind")), text_or_empty(goal.get("kind")) or "Mål")
    return f"{kind}: {text_or_empty(goal.get('text'))}"


def target_text(target: Any) -> str:
    """A quantified target as "value unit (year)", or its text when it has no value."""
    if not isinstance(target, dict):
        return text_or_empty(target)
    value, unit, year = target.get("value"), text_or_empty(target.get("unit")), target.get("year")
    if is_missing(value):
        return text_or_empty(target.get("text"))
    parts = [f"{float(value):g}" if not is_missing(value) else "", unit, f"({int(year)})" if not is_missing(year) else ""]
    return " ".join(p for p in parts if p)
