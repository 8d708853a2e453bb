"""What the confidence model sees of a candidate measure: its own shape (length, punctuation, the verb
form it opens with, modals, past tense, goal, contact, greeting and logistics patterns), its layout and
place (table cell, list item or text; depth, parent, children, siblings, position), the shape of its
parent and neighbours, and, for the second stage, the first stage's probabilities around it.
"""
from __future__ import annotations

import math
import re
from collections import Counter, defaultdict

from pipeline.meta.timing import names_a_period
from pipeline.models import Measure
from pipeline.nlp.taxonomy import heading_to_theme
from pipeline.nlp.wordclass import verb_form

WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
MODAL = re.compile(r"\b(skal|bør|vil|må|skulle|burde|kan|ønsker|ber|foreslår|foreslås|vedtar|vedtok|vurdere[rs]?)\b", re.I)
PAST = re.compile(r"\b(ble|blei|vart|var|har vært|hadde|ble det|har blitt|gjennomført|gjennomførte)\b", re.I)
GOAL = re.compile(r"^\s*(mål(et|a|ene)?|visjon(en)?|hovedmål|delmål|formål(et)?|hensikt(en)?)\b", re.I)
MEASURE_SECTION = re.compile(r"\b(?:tiltak\w*|innspel\w*|innspill\w*|forslag\w*|framlegg\w*|aktivitet\w*|oppgåver|oppgaver|"
                             r"oppfølging\w*|oppfølgjing\w*|prioritering\w*|satsing\w*|handlingsplan\w*|arbeidsprogram\w*)\b", re.I)
"""A heading that says what stands under it are measures ("Tiltak", "Andre innspill", "Oppfølgingspunkter")."""
CONTACT = re.compile(r"@|\b(tlf|telefon|mob|e-post|epost|www\.)\b|\b\d{2} ?\d{2} ?\d{2} ?\d{2}\b", re.I)
GREETING = re.compile(r"^\s*(hei|hallo|kjære|hilsen|mvh|vennlig hilsen|med vennlig|takk|beste hilsen)\b", re.I)
LOGISTICS = re.compile(r"\b(neste møte|møtet|referent|til stede|forfall|kl\.|dagsorden|sakliste|referat)\b", re.I)
YEAR = re.compile(r"\b(19|20)\d{2}\b")
OUTCOME = re.compile(r"^(økt|økte|auka|bedre|betre|forbedret|redusert|reduserte|styrket|styrka|flere|fleire|"
                     r"mer|meir|mindre|færre|høyere|høgare|lavere|lågare|god|gode|godt|sterkere|trygg|trygge)$")
COPULAS = frozenset({"er", "har", "blir", "vert", "finnes", "fins"})
"""Present-tense verbs that state how things are ("Våre medlemmer er …", "Regionen har …")."""
STATE_VERBS = frozenset({"ha", "være", "vere", "bli", "verte", "hatt"})
DATE_START = re.compile(r"^\s*(\d{1,2}\.\s*\w+|\d{1,2}\.\d{1,2}|(januar|februar|mars|april|mai|juni|juli|august|"
                        r"september|oktober|november|desember|våren|høsten|sommeren|vinteren)\b)", re.I)
SENTENCE_START = re.compile(r"[.!?]\s+([A-ZÆØÅ][a-zæøå]+)")
"""The first word of each sentence after the first."""
TYPE_PREFIX = re.compile(r"^([^\W\d][\w /]{2,40}?)\s*[:.]\s+\S")
LENGTH_BUCKETS = (3, 8, 20, 40, 80)


def typed(text: str) -> bool:
    """Opens with a measure-type label ("Prosjekt:", "Politisk påvirkning:", "Arrangement.")."""
    from pipeline.nlp.types import explicit_type  # here: the type model's module imports scipy

    m = TYPE_PREFIX.match(text)
    return bool(m) and explicit_type(m[1] + ":") is not None


def type_word(text: str) -> bool:
    """Opens with a word that names a kind of measure ("Pilot …", "Seminar …", "Kurs …", "Nettverk …")."""
    from pipeline.nlp.types import explicit_type  # here: the type model's module imports scipy

    return explicit_type(text) is not None


def _length_bucket(n: int) -> int:
    """Length in words as a bucket (a linear model must not learn "longer is always better")."""
    return next((b for b in LENGTH_BUCKETS if n <= b), 999)


def first_words(text: str, n: int = 2) -> list[str]:
    """The first ``n`` words of ``text``, case-folded."""
    return [w.casefold() for w in WORD.findall(text)[:n]]


def _shape(m: Measure) -> dict[str, float]:
    """Features of the text alone (also used for the neighbours and the parent)."""
    text = m.text.strip()
    words = WORD.findall(text)
    head = first_words(text, 6)
    first = head[:4]
    forms = [verb_form(w) for w in first]
    # "Skulle hatt …", "Burde ha …": a modal with "ha"/"hatt" is a wish or a proposal, never past work
    wish = any(MODAL.fullmatch(a) and b.lower() in ("ha", "hatt") for a, b in zip(first, first[1:]))
    modal_inf = any(MODAL.fullmatch(a) and verb_form(b) == "inf" for a, b in zip(first, first[1:]))
    stated = not any(MODAL.fullmatch(w) for w in head) and any(
        w in COPULAS or verb_form(w) == "pres" for w in head[1:])
    return {
        f"words<={_length_bucket(len(words))}": 1.0, "stated": float(stated),
        "ends_colon": float(text.endswith(":")), "ends_period": float(text.endswith(".")),
        "no_end": float(not text.endswith((".", ":", "!", "?", ")"))), "question": float("?" in text),
        "sentences": min(5.0, float(len(re.findall(r"[.!?](\s|$)", text)))),
        "modal": float(bool(MODAL.search(text))), "modal_inf": float(modal_inf), "wish": float(wish),
        "past": float(not wish and (bool(PAST.search(text)) or "past" in forms[1:3])),
        "goal_start": float(bool(GOAL.match(text))), "contact": float(bool(CONTACT.search(text))),
        "greeting": float(bool(GREETING.match(text))), "logistics": float(bool(LOGISTICS.search(text))),
        "year": float(bool(YEAR.search(text))), "digits_share": sum(c.isdigit() for c in text) / max(1, len(text)),
        "upper_start": float(text[:1].isupper()), "quote": float(bool(re.search(r"[«»\"“”]", text))),
        "first_person": float(bool(re.search(r"\b(vi|jeg|eg|oss)\b", text, re.I))),
        "date_start": float(bool(DATE_START.match(text))),
        f"w1_verb={forms[0] if forms else None}": 1.0,
        "w1_ing": float(bool(first) and first[0].endswith(("ing", "ering", "else"))),
        "outcome_start": float(bool(first) and bool(OUTCOME.match(first[0]))),
        "modal_state": float(any(MODAL.fullmatch(a) and b in STATE_VERBS for a, b in zip(first, first[1:]))),
        "typed": float(typed(text)), "type_word": float(type_word(text)),
        "inf_sentence": float(any(verb_form(w) == "inf" for w in SENTENCE_START.findall(text))),
        "heading_like": float(len(words) <= 6 and not text.endswith((".", ":", "!", "?")) and text[:1].isupper()),
    }


Context = tuple[tuple[Measure, dict[str, float]] | None, ...]
"""The parent, the previous and the next candidate, each with its shape (or None)."""


def measure_features(m: Measure, shape: dict[str, float], index: int, total: int, siblings: int, children: int,
                     context: Context) -> dict[str, float]:
    """The features of one candidate: its own ``shape``, its layout and place, and the shape of its parent
    and of the candidates before and after it (``context``)."""
    f = {"bias": 1.0, **shape, f"layout={m.layout}": 1.0, "level": min(3.0, float(m.level)),
         "child": float(m.parent is not None), "section_depth": min(4.0, float(len(m.section))),
         "has_goals": float(bool(m.goals)), "has_partner_text": float(bool(m.partner_text)),
         "log_siblings": math.log1p(siblings), "alone": float(siblings <= 1),
         "position": index / max(1, total - 1), "log_children": math.log1p(children),
         "lead_in": float(m.text.strip().endswith(":") and children > 0),
         "theme_section": float(any(heading_to_theme(h) for h in m.section)),
         "measure_section": float(bool(m.section) and bool(MEASURE_SECTION.search(m.section[-1]))),
         "period_section": float(bool(m.section) and names_a_period(m.section[-1]))}
    for name, neighbour in zip(("parent", "prev", "next"), context):
        if neighbour is None:  # no indicator: where a document starts or ends says nothing about a measure
            continue
        other, other_shape = neighbour
        for key in ("ends_colon", "modal", "modal_inf", "heading_like", "past", "ends_period"):
            f[f"{name}_{key}"] = other_shape[key]
        f[f"{name}_layout={other.layout}"] = 1.0
        if name != "parent":  # "Tilsyn med …" under "Tilsyn med …": parallel lines are one list's entries
            f[f"{name}_same_first"] = float(first_words(other.text, 1) == first_words(m.text, 1))
        f[f"{name}_same_layout"] = float(other.layout == m.layout)
        if name == "parent":
            last = WORD.findall(other.text)[-1:] or [""]
            f["parent_condition"] = float(last[0].casefold() in ("at", "om", "som", "når", "dersom", "hvis"))
    return f


def document_features(measures: list[Measure]) -> list[dict[str, float]]:
    """Features of every candidate of one document, in order."""
    groups = Counter((m.parent, m.section) for m in measures)
    children = Counter(m.parent for m in measures if m.parent is not None)
    shaped = [(m, _shape(m)) for m in measures]
    index_of = {m.ordinal: i for i, m in enumerate(measures)}
    out = []
    for i, (m, shape) in enumerate(shaped):
        parent = shaped[index_of[m.parent]] if m.parent in index_of else None
        context = (parent, shaped[i - 1] if i else None, shaped[i + 1] if i + 1 < len(shaped) else None)
        out.append(measure_features(m, shape, i, len(shaped), groups[(m.parent, m.section)], children[m.ordinal],
                                    context))
    return out


def context_features(measures: list[Measure], first: list[float]) -> list[dict[str, float]]:
    """Second-stage features: the first stage's probability of the candidate, of its siblings (same
    parent, section and layout: one list), of its neighbours and of the whole document."""
    sums: dict[tuple, float] = defaultdict(float)
    counts: Counter[tuple] = Counter()
    for m, p in zip(measures, first):
        sums[(m.parent, m.section, m.layout)] += p
        counts[(m.parent, m.section, m.layout)] += 1
    total, rest = sum(first), len(measures) - 1
    out = []
    for i, m in enumerate(measures):
        key = (m.parent, m.section, m.layout)
        n_sib = counts[key] - 1
        doc_mean = (total - first[i]) / rest if rest else 0.5
        sib_mean = (sums[key] - first[i]) / n_sib if n_sib else 0.5
        out.append({"self_p": first[i], "sib_mean": sib_mean, "has_sib": float(n_sib > 0), "doc_mean": doc_mean,
                    "prev_p": first[i - 1] if i else 0.5, "next_p": first[i + 1] if i + 1 < len(measures) else 0.5,
                    "self_x_doc": first[i] * doc_mean, "sib_x_doc": sib_mean * doc_mean})
    return out
