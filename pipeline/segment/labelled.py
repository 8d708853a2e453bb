"""The segmenter's steps for labelled lines: "Mål: …" under a section heading, "Resultatmål:",
"Partnere:", "Ansvar:" and "Frist:" lines under a measure, and a goal written below a measure's list of
details. A mixin of the segmenter (``segment._Segmenter``), which holds the state these steps change."""
from __future__ import annotations

from dataclasses import replace

from pipeline.models import Block, Goal
from pipeline.segment.labels import (DEADLINE_AT_START, GOAL_AT_START, PARTNER_AT_START, RESPONSIBLE_LABEL, goal_kind,
                                     is_goal_line)


class LabelledLines:
    """Steps for labelled lines; each returns True when it consumed the block."""

    def section_goal(self, block: Block) -> bool:
        """A 'Mål: …' line under a section heading, before the section's first measure: a goal of every
        measure in the section (as a 'Mål 1: …' group goal is)."""
        if block.column is not None or self.current is not None or not self.sections.stack or not is_goal_line(block.text):
            return False
        goal = GOAL_AT_START.match(block.text)
        self.set_group_goal(goal["rest"].strip(), alone=True, kind=goal_kind(goal["label"]))
        return True

    def labelled(self, block: Block) -> bool:
        cur = self.current
        goal = GOAL_AT_START.match(block.text)
        if goal and goal["rest"] and self.after_sub_list(block):
            return True
        if goal and cur is not None and (block.column in (None, "goal") or block.kind == "item"):
            cur.start_goal(goal_kind(goal["label"]), "")
            cur.goal_level = block.level if block.kind == "item" and block.column is None else None
            if goal["rest"]:
                cur.add_goal_text(replace(block, text=goal["rest"]), new_item=False)
            else:
                cur.goal_list = True
                cur.last_text, cur.last_width = block.text, block.width or 0
            return True
        partner = PARTNER_AT_START.match(block.text)
        if (partner or DEADLINE_AT_START.match(block.text)) and self.label_for_parent(block):
            return True
        if partner and cur is not None:
            cur.owner_mode = bool(RESPONSIBLE_LABEL.match(partner["label"]))
            if partner["rest"]:
                cur.partner_target.append(partner["rest"])
            cur.mode, cur.last_text = "partner", partner["rest"] or block.text
            return True
        deadline = DEADLINE_AT_START.match(block.text)
        if deadline and cur is not None:
            cur.add_deadline(deadline["rest"])
            return True
        return False

    def after_sub_list(self, block: Block) -> bool:
        """A goal line written below a measure's list of details ("- Kartlegge …:" + "o størrelse …" +
        "Resultatmål: …"), not as an item of the list: the goal of the measure that owns the list when the
        items are lower-case details, not sub-measures."""
        cur = self.current
        if cur is None or block.kind != "text" or block.column is not None or cur.layout != "item" \
                or cur.parent is None or cur.goals or not cur.text or not cur.text[0][:1].islower():
            return False  # a capitalised sub-item is a sub-measure with goals of its own
        goal = GOAL_AT_START.match(block.text)
        self.close()
        owner = self.measures[cur.parent - 1]  # ordinals are positions + 1 during the pass
        self.measures[cur.parent - 1] = replace(owner, goals=(*owner.goals, Goal(goal_kind(goal["label"]),
                                                                               goal["rest"].strip())))
        return True

    def label_for_parent(self, block: Block) -> bool:
        """An owner, partner or deadline item beside a measure's sub-items ("* Traineeprogram …" with
        "  - tre plasser" and "  - Hvem: regionrådet"): it labels the measure the items sit under, not
        the sub-item before it."""
        cur = self.current
        if block.kind != "item":
            return False
        if cur is not None and cur.parent is not None and cur.level >= block.level:
            self.close()
            self.label_owner = (cur.parent, block.level)
        elif cur is not None or self.label_owner is None or self.label_owner[1] != block.level:
            return False
        target = self.label_owner[0]
        owner = self.measures[target - 1]  # ordinals are positions + 1 during the pass
        partner = PARTNER_AT_START.match(block.text)
        if partner is None:
            rest = DEADLINE_AT_START.match(block.text)["rest"].strip()
            self.measures[target - 1] = replace(owner, deadline_text=owner.deadline_text or rest)
        elif RESPONSIBLE_LABEL.match(partner["label"]):
            self.measures[target - 1] = replace(owner, responsible_text=(*owner.responsible_text, partner["rest"]))
        else:
            self.measures[target - 1] = replace(owner, partner_text=(*owner.partner_text, partner["rest"]))
        return True
