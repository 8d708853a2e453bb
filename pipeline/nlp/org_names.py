"""Organisations the gazetteer does not know, told by the shape of their names in running text: a run of
capitalised words that ends in an organisation's head word ("Frogn Friluftsforum", "Sunnhordland
Næringsråd", "Skien Næringsfond AS", "Molde og Romsdal Havn", "Sogn regionråd"), a "Visit <Place>"
destination company, or one capitalised word made on such a head inside a sentence ("samarbeid med
Skiforeningen"). Kept as written (SPEC: organisations outside the gazetteer keep their written name).

A word at the start of a sentence is not taken alone: there it is mostly the writer's own body, the
subject of its decision ("Idrettsrådet ber om ..."), not a partner.
"""
from __future__ import annotations

import re

from pipeline.models import PartnerMention
from pipeline.nlp.doc import Doc, Token

HEAD = re.compile(
    r"(?:forum|foreningen|forening|foreininga|laget|lag|næringsråd|regionråd|fond|fondet|museum|museet|menighet|"
    r"klyngen|nemnda|havn|hamn|kontor|kontoret|stiftelsen|stiftelse|samband|kraft|utviklingsselskap|"
    r"næringsselskap|næringshage|næringshagen|kunnskapspark|vitensenter|turistkontor)$", re.IGNORECASE)
"""How the last word of an organisation's name ends."""
LONE = re.compile(r"^[A-ZÆØÅ][a-zæøå]+(?:foreningen|laget|museet|nemnda|klyngen|fondet|stiftelsen|næringshagen)$")
"""One capitalised word that names a body by itself: "Skiforeningen", "Utmarkslaget", "Villreinnemnda"."""
LOWER_HEADS = frozenset({
    "regionråd", "næringsråd", "idrettsråd", "menighet", "sokn", "sokneråd", "idrettslag", "historielag", "sogelag",
    "bygdelag", "grendalag", "ungdomslag", "sanitetslag", "skytterlag", "turlag", "velforening", "vel",
    "næringsforening", "pensjonistforening", "sanitetsforening", "bondelag", "friluftsråd"})
"""Lower-case words that end a body's name after the place it serves: "Sogn regionråd", "Klæbu menighet"."""
SUFFIXES = frozenset({"AS", "IKS", "SA", "BA"})
JOINERS = frozenset({"i", "på", "for"})
SENTENCE_END = frozenset({".", "!", "?", ":", ";", "\n", "•", "-", "–"})
"""Tokens after which a sentence, a line or a list item begins."""


def named_orgs(doc: Doc) -> list[PartnerMention]:
    """Organisation-shaped names in ``doc`` outside its entities, as written."""
    out: list[PartnerMention] = []
    tokens = list(doc)
    i = 0
    while i < len(tokens):
        span = _name_at(tokens, i)
        if span is None:
            i += 1
            continue
        begin, end = span
        name = " ".join(t.text for t in tokens[begin:end])
        out.append(PartnerMention(partner=name, partner_type="ukjent", mention=name, source="text"))
        i = end
    return out


def _name_at(tokens: list[Token], start: int) -> tuple[int, int] | None:
    """(begin, end) of an organisation's name in the capitalised run starting at ``start``, or None."""
    first = tokens[start]
    if first.ent_type_ or not _capitalised(first) or (start and _capitalised(tokens[start - 1])):
        return None
    words = _run(tokens, start)
    begin = start
    initial = opens_sentence(tokens, start)
    if initial and len(words) > 1 and _common_word(first.text):
        words, begin, initial = words[1:], start + 1, False  # "Kontakte Frogn Friluftsforum"
    if not words or words[0].text in JOINERS:
        return None
    end, last = begin + len(words), words[-1].text
    if words[0].text == "Visit" and len(words) >= 2:
        return begin, end
    if len(words) >= 2 and (last in SUFFIXES or HEAD.search(last)):
        return begin, end
    if len(words) == 1 and not initial and LONE.match(last):
        return begin, end
    return None


def _run(tokens: list[Token], start: int) -> list[Token]:
    """The capitalised words from ``start`` on, with "i"/"på"/"for" between them and a lower-case head
    word after a place ("Sogn regionråd")."""
    words = [tokens[start]]
    for k in range(start + 1, len(tokens)):
        tok = tokens[k]
        if tok.ent_type_:
            break
        if _capitalised(tok) or tok.text in SUFFIXES:
            words.append(tok)
        elif tok.text in JOINERS and k + 1 < len(tokens) and _capitalised(tokens[k + 1]) \
                and not tokens[k + 1].ent_type_:
            words.append(tok)
        else:
            if tok.text in LOWER_HEADS and len(words) <= 3:
                words.append(tok)
            break
    while words and words[-1].text in JOINERS:
        words.pop()
    return words


def opens_sentence(tokens: Doc | list[Token], i: int) -> bool:
    """Token ``i`` begins the text, a sentence, a line or a list item."""
    return i == 0 or tokens[i - 1].text in SENTENCE_END


def _common_word(text: str) -> bool:
    """A capitalised word that is a Norwegian word, not a name ("Kontakte", "Vi", "Det")."""
    from pipeline.nlp.lemmas import is_word
    from pipeline.nlp.wordclass import verb_form

    low = text.lower()
    return verb_form(low) is not None or is_word(low)


def _capitalised(token: Token) -> bool:
    text = token.text
    return len(text) > 1 and text[0].isupper() and text[1:2].islower() and text.replace("-", "").isalpha()
