"""The evidence the segmenter weighs: line width (a narrow line sits in a narrow column), headings that
name a theme or stand over a list, organisation-only lines, open measures and goals, titles of formal
programmes. Read-only questions about the blocks and the measure under construction."""
from __future__ import annotations

import re
import statistics
from dataclasses import dataclass
from difflib import SequenceMatcher

from pipeline.meta.dates import find_dates
from pipeline.meta.timing import names_a_period
from pipeline.models import Block
from pipeline.nlp.partners import partner_coverage
from pipeline.nlp.taxonomy import Taxonomy, heading_key, heading_to_theme
from pipeline.segment.afterwords import afterword
from pipeline.segment.builder import TERMINAL, OpenMeasure
from pipeline.segment.labels import GOAL_AT_START, PARTNER_AT_START, is_goal_line, is_table_header
from pipeline.nlp.wordclass import verb_form
from pipeline.segment.features import typed
from pipeline.segment.goals import MAX_OUTCOME_WORDS, OUTCOME, is_goal_statement
from pipeline.segment.structure import (PARKED, has_labelled_body, is_labelled_line, is_labelled_number,
                                        number_and_text)


@dataclass(frozen=True)
class SegmentSettings:
    wrap_fraction: float = 0.72  # a line at least this share of the typical full line is "wrapped"
    unwrapped_width: int = 160  # typical lines longer than this: the text is not hard-wrapped
    partner_max_chars: int = 48
    heading_max_words: int = 8
    use_confidence: bool = True  # drop candidates the corpus-trained model finds unlikely (segment.confidence)


LABEL_START = re.compile(r"^[A-ZÆØÅ][\wæøå-]{2,25}:\s")


OPEN_END = frozenset({"og", "av", "i", "for", "med", "til", "på", "som", "eller", "samt", "fra", "frå", "om", "ved", "mot",
                      "mellom", "etter", "under", "over", "at", "å", "en", "et", "ei", "den", "det", "de"})
"""Words that cannot end a sentence or a list entry: a line ending in one was wrapped."""


def _ends_open(text: str) -> bool:
    words = text.split()
    return bool(words) and words[-1].lower() in OPEN_END


def _heading_words(text: str) -> int:
    """Words of a heading line, not counting dashes and a label's number: "GRUPPE 3 – Klima, natur og
    beredskap" has five, "Formannskapet vedtok den 16. april 11 tiltak:" seven."""
    words = [w for w in text.split() if w not in ("–", "-", "—", "/", "&")]
    return len(words) - (len(words) > 1 and words[1].rstrip(".:").isdigit())


class Evidence:
    """Questions about block ``i`` in context; the segmenter (a subclass) acts on the answers."""

    blocks: list[Block]
    tax: Taxonomy
    s: SegmentSettings
    general: set[str]
    wide: float | None
    current: OpenMeasure | None
    prose_titles: frozenset[int]  # headings that title a measure written as prose (titled_prose.py)

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
        if self.known_heading(block.text) or names_a_period(block.text) or PARKED.match(block.text.strip()):
            return True
        nxt = self.blocks[i + 1] if i + 1 < len(self.blocks) else None
        if nxt is None or _heading_words(block.text) > 5:
            return False
        return nxt.kind in ("item", "heading") or (nxt.kind == "text" and self.known_heading(nxt.text)) or (
            nxt.kind == "text" and nxt.column is None and is_goal_line(nxt.text))  # "Forsvaret" + "Mål: …"

    def heads_a_list(self, i: int) -> bool:
        """A capitalised heading-shaped line after a blank line with a list right below it ("Parkeringsplassen"
        + "- felles legevakt …"): a heading, even after a wide line that a wrapped one would continue."""
        block = self.blocks[i]
        return bool(block.gap_before) and block.column is None and block.text[:1].isupper() and self.is_heading(i)

    def partner_like(self, block: Block) -> bool:
        text = block.text
        if len(text) > self.s.partner_max_chars or not text[:1].isupper() or GOAL_AT_START.match(text):
            return False
        if text.endswith(",") and len(text.split()) <= 3:
            return True
        if find_dates(text):
            return False  # a dateline ("Tynset, 6. oktober 2027"), not a partner cell
        if any(verb_form(w) == "pres" for w in text.split()[1:3]):
            return False  # a sentence with its verb ("Regjeringa prioriterer friluftsliv"), not a list of names
        return partner_coverage(text) >= 0.3

    def measure_open(self, block: Block) -> bool:
        cur = self.current
        if cur is None or cur.mode != "measure" or block.gap_before >= 2:
            return False
        if cur.row is not None or block.row is not None:
            return cur.row == block.row and block.column in (None, "measure")
        if re.search(r"[^\W\d_]-$", cur.last_text.rstrip()) and block.text[:1].islower():
            return True  # "være helse-" + "fremmende bør …": a word broken over a line, whatever the gap
        if not block.gap_before and block.text[:1].islower() and _ends_open(cur.last_text):
            return True  # "… i sosiale medier, med" + "ny runde våren 2027": a line cut after a word that needs more
        if cur.last_text.rstrip().endswith(TERMINAL) and LABEL_START.match(block.text):
            return False  # "… på Stortinget." + "Oppfølging: …": a new labelled line, not a wrapped one
        if block.gap_before and _complete_line(cur.last_text) and block.text[:1].isupper():
            return False  # a blank line after a line that could stand alone: the next paragraph
        return self.wide is not None and cur.last_width >= self.wide and not cur.last_text.endswith(":")

    def goal_open(self, block: Block) -> bool:
        """The next line continues the current goal unless it reads as a new labelled item ("Regelverk:"),
        or the goal's sentence has ended ("Mål: …" inside a paragraph) and a new paragraph starts or the next
        sentence says who leads the work and when (:func:`afterwords.afterword`)."""
        cur = self.current
        if cur is None or cur.mode != "goal" or not cur.goals:
            return False
        if cur.last_text.rstrip().endswith(TERMINAL) and (block.gap_before and block.line != cur.last_line
                                                           or block.line == cur.last_line and afterword(block.text)):
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
        if b.gap_before and _complete_line(a.text) and b.text[:1].isupper():
            return False  # short paragraphs a blank line apart ("Tilsyn med … i 2023"): a list, not a cell
        return (not self.is_wide(a) and not self.is_wide(b) and b.gap_before <= 1 and a.gap_before <= 1
                and not (a.gap_before and (b.text.rstrip().endswith(":") or a.text.rstrip().endswith(":")))
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

    def introduces_sub_list(self, i: int) -> bool:
        """A line ending in ":" right under a list item, before deeper items ("o Flaum og skred: …" +
        "Kunnskapsgrunnlaget bør innehalde:" + "- flaumsonekart …"): the item's own lead-in to its details."""
        block, cur = self.blocks[i], self.current
        nxt = self.blocks[i + 1] if i + 1 < len(self.blocks) else None
        return (cur is not None and cur.layout == "item" and cur.mode == "measure" and block.column is None
                and block.kind == "text" and not block.gap_before and block.text.rstrip().endswith(":")
                and nxt is not None and nxt.kind == "item" and nxt.level > cur.level)

    def partner_continues(self, block: Block) -> bool:
        """A short line after a partner line that did not end a sentence, or one naming organisations; never
        after a blank line (the next card or paragraph)."""
        last = self.current.partners[-1] if self.current and self.current.partners else ""
        if len(block.text) > self.s.partner_max_chars or block.gap_before:
            return False
        return not last.rstrip().endswith(TERMINAL) or partner_coverage(block.text) > 0

    def partner_ended(self, block: Block) -> bool:
        """The owner or partner line above ended a sentence and ``block`` is no name: a lead-in ("Aktuelle
        delprosjekter:") or the measure's text goes on."""
        target = self.current.partner_target if self.current else []
        ended = bool(target) and target[-1].rstrip().endswith(TERMINAL)
        return block.text.rstrip().endswith(":") or ended and partner_coverage(block.text) == 0

    def item_heading(self, i: int) -> bool:
        """A short list item that names a subject ("Landbruk og skog"), not an action, with deeper items
        under it: a section row written as a bullet."""
        block = self.blocks[i]
        nxt = self.blocks[i + 1] if i + 1 < len(self.blocks) else None
        words = block.text.rstrip(" :").split()
        if block.column is not None or nxt is None or nxt.kind != "item" or nxt.level <= block.level:
            return False
        if not self.heading_shaped(block.text) or len(words) > 5 or typed(block.text):
            return False
        if is_labelled_line(block.text) or is_labelled_line(nxt.text) or block.text.rstrip().endswith(":"):
            return False  # "Resultatmål:" over its goals; a measure with its labelled goal lines
        first = words[0].casefold()
        return verb_form(first) not in ("inf", "imp") and not first.endswith("ing")  # "Kartlegging av …" acts

    def goal_over_list(self, i: int) -> bool:
        """A line of running text right above a list (two items or more) that states what the list should
        achieve: a goal of each measure in the list (as a "Mål 1: …" line is), not a measure."""
        block = self.blocks[i]
        items = self.blocks[i + 1: i + 3]
        return (block.kind == "text" and block.column is None and len(items) == 2 and not GOAL_AT_START.match(block.text)
                and all(b.kind == "item" and b.column is None for b in items) and is_goal_statement(block.text))

    def outcome_over_list(self, i: int) -> bool:
        """A list's leading item that names an outcome (:data:`pipeline.segment.goals.OUTCOME`) above two
        items or more that act: a goal of those items (as a "Mål:" line over them is), not a measure."""
        block = self.blocks[i]
        if block.kind != "item" or block.column is not None or not OUTCOME.match(block.text) \
                or len(block.text.split()) > MAX_OUTCOME_WORDS:
            return False
        prev = self.blocks[i - 1] if i else None
        if prev is not None and prev.kind == "item" and prev.level == block.level and not OUTCOME.match(prev.text):
            return False  # not at the head of its list
        acts = 0
        for b in self.blocks[i + 1:]:
            if b.kind != "item" or b.level < block.level:
                break
            if b.level == block.level and OUTCOME.match(b.text):
                if acts:
                    return False  # outcomes mixed among the list's items: a list of measures
            elif b.level == block.level:
                acts += 1
        return acts >= 2

    def has_body(self, i: int) -> bool:
        """The line is followed at once (no blank line) by a paragraph of running text, not an item, a
        heading or another numbered line: the paragraph is its body, the line its section's heading. A next
        line that opens in lower case goes on with the line's sentence ("1. Regionrådet sender eit innspel til
        Trøndelag" + "fylkeskommune om vinterdrift …": a wrapped list item), no body."""
        nxt = self.blocks[i + 1] if i + 1 < len(self.blocks) else None
        return (nxt is not None and nxt.kind == "text" and nxt.column is None and not nxt.gap_before
                and not self.heading_shaped(nxt.text) and not number_and_text(nxt)[0] and not nxt.text[:1].islower())

    def in_numbered_list(self, i: int) -> bool:
        """Item ``i`` sits among numbered items of its own level (a list entry, not a numbered heading:
        "4. Økt sykling og gåing som transport" names a theme only in passing)."""
        block = self.blocks[i]
        near = [self.blocks[j] for j in (i - 1, i + 1) if 0 <= j < len(self.blocks)]
        return block.kind == "item" and any(b.kind == "item" and b.level == block.level and b.bullet and
                                            b.bullet[:1].isdigit() for b in near)

    def is_title(self, i: int, number: str | None) -> bool:
        """A heading or numbered line that heads a measure: labelled lines follow, it titles a measure
        written as prose (:mod:`pipeline.segment.titled_prose`), or a '2.1' numbered line is followed by
        its body text."""
        if has_labelled_body(self.blocks, i) or i in self.prose_titles:
            return True
        nxt = self.blocks[i + 1] if i + 1 < len(self.blocks) else None
        return bool(number and ("." in number or is_labelled_number(self.blocks[i])) and nxt is not None
                    and nxt.kind == "text" and nxt.column is None and not number_and_text(nxt)[0])


def _lettered(block: Block) -> bool:
    """A lettered list item: "a)", "B)"."""
    return bool(block.bullet) and len(block.bullet or "") == 2 and block.bullet[0].isalpha()


def _complete_line(text: str) -> bool:
    """A line that could stand alone: capitalised, not ending in a comma, colon or a word that needs more."""
    return bool(text.split()) and text[:1].isupper() and not text.rstrip().endswith((",", ":", "-", "/")) \
        and not _ends_open(text)
