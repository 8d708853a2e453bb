"""A lead-in that ends in ":" owns the list below it. When the lead-in is itself a measure (it survived
the confidence model: "Følgende søknader går videre:", "Det foreslås … til:"), the items that follow it at
the same depth become its sub-measures; when it is not, they stay where they are. A lead-in that gives
a body its tasks ("Telemark fylkeskommune skal:") names the owner of the items under it; one that states what
they achieve ("Riksantikvaren vil at kulturminner skal bevares … ved å") is their goal.
"""
from __future__ import annotations

import re
from dataclasses import replace

from pipeline.models import Block, Goal, Measure
from pipeline.nlp.owners import STANCE, subject_owner
from pipeline.segment.goals import SENTENCE_START, is_goal_statement
from pipeline.segment.structure import number_and_text

TASK_VERBS = frozenset({"skal", "vil", "bes", "får", "fær", "har", "tar", "tek", "jobber", "jobbar", "arbeider",
                        "arbeidar", "samarbeider", "samarbeidar", "gjennomfører", "driver", "driv", "tilbyr", "utfører"})
"""Verbs after a lead-in's subject that give it tasks or say it does the work listed ("Friluftsrådet jobber særlig
med følgende oppgaver:"); "må" and "bør" make demands on others, and "setter søkelys på" only points."""
LEAD_END = re.compile(r"(?::|\b(?:ved|gjennom|med) å|\bskal(?:\s+(?:blant|mellom)\s+anna[nt]?|\s+bl\.\s?a\.)?)$")
"""How a lead-in ends: a colon, "… ved å" / "gjennom å" before its list of infinitives, or a modal whose
sentence the list completes ("Statsforvaltaren skal blant anna" + "• gi råd …")."""


def attach_to_lead_ins(measures: list[Measure]) -> list[Measure]:
    """Items directly after a kept lead-in, with no parent of their own, get the lead-in as parent."""
    out = list(measures)
    for i, lead in enumerate(out):
        if lead.layout == "item" and lead.parent is not None or not lead.text.rstrip().endswith(":"):
            continue
        j = i + 1
        while j < len(out) and out[j].layout == "item" and out[j].parent == lead.parent and out[j].section == lead.section:
            out[j] = replace(out[j], parent=lead.ordinal, level=max(out[j].level, lead.level + 1))
            j += 1
    return out


def lead_in_owners(measures: list[Measure], kept: set[int]) -> dict[int, str]:
    """For kept measures with no owner of their own: the owner that the nearest lead-in above them names as
    its subject ("Sekretariatet skal:", "Telemark fylkeskommune skal:"; see
    :func:`pipeline.nlp.owners.subject_owner`), whether or not the lead-in was kept. The lead-in is a parent
    (or its parent), the text right before a run of list items, or the section heading it became
    (ordinal -> owner)."""
    by_ordinal = {m.ordinal: m for m in measures}
    out: dict[int, str] = {}
    before: str | None = None  # the owner of the lead-in the current run of list items follows
    for m in measures:
        if m.layout != "item" and m.parent is None:
            before = _lead_owner(m.text)
        if m.ordinal not in kept or m.responsible_text or subject_owner(m.text):
            continue
        owner, lead = None, by_ordinal.get(m.parent) if m.parent is not None else None
        while lead is not None and owner is None:
            owner = _lead_owner(lead.text)
            lead = by_ordinal.get(lead.parent) if lead.parent is not None else None
        owner = owner or (before if m.layout == "item" else None) or _lead_owner(m.lead_in) or (
            _lead_owner(m.section[-1] + ":") if m.section else None)
        if owner:
            out[m.ordinal] = owner
    return out


def _lead_owner(text: str) -> str | None:
    """The subject owner of a lead-in that gives it tasks ("Sekretariatet skal:" -> "Sekretariatet",
    "Riksantikvaren vil … ved å", "Friluftsrådet jobber særlig med følgende oppgaver:"); None for other text and for demands on others ("Regjeringa må:", "Din
    kommune bør:"). A heading made of a lead-in has lost its colon, so the caller adds it back."""
    text = SENTENCE_START.split(text.rstrip())[-1]  # a paragraph's lead-in is its last sentence
    if not LEAD_END.search(text):
        return None
    owner = subject_owner(text.rstrip(":"), stance=STANCE - {"vil"})
    if owner is None:
        return None
    after = re.search(re.escape(owner.split()[-1]) + r"\s+(\w+)", text, re.IGNORECASE)
    return owner if after and after[1].lower() in TASK_VERBS else None


MEANS = re.compile(r"\s*\b(?:ved|gjennom)\s+å\s*:?$", re.IGNORECASE)


def lead_in_goals(measures: list[Measure], kept: set[int]) -> dict[int, Goal]:
    """For kept measures under a lead-in the confidence model dropped (their parent, or the paragraph right
    before their run of list items): the lead-in as their goal when it states an aim and the list gives the
    means ("X vil at kulturminner skal bevares … ved å", "X skal være pådriver for … gjennom å"), or holds a goal
    statement over its list ("Å bli en prioritert partner:", "Regionrådet skal arbeide for å fremme samarbeid …
    Dette innebærer bl.a.:", :func:`pipeline.segment.goals.is_goal_statement`); else the innermost heading when
    it is such a statement ("2.5.1 Stavanger skal være ledende i arbeidet for …"), as a "Mål 1: …" line is
    (ordinal -> goal)."""
    by_ordinal = {m.ordinal: m for m in measures}
    out: dict[int, Goal] = {}
    # the goal of the dropped paragraph that the current run of list items follows, and that paragraph's section
    before: tuple[str | None, tuple[str, ...]] = (None, ())
    for m in measures:
        if m.layout != "item" and m.parent is None:
            before = (_lead_goal(m.text) if m.ordinal not in kept else None, m.section)
        if m.ordinal not in kept:
            continue
        lead = by_ordinal.get(m.parent) if m.parent is not None else None
        goal = _lead_goal(lead.text) if lead is not None and lead.ordinal not in kept else None
        if lead is None and goal is None:
            goal = (before[0] if m.layout == "item" and before[1] == m.section else None) or _heading_goal(m.section)
        if goal and all(g.text != goal for g in m.goals):
            out[m.ordinal] = Goal("mål", goal)
    return out


def _lead_goal(text: str) -> str | None:
    """The aim a lead-in states (see :func:`lead_in_goals`), without its "ved å" / colon and without a last
    sentence that only opens the list ("Dette innebærer bl.a.:"); None for others."""
    means = MEANS.search(text)
    if means:
        aim = text[:means.start()].strip(" ,")
        return aim if re.search(r"\b(?:skal|vil|ønsker|ønskjer)\b", aim, re.IGNORECASE) and len(aim.split()) >= 4 else None
    text = text.strip()
    if not text.endswith(":"):
        return None
    stated = [s for s in SENTENCE_START.split(text) if is_goal_statement(s)]
    return " ".join(stated).rstrip(":").strip() or None


def _heading_goal(section: tuple[str, ...]) -> str | None:
    """The innermost heading when it states a goal of what stands under it, without its numbering."""
    if not section:
        return None
    heading = number_and_text(Block(section[-1]))[1].strip()
    means = MEANS.search(heading)
    heading = heading[:means.start()].strip(" ,") if means else heading.rstrip(":").strip()
    return heading if len(heading.split()) >= 4 and is_goal_statement(heading) else None
