"""Norwegian labels for the report: themes and measure types (from the packaged taxonomy when it
exists), partner types (from the gazetteer when it exists), statuses, goal kinds and change kinds."""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

RESOURCES = Path(__file__).resolve().parent.parent / "resources"


@dataclass(frozen=True)
class ThemeLabel:
    id: str
    label: str
    group: str


FALLBACK_THEMES: tuple[ThemeLabel, ...] = (
    ThemeLabel("naeringsutvikling", "Konkurransekraft og næringsutvikling", "innsatsområde"),
    ThemeLabel("klima-miljo-natur", "Klima, miljø og natur", "innsatsområde"),
    ThemeLabel("transport-mobilitet", "Transport og mobilitet", "innsatsområde"),
    ThemeLabel("by-regionutvikling", "By- og regionutvikling", "innsatsområde"),
    ThemeLabel("sirkularokonomi", "Sirkulærøkonomi", "tverrgående tema"),
    ThemeLabel("gronn-naeringstransport", "Grønn næringstransport", "tverrgående tema"),
    ThemeLabel("kraft-energi", "Kraft og energi", "tverrgående tema"),
    ThemeLabel("oslofjorden-vann", "Miljøtilstanden i Oslofjorden, vann og vassdrag", "tverrgående tema"),
    ThemeLabel("internasjonal-profilering", "Internasjonal profilering", "tverrgående tema"),
    ThemeLabel("styring-samarbeid", "Styring, påvirkning og samarbeid", "tverrgående tema"),
)
FALLBACK_TYPES: dict[str, str] = {
    "prosjekt": "Prosjekt", "kartlegging": "Kartlegging", "arrangement": "Arrangement",
    "politisk-pavirkning": "Politisk påvirkning", "kompetanse": "Kompetanse",
    "samarbeid": "Samarbeid", "annet": "Annet",
}
FALLBACK_PARTNER_TYPES: dict[str, str] = {
    "NMBU": "akademia", "NVE": "stat", "Statens vegvesen": "stat", "Bane NOR": "stat",
    "Miljødirektoratet": "stat", "DSB": "stat", "Norges forskningsråd": "stat", "NAV": "stat",
    "Helseforetakene": "stat", "Staten": "stat", "Fylkeskommunene": "fylkeskommune",
    "Innlandet fylkeskommune": "fylkeskommune", "Oslo kommune": "kommune", "Kommunene": "kommune",
    "Landbrukskontorene": "kommune", "Østlandssamarbeidet": "interkommunalt",
    "Osloregionens faggrupper": "intern", "Norges skogeierforbund": "organisasjon",
    "Fornybar Norge": "organisasjon", "KS": "organisasjon", "Næringslivet": "næringsliv",
    "Universiteter og fagskoler": "akademia", "Multiconsult": "næringsliv", "Holth og Winge": "næringsliv",
    "HIAS": "interkommunalt", "Renovasjons-IKSer": "interkommunalt", "Sirkula": "næringsliv",
    "Sirken": "næringsliv", "Ombygg": "næringsliv", "Remadrass": "næringsliv", "Omtre": "næringsliv",
    "Tekstil- og klesprodusenter": "næringsliv", "EU": "internasjonal", "Grunneiere": "privat",
}
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


def _read_toml(name: str) -> dict:
    path = RESOURCES / name
    try:
        return tomllib.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    except (OSError, tomllib.TOMLDecodeError):
        return {}


@lru_cache(maxsize=1)
def themes() -> tuple[ThemeLabel, ...]:
    """Themes in taxonomy order: from ``resources/taxonomy.toml`` if readable, else SPEC.md's ten."""
    found = tuple(
        ThemeLabel(str(t["id"]), str(t.get("label") or t["id"]), str(t.get("group", "")))
        for t in _read_toml("taxonomy.toml").get("themes", []) if isinstance(t, dict) and t.get("id")
    )
    return found or FALLBACK_THEMES


@lru_cache(maxsize=1)
def type_labels() -> dict[str, str]:
    """Measure type id -> Norwegian label."""
    found = {str(t["id"]): str(t.get("label") or t["id"])
             for t in _read_toml("taxonomy.toml").get("types", []) if isinstance(t, dict) and t.get("id")}
    return {**FALLBACK_TYPES, **found}


@lru_cache(maxsize=1)
def partner_types() -> dict[str, str]:
    """Canonical partner name -> partner type, from ``resources/partners.toml`` if it has entries."""
    data = _read_toml("partners.toml")
    entries = data.get("partners", data.get("partner", []))
    if isinstance(entries, dict):  # [partners."Name"] type = "..."
        entries = [{"name": k, **v} for k, v in entries.items() if isinstance(v, dict)]
    found: dict[str, str] = {}
    for e in entries if isinstance(entries, list) else []:
        name = e.get("canonical") or e.get("name") if isinstance(e, dict) else None
        if name and e.get("type"):
            found[str(name)] = str(e["type"])
    return {**FALLBACK_PARTNER_TYPES, **found}


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
