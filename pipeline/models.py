"""The typed containers that flow through every stage.

parse -> :class:`Document` (metadata + :class:`Block` s)
segment -> :class:`Measure` s (text, section, goals, partner text, provenance)
enrich -> the same :class:`Measure` s with theme, type, targets and partners filled in

All containers are frozen; stages return new objects (``dataclasses.replace``).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

BlockKind = Literal["title", "heading", "item", "text"]
"""title: the document's title line; heading: a section heading (``level`` 1 = outermost);
item: a list item (``level`` = list depth, 0 = top); text: a paragraph or line of running text."""

ColumnRole = Literal["theme", "measure", "goal", "partner", "responsible", "deadline", "other"]
"""Which table column a block came from, known from the table header. ``None`` for running text."""

GoalKind = Literal["resultatmål", "effektmål", "mål"]
PartnerSource = Literal["column", "text"]


@dataclass(frozen=True)
class Block:
    """One unit of text in reading order, as a parser found it.

    ``text`` is NFC, whitespace-collapsed, with the bullet glyph removed (kept in ``bullet``).
    Goal and partner blocks always follow the measure block they belong to.
    """

    text: str
    kind: BlockKind = "text"
    level: int = 0
    column: ColumnRole | None = None
    page: int | None = None
    line: int = 0
    bbox: tuple[float, float, float, float] | None = None
    bullet: str | None = None
    row: int | None = None
    width: int | None = None  # characters in the source line (flattened-text evidence of the column)
    gap_before: int = 0  # blank lines before this block in the source (paragraph-break evidence)
    text_column: int | None = None  # PDF: the text column (0 = leftmost) of a page set in columns


@dataclass(frozen=True)
class Document:
    """A parsed file: where it came from, how it was read, and its blocks in reading order."""

    source_file: str
    format: str
    blocks: tuple[Block, ...]
    parser: str
    n_pages: int | None = None
    encoding: str | None = None
    title: str | None = None
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class ProgrammeMeta:
    """What the document says about itself: programme, meeting and version dates."""

    title: str | None = None
    program: str | None = None
    meeting_date: date | None = None
    version_date: date | None = None
    version_label: str | None = None


@dataclass(frozen=True)
class Goal:
    kind: GoalKind
    text: str


@dataclass(frozen=True)
class Target:
    """A quantified target: ``value`` in ``unit`` ("%", "NOK" or the counted noun), by ``year``."""

    value: float | None
    unit: str | None
    year: int | None
    text: str


@dataclass(frozen=True)
class PartnerMention:
    partner: str  # canonical name
    partner_type: str
    mention: str  # as written
    source: PartnerSource
    role: str = "partner"  # "ansvarlig" (an owner: Ansvar, Eier) or "partner"


@dataclass(frozen=True)
class Measure:
    """One measure ("tiltak"). ``parent`` is the ``ordinal`` of the enclosing measure."""

    ordinal: int
    text: str
    level: int = 0
    parent: int | None = None
    section: tuple[str, ...] = ()
    goals: tuple[Goal, ...] = ()
    partner_text: tuple[str, ...] = ()
    page: int | None = None
    line: int = 0
    label: str | None = None  # an explicit type label written before the text ("Prosjekt", ...)
    theme: str | None = None
    theme_source: str | None = None
    theme_score: float | None = None
    measure_type: str | None = None
    targets: tuple[Target, ...] = ()
    partners: tuple[PartnerMention, ...] = field(default=())
    responsible_text: tuple[str, ...] = ()  # owner text as written (an Ansvar/Eier label or column)
    responsible: tuple[PartnerMention, ...] = ()  # the owners, canonical (enrich)
    deadline_text: str | None = None  # the deadline as written (a Frist/Når label or column)
    deadline: date | None = None  # the date it names (meta.deadlines; enrich)
    layout: str = "text"  # what it opened with: "table" (measure cell), "titled" (title + labelled body), "item", "text"
    lead_in: str = ""  # the lead-in the segmenter read over its list and left out ("Følgende tiltak skal utføres …:")
    confidence: float | None = None  # probability that this is a measure (segment.confidence); None: no model
