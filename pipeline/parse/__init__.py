"""One dispatcher, one parser per format, all with the same signature: ``(path, source_file) -> Document``.

The format is sniffed from the bytes, not trusted from the extension: an HTML page saved as
``.pdf`` is read as HTML, garbage named ``.pdf`` is a clear error, a password-protected ``.docx``
(an OLE container holding an ``EncryptedPackage``) says so. Every parse runs inside the per-file
limits of :mod:`pipeline.limits` (size before reading, pages, text, seconds).
"""
from __future__ import annotations

import importlib
from pathlib import Path
from typing import Callable

from pipeline import limits
from pipeline.config import SUPPORTED_SUFFIXES, Settings
from pipeline.errors import EmptyDocument, EncryptedDocument, UnsupportedFormat
from pipeline.models import Document

Parser = Callable[[Path, str], Document]

PARSERS: dict[str, str] = {
    "pdf": "pipeline.parse.pdf:parse_pdf",
    "docx": "pipeline.parse.docx:parse_docx",
    "html": "pipeline.parse.html:parse_html",
    "text": "pipeline.parse.text:parse_text",
    "markdown": "pipeline.parse.text:parse_text",
    "email": "pipeline.parse.eml:parse_eml",
}
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")  # OLE directory names are UTF-16LE


def foreign_suffix(path: Path) -> bool:
    """A real extension of a format tiltak does not read (".doc", ".xlsx", ".jpg"); ".2025" is not one."""
    suffix = path.suffix.lower()
    return bool(suffix) and suffix not in SUPPORTED_SUFFIXES and suffix[1:].isalpha()


def _contains(path: Path, needle: bytes, chunk: int = 1 << 20) -> bool:
    """Whether the file contains ``needle``, read in chunks (bounded memory)."""
    tail = b""
    with path.open("rb") as fh:
        while data := fh.read(chunk):
            if needle in tail + data:
                return True
            tail = data[-len(needle):]
    return False


def _ole_error(path: Path, name: str) -> Exception:
    """An OLE compound file: an encrypted .docx/.xlsx (Office puts those in OLE) or a legacy .doc/.xls."""
    if path.suffix.lower() == ".docx" or _contains(path, _ENCRYPTED_PACKAGE):
        return EncryptedDocument(f"{name} is a password-protected Word document (encrypted .docx)",
                                 "remove the password (Word: File > Info > Protect Document > Encrypt with "
                                 "Password, clear it) and save it again")
    return UnsupportedFormat(f"{name} is an old binary Office file (.doc/.xls)",
                             "save it as .docx (Word: File > Save as > Word document)")


def sniff_format(path: Path, source_file: str | None = None) -> str:
    """Return "pdf" | "docx" | "html" | "markdown" | "email" | "text" from the file's first bytes (and suffix)."""
    name = source_file or path.name
    with path.open("rb") as fh:
        head = fh.read(4096)
    if not head:
        raise EmptyDocument(f"{name} is empty (0 bytes)", "save the file again or remove it from raw/")
    if head.lstrip()[:5] == b"%PDF-" or head[:1024].find(b"%PDF-") >= 0:
        return "pdf"
    if head[:4] == b"PK\x03\x04":
        return "docx"
    if head[:8] == OLE_MAGIC:
        raise _ole_error(path, name)
    if path.suffix.lower() == ".eml":  # an HTML body shows "<html" in the first bytes
        return "email"
    lowered = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if lowered.startswith((b"<!doctype html", b"<html")) or b"<html" in lowered[:512]:
        return "html"
    suffix = path.suffix.lower()
    if suffix in (".pdf", ".docx"):
        raise UnsupportedFormat(f"{name} is named {suffix} but is not a {suffix[1:].upper()} file",
                                "the file is damaged or mis-named; export it again from its source")
    if foreign_suffix(path):
        raise UnsupportedFormat(f"{name}: {suffix} files are not read")
    if suffix in (".html", ".htm") and b"<" in head:
        return "html"
    if suffix in (".md", ".markdown"):
        return "markdown"
    return "text"


def get_parser(fmt: str) -> Parser:
    """The parser function for a format name (imported lazily: PDF and DOCX libraries are heavy)."""
    module_name, _, func = PARSERS[fmt].partition(":")
    return getattr(importlib.import_module(module_name), func)


def parse(path: Path, source_file: str | None = None, settings: Settings | None = None) -> Document:
    """Parse any supported file into a :class:`Document` within the per-file limits (``settings``, else
    those already in force, else ``tiltak.toml``). Raises :class:`~pipeline.errors.ParseError`."""
    name = source_file or path.name
    if settings is None and limits.current() is not None:
        return _parse(path, name)
    with limits.file_limits(settings or Settings.load(), name):
        return _parse(path, name)


def _parse(path: Path, name: str) -> Document:
    active = limits.current()
    max_bytes = active.settings.max_file_bytes if active else None
    size = path.stat().st_size
    if max_bytes is not None and size > max_bytes:
        raise limits.exceeded(name, f"{size} bytes", "max_file_bytes", max_bytes)
    fmt = sniff_format(path, name)
    if fmt == "html":  # BeautifulSoup holds the whole tree: refuse what cannot be within max_text_chars
        limits.check_text(size // 4, 0, 0)
    doc = get_parser(fmt)(path, name)
    limits.check_document(doc)
    return doc
