"""Throughput of the NLP stage in words/s:

- the partner entities: ``pipeline.nlp.ruler.partner_doc`` (spaCy's tokens and the entity ruler's
  entities without spaCy, as ``find_partners`` uses them) and the whole ``find_partners`` (entities +
  partner rules), against the spaCy pipeline they replace (``pipeline.nlp.partner_spacy.partner_nlp()``:
  blank ``nb`` + entity ruler + municipality coordination) called once per text, and its ``nlp.pipe``
  with batching;
- the theme and type classifiers (``classify_themes``, ``classify_types``), with their caches warm and
  cleared per round.

Texts: the measures of a processed corpus (``--measures processed/latest/measures.parquet``, e.g. from
bench_e2e.py), else the seed gold measures repeated. Medians of ``--runs`` rounds.

    python benchmarks/bench_nlp.py [--measures PATH [--limit N]] [--gold PATH] [--repeat 50] [--runs 3]
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

from common import interleaved, load, median

from pipeline.nlp.lemmas import lemmatize, words
from pipeline.nlp.partner_spacy import partner_nlp
from pipeline.nlp.partners import find_partners
from pipeline.nlp.ruler import partner_doc
from pipeline.nlp.themes import classify_themes
from pipeline.nlp.model import features
from pipeline.nlp.types import classify_types

GOLD = Path(__file__).resolve().parents[2] / "shared" / "eval" / "seed.gold.json"  # beside the repository


def corpus_texts(args: argparse.Namespace) -> tuple[list[str], str]:
    """Measure texts to run on and where they came from."""
    if args.measures:
        import pyarrow.parquet as pq

        texts = [t for t in pq.read_table(args.measures, columns=["text"]).column("text").to_pylist() if t]
        return texts[: args.limit or None], f"{args.measures}" + (f", first {args.limit}" if args.limit else "")
    texts = [m["text"] for m in json.loads(args.gold.read_text(encoding="utf-8"))["measures"]]
    return texts * args.repeat, f"seed gold x{args.repeat}"


def spacy_rates(texts: list[str], n_words: int, runs: int) -> None:
    """words/s of the spaCy partner pipeline per text and with nlp.pipe batches, of partner_doc and of
    find_partners."""
    nlp = partner_nlp()
    jobs = {"spaCy nlp(text) per text (the old way)": lambda: [nlp(t) for t in texts]}
    for size in (64, 256, 1024):
        jobs[f"nlp.pipe(batch_size={size})"] = lambda size=size: list(nlp.pipe(texts, batch_size=size))
    jobs["partner_doc per text (no spaCy)"] = lambda: [partner_doc(t) for t in texts]
    jobs["find_partners per text (entities + rules)"] = lambda: [find_partners(t) for t in texts]
    times = interleaved(jobs, runs)
    base = n_words / median(times["spaCy nlp(text) per text (the old way)"])
    for name, values in times.items():
        rate = n_words / median(values)
        print(f"  {name:42s}: {rate:10,.0f} words/s  ({rate / base:5.2f}x spaCy per-text calls)")


def classifier_rates(texts: list[str], n_words: int, runs: int) -> None:
    """words/s of the theme and type classifiers, caches warm (one batch) and cleared."""
    def cold(func):  # noqa: ANN001, ANN202
        lemmatize.cache_clear()
        features.cache_clear()
        return func(texts)

    jobs = {}
    for name, func in (("classify_themes", classify_themes), ("classify_types", classify_types)):
        jobs[f"{name}, caches warm"] = lambda func=func: func(texts)
        jobs[f"{name}, caches cleared"] = lambda func=func: cold(func)
    for name, values in interleaved(jobs, runs).items():
        print(f"  {name:42s}: {n_words / median(values):10,.0f} words/s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--measures", type=Path, help="a measures Parquet file (processed/latest/measures.parquet)")
    parser.add_argument("--limit", type=int, default=0, help="only the first N measures (0: all)")
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    texts, source = corpus_texts(args)
    n_words = sum(len(words(t)) for t in texts)
    partner_nlp()
    partner_doc(texts[0])
    classify_themes(texts[:1])  # load models and the lemma table outside the timings
    print(f"texts: {len(texts)} measures, {n_words:,} words ({source})  [{load()}]")
    print("partner entities (figures: nlp.pipe, partner_doc, find_partners; reference: the spaCy pipeline, one call per text):")
    spacy_rates(texts, n_words, args.runs)
    print("classifiers:")
    classifier_rates(texts, n_words, args.runs)
    print(f"[{load()} after]")


if __name__ == "__main__":
    main()
