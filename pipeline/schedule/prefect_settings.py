"""Prefect settings that must be in the environment before prefect is imported (see DESIGN.md)."""
from __future__ import annotations

import os

DEFAULTS = {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "DO_NOT_TRACK": "1",
    "PREFECT_LOGGING_LEVEL": "WARNING",
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "90",
    "PREFECT_UI_ENABLED": "false",
}


def configure() -> None:
    """Quiet, offline-friendly defaults; values the user already set win."""
    for key, value in DEFAULTS.items():
        os.environ.setdefault(key, value)
