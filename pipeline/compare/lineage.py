"""Lineage at commit time: each measure of a reprocessed file inherits the ``lineage_id`` of its match
in the previous version of its programme (:func:`pipeline.compare.align.assign_lineage`).

Work grows with what changed: a version whose reprocessed files gave back exactly the measures they
had (same content-hash ``measure_id`` s, e.g. ``tiltak run --force`` or a new pipeline version that
changed nothing for them) keeps its stored lineage without aligning, unless an earlier version of
the same programme changed in this commit.
"""
from __future__ import annotations

import pandas as pd

from pipeline.compare.align import assign_lineage

STORED_COLUMNS = ["source_file", "measure_id", "lineage_id"]
"""What :func:`assign_version_lineage` needs of the rows the reprocessed files had before."""


def _kept(measures: pd.DataFrame, mask: pd.Series, before: pd.DataFrame) -> pd.Series | None:
    """The stored lineage of the group's measures when its reprocessed files gave the same measure ids."""
    group = measures.loc[mask, ["source_file", "measure_id"]]
    old = before[before["source_file"].isin(set(group["source_file"]))]
    if old.empty or sorted(old["measure_id"]) != sorted(group["measure_id"]):
        return None
    return group["measure_id"].map(dict(zip(old["measure_id"], old["lineage_id"])))


def assign_version_lineage(measures: pd.DataFrame, reprocessed: set[str],
                           before: pd.DataFrame | None = None) -> pd.DataFrame:
    """``measures`` (the whole new table) with ``lineage_id`` set for the measures of ``reprocessed``
    files; ``before`` holds the :data:`STORED_COLUMNS` of the rows those files had until now."""
    if measures.empty or not reprocessed:
        return measures
    before = before if before is not None else pd.DataFrame(columns=STORED_COLUMNS)
    changed: set[object] = set()  # programmes with a version whose measures changed in this commit
    keys = measures[["program", "version_date"]].drop_duplicates().sort_values("version_date", na_position="first")
    for program, vdate in keys.itertuples(index=False):
        cur_mask = (measures["program"] == program) & (measures["version_date"] == vdate)
        if not measures.loc[cur_mask, "source_file"].isin(reprocessed).any() or pd.isna(vdate):
            continue
        kept = None if program in changed else _kept(measures, cur_mask, before)
        if kept is not None and kept.notna().all():
            measures.loc[cur_mask, "lineage_id"] = kept
            continue
        changed.add(program)
        earlier = measures[(measures["program"] == program) & (measures["version_date"] < vdate)]
        if earlier.empty:
            continue
        prev = earlier[earlier["version_date"] == earlier["version_date"].max()]
        measures.loc[cur_mask, "lineage_id"] = assign_lineage(prev.reset_index(drop=True),
                                                              measures[cur_mask].reset_index(drop=True))
    return measures
