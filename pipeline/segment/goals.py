"""Goals written as sentences or lines, not labels: "Målet er at …" right after a measure is that
measure's goal; a "Mål 1: …" / "Delmål 2: …" line that heads a group of measures is a goal of each
measure in the group (SPEC, seed notes C2). Neither is a measure itself.
"""
from __future__ import annotations

import re
from dataclasses import replace

from pipeline.models import Goal, Measure
from pipeline.segment.builder import renumber
from pipeline.segment.features import MODAL

GOAL_SENTENCE = re.compile(
    r"^(?:målet|målsettingen|målsettinga|målsetjinga|hensikten|formålet)\s+(?:med\s+\w+\s+)?"
    r"(?:er|bør\s+være|skal\s+være|vil\s+være|må\s+være)\s+(?P<goal>(?:at|å)\s+.+)$", re.IGNORECASE)
GOAL_STATEMENT = re.compile(
    r"^å\s+(?:bli|vere|være|få|oppnå|nå)\b"
    r"|\bskal\s+(?:nås|oppnås|bidra\s+til|vere|være|bli|medvirke\s+til|medverke\s+til)\b"
    r"|\bskal\s+(?:arbeide|arbeida|jobbe|jobba)\s+for\s+(?:å|at)\b"
    r"|\bskal\s+ha\s+(?:\S+\s+){0,2}\d"
    r"|\b(?:økes|aukast|reduseres|styrkes|bedres)\s+gjennom\b", re.IGNORECASE)
"""A line stating what the measures below it should achieve ("Å bli en prioritert samarbeidspartner …:",
"3000 medlemmer skal nås innen 2022", "Innflytelse økes gjennom …:", "Regionrådet skal arbeide for å fremme
samarbeid …"), not what is to be done."""
MAX_GOAL_WORDS = 40


def is_goal_statement(text: str) -> bool:
    """True when a line over a list states a goal rather than an action or a heading (see GOAL_STATEMENT);
    one about who is responsible ("… skal være ansvarlig for:") is none."""
    return (len(text.split()) <= MAX_GOAL_WORDS and bool(GOAL_STATEMENT.search(text))
            and not re.search(r"\bansvar", text, re.IGNORECASE))


PURPOSE = re.compile(r"(?:^|\s)(?:målet|målsettingen|målsetjinga|hensikten|formålet|føremålet)\s+(?:med|for)\s+(?:\S+\s+){1,3}?"
                     r"(?:er|blir|vil\s+være|skal\s+være)\b", re.IGNORECASE)
"""A sentence stating what a project or body is for: "Målet for prosjektet er økt fysisk aktivitet …"."""
GOAL_PREDICATE = re.compile(r"\b(?:er|være|vere|bli)\s+(?:et|eit|ett)\s+(?:\w+\s+)?(?:mål|målsetting|delmål)\s*[.!]?$",
                            re.IGNORECASE)
"""A line whose predicate is a goal: "Universell utforming og tilgjengelighet må være et viktig mål"."""


def states_goal(text: str) -> bool:
    """A candidate that states a goal or a purpose and no action besides (SPEC: goal statements are no
    measures): :data:`PURPOSE` or :data:`GOAL_PREDICATE`, with no modal outside the goal's sentence."""
    text = text.strip()
    goal = GOAL_PREDICATE.search(text)
    if goal:
        subject = re.sub(r"\s*\b(?:må|skal|bør)\s*$", "", text[:goal.start()])  # "X må være et mål": X alone
        if not MODAL.search(subject) and not re.search(r"\b(?:der|som|at|hvor|kor|når)\b", subject, re.IGNORECASE):
            return True  # the goal is the sentence's own predicate, not a clause inside an action
    m = PURPOSE.search(text)
    if m is None or MODAL.search(text[:m.start()]):
        return False
    end = re.search(r"[.!?](?=\s|[A-ZÆØÅ]|$)", text[m.end():])
    return end is None or len(text[m.end() + end.end():].split()) <= 3  # nothing is done after the purpose


LIST_LABELS = frozenset({"tiltak", "aktiviteter", "aktivitetar", "handlinger", "oppgaver", "oppgåver", "arbeidsoppgaver"})
"""Headings that only introduce a goal's list of measures; any other heading ends the goal's group."""
GROUP_GOAL = re.compile(r"^(?:mål|delmål|hovedmål|hovudmål|effektmål|resultatmål|målsetning|målsetting|målsetjing)"
                        r"\s*\d+\s*[:.]\s*(?P<goal>.+)$", re.IGNORECASE)
GOAL_HEADING = re.compile(
    r"^(?:(?:overordn(?:a|et|ede)|hoved|hovud|del|effekt|samfunns)\s*)?mål(?:setning|setting|setjing)?(?:ar|er|en|a|ene)?"
    r"(?:\s+(?:for\s+)?(?:(?:19|20)\d{2}(?:\s*[-–]\s*\d{2,4})?|planperioden|perioden))?\s*:?$", re.IGNORECASE)
"""A heading that is only a goal label ("Overordna mål", "Hovedmål", "Mål 2023", "Målsettinger:"): the
paragraph right below it states a goal of the measures that follow (as a "Mål 1: …" line does)."""
GOAL_LIST_INTRO = re.compile(
    r"(?:\b(?:(?:del|hoved|hovud|effekt|resultat)?mål(?:ene|a|et|setting(?:ene|ane)?|setjing(?:ane)?)?)(?:\s+for\s+[\w -]{1,40})?"
    r"\s+(?:er|blir|vert)|\b(?:følgende|følgjande|disse|desse)\s+(?:(?:del|hoved|hovud)?mål(?:ene|a)?|målsettinger|målsetjingar))\s*:$",
    re.IGNORECASE)
"""A paragraph that ends by introducing a list of goals ("… Prosjektets delmål er:", "Målene for planen er:",
"Vi har satt oss følgende mål:"): the items below are goals of what follows, not measures."""
OUTCOME = re.compile(r"^(?:økt|økte|flere|fleire|færre|redusert|reduserte|mindre|større|høyere|høgare|lavere|lågare)\s+\w",
                     re.IGNORECASE)
"""An item that names a state to reach, not a thing to do ("Økt andel unge voksne …", "Flere arbeidsplasser …",
"Redusert energibruk …"). Words that are also verbs ("Bedre", "Auka", "Styrke") are left out."""
MAX_OUTCOME_WORDS = 15
RESULT_CLAUSE = re.compile(r"^[\wæøåÆØÅ-]+(?:\s+[\wæøåÆØÅ-]+){0,3}?\s+(?:bidrar|bidreg|fører|fører)\s+til\b", re.IGNORECASE)
"""A line whose subject brings something about ("Arealavklaring bidrar til å gjøre regionen attraktiv …")."""


def states_result(text: str) -> bool:
    """A line that names a result to reach: an outcome (:data:`OUTCOME`) or what a thing brings about
    (:data:`RESULT_CLAUSE`), with no modal: under a "Resultatmål:" label it goes on the goal list."""
    return bool(OUTCOME.match(text) or RESULT_CLAUSE.match(text)) and not MODAL.search(text)


SENTENCE_START = re.compile(r"(?<=[.!?])\s+(?=[A-ZÆØÅ])")


def split_goal_sentence(m: Measure) -> Measure:
    """A goal sentence inside a measure's own text ("Etablere et vertskapsprogram … . Målet er at flere
    blir boende.") leaves the text and becomes the measure's goal; the sentences after it stay."""
    starts = [g.end() for g in SENTENCE_START.finditer(m.text)]
    for start, end in zip(starts, [*starts[1:], len(m.text)]):
        sentence = GOAL_SENTENCE.match(m.text[start:end].strip())
        if sentence:  # the sentences after the goal's stay in the text (an owner, a date, more of the measure)
            text = f"{m.text[:start].strip()} {m.text[end:].strip()}".strip()
            return replace(m, text=text, goals=(*m.goals, Goal("mål", sentence["goal"].strip())))
    return m


def attach_goals(measures: list[Measure]) -> list[Measure]:
    """Goal sentences become goals of the measure they follow or stand in (then renumbered); the segmenter
    gives group goals (:data:`GROUP_GOAL` lines) to the measures below them."""
    kept: list[Measure] = []
    for m in map(split_goal_sentence, measures):
        sentence = GOAL_SENTENCE.match(m.text.strip())
        if sentence and kept and kept[-1].section == m.section and m.parent in (None, kept[-1].parent, kept[-1].ordinal):
            kept[-1] = replace(kept[-1], goals=(*kept[-1].goals, Goal("mål", sentence["goal"].strip())))
            continue
        kept.append(m)
    return renumber(kept, {m.ordinal: m.parent for m in measures})
