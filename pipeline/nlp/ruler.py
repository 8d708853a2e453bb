"""Organisation entities from the gazetteer: what the spaCy pipeline of :mod:`pipeline.nlp.partner_spacy`
(entity ruler + municipality coordination) finds, found with dictionary look-ups over the tokens.

The patterns (see ``partner_spacy.partner_nlp``): gazetteer aliases, "<kommune> kommune(s)" and
"<fylke> fylkeskommune/FK/fylkeskommunes" matched on lower-cased tokens (label ORG, the canonical name as
``ent_id_``); a bare municipality name matched on exact tokens (label KOMMUNE); "statsforvalteren i <Title>",
"<Title>+ IKS" and an ``ORG_SUFFIX`` word (label ORG, no id). Overlaps resolve as spaCy's ``EntityRuler``:
longest first, then leftmost. Where spaCy ties (same tokens matched by an alias and by ``ORG_SUFFIX``:
"Skogeierforbundet") it picks by hash order; the alias wins here.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pipeline.nlp.doc import Doc, Span
from pipeline.nlp.gazetteer import Gazetteer, load_gazetteer
from pipeline.nlp.tokenizer import tokenize

ORG_SUFFIX = re.compile(r"^[A-ZÆØÅ][\w-]*(?:direktoratet|etaten|etatene|tilsynet|verket|samarbeidet|forbundet|senteret|sentere|IKS)$")

STATSFORVALTER = frozenset({"statsforvalteren", "statsforvaltaren"})

Match = tuple[int, int, str, str]  # start, end, label, canonical name ("" for none)


@dataclass(frozen=True, eq=False)
class Patterns:
    """The gazetteer as token look-up tables."""

    phrases: dict[tuple[str, ...], str]  # lower-cased tokens -> canonical name (label ORG)
    phrase_len: dict[str, tuple[int, ...]]  # first lower-cased token -> pattern lengths, longest first
    kommuner: dict[tuple[str, ...], str]  # exact tokens -> "<name> kommune" (label KOMMUNE)
    kommune_len: dict[str, tuple[int, ...]]
    gazetteer: Gazetteer
    organisations: dict[tuple[str, ...], str]  # exact tokens (and a genitive) -> the name as listed (label ORG)
    organisation_len: dict[str, tuple[int, ...]]


def _words(text: str) -> tuple[str, ...]:
    return tuple(t for t, _, _ in tokenize(text))


@lru_cache(maxsize=2)
def patterns(gazetteer_path: str | None = None) -> Patterns:
    """The look-up tables of one gazetteer (the shipped one by default), built once per process."""
    gaz = load_gazetteer(gazetteer_path)
    phrases: dict[tuple[str, ...], str] = {}
    entries = [(alias, e.name) for e in gaz.partners for alias in e.aliases]
    entries += [(f"{k} {suffix}", f"{k} kommune") for k in gaz.kommuner for suffix in ("kommune", "kommunes")]
    entries += [(f"{f} {suffix}", f"{f} fylkeskommune") for f in gaz.fylker
                for suffix in ("fylkeskommune", "FK", "fylkeskommunes")]
    for text, name in entries:
        key = tuple(w.lower() for w in _words(text))
        if key:
            phrases.setdefault(key, name)  # the first pattern wins a duplicate (spaCy: by hash order)
    kommuner = {tuple(k.split()): f"{k} kommune" for k in gaz.kommuner}
    organisations: dict[tuple[str, ...], str] = {}
    for name, _ in gaz.organisations:
        words = _words(name)
        organisations.setdefault(words, name)
        organisations.setdefault((*words[:-1], words[-1] + "s"), name)  # "Statnetts", "NTNUs"
    return Patterns(phrases=phrases, phrase_len=_lengths(phrases), kommuner=kommuner,
                    kommune_len=_lengths(kommuner), gazetteer=gaz, organisations=organisations,
                    organisation_len=_lengths(organisations))


def _lengths(table: dict[tuple[str, ...], str]) -> dict[str, tuple[int, ...]]:
    out: dict[str, set[int]] = {}
    for key in table:
        out.setdefault(key[0], set()).add(len(key))
    return {first: tuple(sorted(lengths, reverse=True)) for first, lengths in out.items()}


def _matches(doc: Doc, pats: Patterns) -> list[tuple[int, int, str, str, bool]]:
    """Every pattern match: (start, end, label, name, from the gazetteer)."""
    texts = [t.text for t in doc.tokens]
    lowers = [t.lower() for t in texts]
    n = len(texts)
    found: list[tuple[int, int, str, str, bool]] = []
    for i in range(n):
        for length in pats.phrase_len.get(lowers[i], ()):
            name = pats.phrases.get(tuple(lowers[i:i + length])) if i + length <= n else None
            if name is not None:
                found.append((i, i + length, "ORG", name, True))
        for length in pats.kommune_len.get(texts[i], ()):
            name = pats.kommuner.get(tuple(texts[i:i + length])) if i + length <= n else None
            if name is not None:
                found.append((i, i + length, "KOMMUNE", name, True))
        for length in pats.organisation_len.get(texts[i], ()):
            name = pats.organisations.get(tuple(texts[i:i + length])) if i + length <= n else None
            if name is not None:
                found.append((i, i + length, "ORG", name, True))
        if ORG_SUFFIX.search(texts[i]):
            found.append((i, i + 1, "ORG", "", False))
        if lowers[i] in STATSFORVALTER and i + 2 < n and lowers[i + 1] == "i" and texts[i + 2].istitle():
            found.append((i, i + 3, "ORG", "Statsforvalteren", False))  # one office, whichever county
        if texts[i] == "IKS":
            k = i - 1
            while k >= 0 and texts[k].istitle():
                found.append((k, i + 1, "ORG", "", False))
                k -= 1
    return found


def _ruler(doc: Doc, pats: Patterns) -> list[Span]:
    """spaCy's ``EntityRuler.match`` + ``set_annotations``: longest match first, then leftmost, no overlap."""
    found = sorted(set(_matches(doc, pats)), key=lambda m: (m[1] - m[0], -m[0], m[4], m[2], m[3]),
                   reverse=True)
    seen: set[int] = set()
    spans = []
    for start, end, label, name, _ in found:
        if start not in seen and end - 1 not in seen:
            spans.append(Span(doc, start, end, label=label, ent_id=name))
            seen.update(range(start, end))
    return sorted(spans, key=lambda s: s.start)


@lru_cache(maxsize=2)
def _coordination(kommuner: tuple[str, ...]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    names = sorted(kommuner, key=len, reverse=True)
    name = "(?:" + "|".join(re.escape(n) for n in names) + ")"
    return (re.compile(rf"\b({name}(?:\s*,\s*{name})*\s+(?:og|eller)\s+{name})\s+kommuner?\b"),
            re.compile(rf"\b{name}\b"))


def _part_of_longer_name(span: Span) -> bool:
    """A bare municipality name that begins a longer proper name ("Oslo Business Region", "Asker Næringsråd")."""
    nxt = span.doc[span.end] if span.end < len(span.doc) else None
    return span.label_ == "KOMMUNE" and nxt is not None and nxt.is_title and nxt.is_alpha


def _coordinate(doc: Doc, kommuner: tuple[str, ...]) -> list[Span]:
    """'Asker, Drammen, Lier og Øvre Eiker kommune' -> four "<Navn> kommune" entities (spaCy's
    ``filter_spans`` over the ruler's entities and these)."""
    # the pattern needs "kommune"; most texts lack it, and the alternation of ~360 names is slow to search
    matches = list(_coordination(kommuner)[0].finditer(doc.text)) if "kommune" in doc.text else []
    spans = [e for e in doc.ents if not any(m.start() <= e.start_char < m.end() for m in matches)
             and not _part_of_longer_name(e)]
    for m in matches:
        for n in _coordination(kommuner)[1].finditer(m.group(1)):
            span = doc.char_span(m.start(1) + n.start(), m.start(1) + n.end(), label="ORG",
                                 kb_id=f"{n.group()} kommune")
            if span is not None:
                spans.append(span)
    ordered = sorted(spans, key=lambda s: (s.end - s.start, -s.start), reverse=True)
    seen: set[int] = set()
    kept = []
    for span in ordered:
        if span.start not in seen and span.end - 1 not in seen:
            kept.append(span)
            seen.update(range(span.start, span.end))
    return kept


def partner_doc(text: str, gazetteer_path: str | None = None) -> Doc:
    """``text`` tokenized as spaCy's ``nb`` tokenizer does, with the gazetteer's organisations as ``ents``."""
    doc = Doc(text)
    pats = patterns(gazetteer_path)
    doc.set_ents(_ruler(doc, pats))
    doc.set_ents(_coordinate(doc, pats.gazetteer.kommuner))
    return doc
