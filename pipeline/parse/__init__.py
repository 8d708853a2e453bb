"""One dispatcher, one parser per format, all with the same signature: ``(path, source_file) -> Document``.

The format is sniffed from the bytes, not trusted from the extension: an HTML page saved as
``.pdf`` is read as HTML, garbage named ``.pdf`` is a clear error.
"""
from __future__ import annotations

import importlib
from pathlib import Path
from typing import Callable

from ..errors import EmptyDocument, UnsupportedFormat
from ..models import Document

Parser = Callable[[Path, str], Document]

PARSERS: dict[str, str] = {
    "pdf": "pipeline.parse.pdf:parse_pdf",
    "docx": "pipeline.parse.docx:parse_docx",
    "html": "pipeline.parse.html:parse_html",
    "text": "pipeline.parse.text:parse_text",
    "markdown": "pipeline.parse.text:parse_text",
}


def sniff_format(path: Path) -> str:
    """Return "pdf" | "docx" | "html" | "markdown" | "text" from the file's first bytes (and suffix)."""
    with path.open("rb") as fh:
        head = fh.read(4096)
    if not head:
        raise EmptyDocument(f"{path.name} is empty (0 bytes)", "save the file again or remove it from raw/")
    if head.lstrip()[:5] == b"%PDF-" or head[:1024].find(b"%PDF-") >= 0:
        return "pdf"
    if head[:4] == b"PK\x03\x04":
        return "docx"
    if head[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise UnsupportedFormat(f"{path.name} is an old binary Office file (.doc/.xls)",
                                "save it as .docx (Word: File > Save as > Word document)")
    lowered = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if lowered.startswith((b"<!doctype html", b"<html")) or b"<html" in lowered[:512]:
        return "html"
    if path.suffix.lower() in (".pdf", ".docx"):
        raise UnsupportedFormat(f"{path.name} is named {path.suffix} but is not a {path.suffix[1:].upper()} file",
                                "the file is damaged or mis-named; export it again from its source")
    if path.suffix.lower() in (".html", ".htm") and b"<" in head:
        return "html"
    if path.suffix.lower() in (".md", ".markdown"):
        return "markdown"
    return "text"


def get_parser(fmt: str) -> Parser:
    """The parser function for a format name (imported lazily: PDF and DOCX libraries are heavy)."""
    module_name, _, func = PARSERS[fmt].partition(":")
    return getattr(importlib.import_module(module_name), func)


def parse(path: Path, source_file: str | None = None) -> Document:
    """Parse any supported file into a :class:`Document`. Raises :class:`~pipeline.errors.ParseError`."""
    fmt = sniff_format(path)
    return get_parser(fmt)(path, source_file or path.name)
