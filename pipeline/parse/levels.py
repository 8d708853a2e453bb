"""List depth from bullet glyphs and indentation, for sources that do not say it (text, text tables)."""
from __future__ import annotations


def glyph_kind(glyph: str, markdown: bool = False) -> str:
    """The list style a glyph stands for: "1." for 1. 2. 3., "a)" for a) b), "•" for all round bullets;
    in Markdown, "-" for its three bullets "-", "*" and "+"."""
    if glyph[0].isdigit():
        return "1." if glyph.count(".") <= 1 else f"1{'.1' * glyph.count('.')}"
    if len(glyph) == 2 and glyph[0].isalpha():
        return "A)" if glyph[0].isupper() else "a)"
    if glyph in "\uf0b7•●·":
        return "•"
    if markdown and glyph in "*+":  # CommonMark: another bullet character at the same indent is a sibling list
        return "-"
    return glyph


class ListLevels:
    """List depth as a reader infers it: deeper indentation goes one deeper; at the same indentation a
    glyph seen before returns to its depth and a new glyph goes one deeper (flattened PDF text has
    no indentation, only glyph order). In Markdown, indentation alone nests: "-", "*" and "+" are one style
    (plain text differs: the seed's "-" items under a "*" item at the same indent are its sub-measures)."""

    def __init__(self, markdown: bool = False) -> None:
        self.stack: list[tuple[str, int]] = []
        self.markdown = markdown

    def reset(self) -> None:
        self.stack = []

    def level(self, glyph: str, indent: int) -> int:
        kind = glyph_kind(glyph, self.markdown)
        while self.stack and indent < self.stack[-1][1]:
            self.stack.pop()
        if self.stack and indent == self.stack[-1][1]:
            for depth, (seen, seen_indent) in enumerate(self.stack):
                if seen == kind and seen_indent == indent:
                    del self.stack[depth + 1:]
                    return depth
        self.stack.append((kind, indent))
        return len(self.stack) - 1
