"""Headings that title a measure written as prose: a web page or a Word document that gives each measure a
small heading of its own and a paragraph or two beneath it ("<h3>Vinterturisme i fjellet</h3>" + "Saman med
reiselivsbedriftene startar vi eit forprosjekt … Vinje kommune leier arbeidet."). Such a heading is the
measure's title and its short body the measure's text, as a formal programme's titled measure with labelled
lines is. Only marked-up headings count (HTML, Word styles, Markdown "#"), at the document's deepest heading
level, three or more in a row under one parent heading, each over a short body of running text and nothing
else: a news article's crossheads over long stretches of prose, or sections holding lists, are no such run.
"""
from __future__ import annotations

from pipeline.models import Block

MIN_RUN = 3
"""Sibling headings in a row, each over a short body, before they are read as measure titles."""
MAX_BODY_WORDS = 120
"""The longest body a measure's title heading stands over."""
MAX_TITLE_WORDS = 8


def _body(blocks: list[Block], i: int) -> list[Block] | None:
    """The blocks under heading ``i`` up to the next heading, when they are running text only."""
    body: list[Block] = []
    for b in blocks[i + 1:]:
        if b.kind == "heading":
            break
        if b.kind != "text" or b.column is not None:
            return None
        body.append(b)
    return body


def titled_headings(blocks: list[Block]) -> frozenset[int]:
    """Indices of the headings that title a measure written as prose (see the module doc)."""
    levels = [b.level for b in blocks if b.kind == "heading"]
    if not levels:
        return frozenset()
    deepest = max(levels)
    out: set[int] = set()
    run: list[int] = []
    for i, b in enumerate(blocks):
        if b.kind != "heading":
            continue
        body = _body(blocks, i) if b.level == deepest else None
        short = body is not None and 0 < sum(len(x.text.split()) for x in body) <= MAX_BODY_WORDS \
            and len(b.text.split()) <= MAX_TITLE_WORDS and not b.text.rstrip().endswith(":")
        if short:
            run.append(i)
            continue
        out |= set(run) if len(run) >= MIN_RUN else set()  # a parent heading or another kind of section ends it
        run = []
    out |= set(run) if len(run) >= MIN_RUN else set()
    return frozenset(out)
