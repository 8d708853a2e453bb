"""tiltak: Norwegian action-programme notes -> versioned measure datasets.

    import pipeline
    pipeline.load("measures", root="processed", version=None)  # pandas.DataFrame at any Delta version
    pipeline.diff(old, new, root="processed")                  # the changes between programme versions
"""
from __future__ import annotations

from pipeline.config import VERSION as __version__

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd


def load(table: str, root: str = "processed", version: int | None = None) -> "pd.DataFrame":
    """Read a table (documents, measures, measure_partners, runs, errors, changes, status) into pandas."""
    from pipeline.store import load as _load

    return _load(table, root=root, version=version)


def diff(old: str, new: str, root: str = "processed", force: bool = False) -> "pd.DataFrame":
    """Changes between two programme versions ("Handlingsprogram 2026@2025-09-09") or source files."""
    from pipeline.compare.changes import diff as _diff

    return _diff(old, new, root=root, force=force)


__all__ = ["load", "diff", "__version__"]
