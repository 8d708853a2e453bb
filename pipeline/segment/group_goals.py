"""The segmenter's steps for goals that head a group of measures: "Mål 1: …" lines, a goal heading
("Overordna mål", "Hovudmål:", an HTML "<h3>Mål</h3>") with the paragraph or the list right below it, and
goal statements over a list. A mixin of the segmenter (``segment._Segmenter``), which holds the state these
steps change: ``group_goals`` go to every measure started while they are open.
"""
from __future__ import annotations

from pipeline.models import Block, GoalKind
from pipeline.segment.goals import GOAL_HEADING, GOAL_LIST_INTRO, GROUP_GOAL, MAX_GOAL_WORDS
from pipeline.segment.labels import GOAL_AT_START, goal_kind


class GroupGoals:
    """Steps for group goals; each returns True when it consumed the block."""

    def set_group_goal(self, goal: str, alone: bool = False, kind: GoalKind = "mål") -> None:
        """A goal of every measure that follows (of ``kind``, from its label: "Effektmål: …"); ``alone``
        replaces the open ones, else it joins those read since the last measure ("Overordna mål: …" and
        "Mål 2023: …" over one list)."""
        self._open_group(alone)
        self.group_goals.append((kind, goal))

    def _open_group(self, alone: bool) -> None:
        """Close the open measure; start the group goals afresh when ``alone`` or after measures were read."""
        self.close()
        if alone or len(self.measures) > self.goals_from:
            self.group_goals, self.goals_from = [], len(self.measures)

    def goal_line_over_list(self, i: int) -> bool:
        """A labelled goal line ("Resultatmål: Flere læreplasser …") right above a list or a table, after a section's
        heading or its running text rather than under a measure: a goal of every measure in that list (as a
        "Mål 1: …" line is). Consumed, and the goal set for the group."""
        block = self.blocks[i]
        nxt = self.blocks[i + 1] if i + 1 < len(self.blocks) else None
        goal = GOAL_AT_START.match(block.text) if block.kind == "text" and block.column is None else None
        cur = self.current
        listed = nxt is not None and (nxt.kind == "item" and nxt.column is None or nxt.row is not None)  # a list or table
        if goal is None or not goal["rest"].strip() or not listed \
                or len(goal["rest"].split()) > MAX_GOAL_WORDS or cur is not None and (cur.layout != "text" or cur.titled):
            return False
        self.set_group_goal(goal["rest"].strip(), alone=True, kind=goal_kind(goal["label"]))
        return True

    def goal_paragraph(self, i: int) -> bool:
        """A goal heading ("Overordna mål", "Mål 2023") and the paragraph or the list right below it, which
        state goals of the measures that follow: all consumed, each paragraph or item kept as a group goal.
        A goal label under an open list measure ("- Etablere …" + "Effektmål:" + items) is that measure's
        (``labelled``), not a heading."""
        block = self.blocks[i]
        if block.column is not None:
            self.goal_heading = ""
            return False
        if self.goal_heading:
            return self._goal_below(block)
        nxt = self.blocks[i + 1] if i + 1 < len(self.blocks) else None
        if nxt is not None and nxt.kind == "item" and block.kind == "text" and GOAL_LIST_INTRO.search(block.text.strip()):
            self.goal_heading, self.goal_level = "list", nxt.level
            self._open_group(alone=False)
            return True
        if not GOAL_HEADING.match(block.text.strip()) or nxt is None or nxt.column is not None \
                or GROUP_GOAL.match(nxt.text) or GOAL_HEADING.match(nxt.text.strip()):
            return False
        if nxt.kind == "item" and (block.kind == "heading" or self.current is None or self.current.layout == "text"):
            self.goal_heading, self.goal_level = "list", nxt.level
        elif nxt.kind == "text" and block.kind != "item":
            self.goal_heading = "paragraph"
        else:
            return False
        self._open_group(alone=False)  # goal headings in a row add up
        return True

    def _goal_below(self, block: Block) -> bool:
        """A block under a goal heading: the paragraph, or an item of the goal list (deeper items add to
        the goal above them); anything else ends the goals and is read as usual."""
        words = len(block.text.split())
        if self.goal_heading == "paragraph":
            self.goal_heading = ""
            if block.kind == "text" and words <= MAX_GOAL_WORDS:
                self.group_goals.append(("mål", block.text.strip()))
                return True
            return False
        if block.kind != "item" or block.level < self.goal_level or words > MAX_GOAL_WORDS:
            self.goal_heading = ""
            return False
        if block.level > self.goal_level and self.group_goals:
            kind, text = self.group_goals[-1]
            self.group_goals[-1] = (kind, f"{text} {block.text.strip()}")
        else:
            self.group_goals.append(("mål", block.text.strip()))
        return True
