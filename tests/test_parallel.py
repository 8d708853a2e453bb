"""Parallel parsing: ``workers=2`` hands the file tasks to a spawn process pool and gives the same measures
as one worker; progress callbacks still run in the flow process."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

import pipeline
from pipeline.config import Settings
from pipeline.run.runner import make_runner, offload, process_pool, runner_kind

ROOT = Path(__file__).resolve().parents[1]
FILES = (ROOT / "raw" / "handlingsprogram-2026-gruppearbeid-notater.txt",
         ROOT / "tests" / "fixtures" / "seed" / "handlingsprogram-2026-tabell.docx",
         ROOT / "tests" / "fixtures" / "seed" / "handlingsprogram-2026-notater.pdf")
COLUMNS = ["measure_id", "source_file", "ordinal", "parent_id", "text", "theme", "measure_type", "page", "line"]


def small_corpus(raw: Path) -> Path:
    raw.mkdir()
    for path in FILES:
        shutil.copy(path, raw / path.name)
    return raw


def measures_of(out: Path) -> list[tuple]:
    frame = pipeline.load("measures", root=str(out))
    partners = frame["partners"].apply(lambda p: tuple(sorted(p)))
    return sorted(zip(*(frame[c].astype(str) for c in COLUMNS), partners))


def test_runner_choice():
    assert runner_kind(Settings(), 10) == "process"  # isolated: a worker process even with one worker
    assert runner_kind(Settings(), 0) == "thread"  # nothing to process: no pool to start
    assert runner_kind(Settings(isolate_files=False), 10) == "thread"
    assert runner_kind(Settings(isolate_files=False, workers=2), 1) == "thread"  # one file: no pool to start
    assert runner_kind(Settings(workers=2), 3) == "process"
    assert runner_kind(Settings(workers=2, dask_address="tcp://127.0.0.1:8786"), 3) == "dask"
    runner = make_runner(Settings(workers=4), 3)
    assert type(runner).__name__ == "ThreadPoolTaskRunner" and runner._max_workers == 3


def pools_seen_by_the_worker() -> int:
    """A forked worker would inherit this process's memory, the pool registered in it included."""
    from pipeline.run import runner

    return len(runner._pool)


def test_offload_runs_in_a_spawned_process():
    assert offload(os.getpid) == os.getpid()  # no pool: in the calling thread
    with process_pool(1, warm=False):
        assert offload(pools_seen_by_the_worker) == 0  # a spawned child, not a fork of this process
        assert offload(os.getpid) != os.getpid()


@pytest.mark.slow
def test_two_workers_match_one(prefect_harness, tmp_path: Path):
    from flows.reprocess import on_file, reprocess

    raw = small_corpus(tmp_path / "raw")
    one = reprocess(raw=str(raw), out=str(tmp_path / "one"), workers=1)
    seen: list[tuple[str, int]] = []
    on_file(lambda state, result: seen.append((state.source_file, os.getpid())))
    try:
        two = reprocess(raw=str(raw), out=str(tmp_path / "two"), workers=2)
    finally:
        on_file(None)
    assert one.failed == two.failed == 0 and one.new == two.new == len(FILES)
    assert sorted(name for name, _ in seen) == sorted(p.name for p in FILES)
    assert {pid for _, pid in seen} == {os.getpid()}  # callbacks ran in the flow process
    assert measures_of(tmp_path / "two") == measures_of(tmp_path / "one")
