"""Where the commands write: rich consoles for people, raw bytes for machine formats."""
from __future__ import annotations

import sys

from rich.console import Console

console = Console(stderr=False)
err = Console(stderr=True)


def write_stdout(text: str) -> None:
    """``text`` on stdout byte for byte (UTF-8), never through rich: machine formats must not be wrapped."""
    sys.stdout.flush()
    sys.stdout.buffer.write(text.encode("utf-8"))
    sys.stdout.buffer.flush()
