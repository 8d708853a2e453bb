"""The Delta tables under ``processed/``: read, write and snapshot them (``tables``), one writer at a time
(``lock``), delete replaced versions (``vacuum``). The table functions are re-exported here: ``store.load(...)``."""
from pipeline.store.tables import (SNAPSHOT_DIR, SNAPSHOT_KEY, commit_metadata, exists, expected_rows, history,
                                   known_files, load, read_arrow, refresh_snapshots, replace_files, rows_by_file,
                                   snapshot_path, snapshot_version, source_files, table_path, table_version, to_arrow,
                                   write_files, write_snapshot, write_table)

__all__ = ["SNAPSHOT_DIR", "SNAPSHOT_KEY", "commit_metadata", "exists", "expected_rows", "history", "known_files", "load",
           "read_arrow", "refresh_snapshots", "replace_files", "rows_by_file", "snapshot_path", "snapshot_version",
           "source_files", "table_path", "table_version", "to_arrow", "write_files", "write_snapshot", "write_table"]
