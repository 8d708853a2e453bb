"""Is a word a verb, and in which form? Enough to tell "Etablere et nettverk" (an action) from
"Etablerte et nettverk" (past work) and "Etablering av" (a noun phrase) at the start of a candidate.

The verb list (lemmas, i.e. infinitives) ships as ``resources/verbs_nb.txt.gz``, taken from
spacy-lookups-data's ``nb_lemma_exc`` verb table (Norsk Ordbank, CC-BY 4.0, Språkbanken) by
:func:`build_verb_file` (``tiltak train --lemmas``). Nynorsk a-infinitives ("Fremja", "Arbeida") and the
common tense endings are recognised from the bokmål lemma.
"""
from __future__ import annotations

import gzip
import json
import unicodedata
from functools import lru_cache
from pathlib import Path

from pipeline.config import RESOURCES

VERB_FILE = RESOURCES / "verbs_nb.txt.gz"


def build_verb_file(path: Path = VERB_FILE) -> Path:
    """Write the sorted verb lemmas of spacy-lookups-data's bokmål verb table (needs the train extra)."""
    from pipeline.nlp.lemmas import _lookups_dir

    with gzip.open(_lookups_dir() / "nb_lemma_exc.json.gz", "rt", encoding="utf-8") as fh:
        table = json.load(fh)["verb"]
    lemmas = {unicodedata.normalize("NFC", str(v[0]).lower()) for v in table.values() if v}
    lemmas = sorted(w for w in lemmas if w.isalpha() and len(w) > 1)
    path.write_bytes(gzip.compress("\n".join(lemmas).encode("utf-8"), compresslevel=9, mtime=0))
    return path


@lru_cache(maxsize=1)
def verbs() -> frozenset[str]:
    """The shipped verb lemmas (empty when the file is missing)."""
    if not VERB_FILE.is_file():
        return frozenset()
    with gzip.open(VERB_FILE, "rt", encoding="utf-8") as fh:
        return frozenset(line.strip() for line in fh if line.strip())


@lru_cache(maxsize=65536)
def verb_form(word: str) -> str | None:
    """"inf" (etablere, fremja), "pres" (etablerer), "past" (etablerte, etablert), "pass" (etableres,
    etablerast) or None when the word is no known verb form. Cached by word: the segmenter's features and
    the owner rules ask about the same words many times (a word's form never changes within a process)."""
    w = unicodedata.normalize("NFC", word.lower())
    known = verbs()
    if not known or len(w) < 2:
        return None
    if w in known or (w.endswith("a") and w[:-1] + "e" in known) or (w.endswith("je") and w[:-2] + "e" in known):
        return "inf"
    for ending, form in (("er", "pres"), ("ar", "pres"), ("es", "pass"), ("ast", "pass"), ("st", "pass"),
                         ("te", "past"), ("de", "past"), ("et", "past"), ("t", "past"), ("a", "past")):
        stem = w[: -len(ending)]
        if w.endswith(ending) and stem and (stem + "e" in known or stem in known or stem[:-1] + "e" in known):
            return form
    return None
