"""Errors that carry a hint: what the user can do about them.

Library code raises these; the CLI turns them into one line, the flow into an ``errors`` row.
"""
from __future__ import annotations


class TiltakError(Exception):
    """Base class. ``hint`` says how to fix it; ``stage`` where it happened; ``exit_code`` what the CLI
    exits with."""

    stage = "pipeline"
    default_hint = "run with --debug for details"
    exit_code = 2

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint or self.default_hint

    def __str__(self) -> str:
        return f"{self.message} ({self.hint})"


class ParseError(TiltakError):
    """A file could not be read as a document."""

    stage = "parse"
    default_hint = "check that the file opens in its usual program, then save or export it again"


class UnsupportedFormat(ParseError):
    default_hint = "tiltak reads PDF, DOCX, TXT, Markdown and HTML; convert the file to one of them"


class EmptyDocument(ParseError):
    default_hint = "the file has no text; check that it is the right file"


class NoTextLayer(ParseError):
    default_hint = "no text layer; run OCR, e.g. ocrmypdf, first"


class EncryptedDocument(ParseError):
    default_hint = "remove the password (save an unprotected copy), or put it in a sidecar <file>.toml as password = \"...\""


class LimitExceeded(ParseError):
    default_hint = "raise the limit in the settings (tiltak.toml) if the file is genuine"


class ReadError(TiltakError):
    """The file could not be read as bytes (gone, unreadable, or changing). Retried on the next run."""

    stage = "read"
    default_hint = "check that the file exists and is readable; the next run tries it again"


class FileChanged(ReadError):
    default_hint = "the file was being written while tiltak read it; the next run reads it again"


class RawUnavailable(TiltakError):
    """The drop folder is missing or cannot be listed: the run stops before writing anything."""

    stage = "scan"
    default_hint = "mount or create the folder (or pass --raw); nothing was written"
    exit_code = 1


class WorkerError(TiltakError):
    """A file's worker process died or was killed: the file gets an error row, the run goes on."""

    stage = "worker"
    default_hint = ("the file crashed or hung a parser library; the next run tries it again, and after "
                    "quarantine_after such failures it is skipped until the file changes")


class WorkerCrashed(WorkerError):
    """The worker process ended abnormally (segfault, out-of-memory kill, os._exit)."""


class WorkerTimeout(WorkerError):
    """The worker process ran past the hard time limit and was killed."""


class StoreError(TiltakError):
    stage = "store"
    default_hint = "check that the output folder is writable; earlier versions are untouched"


class NotFound(TiltakError):
    stage = "query"
    default_hint = "run `tiltak versions` to see what exists"


class Refused(TiltakError):
    stage = "query"
    default_hint = "add --force if you mean it"
