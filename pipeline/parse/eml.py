"""E-mails saved as ``.eml`` (RFC 822, as Outlook, Thunderbird and webmail save them).

The header fields become the "Fra:/Til:/Emne:" lines an e-mail pasted into a text file has (the
segmenter knows they are not measures), the subject is the title, and the body is read by the text
or HTML parser (plain text preferred). A text attachment (HTML, plain text, Markdown: a consultation response
sent as an attached page) is read after the body, as part of the letter. Other attachments (PDF, Word) are not
read: the document's warnings name them, so the sender's draft can be saved into ``raw/`` on its own.
"""
from __future__ import annotations

import email.utils
from dataclasses import replace
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path

from pipeline.errors import EmptyDocument, ParseError
from pipeline.models import Block, Document
from pipeline.parse.html import html_to_blocks
from pipeline.parse.text import clean_text, text_to_blocks

PARSER_NAME = "email (stdlib)"
_FIELDS = (("From", "Fra"), ("To", "Til"), ("Cc", "Kopi"), ("Date", "Dato"), ("Subject", "Emne"))


def _header_blocks(msg: EmailMessage) -> list[Block]:
    """'Fra: …', 'Til: …', 'Dato: 03.11.2025', 'Emne: …' lines, in that order."""
    out: list[Block] = []
    for field, label in _FIELDS:
        value = msg.get(field)
        if not value:
            continue
        text = clean_text(str(value))
        if field == "Date":
            try:
                text = email.utils.parsedate_to_datetime(text).strftime("%d.%m.%Y %H:%M")
            except (TypeError, ValueError):
                pass
        out.append(Block(text=f"{label}: {text}", kind="text", line=len(out) + 1, width=len(text)))
    return out


TEXT_ATTACHMENTS = frozenset({"text/plain", "text/html", "text/markdown"})


def _body_blocks(msg: EmailMessage, source_file: str) -> list[Block]:
    body = msg.get_body(preferencelist=("plain", "html"))
    return [] if body is None else _part_blocks(body, source_file)


def _part_blocks(body: EmailMessage, source_file: str) -> list[Block]:
    """The blocks of one text part (the body or a text attachment)."""
    try:
        content = body.get_content()
    except (LookupError, UnicodeError, AssertionError) as exc:
        raise ParseError(f"{source_file}: the e-mail body could not be decoded ({exc})",
                         "save the e-mail again, or paste its text into a .txt file") from exc
    if body.get_content_subtype() == "html":
        return html_to_blocks(content, source_file)
    return text_to_blocks(content)


def parse_eml(path: Path, source_file: str) -> Document:
    """Parse an ``.eml`` file: header lines, then the body's blocks (title: the subject)."""
    try:
        msg = BytesParser(policy=policy.default).parsebytes(path.read_bytes())
    except Exception as exc:  # the stdlib parser is lenient; anything raised means a broken file
        raise ParseError(f"{source_file} could not be read as an e-mail ({type(exc).__name__})",
                         "save the e-mail again as .eml, or paste its text into a .txt file") from exc
    assert isinstance(msg, EmailMessage)
    header = _header_blocks(msg)
    offset = len(header) + 1
    parts = list(msg.iter_attachments())
    read = [part for part in parts if part.get_content_type() in TEXT_ATTACHMENTS]
    blocks = _body_blocks(msg, source_file)
    for part in read:
        start = max((b.line for b in blocks), default=0) + 2
        blocks += [replace(b, line=b.line + start) for b in _part_blocks(part, source_file)]
    body = [replace(b, kind="text" if b.kind == "title" else b.kind, line=b.line + offset) for b in blocks]
    if not body:
        raise EmptyDocument(f"{source_file} has no readable text body",
                            "check that it is the right e-mail; remove it from raw/ if not")
    subject = clean_text(str(msg.get("Subject", ""))) or None
    attachments = [part.get_filename() or part.get_content_type() for part in parts if part not in read]
    warnings = tuple(f"attachment not read: {name} (save it into raw/ to process it)" for name in attachments)
    return Document(source_file=source_file, format="email", blocks=tuple(header + body), parser=PARSER_NAME,
                    encoding="utf-8", title=subject, warnings=warnings)
