"""The structure of formal programmes and e-mails, as opposed to workshop notes: numbered headings
("2 Klima, miljø og natur"), measures written as a numbered or styled title with a body and labelled
lines ("2.1 Felles kunnskapsgrunnlag …" + "Ansvar: …" + "Frist: …"), prose sections that hold no
measures ("Innledning", "Bakgrunn"), front matter under the title ("Utkast, versjon 2, 14.10.2026"),
and the parts of an e-mail that are not its content (header lines, greeting, lead-in, signature).

Pure functions over blocks; the segmenter decides what to do with the answers.
"""
from __future__ import annotations

import re

from pipeline.models import Block
from pipeline.nlp.taxonomy import heading_key
from pipeline.nlp.owners import subject_owner
from pipeline.nlp.wordclass import verb_form
from pipeline.parse.text import REPLY_HEADER, SIGN_OFF, is_sign_off  # noqa: F401  (e-mail text; re-exported)
from pipeline.segment.features import MODAL
from pipeline.meta.versions import is_front_matter  # noqa: F401  (re-exported for the segmenter)
from pipeline.segment.labels import DEADLINE_AT_START, GOAL_AT_START, PARTNER_AT_START

NUMBERED = re.compile(r"^(?:(?P<label>(?i:tiltak|anbefaling|forslag|framlegg))\s+(?:(?i:nr)\.?\s*)?)?"
                      r"(?P<num>\d{1,2}(?:\.\d{1,2})*)[.:]?\s+(?P<rest>[A-ZÆØÅÉÈÄÖÜ«\"].*)$")
"""A numbered line: '2.1 Felles kunnskapsgrunnlag', 'Tiltak 1.1 Ferjefri E39', 'Tiltak 3: Studietur', 'Anbefaling 1:
Arealregnskap for næring.'."""
PROSE_HEADINGS = frozenset({
    "innledning", "bakgrunn", "forord", "sammendrag", "oppsummering", "om handlingsprogrammet",
    "om dokumentet", "formål", "formål med handlingsprogrammet", "innhold", "innholdsfortegnelse",
    "leseveiledning", "vedlegg", "rammer og forutsetninger", "organisering", "økonomi", "budsjett",
    "visjon", "vår visjon", "rullering", "oppfølging og rullering", "økonomi og oppfølging", "rullering og oppfølging",
    "oppfølging av handlingsprogrammet", "oppfølging av planen",
})
"""Sections that describe the programme rather than list measures; their text is not measures."""
LABEL_HEADING = re.compile(
    r"^(?:innsatsområde|innsatsomr\.|tverrgående tema|tverrgåande tema|tema|satsingsområde|satsingsområde|fokusområde|"
    r"hovedområde|hovudområde|delområde|programområde|temaområde)\s*\d*\s*[:.–-]\s*(?P<name>[^.:]{2,80})$", re.IGNORECASE)
"""A label-style section heading ("Innsatsområde: Klima", "Tverrgående tema 2: Kraft"); every one starts a section."""
BODY_WINDOW = 20  # blocks to look ahead for a title's labelled lines


def is_labelled_number(block: Block) -> bool:
    """A line numbered under a measure's own word ("Anbefaling 1: …", "Forslag 3: …"): it titles a measure."""
    found = NUMBERED.match(block.text) if block.kind != "item" else None
    return bool(found and found["label"] and found["label"].lower() != "tiltak")


def number_and_text(block: Block) -> tuple[str | None, str]:
    """'2.1' and the title of a numbered block (an ordered-list item or a numbered line), else (None, text)."""
    if block.kind == "item":
        bullet = (block.bullet or "").rstrip(".)")
        return (bullet, block.text) if bullet[:1].isdigit() else (None, block.text)
    m = NUMBERED.match(block.text)
    return (m["num"], m["rest"]) if m else (None, block.text)


def _digit_item(block: Block, level: int) -> bool:
    return block.kind == "item" and block.level == level and (block.bullet or "")[:1].isdigit()


def is_agenda_item(blocks: list[Block], i: int) -> bool:
    """A numbered item that names a topic, with running text between it and its numbered neighbours:
    an agenda item of minutes ("2. Møtestruktur 2014" / "Tar sikte på møter …" / "3. …"), a section
    over the text below it, not a measure. An item that opens with a verb ("1. Etablere …") is left
    to the list rules."""
    block = blocks[i]
    words = block.text.split()
    if not _digit_item(block, block.level) or not words or len(words) > 15 or block.text.rstrip().endswith((".", "!")) \
            or verb_form(words[0].strip(",.:")) == "inf" \
            or any(MODAL.fullmatch(w) or verb_form(w.strip(",.:?")) in ("pres", "pass") for w in words[1:]):
        return False
    nxt = blocks[i + 1] if i + 1 < len(blocks) else None
    if nxt is None or nxt.kind != "text" or nxt.column is not None:
        return False
    after = next((j for j in range(i + 1, len(blocks)) if _digit_item(blocks[j], block.level)), None)
    if after is not None:
        return any(b.kind == "text" for b in blocks[i + 1:after])
    before = next((j for j in range(i - 1, -1, -1) if _digit_item(blocks[j], block.level)), None)
    return before is not None and any(b.kind == "text" for b in blocks[before + 1:i])


def is_labelled_line(text: str) -> bool:
    """A goal, partner/responsibility or deadline line ("Resultatmål: …", "Ansvar: …", "Frist: …")."""
    return bool(GOAL_AT_START.match(text) or PARTNER_AT_START.match(text) or DEADLINE_AT_START.match(text))


def has_labelled_body(blocks: list[Block], i: int) -> bool:
    """Block ``i`` is a title: before the next heading or numbered block, its body has labelled lines (not
    lines labelled under a list item of the body: "* Kartlegge …" + "  - Hvem: …" label that item), and no
    table follows them there (an area's heading + "Effektmål: …" + the table of its measures: the goal is the
    rows', the heading no measure's title)."""
    item_level, found = None, False
    for block in blocks[i + 1: i + 1 + BODY_WINDOW]:
        if block.column is not None:
            return False
        if block.kind == "heading" or number_and_text(block)[0]:
            return found
        labelled = is_labelled_line(block.text)
        if block.kind == "item" and not labelled and item_level is None:
            item_level = block.level
        if labelled and not found:
            if block.kind == "item" and item_level is not None and block.level > item_level:
                return False
            found = True
    return found


def has_numbered_children(blocks: list[Block], i: int, number: str) -> bool:
    """'2' is a section when the next numbered block is '2.1'."""
    for block in blocks[i + 1: i + 1 + BODY_WINDOW * 2]:
        num, _ = number_and_text(block)
        if num:
            return num.startswith(number + ".")
    return False


PARKED = re.compile(r"^(?:parkert|parkerte\s+\w+|ikke\s+prioritert|ikkje\s+prioritert|neste\s+steg|vid[ae]re\s+(?:prosess|arbeid)|"
                    r"(?:veien|vegen)\s+vid[ae]re|vid[ae]re(?=\s*:?\s*$)|"
                    r"til\s+neste\s+(?:gang|gong|møte))\b",
                    re.IGNORECASE)
"""Headings over what a group set aside ("Parkert / ikke prioritert nå") or over the process after the
meeting ("Neste steg", "Vidare arbeid", "Veien videre", a bare "Videre", nynorsk or bokmål): the items under them
are no measures."""


def is_prose_heading(text: str) -> bool:
    return heading_key(text) in PROSE_HEADINGS or bool(PARKED.match(text.strip()))


TASK_PROSE = frozenset({"organisering", "økonomi", "budsjett", "rammer og forutsetninger"})
"""Prose sections about how the programme is run: a sentence in them that gives a body its task
("Sekretariatet lagar ein årleg statusrapport …") is a measure. Parked items and next steps are not."""


MAX_TASK_WORDS = 40
"""The longest paragraph of such a section read as a task."""


def is_prose_task(section: tuple[str, ...], text: str) -> bool:
    """A paragraph of up to :data:`MAX_TASK_WORDS` words under a :data:`TASK_PROSE` heading whose subject is
    given a task (:func:`pipeline.nlp.owners.subject_owner`): a measure, though the section is prose."""
    return bool(section) and heading_key(section[-1]) in TASK_PROSE and len(text.split()) <= MAX_TASK_WORDS \
        and subject_owner(text) is not None


VISION_LABEL = re.compile(r"^(?:vår\s+)?visjon(?:en)?\s*:\s*\S", re.IGNORECASE)
"""A vision stated after a label ("Visjon: Vest-Telemark – ein levande region"): it and the running text
after it, up to the next list or heading, are no measures (SPEC: visions are not measures)."""
EMAIL_HEADER = re.compile(r"^(?:fra|sendt|til|kopi|emne|dato|from|sent|to|cc|subject|date)\s*:", re.IGNORECASE)
GREETING = re.compile(r"^(?:hei|hallo|heisann|god (?:morgen|dag)|kjære|hi|hello)\b[^.:]{0,40}[,!]?$", re.IGNORECASE)
LEAD_IN = re.compile(r"\b(?:her er|følgende|nedenfor|innspill(?:ene)?|forslag(?:ene)?|våre|"
                     r"(?:to|tre|fire|fem|nokre|noen)\s+(?:nye\s+)?tiltak)\b[^:]*:$", re.IGNORECASE)
"""'Her er innspillene fra vår gruppe:' introduces the list; it is not a measure."""


LOGISTICS = re.compile(
    r"^(?:neste|nytt|kommende|førstkommende|neste\s+ordinære)\s+(?:møte|møtet|samling|samlinga|samlingen|fagdag|"
    r"verkstad|verksted|arbeidsmøte|gruppemøte|styremøte|rådsmøte|møtedato|workshop)\b", re.IGNORECASE)
"""'Neste samling: 2. desember kl. 09.30 på Teams' - meeting logistics, never a measure."""


ATTENDANCE = re.compile(
    r"^(?:til\s+stede|til\s+stades|tilstede|deltakere|deltakarar|deltagere|møtt|møtte|forfall|fråvær|frafall|"
    r"referent|skrivar|ordstyrer|møteleder|møteleiar|møtested|møtestad|sted|stad|tid|dato|møtande|innkalt|innkalla|"
    r"observatør\w*|gjest\w*|varamedlem\w*|andre\s+til\s+(?:stede|stades)|dessut[ae]n\s+møtte|"
    r"fr[aå]\s+(?:administrasjonen|sekretariatet))\s*:", re.IGNORECASE)
"""'Til stades: …', 'Referent: …', 'Sted: …' - who met where and when, never a measure."""


def is_logistics(text: str) -> bool:
    return bool(LOGISTICS.match(text) or ATTENDANCE.match(text))


REMARK = re.compile(r"\b(?:ingen\s+konkrete\s+(?:forslag|tiltak|innspill|innspel)|(?:ble|vart|blei)\s+(?:nevnt|nemnt)"
                    r"|(?:ikke|ikkje)\s+tid\s+til|(?:ikke|ikkje)\s+(?:tatt|teke|teki)\s+stilling"
                    r"|ingen\s+(?:andre\s+|fleire\s+|flere\s+)?(?:merknader|kommentarer|innspill|innspel)"
                    r"|(?:er|er\s+vi|vi\s+er)\s+(?:samde|samd|enige|einige|einig|enig)\s+i"
                    r"|ser\s+fram\s+til\s+(?:vidare|videre|eit\s+godt|et\s+godt|fortsatt)\s+samarbeid"
                    r"|(?:takkar|takker)\s+for\s+(?:høvet|muligheten|moglegheita|anledningen)"
                    r"|(?:dokumentet|brevet)\s+er\s+elektronisk\s+godkjen[dt]"
                    r"|^(?:si|sei)\s+fr[ao]\s+(?:hvis|om|dersom|viss)|^(?:gi|gje)\s+(?:gjerne\s+)?beskjed\s+(?:hvis|om|dersom|viss)"
                    r"|\b(?:tatt|teke|tas|vart\s+teke)\s+til\s+(?:orientering|etterretning|vitande)"
                    r"|\b(?:utsettes|utsett|utsetjast|blir\s+utsatt)\s+til\s+(?:neste|seinare|senere)\s+møte"
                    r"|^(?:dere|de|dykk|du)\s+skriv(?:er)?\b|\b(?:synes|syns|meiner|mener)\s+vi\s+(?:at\s+)?utkastet\b"
                    r"|^(?:ta|tak)\s+gjerne\s+kontakt\b|^(?:ta|tak)\s+kontakt\s+(?:om|dersom|hvis|viss|ved)\s|^(?:ikke|ikkje)\s+nøl\b|^(?:har\s+du|dersom\s+du\s+har)\s+spørsmål"
                    r"|^spørsmål\s+(?:kan|om\s+\w+\s+kan)\s+rettes"
                    r"|\b(?:ønsker|ønskjer|vil)\s+vi\s+(?:gjerne\s+)?(?:å\s+)?(?:komme|kome)\s+med\s+(?:følgende|følgjande|nokre|noen)\s+"
                    r"(?:innspill|innspel|merknader|kommentarer|synspunkt\w*)"
                    r"|\b(?:sender|sendes|sendast|sendar)\s+(?:ut\s+)?(?:\w+\s+)?(?:forslaget|forslagene|forslaga|utkastet|"
                    r"oppsummering\w*|referat\w*|notat\w*|innspillene|innspela)\b"
                    r"|\bber\s+(?:om\s+)?(?:\w+\s+){0,2}(?:(?:å\s+)?(?:sende|kome|komme)\s+(?:med\s+)?)?(?:innspill|innspel)\b)",
                    re.IGNORECASE)
"""A remark about the discussion or the draft, not a proposal: 'ingen konkrete forslag', 'X ble nevnt, men …',
'Ellers har vi ingen merknader', 'Elles er vi samde i at …', and a letter's courtesies ('takkar for høvet …',
'ser fram til vidare samarbeid', 'Dokumentet er elektronisk godkjent'), and the process around a draft
('Si fra hvis noe er uklart', 'Ta gjerne kontakt om noko er uklart', 'regionrådet ber kommunene sende
innspill …', 'Sekretariatet sender forslagene på høring', 'Marius sender notatet til gruppa', a letter's '… ønsker vi å komme med
følgende innspill til høringen'), what minutes note or put off ('Tatt til orientering', 'utsettes til neste møte') and a reply's
references to the draft ('Dere skriver at …', 'Ellers synes vi utkastet er …')."""


REPORTED = re.compile(r"^[A-ZÆØÅ][\w.-]*(?:\s+(?!som\b|at\b)(?:og\s+)?[\w.-]+){0,3}?\s+(?:minnet|minte|orienterte|informerte|opplyste|"
                      r"fortalte|påpekte|understreket|understreka|redegjorde|la\s+fram|la\s+frem|gjekk\s+gjennom|"
                      r"gikk\s+gjennom)\b")
"""What minutes report someone said or showed ("Sortland minnet om at påmeldingen åpner i mars", "Hadsel og Bø la
fram et notat om …", "Kommunalsjefen orienterte om kartlegginga"): a record of the meeting, not a measure."""


DISCUSSED = re.compile(r"\b(?:ble|blei|vart|er)\s+(?:\w+\s+){0,2}(?:diskutert|drøftet|drøfta|tatt\s+opp|teke\s+opp|"
                       r"gjennomgått|gått\s+gjennom|presentert|orientert\s+om)\s*:$|^(?:dagsorden|saksliste|sakliste|agenda)\s*:$",
                       re.IGNORECASE)
"""'Følgende ble diskutert:', 'Saksliste:': the items below name topics of a meeting, not measures."""


def lists_meeting_topics(text: str) -> bool:
    """A lead-in over the topics a meeting discussed or will discuss (:data:`DISCUSSED`)."""
    return bool(DISCUSSED.search(text.strip()))


def is_remark(text: str) -> bool:
    """A remark about the discussion or the draft (:data:`REMARK`) or a report of what someone said (:data:`REPORTED`)."""
    reported = REPORTED.match(text) is not None and verb_form(text.split()[0]) not in ("inf", "imp")
    return bool(REMARK.search(text)) or reported


CASE_HEADING = re.compile(r"^(?:(?:sak|ps|rs|os|saksnr\.?)\s*(?:nr\.?\s*)?\d{1,4}\s*/\s*\d{2,4}\b"
                          r"|sak\s*(?:nr\.?\s*)?\d{1,3}\s*[:.)]?(?:\s+[^.!?]{1,60}[.:]?)?\s*$)", re.IGNORECASE)
"""A case in minutes ("Sak 4/25 Uttalelse om Nordlandsbanen", "PS 12/2025", "Sak nr 12/12", "SAK 2: Kommunebesøk",
"Sak 1. Dugnad"): a section. A numbered case whose line goes on to report it ("Sak 1: Lekkasje på skolen, rektor
tidlig ute med info. Skolen driftes …") is the report, not a heading."""
_DECISION_WORDS = r"(?:(?:enstemmig\s+|endelig\s+)?vedtak|konklusjon|oppfølging|oppfølgingspunkt(?:er)?)"
DECISION_LABEL = re.compile(rf"^(?:{_DECISION_WORDS}|forslag\s+til\s+vedtak|innstilling)\s*:?$", re.IGNORECASE)
"""'Vedtak:' standing alone over a case's decisions."""
DECISION_START = re.compile(rf"^{_DECISION_WORDS}\s*:\s*\S", re.IGNORECASE)
"""'Oppfølging: Daglig leder reviderer …' - a decision or follow-up that starts a candidate of its own."""
FOLLOW_UP = re.compile(r"^(?:oppfølging|oppfølgjing|aksjon|aksjonspunkt|action)\s*:\s*\S", re.IGNORECASE)
"""'Oppfølging: sekretariatet sender …' - a follow-up line of minutes; with an owner as its subject, a measure."""


def minutes_heading(text: str) -> int | None:
    """The section level of a case heading (1) or a decision label (2) in minutes, else None."""
    if CASE_HEADING.match(text):
        return 1
    return 2 if DECISION_LABEL.match(text.strip()) else None


def is_email_header(blocks: list[Block], i: int) -> bool:
    """'Fra:', 'Til:', 'Emne:' … in a run of at least two such lines, or the line over a quoted reply."""
    if REPLY_HEADER.match(blocks[i].text.strip()) and len(blocks[i].text.split()) <= 25:
        return True
    if not EMAIL_HEADER.match(blocks[i].text):
        return False
    return any(0 <= j < len(blocks) and EMAIL_HEADER.match(blocks[j].text) for j in (i - 1, i + 1))


def is_greeting(text: str) -> bool:
    return bool(GREETING.match(text))




LEAD_IN_START = re.compile(r"^(?:her|vedlagt|nedanfor|nedenfor)\s+(?:er|kjem|kommer|følger|følgjer|sender)\b[^.]{0,60}?"
                           r"\b(?:innspill|innspel|punkt|forslag|kommentar|merknad|synspunkt)\w*", re.IGNORECASE)
"""'Her kjem innspela frå Vågå, …' opens a message's list; it is not a measure."""


DECISION = re.compile(r"\b(?:vedtok|vedtar|vedtek|vedtatt|foreslås|bevilger|bevilges|bevilget|bevilga|"
                      r"løyver|løyvde|går\s+(?:helt\s+eller\s+delvis\s+)?vidare|går\s+(?:helt\s+eller\s+delvis\s+)?videre|"
                      r"prioriterer|prioriteres|iverksettes|iverksett|settes\s+i\s+gang)\b", re.IGNORECASE)


def is_decision_lead_in(text: str) -> bool:
    """A lead-in that decides or proposes what its list holds ("Formannskapet vedtok 11 tiltak:", "Det
    foreslås 23,5 millioner kroner til:"): an umbrella measure over the list, not a section."""
    return text.rstrip().endswith(":") and bool(DECISION.search(text)) and len(text.split()) <= 40


def is_lead_in(text: str) -> bool:
    return (bool(LEAD_IN.search(text)) or bool(LEAD_IN_START.match(text))) and len(text.split()) <= 25 \
        and not is_decision_lead_in(text)


EXAMPLE_INTRO = re.compile(r"(?:\b(?:f\.?\s?eks|eks|for eksempel|eksempelvis|blant annet|bl\.\s?a)\.?|\btemaer|\bfagtema|\btema)\s*:$",
                           re.IGNORECASE)
COURSE = re.compile(r"\b(?:\w*kurs\w*|\w*opplæring\w*|seminar\w*|fagdag\w*|webinar\w*|konferanse\w*|workshop\w*)",
                    re.IGNORECASE)


CONTENTS_INTRO = re.compile(
    r"\b(?:omfatte|omfatta|femne\s+om|inneholde|innehalde|innehalda|vise|dekke|dekkje|inkludere|ta\s+med|"
    r"ta\s+for\s+seg|handle\s+om|gjelde|se\s+på|kartlegge|kartleggje|beskrive|skildre)\s*:?$",
    re.IGNORECASE)


def lists_contents(measure_text: str) -> bool:
    """A measure whose text ends by announcing what it will cover ("Kartleggingen bør vise:",
    "Kunnskapsgrunnlaget bør innehalde:"): the items under it are its contents, part of its text."""
    return bool(CONTENTS_INTRO.search(measure_text.rstrip()))


def lists_topics(measure_text: str) -> bool:
    """A course or seminar whose text ends "…, eks:" / "Temaer:": the items under it are its topics,
    part of its text, not measures of their own ("Lage godt kurs … Fagtema: …, eks:")."""
    text = measure_text.rstrip()
    return bool(EXAMPLE_INTRO.search(text)) and bool(COURSE.search(text))

