"""How sure the segmenter is that a candidate is a measure: a model learned from the annotated corpus.

Every candidate the layout rules produce (a list item, a paragraph, a sentence of prose, a table row)
gets the probability that it is an intended action and not background, a goal statement, a greeting, a
contact line or meeting logistics. Two stages of logistic regression over :mod:`pipeline.segment.features`:
the first scores each candidate alone, the second adds the first stage's scores of its list siblings and
neighbours, so a list is judged as a list. Fitted by ``tiltak train`` on the corpus's dev split
(:mod:`pipeline.evaluation.training`) and shipped as JSON weights; applying it needs no scikit-learn.
"""
from __future__ import annotations

import json
import math
import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from pipeline.config import RESOURCES
from pipeline.models import Measure
from pipeline.nlp.taxonomy import heading_to_theme
from pipeline.nlp.owners import subject_owner
from pipeline.segment.afterwords import fold_afterwords
from pipeline.segment.builder import renumber
from pipeline.segment.discussion import discussion, refused
from pipeline.segment.structure import DECISION_LABEL, FOLLOW_UP, is_decision_lead_in, is_prose_task
from pipeline.segment.leadins import lead_in_goals, lead_in_owners
from pipeline.segment.marks import Listed, is_marked, listed_sections  # noqa: F401  (listed_sections re-exported)
from pipeline.segment.goals import states_goal
from pipeline.segment.timing import lead_in_timing
from pipeline.segment.features import context_features, document_features, first_words, type_word, typed
from pipeline.nlp.wordclass import verb_form
from pipeline.segment.wording import Wording

MODEL_FILE = RESOURCES / "models" / "measures.json"
EXPLICIT = frozenset({"table", "titled"})
"""Layouts that say by themselves that a block is a measure."""
TILTAK_HEADING = re.compile(r"^\s*(?:\d+(?:\.\d+)*\.?\s+)?(?:tiltak|tiltaka|tiltakene|tiltaksliste|foreslåtte tiltak|forslag til tiltak)\s*:?\s*$",
                            re.IGNORECASE)
"""A heading that names what stands under it as measures ("Tiltak", "3.2 Tiltak", "Forslag til tiltak")."""


@dataclass(frozen=True)
class Linear:
    """One logistic regression: a weight per feature name and an intercept."""

    weights: dict[str, float]
    intercept: float

    def probability(self, features: dict[str, float]) -> float:
        z = self.intercept + sum(self.weights.get(k, 0.0) * v for k, v in features.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def to_json(self) -> dict:
        return {"intercept": self.intercept,
                "weights": {k: round(v, 6) for k, v in sorted(self.weights.items()) if abs(v) > 1e-6}}


@dataclass(frozen=True)
class ConfidenceModel:
    """The two stages, the threshold chosen on the dev split and the wording model whose log-odds both
    stages read (feature "wording"; None in a model trained before it existed)."""

    first: Linear
    second: Linear
    threshold: float
    wording: Wording | None = None

    def features(self, measures: list[Measure]) -> list[dict[str, float]]:
        """Each candidate's first-stage features: its shape and place, and its wording's log-odds."""
        feats = document_features(measures)
        if self.wording is not None:
            for f, m in zip(feats, measures):
                f["wording"] = self.wording.logit(m.text)
        return feats

    def probabilities(self, measures: list[Measure]) -> list[float]:
        feats = self.features(measures)
        p1 = [self.first.probability(f) for f in feats]
        return [self.second.probability({**f, **c}) for f, c in zip(feats, context_features(measures, p1))]

    def save(self, path: Path, info: dict) -> None:
        payload = {"threshold": self.threshold, "info": info, "first": self.first.to_json(),
                   "second": self.second.to_json()}
        if self.wording is not None:
            payload["wording"] = self.wording.to_json()
        path.write_text(json.dumps(payload, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")


@lru_cache(maxsize=2)
def load_model(path: Path = MODEL_FILE) -> ConfidenceModel | None:
    """The shipped model, or None when there is none (every candidate is then kept, confidence unknown)."""
    if not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    stages = [Linear(data[k]["weights"], float(data[k]["intercept"])) for k in ("first", "second")]
    wording = Wording.from_json(data["wording"]) if "wording" in data else None
    return ConfidenceModel(stages[0], stages[1], float(data["threshold"]), wording)


def shared_goals(measures: list[Measure]) -> frozenset[str]:
    """Goal texts that several measures share: a group's goal ("Mål 1: …", a goal statement over a list)."""
    seen: dict[str, int] = {}
    for m in measures:
        for text in {g.text for g in m.goals}:
            seen[text] = seen.get(text, 0) + 1
    return frozenset(t for t, n in seen.items() if n > 1)


ROLL_CALL = re.compile(r"^\s*(?:til ?stede|møtt|møtte|møtande|deltakere|deltakarar|deltok|forfall|meldt forfall|"
                       r"fravær\w*|ikke møtt|ikkje møtt|referent|møteleder|møteleiar|andre til ?stede)\s*:?\s*$", re.I)
"""The headings of the minutes' roll call: who came, who sent word, who chaired and who wrote."""


CONTACT_LINE = re.compile(r"^\s*(?:kontakt(?:person|personar|personer|informasjon)?|spørsmål(?:\s+om\s+\w+)?)\s*:"
                          r"|(?:tlf\.?|telefon|mob\.?|mobil)\s*:?\s*\+?\d[\d ]{6,}", re.IGNORECASE)
"""A contact line ("Kontakt: daglig leder …, tlf. 976 41 228, …"): who to ask, never a measure."""
FOR_INFORMATION = re.compile(r"^(?:(?:sak|ps|os)\s+[\d/.-]+\s*[-–:]?\s*)?(?:orienteringssak\w*|orienteringsaker|orienteringar|"
                             r"orienteringer|referatsak\w*|meldingssak\w*|til\s+orientering)\b", re.IGNORECASE)
"""A case heading over what the meeting was told ("Sak 30/26 Orienteringssaker", "Referatsaker"): no decisions."""


def is_roll_call(m: Measure) -> bool:
    """A short line (a name, a name and a role) under a roll-call heading ("Til stede", "Forfall"): no measure."""
    return bool(m.section) and bool(ROLL_CALL.match(m.section[-1])) and len(m.text.split()) <= 8


def explicit(m: Measure, shared: frozenset[str] = frozenset(),
             tables: Listed = frozenset()) -> bool:
    """The layout says by itself that this is a measure: a table's measure cell, a formal programme's
    titled measure, a candidate with labelled goal or partner lines ("Resultatmål:", "Partnere:"), or
    one that opens with a measure-type label ("Prosjekt:", "Arrangement:"), an item marked as a measure
    (:func:`is_marked`), a top-level list item under a
    theme heading (the spec: what a programme lists under its themes are its measures) unless a table or marked
    items list the measures under that heading (``tables``, :func:`listed_sections`), or a lead-in that
    decides what its list holds ("Formannskapet vedtok 11 tiltak:"), or a follow-up line of minutes that gives
    someone the task ("Oppfølging: sekretariatet sender …"), or a sub-item that opens with a word naming a kind of
    measure or an action ("pilot i Ås", "Arrangere …" under its measure: 24 of 24 such sub-items in dev are
    measures). Never a line of a roll call."""
    if is_roll_call(m):
        return False
    own = [g for g in m.goals if g.text not in shared]  # a group's goal says nothing of this item's layout
    labelled_goals = any(g.kind != "mål" for g in own) or bool(own and m.layout == "item" and m.parent is None)
    listed = m.layout == "item" and m.parent is None and (m.section, None) not in tables and (
        any(heading_to_theme(h) for h in m.section) or bool(m.section) and bool(TILTAK_HEADING.match(m.section[-1])))
    labelled_lines = bool(m.partner_text or m.responsible_text or m.deadline_text)
    gives_task = (bool(FOLLOW_UP.match(m.text)) and subject_owner(m.text) is not None
                  or m.layout == "text" and is_prose_task(m.section, m.text))
    typed_sub_item = m.layout == "item" and m.parent is not None and type_word(m.text)  # "pilot i Ås" under its measure
    return m.layout in EXPLICIT or is_marked(m) or labelled_lines or labelled_goals or typed(m.text) or listed or gives_task \
        or typed_sub_item or (m.layout == "text" and is_decision_lead_in(m.text))


DETAIL_START = frozenset({"med", "for", "i", "og", "som", "til", "på", "ved", "gjennom", "inkl.", "inkludert", "uten",
                          "mot", "blant", "både", "eller", "fra", "om", "gjerne", "særlig", "særleg", "spesielt",
                          "helst", "fortrinnsvis", "primært", "hovedsakelig", "hovudsakleg", "bl.a.", "f.eks.",
                          "eksempelvis"})
"""Words a phrase opens with when it qualifies the line above ("med målinger hver uke", "gjerne sammen med
Sjømat Norge", "særlig sykepleie og ingeniørfag"), never an action."""


SETTING = re.compile(r"^[^:]{1,40}:\s*[+\-−]?\s*\d")
"""A label and a figure ("Skoler: 19 grader", "2023: + 5.750'"): a setting of its measure, no action."""


def is_detail(m: Measure) -> bool:
    """A sub-item that opens with a lower-case preposition or conjunction, or that states a label and a
    figure: a detail of its measure."""
    words = m.text.split()
    if m.parent is None or not words:
        return False
    return words[0] in DETAIL_START or (len(words) <= 10 and bool(SETTING.match(m.text)))


def never_measure(m: Measure, tables: Listed = frozenset()) -> bool:
    """Dropped whatever the model says, unless its layout is explicit: a detail, a roll-call line, a goal
    or purpose stated as a sentence (:func:`pipeline.segment.goals.states_goal`), a list item under a
    heading whose measures a table or marked items list (``tables``: what a group said beside what it proposed), what
    stands under a heading of matters for information (:data:`FOR_INFORMATION`), or a short contact line."""
    beside = m.layout == "item" and (m.section, m.parent) in tables and not is_marked(m)
    return is_detail(m) or is_roll_call(m) or states_goal(m.text) or beside \
        or bool(m.section) and bool(FOR_INFORMATION.match(m.section[-1].strip())) \
        or bool(CONTACT_LINE.search(m.text)) and len(m.text.split()) <= 25


MEASURES_WORD = re.compile(r"\btiltak(?:a|ene|et)?\b", re.IGNORECASE)


def names_its_measures(text: str) -> bool:
    """A lead-in that calls its list measures ("De tiltakene vi anbefaler er disse:")."""
    return text.rstrip().endswith(":") and bool(MEASURES_WORD.search(text)) and len(text.split()) <= 25


def decided_items(measures: list[Measure]) -> set[int]:
    """Ordinals of the top-level items listed right under a decision lead-in ("Formannskapet vedtok 11
    tiltak:" + its bullets), one that calls them measures ("De tiltakene vi anbefaler er disse:") or a
    minutes' "Vedtak:" section, and their sub-items that are no details: they are measures whatever
    their wording."""
    out: set[int] = set()
    open_list = False
    for m in measures:
        if m.layout == "text":
            open_list = is_decision_lead_in(m.text) or names_its_measures(m.text)
        elif m.layout == "item" and m.parent is None and (
                open_list or bool(m.section) and bool(DECISION_LABEL.match(m.section[-1].strip()))):
            out.add(m.ordinal)
        elif m.layout == "item" and m.parent in out and not is_detail(m):
            out.add(m.ordinal)  # a sub-item of a decided item, unless a detail ("med vekt på …")
        elif m.parent is None:
            open_list = False
    return out


def umbrellas(measures: list[Measure], kept: set[int]) -> set[int]:
    """Sub-list lead-ins inside a kept list that open with or hold an action ("Utenforskap … Søke
    prosjektmidler: F.eks.:") and whose own items (two or more) are kept: the umbrella of those measures."""
    kids = Counter(m.parent for m in measures if m.parent is not None and m.ordinal in kept)
    return {m.ordinal for m in measures
            if m.ordinal not in kept and m.layout == "item" and m.parent in kept and kids[m.ordinal] >= 2
            and m.text.rstrip().endswith(":") and _acts(m.text) and not never_measure(m)}


def parallel_items(measures: list[Measure], kept: set[int]) -> set[int]:
    """Dropped list items phrased like a kept sibling (same parent and depth, same first word: "pilot i Ås" and
    "pilot i Nordre Follo"): a list's parallel items are all measures or all details, not split by a few
    points of probability."""
    firsts = {(m.parent, m.level, *first_words(m.text, 1)) for m in measures if m.ordinal in kept and m.layout == "item"}
    return {m.ordinal for m in measures
            if m.ordinal not in kept and m.layout == "item" and m.parent is not None
            and (m.parent, m.level, *first_words(m.text, 1)) in firsts and not never_measure(m)}


def _acts(text: str) -> bool:
    """A sentence of ``text`` opens with an infinitive ("Søke prosjektmidler", "Redusere …")."""
    return any(verb_form(s.split()[0].strip(",.:")) == "inf" for s in re.split(r"(?<=[.!?])\s+", text) if s.split())


def with_confidence(measures: list[Measure], model: ConfidenceModel | None = None,
                    sender: str | None = None) -> list[Measure]:
    """Each candidate with its ``confidence``; those below the model's threshold are dropped (their
    children move up to the dropped parent's parent; a dropped sub-item's words join the text of the
    measure it sits under, as the spec keeps details that are no actions) and the rest renumbered; ``sender``:
    the organisation that signs the document, the owner where "vi" lead the work. Candidates
    whose layout is explicit (:func:`explicit`) are never dropped: the layout decides there; what minutes say
    before a case's decision (:func:`pipeline.segment.discussion.discussion`) is always dropped otherwise, and a
    decision that turns an application down is never taken for one (:func:`~pipeline.segment.discussion.refused`)."""
    model = model or load_model()
    if model is None or not measures:
        return measures
    probs = model.probabilities(measures)
    parent_of = {m.ordinal: m.parent for m in measures}
    unsaid = discussion(measures) | refused(measures)  # minutes: what led to a decision, an application turned down
    decided = decided_items(measures) - unsaid
    shared, tables = shared_goals(measures), listed_sections(measures)
    kept = {m.ordinal for m, p in zip(measures, probs)
            if explicit(m, shared, tables) or m.ordinal in decided
            or (p >= model.threshold and not never_measure(m, tables) and m.ordinal not in unsaid)}
    if not kept:  # a note of the genre with no measure at all is rarer than a model miss: keep, marked doubtful
        kept = {m.ordinal for m in measures}
    kept |= umbrellas(measures, kept) | parallel_items(measures, kept)
    measures, folded = fold_afterwords(measures, kept, sender)  # "X leier arbeidet": the measure before's owner
    kept -= folded
    details: dict[int, list[str]] = {}  # a dropped sub-item that is no action is a detail of its measure
    for m in measures:
        if m.ordinal in kept or m.ordinal in folded:
            continue
        owner = m.parent
        while owner is not None and owner not in kept:
            owner = parent_of.get(owner)
        if owner is not None:
            details.setdefault(owner, []).append(m.text)
    timing, owners, goals = lead_in_timing(measures, kept), lead_in_owners(measures, kept), lead_in_goals(measures, kept)
    survivors = [replace(m, text=" ".join([m.text, *details.get(m.ordinal, [])]), confidence=round(p, 3),
                         goals=(*m.goals, goals[m.ordinal]) if m.ordinal in goals else m.goals,
                         deadline_text=m.deadline_text or timing.get(m.ordinal),
                         responsible_text=m.responsible_text or ((owners[m.ordinal],) if m.ordinal in owners else ()))
                 for m, p in zip(measures, probs) if m.ordinal in kept]
    return renumber(survivors, parent_of)
