"""Blocks -> Measures: headings into section paths, bullets into measures and sub-measures, and the
goal and partner fragments that a table layout puts beside a measure attached to it.

Table blocks carry their column role and need no guessing. Running text (and tables flattened to text)
is read as a reader would: labels first ("Resultatmål:", "Partnere:"), then layout evidence:
line width (a narrow wrapped paragraph sits in a narrow column), organisation-only lines (a partner
cell), blank-line gaps, and headings that name a theme or stand over a list.
"""
from __future__ import annotations

import statistics
from dataclasses import dataclass
from difflib import SequenceMatcher

from ..models import Block, Measure
from ..nlp.partners import partner_coverage
from ..nlp.themes import Taxonomy, heading_key, heading_to_theme, load_taxonomy
from .builder import TERMINAL, OpenMeasure, Sections, join_fragments
from .labels import DEADLINE_AT_START, GOAL_AT_START, PARTNER_AT_START, goal_kind, is_table_header


@dataclass(frozen=True)
class SegmentSettings:
    wrap_fraction: float = 0.72  # a line at least this share of the typical full line is "wrapped"
    unwrapped_width: int = 160  # typical lines longer than this: the text is not hard-wrapped
    partner_max_chars: int = 48
    heading_max_words: int = 8


class _Segmenter:
    def __init__(self, blocks: list[Block], taxonomy: Taxonomy, settings: SegmentSettings) -> None:
        self.blocks = [b for b in blocks if b.kind != "title"]
        self.tax = taxonomy
        self.s = settings
        self.general = {heading_key(h) for h in taxonomy.general_headings}
        self.wide = self._wide_threshold()
        self.sections = Sections()
        self.measures: list[Measure] = []
        self.current: OpenMeasure | None = None
        self.open_by_level: dict[int, int] = {}

    def _wide_threshold(self) -> float | None:
        widths = [b.width for b in self.blocks if b.width and b.column is None and b.kind in ("text", "item")]
        if len(widths) < 8:
            return None
        p90 = statistics.quantiles(widths, n=10)[-1]
        return None if p90 > self.s.unwrapped_width else self.s.wrap_fraction * p90

    # --- evidence -------------------------------------------------------------------------------
    def is_wide(self, block: Block) -> bool:
        return self.wide is not None and (block.width or 0) >= self.wide

    def known_heading(self, text: str) -> bool:
        """A general heading, or a theme heading: the line is (close to) a theme's name, not one that
        merely mentions a theme word ("faggruppen for næring")."""
        key = heading_key(text)
        if key in self.general:
            return True
        theme = heading_to_theme(text, self.tax)
        if theme is None or not self.heading_shaped(text):
            return False
        names = [heading_key(n) for t in self.tax.themes if t.id == theme for n in (t.label, *t.aliases)]
        return any(key == n or key.endswith(" " + n) or SequenceMatcher(None, key, n).ratio() >= 0.75
                   for n in names if n)

    def heading_shaped(self, text: str) -> bool:
        stripped = text.rstrip(" :")
        words = stripped.split()
        return (0 < len(words) <= self.s.heading_max_words and len(stripped) <= 70
                and not stripped.endswith((".", ",", ";", "!", "?")) and stripped[:1].isupper())

    def is_heading(self, i: int) -> bool:
        block = self.blocks[i]
        if not self.heading_shaped(block.text):
            return False
        if self.known_heading(block.text):
            return True
        nxt = self.blocks[i + 1] if i + 1 < len(self.blocks) else None
        if nxt is None or len(block.text.split()) > 5:
            return False
        return nxt.kind in ("item", "heading") or (nxt.kind == "text" and self.known_heading(nxt.text))

    def partner_like(self, block: Block) -> bool:
        text = block.text
        if len(text) > self.s.partner_max_chars or not text[:1].isupper() or GOAL_AT_START.match(text):
            return False
        if text.endswith(",") and len(text.split()) <= 3:
            return True
        return partner_coverage(text) >= 0.3

    def measure_open(self, block: Block) -> bool:
        cur = self.current
        if cur is None or cur.mode != "measure" or block.gap_before >= 2:
            return False
        if cur.row is not None or block.row is not None:
            return cur.row == block.row and block.column in (None, "measure")
        return self.wide is not None and cur.last_width >= self.wide and not cur.last_text.endswith(":")

    def goal_open(self, block: Block) -> bool:
        """The next line continues the current goal unless it reads as a new labelled item ("Regelverk:")."""
        cur = self.current
        if cur is None or cur.mode != "goal" or not cur.goals:
            return False
        label_like = block.text.endswith(":") and len(block.text.split()) <= 3
        return not label_like or not cur.last_text.endswith(TERMINAL)

    def new_goal_item(self, block: Block) -> bool:
        """In a goal column every bullet is its own goal, except lettered sub-items ("A) …") of a goal
        that ends with a colon; plain lines continue the goal unless they read as a new label."""
        if block.kind != "item":
            return not self.goal_open(block)
        cur = self.current
        continues = (_lettered(block) and cur is not None and cur.mode == "goal" and bool(cur.goals)
                     and bool(cur.goals[-1][1]) and (cur.lettered_run or cur.last_text.rstrip().endswith(":")))
        if continues:
            cur.lettered_run = True
        return not continues

    def narrow_paragraph(self, i: int) -> bool:
        """This line and the next are narrow and read as one paragraph: a narrow column, not the measure's."""
        if self.wide is None or i + 1 >= len(self.blocks):
            return False
        a, b = self.blocks[i], self.blocks[i + 1]
        if b.kind != "text" or GOAL_AT_START.match(b.text) or PARTNER_AT_START.match(b.text):
            return False
        if self.known_heading(a.text) or self.known_heading(b.text):
            return False
        return (not self.is_wide(a) and not self.is_wide(b) and b.gap_before <= 1
                and (not a.text.endswith(TERMINAL) or b.text[:1].islower()))

    def header_span(self, i: int) -> int:
        """How many blocks a flattened table header takes at ``i`` ("Innsatsområde/" + "… Tiltak … Partnere"), or 0."""
        block = self.blocks[i]
        if block.column is not None or block.kind != "text":
            return 0
        nxt = self.blocks[i + 1] if i + 1 < len(self.blocks) else None
        if block.text.endswith("/") and nxt is not None and is_table_header(block.text + " " + nxt.text):
            return 2
        return 1 if is_table_header(block.text) else 0

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
                                   line=block.line, page=block.page, row=block.row)
        self.current.add_text(block)

    def heading(self, block: Block, level: int | None = None) -> None:
        self.close()
        self.open_by_level = {}
        text = " ".join(block.text.rstrip(" :").split())
        if level is None:
            if heading_key(text) in self.general:
                level = 1
            elif heading_to_theme(text, self.tax) is not None:
                level = 2
            else:
                level = self.sections.depth + 1 if self.sections.depth >= 2 else 2
        self.sections.push(level, text)

    # --- the pass -------------------------------------------------------------------------------
    def run(self) -> list[Measure]:
        i = 0
        while i < len(self.blocks):
            i = self.step(i) + 1
        self.close()
        return self.measures

    def step(self, i: int) -> int:
        block = self.blocks[i]
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
        if block.column == "partner":
            if self.current is not None:
                self.current.add_partner_text(block)
            return i
        if block.column in ("deadline", "other"):
            if self.current is not None and block.column == "deadline":
                self.current.add_deadline(block.text)
            return i
        if block.kind == "item":
            self.item(block)
            return i
        return self.text(i)

    def labelled(self, block: Block) -> bool:
        cur = self.current
        goal = GOAL_AT_START.match(block.text)
        if goal and cur is not None and (block.column in (None, "goal") or block.kind == "item"):
            cur.start_goal(goal_kind(goal["label"]), "")
            cur.goal_level = block.level if block.kind == "item" and block.column is None else None
            if goal["rest"]:
                cur.add_goal_text(Block(goal["rest"], width=block.width), new_item=False)
            else:
                cur.goal_list = True
                cur.last_text, cur.last_width = block.text, block.width or 0
            return True
        partner = PARTNER_AT_START.match(block.text)
        if partner and cur is not None:
            if partner["rest"]:
                cur.partners.append(partner["rest"])
            cur.mode, cur.last_text = "partner", partner["rest"] or block.text
            return True
        deadline = DEADLINE_AT_START.match(block.text)
        if deadline and cur is not None:
            cur.add_deadline(deadline["rest"])
            return True
        return False

    def item(self, block: Block) -> None:
        cur = self.current
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
        if in_goal_list and (letter or (block.column is None and self.wide is not None and not self.is_wide(block))):
            cur.add_goal_text(block, new_item=True)
            return
        self.start_measure(block, block.level)

    def text(self, i: int) -> int:
        block, cur = self.blocks[i], self.current
        if cur is not None and block.column is None and self.narrow_paragraph(i) and cur.mode == "measure":
            paragraph = block.text + " " + self.blocks[i + 1].text
            if partner_coverage(paragraph) >= 0.3:
                cur.add_partner_text(block)
            else:
                cur.start_goal("mål", "")
                cur.add_goal_text(block, new_item=False)
            return i
        if cur is not None and cur.mode == "partner" and cur.partners and block.column is None \
                and not cur.partners[-1].rstrip().endswith(TERMINAL) and len(block.text) <= self.s.partner_max_chars:
            cur.add_partner_text(block)
            return i
        if self.measure_open(block) and not (block.column is None and self.known_heading(block.text)
                                             and self.heading_shaped(block.text)):
            cur.add_text(block)
            return i
        if block.column is None and self.is_heading(i):
            return self._heading_with_continuation(i)
        if cur is not None and block.column is None:
            if cur.mode == "partner" and self._partner_continues(block):
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

    def _partner_continues(self, block: Block) -> bool:
        last = self.current.partners[-1] if self.current and self.current.partners else ""
        if len(block.text) > self.s.partner_max_chars:
            return False
        return not last.rstrip().endswith(TERMINAL) or partner_coverage(block.text) > 0

    def _heading_with_continuation(self, i: int) -> int:
        block = self.blocks[i]
        nxt = self.blocks[i + 1] if i + 1 < len(self.blocks) else None
        if nxt is not None and nxt.kind == "text" and block.text.rstrip().endswith((" og", " i", ",", "-")) \
                and len(nxt.text.split()) <= 3:
            self.heading(Block(block.text + " " + nxt.text, line=block.line))
            return i + 1
        self.heading(block)
        return i


def _lettered(block: Block) -> bool:
    """A lettered list item: "a)", "B)"."""
    return bool(block.bullet) and len(block.bullet or "") == 2 and block.bullet[0].isalpha()


def blocks_to_measures(blocks: list[Block] | tuple[Block, ...], taxonomy: Taxonomy | None = None,
                       settings: SegmentSettings | None = None) -> list[Measure]:
    """Segment a document's blocks into measures (reading order, parents by ordinal)."""
    return _Segmenter(list(blocks), taxonomy or load_taxonomy(), settings or SegmentSettings()).run()
