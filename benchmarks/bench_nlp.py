"""Throughput of the NLP classifiers: words/s of classify_themes (and classify_types) over the seed gold
measure texts repeated x50. Not a pass/fail test: ``python benchmarks/bench_nlp.py [--gold PATH]``."""
from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from pipeline.nlp.lemmas import lemmatize, words
from pipeline.nlp.themes import classify_themes
from pipeline.nlp.train import features
from pipeline.nlp.types import classify_types

GOLD = Path("/work/shared/eval/seed.gold.json")


def main() -> None:
    """Time model loading and classification; prints words/s."""
    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()
    texts = [m["text"] for m in json.loads(args.gold.read_text(encoding="utf-8"))["measures"]]
    batch = texts * args.repeat
    n_words = sum(len(words(t)) for t in batch)

    start = time.perf_counter()
    classify_themes(texts[:1])
    print(f"load lemma table + theme model: {time.perf_counter() - start:.2f} s")
    for name, func in (("classify_themes", classify_themes), ("classify_types", classify_types)):
        start = time.perf_counter()
        func(batch)
        warm = time.perf_counter() - start
        cold = 0.0
        for _ in range(args.repeat):  # caches cleared each round: no reuse across repetitions
            lemmatize.cache_clear()
            features.cache_clear()
            start = time.perf_counter()
            func(texts)
            cold += time.perf_counter() - start
        print(f"{name}: {len(batch)} texts, {n_words} words: {n_words / warm:,.0f} words/s in one batch "
              f"(repeats hit caches), {n_words / cold:,.0f} words/s with caches cleared per round")


if __name__ == "__main__":
    main()
