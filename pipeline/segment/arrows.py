"""Action arrows in quick notes. Workshop notes typed in a hurry mark what is to be done with an arrow
("-> felles lærlingkontor …", "- -> kurs for politikarar …", "havbruket treng folk … -> dialog med HVL om
kortkurs") among lines that only record what was said ("stor mangel på fagarbeidarar"). In a list that
uses the arrow so (two arrowed lines or more, at the list's own depth), the arrow is the list's bullet: the
arrowed lines are its items, an arrow inside a line starts an item of what follows it, and the other lines
of the list at that depth are what was said, no measure and no part of one: they are left out of the
blocks the segmenter reads (a first line that opens the list, such as a group's heading, stays). Arrows
deeper than the list's other lines ("- Etablere X" + "  -> ansvar: SB") are sub-points, and change nothing.
"""
from __future__ import annotations

import re
from dataclasses import replace

from pipeline.models import Block

ARROWS = frozenset({"->", "=>", "→", "⇒", "➔"})
LEADING = re.compile(r"^(?P<arrow>->|=>|[→⇒➔])\s*(?=\S)")
INSIDE = re.compile(r"\s(?P<arrow>->|=>|[→⇒➔])\s+(?=\S)")
MIN_ARROWS = 2
"""Arrowed lines a list needs before its arrows are read as the action marker."""


def _arrowed(block: Block) -> bool:
    return block.bullet in ARROWS or block.kind == "item" and bool(LEADING.match(block.text))


def _runs(blocks: list[Block]) -> list[list[int]]:
    """Indices of consecutive list and text lines with no blank line between them."""
    runs: list[list[int]] = [[]]
    for i, block in enumerate(blocks):
        if block.kind not in ("item", "text") or block.column is not None:
            runs.append([])
        elif block.gap_before:
            runs.append([i])
        else:
            runs[-1].append(i)
    return [run for run in runs if run]


def _arrow_depth(blocks: list[Block], run: list[int]) -> int | None:
    """The depth of a run's arrowed lines when it marks its actions with them (see the module doc), else None."""
    arrowed = [blocks[i] for i in run if _arrowed(blocks[i])]
    depths = {b.level for b in arrowed}
    if len(arrowed) < MIN_ARROWS or len(depths) != 1:
        return None
    depth = depths.pop()
    return depth if all(blocks[i].level >= depth for i in run) else None


def _as_read(block: Block) -> list[Block]:
    """One line of an arrow list at its depth: its arrow item, the item after an arrow inside it, or nothing."""
    if _arrowed(block):
        lead = LEADING.match(block.text)
        return [replace(block, text=block.text[lead.end():] if lead else block.text, kind="item",
                        bullet=lead["arrow"] if lead else block.bullet)]
    inside = INSIDE.search(block.text)
    if inside is None:
        return []
    return [replace(block, text=block.text[inside.end():], kind="item", bullet=inside["arrow"])]


def arrow_actions(blocks: list[Block]) -> list[Block]:
    """``blocks`` with every list that marks its actions with arrows read as described in the module doc."""
    read: dict[int, int] = {}  # block index -> the depth of its arrow list
    for run in _runs(blocks):
        depth = _arrow_depth(blocks, run)
        if depth is not None:
            read.update({i: depth for k, i in enumerate(run) if blocks[i].level == depth
                         and (k > 0 or blocks[i].kind == "item" or _arrowed(blocks[i]))})
    if not read:
        return blocks
    return [part for i, block in enumerate(blocks) for part in (_as_read(block) if i in read else [block])]
