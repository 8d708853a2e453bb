"""``tiltak train``: rebuild the lemma table and the theme and type models from the data shipped in
``pipeline/resources/train``, print 5-fold cross-validated accuracy and, with ``--gold FILE`` (a gold
JSON file of the annotation spec), accuracy on its measures from text only (no headings).
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from pipeline.config import RESOURCES
from pipeline.nlp import themes, types
from pipeline.nlp.lemmas import build_lemma_file
from pipeline.nlp.model import cross_validate
from pipeline.nlp.wordclass import build_verb_file

MODEL_DIR = RESOURCES / "models"
TRAIN_DIR = RESOURCES / "train"


def read_jsonl(path: Path, field: str) -> tuple[list[str], list[str]]:
    """(texts, labels) from a JSON-lines training file."""
    texts, labels = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            texts.append(str(row["text"]))
            labels.append(str(row[field]))
    return texts, labels


def main(argv: Sequence[str] | None = None,
         extra: dict[str, tuple[list[str], list[str]]] | None = None) -> int:
    """Rebuild lemma table and models, print CV and seed accuracy. ``extra``: more (texts, labels) per
    model name ("themes", "types"), e.g. the annotated corpus's dev split."""
    parser = argparse.ArgumentParser(prog="tiltak train", description=main.__doc__)
    parser.add_argument("--gold", type=Path, help="a gold JSON file to score the models on (text only)")
    parser.add_argument("--lemmas", action="store_true",
                        help="rebuild the lemma table too (needs the train extra: spacy-lookups-data)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    if args.lemmas:
        print(f"lemma table: {build_lemma_file()}")
        print(f"verb list: {build_verb_file()}")
    gold = json.loads(args.gold.read_text(encoding="utf-8"))["measures"] if args.gold else []
    for name, module in (("themes", themes), ("types", types)):
        texts, labels = read_jsonl(TRAIN_DIR / f"{name}.jsonl", module.TRAIN_FIELD)
        more = (extra or {}).get(name, ([], []))
        texts, labels = texts + more[0], labels + more[1]
        cv = cross_validate(texts, labels, module.train_predictor)
        model = module.train_model(texts, labels)
        model.save(MODEL_DIR / f"{name}.npz")
        print(f"{name}: {len(texts)} training rows, 5-fold CV accuracy {cv:.3f}")
        if gold:
            module.reset_model_cache()
            print(f"{name}: seed gold accuracy (text only) {module.gold_accuracy(gold):.3f}")
    print(f"training took {time.perf_counter() - started:.1f} s")
    return 0


_SINGLE_THREAD = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}

if __name__ == "__main__":
    # Multi-threaded BLAS makes scipy's L-BFGS-B 10x slower on small problems (and on busy machines);
    # the thread count is fixed at BLAS load time, so re-run once with single-threaded BLAS.
    if any(os.environ.get(k) != v for k, v in _SINGLE_THREAD.items()):
        os.execve(sys.executable, [sys.executable, "-m", "pipeline.nlp.train", *sys.argv[1:]],
                  {**os.environ, **_SINGLE_THREAD})
    raise SystemExit(main())
