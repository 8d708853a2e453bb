"""``tiltak eval --layouts``: the layout corpus (``tests/corpus/layouts``) scored per layout.

``layouts/manifest.tsv`` lists each rendered file with the gold it is scored against (``file``, ``gold``
relative to the corpus folder, ``layout``; written by ``tests/corpus/render.py``). Every render runs
through parse -> segment -> enrich in this process; the figures are grouped by layout beside the
plain-text score of the same documents (their ``docs/NAME.txt``), so a layout that reads worse than
the text it was rendered from shows at once.
"""
from __future__ import annotations

import csv
import json
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator

from pipeline.config import Settings
from pipeline.errors import NotFound
from pipeline.evaluation.corpus import DEFAULT_CORPUS, predict
from pipeline.evaluation.scoring import score_measures

PLAIN = "plain-text"


@dataclass(frozen=True)
class Render:
    """One rendered file, the gold file it is scored against and its layout name."""

    path: Path
    gold: Path
    layout: str


def layout_renders(folder: Path = DEFAULT_CORPUS) -> list[Render]:
    """The renders listed in ``FOLDER/layouts/manifest.tsv``, plus each gold's plain text (layout
    ``plain-text``)."""
    manifest = folder / "layouts" / "manifest.tsv"
    if not manifest.is_file():
        raise NotFound(f"no layout corpus in {folder / 'layouts'}", hint="render it: python tests/corpus/render.py")
    with manifest.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    renders = [Render(manifest.parent / r["file"], folder / r["gold"], r["layout"]) for r in rows]
    golds = sorted({r.gold for r in renders})
    plain = [Render(g.with_name(json.loads(g.read_text(encoding="utf-8"))["document"]["file"]), g, PLAIN)
             for g in golds]
    return plain + renders


def score_renders(renders: Iterable[Render], settings: Settings | None = None) -> Iterator[dict[str, Any]]:
    """Figures per render (its layout and file name added), one file at a time."""
    for r in renders:
        gold = json.loads(r.gold.read_text(encoding="utf-8"))
        yield {**score_measures(gold, predict(r.path, settings)), "layout": r.layout, "file": r.path.name}


def layout_table(results: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per layout: files, macro segmentation F1, its difference to plain text, the lowest file, and
    the mean parent accuracy of the files that have nested gold measures."""
    by_layout: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in results:
        by_layout[r["layout"]].append(r)
    plain = _mean(by_layout.get(PLAIN, []))
    rows = []
    for layout in sorted(by_layout, key=lambda name: (name != PLAIN, name)):
        group = by_layout[layout]
        worst = min(group, key=lambda r: r["segmentation_f1"])
        mean = _mean(group)
        parents = [r["parent_acc"] for r in group if r.get("parent_acc") is not None]
        rows.append({"layout": layout, "files": len(group), "seg_f1": round(mean, 3),
                     "vs_plain": round(mean - plain, 3), "min_f1": round(worst["segmentation_f1"], 3),
                     "min_file": worst["file"],
                     "parent_acc": round(sum(parents) / len(parents), 3) if parents else None})
    return rows


def _mean(group: list[dict[str, Any]]) -> float:
    return sum(r["segmentation_f1"] for r in group) / len(group) if group else 0.0


def format_layout_table(rows: list[dict[str, Any]]) -> str:
    """The layout x figure table as aligned text (Markdown pipe table)."""
    head = ["layout", "files", "seg F1", "vs plain", "min F1", "min file", "parent acc"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r in rows:
        parent = "-" if r.get("parent_acc") is None else f"{r['parent_acc']:.3f}"
        lines.append(f"| {r['layout']} | {r['files']} | {r['seg_f1']:.3f} | {r['vs_plain']:+.3f} | "
                     f"{r['min_f1']:.3f} | {r['min_file']} | {parent} |")
    return "\n".join(lines)
