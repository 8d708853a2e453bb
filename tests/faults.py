"""Fault injection for the poison-file tests: a test-only parser (``TILTAK_PARSER_HOOK=tests.faults:parse``)
that misbehaves inside the worker process when a file starts with a marker, and parses normally otherwise.

- ``FAULT:exit``  the process ends at once (``os._exit``), as after a segfault in a C library
- ``FAULT:segv``  a real segmentation fault (reads address 0 through ctypes)
- ``FAULT:hang``  sleeps far past any limit without ever reaching the cooperative deadline check
- ``FAULT:hog``   allocates without bound (run it under ``max_worker_memory_bytes``)

and a file whose name contains ``endres under lesing`` gets a line appended while it is read (a writer
still saving it), so the run sees other bytes after reading it.
"""
from __future__ import annotations

import os
import time
from pathlib import Path

HOOK = "tests.faults:parse"


def exit_now() -> None:
    os._exit(7)


def segfault() -> None:
    import ctypes

    ctypes.string_at(0)


def hang() -> None:
    time.sleep(3600)


def hog() -> None:
    chunks = []
    while True:
        chunks.append(bytearray(64 << 20))


FAULTS = {b"FAULT:exit": exit_now, b"FAULT:segv": segfault, b"FAULT:hang": hang, b"FAULT:hog": hog}


STILL_SAVING = "endres under lesing"


def parse(path: Path, source_file: str | None = None):  # noqa: ANN201 - a Document
    if STILL_SAVING in path.name:
        with open(path, "a", encoding="utf-8") as fh:
            fh.write("- Ny linje\n")
    with open(path, "rb") as fh:
        head = fh.read(16)
    for marker, fault in FAULTS.items():
        if head.startswith(marker):
            fault()
    from pipeline.parse import parse as real

    return real(path, source_file)
