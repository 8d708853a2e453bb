"""A bullet list that a PDF transcript ran into its paragraph, bullets and line ends lost: "… gjennom
konkret å: Styrke samarbeidet mellom partene Skape flere faste møteplasser Bli bedre kjent med hverandre
Kapittel 1 …". After a lead-in ending in ":", each item opens with a capitalised infinitive inside the
paragraph, which no sentence of running text does. At least three such items are split off as list items;
the last item ends at the next capitalised word after a lower-case one (a heading or a sentence run on)
or at a full stop, and what follows stays running text.
"""
from __future__ import annotations

import re
from dataclasses import replace

from pipeline.models import Block
from pipeline.nlp.wordclass import verb_form

MIN_ITEMS = 3
MAX_ITEM_WORDS = 20
WORD = re.compile(r"\S+")


def split_run_together(block: Block) -> list[Block]:
    """``block`` as its lead-in, one item per run-together list item and the rest, or unchanged."""
    if block.kind != "text" or block.column is not None:
        return [block]
    colon = block.text.find(": ")
    while colon != -1:
        found = _items_after(block.text, colon + 2)
        if found:
            return _blocks(block, colon + 1, *found)
        colon = block.text.find(": ", colon + 2)
    return [block]


def _items_after(text: str, start: int) -> tuple[list[int], int] | None:
    """(item starts, end of the list) for a run of items from ``start``, or None when fewer than three."""
    words = list(WORD.finditer(text, start))
    if not words or not _item_start(words[0].group()):
        return None
    starts, stop = [words[0].start()], len(text)
    pairs = list(zip(words, words[1:]))
    for prev, word in pairs:
        if prev.group().endswith((".", "!", "?")):
            stop = prev.end()
            break
        if _item_start(word.group()) and not prev.group().endswith((",", ";", ":")):
            starts.append(word.start())
    end = next((word.start() for prev, word in pairs if starts[-1] < word.start() < stop
                and _boundary(prev.group(), word.group())), stop)
    bounds = [*starts, end]
    if len(starts) < MIN_ITEMS or any(len(text[a:b].split()) > MAX_ITEM_WORDS for a, b in zip(bounds, bounds[1:])):
        return None
    return starts, end


def _boundary(prev: str, word: str) -> bool:
    """A capitalised word right after a lower-case one: where a lost line break was."""
    return word[:1].isupper() and prev[:1].islower() and not prev.endswith((",", ";"))


def _item_start(word: str) -> bool:
    return word[:1].isupper() and verb_form(word.strip(",;")) == "inf"


def _blocks(block: Block, lead_end: int, starts: list[int], end: int) -> list[Block]:
    text = block.text
    out = [replace(block, text=text[:lead_end].strip())]
    for a, b in zip(starts, [*starts[1:], end]):
        out.append(replace(block, text=text[a:b].strip(), kind="item", level=block.level + 1, bullet="•", gap_before=0))
    rest = text[end:].strip()
    if rest:
        out.append(replace(block, text=rest, gap_before=1))
    return out
