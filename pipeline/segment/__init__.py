"""Blocks -> Measures: headings into section paths, bullets into measures and sub-measures, and the
goal and partner fragments that a table layout puts beside a measure attached to it.

Table blocks carry their column role and need no guessing. Running text (and tables flattened to text)
is read as a reader would: labels first ("Resultatmål:", "Partnere:"), then layout evidence:
line width (a narrow wrapped paragraph sits in a narrow column), organisation-only lines (a partner
cell), blank-line gaps, and headings that name a theme or stand over a list.
"""
from __future__ import annotations

from dataclasses import replace

from pipeline.models import Block, GoalKind, Measure
from pipeline.nlp.partners import partner_coverage
from pipeline.nlp.taxonomy import Taxonomy, heading_key, load_taxonomy
from pipeline.segment.afterwords import peel_afterwords, sender_of
from pipeline.segment.confidence import with_confidence
from pipeline.segment.titled_prose import titled_headings
from pipeline.segment.goals import GROUP_GOAL, attach_goals, states_result
from pipeline.segment.inline import split_blocks
from pipeline.segment.follow_up import merge_follow_up_rows
from pipeline.segment.leadins import attach_to_lead_ins
from pipeline.segment.builder import TERMINAL, OpenMeasure, Sections, join_fragments
from pipeline.segment.evidence import Evidence, SegmentSettings, _lettered
from pipeline.segment.group_goals import GroupGoals
from pipeline.segment.headings import Headings
from pipeline.segment.labelled import LabelledLines
from pipeline.segment.meeting_topics import MeetingTopics
from pipeline.segment.named_owners import with_bracketed_owners
from pipeline.segment.timing import with_timing
from pipeline.segment.structure import (DECISION_START, LABEL_HEADING, VISION_LABEL, has_numbered_children,
                                        is_agenda_item, is_email_header, is_front_matter, is_greeting, is_lead_in,
                                        is_logistics, is_prose_heading, is_remark, is_prose_task, is_sign_off,
                                        lists_contents, lists_topics, minutes_heading, number_and_text)

__all__ = ["SegmentSettings", "blocks_to_measures", "measure_candidates"]

class _Segmenter(Evidence, Headings, LabelledLines, GroupGoals, MeetingTopics):
    def __init__(self, blocks: list[Block], taxonomy: Taxonomy, settings: SegmentSettings) -> None:
        self.blocks = [b for b in blocks if b.kind != "title"]
        self.tax = taxonomy
        self.s = settings
        self.general = {heading_key(h) for h in taxonomy.general_headings}
        self.wide = self._wide_threshold()
        self.sections = Sections()
        self.heading_shapes: dict[tuple, int] = {}  # a heading's look -> the level such headings took
        self.measures: list[Measure] = []
        self.current: OpenMeasure | None = None
        self.open_by_level: dict[int, int] = {}
        self.prose = False  # inside "Innledning", "Bakgrunn": no measures
        self.vision = False  # after a "Visjon: …" line: its running text, up to a list or heading
        self.title_depth = 0  # 1 inside a titled measure's body: its bullets are its sub-measures
        self.group_goals: list[tuple[GoalKind, str]] = []  # open "Mål 1: …" lines: goals of every measure below them
        self.goals_from = 0  # how many measures there were when the first of the group goals was read
        self.goal_heading = ""  # after a "Hovedmål" heading: "paragraph" or "list" below it holds group goals
        self.goal_level = 0  # the list level of a goal list under a goal heading
        self.list_goal = False  # the group goal is a goal statement over a list: it ends with the list
        self.label_owner: tuple[int, int] | None = None  # (ordinal, item level) that label items go to
        self.pending_lead_in = ""  # a consumed lead-in: the items after it are its list
        self.meeting_topics = False  # after "Følgende ble diskutert:": its items name topics
        self.topic_number = 0  # the number of the last topic item ("8." of an agenda)
        self.prose_titles = titled_headings(self.blocks)  # headings over a measure written as prose

    # --- actions --------------------------------------------------------------------------------
    def close(self) -> None:
        if self.current is not None and join_fragments(self.current.text):
            self.measures.append(self.current.to_measure())
        self.current = None

    def start_measure(self, block: Block, level: int) -> None:
        self.close()
        parent = next((self.open_by_level[lv] for lv in sorted(self.open_by_level, reverse=True) if lv < level), None)
        ordinal = len(self.measures) + 1
        self.open_by_level = {lv: o for lv, o in self.open_by_level.items() if lv < level}
        self.open_by_level[level] = ordinal
        self.current = OpenMeasure(ordinal=ordinal, level=level, parent=parent, section=self.sections.path,
                                   line=block.line, page=block.page, row=block.row,
                                   layout="table" if block.column else "item" if block.kind == "item" else "text")
        self.current.add_text(block)
        for kind, goal in self.group_goals:
            self.current.goals.append((kind, [goal]))
        if block.kind == "item":
            self.current.lead_in = self.pending_lead_in
        else:
            self.pending_lead_in = ""

    # --- the pass -------------------------------------------------------------------------------
    def run(self) -> list[Measure]:
        i = 0
        while i < len(self.blocks):
            i = self.step(i) + 1
        self.close()
        return self.measures

    def step(self, i: int) -> int:
        block = self.blocks[i]
        if self.label_owner and not (block.kind == "item" and block.level == self.label_owner[1]):
            self.label_owner = None
        label_heading = LABEL_HEADING.match(block.text) if block.column is None and block.kind != "item" else None
        if label_heading:
            self.group_goals = []
            self.heading(replace(block, text=label_heading["name"].strip()), 1)
            return i
        if self.list_goal and block.kind != "item":
            self.group_goals, self.list_goal = [], False
        if self.goal_over_list(i):
            self.set_group_goal(block.text.strip().rstrip(":").strip(), alone=True)
            self.list_goal = True
            return i
        group = GROUP_GOAL.match(block.text) if block.column is None and len(block.text) < 300 else None
        if group:
            self.set_group_goal(group["goal"].strip(), alone=True)
            return i
        if self.goal_paragraph(i) or self.goal_line_over_list(i):
            return i
        if self.section_goal(block):
            return i
        if block.column is None and self.structural(i):
            return i
        if block.kind == "heading" or block.column == "theme":
            self.heading(block, block.level if block.kind == "heading" and block.column is None else None)
            return i
        span = self.header_span(i)
        if span:
            return i + span - 1
        if self.labelled(block):
            return i
        if block.column == "goal":
            if self.current is not None:
                self.current.add_goal_text(block, new_item=self.new_goal_item(block))
            return i
        if block.column in ("partner", "responsible"):
            if self.current is not None:
                self.current.owner_mode = block.column == "responsible"
                self.current.add_partner_text(block)
            return i
        if block.column in ("deadline", "other"):
            if self.current is not None and block.column == "deadline":
                self.current.add_deadline(block.text)
            return i
        if self.outcome_over_list(i):
            self.set_group_goal(block.text.strip(), alone=not self.list_goal)
            self.list_goal = True
            return i
        if block.kind == "item" and self.item_heading(i):
            self.heading(block)
            return i
        if block.kind == "item":
            self.item(block)
            return i
        return self.text(i)

    def structural(self, i: int) -> bool:
        """Formal-programme structure (see structure.py): titled measures, numbered headings, prose
        sections and front matter. True when the block was consumed."""
        block = self.blocks[i]
        if self.meeting_topic(block):
            return True
        number, title = number_and_text(block)
        if (block.kind == "heading" or number) and not self.known_heading(title) and self.is_title(i, number):
            self.start_measure(replace(block, text=title, kind="item", level=0), 0)
            self.current.titled, self.prose, self.title_depth = True, False, 1
            return True
        if number and "." not in number and block.kind != "heading" and self.heading_shaped(title) and (
                block.kind == "text" or has_numbered_children(self.blocks, i, number) or self.has_body(i)
                or self.known_heading(title) and not self.in_numbered_list(i)):
            self.heading(replace(block, text=title), None if self.known_heading(title) else 2)
            return True
        if is_agenda_item(self.blocks, i) and not self.known_heading(title):
            self.heading(replace(block, text=title), 2)
            return True
        level = minutes_heading(block.text) if block.kind == "text" else None
        if level:
            self.heading(replace(block, text=block.text.strip().rstrip(":")), level)
            return True
        if is_email_header(self.blocks, i):
            self.close()
            self.prose = False  # a forwarded message starts: its content counts again
            return True
        if self.prose:  # a sentence that gives a body its task is a measure even under "Organisering"
            return block.kind != "heading" and not is_prose_task(self.sections.path, block.text)
        if block.kind == "text" and VISION_LABEL.match(block.text) or self.vision and block.kind == "text":
            self.close()
            self.vision = True
            return True
        self.vision = False
        if block.kind == "text" and is_sign_off(block.text):
            self.close()
            self.prose = True  # the signature runs to the next heading or message
            return True
        if block.kind in ("text", "item") and (is_logistics(block.text) or is_remark(block.text)) or \
                block.kind == "text" and (is_greeting(block.text) or is_lead_in(block.text)):
            self.close()
            self.pending_lead_in = block.text if block.kind == "text" and is_lead_in(block.text) else ""
            return True
        return (self.current is None and not self.measures and not self.sections.stack and block.kind == "text"
                and is_front_matter(block.text))

    def item(self, block: Block) -> None:
        cur = self.current
        if cur is not None and block.level > cur.level and block.column in (None, "measure") \
                and (cur.topics or lists_topics(join_fragments(cur.text)) or lists_contents(join_fragments(cur.text))
                     or cur.mode == "goal" and bool(cur.goals) and lists_contents(" ".join(cur.goals[-1][1]))):
            cur.text.append(block.text)
            cur.topics = True
            return
        letter = _lettered(block)
        in_goal_list = cur is not None and cur.goal_list and cur.mode in ("goal", "partner")
        sub_item = cur is not None and cur.mode == "goal" and bool(cur.goals) and cur.goals[-1][1] \
            and cur.last_text.endswith(":")
        if letter and sub_item:
            cur.add_goal_text(block, new_item=False)
            return
        if cur is not None and cur.goal_level is not None:
            if cur.mode == "goal" and block.level > cur.goal_level:
                cur.add_goal_text(block, new_item=True)
            else:
                self.start_measure(block, block.level)
            return
        if in_goal_list and (letter or states_result(block.text)
                             or (block.column is None and self.wide is not None and not self.is_wide(block))):
            cur.add_goal_text(block, new_item=True)
            return
        self.start_measure(block, block.level + self.title_depth)

    def text(self, i: int) -> int:
        block, cur = self.blocks[i], self.current
        if cur is not None and cur.row is not None and block.column is None and block.row is None:
            self.close()  # running text after a table: its last row has ended
            cur = None
        if cur is not None and block.column is None and self.narrow_paragraph(i) and cur.mode == "measure":
            paragraph = block.text + " " + self.blocks[i + 1].text
            if partner_coverage(paragraph) >= 0.3:
                cur.add_partner_text(block)
            else:
                cur.start_goal("mål", "")
                cur.add_goal_text(block, new_item=False)
            return i
        if cur is not None and cur.mode == "partner" and cur.partner_target and block.column is None and block.gap_before < 2 \
                and not cur.partner_target[-1].rstrip().endswith(TERMINAL) and len(block.text) <= self.s.partner_max_chars:
            cur.add_partner_text(block)
            return i
        if cur is not None and cur.titled and block.column is None and block.gap_before and \
                self.heading_shaped(block.text) and (is_prose_heading(block.text) or self.known_heading(block.text)):
            self.heading(block)
            return i
        if cur is not None and cur.titled and block.column is None and not DECISION_START.match(block.text):
            mode = "measure" if cur.mode == "partner" and self.partner_ended(block) else cur.mode
            {"measure": cur.add_text, "goal": lambda b: cur.add_goal_text(b, new_item=False),
             "partner": cur.add_partner_text}[mode](block)
            return i
        if self.measure_open(block) and not (block.column is None and self.known_heading(block.text)
                                             and self.heading_shaped(block.text)) and not self.heads_a_list(i):
            cur.add_text(block)
            return i
        if self.introduces_sub_list(i):
            cur.add_text(block)
            return i
        if block.column is None and self.is_heading(i):
            return self._heading_with_continuation(i)
        if cur is not None and block.column is None:
            if cur.mode == "partner" and self.partner_continues(block):
                cur.add_partner_text(block)
                return i
            if self.partner_like(block):
                cur.add_partner_text(block)
                return i
            if self.goal_open(block) and not self.is_wide(block):
                cur.add_goal_text(block, new_item=False)
                return i
            if cur.mode == "goal" and not self.is_wide(block) and self.wide is not None:
                cur.add_goal_text(block, new_item=True)
                return i
            if self.narrow_paragraph(i):
                cur.start_goal("mål", "")
                cur.add_goal_text(block, new_item=False)
                return i
        self.start_measure(block, 0)
        return i


def measure_candidates(blocks: list[Block] | tuple[Block, ...], taxonomy: Taxonomy | None = None,
                       settings: SegmentSettings | None = None) -> list[Measure]:
    """Every candidate the layout rules find, with goals attached: what the confidence model scores
    (and what it is trained on: deadlines stated in running text are not attached yet)."""
    settings = settings or SegmentSettings()
    return attach_goals(_Segmenter(split_blocks(list(blocks)), taxonomy or load_taxonomy(), settings).run())


def blocks_to_measures(blocks: list[Block] | tuple[Block, ...], taxonomy: Taxonomy | None = None,
                       settings: SegmentSettings | None = None) -> list[Measure]:
    """Segment a document's blocks into measures (reading order, parents by ordinal), each with the
    model's confidence; unlikely candidates are dropped unless ``settings.use_confidence`` is off."""
    settings = settings or SegmentSettings()
    candidates = measure_candidates(blocks, taxonomy, settings)
    sender = sender_of([b.text for b in blocks])  # who "vi" are
    kept = merge_follow_up_rows(attach_to_lead_ins(with_confidence(candidates, sender=sender))) \
        if settings.use_confidence else candidates
    return with_timing(with_bracketed_owners(peel_afterwords(kept, sender)))
