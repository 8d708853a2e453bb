"""Cell values as pandas, Arrow and CSV hand them back: one meaning of "missing" and of "a list"."""
from __future__ import annotations

import math
from typing import Any

MISSING_STRINGS = frozenset({"<NA>", "NaT", "nan"})
"""What a missing value turns into when a frame goes through ``astype(str)`` or a CSV round trip."""


def is_missing(value: Any) -> bool:
    """None, a float NaN, pandas' NA/NaT, or their string forms ("<NA>", "NaT", "nan")."""
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    if isinstance(value, str):
        return value in MISSING_STRINGS
    return type(value).__name__ in ("NAType", "NaTType")


def as_list(value: Any) -> list[Any]:
    """A list from a list, tuple, numpy/Arrow array or one value; a missing value gives []."""
    if isinstance(value, (list, tuple)):
        return list(value)
    if hasattr(value, "tolist") and not isinstance(value, str):
        value = value.tolist()
        return value if isinstance(value, list) else [value]
    return [] if is_missing(value) else [value]


def text_or_empty(value: Any) -> str:
    """``str(value)``, or "" for a missing value."""
    return "" if is_missing(value) else str(value)
