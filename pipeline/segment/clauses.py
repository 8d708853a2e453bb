"""Sentences, and list items whose sentences each give someone a task. Minutes write one agenda item as
several decisions: "Kommunikasjon og PR: Pilotprosjektet skal få egen plass på hjemmesiden. Rådmannen sørger
for … Prosjektleder får tilgang …" or "Styret gikk gjennom dokumentet. Ray kontakter revisor … Trond avklarer …".
When at least two sentences after the first open with a subject and its finite verb, each sentence is a measure
of its own: the first keeps the item, the others become its sub-items.
Notes whose sentences are fragments ("Redusere nullskatteytere. Søke prosjektmidler.") stay whole.
"""
from __future__ import annotations

import re
from dataclasses import replace

from pipeline.models import Block
from pipeline.nlp.owners import subject_owner
from pipeline.nlp.wordclass import verb_form

ABBREVIATIONS = re.compile(r"\b(f\.eks|bl\.a|m\.a|m\.m|ca|nr|kr|jf|mv|dvs|osv|pga|t\.o\.m|f\.o\.m|inkl|evt|ifb|iht|mht|ref|tlf|kl|pr|st)\.$", re.I)
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[«\"(]?[A-ZÆØÅ0-9])")


def sentences(text: str) -> list[str]:
    """``text`` cut after ".", "!" or "?" before a capital, except after common abbreviations."""
    out: list[str] = []
    start = 0
    for m in SENTENCE_END.finditer(text):
        head = text[start:m.start()]
        if ABBREVIATIONS.search(head):
            continue
        out.append(head.strip())
        start = m.end()
    out.append(text[start:].strip())
    return [s for s in out if s]


MIN_TASK_SENTENCES = 2
MODALS = frozenset({"skal", "må", "bør", "får"})


def split_item_sentences(block: Block) -> list[Block]:
    """``block`` (a list item) as its first sentence and one sub-item per later sentence, when at least two
    later sentences state a task with its subject (:func:`states_task`); else unchanged."""
    if block.kind != "item" or block.column is not None:
        return [block]
    parts = sentences(block.text)
    if sum(states_task(p) for p in parts[1:]) < MIN_TASK_SENTENCES:
        return [block]
    return [replace(block, text=p, level=block.level + (1 if i else 0), gap_before=block.gap_before if i == 0 else 0)
            for i, p in enumerate(parts)]


def states_task(sentence: str) -> bool:
    """The sentence gives a task: an owner-shaped subject and its verb ("Rådmannen sørger for …"), a
    subject of one to three words with a modal or a passive ("Det som publiseres … skal …", "Saksdokumenter
    sendes ut …"), or a named person and a verb in the present ("Ray kontakter revisor …"). Questions and
    statements of fact ("Stram kommuneøkonomi påvirker alle") give none."""
    if sentence.rstrip().endswith("?"):
        return False
    if subject_owner(sentence):
        return True
    words = [w.strip(",.:;()") for w in sentence.split()[:4]]
    if len(words) < 2 or not words[0][:1].isupper() or verb_form(words[0].lower()) == "inf":
        return False
    if any(w.lower() in MODALS or verb_form(w.lower()) == "pass" for w in words[1:]):
        return True
    return words[0].lower() not in IMPERSONAL and _named_doer(words)


IMPERSONAL = frozenset({"det", "dette", "den", "denne", "der", "her", "da", "så", "nå", "no", "alle", "mange", "noen",
                        "nokre", "ingen", "man", "en", "ein"})
"""Sentence openers that name no one who does the task."""


def _named_doer(words: list[str]) -> bool:
    """One to three capitalised words (a person or a body: "Ray", "Finn Morten", "Tone") and then a verb in the
    present ("Ray kontakter revisor …", "Trond avklarer med valgkomiteen …"): minutes give the task to them."""
    n = 1
    while n < min(3, len(words) - 1) and words[n][:1].isupper():
        n += 1
    return n < len(words) and not words[n][:1].isupper() and verb_form(words[n].lower()) == "pres"
