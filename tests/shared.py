"""The evaluation material beside the repository (``../shared``: the seed's gold file and the scorer).

A user's clone does not have it, so tests that need it skip there; in CI (``CI`` set) it must exist,
and a missing folder fails those tests loudly instead of hiding the seed scores.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / "shared"
SCORER = SHARED / "eval" / "score.py"
SEED_GOLD = SHARED / "eval" / "seed.gold.json"
REAL = SHARED / "eval" / "real"


def require(path: Path) -> Path:
    """``path`` under ../shared, or skip (fail when running in CI)."""
    if path.exists():
        return path
    message = f"{path} is missing: the seed scores need ../shared beside the repository"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)
