"""Delta Lake tables in ``processed/`` and plain Parquet snapshots in ``processed/latest/``.

One commit per table per run that changes data: each table's new state is composed in memory (old rows
minus the rows of changed and removed files, plus the new rows) and written as one atomic overwrite,
so a crash leaves the previous version intact and every old version stays readable (no vacuum).
"""
from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
from deltalake import DeltaTable, write_deltalake

from .errors import NotFound
from .schema import SCHEMAS

SNAPSHOT_DIR = "latest"


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
    return dt.to_pyarrow_table().to_pandas(types_mapper=None)


def read_arrow(root: str | Path, name: str) -> pa.Table:
    """The current state of a table as Arrow (empty with the schema when the table does not exist)."""
    path = table_path(root, name)
    if not DeltaTable.is_deltatable(str(path)):
        return SCHEMAS[name].empty_table()
    return DeltaTable(str(path)).to_pyarrow_table()


def table_version(root: str | Path, name: str) -> int | None:
    path = table_path(root, name)
    return DeltaTable(str(path)).version() if DeltaTable.is_deltatable(str(path)) else None


def known_files(root: str | Path) -> dict[str, tuple[int, float, str]]:
    """source_file -> (size, mtime, sha256) of every document the last run saw."""
    docs = read_arrow(root, "documents").to_pylist()
    return {d["source_file"]: (d["size_bytes"], d["mtime"], d["document_id"]) for d in docs}


def to_arrow(rows: list[dict], name: str) -> pa.Table:
    """Rows -> an Arrow table with the table's schema (missing columns become nulls)."""
    schema = SCHEMAS[name]
    return pa.Table.from_pylist([{f.name: r.get(f.name) for f in schema} for r in rows], schema=schema)


def replace_files(root: str | Path, name: str, drop_files: set[str], new_rows: list[dict]) -> pa.Table:
    """The table's new state: rows of ``drop_files`` removed, ``new_rows`` added (nothing written)."""
    current = read_arrow(root, name)
    current = current.select([f.name for f in SCHEMAS[name]]).cast(SCHEMAS[name])
    keep = [r for r in current.to_pylist() if r["source_file"] not in drop_files]
    return to_arrow(keep + new_rows, name)


def write_table(root: str | Path, name: str, table: pa.Table, mode: str = "overwrite") -> int:
    """One atomic Delta commit; returns the version written."""
    path = table_path(root, name)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_deltalake(str(path), table, mode=mode, schema_mode="merge" if mode == "append" else "overwrite")
    return DeltaTable(str(path)).version()


def write_snapshot(root: str | Path, name: str) -> Path:
    """processed/latest/<name>.parquet: the current state as plain Parquet, replaced atomically."""
    out_dir = Path(root) / SNAPSHOT_DIR
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{name}.parquet"
    tmp = out_dir / f".{name}.parquet.tmp"
    pq.write_table(read_arrow(root, name), tmp)
    os.replace(tmp, target)
    return target


def history(root: str | Path, name: str) -> list[dict]:
    """Delta history of one table, newest first (version, timestamp, operation)."""
    path = table_path(root, name)
    if not DeltaTable.is_deltatable(str(path)):
        return []
    return [{"version": h.get("version"), "timestamp": h.get("timestamp"), "operation": h.get("operation")}
            for h in DeltaTable(str(path)).history()]
