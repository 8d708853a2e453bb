"""Owners named without a label: the owner cell of a table row run into the measure's text
("… for gårdbrukere Landbrukskontoret Mars 2026"), and the subject of a sentence that gives a body its
task ("Sekretariatet sender invitasjonen …", "Rådmannen bes legge fram …", "Oppfølging: daglig leder
reviderer …").

A name is owner-shaped when the gazetteer knows it as an organisation, when it is one capitalised word
built on an institution's noun in definite or plural form ("Sekretariatet", "Landbrukskontoret",
"Kommunedirektørene", "Rådmannen"), an acronym ("AU", "NAV"), a role ("Daglig leder") or capitalised
words before an organisation's head noun ("Nome kommune", "Norsjø vannområde") or such a body's noun before
capitalised place names ("Regionrådet Nord-Gudbrandsdal"). Place names alone
("Bøelva", "Bø, Lunde og Ulefoss") are not. An internal work plan may name who does a task in a closing
bracket, in lower case ("… (styret, adm. verveutvalget)."; :func:`bracketed_owners`).
"""
from __future__ import annotations

import re

from pipeline.nlp.gazetteer import load_gazetteer
from pipeline.nlp.partners import ACRONYM
from pipeline.nlp.ruler import ORG_SUFFIX, partner_doc
from pipeline.nlp.wordclass import verb_form

STEMS = (r"kontor|sekretariat|utval[gj]?|råd|styr|grupp|leder|leiar|direktør|mann|kommun|komite|komité|"
         r"administrasjon|lag|etat|avdeling|enhet|eining|tjenest|teneste|område|nettverk|forum|partnerskap|"
         r"forening|foreining|ledelse|leiing|seksjon|stab|selskap|senter|fylkeskommun|politi|skol|bibliotek|"
         r"sjef|koordinator|rektor|ordfører|ordførar|ansvarlig|ansvarleg|verksted|verkstad|kontakt|ting|forvalter|forvaltar")
INSTITUTION = re.compile(rf"^[A-ZÆØÅ][a-zæøå.-]*(?:{STEMS})(?:a|e|en|et|ene|ane|ar|er|ne|i)?$")
"""One capitalised word naming a body or a role: "Sekretariatet", "Landbrukskontorene", "Rådmannen"."""
BODY = re.compile(rf"^[a-zæøå.-]*(?:{STEMS})(?:a|e|en|et|ene|ane|ar|er|ne|i)?$", re.IGNORECASE)
"""The same, the stem alone too ("Administrasjonen", "Sekretariatet")."""
HEADS = frozenset({
    "kommune", "kommunar", "kommuner", "fylkeskommune", "vannområde", "vassområde", "vegvesen", "regionråd",
    "region", "utvalg", "utval", "arbeidsgruppe", "faggruppe", "gruppe", "styre", "sekretariat", "leder", "leiar",
    "administrasjon", "etat", "nettverk", "forum", "råd", "idrettsråd", "næringsforening", "næringsråd",
    "friluftsråd", "kontor", "landbrukskontor", "prosjektgruppe", "styringsgruppe", "referansegruppe",
})
"""Lowercase head nouns after capitalised words that make a name: "Nome kommune", "Norsjø vannområde"."""
ROLES = re.compile(r"^(?:daglig|dagleg|administrativ|faglig|fagleg)\s+(?:leder|leiar|arbeidsgruppe|ansvarlig|ansvarleg)$", re.I)
SEPARATOR = re.compile(r"\s*(?:/|,|&|\+|\bog\b)\s*")
FINITE = frozenset({"skal", "vil", "bør", "må", "kan", "bes", "får", "fær", "tar", "tek", "har", "gjør", "gjer",
                    "sender", "lager", "lagar", "skriv", "ser", "følger", "følgjer", "går", "legger", "legg", "gis", "gjevast"})
DETERMINERS = frozenset({"alle", "hver", "kvar", "noen", "nokre", "flere", "fleire", "mange", "begge", "disse", "desse",
                         "våre", "vår", "vårt", "vi", "de", "dei", "det", "den", "man", "ein", "en", "et"})
ASSEMBLY = re.compile(r"^(?:\w*regionråd\w*|rådet|styret|utval(?:et|get)|kommunestyret|"
                      r"formannskapet|fylkestinget|representantskapet|årsmøtet|landsmøtet|kommunen|vi)$", re.I)
"""The body that speaks in the document (minutes, letters): what it recommends is no task it owns, but what
it "skal" do is ("Fylkestinget skal vedta planen i mars")."""
STANCE = frozenset({"bør", "ber", "ønsker", "ønskjer", "støtter", "støttar", "mener", "meiner", "stiller", "anbefaler",
                    "tilrår", "vil", "slutter", "sluttar", "går", "sier", "seier", "oppfordrer", "oppfordrar", "oppmoder",
                    "oppmodar", "krever", "krev", "må"})
"""Verbs of a stance, a wish or a request to others: "Sogndal kommune ønskjer å …", "Styret ber …"."""
ASKS = frozenset({"ber", "ba", "bad"})
"""Verbs of a request: the body asked is the owner ("Styret ba administrasjonen sende …")."""
DECIDES = frozenset({"vedtok", "vedtar", "vedtek", "bestemte", "besluttet", "besluttar", "sluttet", "slutta"})
"""Verbs of a decision whose "at"-clause gives the task ("Styret vedtok at lokallagslederne tar tak i saken")."""
LEADING_LABEL = re.compile(r"^(?:[A-ZÆØÅa-zæøå][\wæøå -]{0,60}:\s+)")
"""A label or date before the sentence proper: "Oppfølging: ", "August- oktober 2023: "."""


def is_owner_name(name: str) -> bool:
    """True when ``name`` (one name, no list) is owner-shaped (see the module doc)."""
    words = name.split()
    if not words or len(words) > 5 or not words[0][:1].isupper():
        return False
    if len(words) == 1:
        word = words[0]
        return bool(INSTITUTION.match(word) or ORG_SUFFIX.match(word) or ACRONYM.match(word) or _known(word))
    if ROLES.match(name):
        return True
    if words[-1] in HEADS and all(w[:1].isupper() for w in words[:-1]):
        return True
    if INSTITUTION.match(words[0]) and len(words) <= 3 and all(w[:1].isupper() and w[1:2].islower() for w in words[1:]):
        return True  # a body and the place it serves: "Regionrådet Nord-Gudbrandsdal", "Sekretariatet Hallingdal"
    return _known(name)


def _known(name: str) -> bool:
    """The gazetteer (or the organisation patterns) find one organisation covering all of ``name``."""
    doc = partner_doc(name)
    return len(doc.ents) == 1 and doc.ents[0].text == name.strip()


def owner_names(cell: str) -> list[str] | None:
    """The names of an owner cell ("Reg.råd/AU", "Landbrukskontoret / Norsjø vannområde"), or None when
    one of them is not owner-shaped."""
    names = [n.strip(" .;()") for n in SEPARATOR.split(cell) if n.strip(" .;()")]
    return names if names and all(is_owner_name(n) for n in names) else None


def trailing_owner(text: str, min_words: int = 2) -> tuple[str, str] | None:
    """(the text before, the owner cell) when ``text`` ends in one or more owner names, the longest such
    ending that leaves at least ``min_words`` words before it; None when it ends in none."""
    words = text.split()
    best = None
    for start in range(len(words) - 1, min_words - 1, -1):
        cell = " ".join(words[start:])
        if not words[start][:1].isupper() or words[start - 1].endswith(("/", "&")) or words[start - 1] in ("og", "/", "&"):
            continue
        if owner_names(cell) is not None:
            best = (" ".join(words[:start]), cell)
        elif not _may_grow(words[start]):
            break
    return best


def _may_grow(word: str) -> bool:
    """A word that can sit inside an owner cell: the search for a longer cell goes on past it."""
    return word[:1].isupper() or word in ("og", "/", "&", ",") or word.lower() in HEADS or word.endswith((",", "/"))


def subject_owner(sentence: str, stance: frozenset[str] = STANCE) -> str | None:
    """The owner a sentence gives its task to: a leading owner-shaped subject (one or two names) before a
    finite verb ("Sekretariatet sender …", "Kommunedirektørutvalget bes utrede …"), or the body it asks to
    act ("Styret ba administrasjonen sende …"); None otherwise. ``stance``: verbs whose subject owns nothing."""
    text = LEADING_LABEL.sub("", sentence.strip(), count=1)
    words = text.split()
    if not words or words[0].lower() in DETERMINERS:
        return None
    for n in range(1, min(5, len(words))):
        verb = words[n].lower().strip(",")
        if verb in FINITE or verb in ASKS or verb in DECIDES or verb_form(verb) in ("pres", "pass") and not words[n][:1].isupper():
            subject = " ".join(words[:n])
            subject = subject[:1].upper() + subject[1:]
            if owner_names(subject) is not None:
                if verb in ASKS:
                    return _asked(words[n + 1:])
                if verb in DECIDES:  # "Styret vedtok at lokallagslederne tar …"; what it adopts is no task
                    return subject_owner(" ".join(words[n + 2:]), stance) if words[n + 1:n + 2] == ["at"] else None
                tasked = verb == "skal" or verb_form(verb) == "pass"
                return None if verb in stance or ASSEMBLY.match(subject) and not tasked else subject
    return None


RESPONSIBLE_FOR = re.compile(r"^(?P<subject>[A-ZÆØÅ][\w.-]*(?:\s+[\w.-]+){0,3}?)\s+(?:har|får|tek|tar)\s+"
                             r"(?:hoved|hovud)?ansvar(?:et)?\s+(?:for|med)\b")
"""A sentence that names who is responsible ("Oif ski har ansvar for hytta denne søndagen", "Kontaktlærer for
elevråd har ansvar for at …", "FAU-styret har ansvaret for å skaffe …")."""


def declared_owner(sentence: str) -> str | None:
    """The subject of a sentence that says it has the responsibility, when it names a body or a role (one
    capitalised word alone is most often a person's name, and persons are no owners: "Trong tar ansvar")."""
    m = RESPONSIBLE_FOR.match(sentence.strip())
    if m is None:
        return None
    subject = m["subject"]
    return subject if len(subject.split()) >= 2 or owner_names(subject) is not None else None


def _asked(words: list[str]) -> str | None:
    """The body of the publisher's own a request names right after its verb ("… ba administrasjonen sende …"
    -> "Administrasjonen", "… ber daglig leder om å …"); a request to the state or others names no owner."""
    for n in (3, 2, 1):
        name = " ".join(words[:n]).strip(",")
        if len(words) > n and (words[n] in ("om", "å") or verb_form(words[n]) == "inf") and name:
            name = name[:1].upper() + name[1:]
            if BODY.match(name) or ROLES.match(name):
                return name
    return None


BRACKETED = re.compile(r"\s*\((?P<names>[^()]{2,80})\)(?P<end>\s*[.;]?)\s*$")
ABBREVIATED = {"adm": "Administrasjonen"}
"""Abbreviated bodies in owner brackets ("adm." -> "Administrasjonen")."""
DEFINITE = re.compile(r"(?:et|en|ene|a|ane|na|ne|komite|komité)$")
ROLE_OF = re.compile(r"^(?:leder|leiar|nestleder|nestleiar)\s+(?:i|for)\s+", re.IGNORECASE)


def bracketed_owners(text: str) -> tuple[str, list[str]] | None:
    """(the text without the bracket, the owners) when ``text`` ends in a bracket that names only the
    publisher's own bodies in lower case ("Besøke naturbruksskolene (styret, adm. verveutvalget)." ->
    Styret, Administrasjonen, Verveutvalget; "leder i verveutvalget" -> Verveutvalget) or only municipalities
    and counties ("(Hole kommune / Ringerike kommune)", "(Tynset)" -> Tynset kommune; a bare place after a
    name places that name: "Sandvika (Bamble)"), the partners after them staying in the text ("(sekretariatet,
    sammen med Statens vegvesen)" -> ", sammen med Statens vegvesen"); None otherwise (another capitalised name in brackets is more often
    a partner or an expansion: "(NAV)", "(Norges forskningsråd)")."""
    found = BRACKETED.search(text)
    before = text[:found.start()].split() if found else []
    if not found or not before:
        return None
    owners, with_whom = (found["names"], "") if not (tail := ALONGSIDE.search(found["names"])) else (
        found["names"][:tail.start()], ", " + tail.group(0).strip(" ,"))
    pieces = [p.strip(" ;.") for p in SEPARATOR.split(owners) if p.strip(" ;.")]
    names = _bodies(pieces)
    if names is None:
        names = _public_bodies(pieces, after_name=before[-1][:1].isupper())
    names = list(dict.fromkeys(names or []))
    return (text[:found.start()].rstrip() + with_whom + found["end"].strip(), names) if names else None


ALONGSIDE = re.compile(r",?\s*\b(?:sammen|saman|i\s+samarbeid)\s+med\s+\S.*$", re.IGNORECASE)
"""The partners after the owners in a bracket ("(sekretariatet, sammen med Statens vegvesen)"): they stay in the text."""


def _bodies(pieces: list[str]) -> list[str] | None:
    """The publisher's own bodies ("styret", "adm.", "leder i verveutvalget", "Sekretariatet"), or None."""
    names: list[str] = []
    for piece in pieces:
        words = [w.rstrip(".") for w in ROLE_OF.sub("", piece).split()]
        while words and words[0].lower() in ABBREVIATED:
            names.append(ABBREVIATED[words.pop(0).lower()])
        if len(words) > 1 or words and not _own_body(words[0][:1].lower() + words[0][1:]):
            return None
        names += [words[0][:1].upper() + words[0][1:]] if words else []
    return names


PUBLIC_BODY = re.compile(r"^(?P<place>[A-ZÆØÅ][\w-]*(?:\s[A-ZÆØÅ][\w-]*)?)(?:\s+(?P<kind>kommune|fylkeskommune))?$")


def _public_bodies(pieces: list[str], after_name: bool) -> list[str] | None:
    """Municipalities and counties ("Hole kommune", "Tynset", "Innlandet fylkeskommune") in the gazetteer's
    full names, or None when a piece is anything else or a bare place follows a name (``after_name``)."""
    gazetteer = load_gazetteer()
    names = []
    for piece in pieces:
        found = PUBLIC_BODY.match(piece)
        if found and found["kind"] == "fylkeskommune" and found["place"] in gazetteer.fylker:
            names.append(f"{found['place']} fylkeskommune")
        elif found and found["kind"] != "fylkeskommune" and found["place"] in gazetteer.kommuner \
                and (found["kind"] or not after_name):
            names.append(f"{found['place']} kommune")
        else:
            return None
    return names


def _own_body(word: str) -> bool:
    """A body named in lower case and definite form: "styret", "verveutvalget", "lokallagene", "arkivkomite"."""
    return word[:1].islower() and bool(BODY.match(word)) and bool(DEFINITE.search(word))


# --- who leads the work just named -------------------------------------------------------------------------
BACK_REFERENCE = (r"(?:arbeidet|dette|det|den|dei|de|ho|han|tiltaket|prosjektet|forprosjektet|kartlegginga|"
                  r"kartleggingen|ordninga|ordningen|prøveordninga|prøveordningen|utgreiinga|utredningen|satsinga|"
                  r"satsingen|oppfølginga|oppfølgingen|kampanjen|tilbodet|tilbudet|øvinga|øvelsen|"
                  r"[a-zæøå]+(?:et|inga|ingen|ane|ene))")
"""What an owner sentence takes on: the work just named, by a pronoun or a definite noun."""
_LEADS = (r"(?:leier|leiar|leder|koordinerer|koordinerar|følger\s+opp|følgjer\s+opp|gjennomfører|gjennomfører|"
          r"har\s+(?:hovud|hoved)?ansvar(?:et)?(?:\s+for)?|tek\s+ansvar(?:et)?\s+for|tar\s+ansvar(?:et)?\s+for|"
          r"(?:kan|vil|skal)\s+(?:leie|lede|koordinere|ta\s+ansvar(?:et)?\s+for)|"
          r"(?:har\s+)?(?:teke|tatt|tek|tar)\s+på\s+seg\s+(?:å\s+)?(?:leie|lede|koordinere|ansvaret\s+for)|"
          r"(?:har\s+)?(?:tilbudt|tilbode|tilbydd|tilbyr|tilbyd)\s+seg\s+(?:å\s+)?(?:leie|lede|koordinere|ta\s+ansvar(?:et)?\s+for)|"
          r"har\s+sagt\s+(?:seg\s+villig\s+til|at\s+(?:de|dei)\s+kan)\s+(?:å\s+)?(?:leie|lede|ta\s+ansvar(?:et)?\s+for|"
          r"koordinere))")
OWNER_LEADS = re.compile(rf"^(?P<owner>[A-ZÆØÅ][\w.-]*(?:\s+[\w.-]+){{0,4}}?)\s+{_LEADS}(?:\s+(?:å\s+)?"
                         rf"(?:leie|lede|koordinere)?\s*)?\s+{BACK_REFERENCE}\b(?!\s+som\b)", re.IGNORECASE)
""""Seljord kommune leier arbeidet", "Sekretariatet har ansvaret", "Vinje kommune har teke på seg å leie
forprosjektet", "Indre Østfold kommune har sagt at de kan ta ansvar for dette", "Herøy kommune har tilbudt seg å lede
arbeidet"."""
OWNER_HAS = re.compile(r"^(?P<owner>[A-ZÆØÅ][\w.-]*(?:\s+[\w.-]+){0,4}?)\s+har\s+(?:hovud|hoved)?ansvaret\b",
                       re.IGNORECASE)
OWNER_OWNS = re.compile(r"^(?:dette|det|arbeidet|tiltaket)\s+(?:må|skal|bør)\s+(?P<owner>[\w.-]+(?:\s+[\w.-]+){0,3}?)\s+"
                        r"(?:selv\s+|sjølv\s+)?(?:eie|eige|ha\s+ansvaret\s+for|leie|lede|følge\s+opp|følgje\s+opp)\b",
                        re.IGNORECASE)
""""Dette må regionrådet selv eie": the owner after the verb."""
OWNER_IS = re.compile(r"^(?:ansvarleg|ansvarlig|hovudansvarleg|hovedansvarlig)\s+(?:er|blir)\s+(?P<owner>[^,.;]{2,60})",
                      re.IGNORECASE)
OWNER_PASSIVE = re.compile(r"\b(?:blir|vert|vil\s+bli)\s+(?:leia|leidd|ledet|leda|koordinert|drive|drevet|følgd\s+opp|"
                           r"fulgt\s+opp)\s+av\s+(?P<owner>[^,.;]{2,60}?)"
                           r"(?=\s+(?:på\s+vegne|på\s+vegner|i\s+samarbeid|saman|sammen)\b|[,.;]|$)", re.IGNORECASE)
""""… og blir leia av arbeidsutvalet", "Tilbodet … blir drive av Fyresdal kommune på vegner av …"."""


WE = frozenset({"vi", "me"})
"""The writer's own organisation as a subject ("Vi tar ansvar for …"; nynorsk "me")."""


def led_by_us(sentence: str) -> bool:
    """The sentence says the writer's own organisation leads the work just named ("Vi tar ansvar for dette")."""
    found = next((m for p in (OWNER_LEADS, OWNER_HAS) if (m := p.search(sentence))), None)
    return found is not None and found["owner"].strip().casefold() in WE


def led_by(sentence: str) -> str | None:
    """The owner a sentence says leads the work just named ("Seljord kommune leier arbeidet", "Ansvarleg er
    Vinje kommune", "Dette må regionrådet selv eie", "… blir leia av arbeidsutvalet"), capitalised, when it is
    owner-shaped; "" when the sentence says so of a person or of "vi" (an owner sentence with no owner to keep);
    None when the sentence names no one who leads."""
    for pattern in (OWNER_LEADS, OWNER_HAS, OWNER_OWNS, OWNER_IS, OWNER_PASSIVE):
        found = pattern.search(sentence)
        if found:
            name = found["owner"].strip(" ,.;")
            name = name[:1].upper() + name[1:]
            return name if owner_names(name) is not None else ""
    return None
