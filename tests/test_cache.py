"""Result cache and pipeline version: a version change reprocesses every file, nothing else does; --force
and a copied file reuse cached results. Library calls only (the flow makes the same ones)."""
from __future__ import annotations

import shutil
import uuid
from datetime import datetime, timezone
from pathlib import Path

import pytest

import pipeline
from pipeline.run import cache
from pipeline.config import Settings
from pipeline.run.commit import RunSummary, commit_run

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "raw" / "handlingsprogram-2026-gruppearbeid-notater.txt"
SMALL = "# Handlingsprogram 2027\n\n## Kraft og energi\n\n- Kartlegge kraftbehov i Lier kommune\n"


def run(settings: Settings, force: bool = False, version: str | None = None) -> RunSummary:
    """plan -> process_cached -> commit, as flows.reprocess wires them."""
    planned = cache.plan(settings, force, version)
    run_id = uuid.uuid4().hex[:12]
    results = [cache.process_cached(f, run_id, planned.version, planned.cache_dir, settings)
               for f in planned.to_process]
    return commit_run(settings, planned.scan, results, datetime.now(timezone.utc), run_id)


@pytest.fixture
def corpus(tmp_path: Path) -> Settings:
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(SEED, raw / SEED.name)
    (raw / "andre.md").write_text(SMALL, encoding="utf-8")
    return Settings(raw=raw, out=tmp_path / "processed", write_report=False)


def test_pipeline_version_is_stable_and_tracks_resources(monkeypatch, tmp_path: Path):
    assert cache.pipeline_version() == cache.pipeline_version()
    assert cache.pipeline_version().startswith(pipeline.__version__ + "+")
    assert any(p.parent.name == "models" for p in cache._files())
    model = tmp_path / "themes.npz"
    model.write_bytes(b"model 1")
    monkeypatch.setattr(cache, "_files", lambda: [model])
    monkeypatch.setattr(cache, "PACKAGE_DIR", tmp_path)
    cache.pipeline_version.cache_clear()
    try:
        first = cache.pipeline_version()
        model.write_bytes(b"model 2")
        cache.pipeline_version.cache_clear()
        assert cache.pipeline_version() != first
    finally:
        cache.pipeline_version.cache_clear()


def test_version_change_reprocesses_everything_and_nothing_else(corpus: Settings, monkeypatch):
    first = run(corpus)
    assert first.new == 2 and first.failed == 0
    docs = pipeline.load("documents", root=str(corpus.out))
    assert set(docs["pipeline_version"]) == {cache.pipeline_version()}

    assert cache.plan(corpus).to_process == ()  # same version, same bytes: nothing
    again = run(corpus)
    assert not again.committed and again.unchanged == 2

    monkeypatch.setattr(cache, "pipeline_version", lambda: "0.0.0+another-model")
    stale = cache.plan(corpus)
    assert {f.source_file for f in stale.scan.changed} == {SEED.name, "andre.md"} and not stale.scan.unchanged
    after = run(corpus)
    assert after.changed == 2 and after.committed
    assert set(pipeline.load("documents", root=str(corpus.out))["pipeline_version"]) == {"0.0.0+another-model"}
    assert cache.plan(corpus).to_process == ()


def test_force_and_copies_reuse_cached_results(corpus: Settings, monkeypatch):
    run(corpus)
    before = pipeline.load("measures", root=str(corpus.out))

    def no_parsing(*args: object, **kwargs: object) -> None:
        raise AssertionError("parsed although the result was cached")

    monkeypatch.setattr(cache, "process_file", no_parsing)
    forced = run(corpus, force=True)
    assert forced.changed == 2 and forced.failed == 0
    after = pipeline.load("measures", root=str(corpus.out))
    assert sorted(after["measure_id"]) == sorted(before["measure_id"])

    (corpus.raw / "kopi").mkdir()
    shutil.copy(SEED, corpus.raw / "kopi" / SEED.name)  # same bytes and name elsewhere: a hit
    copied = run(corpus)
    assert copied.new == 1 and copied.failed == 0
    rows = pipeline.load("measures", root=str(corpus.out))
    assert (rows["source_file"] == f"kopi/{SEED.name}").sum() == (rows["source_file"] == SEED.name).sum()


def test_sidecar_or_name_change_misses_the_cache(corpus: Settings):
    planned = cache.plan(corpus)
    state = next(f for f in planned.to_process if f.source_file == "andre.md")
    result = cache.process_cached(state, "r", planned.version, planned.cache_dir)
    assert cache.lookup(planned.cache_dir, state) is not None
    (corpus.raw / "andre.md.toml").write_text('program = "Handlingsprogram 2030"\n', encoding="utf-8")
    assert cache.lookup(planned.cache_dir, state) is None  # the sidecar can change the programme
    renamed = corpus.raw / "hp_2025-09-09.md"
    shutil.copy(state.path, renamed)
    moved = type(state)("hp_2025-09-09.md", renamed, state.size, state.mtime, state.sha256)
    assert cache.lookup(planned.cache_dir, moved) is None  # the name carries a version date
    assert result.document["pipeline_version"] == planned.version


def test_errors_are_not_cached_and_old_versions_are_pruned(corpus: Settings):
    (corpus.raw / "tom.txt").write_bytes(b"")
    planned = cache.plan(corpus)
    state = next(f for f in planned.to_process if f.source_file == "tom.txt")
    assert cache.process_cached(state, "r", planned.version, planned.cache_dir).error is not None
    assert cache.lookup(planned.cache_dir, state) is None
    old = corpus.out / cache.CACHE_DIR / "results" / "0000"
    old.mkdir(parents=True)
    cache.plan(corpus)
    assert not old.exists()
