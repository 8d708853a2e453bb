"""The theme taxonomy, measure types and general headings, and heading -> theme.

The taxonomy lives in ``pipeline/resources/taxonomy.toml``; a user can point :func:`load_taxonomy` at their
own copy. A measure under a theme heading gets the heading's theme (:func:`heading_to_theme`).
"""
from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from pathlib import Path

from pipeline.config import RESOURCES

DEFAULT_TAXONOMY = RESOURCES / "taxonomy.toml"
FALLBACK_THEME = "styring-samarbeid"
"""Theme returned (with score 0) for empty text: the spec's 'no subject theme fits' theme."""


@dataclass(frozen=True)
class Theme:
    """One theme: stable id, label as in the programme, group, heading aliases and text cues."""

    id: str
    label: str
    group: str
    aliases: tuple[str, ...] = ()
    cues: tuple[str, ...] = ()


@dataclass(frozen=True)
class MeasureType:
    """One measure type: id, label, explicit labels written before a measure, and text cues."""

    id: str
    label: str
    labels: tuple[str, ...] = ()
    cues: tuple[str, ...] = ()


@dataclass(frozen=True)
class Taxonomy:
    """Themes, measure types and general (non-theme) headings, loaded from a TOML file."""

    themes: tuple[Theme, ...]
    types: tuple[MeasureType, ...]
    general_headings: tuple[str, ...]
    source: str = ""
    neutral_words: tuple[str, ...] = ()

    def __hash__(self) -> int:
        """The fields' hash, computed once: a taxonomy is part of the key of the per-heading and per-text
        caches, and hashing its nested tuples on every look-up cost more than the look-ups."""
        cached = self.__dict__.get("_hash")
        if cached is None:
            cached = hash((self.themes, self.types, self.general_headings, self.source, self.neutral_words))
            object.__setattr__(self, "_hash", cached)
        return cached

    def __getstate__(self) -> dict[str, object]:
        """Pickled without the cached hash (string hashes differ between processes)."""
        return {k: v for k, v in self.__dict__.items() if k != "_hash"}

    @property
    def theme_ids(self) -> tuple[str, ...]:
        """Theme ids in file order."""
        return tuple(t.id for t in self.themes)

    @property
    def type_ids(self) -> tuple[str, ...]:
        """Measure type ids in file order."""
        return tuple(t.id for t in self.types)

    def theme(self, theme_id: str) -> Theme:
        """The theme with this id (KeyError if unknown)."""
        for theme in self.themes:
            if theme.id == theme_id:
                return theme
        raise KeyError(theme_id)


def load_taxonomy(path: str | Path | None = None) -> Taxonomy:
    """Load a taxonomy TOML file (default: the packaged ``resources/taxonomy.toml``).

    Raises ``ValueError`` with the file name when the file lacks themes or has duplicate ids.
    """
    return _load_taxonomy_cached(str(Path(path).resolve()) if path else str(DEFAULT_TAXONOMY))


@lru_cache(maxsize=8)
def _load_taxonomy_cached(path: str) -> Taxonomy:
    data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    themes = tuple(
        Theme(
            id=str(t["id"]),
            label=_nfc(str(t["label"])),
            group=str(t.get("group", "")),
            aliases=tuple(_nfc(str(a)) for a in t.get("aliases", [])),
            cues=tuple(_nfc(str(c)).lower() for c in t.get("cues", [])),
        )
        for t in data.get("themes", [])
    )
    types = tuple(
        MeasureType(
            id=str(t["id"]),
            label=_nfc(str(t.get("label", t["id"]))),
            labels=tuple(_nfc(str(a)) for a in t.get("labels", [])),
            cues=tuple(_nfc(str(c)).lower() for c in t.get("cues", [])),
        )
        for t in data.get("types", [])
    )
    if not themes:
        raise ValueError(f"{path}: no [[themes]] entries")
    for kind, ids in (("theme", [t.id for t in themes]), ("type", [t.id for t in types])):
        if len(ids) != len(set(ids)):
            raise ValueError(f"{path}: duplicate {kind} ids in {ids}")
    general = tuple(_nfc(str(h)) for h in data.get("general_headings", []))
    neutral = tuple(_nfc(str(w)).lower() for w in data.get("neutral_words", []))
    return Taxonomy(themes=themes, types=types, general_headings=general, source=path,
                    neutral_words=neutral)


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


_BULLET = re.compile(r"^\s*(?:[*•\-–o\uf0b7·]\s+|\(?\d+(?:\.\d+)*[.)]?\s+|\(?[a-zA-Z][.)]\s+)")


def heading_key(heading: str) -> str:
    """Normalise a heading for matching: NFC, lower case, no bullets/numbering, punctuation as spaces."""
    text = _nfc(heading).strip()
    text = _BULLET.sub("", text)
    text = re.sub(r"[^\wæøåäöéü]+", " ", text.lower())
    return " ".join(text.replace("_", " ").split())


@lru_cache(maxsize=16)
def _heading_index(taxonomy: Taxonomy) -> tuple[dict[str, str | None], tuple[tuple[str, str], ...]]:
    """Exact-match table key -> theme id (None for general headings) and the theme names for containment."""
    exact: dict[str, str | None] = {}
    for name in taxonomy.general_headings:
        exact[heading_key(name)] = None
    names: list[tuple[str, str]] = []
    for theme in taxonomy.themes:
        for name in (theme.label, *theme.aliases):
            key = heading_key(name)
            if key:
                exact.setdefault(key, theme.id)
                names.append((key, theme.id))
    names.sort(key=lambda kv: -len(kv[0]))
    return exact, tuple(names)


def _fuzzy_threshold(key: str) -> float:
    if len(key) <= 5:
        return 0.95
    if len(key) <= 10:
        return 0.84
    return 0.8


def heading_to_theme(heading: str, taxonomy: Taxonomy | None = None) -> str | None:
    """Map a section heading to a theme id, or None for general and unknown headings.

    Order: exact match of the normalised heading against labels, aliases and general headings; a theme
    name contained as whole words in a short heading ("Innsatsområde 2: Transport og mobilitet");
    then fuzzy matching (difflib ratio) so typos such as "Kokurransekraft og næringsutvikling:" still map.
    A heading closest to a general heading ("Overordnede strategier") gives None.
    """
    return _heading_to_theme(heading, taxonomy or load_taxonomy())


@lru_cache(maxsize=4096)
def _heading_to_theme(heading: str, taxonomy: Taxonomy) -> str | None:
    key = heading_key(heading)
    if not key:
        return None
    exact, names = _heading_index(taxonomy)
    if key in exact:
        return exact[key]
    words = key.split()
    if len(words) <= 8:
        padded = f" {key} "
        for name, theme_id in names:
            if f" {name} " in padded:
                return theme_id
    if len(key) > 80:
        return None
    best_ratio, best_theme = 0.0, None
    for name, theme_id in exact.items():
        if abs(len(name) - len(key)) > max(3, len(key) // 3):
            continue
        ratio = SequenceMatcher(None, key, name, autojunk=False).ratio()
        if ratio >= _fuzzy_threshold(name) and ratio > best_ratio:
            best_ratio, best_theme = ratio, theme_id
    return best_theme
