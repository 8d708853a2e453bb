"""Fault injection for the poison-file tests: a test-only parser (``TILTAK_PARSER_HOOK=tests.faults:parse``)
that misbehaves inside the worker process when a file starts with a marker, and parses normally otherwise.

- ``FAULT:exit``  the process ends at once (``os._exit``), as after a segfault in a C library
- ``FAULT:segv``  a real segmentation fault (reads address 0 through ctypes)
- ``FAULT:hang``  sleeps far past any limit without ever reaching the cooperative deadline check
- ``FAULT:hog``   allocates without bound (run it under ``max_worker_memory_bytes``)
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


def parse(path: Path, source_file: str | None = None):  # noqa: ANN201 - a Document
    with open(path, "rb") as fh:
        head = fh.read(16)
    for marker, fault in FAULTS.items():
        if head.startswith(marker):
            fault()
    from pipeline.parse import parse as real

    return real(path, source_file)
