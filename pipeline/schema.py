"""Arrow schemas of the tables in DESIGN.md (extra columns are allowed; these must exist).

``SCHEMA_VERSION`` numbers the table layouts of this release. Every write stamps it on the table
(Delta table property ``tiltak.schema_version``); a table without the property was written before
schema versions existed (version 1). ``store.upgrade`` brings older tables up to date in place.
"""
from __future__ import annotations

import pyarrow as pa

SCHEMA_VERSION = 4
"""1: the tables up to commit 26bdff2 (no stamp); 2: ``measures.confidence``; 3: ``documents.source_name_raw``;
4: ``measures.responsible``, ``.deadline``, ``.deadline_text`` and ``measure_partners.role``."""

UTC_TS = pa.timestamp("us", tz="UTC")
GOAL = pa.struct([("kind", pa.string()), ("text", pa.string())])
TARGET = pa.struct([("value", pa.float64()), ("unit", pa.string()), ("year", pa.int32()), ("text", pa.string())])

DOCUMENTS = pa.schema([
    ("document_id", pa.string()), ("source_file", pa.string()), ("format", pa.string()),
    ("size_bytes", pa.int64()), ("mtime", pa.float64()), ("n_pages", pa.int32()), ("title", pa.string()),
    ("program", pa.string()), ("version_date", pa.date32()), ("version_label", pa.string()),
    ("meeting_date", pa.date32()), ("status", pa.string()), ("error", pa.string()), ("parser", pa.string()),
    ("encoding", pa.string()), ("n_measures", pa.int32()), ("pipeline_version", pa.string()),
    ("processed_at", UTC_TS), ("source_name_raw", pa.string()),
])

MEASURES = pa.schema([
    ("measure_id", pa.string()), ("document_id", pa.string()), ("source_file", pa.string()),
    ("program", pa.string()), ("version_date", pa.date32()), ("ordinal", pa.int32()),
    ("parent_id", pa.string()), ("level", pa.int32()), ("section", pa.list_(pa.string())),
    ("theme", pa.string()), ("theme_source", pa.string()), ("theme_score", pa.float64()),
    ("measure_type", pa.string()), ("text", pa.string()), ("goals", pa.list_(GOAL)),
    ("targets", pa.list_(TARGET)), ("partners", pa.list_(pa.string())), ("page", pa.int32()),
    ("line", pa.int32()), ("lineage_id", pa.string()), ("confidence", pa.float64()),
    ("responsible", pa.list_(pa.string())), ("deadline", pa.date32()), ("deadline_text", pa.string()),
])

MEASURE_PARTNERS = pa.schema([
    ("measure_id", pa.string()), ("source_file", pa.string()), ("partner", pa.string()),
    ("partner_type", pa.string()), ("mention", pa.string()), ("source", pa.string()), ("role", pa.string()),
])

RUNS = pa.schema([
    ("run_id", pa.string()), ("started_at", UTC_TS), ("finished_at", UTC_TS), ("pipeline_version", pa.string()),
    ("model_version", pa.string()), ("files_new", pa.int32()), ("files_changed", pa.int32()),
    ("files_unchanged", pa.int32()), ("files_removed", pa.int32()), ("files_failed", pa.int32()),
    ("documents_version", pa.int64()), ("measures_version", pa.int64()), ("measure_partners_version", pa.int64()),
    ("errors_version", pa.int64()),
])

ERRORS = pa.schema([
    ("run_id", pa.string()), ("source_file", pa.string()), ("sha256", pa.string()), ("stage", pa.string()),
    ("error_type", pa.string()), ("message", pa.string()), ("hint", pa.string()), ("occurred_at", UTC_TS),
])

SCHEMAS: dict[str, pa.Schema] = {
    "documents": DOCUMENTS, "measures": MEASURES, "measure_partners": MEASURE_PARTNERS, "runs": RUNS,
    "errors": ERRORS,
}
