"""Enrich segmented measures: theme (heading first, classifier otherwise), measure type, partners, targets.

Batch function over a document's measures so the classifiers run once per document.
"""
from __future__ import annotations

import re

from dataclasses import replace

from pipeline.meta.deadlines import resolve_deadline
from pipeline.models import Document, Measure, PartnerMention
from pipeline.nlp.gazetteer import load_gazetteer, other_councils
from pipeline.nlp.partners import dedupe, find_partners
from pipeline.nlp.owners import declared_owner, led_by, subject_owner
from pipeline.nlp.targets import measure_targets
from pipeline.nlp.taxonomy import FALLBACK_THEME, Taxonomy, heading_to_theme, load_taxonomy

def document_councils(doc: Document) -> frozenset[str]:
    """:func:`other_councils` of the whole document (title, headings, text)."""
    return other_councils(" ".join([doc.title or "", *(b.text for b in doc.blocks)]))


def theme_from_section(section: tuple[str, ...], taxonomy: Taxonomy) -> str | None:
    """The innermost heading in the path that names a theme."""
    for heading in reversed(section):
        theme = heading_to_theme(heading, taxonomy)
        if theme:
            return theme
    return None


def _classify(texts: list[str], kind: str) -> list[tuple[str, float]]:
    """Text classifiers; a missing model file degrades to a fallback with score 0 rather than failing a run."""
    from pipeline.nlp.themes import classify_themes
    from pipeline.nlp.types import classify_types

    try:
        return classify_themes(texts) if kind == "theme" else classify_types(texts)
    except FileNotFoundError:
        return [(FALLBACK_THEME if kind == "theme" else "annet", 0.0)] * len(texts)


def localise(mentions: list[PartnerMention], others: frozenset[str], written: str = "") -> list[PartnerMention]:
    """A council's own body ("sekretariatet", "styret") takes its region's canonical name unless the document
    belongs to another council (``others``: :func:`other_councils`); then it is kept as written ("Sekretariatet")."""
    gaz = load_gazetteer()
    out = []
    for m in mentions:
        entry = gaz.entry(m.partner)
        if entry is None or entry.region not in others:
            out.append(m)
            continue
        name = written.strip(" .;,") if written and len(written.split()) <= 6 and len(mentions) == 1 else m.mention
        out.append(replace(m, partner=name[:1].upper() + name[1:]))
    return out


def measure_partners(measure: Measure, others: frozenset[str] = frozenset()) -> tuple:
    """Partners from the partner column, the measure's own text and (named organisations only) its goals."""
    mentions = []
    for fragment in measure.partner_text:
        mentions += find_partners(fragment, "column")
    mentions += find_partners(measure.text, "text")
    for goal in measure.goals:
        mentions += find_partners(goal.text, "text", goal=True)
    return dedupe(localise(mentions, others))


def measure_owners(measure: Measure, others: frozenset[str] = frozenset()) -> tuple[PartnerMention, ...]:
    """Owners from Ansvar/Eier labels and columns, else the subject a sentence gives the task to
    (:func:`subject_owner`): canonical where the gazetteer knows them, else as written."""
    mentions: list[PartnerMention] = []
    fragments = measure.responsible_text or _subject(measure.text)
    for fragment in fragments:
        found = localise(find_partners(fragment, "column"), others, fragment)
        mentions += found or [PartnerMention(fragment.strip(" .;"), "ukjent", fragment, "column")]
    source = "column" if measure.responsible_text else "text"
    return tuple(replace(m, role="ansvarlig", source=source) for m in dedupe(mentions))


def _subject(text: str) -> tuple[str, ...]:
    """The owner named as subject of the measure's first sentence, or of its second after a short title
    sentence ("Moparken. Rådmannen legger fram …"), or the body a sentence says has the responsibility
    (:func:`pipeline.nlp.owners.declared_owner`); a later sentence that says who leads the work ("…
    Sekretariatet koordinerer arbeidet", :func:`pipeline.nlp.owners.led_by`) goes first."""
    sentences = re.split(r"(?<=[.!?])\s+", text)
    # a later sentence that says who leads the work names its owner, before any subject does
    owner = next((o for s in sentences[1:] if (o := led_by(s))), None) or subject_owner(text)
    title, _, rest = text.partition(". ")
    if owner is None and rest and len(title.split()) <= 4:
        owner = subject_owner(rest)
    if owner is None:  # a later sentence that says who has the responsibility ("… Oif ski har ansvar for hytta")
        owner = next((o for s in sentences if (o := declared_owner(s))), None)
    return (owner,) if owner else ()


def without_owners(partners: tuple[PartnerMention, ...],
                   owners: tuple[PartnerMention, ...]) -> tuple[PartnerMention, ...]:
    """Partners less the owners the measure's text names as its subject: an owner is a partner only where a
    partner column or label names it too."""
    names = {o.partner for o in owners if o.source == "text"}
    return tuple(p for p in partners if not (p.source == "text" and p.partner in names))


def enrich_measures(measures: list[Measure], taxonomy: Taxonomy | None = None, *,
                    others: frozenset[str] | None = None) -> list[Measure]:
    """Fill theme, theme_source, theme_score, measure_type, partners, owners, deadline and targets.
    ``others``: regions whose bodies the document does not speak of (:func:`document_councils`); by
    default judged from the measures' own text."""
    tax = taxonomy or load_taxonomy()
    if not measures:
        return []
    if others is None:
        others = other_councils(" ".join(m.text for m in measures))
    themes = _classify([m.text for m in measures], "theme")
    types = _classify([m.text for m in measures], "type")
    out = []
    for m, (model_theme, score), (mtype, _) in zip(measures, themes, types):
        heading_theme = theme_from_section(m.section, tax)
        owners = measure_owners(m, others)
        out.append(replace(
            m,
            theme=heading_theme or model_theme,
            theme_source="heading" if heading_theme else "model",
            theme_score=1.0 if heading_theme else round(score, 4),
            measure_type=mtype,
            partners=without_owners(measure_partners(m, others), owners),
            responsible=owners,
            deadline=resolve_deadline(m.deadline_text),
            targets=measure_targets([m.text, *(g.text for g in m.goals)]),
        ))
    return out
