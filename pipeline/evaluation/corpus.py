"""``tiltak eval``: every document of a folder that has a gold file, through parse -> segment -> enrich
in this process (no Prefect, nothing written), scored with :mod:`pipeline.evaluation.scoring`.

A folder holds ``NAME.gold.json`` files whose ``document.file`` names the document beside them (at the
top or one folder down: ``docs/``, ``synthetic/``). An optional ``manifest.tsv`` with ``file``, ``split`` and ``publisher`` columns assigns each
document to a split (``dev`` or ``test``); ``--split`` keeps one.
"""
from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

from pipeline.config import Settings
from pipeline.errors import NotFound
from pipeline.evaluation.scoring import macro, score_measures
from pipeline.run.process import process_file
from pipeline.run.scan import FileState, sha256_file

DEFAULT_CORPUS = Path("tests") / "corpus"


@dataclass(frozen=True)
class GoldDocument:
    """One annotated document: its gold, where the text is, its split and publisher."""

    gold: dict[str, Any]
    path: Path
    split: str = ""
    publisher: str = ""


def read_manifest(folder: Path) -> dict[str, dict[str, str]]:
    """file name -> manifest row (empty when the folder has no manifest.tsv)."""
    path = folder / "manifest.tsv"
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8", newline="") as fh:
        return {row["file"]: row for row in csv.DictReader(fh, delimiter="\t")}


def gold_documents(folder: Path, split: str | None = None) -> list[GoldDocument]:
    """The annotated documents of ``folder`` (and its ``docs/``), in file-name order."""
    if not folder.is_dir():
        raise NotFound(f"no corpus folder {folder}", hint="give a folder holding NAME.gold.json files")
    manifest = read_manifest(folder)
    out = []
    for gold_path in sorted([*folder.glob("*.gold.json"), *folder.glob("*/*.gold.json")]):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        name = gold["document"]["file"]
        row = manifest.get(name, {})
        doc = GoldDocument(gold, gold_path.with_name(name), row.get("split", ""), row.get("publisher", ""))
        if split is None or doc.split == split:
            out.append(doc)
    if not out:
        raise NotFound(f"no gold files in {folder}" + (f" with split {split!r}" if split else ""),
                       hint="a gold file is NAME.gold.json beside its document; the split comes from manifest.tsv")
    return out


STARTING_EXAMPLE = "(from the project's starting examples)"
"""How manifest.tsv marks, at the end of the shape column, the real documents the project was given."""


def starting_examples(folder: Path) -> set[str]:
    """The file names ``folder``'s manifest marks as the project's starting examples (issue 19's shared real
    documents, scored apart: mean F1 >= 0.9, none below 0.75)."""
    return {name for name, row in read_manifest(folder).items() if row.get("shape", "").endswith(STARTING_EXAMPLE)}


def predict(path: Path, settings: Settings | None = None) -> list[dict[str, Any]]:
    """The measures rows tiltak would store for one file (errors give no rows)."""
    stat = path.stat()
    state = FileState(path.name, path, stat.st_size, stat.st_mtime, sha256_file(path))
    return process_file(state, settings=settings or Settings()).measures


def evaluate(docs: list[GoldDocument]) -> Iterator[dict[str, Any]]:
    """Per-document figures, one document at a time."""
    for doc in docs:
        result = score_measures(doc.gold, predict(doc.path))
        yield {**result, "split": doc.split, "publisher": doc.publisher}


def summary(results: list[dict[str, Any]]) -> dict[str, Any]:
    """Macro means with the corpus size."""
    return {"documents": len(results), "gold_measures": sum(r["gold_measures"] for r in results),
            "pred_measures": sum(r["pred_measures"] for r in results), **macro(results)}
