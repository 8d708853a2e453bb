"""Scan raw/: which files are new, changed, unchanged or removed since the last run.

Size + mtime equal to the last run: unchanged without reading. Otherwise hash: same sha256 means
unchanged (a touch or a copy), a different one means changed.

A name is whatever bytes the file system gives. ``source_file`` is always valid UTF-8 (NFC): bytes
that are not UTF-8 (a Windows share, an old zip) become U+FFFD, and ``raw_name`` keeps the name with
those bytes escaped (``M\\xf8tenotat.txt``) so the file can be found again; the file itself is read
through ``path``, which keeps the original bytes.
"""
from __future__ import annotations

import fnmatch
import hashlib
import os
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from pipeline.config import IGNORED_PATTERNS
from pipeline.errors import RawUnavailable


@dataclass(frozen=True)
class FileState:
    source_file: str  # path relative to raw/, NFC, forward slashes
    path: Path
    size: int
    mtime: float
    sha256: str | None = None
    raw_name: str | None = None  # the name with undecodable bytes escaped; None when it is valid UTF-8


@dataclass(frozen=True)
class ScanResult:
    new: tuple[FileState, ...]
    changed: tuple[FileState, ...]
    unchanged: tuple[FileState, ...]
    removed: tuple[str, ...]
    removal_held: tuple[str, ...] = ()  # gone from raw/, kept by the mass-removal guard
    quarantined: tuple[FileState, ...] = ()  # killed their worker too often; skipped until their bytes change
    upgraded: tuple[str, ...] = ()  # tables brought to this release's schema version before the scan

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


def display_name(rel: Path) -> tuple[str, str | None]:
    """(``source_file``, ``raw_name``) of a path relative to raw/: valid UTF-8 NFC, and the escaped
    original when the name's bytes are not UTF-8."""
    text = rel.as_posix()
    data = os.fsencode(text)
    try:
        return unicodedata.normalize("NFC", data.decode("utf-8")), None
    except UnicodeDecodeError:
        name = unicodedata.normalize("NFC", data.decode("utf-8", "replace"))
        return name, data.decode("utf-8", "backslashreplace")


def check_raw(raw: Path) -> None:
    """Raise :class:`RawUnavailable` when ``raw`` is missing or cannot be listed (an unmounted share):
    a run must not read that as "every file was removed"."""
    if not raw.is_dir():
        raise RawUnavailable(f"raw folder {raw} does not exist or is not a folder")
    try:
        with os.scandir(raw) as entries:
            next(entries, None)
    except OSError as exc:
        raise RawUnavailable(f"raw folder {raw} cannot be read ({exc.strerror or exc})") from exc


def list_files(raw: Path) -> list[FileState]:
    """Files under ``raw`` (recursively, symlinks not followed), ignored files left out, in a stable order.

    Files of formats tiltak does not read are listed too: they get an error row saying so, rather than
    being skipped in silence. Two names that read the same once undecodable bytes are replaced keep
    apart: the second one's ``source_file`` is its escaped name."""
    out = []
    seen: set[str] = set()
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
        source, raw_name = display_name(rel)
        if source in seen and raw_name is not None:
            source = raw_name
        seen.add(source)
        out.append(FileState(source, path, stat.st_size, stat.st_mtime, raw_name=raw_name))
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
    always processed again. A missing or unreadable ``raw`` raises :class:`RawUnavailable`."""
    check_raw(raw)
    new, changed, unchanged = [], [], []
    files = list_files(raw)
    for f in files:
        before = known.get(f.source_file)
        if before is None:
            new.append(FileState(f.source_file, f.path, f.size, f.mtime, _hash(f.path), f.raw_name))
            continue
        size, mtime, sha = before
        if not force and mtime is not None and size == f.size and mtime == f.mtime:
            unchanged.append(FileState(f.source_file, f.path, f.size, f.mtime, sha, f.raw_name))
            continue
        digest = _hash(f.path)
        same = digest is not None and digest == sha and mtime is not None
        target = unchanged if (same and not force) else changed
        target.append(FileState(f.source_file, f.path, f.size, f.mtime, digest, f.raw_name))
    present = {f.source_file for f in files}
    removed = tuple(sorted(s for s in known if s not in present))
    return ScanResult(tuple(new), tuple(changed), tuple(unchanged), removed)
