"""Partners: organisation entities (:mod:`pipeline.nlp.ruler`: the gazetteer over spaCy's ``nb`` tokens,
without spaCy), then rules for which mentions are partners of the measure.

- Partner column text: every organisation found, plus unknown acronyms and organisation-shaped
  words kept as written (type "ukjent").
- Measure text: named organisations; groups ("kommunene", "næringslivet") only where the text engages
  them ("samarbeid med", "dialog mellom", "blant", "på tvers av", ...), not where they benefit.
- Goal text: named organisations only (groups in goals are yardsticks or beneficiaries).
"""
from __future__ import annotations

import re

from pipeline.models import PartnerMention
from pipeline.nlp.doc import Doc, Span, Token
from pipeline.nlp.gazetteer import Gazetteer, load_gazetteer
from pipeline.nlp.org_names import named_orgs, opens_sentence
from pipeline.nlp.ruler import ORG_SUFFIX, partner_doc
from pipeline.nlp.wordclass import verb_form

ENGAGING = {
    "med", "mellom", "blant", "tvers", "samle", "samler", "samarbeid", "samarbeide", "samarbeider", "dialog",
    "dialogen", "utfordre", "påvirke", "koordinere", "involvere", "sammen", "partnere", "mobilisere", "engasjere",
    "saman", "samla", "samarbeida", "utfordra", "påverka", "koordinera", "involvera", "mobilisera", "engasjera",
    "kontakte", "kontakta", "kontakt", "invitere", "invitera", "koble", "kople", "kopla", "knytte", "knyta",
    "partnerskap", "partnarskap", "samhandling", "samspel", "samspill", "ber", "oppfordrer", "oppfordrar",
    "oppmoder", "oppmodar",
}
MODALS = {"skal", "bør", "må", "kan", "vil", "får", "har", "skulle", "burde", "kunne", "ville"}
ADDRESSING = {"til", "at", "la", "overfor", "ovenfor", "ovanfor"}
"""The word before a group the text addresses: "sendes til kommunene", "at kommunene", "La kommunene"."""
EXAMPLE_CUES = {"f.eks.", "eks.", "eks", "f.eks", "feks", "ala", "á", "til", "i", "på", "ved", "rundt"}
ACRONYM = re.compile(r"^[A-ZÆØÅ]{2,6}$")
INFLECTED_ACRONYM = re.compile(r"^[A-ZÆØÅ]{2,6}[-'’](?:ene|en|et|er|ne|s)$")  # "IPR-ene", "FK'ene"


def _engaged(span: Span) -> bool:
    """The text works with the group: an engaging word shortly before it ("i samarbeid med kommunene"),
    the group as the acting subject ("kommunene lager", "at kommunane skal") or as the addressee ("sendes
    til kommunene", "La kommunene vedta")."""
    window = [t.lower_ for t in span.doc[max(0, span.start - 5): span.start]]
    if any(w in ENGAGING for w in window):
        return True
    if not span.doc[span.end - 1].lower_.endswith(("ene", "ane")):  # "kommuner må" speaks of any municipality
        return False
    if len(window) > 1 and window[-2] in ("slik", "så") and window[-1] == "at":
        return False  # a purpose ("slik at kommunene kan ..."), not the group as actor or addressee
    nxt = span.doc[span.end].lower_ if span.end < len(span.doc) else ""
    if nxt in MODALS or verb_form(nxt) == "pres" or (window and window[-1] in MODALS):
        return True  # the subject, also after the verb ("I tillegg skal kommunane lage ...")
    return bool(window) and window[-1] in ADDRESSING


PLACE_CUES = {"mellom", "utenfor", "utanfor", "langs", "gjennom", "nær", "nord", "sør", "øst", "vest"}
"""Words before a place named in passing: "toget mellom Hamar og Lillehammer", "utanfor Tromsø"."""


def _is_example_or_place(span: Span) -> bool:
    before = [t.lower_ for t in span.doc[max(0, span.start - 2): span.start]]
    if not before:
        return False
    if before[-1] in EXAMPLE_CUES or before[-1] in PLACE_CUES or (len(before) > 1 and before[-2] in ("f.eks.", "eks.")):
        return True
    return before[-1] in ("og", "eller", "-", "–") and _follows_place(span)


def _is_surname(span: Span) -> bool:
    """A bare municipality name right after a capitalised word is part of another name: a person's
    surname ("Kari Lier"), a firm's branch ("Gjensidige Surnadal"), a stretch of coast ("Sørøst Lindesnes");
    a municipality as partner stands alone ("med Lier og Asker") or with "kommune"."""
    if span.start == 0 or span.text.lower().endswith("kommune"):
        return False
    before = span.doc[span.start - 1]
    return before.is_alpha and before.text[:1].isupper() and not before.text.isupper() and not before.is_stop


MOTION = {"reise", "reiser", "reisa", "reiste", "køyre", "køyrer", "kjøre", "kjører", "pendle", "pendler", "pendlar",
          "fly", "flyr", "dra", "drar", "flytte", "flytter", "flyttar", "kollektivt", "direkte"}
"""Words of travel before "til"/"fra" and a place: "reise kollektivt til Oslo og Bergen" names places in passing."""


def _follows_place(span: Span) -> bool:
    """The second place of a pair ("mellom Hamar og Lillehammer", "reise til Oslo og Bergen"): the words before
    it name a place in passing."""
    doc, start = span.doc, span.start - 1  # the "og" before the span
    ents = [e for e in doc.ents if e.end == start]
    if not ents or ents[0].start == 0:
        return False
    before = [t.lower_ for t in doc[max(0, ents[0].start - 3): ents[0].start]]
    return before[-1] in PLACE_CUES or before[-1] in ("til", "fra", "frå") and any(w in MOTION for w in before[:-1])


SPEAKING = {"ber", "mener", "meiner", "støtter", "støttar", "foreslår", "føreslår", "anbefaler", "tilrår", "ønsker",
            "ønskjer", "ynskjer", "krever", "krev", "viser", "understreker", "understrekar", "påpeker", "peikar"}
"""Verbs of a writer stating its view: the organisation before them speaks ("NVE anbefaler at ...")."""


def _is_speaker(span: Span) -> bool:
    """The organisation opening a sentence with its view or request: the writer, not a partner."""
    doc = span.doc
    if not opens_sentence(doc, span.start):
        return False
    k = span.end
    if k < len(doc) and doc[k].text == "(":  # "Øystre Slidre Jeger- og Fiskerforening (ØSJFF) støtter"
        while k < len(doc) and doc[k].text != ")":
            k += 1
        k += 1
    return k < len(doc) and doc[k].lower_ in SPEAKING


def _canonical(span: Span, gaz: Gazetteer) -> tuple[str, str, bool, bool]:
    """(canonical name, type, generic, engaged_by_default) for an entity span."""
    name = span.ent_id_ or span.kb_id_ or span.text
    entry = gaz.entry(name)
    if entry:
        return entry.name, entry.type, entry.generic, entry.engaged_by_default
    listed = gaz.organisation_type(name)
    if listed:
        return name, listed, False, False
    if name.endswith(" kommune"):
        return name, "kommune", False, False
    if name.endswith(" fylkeskommune"):
        return name, "fylkeskommune", False, False
    return span.text, "ukjent", False, False


def find_partners(text: str, source: str = "text", *, goal: bool = False,
                  gazetteer_path: str | None = None) -> list[PartnerMention]:
    """Partner mentions in one piece of text. ``source`` is "column" for partner-column text."""
    if not text.strip():
        return []
    gaz = load_gazetteer(gazetteer_path)
    doc = partner_doc(text, gazetteer_path)
    found: list[PartnerMention] = []
    for ent in doc.ents:
        name, ptype, generic, by_default = _canonical(ent, gaz)
        if ent.label_ == "KOMMUNE" and source != "column" and (_is_example_or_place(ent) or _is_surname(ent)):
            continue
        if source != "column":
            if _is_speaker(ent):
                continue
            if generic and (goal or not (by_default or _engaged(ent))):
                continue
            if goal and _is_example_or_place(ent):
                continue
        found.append(PartnerMention(partner=name, partner_type=ptype, mention=ent.text, source=source))
    if source == "column":
        found.extend(_unknown_orgs(doc))
    elif not goal:
        found.extend(_engaged_acronyms(doc))
        found.extend(named_orgs(doc))
    return found


def _engaged_acronyms(doc: Doc) -> list[PartnerMention]:
    """Unknown acronyms the text works with ("koble sammen med IPR-ene"), kept as written."""
    out = []
    for token in doc:
        if token.ent_type_ or not (is_acronym(token) or INFLECTED_ACRONYM.match(token.text)):
            continue
        if _engaged(doc[token.i: token.i + 1]):
            out.append(PartnerMention(partner=token.text, partner_type="ukjent", mention=token.text, source="text"))
    return out


def is_acronym(token: Token) -> bool:
    """An all-capitals word that may name an organisation ("KSF"): not a known non-organisation
    abbreviation, not a shouted common word ("MÅ", "MED"), not part of a shouted phrase."""
    if not ACRONYM.match(token.text) or token.text in load_gazetteer().not_organisations:
        return False
    if token.is_stop:
        return False
    neighbours = [token.nbor(k) for k in (-1, 1) if 0 <= token.i + k < len(token.doc)]
    return not any(n.is_alpha and len(n.text) > 1 and n.text.isupper() for n in neighbours)


def _unknown_orgs(doc: Doc) -> list[PartnerMention]:
    """Acronyms, organisation-shaped words and proper names ("Norsk Vann") in a partner cell that the
    gazetteer does not know, kept as written."""
    out = []
    for token in doc:
        if token.ent_type_:
            continue
        if is_acronym(token) or ORG_SUFFIX.match(token.text) or INFLECTED_ACRONYM.match(token.text):
            out.append(PartnerMention(partner=token.text, partner_type="ukjent", mention=token.text, source="column"))
    for name in _proper_names(doc):
        out.append(PartnerMention(partner=name, partner_type="ukjent", mention=name, source="column"))
    return out


def _proper_names(doc: Doc) -> list[str]:
    """List items of one to four capitalised words with no known entity in them: "Norsk Vann", "Skyss"."""
    names, item = [], []
    for token in [*doc, None]:
        if token is None or token.text in (",", ";", "/", "&", "og", "(", ")", ".", "+") or token.ent_type_:
            words = [t for t in item if t.is_alpha or "-" in t.text]
            if 1 <= len(words) == len(item) <= 4 and all(t.text[:1].isupper() and not t.is_stop for t in words) \
                    and (len(words) > 1 or _name_not_word(words[0].text)) \
                    and not any(is_acronym(t) for t in words):
                names.append(" ".join(t.text for t in item))
            item = []
        else:
            item.append(token)
    return names


def _name_not_word(text: str) -> bool:
    """A lone capitalised word that is no Norwegian word ("Statnett", not "Klima"): a name."""
    from pipeline.nlp.lemmas import is_word

    return len(text) >= 3 and text.isalpha() and not is_word(text.lower())


def partner_coverage(text: str) -> float:
    """Share of the words in ``text`` that belong to organisation mentions (0..1): is this a partner cell?"""
    doc = partner_doc(text)
    words = [t for t in doc if t.is_alpha]
    if not words:
        return 0.0
    in_orgs = sum(1 for t in words if t.ent_type_ or is_acronym(t))
    return in_orgs / len(words)


def dedupe(mentions: list[PartnerMention]) -> tuple[PartnerMention, ...]:
    """One mention per canonical partner, the partner column first."""
    seen: dict[str, PartnerMention] = {}
    for m in sorted(mentions, key=lambda m: m.source != "column"):
        seen.setdefault(m.partner, m)
    return tuple(seen.values())
