"""Blocks cut finer before segmenting. Numbered items that run together inside one paragraph ("… desse oppgåvene: 1. Fremja … 2. Fremja …
3. Vera …"), as PDF transcripts and pasted text flatten ordered lists, become one block per item.

Only a run of at least three numbers counting up from 1 is split, so dates ("1. januar"), section
numbers ("1.1 Samferdsle") and a lone "2." inside a sentence stay as they are. Long prose paragraphs
are cut into sentences (measures in letters, minutes and news are sentences); the confidence model then
tells which sentences are measures.
"""
from __future__ import annotations

import re
from dataclasses import replace

from pipeline.models import Block
from pipeline.segment.labels import LATER_LABEL

MARK = re.compile(r"(?:(?<=\s)|^)(\d{1,2})[.)]\s+(?=[A-ZÆØÅa-zæøå«\"])")
MIN_ITEMS = 3


def _run_from_one(text: str) -> list[re.Match[str]]:
    """The longest chain of marks numbered 1, 2, 3, … in reading order."""
    best: list[re.Match[str]] = []
    marks = list(MARK.finditer(text))
    for start, m in enumerate(marks):
        if m[1] != "1":
            continue
        chain = [m]
        for nxt in marks[start + 1:]:
            if int(nxt[1]) == int(chain[-1][1]) + 1:
                chain.append(nxt)
        if len(chain) > len(best):
            best = chain
    return best


def split_inline_numbered(block: Block) -> list[Block]:
    """The block as a lead text and one item per number, or unchanged when it holds no such run."""
    if block.column not in (None, "measure") or block.kind == "heading":
        return [block]
    chain = _run_from_one(block.text)
    if len(chain) < MIN_ITEMS:
        return [block]
    out = []
    lead = block.text[: chain[0].start()].strip()
    if lead:
        out.append(replace(block, text=lead))
    ends = [m.start() for m in chain[1:]] + [len(block.text)]
    for m, end in zip(chain, ends):
        item = block.text[m.end(): end].strip()
        if item:
            out.append(replace(block, text=item, kind="item", level=block.level + (1 if lead else 0),
                               bullet=f"{m[1]}.", gap_before=0))
    return out


def split_labels(block: Block) -> list[Block]:
    """A running-text line holding several labelled parts ('… Ansvar: Sekretariatet. Frist: 1.3.2026')
    as one block per part, so that an owner or deadline never stays in the measure's text."""
    if block.column is not None or block.kind == "heading":
        return [block]
    parts = [p.strip() for p in LATER_LABEL.split(block.text) if p.strip()]
    if len(parts) < 2:
        return [block]
    return [replace(block, text=p, kind="text" if i else block.kind, gap_before=block.gap_before if i == 0 else 0)
            for i, p in enumerate(parts)]


def split_blocks(blocks: list[Block]) -> list[Block]:
    """Every block with its inline numbered runs split, labelled parts of a line apart, and long prose
    paragraphs cut into sentences."""
    return [s for block in blocks for part in split_inline_numbered(block) for lab in split_labels(part)
            for s in split_prose(lab)]


ABBREVIATIONS = re.compile(r"\b(f\.eks|bl\.a|m\.a|m\.m|ca|nr|kr|jf|mv|dvs|osv|pga|t\.o\.m|f\.o\.m|inkl|evt|ifb|iht|mht|ref|tlf|kl|pr|st)\.$", re.I)
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[«\"(]?[A-ZÆØÅ0-9])")
PROSE_MIN_WORDS = 30


def sentences(text: str) -> list[str]:
    """``text`` cut after ".", "!" or "?" before a capital, except after common abbreviations."""
    out: list[str] = []
    start = 0
    for m in SENTENCE_END.finditer(text):
        head = text[start:m.start()]
        if ABBREVIATIONS.search(head):
            continue
        out.append(head.strip())
        start = m.end()
    out.append(text[start:].strip())
    return [s for s in out if s]


def split_prose(block: Block) -> list[Block]:
    """A long running-text paragraph (not a list item, heading or table cell) as one block per sentence,
    so that the demands and decisions inside prose can be told from the background around them."""
    if block.kind != "text" or block.column is not None or len(block.text.split()) < PROSE_MIN_WORDS:
        return [block]
    parts = sentences(block.text)
    if len(parts) < 2:
        return [block]
    return [replace(block, text=s, gap_before=block.gap_before if i == 0 else 1) for i, s in enumerate(parts)]
