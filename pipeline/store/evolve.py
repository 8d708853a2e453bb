"""Schema versions of the tables and the in-place upgrade of an older ``processed/``.

Every tiltak write stamps ``tiltak.schema_version`` (``pipeline.schema.SCHEMA_VERSION``) into its
commit info; the version of a table is the stamp of its newest commit that has one, and a table
without any was written before stamps existed (version 1). :func:`upgrade` adds the columns a newer
schema has and the stored table lacks, as nullable columns, in one metadata-only commit per table (no
data file is rewritten, old versions stay readable as they were); the next run fills them, since a new
release changes the pipeline version and so reprocesses every file.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
from deltalake import CommitProperties, DeltaTable, Field

from pipeline.errors import StoreError
from pipeline.schema import SCHEMA_VERSION, SCHEMAS
from pipeline.store.tables import SCHEMA_KEY, commit_metadata, table_path, write_table


RECENT = 10
"""Commits read first when looking for the stamp (the whole history only if none of them has it)."""


@dataclass(frozen=True)
class Upgrade:
    """One table brought from ``from_version`` to ``to_version``, adding ``added`` columns."""

    table: str
    from_version: int
    to_version: int
    added: tuple[str, ...]

    def __str__(self) -> str:
        cols = f" (+{', '.join(self.added)})" if self.added else ""
        return f"{self.table} {self.from_version} -> {self.to_version}{cols}"


def schema_version(root: str | Path, name: str) -> int | None:
    """The schema version ``name`` was last written with (1 for an unstamped table; None if absent)."""
    path = table_path(root, name)
    if not DeltaTable.is_deltatable(str(path)):
        return None
    recent = DeltaTable(str(path)).history(limit=RECENT)  # tiltak stamps every commit: the newest has it
    stamp = next((h[SCHEMA_KEY] for h in recent if SCHEMA_KEY in h), None)
    if stamp is None and len(recent) >= RECENT:  # e.g. after many vacuum commits: the whole history
        found = commit_metadata(root, name, SCHEMA_KEY)
        stamp = found[1] if found else None
    try:
        return int(stamp) if stamp is not None else 1
    except ValueError:
        return 1


def pending(root: str | Path) -> list[str]:
    """Tables of ``root`` written with an older schema version than this release's."""
    return [n for n in SCHEMAS if (v := schema_version(root, n)) is not None and v < SCHEMA_VERSION]


def upgrade(root: str | Path) -> list[Upgrade]:
    """Bring every table of ``root`` written by an older release to ``SCHEMA_VERSION`` in place (call it
    under the run lock). A table from a newer release is refused rather than written with fewer columns."""
    done = []
    for name, schema in SCHEMAS.items():
        version = schema_version(root, name)
        if version is None or version == SCHEMA_VERSION:
            continue
        if version > SCHEMA_VERSION:
            raise StoreError(f"{table_path(root, name)} was written by a newer tiltak (schema version {version}, "
                             f"this release knows {SCHEMA_VERSION})", "upgrade tiltak, or use another --out")
        done.append(_upgrade_table(root, name, schema, version))
    return done


def _upgrade_table(root: str | Path, name: str, schema: pa.Schema, version: int) -> Upgrade:
    """Add the missing columns (one ADD COLUMN commit), or stamp the version with an empty append."""
    path = str(table_path(root, name))
    table = DeltaTable(path)
    present = {f.name for f in table.schema().fields}
    missing = [f for f in schema if f.name not in present]
    stamp = {SCHEMA_KEY: str(SCHEMA_VERSION), "tiltak.upgraded_from": str(version)}
    if missing:
        table.alter.add_columns([Field.from_arrow(f.with_nullable(True)) for f in missing],
                                commit_properties=CommitProperties(custom_metadata=stamp))
    else:
        current = pa.schema(table.schema().to_arrow())
        write_table(root, name, current.empty_table(), mode="append", metadata=stamp)
    return Upgrade(name, version, SCHEMA_VERSION, tuple(f.name for f in missing))
