"""The measure under construction and the section stack: the mutable state of one segmentation pass."""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from pipeline.models import Block, Goal, GoalKind, Measure
from pipeline.segment.labels import split_inline_goals, stated_goals

TERMINAL = (".", "!", "?")
_SPACES = re.compile(r"\s+")


def renumber(kept: list[Measure], parent_of: dict[int, int | None]) -> list[Measure]:
    """``kept`` (some of a document's measures, in order) numbered 1, 2, … again, each with the nearest
    ancestor that was kept as its parent (``parent_of``: every measure's parent before anything was dropped)."""
    order = {m.ordinal: i + 1 for i, m in enumerate(kept)}

    def kept_ancestor(ordinal: int | None) -> int | None:
        while ordinal is not None and ordinal not in order:
            ordinal = parent_of.get(ordinal)
        return ordinal

    return [replace(m, ordinal=order[m.ordinal], parent=order.get(kept_ancestor(m.parent))) for m in kept]


def join_fragments(parts: list[str]) -> str:
    """Join wrapped fragments with spaces; keep the spec's rule 'line breaks become spaces'."""
    return _SPACES.sub(" ", " ".join(p.strip() for p in parts if p.strip())).strip()


@dataclass
class OpenMeasure:
    """A measure being assembled from fragments; ``mode`` says which column the last fragment was in."""

    ordinal: int
    level: int
    parent: int | None
    section: tuple[str, ...]
    line: int
    page: int | None
    row: int | None
    text: list[str] = field(default_factory=list)
    goals: list[tuple[GoalKind, list[str]]] = field(default_factory=list)
    partners: list[str] = field(default_factory=list)
    responsible: list[str] = field(default_factory=list)
    owner_mode: bool = False  # partner-style text goes to ``responsible`` (after "Ansvar:", an Ansvar column)
    deadline: str | None = None
    mode: str = "measure"  # "measure" | "goal" | "partner"
    goal_kind: GoalKind | None = None  # kind for the next unlabelled goal item
    goal_list: bool = False  # a label stood alone ("Resultatmål:"): the items that follow are goals
    goal_level: int | None = None  # list level of a label item ("o Resultatmål:"): deeper items are its goals
    titled: bool = False  # a formal programme's measure: a title, then body text and labelled lines
    lettered_run: bool = False  # "A) … B) …" continue a goal that ended with a colon
    topics: bool = False  # a course's "…, eks:" list: deeper items are topics in its text
    last_width: int = 0
    last_text: str = ""
    last_line: int = 0
    layout: str = "text"  # the opening block: "table", "item" or "text"
    lead_in: str = ""  # the lead-in over the list this item opens (consumed, no measure of its own)

    def add_text(self, block: Block) -> None:
        """A fragment of the measure's own text; inline goal labels split off into goals."""
        head, goals = split_inline_goals(block.text)
        self.text.append(head)
        self.mode, self.goal_list = "measure", False
        self._take_inline_goals(block, head, goals)

    def start_goal(self, kind: GoalKind, text: str) -> None:
        self.goals.append((kind, [text] if text else []))
        self.goal_kind = kind
        self.lettered_run = False
        self.mode = "goal"

    def add_goal_text(self, block: Block, new_item: bool) -> None:
        head, goals = split_inline_goals(block.text)
        if new_item or not self.goals:
            self.goals.append((self.goal_kind or "mål", [head]))
            self.lettered_run = False
        else:
            self.goals[-1][1].append(head)
        self.mode = "goal"
        self._take_inline_goals(block, head, goals)

    def add_deadline(self, text: str) -> None:
        """A deadline ("Frist: 2026", a Frist column), kept as written; never in the measure's text."""
        text = text.strip()
        if text:
            self.deadline = f"{self.deadline} {text}" if self.deadline else text

    @property
    def partner_target(self) -> list[str]:
        """Where partner-style text goes now: the owners or the partners."""
        return self.responsible if self.owner_mode else self.partners

    def _take_inline_goals(self, block: Block, head: str, goals: list[tuple[GoalKind, str]]) -> None:
        """Goals split off a joined line; a label left without text ("… Resultatmål:") opens a goal list."""
        for kind, text in goals:
            self.start_goal(kind, text)
        if goals:
            self.goal_list = not goals[-1][1]
        self._remember(block, goals[-1][1] if goals else head)

    def add_partner_text(self, block: Block) -> None:
        target = self.partner_target
        if self.mode == "partner" and target and not target[-1].rstrip().endswith(TERMINAL):
            target[-1] = target[-1] + " " + block.text
        else:
            target.append(block.text)
        self.mode = "partner"
        self._remember(block, block.text)

    def _remember(self, block: Block, text: str) -> None:
        self.last_width = block.width or 0
        self.last_text = text
        self.last_line = block.line

    def to_measure(self) -> Measure:
        text = join_fragments(self.text)
        goals = [Goal(kind, join_fragments(parts)) for kind, parts in self.goals if join_fragments(parts)]
        goals += [Goal(kind, t) for kind, t in stated_goals(text) if t]
        return Measure(ordinal=self.ordinal, text=text, level=self.level, parent=self.parent,
                       section=self.section, goals=tuple(goals), partner_text=tuple(self.partners),
                       responsible_text=tuple(self.responsible), deadline_text=self.deadline,
                       page=self.page, line=self.line, layout="titled" if self.titled else self.layout,
                       lead_in=self.lead_in)


@dataclass
class Sections:
    """The heading path: (level, text) pairs, outermost first."""

    stack: list[tuple[int, str]] = field(default_factory=list)

    def push(self, level: int, text: str) -> None:
        while self.stack and self.stack[-1][0] >= level:
            self.stack.pop()
        self.stack.append((level, text))

    @property
    def path(self) -> tuple[str, ...]:
        return tuple(text for _, text in self.stack)

    @property
    def depth(self) -> int:
        return self.stack[-1][0] if self.stack else 0
