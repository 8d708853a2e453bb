"""Delta Lake tables in ``processed/`` and plain Parquet snapshots in ``processed/latest/``.

One commit per table per run that changes data. A run replaces only the rows of the files it touched:
``write_files`` overwrites with a predicate on ``source_file`` (delta-rs rewrites the data files that
hold such rows and appends the new ones, in one atomic commit), so a crash leaves the previous version
intact, every old version stays readable (no vacuum unless ``tiltak vacuum`` is asked for) and the
history grows by what changed, not by a copy of the table. Rows are written sorted by ``source_file``
in data files of about ``TARGET_FILE_BYTES``, so such a rewrite touches few files. Every commit
carries the schema version (``SCHEMA_KEY``; see ``pipeline.store.evolve``). Snapshots record the Delta
version they show, so a stale one (a run killed before writing it) is noticed and rewritten by the next run.
"""
from __future__ import annotations

import os
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
from deltalake import CommitProperties, DeltaTable, write_deltalake

from pipeline.errors import NotFound
from pipeline.schema import SCHEMA_VERSION, SCHEMAS

SNAPSHOT_DIR = "latest"
SNAPSHOT_KEY = b"tiltak.delta_version"
SCHEMA_KEY = "tiltak.schema_version"
"""Commit-info key stamped on every tiltak write: the schema version the table was written with."""
TARGET_FILE_BYTES = 128 << 10
"""Data files of about 128 KiB (measured on the 200-file benchmark corpus: its measures table in 9 files;
one file changed rewrites one of them, 128 KB, not the 840 KB table; reads are as fast)."""


def table_path(root: str | Path, name: str) -> Path:
    if name not in SCHEMAS and name not in ("changes", "status"):
        raise NotFound(f"no table named {name!r}", f"tables: {', '.join([*SCHEMAS, 'changes', 'status'])}")
    return Path(root) / name


def exists(root: str | Path, name: str) -> bool:
    return DeltaTable.is_deltatable(str(table_path(root, name)))


def load(table: str, root: str | Path = "processed", version: int | None = None) -> pd.DataFrame:
    """Read a table (at a Delta ``version``, default the latest) into pandas."""
    path = table_path(root, table)
    if not DeltaTable.is_deltatable(str(path)):
        raise NotFound(f"{path} does not exist yet", "run `tiltak run` first (or pass root= the output folder)")
    try:
        dt = DeltaTable(str(path), version=version)
    except Exception as exc:  # deltalake raises its own errors for unknown versions
        raise NotFound(f"{table} has no version {version}: {exc}", "run `tiltak versions` to list dataset versions") from exc
    try:
        data = dt.to_pyarrow_table()
    except (FileNotFoundError, OSError) as exc:  # data files deleted by `tiltak vacuum`
        raise NotFound(f"version {version} of {table} was removed by `tiltak vacuum`",
                       "load a newer version; `tiltak versions` lists them") from exc
    return data.to_pandas(types_mapper=None)


def read_arrow(root: str | Path, name: str, columns: list[str] | None = None) -> pa.Table:
    """The current state of a table as Arrow (empty with the schema when the table does not exist);
    only ``columns`` when given."""
    path = table_path(root, name)
    if not DeltaTable.is_deltatable(str(path)):
        empty = SCHEMAS[name].empty_table()
        return empty.select(columns) if columns else empty
    return DeltaTable(str(path)).to_pyarrow_table(columns=columns)


def table_version(root: str | Path, name: str) -> int | None:
    path = table_path(root, name)
    return DeltaTable(str(path)).version() if DeltaTable.is_deltatable(str(path)) else None


def known_files(root: str | Path) -> dict[str, tuple[int, float | None, str | None]]:
    """source_file -> (size, mtime, sha256) of every document the last completed run saw.

    The documents table is the manifest: a run commits it last, so a run killed half-way leaves the
    previous manifest and the next run redoes that run's files."""
    docs = read_arrow(root, "documents", ["source_file", "size_bytes", "mtime", "document_id", "status"])
    retry = _read_failures(root) if "error" in docs.column("status").to_pylist() else set()
    return {d["source_file"]: (d["size_bytes"], None if d["status"] == "error" and d["source_file"] in retry
                               else d["mtime"], d["document_id"]) for d in docs.to_pylist()}


RETRY_STAGES = ("read", "worker")


def _read_failures(root: str | Path) -> set[str]:
    """Files whose newest ``errors`` row is a read-stage error (unreadable, vanished, changed while read)
    or a worker failure (crash, kill): their mtime is reported as unknown, so the next scan processes
    them again (a poison file until its quarantine, see ``pipeline.run.safety``)."""
    errors = read_arrow(root, "errors", ["source_file", "stage", "occurred_at"]).to_pylist()
    oldest = datetime.min.replace(tzinfo=timezone.utc)
    newest = {e["source_file"]: e["stage"] for e in sorted(errors, key=lambda e: e["occurred_at"] or oldest)}
    return {f for f, stage in newest.items() if stage in RETRY_STAGES}


def rows_by_file(root: str | Path) -> dict[str, set[str]]:
    """source_file -> the document_ids its rows in ``measures`` carry (what is stored)."""
    data = read_arrow(root, "measures", ["source_file", "document_id"]).to_pylist()
    out: dict[str, set[str]] = {}
    for row in data:
        out.setdefault(row["source_file"], set()).add(row["document_id"])
    return out


def expected_rows(root: str | Path) -> dict[str, set[str]]:
    """source_file -> the document_ids its ``measures`` rows must carry according to the documents
    manifest: its document_id when it landed with measures, none otherwise."""
    docs = read_arrow(root, "documents", ["source_file", "document_id", "status", "n_measures"]).to_pylist()
    return {d["source_file"]: {d["document_id"]} if d["status"] == "ok" and d["n_measures"] else set() for d in docs}


def source_files(root: str | Path, name: str) -> set[str]:
    """The distinct ``source_file`` values of a table (empty when it does not exist)."""
    path = table_path(root, name)
    if not DeltaTable.is_deltatable(str(path)):
        return set()
    column = DeltaTable(str(path)).to_pyarrow_table(columns=["source_file"]).column("source_file")
    return {str(v) for v in column.unique().to_pylist() if v is not None}


def to_arrow(rows: list[dict], name: str) -> pa.Table:
    """Rows -> an Arrow table with the table's schema (missing columns become nulls)."""
    schema = SCHEMAS[name]
    return pa.Table.from_pylist([{f.name: r.get(f.name) for f in schema} for r in rows], schema=schema)


def replace_files(root: str | Path, name: str, drop_files: set[str], new_rows: list[dict]) -> pa.Table:
    """The table's new state: rows of ``drop_files`` removed, ``new_rows`` added (nothing written)."""
    current = read_arrow(root, name)  # a run upgrades older tables first (store.evolve)
    current = current.select([f.name for f in SCHEMAS[name]]).cast(SCHEMAS[name])
    keep = current.filter(pc.invert(pc.is_in(current["source_file"], pa.array(sorted(drop_files), pa.string()))))
    return pa.concat_tables([keep, to_arrow(new_rows, name)]).combine_chunks()


def write_table(root: str | Path, name: str, table: pa.Table, mode: str = "overwrite",
                metadata: dict[str, str] | None = None, predicate: str | None = None) -> int:
    """One atomic Delta commit (``metadata`` goes into the commit info, with the schema version);
    returns the version written. With ``predicate`` an overwrite replaces only the rows it matches."""
    path = table_path(root, name)
    path.parent.mkdir(parents=True, exist_ok=True)
    props = CommitProperties(custom_metadata={**(metadata or {}), SCHEMA_KEY: str(SCHEMA_VERSION)})
    if "source_file" in table.column_names and len(table) > 1:
        table = table.sort_by("source_file")
    if predicate is not None and DeltaTable.is_deltatable(str(path)):
        write_deltalake(str(path), table, mode="overwrite", predicate=predicate, commit_properties=props,
                        target_file_size=TARGET_FILE_BYTES)
    else:
        write_deltalake(str(path), table, mode=mode, schema_mode="merge" if mode == "append" else "overwrite",
                        commit_properties=props, target_file_size=TARGET_FILE_BYTES)
    return DeltaTable(str(path)).version()


def sql_string(value: str) -> str:
    """A SQL string literal (single quotes doubled)."""
    return "'" + value.replace("'", "''") + "'"


def write_files(root: str | Path, name: str, state: pa.Table, files: set[str],
                metadata: dict[str, str] | None = None) -> int:
    """Make the stored rows of ``files`` those of ``state`` (the table's new state), leaving every other
    row as it is: one commit that rewrites only the data files holding rows of ``files``. When ``files``
    covers every stored row the table is overwritten as a whole."""
    rows = state.filter(pc.is_in(state["source_file"], pa.array(sorted(files), pa.string())))
    stored = source_files(root, name)
    if not stored or stored <= files:
        return write_table(root, name, state, metadata=metadata)
    predicate = f"source_file IN ({', '.join(sql_string(f) for f in sorted(files))})"
    return write_table(root, name, rows, metadata=metadata, predicate=predicate)


def snapshot_path(root: str | Path, name: str) -> Path:
    return Path(root) / SNAPSHOT_DIR / f"{name}.parquet"


def write_snapshot(root: str | Path, name: str) -> Path:
    """processed/latest/<name>.parquet: the current state as plain Parquet, replaced atomically; the
    Delta version it shows is kept in the file's metadata (``tiltak.delta_version``)."""
    target = snapshot_path(root, name)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{name}.parquet.tmp")
    dt = DeltaTable(str(table_path(root, name)))
    table = dt.to_pyarrow_table()
    table = table.replace_schema_metadata({**(table.schema.metadata or {}), SNAPSHOT_KEY: str(dt.version()).encode()})
    pq.write_table(table, tmp)
    os.replace(tmp, target)
    return target


def snapshot_version(root: str | Path, name: str) -> int | None:
    """The Delta version a snapshot shows (None when missing, unreadable or written by an older tiltak)."""
    try:
        meta = pq.read_schema(snapshot_path(root, name)).metadata or {}
        return int(meta[SNAPSHOT_KEY])
    except (OSError, KeyError, ValueError, pa.ArrowInvalid):
        return None


def refresh_snapshots(root: str | Path, names: tuple[str, ...]) -> list[str]:
    """Rewrite the snapshots that do not show their table's current version (after a commit, or when
    a run was killed between its commits and its snapshots); returns the names rewritten."""
    done = []
    for name in names:
        version = table_version(root, name)
        if version is not None and snapshot_version(root, name) != version:
            write_snapshot(root, name)
            done.append(name)
    return done


def commit_metadata(root: str | Path, name: str, key: str) -> tuple[int, str] | None:
    """(version, value) of ``key`` in the newest commit of ``name`` that carries it (None if none does)."""
    path = table_path(root, name)
    if not DeltaTable.is_deltatable(str(path)):
        return None
    for entry in DeltaTable(str(path)).history():
        if key in entry:
            return int(entry["version"]), str(entry[key])
    return None


def history(root: str | Path, name: str) -> list[dict]:
    """Delta history of one table, newest first (version, timestamp, operation)."""
    path = table_path(root, name)
    if not DeltaTable.is_deltatable(str(path)):
        return []
    return [{"version": h.get("version"), "timestamp": h.get("timestamp"), "operation": h.get("operation")}
            for h in DeltaTable(str(path)).history()]
