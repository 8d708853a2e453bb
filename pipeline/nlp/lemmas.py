"""Norwegian (bokmål) lookup lemmatizer.

The table merges spacy-lookups-data's ``nb_lemma_exc`` tables (noun, verb, adj, adv; word forms from
Norsk Ordbank, CC-BY 4.0, Språkbanken) and ``nb_lemma_lookup`` into one form -> lemma map. It ships as a
compact file ``resources/lemmas_nb.txt.gz`` (one lemma per line, each inflected form coded as
"<chars to drop from the lemma><ending>"), built by :func:`build_lemma_file`; when the file is missing
the table is built from spacy-lookups-data in memory. Unknown words are split as compounds (the longest
known tail decides: "kraftbehovet" -> "kraftbehov") and otherwise get a Norwegian suffix-stripping
fallback (-ene, -ane, -er, -en, -et, -ing...).
"""
from __future__ import annotations

import gzip
import hashlib
import json
import os
import pickle
import re
import sqlite3
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.config import user_cache_dir

if TYPE_CHECKING:  # spaCy is imported only to register the component
    from spacy.tokens import Doc

LEMMA_FILE = Path(__file__).resolve().parent.parent / "resources" / "lemmas_nb.txt.gz"
_POS_ORDER = ("noun", "verb", "adj", "adv")
_WORD = re.compile(r"[^\W\d_]+|\d+")
_FALLBACK_SUFFIXES: tuple[tuple[str, str], ...] = (
    ("ingene", "ing"), ("ingane", "ing"), ("ingen", "ing"), ("ingar", "ing"), ("inga", "ing"),
    ("hetene", "het"), ("heten", "het"), ("ene", ""), ("ane", ""), ("er", ""), ("ar", ""),
    ("en", ""), ("et", ""),
)


def _lookups_dir() -> Path:
    try:
        import spacy_lookups_data
    except ImportError as exc:
        raise ImportError("rebuilding the lemma table needs the train extra: pip install 'tiltak[train]'") from exc

    return Path(spacy_lookups_data.__file__).resolve().parent / "data"


def _merged_from_lookups() -> dict[str, str]:
    """form -> lemma from spacy-lookups-data (nouns win over verbs over adjectives over adverbs)."""
    data_dir = _lookups_dir()
    merged: dict[str, str] = {}
    with gzip.open(data_dir / "nb_lemma_exc.json.gz", "rt", encoding="utf-8") as fh:
        exc = json.load(fh)
    for pos in _POS_ORDER:
        for form, lemmas in exc.get(pos, {}).items():
            key = unicodedata.normalize("NFC", form.lower())
            if key not in merged and lemmas:
                merged[key] = unicodedata.normalize("NFC", str(lemmas[0]).lower())
    lookup_path = data_dir / "nb_lemma_lookup.json.gz"
    if lookup_path.exists():
        with gzip.open(lookup_path, "rt", encoding="utf-8") as fh:
            for form, lemma in json.load(fh).items():
                merged.setdefault(form.lower(), str(lemma).lower())
    return merged


def build_lemma_file(path: Path = LEMMA_FILE) -> Path:
    """Write the compact gzip lemma table built from spacy-lookups-data; returns the path."""
    groups: dict[str, list[str]] = {}
    for form, lemma in _merged_from_lookups().items():
        codes = groups.setdefault(lemma, [])
        if form == lemma:
            continue
        common = 0
        while common < min(len(form), len(lemma)) and form[common] == lemma[common]:
            common += 1
        codes.append(f"{len(lemma) - common}{form[common:]}")
    lines = [f"{lemma}\t{' '.join(sorted(set(codes)))}" for lemma, codes in sorted(groups.items())]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(gzip.compress("\n".join(lines).encode("utf-8"), compresslevel=9, mtime=0))
    return path


@lru_cache(maxsize=1)
def lemma_table() -> tuple[dict[str, str], frozenset[str]]:
    """The cached (form -> lemma for inflected forms, set of all lemmas) pair: decoded once per machine
    into a pickle under :func:`~pipeline.config.user_cache_dir` (named by the file's digest), which later
    processes load in a third of the time."""
    if not LEMMA_FILE.exists():
        return _decode_lemma_file()
    data = LEMMA_FILE.read_bytes()
    cached = user_cache_dir() / f"lemmas-{hashlib.sha256(data).hexdigest()[:16]}.pickle"
    try:
        with cached.open("rb") as fh:
            forms, lemmas = pickle.load(fh)
        return forms, lemmas
    except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError):
        pass  # not built yet (or damaged): decode and write it
    table = _decode_lemma_file()
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        tmp = cached.with_name(f"{cached.name}.{os.getpid()}.tmp")
        tmp.write_bytes(pickle.dumps(table, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(tmp, cached)
    except OSError:
        pass  # a read-only home: decode in every process, as before
    return table


def _decode_lemma_file() -> tuple[dict[str, str], frozenset[str]]:
    if not LEMMA_FILE.exists():
        merged = _merged_from_lookups()
        forms = {f: l for f, l in merged.items() if f != l}
        return forms, frozenset(merged.values())
    forms: dict[str, str] = {}
    lemmas: set[str] = set()
    code = re.compile(r"(\d+)(.*)")
    with gzip.open(LEMMA_FILE, "rt", encoding="utf-8") as fh:
        for line in fh:
            lemma, _, coded = line.rstrip("\n").partition("\t")
            lemmas.add(lemma)
            for item in coded.split():
                match = code.fullmatch(item)
                if match:
                    drop = int(match.group(1))
                    stem = lemma[: len(lemma) - drop] if drop else lemma
                    forms.setdefault(stem + match.group(2), lemma)
    return forms, frozenset(lemmas)


_DB_SCHEMA = 2  # in the file name: a file of another layout is never opened


@lru_cache(maxsize=2)
def _lemma_db(pid: int) -> sqlite3.Connection | None:
    """The lemma table as an indexed SQLite file under :func:`~pipeline.config.user_cache_dir` (named by
    the shipped file's digest; written at first use), opened read-only once per process (``pid``: never a
    connection inherited across a fork). A process then looks up the few words it meets instead of
    loading all 590,000 forms (0.3-0.4 s). None where it cannot be written: :func:`lemma_table` instead."""
    if not LEMMA_FILE.exists():
        return None
    digest = hashlib.sha256(LEMMA_FILE.read_bytes()).hexdigest()[:16]
    path = user_cache_dir() / f"lemmas-{digest}-{_DB_SCHEMA}.sqlite"
    for _ in range(2):
        try:
            if not path.exists():
                _write_db(path)
            conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, check_same_thread=False)
            conn.execute("SELECT count(*) FROM (SELECT 1 FROM form LIMIT 1), (SELECT 1 FROM lemma LIMIT 1)")
            return conn
        except sqlite3.DatabaseError:  # damaged: write it again, once
            path.unlink(missing_ok=True)
        except (OSError, sqlite3.Error):
            return None
    return None


def _write_db(path: Path) -> None:
    forms, lemmas = _decode_lemma_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    with sqlite3.connect(tmp) as conn:
        conn.execute("CREATE TABLE form (form TEXT PRIMARY KEY, lemma TEXT NOT NULL) WITHOUT ROWID")
        conn.execute("CREATE TABLE lemma (lemma TEXT PRIMARY KEY) WITHOUT ROWID")
        conn.executemany("INSERT INTO form VALUES (?, ?)", sorted(forms.items()))
        conn.executemany("INSERT INTO lemma VALUES (?)", ((lemma,) for lemma in sorted(lemmas)))
    conn.close()
    os.replace(tmp, path)


def _query(sql: str, word: str) -> tuple | None:
    conn = _lemma_db(os.getpid())
    return None if conn is None else conn.execute(sql, (word,)).fetchone()


@lru_cache(maxsize=1 << 18)
def inflected_lemma(word: str) -> str | None:
    """The lemma of ``word`` if the table lists it as an inflected form ("kommunene" -> "kommune"), else None."""
    if _lemma_db(os.getpid()) is None:
        return lemma_table()[0].get(word)
    row = _query("SELECT lemma FROM form WHERE form = ?", word)
    return row[0] if row else None


@lru_cache(maxsize=1 << 18)
def is_lemma(word: str) -> bool:
    """Whether ``word`` is a lemma of the table ("kommune")."""
    if _lemma_db(os.getpid()) is None:
        return word in lemma_table()[1]
    return _query("SELECT 1 FROM lemma WHERE lemma = ?", word) is not None


def is_word(word: str) -> bool:
    """Whether lower-case ``word`` is a Norwegian word the table knows: an inflected form, or a lemma after
    lemmatising ("klima", "kontakte"; not the name "statnett")."""
    return inflected_lemma(word) is not None or is_lemma(lemmatize(word))


def _known(word: str) -> str | None:
    """The lemma of a known form (or the word itself if it is a lemma), else None."""
    lemma = inflected_lemma(word)
    if lemma is not None:
        return lemma
    return word if is_lemma(word) else None


@lru_cache(maxsize=200_000)
def lemmatize(word: str) -> str:
    """Lemma of one Norwegian word, lower-cased ("kommunene" -> "kommune", "kraftbehovet" -> "kraftbehov").

    Lookup table first, then compound splitting on the longest known tail (>= 4 letters, head >= 2),
    then suffix stripping that keeps a stem of at least 3 letters. Non-words are returned lower-cased.
    """
    text = unicodedata.normalize("NFC", word.strip().lower())
    if not text or not text.isalpha():
        return text
    known = _known(text)
    if known is not None:
        return known
    for cut in range(2, len(text) - 3):
        tail = text[cut:]
        tail_lemma = _known(tail)
        if tail_lemma is not None and len(tail) >= 4:
            return text[:cut] + tail_lemma
    for suffix, replacement in _FALLBACK_SUFFIXES:
        if text.endswith(suffix) and len(text) - len(suffix) >= 3:
            return text[: len(text) - len(suffix)] + replacement
    return text


def words(text: str) -> list[str]:
    """Lower-cased word tokens of a text (letters or digits; hyphens and punctuation split words)."""
    return _WORD.findall(unicodedata.normalize("NFC", text).lower())


def lemma_tokens(text: str) -> list[str]:
    """Lemmas of all word tokens of a text, in order."""
    return [lemmatize(w) for w in words(text)]


def register_lemmatizer() -> None:
    """Register :func:`tiltak_lemmatizer` as the spaCy component "tiltak_lemmatizer" (imports spaCy)."""
    from spacy.language import Language

    if not Language.has_factory("tiltak_lemmatizer"):
        Language.component("tiltak_lemmatizer", func=tiltak_lemmatizer)


def tiltak_lemmatizer(doc: Doc) -> Doc:
    """spaCy component: sets ``token.lemma_`` from :func:`lemmatize` (use with ``spacy.blank("nb")``)."""
    for token in doc:
        if token.is_alpha:
            token.lemma_ = lemmatize(token.text)
        elif not token.lemma_:
            token.lemma_ = token.text.lower()
    return doc
