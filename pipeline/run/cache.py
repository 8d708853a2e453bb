"""Per-file results cached by content hash and pipeline version.

The **pipeline version** is the package ``VERSION`` plus a digest of everything a file's result
depends on besides its bytes: the processing code (parse, segment, nlp, ...), the shipped resources
(models, taxonomy, gazetteer, lemma table) and the versions of the parsing libraries. A model or code
change therefore gives a new pipeline version, and

- the scan treats a file as unchanged only if its sha256 (see ``pipeline.run.scan``) AND the pipeline
  version its documents row was written with match (:func:`plan`); otherwise it is reprocessed;
- results are cached under ``<out>/.cache/results/<version tag>/<sha256>.pkl``, so ``--force``, a
  copied or a moved file reuse the result instead of parsing again (:func:`process_cached`). A hit also
  needs the same name-derived metadata and sidecar (``<file>.toml``), because the programme version can
  come from them. Only successful results are cached: errors are retried. Entries of other pipeline
  versions are pruned when a run plans.

Cache entries are pickles written by tiltak itself into the output folder; whoever can write there can
change the datasets anyway.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import shutil
import tempfile
from dataclasses import dataclass, fields, replace
from datetime import datetime, timezone
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from pipeline.config import VERSION
from pipeline.config import Settings
from pipeline.errors import WorkerError
from pipeline.run.process import FileResult, error_result, process_file
from pipeline.run.scan import FileState, ScanResult
from pipeline.meta.versions import meta_from_filename

CACHE_DIR = ".cache"
PACKAGE_DIR = Path(__file__).resolve().parents[1]
PROCESSING_CODE = ("parse", "segment", "nlp", "meta", "run/process.py", "models.py", "limits.py", "values.py")
"""Modules whose code decides a file's rows (relative to the package); reports, CLI and store do not."""
LIBRARIES = ("pdfplumber", "pdfminer.six", "pypdfium2", "python-docx", "beautifulsoup4", "lxml", "spacy",
             "numpy")


@dataclass(frozen=True)
class Plan:
    """What a run processes (the scan, with version-stale files moved to changed) and under which version."""

    scan: ScanResult
    version: str
    cache_dir: Path | None

    @property
    def to_process(self) -> tuple[FileState, ...]:
        return self.scan.to_process


def _files() -> list[Path]:
    out: list[Path] = []
    for name in PROCESSING_CODE:
        path = PACKAGE_DIR / name
        out += sorted(path.rglob("*.py")) if path.is_dir() else [path] if path.is_file() else []
    resources = PACKAGE_DIR / "resources"
    out += sorted(p for p in resources.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    return out


@lru_cache(maxsize=1)
def pipeline_version() -> str:
    """``"<VERSION>+<12 hex>"``: changes whenever processing code, a resource or a parser library does."""
    digest = hashlib.sha256()
    for path in _files():
        digest.update(path.relative_to(PACKAGE_DIR).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    for lib in LIBRARIES:
        try:
            digest.update(f"{lib}={metadata.version(lib)}\0".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{lib}=-\0".encode())
    return f"{VERSION}+{digest.hexdigest()[:12]}"


def recorded_versions(out: Path) -> dict[str, str | None]:
    """source_file -> the pipeline version its documents row was written with."""
    from pipeline import store  # here: a worker process, which only processes files, never needs pandas

    docs = store.read_arrow(out, "documents")
    if "pipeline_version" not in docs.column_names:
        return dict.fromkeys(docs.column("source_file").to_pylist())
    return dict(zip(docs.column("source_file").to_pylist(), docs.column("pipeline_version").to_pylist()))


def revalidate(scan: ScanResult, recorded: dict[str, str | None], version: str) -> ScanResult:
    """Unchanged files written by another pipeline version become changed (their sha256 is kept)."""
    stale = tuple(f for f in scan.unchanged if recorded.get(f.source_file) != version)
    if not stale:
        return scan
    keep = tuple(f for f in scan.unchanged if recorded.get(f.source_file) == version)
    return replace(scan, changed=scan.changed + stale, unchanged=keep)


def plan(settings: Settings, force: bool = False, version: str | None = None) -> Plan:
    """The scan of ``settings.raw`` with pipeline-version checks; prunes cache entries of other versions."""
    from pipeline.run.commit import plan_run  # here: a worker process never plans

    version = version or pipeline_version()
    scan = revalidate(plan_run(settings, force), recorded_versions(settings.out), version)
    cache_dir = result_dir(settings, version) if settings.result_cache else None
    if cache_dir is not None:
        prune(settings.out, keep=cache_dir)
    return Plan(scan, version, cache_dir)


def result_dir(settings: Settings, version: str) -> Path:
    """``<out>/.cache/results/<tag>``: tag = hash of the pipeline version, the per-file limits and the PDF engine."""
    limits = [(f.name, getattr(settings, f.name)) for f in fields(settings)
              if f.name.startswith("max_") or f.name == "pdf_engine"]
    tag = hashlib.sha256(repr((version, limits)).encode()).hexdigest()[:16]
    return settings.out / CACHE_DIR / "results" / tag


def prune(out: Path, keep: Path) -> None:
    """Remove result caches of other pipeline versions (they can never hit again)."""
    root = out / CACHE_DIR / "results"
    if root.is_dir():
        for entry in root.iterdir():
            if entry.is_dir() and entry.resolve() != keep.resolve():
                shutil.rmtree(entry, ignore_errors=True)


def context(state: FileState) -> tuple[object, str | None]:
    """What a result depends on besides the bytes: metadata from the file name, the sidecar's digest."""
    sidecar = state.path.with_name(state.path.name + ".toml")
    try:
        side = hashlib.sha256(sidecar.read_bytes()).hexdigest() if sidecar.is_file() else None
    except OSError:
        side = "unreadable"
    return meta_from_filename(state.source_file), side


def stamp(result: FileResult, version: str) -> FileResult:
    """The result with the pipeline version it was made with in its documents row."""
    return replace(result, document={**result.document, "pipeline_version": version})


def restamp(result: FileResult, state: FileState, version: str) -> FileResult:
    """A cached (successful) result for ``state``: this file's name, size, mtime, time and version."""
    src = state.source_file
    document = {**result.document, "source_file": src, "size_bytes": state.size, "mtime": state.mtime,
                "document_id": state.sha256, "pipeline_version": version,
                "processed_at": datetime.now(timezone.utc)}
    return replace(result, source_file=src, document=document,
                   measures=[{**m, "source_file": src} for m in result.measures],
                   partners=[{**p, "source_file": src} for p in result.partners])


def lookup(cache_dir: Path, state: FileState) -> FileResult | None:
    """The cached result of ``state``'s bytes in the same context, or None."""
    entry = cache_dir / f"{state.sha256}.pkl"
    try:
        with entry.open("rb") as fh:
            cached = pickle.load(fh)
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError):
        return None
    if not isinstance(cached, dict) or cached.get("context") != context(state):
        return None
    result = cached.get("result")
    return result if isinstance(result, FileResult) else None


def save(cache_dir: Path, state: FileState, result: FileResult) -> None:
    """Write an entry atomically (temp file + rename): concurrent workers never see half a file."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=cache_dir, prefix=".tmp-", suffix=".pkl")
    try:
        with os.fdopen(fd, "wb") as fh:
            pickle.dump({"context": context(state), "result": result}, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, cache_dir / f"{state.sha256}.pkl")
    except OSError:
        Path(tmp).unlink(missing_ok=True)  # a cache that cannot be written only costs time


def process_cached(state: FileState, run_id: str, version: str, cache_dir: Path | None,
                   settings: Settings | None = None) -> FileResult:
    """:func:`pipeline.run.process.process_file` (within the limits of ``settings``) through the result
    cache in ``cache_dir`` (None: no cache)."""
    if cache_dir is not None and state.sha256:
        hit = lookup(cache_dir, state)
        if hit is not None:
            return restamp(hit, state, version)
    result = stamp(process_file(state, run_id, settings), version)
    if cache_dir is not None and state.sha256 and result.error is None:
        save(cache_dir, state, result)
    return result


def failed_in_worker(state: FileState, run_id: str, version: str, error: WorkerError) -> FileResult:
    """The result of a file whose worker process died or was killed: one error row (stage "worker")
    naming the file, a documents row without ``mtime`` (the next run tries it again)."""
    named = type(error)(f"{state.source_file}: {error.message}", error.hint)
    return stamp(error_result(state, named, run_id), version)
