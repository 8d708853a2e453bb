"""The document title: the first line or sentence, never a paragraph that holds the content.

A transcript or a pasted page often runs its opening together into one long first paragraph; taken whole
as the title, its measures would never be read. Every parser that makes its first paragraph the title
passes it through :func:`as_title`.
"""
from __future__ import annotations

import re
from dataclasses import replace

from pipeline.models import Block

TITLE_MAX_WORDS = 30
LEAD_IN_MIN_WORDS = 3  # "Referat:", "Innspill til planen:" may still name the document
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÆØÅ])")


def as_title(block: Block) -> list[Block]:
    """``block`` as the title; when it is longer than a title (over 30 words), its first sentence as the
    title and the rest as running text; when even that sentence is too long, the block unchanged. A
    block that hands over to a list ("Kommunestyret vedtok å innføre disse tiltakene:") is never the title
    whole: a single sentence stays as it is (a lead-in), a longer block gives its first sentence."""
    title, rest = (_SENTENCE_END.split(block.text, maxsplit=1) + [""])[:2]
    hands_over = block.text.rstrip().endswith(":") and len(block.text.split()) > LEAD_IN_MIN_WORDS
    if hands_over and not rest:
        return [block]
    if len(block.text.split()) <= TITLE_MAX_WORDS and not hands_over:
        return [replace(block, kind="title", level=0, bullet=None)]
    if len(title.split()) > TITLE_MAX_WORDS:
        return [block]
    out = [replace(block, text=title, kind="title", level=0, bullet=None)]
    if rest:
        out.append(replace(block, text=rest, kind="text", level=0, bullet=None, gap_before=0))
    return out
