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

from .config import IGNORED_PATTERNS, SUPPORTED_SUFFIXES


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
    """Documents under ``raw`` (recursively), ignored files left out, in a stable order."""
    out = []
    for path in sorted(raw.rglob("*")):
        if not path.is_file() or path.is_symlink():
            continue
        rel = path.relative_to(raw)
        if is_ignored(rel):
            continue
        if path.suffix.lower() not in SUPPORTED_SUFFIXES and path.suffix:
            continue
        stat = path.stat()
        source = unicodedata.normalize("NFC", rel.as_posix())
        out.append(FileState(source, path, stat.st_size, stat.st_mtime))
    return out


def scan(raw: Path, known: dict[str, tuple[int, float, str]], force: bool = False) -> ScanResult:
    """Compare ``raw`` with ``known`` (source_file -> (size, mtime, sha256)) from the documents table."""
    new, changed, unchanged = [], [], []
    files = list_files(raw)
    for f in files:
        before = known.get(f.source_file)
        if before is None:
            new.append(FileState(f.source_file, f.path, f.size, f.mtime, sha256_file(f.path)))
            continue
        size, mtime, sha = before
        if not force and size == f.size and mtime == f.mtime:
            unchanged.append(FileState(f.source_file, f.path, f.size, f.mtime, sha))
            continue
        digest = sha256_file(f.path)
        target = unchanged if (digest == sha and not force) else changed
        target.append(FileState(f.source_file, f.path, f.size, f.mtime, digest))
    present = {f.source_file for f in files}
    removed = tuple(sorted(s for s in known if s not in present))
    return ScanResult(tuple(new), tuple(changed), tuple(unchanged), removed)
