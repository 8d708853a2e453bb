"""PDF parser: ruled tables, borderless tables and one-column notes -> :class:`Document`.

Two engines read the pages, chosen by ``pdf_engine`` in ``tiltak.toml``: "pdfium" (default; pypdfium2,
:mod:`pipeline.parse.pdfium_page`) and "pdfplumber" (pdfminer; the reference). Both give the layout code
the same words, rules and shapes, and ``tests/parse/test_pdf_engines.py`` holds them to the same output.
Pages are read one at a time and closed as soon as their lines are extracted, so memory stays bounded
on long files; the page count and time are checked against the per-file limits. Errors name the file:
encrypted -> :class:`EncryptedDocument` (unless a sidecar ``<file>.toml`` holds ``password = "..."``),
damaged -> :class:`ParseError`, no text on any page -> :class:`NoTextLayer`.
"""
from __future__ import annotations

import sys
import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator

from pipeline import limits
from pipeline.config import PDF_ENGINES
from pipeline.errors import EncryptedDocument, NoTextLayer, ParseError
from pipeline.models import Block, Document
from pipeline.parse.pdf_reader import PageReader, assemble
from pipeline.parse.pdf_table import vertical_rules
from pipeline.parse.pdf_words import PdfSettings, group_lines, page_words



@lru_cache(maxsize=4)
def parser_name(engine: str) -> str:
    """``documents.parser`` for an engine: the library and its version ("pypdfium2 5.15.2")."""
    library = "pypdfium2" if engine == "pdfium" else "pdfplumber"
    return f"{library} {_installed_version(library)}"


def _installed_version(library: str) -> str:
    """The version in the one ``<library>-<version>.dist-info`` beside the imported package, as
    ``importlib.metadata`` reads it; that module is imported only when there is not exactly one (its
    import, with email and zipfile, costs a noticeable part of a one-file command's start)."""
    module = sys.modules.get(library)
    if module is not None and module.__file__:
        found = list(Path(module.__file__).resolve().parents[1].glob(f"{library}-*.dist-info/METADATA"))
        if len(found) == 1:
            for line in found[0].read_text(encoding="utf-8", errors="replace").splitlines():
                if line.startswith("Version:"):
                    return line.partition(":")[2].strip()
                if not line:
                    break  # the end of the headers
    from importlib.metadata import version

    return version(library)


def sidecar_password(path: Path) -> str | None:
    """``password = "..."`` from the sidecar ``<file>.toml`` beside a PDF, if there is one."""
    sidecar = path.with_name(path.name + ".toml")
    if not sidecar.is_file():
        return None
    try:
        value = tomllib.loads(sidecar.read_text(encoding="utf-8")).get("password")
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ParseError(f"{sidecar.name} is not valid TOML ({exc})", "fix the sidecar file: password = \"...\"") from exc
    return None if value is None else str(value)


def _open(path: Path, source_file: str, engine: str) -> Any:
    password = sidecar_password(path)
    try:
        if engine == "pdfium":
            from pipeline.parse.pdfium_page import open_pdf
            return open_pdf(str(path), password)
        import pdfplumber
        return pdfplumber.open(path, password=password or "")
    except Exception as exc:  # pdfplumber wraps pdfminer errors in PdfminerException; PDFium: PdfiumError
        error = _classify(exc, source_file)
        if password is not None and isinstance(error, EncryptedDocument):
            error = EncryptedDocument(f"{source_file}: the password in {path.name}.toml does not open it",
                                      f"correct password = \"...\" in {path.name}.toml, or remove the password")
        raise error from exc


def _pages(pdf: Any, engine: str) -> tuple[int, Iterator[Any]]:
    """The page count and the pages, one at a time (each closed by the caller)."""
    if engine == "pdfium":
        from pipeline.parse.pdfium_page import PdfiumPage
        return len(pdf), (PdfiumPage(pdf, i) for i in range(len(pdf)))
    return len(pdf.pages), iter(pdf.pages)


def _close(pdf: Any) -> None:
    """Close without raising: pdfplumber's close() builds every page and fails again on a damaged one."""
    try:
        pdf.close()
    except Exception:  # noqa: BLE001 - the error that matters was raised already
        stream = getattr(pdf, "stream", None)
        if stream is not None:
            stream.close()


def _classify(exc: BaseException, source_file: str) -> ParseError:
    inner = exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else exc
    name = type(inner).__name__
    if "Password" in name or "Encrypt" in name or any(k in str(inner).lower() for k in ("encrypt", "password")):
        sidecar = f"{Path(source_file).name}.toml"
        return EncryptedDocument(f"{source_file} is password-protected (encrypted PDF)",
                                 f"remove the password (save an unprotected copy), or put it in a sidecar "
                                 f"{sidecar} beside the file as password = \"...\"")
    return ParseError(f"{source_file} is damaged or not a readable PDF ({name}: {inner})"[:300])


def engine_in_force() -> str:
    """The ``pdf_engine`` of the per-file limits in force (their settings), else the default."""
    active = limits.current()
    engine = active.settings.pdf_engine if active else PDF_ENGINES[0]
    if engine not in PDF_ENGINES:
        raise ParseError(f"pdf_engine = {engine!r} is not one of {', '.join(PDF_ENGINES)}",
                         "set pdf_engine in tiltak.toml to \"pdfium\" or \"pdfplumber\"")
    return engine


def parse_pdf(path: Path, source_file: str, settings: PdfSettings | None = None,
              engine: str | None = None) -> Document:
    """Parse a PDF into blocks in reading order (tables with column roles, or one-column notes).
    ``engine`` ("pdfium" | "pdfplumber") defaults to ``pdf_engine`` of the settings in force."""
    settings = settings or PdfSettings()
    engine = engine or engine_in_force()
    reader = PageReader(settings)
    any_text = False
    n_pages = 0
    pdf = _open(path, source_file, engine)
    try:
        n_pages, pages = _pages(pdf, engine)
        limits.check_pages(n_pages)
        for page in pages:
            limits.tick(f"page {page.page_number}")
            try:
                words = page_words(page, settings)
                lines = group_lines(words, page.page_number, settings)
                tables = page.find_tables() if lines and (page.lines or page.rects) else []
                if lines:
                    any_text = True
                    lines = reader.furniture.strip(lines, float(page.height), keep=reader.repeats_header)
                    if tables:
                        reader.ruled_page(tables, lines, vertical_rules([*page.lines, *page.rects]))
                    else:
                        reader.borderless_page(lines)
            finally:
                page.close()
    except ParseError:
        raise
    except Exception as exc:
        raise _classify(exc, source_file) from exc
    finally:
        _close(pdf)
    if n_pages == 0:
        raise ParseError(f"{source_file} has no pages")
    if not any_text:
        raise NoTextLayer(f"{source_file} has no text layer ({n_pages} page{'s' if n_pages != 1 else ''} of images?)")
    blocks = assemble(reader)
    title = next((b.text for b in blocks if b.kind == "title"), None)
    return Document(source_file=source_file, format="pdf", blocks=tuple(blocks), parser=parser_name(engine),
                    n_pages=n_pages, title=title)
