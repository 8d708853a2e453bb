"""Per-file limits (bytes, pages, text, blocks, seconds), checked cooperatively while a file is read.

:func:`file_limits` opens a scope for one file; parsers and stages inside it call :func:`tick` in their
page/paragraph/line loops and :func:`check_pages` once they know the page count. A file over a limit
raises :class:`~pipeline.errors.LimitExceeded` naming the setting to raise, so a bad file becomes an
``errors`` row instead of a hang or an out-of-memory kill. (A cooperative deadline, because
``signal.alarm`` works only in the main thread and Prefect runs tasks in worker threads.)
Outside a scope (a parser called directly) every check is a no-op.
"""
from __future__ import annotations

import time
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Iterator

from pipeline.config import Settings
from pipeline.errors import LimitExceeded
from pipeline.models import Document


@dataclass(frozen=True)
class FileLimits:
    """The limits of one file and the monotonic time at which it runs out."""

    settings: Settings
    source_file: str
    deadline: float


_current: ContextVar[FileLimits | None] = ContextVar("tiltak_file_limits", default=None)


def exceeded(source_file: str, what: str, setting: str, value: object) -> LimitExceeded:
    """The error for a file over a limit: what was too big, and which setting to raise."""
    return LimitExceeded(f"{source_file}: {what} (limit {setting} = {value})",
                         f"if the file is genuine, raise {setting} under [tiltak] in tiltak.toml; "
                         f"otherwise remove it from raw/")


@contextmanager
def file_limits(settings: Settings, source_file: str) -> Iterator[FileLimits]:
    """Apply ``settings``' per-file limits to everything called inside the block (this thread only)."""
    limits = FileLimits(settings, source_file, time.monotonic() + settings.max_seconds_per_file)
    token = _current.set(limits)
    try:
        yield limits
    finally:
        _current.reset(token)


def current() -> FileLimits | None:
    """The limits in force, or None outside :func:`file_limits`."""
    return _current.get()


def tick(where: str = "") -> None:
    """Raise :class:`LimitExceeded` when the file's time is up (call it once per page / paragraph)."""
    limits = _current.get()
    if limits is not None and time.monotonic() > limits.deadline:
        seconds = limits.settings.max_seconds_per_file
        place = f" at {where}" if where else ""
        raise exceeded(limits.source_file, f"still not read after {seconds:g} s{place}",
                       "max_seconds_per_file", f"{seconds:g}")


def check_pages(n_pages: int) -> None:
    """Refuse a paged document with more pages than ``max_pages`` before reading any page."""
    limits = _current.get()
    if limits is not None and n_pages > limits.settings.max_pages:
        raise exceeded(limits.source_file, f"{n_pages} pages", "max_pages", limits.settings.max_pages)


def check_text(n_chars: int, n_blocks: int, longest: int) -> None:
    """Refuse text over ``max_text_chars``, ``max_blocks`` or ``max_block_chars`` (counts so far)."""
    limits = _current.get()
    if limits is None:
        return
    s = limits.settings
    if n_chars > s.max_text_chars:
        raise exceeded(limits.source_file, f"{n_chars} characters of text", "max_text_chars", s.max_text_chars)
    if n_blocks > s.max_blocks:
        raise exceeded(limits.source_file, f"more than {s.max_blocks} lines/paragraphs", "max_blocks", s.max_blocks)
    if longest > s.max_block_chars:
        raise exceeded(limits.source_file, f"one line or paragraph of {longest} characters", "max_block_chars",
                       s.max_block_chars)


def check_document(doc: Document) -> None:
    """All text limits on a parsed document (for parsers that do not check as they go)."""
    if _current.get() is None:
        return
    lengths = [len(b.text) for b in doc.blocks]
    check_text(sum(lengths), len(lengths), max(lengths, default=0))
    if doc.n_pages is not None:
        check_pages(doc.n_pages)
    tick("the end of parsing")
