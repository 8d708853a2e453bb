"""One file through the pure stages: parse -> programme metadata -> segment -> enrich -> table rows.

Never raises for a bad file: the result then carries an error row with a hint for the user.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime, timezone

from . import __version__
from .errors import ParseError, TiltakError
from .models import Document, Measure, ProgrammeMeta
from .nlp.enrich import enrich_measures
from .parse import parse
from .scan import FileState
from .segment import blocks_to_measures
from .versions import document_meta


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
            "lineage_id": ids[m.ordinal],
        })
    return rows


def partner_rows(measures: list[Measure], rows: list[dict]) -> list[dict]:
    """One row per (measure, partner) for the measure_partners table."""
    out = []
    for m, row in zip(measures, rows):
        for p in m.partners:
            out.append({"measure_id": row["measure_id"], "source_file": row["source_file"], "partner": p.partner,
                        "partner_type": p.partner_type, "mention": p.mention, "source": p.source})
    return out


def document_row(state: FileState, doc: Document | None, meta: ProgrammeMeta, n_measures: int,
                 error: TiltakError | None) -> dict:
    return {
        "document_id": state.sha256, "source_file": state.source_file, "format": doc.format if doc else None,
        "size_bytes": state.size, "mtime": state.mtime, "n_pages": doc.n_pages if doc else None,
        "title": meta.title, "program": meta.program, "version_date": meta.version_date,
        "version_label": meta.version_label, "meeting_date": meta.meeting_date,
        "status": "error" if error else "ok", "error": error.message if error else None,
        "parser": doc.parser if doc else None, "encoding": doc.encoding if doc else None,
        "n_measures": n_measures, "pipeline_version": __version__, "processed_at": datetime.now(timezone.utc),
    }


def process_document(doc: Document, state: FileState) -> FileResult:
    """The pure part: a parsed document to rows."""
    meta = document_meta(doc, state.path)
    measures = enrich_measures(blocks_to_measures(doc.blocks))
    rows = measures_to_rows(measures, state.sha256 or "", state.source_file, meta)
    return FileResult(state.source_file, document_row(state, doc, meta, len(rows), None), rows,
                      partner_rows(measures, rows))


def process_file(state: FileState, run_id: str = "") -> FileResult:
    """Parse and process one file; any failure becomes an error row naming the file and what to do."""
    try:
        return process_document(parse(state.path, state.source_file), state)
    except TiltakError as exc:
        error = exc
    except Exception as exc:  # a parser library bug must not stop the other files
        error = ParseError(f"{state.source_file}: {type(exc).__name__}: {exc}",
                           "report this file to the tiltak maintainers; other files were processed")
        error.__cause__ = exc
    return FileResult(
        state.source_file, document_row(state, None, ProgrammeMeta(), 0, error),
        error={"run_id": run_id, "source_file": state.source_file, "sha256": state.sha256, "stage": error.stage,
               "error_type": type(error).__name__, "message": error.message, "hint": error.hint,
               "occurred_at": datetime.now(timezone.utc)})
