"""Sentences that only say who leads the measure before them and by when.

Prose programmes, web pages, memos and e-mails write a measure as a sentence of what is to be done and a
sentence after it of who does it and when ("Vi skal kartleggje ledige næringsareal … Seljord kommune leier
arbeidet, og næringsrådgjevarane er med. Kartet skal vere klart innan 1. juni 2027."). That second sentence
is no measure of its own: it is the first one's "Ansvar:" and "Frist:" written out. It refers back (to
"arbeidet", "dette", "kartet") and does nothing new. Once the confidence model has said which candidates
are measures, such a sentence is folded into the nearest kept measure before it under the same heading
(a background sentence may stand between): its owner becomes that measure's ``responsible_text``, its
timing the ``deadline_text``, and the organisations it names besides the owner stay with the measure as
partner text. Nothing of it joins the measure's text, and it is no measure itself, whatever the model said.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from pipeline.meta.timing import own_timing
from pipeline.models import Goal, Measure
from pipeline.nlp.owners import BACK_REFERENCE as _BACK, is_owner_name, led_by, led_by_us
from pipeline.segment.clauses import sentences
from pipeline.segment.structure import is_sign_off

MAX_WORDS = 24
"""An owner or timing sentence is short; a longer one says more than who and when."""

DONE_BY = re.compile(rf"^(?:{_BACK}|[A-ZÆØÅ][a-zæøå]+(?:et|en|a|inga|ingen|ane|ene))\s+(?:skal|bør|må|vil|kan)?\s*"
                     r"(?:(?:vere|være|bli|verte|vert|blir|er)\s+)?(?:klar|klart|klare|ferdig|ferdige|ferdigstilt|ferdigstilte|"
                     r"på\s+plass|i\s+drift|i\s+gang|klar\s+til\s+bruk|gjennomført|gjennomførast|gjennomføres|haldast|holdes|"
                     r"avholdes|avviklast|lanserast|lanseres|leggjast\s+fram|legges\s+fram|presenterast|presenteres|"
                     r"send|sendt|sendast|sendes|oversendt|oversendast|oversendes|"
                     r"løpande|løpende)\b", re.IGNORECASE)
""""Kartet skal vere klart innan 1. juni 2027", "Utgreiinga skal vere klar før sommarferien", "Arbeidet er
løpande"."""
ONGOING = re.compile(r"\b(?:er|blir)\s+(?:løpande|løpende|kontinuerleg|kontinuerlig)\b", re.IGNORECASE)
WITH = re.compile(rf"^{_BACK}\s+(?:(?:blir|vert|er|skal\s+(?:bli|verte))\s+(?:\w+\s+){{0,2}}(?:saman|sammen|i\s+samarbeid)\s+med"
                  rf"|(?:får|fær|har\s+fått)\s+(?:støtte|tilskot|tilskudd|midlar|midler)\s+(?:frå|fra))\b", re.IGNORECASE)
""""Øvinga blir planlagd saman med Statsforvaltaren …", "Tilbodet får støtte frå Enova …": who works with it."""
GOAL = re.compile(r"^(?:målet|målsettinga|målsettingen|målsetjinga)\s+(?:er|blir|vil\s+vere|vil\s+være)\s+(?P<goal>.+)$",
                  re.IGNORECASE)
NEW_ACTION = re.compile(r"\b(?:skal|vil|bør|må)\s+(?:også|òg|i\s+tillegg)\b|\bi\s+tillegg\b|\bdessutan\b|\bdessuten\b",
                        re.IGNORECASE)
"""Words that add a task ("skal også", "i tillegg"): the sentence is a measure of its own."""


@dataclass(frozen=True)
class Afterword:
    """What a sentence after a measure says about it."""

    owner: str | None = None
    timing: str | None = None
    goals: tuple[str, ...] = ()
    ours: bool = False  # the writer's organisation leads it ("Vi tar ansvar for …")

    def owner_for(self, sender: str | None) -> str | None:
        """The owner it names, or the writer's organisation (``sender``) when "vi" lead the work or the owner is
        the sender's kind in the definite ("Fylkeskommunen" in a letter Nordland fylkeskommune signs)."""
        if sender and self.owner and self.owner.casefold() in OWN_KIND and sender.casefold().endswith(
                " " + OWN_KIND[self.owner.casefold()]):
            return sender
        return self.owner or (sender if self.ours else None)


OWN_KIND = {"fylkeskommunen": "fylkeskommune", "kommunen": "kommune"}
"""A definite body that, in a letter one of its kind signs, is the writer: "Fylkeskommunen kan ta ansvaret …"."""


def _reading(sentence: str) -> Afterword | None:
    """What one sentence says about the measure before it, or None when it says something else."""
    goal = GOAL.match(sentence)
    if goal:
        return Afterword(goals=(goal["goal"].strip(),))
    owner = led_by(sentence)
    done = DONE_BY.search(sentence) or ONGOING.search(sentence) and owner is not None
    timing = own_timing(sentence) if done or owner is not None else None
    if done and timing is None and ONGOING.search(sentence):
        timing = ONGOING.search(sentence)[0].split()[-1]
    if owner is None and timing is None and not WITH.search(sentence):
        return None  # "Det må sendes ut svar": done, but by no one and at no time it names
    return Afterword(owner or None, timing, ours=owner == "" and led_by_us(sentence))


def afterword(text: str) -> Afterword | None:
    """What ``text`` says about the work named just before it, when every sentence of it only says who
    leads that work, who works with it, when it is done or what it should achieve; None otherwise."""
    parts = sentences(text)
    if not text.rstrip().endswith((".", "!")) or NEW_ACTION.search(text) or \
            any(len(s.split()) > MAX_WORDS for s in parts):
        return None
    readings = [_reading(s) for s in parts]
    if any(r is None for r in readings) or all(r.goals for r in readings):  # a goal alone: attach_goals' work
        return None
    return Afterword(next((r.owner for r in readings if r.owner), None),
                     next((r.timing for r in readings if r.timing), None),
                     tuple(g for r in readings for g in r.goals), any(r.ours for r in readings))


LOOK_BACK = 3
"""How many candidates back the measure an afterword speaks of may stand (a background sentence between)."""


def _same_place(m: Measure, before: Measure) -> bool:
    """``m`` is running text under the same heading and parent as ``before``, which is no lead-in."""
    return (m.layout == "text" and before.layout == "text" and m.parent == before.parent
            and m.section == before.section and not before.text.rstrip().endswith(":"))


def _with_afterword(m: Measure, found: Afterword, said: str, sender: str | None,
                    goals: tuple[Goal, ...] = ()) -> Measure:
    """``m`` with what an afterword (``said``, its words) tells of it: owner and deadline where it has none, the
    rest of the words as partner text, its goals."""
    owner = found.owner_for(sender)
    return replace(m, responsible_text=m.responsible_text or ((owner,) if owner else ()),
                   deadline_text=m.deadline_text or found.timing,
                   partner_text=(*m.partner_text, said.replace(found.owner, " ") if found.owner else said),
                   goals=(*m.goals, *goals, *(Goal("mål", g) for g in found.goals)))


def _named_item(measures: list[Measure], i: int, kept: set[int]) -> int | None:
    """The one kept item of the list right before running text ``measures[i]`` that the text names by a word
    of its own ("Hitra kommune leder arbeidet med boligstrategien" after "… en felles boligstrategi …"); None
    when no item or several share such a word."""
    m = measures[i]
    if m.layout != "text":
        return None
    items = []
    for j in range(i - 1, -1, -1):
        if measures[j].layout != "item" or measures[j].section != m.section:
            break
        if measures[j].ordinal in kept and measures[j].parent is None:
            items.append(j)
    stems = tuple({w[:max(5, len(w) - 3)] for w in re.findall(r"\b[a-zæøå]{6,}\b", m.text)})  # its own lower-case words
    named = [j for j in items
             if stems and any(w.startswith(stems) for w in re.findall(r"[a-zæøå]{5,}", measures[j].text.lower()))]
    return named[0] if len(named) == 1 else None


def fold_afterwords(measures: list[Measure], kept: set[int],
                    sender: str | None = None) -> tuple[list[Measure], set[int]]:
    """Fold every owner-or-timing sentence (:func:`afterword`) into the nearest kept measure before it (at most
    :data:`LOOK_BACK` candidates back, same heading), or after a list into the one item it names (:func:`_named_item`). Returns the candidates with those measures' owner,
    deadline, partner text and goals filled in, and the ordinals folded away (no measures of their own)."""
    out = list(measures)
    folded: set[int] = set()
    parents = {m.parent for m in measures if m.parent is not None}
    for i, m in enumerate(measures):
        if m.ordinal in parents:
            continue
        target = next((j for j in range(i - 1, max(-1, i - 1 - LOOK_BACK), -1)
                       if out[j].ordinal in kept and out[j].ordinal not in folded), None)
        if target is None or not all(_same_place(m, out[j]) for j in range(target, i)):
            target = _named_item(out, i, kept)
        if target is None:
            continue
        found = afterword(m.text)
        if found is None:
            continue
        out[target] = _with_afterword(out[target], found, m.text, sender, m.goals)
        folded.add(m.ordinal)
    return out, folded


def peel_afterwords(measures: list[Measure], sender: str | None = None) -> list[Measure]:
    """Each measure without the sentences at the end of its own text that only say who leads it, when it is
    done or what it should achieve ("… Vinje kommune leier arbeidet. Kartet skal vere klart innan 1. juni."):
    they become its owner, deadline and goals, as the same sentences standing apart are folded
    (:func:`fold_afterwords`). The first sentence always stays."""
    out = []
    for m in measures:
        parts = sentences(m.text)
        tail = next(((k, found) for k in range(1, len(parts)) if (found := afterword(" ".join(parts[k:])))), None)
        if tail is None:
            out.append(m)
            continue
        k, found = tail
        out.append(replace(_with_afterword(m, found, " ".join(parts[k:]), sender), text=" ".join(parts[:k])))
    return out


def sender_of(texts: list[str]) -> str | None:
    """The organisation that signs the document: the first owner-shaped line ("Rakkestad kommune") among the
    few lines after a sign-off ("Mvh", "Med vennlig hilsen"); None when no signature names one."""
    for i, text in enumerate(texts):
        if is_sign_off(text.strip()):
            for line in texts[i + 1:i + 6]:
                name = line.strip(" ,.")
                if len(name.split()) > 1 and is_owner_name(name):
                    return name
    return None
