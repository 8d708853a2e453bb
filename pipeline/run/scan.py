"""Scan raw/: which files are new, changed, unchanged or removed since the last run.

Size + mtime equal to the last run: unchanged without reading. Otherwise hash: same sha256 means
unchanged (a touch or a copy), a different one means changed.
"""
from __future__ import annotations

import fnmatch
import hashlib
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from pipeline.config import IGNORED_PATTERNS


@dataclass(frozen=True)
class FileState:
    source_file: str  # path relative to raw/, NFC, forward slashes
    path: Path
    size: int
    mtime: float
    sha256: str | None = None


@dataclass(frozen=True)
class ScanResult:
    new: tuple[FileState, ...]
    changed: tuple[FileState, ...]
    unchanged: tuple[FileState, ...]
    removed: tuple[str, ...]

    @property
    def to_process(self) -> tuple[FileState, ...]:
        return self.new + self.changed


def sha256_file(path: Path) -> str:
    """Hash in 1 MiB chunks (bounded memory for large files)."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def is_ignored(rel: Path) -> bool:
    """Lock, temporary, hidden and sidecar files; anything under a hidden folder."""
    if any(part.startswith(".") for part in rel.parts[:-1]):
        return True
    return any(fnmatch.fnmatch(rel.name, pattern) for pattern in IGNORED_PATTERNS)


def list_files(raw: Path) -> list[FileState]:
    """Files under ``raw`` (recursively, symlinks not followed), ignored files left out, in a stable order.

    Files of formats tiltak does not read are listed too: they get an error row saying so, rather than
    being skipped in silence."""
    out = []
    for path in sorted(raw.rglob("*")):
        try:
            if not path.is_file() or path.is_symlink():
                continue
            stat = path.stat()
        except OSError:  # vanished between listing and stat, or unreadable folder
            continue
        rel = path.relative_to(raw)
        if is_ignored(rel):
            continue
        source = unicodedata.normalize("NFC", rel.as_posix())
        out.append(FileState(source, path, stat.st_size, stat.st_mtime))
    return out


def _hash(path: Path) -> str | None:
    """sha256, or None when the file cannot be read now (processing then records why)."""
    try:
        return sha256_file(path)
    except OSError:
        return None


def scan(raw: Path, known: dict[str, tuple[int, float | None, str | None]], force: bool = False) -> ScanResult:
    """Compare ``raw`` with ``known`` (source_file -> (size, mtime, sha256)) from the documents table.

    A known file without ``mtime`` failed to be read last time (or changed while it was read) and is
    always processed again."""
    new, changed, unchanged = [], [], []
    files = list_files(raw)
    for f in files:
        before = known.get(f.source_file)
        if before is None:
            new.append(FileState(f.source_file, f.path, f.size, f.mtime, _hash(f.path)))
            continue
        size, mtime, sha = before
        if not force and mtime is not None and size == f.size and mtime == f.mtime:
            unchanged.append(FileState(f.source_file, f.path, f.size, f.mtime, sha))
            continue
        digest = _hash(f.path)
        same = digest is not None and digest == sha and mtime is not None
        target = unchanged if (same and not force) else changed
        target.append(FileState(f.source_file, f.path, f.size, f.mtime, digest))
    present = {f.source_file for f in files}
    removed = tuple(sorted(s for s in known if s not in present))
    return ScanResult(tuple(new), tuple(changed), tuple(unchanged), removed)
