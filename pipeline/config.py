"""Settings with defaults. One frozen dataclass, overridable from ``tiltak.toml`` in the project root."""
from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path

VERSION = "0.1.0"
"""The package version (pyproject reads it from here)."""

RESOURCES = Path(__file__).resolve().parent / "resources"
"""Package data: taxonomy, gazetteer, word lists, training data and shipped models."""

IGNORED_PATTERNS = ("~$*", ".~lock*", "*.tmp", "*.part", "*.crdownload", "*.swp", "*~", ".*", "*.toml",
                    "Thumbs.db", "desktop.ini")
"""Temporary, lock, hidden and sidecar files are never parsed as documents."""

SUPPORTED_SUFFIXES = (".pdf", ".docx", ".txt", ".md", ".markdown", ".html", ".htm", ".eml")



def user_cache_dir() -> Path:
    """Where derived data that is slow to rebuild is kept between processes (the lemma table as a pickle):
    ``$TILTAK_CACHE_DIR``, else ``$XDG_CACHE_HOME/tiltak``, else ``~/.cache/tiltak``. Safe to delete."""
    if os.environ.get("TILTAK_CACHE_DIR"):
        return Path(os.environ["TILTAK_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "tiltak"


PDF_ENGINES = ("pdfium", "pdfplumber")
"""What reads PDF pages (``pdf_engine``): PDFium (pypdfium2, the default, fast) or pdfplumber (the reference)."""


@dataclass(frozen=True)
class Settings:
    """Where to read and write, and per-file limits that stop a bad file, never a normal programme."""

    raw: Path = Path("raw")
    out: Path = Path("processed")
    max_file_bytes: int = 200 * 1024 * 1024
    max_pages: int = 3000
    max_seconds_per_file: float = 600.0
    max_docx_uncompressed_bytes: int = 500 * 1024 * 1024
    max_docx_ratio: float = 200.0
    # limits on what a parser produces (issue 7): generous for any real programme, fatal for junk
    max_text_chars: int = 20_000_000  # characters of text in one document (~6000 dense pages)
    max_blocks: int = 200_000  # lines / paragraphs / cells in one document
    max_block_chars: int = 200_000  # one line or paragraph (a measure is a few hundred characters)
    # throughput and scale-out (issue 8): processes per run (1 = in the flow process; more pay off only
    # when several files are processed, see benchmarks/README.md), an existing Dask scheduler
    # (tcp://host:8786) to run the file tasks on, and the per-file result cache in <out>/.cache/
    workers: int = 1
    dask_address: str | None = None
    result_cache: bool = True
    lock_timeout_seconds: float = 3600.0
    write_report: bool = True
    # nothing lost (issue 14): a run that would remove all known files, or more than half of them, removes
    # none unless allowed (an unmounted share looks like an empty folder); every file's work runs in a
    # worker process killed at the hard time limit, so a crash or hang in a C library costs one error row;
    # a file that killed its worker quarantine_after times the same way is skipped until its bytes change
    allow_removal: bool = False
    isolate_files: bool = True
    quarantine_after: int = 3
    max_worker_memory_bytes: int = 0  # address-space limit per worker process (0: none)
    pdf_engine: str = PDF_ENGINES[0]

    @classmethod
    def load(cls, path: Path | None = None, **overrides: object) -> "Settings":
        """Defaults, then ``tiltak.toml`` (if present), then keyword overrides (None values ignored)."""
        settings = cls()
        toml_path = path or Path("tiltak.toml")
        if toml_path.is_file():
            data = tomllib.loads(toml_path.read_text(encoding="utf-8")).get("tiltak", {})
            settings = _apply(settings, data)
        return _apply(settings, {k: v for k, v in overrides.items() if v is not None})


def _apply(settings: Settings, data: dict[str, object]) -> Settings:
    known = {f.name: f for f in fields(Settings)}
    values: dict[str, object] = {}
    for key, value in data.items():
        if key not in known:
            continue
        values[key] = Path(str(value)) if key in ("raw", "out") else value
    return replace(settings, **values)
