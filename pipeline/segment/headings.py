"""The segmenter's steps for headings: the level a heading opens a section at, and a heading wrapped onto a
short second line. A mixin of the segmenter (``segment._Segmenter``), which holds the state these steps change
(the section stack, the open measure, group goals).
"""
from __future__ import annotations

from dataclasses import replace

from pipeline.meta.timing import names_a_period
from pipeline.models import Block
from pipeline.nlp.taxonomy import heading_key, heading_to_theme
from pipeline.segment.goals import LIST_LABELS
from pipeline.segment.structure import is_prose_heading, number_and_text


class Headings:
    """Mixin: sections from headings."""

    def heading(self, block: Block, level: int | None = None) -> None:
        """Open a section at ``level``; without one, a general heading is level 1, a theme heading level 2, the
        next month of a plan a sibling of the last, a heading that looks like an open one (the same kind, colon,
        case and bullet: "Samferdsel:" after "Landbruk og beite:") that one's sibling, anything else one deeper."""
        self.close()
        self.open_by_level = {}
        self.title_depth = 0
        self.pending_lead_in = ""
        text = " ".join(number_and_text(replace(block, kind="text"))[1].rstrip(" :").split())
        if heading_key(text) not in LIST_LABELS:  # "Tiltak:" under "Mål 1: …" keeps the group's goal
            self.group_goals = []
        self.prose, self.vision = is_prose_heading(text), False
        shape = (block.kind, block.text.rstrip().endswith(":"), block.text.isupper(), block.bullet)
        if level is None:
            if heading_key(text) in self.general:
                level = 1
            elif heading_to_theme(text, self.tax) is not None:
                level = 2
            elif names_a_period(text) and self.sections.stack and names_a_period(self.sections.stack[-1][1]):
                level = self.sections.depth  # "Februar" after "Januar": the next month of the plan, not a part of it
            elif shape in self.heading_shapes and any(lv == self.heading_shapes[shape] for lv, _ in self.sections.stack):
                level = self.heading_shapes[shape]  # "Samferdsel:" after "Landbruk og beite:": a sibling, not a child
            else:
                level = self.sections.depth + 1 if self.sections.depth >= 2 else 2
            self.heading_shapes[shape] = level
        self.sections.push(level, text)

    def _heading_with_continuation(self, i: int) -> int:
        block = self.blocks[i]
        nxt = self.blocks[i + 1] if i + 1 < len(self.blocks) else None
        if nxt is not None and nxt.kind == "text" and block.text.rstrip().endswith((" og", " i", ",", "-")) \
                and len(nxt.text.split()) <= 3:
            self.heading(Block(block.text + " " + nxt.text, line=block.line))
            return i + 1
        self.heading(block)
        return i
