"""What minutes say before a case's decision. Under a case heading ("Sak 35/26 Felles beredskapsøving"),
the sentences and points before "Vedtak: …" (or a "Vedtak:" heading) are the discussion that led to it: who
said what, what happened, what was wanted. The decision is the measure; what came before it is none, however
much it sounds like one ("Osterøy meinte at det trengst ei felles øving"). In the corpus's dev split every
such candidate (15 of 15) is annotated as no measure. A saksframlegg argues for its measures under "Saka gjeld",
"Bakgrunn" and "Vurdering" and lists them under "Framlegg til vedtak": the running text of those sections is the
argument, the decision the measures.
"""
from __future__ import annotations

import re

from pipeline.models import Measure

_DECISION = (r"(?:(?:enstemmig|samrøystes|endelig|endeleg)\s+)?(?:vedtak|vedtaket|konklusjon|konklusjonar|konklusjoner|"
             r"innstilling|innstillinga|forslag\s+til\s+vedtak|framlegg\s+til\s+vedtak)")
DECISION_HEADING = re.compile(rf"^{_DECISION}\s*:?$", re.IGNORECASE)
DECISION_START = re.compile(rf"^{_DECISION}\s*:\s*\S", re.IGNORECASE)
"""A case's decision or proposed decision, as a heading ("Vedtak:") or starting its text ("Innstilling: …");
not a follow-up ("Oppfølging" also heads a programme's closing section)."""


def _case(m: Measure) -> tuple[str, ...]:
    """The heading path without a trailing decision heading ("Sak 31/26 …" > "Vedtak" -> "Sak 31/26 …")."""
    path = m.section
    while path and DECISION_HEADING.match(path[-1].strip()):
        path = path[:-1]
    return path


def _decides(m: Measure) -> bool:
    return bool(DECISION_START.match(m.text)) or any(DECISION_HEADING.match(h.strip()) for h in m.section)


ASSESSMENT = re.compile(r"^(?:saka\s+gjeld|saken\s+gjelder|bakgrunn|bakgrunn\s+for\s+saka|bakgrunn\s+for\s+saken|"
                        r"vurdering|[\wæøå-]+\s+vurdering|[\wæøå-]+s\s+vurdering|saksopplysning(?:ar|er)|"
                        r"saksutgreiing|saksutredning|drøfting)\s*:?$", re.IGNORECASE)
"""The headings of a case's papers before its proposed decision ("Saka gjeld", "Bakgrunn", "Vurdering",
"Kommunedirektørens vurdering", "Saksopplysningar"): what they argue for, the decision lists."""


def _argued(m: Measure, case: tuple[str, ...]) -> bool:
    """Running text under an assessment heading of ``case`` (:data:`ASSESSMENT`)."""
    return m.layout == "text" and len(m.section) == len(case) + 1 and m.section[:len(case)] == case \
        and bool(ASSESSMENT.match(m.section[-1].strip()))


def discussion(measures: list[Measure]) -> set[int]:
    """Ordinals of the candidates (no table rows) that stand under a case heading before that case's decision,
    or as running text under one of its assessment headings ("Vurdering") before it."""
    decided_cases = {}
    for i, m in enumerate(measures):
        if _decides(m) and _case(m):
            decided_cases.setdefault(_case(m), i)  # the first decision of the case
    return {m.ordinal for i, m in enumerate(measures)
            if m.layout != "table" and not _decides(m) and any(
                i < first and (m.section == case or _argued(m, case)) for case, first in decided_cases.items())}


REFUSED = re.compile(r"^(?:søknaden|søknadene|søknad)\b[^.]{0,120}?\b(?:vert|blir|blei|ble|er)\s+(?:avslått|avslegen|avvist|"
                     r"ikkje\s+innvilga|ikke\s+innvilget)\b|^(?:søknaden|søknadene)\b[^.]{0,120}?\b(?:avslås|avslåast)\b",
                     re.IGNORECASE)
"""An application turned down ("Søknaden frå Vaksdal Vekst om støtte … vert avslått"): a decision not to act."""


NOTED = re.compile(r"^(?:vedtak\s*:\s*)?[^.!?]{0,120}?\b(?:tek|tar|tok|teke|tatt|tekne|tekin|tas|takast)\b[^.!?]{0,120}?"
                   r"\btil\s+(?:orientering|etterretning)(?:\s*,?\s+og\s+takk(?:er|ar|a|et)\b[^.!?]{0,120})?\s*\.?$",
                   re.IGNORECASE)
"""A decision that only takes note ("Formannskapet tek statusrapporten … til orientering.", "… og takker
prosjektgruppen for godt arbeid."), one sentence."""


_PAPERS = (r"(?:handlingsprogram|handlingsplan|handlingsdel|arbeidsprogram|plan|program|referat|protokoll|innkalling|"
           r"saksliste|sakliste|budsjett|årsmelding|årsrapport|regnskap|rekneskap)\w*")
ADOPTED = re.compile(rf"^(?:vedtak\s*:\s*)?(?:[\wæøå-]+\s+){{0,6}}?{_PAPERS}\b[^.!?]{{0,80}}?\b(?:vedtas|vedtakast|"
                     r"godkjennes|godkjennast|(?:vert|blir|ble|blei|er)\s+(?:vedteke|vedtatt|godkjend|godkjent|godkjende))\b"
                     r"[^.!?]{0,80}\.?$"
                     rf"|^(?:[\wæøå-]+\s+){{1,3}}(?:slutter|sluttar|sluttet|slutta)\s+seg\s+(?:i\s+hovudsak\s+|i\s+hovedsak\s+)?"
                     rf"til\s+[^.!?]{{0,60}}?\b(?:forslag\w*|framlegg\w*|innstilling\w*|utkast\w*|{_PAPERS})\b[^.!?]{{0,100}}\.?$",
                     re.IGNORECASE)
"""A decision that adopts or approves a paper ("Handlingsprogram 2027 vedtas med de endringene som kom fram i
møtet.", "Innkalling og sakliste vert godkjende.", "Rådet slutter seg til sekretariatets forslag til tiltak …"), one
sentence: the plan's machinery, not an action."""
REMOVED = re.compile(rf"^[^.!?]{{0,120}}\b(?:tas|takast|vert\s+teke|blir\s+tatt)\s+ut\s+(?:av|frå|fra)\s+(?:\w+\s+)?{_PAPERS}\b"
                     r"[^.!?]{0,80}\.?$", re.IGNORECASE)
"""A decision that takes a measure out of the programme ("Tiltaket om … tas ut av programmet."): no measure."""


def refused(measures: list[Measure]) -> set[int]:
    """Ordinals of decisions that act on nothing: an application turned down, a report only taken note of, a
    paper adopted, a measure taken out. No measures, even under "Vedtak:"."""
    return {m.ordinal for m in measures
            if any(rule.match(m.text.strip()) for rule in (REFUSED, NOTED, ADOPTED, REMOVED))}
