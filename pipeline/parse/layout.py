"""``tiltak show --layout``: a parsed document's blocks as the parser saw them, one line each.

Each line gives page and line, the block's kind and level, its table column role or its text column
(``col 1`` of a page set in columns; ``-`` for running text on a one-column page), the table row, the
bounding box, and the text cut to ``width``. Pure formatting over :class:`~pipeline.models.Document`.
"""
from __future__ import annotations

from pipeline.models import Block, Document


def block_line(block: Block, width: int = 100) -> str:
    """One block as a fixed-width line: ``p1 l12  item/1  measure  r3  [72,140,300,152]  text``."""
    where = f"p{block.page or '-'} l{block.line}"
    kind = f"{block.kind}/{block.level}"
    column = block.column or (f"col {block.text_column + 1}" if block.text_column is not None else "-")
    row = f"r{block.row}" if block.row is not None else "-"
    box = "[" + ",".join(str(round(v)) for v in block.bbox) + "]" if block.bbox else "-"
    bullet = f"{block.bullet} " if block.bullet else ""
    text = bullet + block.text
    text = text if len(text) <= width else text[: width - 1] + "…"
    return f"{where:<10} {kind:<10} {column:<11} {row:<4} {box:<22} {text}"


def layout_lines(doc: Document, width: int = 100) -> list[str]:
    """A header line naming the file, format, parser and page count, then one line per block."""
    pages = f", {doc.n_pages} sider" if doc.n_pages else ""
    head = f"{doc.source_file} ({doc.format}, {doc.parser}{pages}): {len(doc.blocks)} blokker"
    legend = f"{'side/linje':<10} {'type/nivå':<10} {'kolonne':<11} {'rad':<4} {'boks':<22} tekst"
    return [head, legend, *(block_line(b, width) for b in doc.blocks)]
