"""List depth from bullet glyphs and indentation, for sources that do not say it (text, text tables)."""
from __future__ import annotations


def glyph_kind(glyph: str) -> str:
    """The list style a glyph stands for: "1." for 1. 2. 3., "a)" for a) b), "•" for all round bullets."""
    if glyph[0].isdigit():
        return "1." if glyph.count(".") <= 1 else f"1{'.1' * glyph.count('.')}"
    if len(glyph) == 2 and glyph[0].isalpha():
        return "A)" if glyph[0].isupper() else "a)"
    if glyph in "\uf0b7•●·":
        return "•"
    return glyph


class ListLevels:
    """List depth as a reader infers it: deeper indentation goes one deeper; at the same indentation a
    glyph seen before returns to its depth and a new glyph goes one deeper (flattened PDF text has
    no indentation, only glyph order)."""

    def __init__(self) -> None:
        self.stack: list[tuple[str, int]] = []

    def reset(self) -> None:
        self.stack = []

    def level(self, glyph: str, indent: int) -> int:
        kind = glyph_kind(glyph)
        while self.stack and indent < self.stack[-1][1]:
            self.stack.pop()
        if self.stack and indent == self.stack[-1][1]:
            for depth, (seen, seen_indent) in enumerate(self.stack):
                if seen == kind and seen_indent == indent:
                    del self.stack[depth + 1:]
                    return depth
        self.stack.append((kind, indent))
        return len(self.stack) - 1
