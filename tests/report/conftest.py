"""Fixtures for the report tests."""
from __future__ import annotations

import pandas as pd
import pytest

from .samples import META, build_changes, build_measures, build_status


@pytest.fixture
def measures() -> pd.DataFrame:
    return build_measures()


@pytest.fixture
def status() -> pd.DataFrame:
    return build_status()


@pytest.fixture
def changes() -> pd.DataFrame:
    return build_changes()


@pytest.fixture
def meta() -> dict:
    return dict(META)
