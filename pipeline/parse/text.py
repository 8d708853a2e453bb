"""Plain text and Markdown: one block per line, with bullets, list levels and Markdown headings.

Line numbers are 1-based, as an editor shows them. Semantics (is this short line a heading? is this
fragment a goal?) are the segmenter's job; this module only records what the layout says:
the bullet glyph, its nesting, the raw line width and the blank lines before it.
"""
from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import replace
from pathlib import Path

from pipeline import limits
from pipeline.errors import EmptyDocument, ParseError
from pipeline.models import Block, Document
from pipeline.parse.levels import ListLevels
from pipeline.parse.text_columns import aligned_table_at
from pipeline.parse.text_flat import flat_table_at
from pipeline.parse.text_table import split_inline_bullets, strip_inline_markdown, table_at
from pipeline.parse.titles import as_title

BULLET_GLYPHS = "*•●▪■◦○·‣►➢→⇒➔\uf0b7\uf0a7–-o»>"
_BULLET = re.compile(
    r"^(?P<indent>[ \t]*)(?P<glyph>->|=>|[→⇒➔]|[*•●▪■◦○·‣►➢\uf0b7\uf0a7»>]|[-–](?=\s)|-(?=[A-ZÆØÅ][a-zæøå])|o(?=[ \t\u00a0])|\d{1,2}(?:\.\d{1,2})*[.)](?=\s)"
    r"|\d{1,2}(?:\.\d{1,2})+(?=\s)|[A-Za-z][)](?=\s)|[a-z][.](?=\s+(?!fl\.|eks)[^\W\d]{2}))[ \t\u00a0]*(?P<rest>\S.*)$"
)
_GLUED_DASH = re.compile(r"\s+-(?=[A-ZÆØÅ][a-zæøå])")
_DATE_START = re.compile(
    r"^\s*\d{1,2}\.\s*(?:jan|feb|mar|apr|mai|jun|jul|aug|sep|okt|nov|des)", re.IGNORECASE)
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_SPACE = re.compile(r"[ \t\u00a0\u2007\u202f]+")
_NUMBERED_LABEL = re.compile(r"^[A-ZÆØÅa-zæøå]+\s+\d{1,2}\s*:\s*\S")
CHECK_EVERY = 5000
"""Lines between checks of the time and block limits (see :mod:`pipeline.limits`)."""


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode text bytes: BOMs first, then UTF-8, then UTF-16 without BOM, then cp1252. Returns (text, encoding)."""
    for bom, enc in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(enc), enc
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if len(data) >= 4 and data.count(b"\x00") > len(data) // 4:
        enc = "utf-16-le" if data[1::2].count(b"\x00") > data[0::2].count(b"\x00") else "utf-16-be"
        try:
            return data.decode(enc), enc
        except UnicodeDecodeError:
            pass
    return data.decode("cp1252", errors="replace"), "cp1252"


def clean_text(text: str) -> str:
    """NFC, soft hyphens and zero-width characters removed, whitespace collapsed."""
    text = unicodedata.normalize("NFC", text).replace("\u00ad", "").replace("\u200b", "").replace("\ufeff", "")
    return _SPACE.sub(" ", text).strip()


def text_to_blocks(text: str, markdown: bool = False) -> list[Block]:
    """Turn decoded text into blocks, one per line (two where a line joins a label cell and a bullet);
    ``markdown`` reads list levels by Markdown's rules (:class:`ListLevels`)."""
    blocks: list[Block] = []
    levels = ListLevels(markdown)
    gap = 0
    lines = unquote_email(text.splitlines())
    limits.check_text(len(text), 0, max(map(len, lines), default=0))
    table_until, rows = 0, 0
    for lineno, raw in enumerate(lines, start=1):
        if lineno % CHECK_EVERY == 0:
            limits.tick(f"line {lineno}")
            limits.check_text(0, len(blocks), 0)
        if lineno <= table_until:
            continue
        found = (table_at(lines, lineno - 1, rows) or aligned_table_at(lines, lineno - 1, rows)
                 or flat_table_at(lines, lineno - 1, rows))
        if found:
            table, table_until = found
            rows += len({b.row for b in table if b.row is not None})
            if table:
                blocks.extend([replace(table[0], gap_before=gap), *table[1:]])
            levels.reset()
            gap = 0
            continue
        raw = strip_inline_markdown(raw.replace("\x00", "")).rstrip()
        if not clean_text(raw):
            gap += 1
            continue
        width = len(raw.expandtabs(4))
        md = _MD_HEADING.match(raw)
        if md:
            levels.reset()
            blocks.append(Block(clean_text(md.group(2)), "heading", len(md.group(1)), line=lineno, width=width, gap_before=gap))
            gap = 0
            continue
        m = None if _DATE_START.match(raw) else _BULLET.match(raw)
        if m:
            indent = len(m.group("indent").expandtabs(4))
            pieces = split_inline_bullets(m.group("rest"))
            if pieces[0][0] is None:  # the text right after the line's own bullet
                pieces[0] = (m.group("glyph"), pieces[0][1])
            if raw.lstrip()[1:2].isalpha():  # "-Attraksjonsverksted -Kvalitetssikring": dashes glued to their items
                pieces = [("-", p) for _, text in pieces for p in _GLUED_DASH.split(text)]
        else:
            indent = len(raw) - len(raw.lstrip())
            pieces = split_inline_bullets(raw)
        for glyph, part in pieces:
            part = clean_text(part)
            if not part:
                continue
            if glyph is None:
                blocks.append(Block(part, "text", 0, line=lineno, width=width, gap_before=gap))
            else:
                blocks.append(Block(part, "item", levels.level(glyph, indent), line=lineno, bullet=glyph,
                                    width=width, gap_before=gap))
            gap = 0
    return _mark_title(blocks)


_QUOTE = re.compile(r"^(?:>[ \t]?)+")
REPLY_HEADER = re.compile(r"^.{0,120}\b(?:skrev|skreiv|wrote)\b.{0,150}:$", re.IGNORECASE)
"""The line over a quoted earlier message: "Den fre. 2. okt. 2026 kl. 09:14 skrev Tor Erik Sætre <…>:"."""
MIN_QUOTED = 3
SIGN_OFF = re.compile(r"^(?:med (?:vennlig |venleg )?(?:hilsen|helsing)|vennlig hilsen|venleg helsing|beste hilsen|"
                      r"mvh|hilsen|helsing|best regards|regards)\b",
                      re.IGNORECASE)


def is_sign_off(text: str) -> bool:
    """A letter's closing greeting ("Med vennlig hilsen", "Mvh", "Venleg helsing"), a short line."""
    return bool(SIGN_OFF.match(text)) and len(text.split()) <= 6


def unquote_email(lines: list[str]) -> list[str]:
    """An e-mail's quoted message ("> " before each line, after "Den … skrev …:") as plain lines: the quote
    marks are no bullets, and a lone ">" is a blank line; the quoted message's signature (its sign-off and
    what follows it in the quote) is left out, so that the reply's own text after the quote still counts.
    Lines starting with ">" are quotes only when the text reads as a reply (a lone ">" line or a "… skrev …:"
    header, and at least three quoted lines); in notes that use ">" as a bullet they stay as they are."""
    quoted = [line for line in lines if line.startswith(">")]
    if len(quoted) < MIN_QUOTED or not (any(not _QUOTE.sub("", q).strip() for q in quoted)
                                        or any(REPLY_HEADER.match(line.strip()) for line in lines)):
        return lines
    out, signed = [], False
    for line in lines:
        if not line.startswith(">"):
            signed = False
            out.append(line)
            continue
        text = _QUOTE.sub("", line)
        signed = signed or is_sign_off(text.strip())
        out.append("" if signed else text)  # a blank line keeps the line numbers
    return out


def _mark_title(blocks: list[Block]) -> list[Block]:
    """The first line is the title when it is running text or a top heading (not a list item, nor a
    numbered label such as "Delmål 1: …" that heads the first group of a list); see :func:`as_title`."""
    if blocks and blocks[0].kind in ("text", "heading") and blocks[0].column is None and blocks[0].line <= 5 \
            and not _NUMBERED_LABEL.match(blocks[0].text):
        return [*as_title(blocks[0]), *blocks[1:]]
    return blocks


def parse_text(path: Path, source_file: str) -> Document:
    """Parse a plain-text or Markdown file. Raises :class:`ParseError` for binary or empty content."""
    data = path.read_bytes()
    limits.check_text(len(data) // 4, 0, 0)  # no encoding packs more than 4 bytes into a character
    text, encoding = decode_bytes(data)
    del data
    warnings: list[str] = []
    if "\x00" in text:
        if text.count("\x00") > max(8, len(text) // 100):
            raise ParseError(f"{source_file} looks like a binary file, not text",
                             "check the file type; export it as PDF, DOCX or plain text")
        warnings.append("NUL bytes removed")
    if encoding == "cp1252":
        warnings.append("not UTF-8: read as Windows-1252 (cp1252)")
    fmt = "markdown" if path.suffix.lower() in (".md", ".markdown") else "text"
    blocks = text_to_blocks(text, markdown=fmt == "markdown")
    if not blocks:
        raise EmptyDocument(f"{source_file} has no text", "check that it is the right file; remove it from raw/ if not")
    title = next((b.text for b in blocks if b.kind == "title"), None)
    return Document(source_file=source_file, format=fmt, blocks=tuple(blocks), parser="tiltak.text 1",
                    encoding=encoding, title=title, warnings=tuple(warnings))
