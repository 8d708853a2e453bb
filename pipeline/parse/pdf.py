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

import tomllib
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from typing import Any, Iterator

from pipeline import limits
from pipeline.config import PDF_ENGINES
from pipeline.errors import EncryptedDocument, NoTextLayer, ParseError
from pipeline.models import Block, Document
from pipeline.parse.pdf_blocks import table_blocks
from pipeline.parse.pdf_notes import is_page_number, notes_blocks
from pipeline.parse.pdf_table import (Row, TableState, continues_previous, find_header, header_continuation,
                        is_repeated_header, merge_rows, ruled_rows, split_columns)
from pipeline.parse.pdf_text import clean_text, header_roles
from pipeline.parse.pdf_words import Line, PdfSettings, group_lines, page_words



def parser_name(engine: str) -> str:
    """``documents.parser`` for an engine: the library and its version ("pypdfium2 5.15.2")."""
    library = "pypdfium2" if engine == "pdfium" else "pdfplumber"
    return f"{library} {version(library)}"


@dataclass
class _Reader:
    """Accumulates notes segments and tables page by page."""

    settings: PdfSettings
    segments: list[tuple[str, Any]] = field(default_factory=list)
    active: TableState | None = None

    def notes(self, lines: list[Line]) -> None:
        lines = [ln for ln in lines if not is_page_number(ln)]
        if not lines:
            return
        if self.segments and self.segments[-1][0] == "notes":
            self.segments[-1][1].extend(lines)
        else:
            self.segments.append(("notes", list(lines)))
        self.active = None

    def start_table(self, state: TableState) -> None:
        self.active = state
        self.segments.append(("table", state))

    # -------------------------------------------------------------- ruled
    def ruled_page(self, tables: list[Any], lines: list[Line]) -> None:
        rest = list(lines)
        for t in sorted(tables, key=lambda t: t.bbox[1]):
            top, bottom = t.bbox[1], t.bbox[3]
            above = [ln for ln in rest if ln.bottom <= top + 1]
            inside = [ln for ln in rest if ln.bottom > top + 1 and ln.top < bottom - 1]
            rest = [ln for ln in rest if ln.top >= bottom - 1]
            if above:
                self.notes(above)
            edges, rows = ruled_rows(t, inside)
            if not rows:
                continue
            texts = [rows[0].text(c) for c in range(len(edges))]
            roles = header_roles(texts)
            state = self.active
            if roles is not None:
                if state and state.ruled and [clean_text(x) for x in state.header] == texts:
                    rows = rows[1:]
                else:
                    state = TableState(roles, texts, edges, ruled=True)
                    self.start_table(state)
                    rows = rows[1:]
                    state.rows.extend(rows)
                    continue
            elif not (state and state.ruled and len(state.edges) == len(edges)):
                self.notes(inside)  # a table that is not a measure table: read as text
                continue
            if rows and state.rows and continues_previous(state.rows[-1], rows[0], state.roles):
                merge_rows(state.rows[-1], rows[0])
                rows = rows[1:]
            state.rows.extend(rows)
        if rest:
            self.notes(rest)

    # -------------------------------------------------------------- borderless
    def borderless_page(self, lines: list[Line]) -> None:
        state = self.active
        start = 0
        if state is None or state.ruled:
            found = find_header(lines, self.settings)
            if found is None:
                self.notes(lines)
                return
            start, state = found
            self.notes(lines[:start])
            state.rows.append(Row())
            self.start_table(state)
            start = self._skip_header(lines, start, state)
        else:
            for i, ln in enumerate(lines[:10]):
                if is_repeated_header(ln, state, self.settings):
                    start = self._skip_header(lines, i, state)
                    break
        stream = state.rows[0]
        for ln in lines[start:]:
            if is_page_number(ln):
                continue
            parts, full = split_columns(ln, state, self.settings)
            if full:
                stream.add(-1, ln)
                continue
            for col, part in parts.items():
                stream.add(col, part)

    def _skip_header(self, lines: list[Line], i: int, state: TableState) -> int:
        texts = list(state.header)
        j = i + 1
        while j < len(lines) and header_continuation(lines[j], state, texts, self.settings):
            for col, part in split_columns(lines[j], state, self.settings)[0].items():
                if 0 <= col < len(texts):
                    texts[col] = f"{texts[col]} {part.text}"
            j += 1
        return j


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
    reader = _Reader(settings)
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
                    if tables:
                        reader.ruled_page(tables, lines)
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
    blocks = _assemble(reader, settings)
    title = next((b.text for b in blocks if b.kind == "title"), None)
    return Document(source_file=source_file, format="pdf", blocks=tuple(blocks), parser=parser_name(engine),
                    n_pages=n_pages, title=title)


def _assemble(reader: _Reader, settings: PdfSettings) -> list[Block]:
    blocks: list[Block] = []
    row = 0
    for i, (kind, payload) in enumerate(reader.segments):
        if kind == "notes":
            blocks.extend(notes_blocks(payload, settings, allow_title=not blocks))
        else:
            tb = table_blocks(payload, settings, first_row=row)
            row = max((b.row or 0 for b in tb), default=row - 1) + 1
            blocks.extend(tb)
    return blocks
