"""Align the measures of two programme versions without IDs.

Two versions of a programme share no identifiers, so measures are matched on what they say:
character n-gram TF-IDF cosine (robust to inflection, typos and rewording) blended with word/lemma
overlap, plus weaker evidence from partners, goals, section/theme and reading position. One global
one-to-one assignment (Hungarian method) pairs them; pairs scoring below a threshold become
"removed" + "added". A matched pair is "unchanged", "modified" (``fields`` lists what changed) or
"moved" (the theme changed; ``fields`` also lists text/partners/... when they changed too).

All functions here are pure: DataFrames in, DataFrames or lists out.
"""
from __future__ import annotations

import re
import unicodedata
from itertools import chain, repeat
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable

import numpy as np
import pandas as pd
if TYPE_CHECKING:  # scipy is imported where it is used: a run or report that aligns nothing never needs it
    from scipy import sparse

from pipeline.values import as_list, is_missing

try:  # the project's lemmatizer, when present; a light suffix stemmer otherwise
    from pipeline.nlp.lemmas import lemmatize as _project_lemmatize
except Exception:  # noqa: BLE001 - any import problem means "not available"
    _project_lemmatize = None

CHANGE_COLUMNS: list[str] = ["old_version", "new_version", "change", "old_measure_id", "new_measure_id", "old_text",
                              "new_text", "old_theme", "new_theme", "fields", "similarity"]
"""The columns of the ``changes`` table (DESIGN.md), in order."""

WORD = re.compile(r"\w+", re.UNICODE)
ENUMERATION = re.compile(  # bullets, "1.1", "1.2.", "3)", "(a)", "b." -- never a bare number ("30 %")
    r"^\s*(?:[*\-–—•·o\uf0b7\u25aa\u25cf]|\d{1,3}(?:\.\d{1,3})+\.?|\(?\d{1,3}[.)]|\(?[a-zA-Z][.)])\s+")
STOPWORDS = frozenset(
    "og i for av til med på som en et ei den det de å er om at fra har kan skal vil blir bli ble må "
    "seg sin sitt sine oss vi man der her ikke også eller men så hvor hva hvordan når mellom mot "
    "under over etter inn ut opp noe noen alle andre annen mer mm osv bl.a f.eks eks jf".split())
SUFFIXES = ("heten", "ingen", "ingene", "ende", "ene", "ers", "het", "ing", "en", "er", "et", "te",
            "de", "a", "e", "s")


@dataclass(frozen=True)
class AlignSettings:
    """Weights and thresholds of the alignment. Defaults are meant for any programme, not one pair."""

    ngram_min: int = 3
    ngram_max: int = 5
    weight_char: float = 0.6          # char n-gram cosine share of the text similarity
    weight_context: float = 0.15      # partners, goals, section/theme share of the score
    weight_position: float = 0.05     # relative reading position share of the score (tie-breaker)
    match_threshold: float = 0.36     # a pair scoring below this is "removed" + "added"
    min_text_similarity: float = 0.3   # never match on context alone
    model_theme_is_move: bool = False  # a theme change under an unchanged heading (model) is a move?
    extra_fields: tuple[str, ...] = ("deadline", "responsible")  # compared when both frames have them


def _as_dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {"text": str(value)}


def clean_text(text: Any) -> str:
    """NFC, soft hyphens removed, whitespace collapsed, leading bullet/numbering ("1.1", "a)", "*") removed."""
    s = "" if is_missing(text) else unicodedata.normalize("NFC", str(text)).replace("\u00ad", "")
    s = re.sub(r"\s+", " ", s).strip()
    for _ in range(2):
        s = ENUMERATION.sub("", s, count=1)
    return s.strip()


def _stem(word: str) -> str:
    for suffix in SUFFIXES:
        if len(word) - len(suffix) >= 4 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def lemma_sets(texts: list[str], lemmatize: Callable[[str], str] | None = None) -> list[frozenset[str]]:
    """Content-word lemma sets; ``lemmatize`` (one word -> lemma; default: the project's) is used for
    all texts or, when it fails, for none (a light suffix stemmer instead)."""
    fn = lemmatize if lemmatize is not None else _project_lemmatize
    tokens = [WORD.findall(t.casefold()) for t in texts]
    out: list[list[str]] | None
    try:
        out = [[str(fn(w)).casefold() for w in ws] for ws in tokens] if fn is not None else None
    except Exception:  # noqa: BLE001 - fall back to the local stemmer for all texts
        out = None
    out = out if out is not None else [[_stem(w) for w in ws] for ws in tokens]
    return [frozenset(w for w in ws if w and w not in STOPWORDS) for ws in out]


def _char_tfidf(texts: list[str], settings: AlignSettings) -> sparse.csr_matrix:
    """Row-normalised TF-IDF vectors of padded character n-grams within words (sublinear tf).

    A word's n-gram ids are computed once per call: programme versions repeat their vocabulary, and
    counting per word instead of per n-gram keeps a 26,000-measure commit in seconds."""
    from scipy import sparse

    vocab: dict[str, int] = {}
    word_ids: dict[str, tuple[int, ...]] = {}
    sizes = range(settings.ngram_min, settings.ngram_max + 1)

    def ids(word: str) -> tuple[int, ...]:
        got = word_ids.get(word)
        if got is None:
            padded = f" {word} "
            got = tuple(vocab.setdefault(padded[j:j + n], len(vocab))
                        for n in sizes for j in range(max(len(padded) - n + 1, 1)))
            word_ids[word] = got
        return got

    rows: list[int] = []
    cols: list[int] = []
    for i, text in enumerate(texts):
        grams = list(chain.from_iterable(ids(w) for w in WORD.findall(text.casefold())))
        rows.extend(repeat(i, len(grams)))
        cols.extend(grams)
    # the CSR conversion sums repeated (text, n-gram) cells into counts
    m = sparse.csr_matrix((np.ones(len(cols)), (rows, cols)), shape=(len(texts), max(len(vocab), 1)))
    m.data = 1.0 + np.log(m.data)
    idf = np.log((1 + len(texts)) / (1 + np.bincount(m.indices, minlength=m.shape[1]))) + 1.0
    m = m.multiply(idf.reshape(1, -1)).tocsr()
    norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1))).ravel()
    norms[norms == 0] = 1.0
    return sparse.diags(1.0 / norms) @ m


def _overlaps(old_sets: list[frozenset[str]], new_sets: list[frozenset[str]]) -> tuple[np.ndarray, np.ndarray]:
    """(intersection sizes, summed sizes) of every old x new pair of sets, via sparse products."""
    from scipy import sparse

    vocab: dict[str, int] = {}
    cells = [[(i, vocab.setdefault(w, len(vocab))) for i, ws in enumerate(sets) for w in ws]
             for sets in (old_sets, new_sets)]

    def binary(pairs: list[tuple[int, int]], n: int) -> sparse.csr_matrix:
        r, c = zip(*pairs) if pairs else ((), ())
        return sparse.csr_matrix((np.ones(len(r)), (r, c)), shape=(n, max(len(vocab), 1)))

    a, b = binary(cells[0], len(old_sets)), binary(cells[1], len(new_sets))
    inter = np.asarray((a @ b.T).todense())
    sizes = np.array([len(x) for x in old_sets])[:, None] + np.array([len(x) for x in new_sets])[None, :]
    return inter, sizes


def _dice(old_sets: list[frozenset[str]], new_sets: list[frozenset[str]]) -> np.ndarray:
    inter, sizes = _overlaps(old_sets, new_sets)
    return np.divide(2 * inter, sizes, out=np.zeros_like(inter, dtype=float), where=sizes > 0)


def text_similarity(old_texts: list[str], new_texts: list[str], settings: AlignSettings | None = None,
                    lemmatize: Callable[[str], str] | None = None) -> np.ndarray:
    """Matrix (old x new) in 0..1 of char n-gram cosine blended with lemma Dice; identical texts score 1."""
    s = settings or AlignSettings()
    old_c, new_c = [clean_text(t) for t in old_texts], [clean_text(t) for t in new_texts]
    if not old_c or not new_c:
        return np.zeros((len(old_c), len(new_c)))
    vecs = _char_tfidf(old_c + new_c, s)
    char = np.asarray((vecs[: len(old_c)] @ vecs[len(old_c):].T).todense())
    lem = lemma_sets(old_c + new_c, lemmatize)
    sim = s.weight_char * char + (1 - s.weight_char) * _dice(lem[: len(old_c)], lem[len(old_c):])
    same = np.array(old_c, dtype=object)[:, None] == np.array(new_c, dtype=object)[None, :]
    return np.clip(np.where(same & (np.array(old_c, dtype=object)[:, None] != ""), 1.0, sim), 0.0, 1.0)


def _partner_set(value: Any) -> frozenset[str]:
    return frozenset(re.sub(r"\s+", " ", str(p)).strip().casefold() for p in as_list(value) if not is_missing(p))


def _goal_key(value: Any) -> tuple[tuple[str, str], ...]:
    goals = [_as_dict(g) for g in as_list(value)]
    return tuple(sorted((str(g.get("kind") or "").casefold(), clean_text(g.get("text")).casefold()) for g in goals))


def _target_key(value: Any) -> tuple[tuple[str, str, str], ...]:
    def key(t: dict[str, Any]) -> tuple[str, str, str]:
        v, y = t.get("value"), t.get("year")
        return "" if is_missing(v) else f"{float(v):g}", str(t.get("unit") or ""), "" if is_missing(y) else str(int(y))
    return tuple(sorted(key(_as_dict(x)) for x in as_list(value)))


def _section_key(value: Any) -> tuple[str, ...]:
    """Heading path without numbering ("2 Klima:" -> "klima"), so renumbered headings stay equal."""
    keys = (re.sub(r"^\d+(?:\.\d+)*\.?\s+", "", clean_text(s)).rstrip(":").casefold() for s in as_list(value))
    return tuple(k for k in keys if k)


def _value(row: dict[str, Any], key: str) -> Any:
    v = row.get(key)
    return None if not isinstance(v, (list, tuple, np.ndarray)) and is_missing(v) else v


def context_similarity(old_rows: list[dict[str, Any]], new_rows: list[dict[str, Any]]) -> np.ndarray:
    """Matrix (old x new) in 0..1: mean agreement of theme, partners, goals and section, each counted
    only where at least one side has it (theme always)."""
    def codes(values: list[Any]) -> np.ndarray:
        return np.array([str(v) for v in values], dtype=object)

    theme = (codes([_value(r, "theme") for r in old_rows])[:, None]
             == codes([_value(r, "theme") for r in new_rows])[None, :]).astype(float)
    total, count = theme, np.ones_like(theme)
    partners = [[_partner_set(r.get("partners")) for r in rows] for rows in (old_rows, new_rows)]
    goals = [[frozenset(WORD.findall(" ".join(t for _, t in _goal_key(r.get("goals"))))) for r in rows]
             for rows in (old_rows, new_rows)]
    inter, sizes = _overlaps(*partners)
    has = sizes > 0
    total = total + np.divide(inter, sizes - inter, out=np.zeros_like(inter, dtype=float), where=has)
    count = count + has
    inter, sizes = _overlaps(*goals)
    total, count = total + _dice(*goals), count + (sizes > 0)
    sec = [[_section_key(r.get("section")) for r in rows] for rows in (old_rows, new_rows)]
    full = codes(sec[0])[:, None] == codes(sec[1])[None, :]
    last = codes([x[-1:] for x in sec[0]])[:, None] == codes([x[-1:] for x in sec[1]])[None, :]
    has = (np.array([bool(x) for x in sec[0]])[:, None] | np.array([bool(x) for x in sec[1]])[None, :])
    total = total + np.where(has, np.where(full, 1.0, np.where(last, 0.5, 0.0)), 0.0)
    return total / (count + has)


def _ordered(frame: pd.DataFrame) -> list[dict[str, Any]]:
    if "ordinal" in frame.columns and len(frame):
        frame = frame.sort_values("ordinal", kind="stable")
    return frame.to_dict("records")


def score_matrix(old_rows: list[dict[str, Any]], new_rows: list[dict[str, Any]],
                 settings: AlignSettings | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(combined score, text similarity) matrices, old x new, both in 0..1."""
    s = settings or AlignSettings()
    text = text_similarity([r.get("text") for r in old_rows], [r.get("text") for r in new_rows], s)
    if text.size == 0:
        return text, text
    ctx = context_similarity(old_rows, new_rows)
    ro = np.arange(len(old_rows)) / max(len(old_rows) - 1, 1)
    rn = np.arange(len(new_rows)) / max(len(new_rows) - 1, 1)
    pos = 1.0 - np.abs(ro[:, None] - rn[None, :])
    w_text = 1.0 - s.weight_context - s.weight_position
    return w_text * text + s.weight_context * ctx + s.weight_position * pos, text


def match_pairs(old_rows: list[dict[str, Any]], new_rows: list[dict[str, Any]],
                settings: AlignSettings | None = None) -> list[tuple[int, int, float]]:
    """Global one-to-one matching: (old index, new index, score) for pairs above the thresholds."""
    s = settings or AlignSettings()
    score, text = score_matrix(old_rows, new_rows, s)
    if score.size == 0:
        return []
    ok = (score >= s.match_threshold) & (text >= s.min_text_similarity)
    # maximise the summed margin above the threshold: one strong pair beats two weak cross pairs,
    # and a forbidden pair (gain 0) the solver has to fill in is simply dropped
    from scipy.optimize import linear_sum_assignment
    rows, cols = linear_sum_assignment(-np.where(ok, score - s.match_threshold + 1e-9, 0.0))
    return [(int(i), int(j), float(score[i, j])) for i, j in zip(rows, cols) if ok[i, j]]


def changed_fields(old: dict[str, Any], new: dict[str, Any], settings: AlignSettings | None = None) -> list[str]:
    """What differs between two matched measure rows: text, theme, measure_type, goals, partners, targets, ..."""
    s = settings or AlignSettings()
    out = []
    if clean_text(old.get("text")) != clean_text(new.get("text")):
        out.append("text")
    for key in ("theme", "measure_type"):
        if (key in old or key in new) and _value(old, key) != _value(new, key):
            out.append(key)
    if _goal_key(old.get("goals")) != _goal_key(new.get("goals")):
        out.append("goals")
    if _partner_set(old.get("partners")) != _partner_set(new.get("partners")):
        out.append("partners")
    if _target_key(old.get("targets")) != _target_key(new.get("targets")):
        out.append("targets")
    for key in s.extra_fields:
        if key in old and key in new and clean_text(_value(old, key)) != clean_text(_value(new, key)):
            out.append(key)
    return out


def _is_move(old: dict[str, Any], new: dict[str, Any], settings: AlignSettings) -> bool:
    """A theme change is a move unless the model re-classified a measure whose heading path is unchanged.
    Without themes on either side, a new innermost heading is a move."""
    so, sn = _section_key(old.get("section")), _section_key(new.get("section"))
    if _value(old, "theme") is None and _value(new, "theme") is None:
        return bool(so and sn and so[-1] != sn[-1])
    if _value(old, "theme") == _value(new, "theme"):
        return False
    by_model = "model" in (old.get("theme_source"), new.get("theme_source"))
    return settings.model_theme_is_move or not (so and so == sn and by_model)


def _row(kind: str, old: dict[str, Any] | None, new: dict[str, Any] | None, fields: list[str],
         sim: float, versions: tuple[str, str]) -> dict[str, Any]:
    out: dict[str, Any] = {"old_version": versions[0], "new_version": versions[1], "change": kind}
    for side, r in (("old", old), ("new", new)):
        out.update({f"{side}_{k}": None if r is None else _value(r, k) for k in ("measure_id", "text", "theme")})
    return {**out, "fields": fields, "similarity": round(sim, 4)}


def align(old: pd.DataFrame, new: pd.DataFrame, old_version: str = "", new_version: str = "",
          settings: AlignSettings | None = None) -> pd.DataFrame:
    """Changes between two versions' measures, one row per measure, in the DESIGN ``changes`` columns.

    Rows come in the new version's reading order; a removed measure follows the row of its old
    predecessor. ``similarity`` is the match score (1.0 for identical, 0.0 for added/removed).
    """
    s = settings or AlignSettings()
    old_rows, new_rows = _ordered(old), _ordered(new)
    pairs = match_pairs(old_rows, new_rows, s)
    versions = (old_version, new_version)
    by_new = {j: (i, sc) for i, j, sc in pairs}
    matched_old = {i: j for i, j, _ in pairs}
    keyed: list[tuple[float, dict[str, Any]]] = []
    for j, n in enumerate(new_rows):
        if j not in by_new:
            keyed.append((j, _row("added", None, n, [], 0.0, versions)))
            continue
        i, sc = by_new[j]
        o = old_rows[i]
        fields = changed_fields(o, n, s)
        kind = "moved" if _is_move(o, n, s) else ("modified" if fields else "unchanged")
        fields += ["section"] if kind == "moved" and "theme" not in fields else []
        keyed.append((j, _row(kind, o, n, fields, 1.0 if kind == "unchanged" else sc, versions)))
    anchor = -0.5
    for i, o in enumerate(old_rows):
        if i in matched_old:
            anchor = matched_old[i]
            continue
        keyed.append((anchor + 0.5 - 1e-6 * (len(old_rows) - i), _row("removed", o, None, [], 0.0, versions)))
    rows = [r for _, r in sorted(keyed, key=lambda kr: kr[0])]
    return pd.DataFrame(rows, columns=CHANGE_COLUMNS)


def assign_lineage(previous: pd.DataFrame, current: pd.DataFrame,
                   settings: AlignSettings | None = None) -> list[str]:
    """For each row of ``current`` (in its given order): the matched predecessor's ``lineage_id``
    (its ``measure_id`` when it has none), else the current measure's own ``measure_id``."""
    s = settings or AlignSettings()
    prev_rows = _ordered(previous)
    cur = current.reset_index(drop=True)
    order = list(cur.sort_values("ordinal", kind="stable").index) if "ordinal" in cur.columns else list(cur.index)
    records = cur.to_dict("records")
    cur_rows = [records[k] for k in order]
    lineage = [str(r.get("measure_id")) for r in records]
    for i, j, _ in match_pairs(prev_rows, cur_rows, s):
        p = prev_rows[i]
        lid = _value(p, "lineage_id") if "lineage_id" in p else None
        lineage[order[j]] = str(lid if lid is not None else p.get("measure_id"))
    return lineage
