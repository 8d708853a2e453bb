"""Shared fixtures: one Prefect test harness per session for the few flow tests."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipeline.schedule.prefect_settings import configure

configure()

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "raw" / "handlingsprogram-2026-gruppearbeid-notater.txt"


@pytest.fixture(scope="session")
def prefect_harness():
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


@pytest.fixture
def seed_raw(tmp_path: Path) -> Path:
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(SEED, raw / SEED.name)
    return raw
