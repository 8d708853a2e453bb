"""``tiltak vacuum``: delete the data files of old dataset versions, never by default, never referred ones.

Every run keeps the previous Delta versions readable; this is the only command that deletes them. It
runs ``DeltaTable.vacuum`` on every table under ``<out>`` with a retention of ``keep_days``: a version
stays loadable when the commit that replaced it is younger than ``keep_days`` (so any moment of the
last ``keep_days`` days can still be loaded), and files left by killed runs are removed once as old.
The Delta log is kept (it is small): ``tiltak versions`` still lists every version, and loading a
vacuumed one says so.

**Referred versions.** Status rows (``status``: ``lineage_id``, ``measure_id``) and diffs (``changes``:
``old_measure_id``, ``new_measure_id``) record measure ids, not dataset versions. A measure id that
is no longer in the current ``measures`` table lives only in history; the newest ``measures`` version
that holds it (as ``measure_id`` or ``lineage_id``) is "referred to", and so are the ``documents`` and
``measure_partners`` versions the same run wrote (from the ``runs`` table). Vacuum refuses
(:class:`~pipeline.errors.Refused`) to delete files of a referred version, unless ``keep_referenced``
asks it to keep those versions and delete the rest.
"""
from __future__ import annotations

import math
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from deltalake import DeltaTable

from pipeline import store
from pipeline.errors import Refused
from pipeline.store.lock import run_lock

VACUUM_OPS = ("VACUUM START", "VACUUM END")
LOCK_TIMEOUT = 60.0


@dataclass
class TableVacuum:
    """What vacuum does (or would do) to one table."""

    name: str
    files: list[str] = field(default_factory=list)
    lost_versions: list[int] = field(default_factory=list)
    kept_versions: dict[int, str] = field(default_factory=dict)


@dataclass
class VacuumReport:
    """The outcome of :func:`vacuum`; ``str()`` is what the CLI prints."""

    out: Path
    keep_days: int
    dry_run: bool
    tables: list[TableVacuum] = field(default_factory=list)

    @property
    def n_files(self) -> int:
        return sum(len(t.files) for t in self.tables)

    def __str__(self) -> str:
        verb = "would delete" if self.dry_run else "deleted"
        lines = [f"vacuum {self.out} (keep {self.keep_days} days{', dry run' if self.dry_run else ''}): "
                 f"{verb} {self.n_files} files"]
        for t in self.tables:
            if t.files:
                lost = _ranges(t.lost_versions)
                lines.append(f"  {t.name}: {verb} {len(t.files)} files"
                             + (f"; versions {lost} can no longer be loaded" if lost else ""))
            for version, reason in sorted(t.kept_versions.items()):
                lines.append(f"  {t.name}: kept version {version} ({reason})")
        return "\n".join(lines)


def _ranges(numbers: list[int]) -> str:
    """[0, 1, 2, 5] -> '0-2, 5'."""
    spans: list[list[int]] = []
    for n in sorted(numbers):
        if spans and spans[-1][1] == n - 1:
            spans[-1][1] = n
        else:
            spans.append([n, n])
    return ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in spans)


def tables(out: Path) -> list[str]:
    """Names of the Delta tables under ``out``."""
    return sorted(p.name for p in out.iterdir() if p.is_dir() and DeltaTable.is_deltatable(str(p)))


def _ids(out: Path, name: str, columns: tuple[str, ...]) -> set[str]:
    if not store.exists(out, name):
        return set()
    data = DeltaTable(str(store.table_path(out, name))).to_pyarrow_table()
    return {str(v) for c in columns if c in data.column_names for v in data.column(c).to_pylist() if v}


def referenced_ids(out: Path) -> dict[str, str]:
    """Measure and lineage ids that a status or a diff refers to -> "status" or "diff"."""
    refs = {i: "diff" for i in _ids(out, "changes", ("old_measure_id", "new_measure_id"))}
    refs.update({i: "status" for i in _ids(out, "status", ("lineage_id", "measure_id"))})
    return refs


def _write_versions(dt: DeltaTable) -> list[int]:
    """Versions that wrote data (not the bookkeeping commits of earlier vacuums), newest first."""
    return [int(h["version"]) for h in dt.history() if h.get("operation") not in VACUUM_OPS]


def referred_versions(out: Path) -> dict[str, dict[int, str]]:
    """table -> {version: why} for the versions that statuses and diffs need (see the module doc)."""
    if not store.exists(out, "measures"):
        return {}
    refs = referenced_ids(out)
    path = str(store.table_path(out, "measures"))
    dt = DeltaTable(path)
    missing = set(refs)
    found: dict[int, set[str]] = {}
    for version in _write_versions(dt):
        if not missing:
            break
        try:
            data = DeltaTable(path, version=version).to_pyarrow_table(columns=["measure_id", "lineage_id"])
        except (FileNotFoundError, OSError):  # already vacuumed
            continue
        here = missing & {str(v) for c in ("measure_id", "lineage_id") for v in data.column(c).to_pylist() if v}
        if here and version != dt.version():
            found[version] = here
        missing -= here
    result: dict[str, dict[int, str]] = {}
    runs = store.read_arrow(out, "runs").to_pylist()
    for version, ids in found.items():
        kinds = " and ".join(sorted({refs[i] for i in ids}))
        why = f"{len(ids)} measures that a {kinds} refers to"
        result.setdefault("measures", {})[version] = why
        for run in (r for r in runs if r.get("measures_version") == version):
            for name in ("documents", "measure_partners"):
                if run.get(f"{name}_version") is not None:
                    result.setdefault(name, {})[int(run[f"{name}_version"])] = f"same run as measures version {version}"
    return result


def _relative(files: list[str], root: Path) -> list[str]:
    """Vacuum lists paths relative to the table, or absolute ones: relative, existing files only."""
    rel = [os.path.relpath(f, root) if os.path.isabs(f) else f for f in files]
    return [f for f in rel if (root / f).exists()]


def _plan_table(out: Path, name: str, keep_days: int, referred: dict[int, str]) -> tuple[TableVacuum, dict[int, str]]:
    """What vacuuming one table would delete, and the referred versions it would break."""
    root = store.table_path(out, name)
    dt = DeltaTable(str(root))
    files = set(_relative(dt.vacuum(retention_hours=keep_days * 24, dry_run=True, enforce_retention_duration=False),
                          root))
    plan = TableVacuum(name, sorted(files))
    at_risk: dict[int, str] = {}
    if not files:
        return plan, at_risk
    for version in _write_versions(dt):
        if _version_files(root, version) & files:
            plan.lost_versions.insert(0, version)
            if version in referred:
                at_risk[version] = referred[version]
    return plan, at_risk


def _days_to_keep(out: Path, name: str, version: int) -> int:
    """The smallest ``--keep-days`` that keeps ``version`` of ``name`` (its successor's age, rounded up)."""
    stamps = {int(h["version"]): h.get("timestamp") for h in DeltaTable(str(store.table_path(out, name))).history()}
    after = stamps.get(version + 1) or time.time() * 1000
    return max(1, math.ceil((time.time() * 1000 - after) / 86_400_000) + 1)


def vacuum(out: Path, keep_days: int, dry_run: bool = False, keep_referenced: bool = False) -> VacuumReport:
    """Delete data files of versions replaced more than ``keep_days`` ago in every table under ``out``.

    Raises :class:`Refused` when that would delete a version a status or diff refers to (nothing is
    deleted then), unless ``keep_referenced``: those versions are kept and the rest vacuumed. Holds the
    run lock (a run's fresh, not yet committed files must never look like leftovers)."""
    out = Path(out)
    if keep_days < 0:
        raise Refused(f"--keep-days must be 0 or more, not {keep_days}", "pass the number of days to keep, e.g. 30")
    if not out.is_dir():
        from pipeline.errors import NotFound
        raise NotFound(f"{out} does not exist", "pass --out the output folder of `tiltak run`")
    if dry_run:
        return _vacuum(out, keep_days, True, keep_referenced)
    with run_lock(out, LOCK_TIMEOUT):
        return _vacuum(out, keep_days, False, keep_referenced)


def _vacuum(out: Path, keep_days: int, dry_run: bool, keep_referenced: bool) -> VacuumReport:
    referred = referred_versions(out)
    report = VacuumReport(out, keep_days, dry_run)
    blocked: list[str] = []
    for name in tables(out):
        plan, at_risk = _plan_table(out, name, keep_days, referred.get(name, {}))
        if at_risk and keep_referenced:
            plan, _ = _plan_table_keeping(out, name, keep_days, at_risk)
        elif at_risk:
            blocked += [f"{name} version {v} ({why}; --keep-days {_days_to_keep(out, name, v)} keeps it)"
                        for v, why in sorted(at_risk.items())]
        report.tables.append(plan)
    if blocked:
        raise Refused("vacuum would delete dataset versions that a status or diff refers to: " + "; ".join(blocked),
                      "keep more days (--keep-days as named above), or add --keep-referenced to keep those "
                      "versions and vacuum the rest")
    if not dry_run:
        for plan in report.tables:
            if plan.files:  # every referred version is kept, even one that crossed the age line since planning
                keep = sorted(set(plan.kept_versions) | set(referred.get(plan.name, {})))
                DeltaTable(str(store.table_path(out, plan.name))).vacuum(
                    retention_hours=keep_days * 24, dry_run=False, enforce_retention_duration=False,
                    keep_versions=keep or None)
    return report


def _plan_table_keeping(out: Path, name: str, keep_days: int, keep: dict[int, str]) -> tuple[TableVacuum, dict]:
    """Like :func:`_plan_table`, with the files of the ``keep`` versions spared."""
    root = store.table_path(out, name)
    files = _relative(DeltaTable(str(root)).vacuum(retention_hours=keep_days * 24, dry_run=True,
                                                  enforce_retention_duration=False, keep_versions=sorted(keep)), root)
    plan, _ = _plan_table(out, name, keep_days, {})
    plan.files = sorted(files)
    kept_files = set(files)
    plan.lost_versions = [v for v in plan.lost_versions if v not in keep and _has_any(root, v, kept_files)]
    plan.kept_versions = {v: why for v, why in keep.items()}
    return plan, {}


def _has_any(root: Path, version: int, files: set[str]) -> bool:
    return bool(_version_files(root, version) & files)


def _version_files(root: Path, version: int) -> set[str]:
    """The data files of one version, relative to the table (empty when its log cannot be read)."""
    try:
        uris = DeltaTable(str(root), version=version).file_uris()
    except Exception:  # noqa: BLE001 - a version whose log is gone is not ours to judge
        return set()
    return {os.path.relpath(u.removeprefix("file://"), root) for u in uris}
