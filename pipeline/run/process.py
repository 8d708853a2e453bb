"""One file through the pure stages: parse -> programme metadata -> segment -> enrich -> table rows.

Never raises for a bad file: the result then carries an error row with a hint for the user. The file is
hashed again after it was read: a file that changed meanwhile (still being copied or saved) gets a
:class:`~pipeline.errors.FileChanged` row and a documents row without ``mtime``, so the next run
reads it again (as it does after any read-stage error). All of it runs inside the per-file limits.
"""
from __future__ import annotations

import hashlib
import importlib
import os
import tomllib
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Callable

from pipeline import limits
from pipeline.config import VERSION
from pipeline.config import Settings
from pipeline.errors import FileChanged, LimitExceeded, ParseError, ReadError, TiltakError
from pipeline.models import Document, Measure, ProgrammeMeta
from pipeline.nlp.enrich import document_councils, enrich_measures
from pipeline.parse import parse
from pipeline.run.scan import FileState, sha256_file
from pipeline.segment import blocks_to_measures
from pipeline.meta.versions import document_meta

RETRIED = ("read", "worker")
"""Error stages after which the documents row gets no ``mtime``, so the next run tries the file again."""
PARSER_HOOK = "TILTAK_PARSER_HOOK"
"""Test instrumentation: ``module:function`` used instead of :func:`pipeline.parse.parse` (the fault
injection of tests/faults.py: parsers that crash, hang or exhaust memory inside a worker process)."""
ENRICH_CHUNK = 500
"""Measures enriched between two checks of the file's deadline."""


@dataclass(frozen=True)
class FileResult:
    source_file: str
    document: dict
    measures: list[dict] = field(default_factory=list)
    partners: list[dict] = field(default_factory=list)
    error: dict | None = None


def measure_id(document_id: str, ordinal: int, text: str) -> str:
    """Content hash: the same document content gives the same ids."""
    return hashlib.sha256(f"{document_id}\x1f{ordinal}\x1f{text}".encode("utf-8")).hexdigest()[:16]


def measures_to_rows(measures: list[Measure], document_id: str, source_file: str, meta: ProgrammeMeta) -> list[dict]:
    """Measures as rows of the measures table (parent ordinals become parent measure ids)."""
    ids = {m.ordinal: measure_id(document_id, m.ordinal, m.text) for m in measures}
    rows = []
    for m in measures:
        rows.append({
            "measure_id": ids[m.ordinal], "document_id": document_id, "source_file": source_file,
            "program": meta.program, "version_date": meta.version_date, "ordinal": m.ordinal,
            "parent_id": ids.get(m.parent) if m.parent else None, "level": m.level, "section": list(m.section),
            "theme": m.theme, "theme_source": m.theme_source, "theme_score": m.theme_score,
            "measure_type": m.measure_type, "text": m.text,
            "goals": [{"kind": g.kind, "text": g.text} for g in m.goals],
            "targets": [{"value": t.value, "unit": t.unit, "year": t.year, "text": t.text} for t in m.targets],
            "partners": [p.partner for p in m.partners], "page": m.page, "line": m.line,
            "lineage_id": ids[m.ordinal], "confidence": m.confidence,
            "responsible": [p.partner for p in m.responsible], "deadline": m.deadline, "deadline_text": m.deadline_text,
        })
    return rows


def partner_rows(measures: list[Measure], rows: list[dict]) -> list[dict]:
    """One row per (measure, partner) for the measure_partners table."""
    out = []
    for m, row in zip(measures, rows):
        for p in (*m.responsible, *m.partners):
            out.append({"measure_id": row["measure_id"], "source_file": row["source_file"], "partner": p.partner,
                        "partner_type": p.partner_type, "mention": p.mention, "source": p.source, "role": p.role})
    return out


def document_row(state: FileState, doc: Document | None, meta: ProgrammeMeta, n_measures: int,
                 error: TiltakError | None) -> dict:
    """The documents row. After a read-stage or worker error ``mtime`` is left empty, which makes the
    next scan read the file again (see :func:`pipeline.run.scan.scan`)."""
    return {
        "document_id": state.sha256, "source_file": state.source_file, "format": doc.format if doc else None,
        "size_bytes": state.size, "mtime": None if error is not None and error.stage in RETRIED else state.mtime,
        "n_pages": doc.n_pages if doc else None,
        "title": meta.title, "program": meta.program, "version_date": meta.version_date,
        "version_label": meta.version_label, "meeting_date": meta.meeting_date,
        "status": "error" if error else "ok", "error": error.message if error else None,
        "parser": doc.parser if doc else None, "encoding": doc.encoding if doc else None,
        "n_measures": n_measures, "pipeline_version": VERSION, "processed_at": datetime.now(timezone.utc),
        "source_name_raw": state.raw_name,
    }


def enrich_in_chunks(measures: list[Measure], others: frozenset[str] = frozenset()) -> list[Measure]:
    """:func:`enrich_measures` a chunk at a time (measures are enriched independently), checking the deadline."""
    out: list[Measure] = []
    for start in range(0, len(measures), ENRICH_CHUNK):
        limits.tick(f"measure {start + 1} of {len(measures)}")
        out.extend(enrich_measures(measures[start:start + ENRICH_CHUNK], others=others))
    return out


def document_measures(doc: Document) -> list[Measure]:
    """A parsed document's measures: segmented, then enriched (theme, type, partners, owners, deadline)."""
    measures = blocks_to_measures(doc.blocks)
    limits.tick("segmentation")
    return enrich_in_chunks(measures, document_councils(doc))


def process_document(doc: Document, state: FileState) -> FileResult:
    """The pure part: a parsed document to rows."""
    meta = document_meta(doc, state.path)
    measures = document_measures(doc)
    rows = measures_to_rows(measures, state.sha256 or "", state.source_file, meta)
    return FileResult(state.source_file, document_row(state, doc, meta, len(rows), None), rows,
                      partner_rows(measures, rows))


def parser() -> Callable[..., Document]:
    """:func:`pipeline.parse.parse`, or the test parser named by ``TILTAK_PARSER_HOOK``."""
    hook = os.environ.get(PARSER_HOOK)
    if not hook:
        return parse
    module, _, name = hook.partition(":")
    return getattr(importlib.import_module(module), name or "parse")


def process_file(state: FileState, run_id: str = "", settings: Settings | None = None) -> FileResult:
    """Parse and process one file within the per-file limits of ``settings`` (default: ``tiltak.toml``);
    any failure becomes an error row naming the file and what to do."""
    result: FileResult | None = None
    try:
        with limits.file_limits(settings or Settings.load(), state.source_file):
            result = process_document(parser()(state.path, state.source_file), state)
        error: TiltakError | None = None
    except Exception as exc:  # a parser library bug must not stop the other files
        error = as_tiltak_error(state, exc)
    error = changed_while_read(state) or error
    return result if error is None and result is not None else error_result(state, error, run_id)


def as_tiltak_error(state: FileState, exc: Exception) -> TiltakError:
    """Any exception raised while processing a file, as a :class:`TiltakError` with a hint."""
    if isinstance(exc, TiltakError):
        return exc
    name = state.source_file
    if isinstance(exc, FileNotFoundError):
        error: TiltakError = ReadError(f"{name} disappeared while it was read", "nothing to do if it was removed on purpose")
    elif isinstance(exc, PermissionError):
        error = ReadError(f"{name} cannot be read (permission denied)", "make the file readable for the user running tiltak")
    elif isinstance(exc, OSError):
        error = ReadError(f"{name} could not be read ({type(exc).__name__}: {exc})"[:300])
    elif isinstance(exc, tomllib.TOMLDecodeError):
        error = ParseError(f"the sidecar {name}.toml is not valid TOML ({exc})"[:300],
                           "fix the sidecar (key = \"value\" lines) or remove it")
    elif isinstance(exc, MemoryError):
        error = LimitExceeded(f"{name}: out of memory while reading it",
                              "lower max_text_chars / max_blocks in tiltak.toml so such files are refused early")
    else:
        error = ParseError(f"{name}: {type(exc).__name__}: {exc}"[:500],
                           "report this file to the tiltak maintainers; other files were processed")
    error.__cause__ = exc
    return error


def changed_while_read(state: FileState) -> TiltakError | None:
    """:class:`FileChanged` when the file's bytes are no longer those hashed by the scan."""
    if state.sha256 is None:
        return None
    try:
        after = sha256_file(state.path)
    except OSError:
        return ReadError(f"{state.source_file} disappeared or became unreadable while it was read",
                         "nothing to do if it was removed on purpose; otherwise the next run reads it again")
    if after != state.sha256:
        return FileChanged(f"{state.source_file} changed while it was read")
    return None


def error_result(state: FileState, error: TiltakError, run_id: str = "") -> FileResult:
    """The result of a file that failed: a documents row with status "error" and one errors row."""
    return FileResult(
        state.source_file, document_row(state, None, ProgrammeMeta(), 0, error),
        error={"run_id": run_id, "source_file": state.source_file, "sha256": state.sha256, "stage": error.stage,
               "error_type": type(error).__name__, "message": error.message, "hint": error.hint,
               "occurred_at": datetime.now(timezone.utc)})


WARM_UP_TEXT = ("Handlingsprogram 2026\n\nKraft og energi\n"
                "- Etablere et nettverk for solenergi sammen med Bærum kommune og Viken fylkeskommune\n"
                "  - Resultatmål: 20 % flere solcelleanlegg innen 2030\n")


def warm_up() -> None:
    """Run a small text file through every stage, so a fresh worker process has loaded its models and
    word lists before the first real file (whose time limit would otherwise pay for them)."""
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory(prefix="tiltak-warm-") as tmp:
        path = Path(tmp) / "oppvarming.txt"
        path.write_text(WARM_UP_TEXT, encoding="utf-8")
        process_file(FileState(path.name, path, path.stat().st_size, path.stat().st_mtime), "warm-up", Settings())
