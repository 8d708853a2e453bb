"""The partner gazetteer and place-name lists, loaded once from package data (or a user's own file)."""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path


@dataclass(frozen=True)
class PartnerEntry:
    name: str
    type: str
    aliases: tuple[str, ...]
    generic: bool = False  # a group ("kommunene"): in running text only where the text engages it
    engaged_by_default: bool = False
    region: str = ""  # a council's own body ("sekretariatet"): canonical only in documents naming the region


@dataclass(frozen=True)
class Gazetteer:
    partners: tuple[PartnerEntry, ...]
    kommuner: tuple[str, ...]
    fylker: tuple[str, ...]
    not_organisations: frozenset[str] = frozenset()
    organisations: tuple[tuple[str, str], ...] = ()  # (name as written, partner type), matched on exact tokens

    def entry(self, name: str) -> PartnerEntry | None:
        """The entry with this canonical name."""
        return next((p for p in self.partners if p.name == name), None)

    def organisation_type(self, name: str) -> str | None:
        """The partner type of a listed organisation (resources/organisasjoner.txt), else None."""
        return self._organisation_types.get(name)

    @cached_property
    def _organisation_types(self) -> dict[str, str]:
        return dict(self.organisations)


def _read_resource(name: str) -> str:
    return resources.files("pipeline.resources").joinpath(name).read_text(encoding="utf-8")


def _lines(text: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


@lru_cache(maxsize=4)
def load_gazetteer(path: str | None = None) -> Gazetteer:
    """The shipped gazetteer, or the TOML file at ``path`` (same format as resources/partners.toml)."""
    raw = Path(path).read_text(encoding="utf-8") if path else _read_resource("partners.toml")
    data = tomllib.loads(raw)
    partners = tuple(
        PartnerEntry(name=p["name"], type=p.get("type", "ukjent"), aliases=tuple(p.get("aliases", [p["name"]])),
                     generic=bool(p.get("generic", False)), engaged_by_default=bool(p.get("engaged_by_default", False)),
                     region=str(p.get("region", "")))
        for p in data.get("partner", [])
    )
    return Gazetteer(partners=partners, kommuner=_lines(_read_resource("kommuner.txt")),
                     fylker=_lines(_read_resource("fylker.txt")),
                     not_organisations=frozenset(data.get("not_organisations", [])),
                     organisations=_organisations(_read_resource("organisasjoner.txt")))


def _organisations(text: str) -> tuple[tuple[str, str], ...]:
    """``name<TAB>type`` lines of resources/organisasjoner.txt."""
    rows = (line.split("\t") for line in _lines(text))
    return tuple((row[0].strip(), row[1].strip() if len(row) > 1 else "ukjent") for row in rows)


COUNCIL = re.compile(r"\w+(?:regionråd|rådet|regionen|samarbeidet)\b|\bregionråd\w*|\binterkommunal\w* (?:politisk\w* )?råd\b|\bIPR\b"
                     r"|(?-i:\b[A-ZÆØÅ][\w-]+ Rådet\b)", re.IGNORECASE)
"""A council of its own named in a document: "Vestlandsrådet", "Salten Regionråd", "Kongsbergregionen",
"Vest-Finnmark Rådet" (a capitalised "Rådet" after a place; "i rådet" is none)."""


def other_councils(text: str, gazetteer: Gazetteer | None = None) -> frozenset[str]:
    """The gazetteer's regions (``region`` of its entries) that a document does not belong to: it never
    names them but names a council of its own. Their bodies ("sekretariatet") are then that council's."""
    low = text.casefold()
    regions = {p.region for p in (gazetteer or load_gazetteer()).partners if p.region}
    unnamed = {r for r in regions if r.casefold() not in low}
    return frozenset(unnamed) if unnamed and COUNCIL.search(text) else frozenset()
