"""Text helpers shared by the PDF, DOCX and HTML parsers.

Pure functions: NFC + whitespace cleanup, bullet glyph recognition, line joining with Norwegian-aware
hyphenation, column roles from table header text, goal/partner label lines, and the row ordering rule
(goal/partner blocks after the measure block they belong to).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from typing import Iterable, Sequence

from pipeline.models import Block, ColumnRole

# Glyphs Word, LibreOffice and typists use for bullets (private-use ones come from Symbol/Wingdings).
SYMBOL_BULLETS = "•●▪■◦○◆◇►▶➢➤✓✔·∙‣⁃\uf0b7\uf0a7\uf076\uf0d8\uf0fc\uf0a8\uf06e\uf0e0\uf02d"
_SYMBOL_RE = re.compile(rf"^\s*([*{re.escape(SYMBOL_BULLETS)}])\s*(?=\S)")
_WORD_BULLET_RE = re.compile(r"^\s*([o\-–—>])\s+(?=\S)")
_MONTHS = ("jan", "feb", "mar", "apr", "mai", "jun", "jul", "aug", "sep", "okt", "nov", "des",
           "halvår", "kvartal", "tertial")  # "1. halvår 2027" is a period, no numbered item
_ENUM_RE = re.compile(r"^\s*(\d{1,2}(?:\.\d){1,3}\.?(?=\s)|\d{1,2}[.)]|[a-zA-Z][)]|\(?[ivxIVX]{1,4}\)|[A-Z][.]|[a-z][.](?=\s+(?!fl\.|eks)[^\W\d]{2}))(?:\s+(?=\S)|(?<=\d\.)(?=[A-ZÆØÅ][a-zæøå]))")
# "1.1", "2.3.1": numbered sub-items (a clock time "12.10" is none); "10.Tilby": a two-digit number glued
# to its item (word processors put the text at the list's tab stop, which a wide number overruns)

# Default nesting hint per glyph when there is no indentation or list metadata.
GLYPH_LEVEL: dict[str, int] = {"*": 0, "•": 0, "●": 0, "\uf0b7": 0, "o": 1, "◦": 1, "○": 1,
                               "\uf0a7": 2, "▪": 2, "■": 2, "-": 2, "–": 2, "—": 2}

_HEADER_ROLES: tuple[tuple[ColumnRole, tuple[str, ...]], ...] = (
    ("goal", ("resultat", "effekt", "mål", "maal", "målsetting", "indikator", "måloppnåelse")),
    ("responsible", ("ansvar", "eier", "hvem", "kven")),
    ("partner", ("partner", "partnar", "samarbeid", "aktør", "involvert", "deltaker", "deltakar")),
    ("deadline", ("frist", "tidsplan", "tidspunkt", "tidsramme", "når", "periode", "år", "dato", "tid")),
    ("theme", ("innsatsområde", "tverrgående", "tema", "område", "satsing", "fokusområde")),
    ("measure", ("tiltak", "aktivitet", "handling", "beskrivelse", "skildring", "prosjekt", "hva", "kva")),
)
_STATUS_HEADER = re.compile(r"^(?:status\w*|kommentar\w*|merknad\w*|neste\s+steg|framdrift|fremdrift)$", re.IGNORECASE)
"""Headers of a status table's other columns ("Status", "Kommentar", "Neste steg"): no role of their own, but
evidence that the row above the rows is a header."""
_NUMBER_HEADER = re.compile(r"^(?:nr\.?|no\.?|#|id|løpenr\.?|ref\.?)$", re.I)

GOAL_PHRASES = r"(?:forventet|forventede|ønsket|ønskede)\s+(?:resultat|effekt)\w*|delmål|hovedmål"
"""Goal labels of formal programmes ("Forventet resultat:", "Ønsket effekt:"), shared with the segmenter."""
PARTNER_PHRASES = r"(?:i\s+)?samarbeid\s+med|eier|hvem"
"""Partner labels beyond the partner/ansvar words ("I samarbeid med:", "Hvem:"), shared with the segmenter."""
DEADLINE_WORDS = r"\w*frist|når|tidspunkt|tidsramme|tidsrom|tidsplan|periode"
"""Deadline labels ("Frist:", "Tidsrom:", "Periode:"), shared with the segmenter."""


def with_transpositions(word: str) -> str:
    """A regex alternative for ``word`` and every spelling with two adjacent letters swapped, the
    commonest typo in hand-typed labels ("Reslutatmål")."""
    swaps = {word[:i] + word[i + 1] + word[i] + word[i + 2:] for i in range(len(word) - 1)}
    return "(?:" + "|".join(sorted({word, *swaps}, key=len, reverse=True)) + ")"


GOAL_LABEL_RE = re.compile(
    rf"^\s*({with_transpositions('resultat')}\w*|effekt\w*|mål(?:/effekt)?|målsetting\w*|{GOAL_PHRASES})\s*:", re.I)
PARTNER_LABEL_RE = re.compile(rf"^\s*(partner\w*|samarbeidspartner\w*|ansvar\w*|aktører|{PARTNER_PHRASES})\s*:", re.I)


def clean_text(text: str) -> str:
    """NFC-normalise, replace odd spaces/soft hyphens, collapse whitespace, strip."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\u00ad", "").replace("\u200b", "").replace("\ufeff", "")
    return " ".join(text.split())  # = re.sub(r"\s+", " ", text).strip(): both split at str.isspace


def split_bullet(text: str) -> tuple[str | None, str]:
    """Split a leading bullet glyph or enumerator off ``text``: ``"* Tekst"`` -> ``("*", "Tekst")``.

    Symbol glyphs are normalised (Word's U+F0B7 -> "•"); "o", "-" and "–" count only when followed by
    a space; enumerators ("1.", "a)", "A)") must not be a date ("29. august").
    """
    m = _SYMBOL_RE.match(text)
    if m:
        glyph = m.group(1)
        return normalise_glyph(glyph), text[m.end():].strip()
    m = _WORD_BULLET_RE.match(text)
    if m:
        return normalise_glyph(m.group(1)), text[m.end():].strip()
    m = _ENUM_RE.match(text)
    if m:
        rest = text[m.end():].strip()
        if not (m.group(1)[0].isdigit() and rest.lower().startswith(_MONTHS)):
            return m.group(1), rest
    return None, text.strip()


def normalise_glyph(glyph: str) -> str:
    """Map private-use and look-alike bullet glyphs to a small set: • o ▪ - * >."""
    if glyph in "\uf0b7●·∙‣⁃":
        return "•"
    if glyph in "\uf0a7■\uf06e":
        return "▪"
    if glyph in "◦○\uf0a8":
        return "o"
    if glyph in "–—\uf02d":
        return "-"
    if glyph in "►▶➢➤\uf0d8\uf0e0\uf076":
        return ">"
    return glyph


def glyph_level(glyph: str | None) -> int:
    """Nesting depth hint for a bullet glyph (used only when layout gives no indentation)."""
    if glyph is None:
        return 0
    if glyph[0].isdigit():
        return glyph.rstrip(".)").count(".")  # "1." 0, "1.1" 1, "1.1.1" 2
    if glyph[0].isalpha() and len(glyph) > 1:
        return 1
    return GLYPH_LEVEL.get(glyph, 0)


SUSPENDED_BEFORE = ("og", "eller", "samt", "&")
"""Words after which a line-final "word-" is a suspended compound ("by-" + "og tettsted" -> "by- og tettsted")."""


def join_lines(lines: Iterable[str]) -> str:
    """Join wrapped lines of one paragraph into one string.

    What a line-final hyphen means depends on who drew it; the rule follows what the renders in
    ``tests/corpus/layouts`` and the corpus texts contain:

    - **The renderer's own hyphen** (a word broken where the source has a soft hyphen U+00AD, or by
      hyphenation): Chromium draws it as U+2010 HYPHEN, never as the typed "-" (PDFium and pdfminer both
      report U+2010; every line-final U+2010 in the renders comes from a soft hyphen in the source,
      "samarbeids‐"/"partnere", "novem‐"/"ber"). It is dropped and the word rejoined ("november"); so is
      a drawn U+00AD. A U+2010 inside a line is a hyphen and becomes "-".
    - **A typed hyphen** "word-" (U+002D; PDFium reports it as a soft hyphen at every line end, the glyph
      is "-"): kept, the next line joined without a space ("EU-"/"midler" -> "EU-midler", "IKT-"/
      "løsning" -> "IKT-løsning"): in Norwegian a typed hyphen in a compound is meaningful.
    - **A suspended compound**: before og/eller/samt/& or ","/"/" the space is kept ("by-"/"og" ->
      "by- og"). A renderer breaks "samfunns- og" at the space and "samfunns-og" at the hyphen, and
      Chromium draws no trailing space, so the two cannot be told apart; the corpus texts write "X- og"
      (with og/eller/samt) 76 times, "X-og" 3 times, so the space is kept.
    - A lone dash at a line end joins the next word ("-"/"teste" -> "-teste").

    LibreOffice draws a soft-hyphen break as a plain "-" (indistinguishable from a typed hyphen: kept) and
    draws trailing spaces, which the word extraction drops; none of the renders hyphenates automatically
    (no hyphenation dictionaries are installed for either engine).
    """
    out = ""
    join_pending = False
    for raw in lines:
        tail = raw.rstrip()
        soft = tail.endswith("\u00ad") or (tail.endswith("\u2010") and len(tail) > 1 and tail[-2].isalnum())
        line = clean_text(tail[:-1] if soft else tail).replace("\u2010", "-")
        if not line:
            continue
        if not out:
            out = line
        elif out.endswith((" -", " –")) or out in ("-", "–") or join_pending:
            out = out + line
        elif out.endswith("-") and len(out) > 1 and out[-2].isalnum():
            first = line.split(" ", 1)[0]
            if first.lower().strip(",.") in SUSPENDED_BEFORE or first[:1] in ",/":
                out = f"{out} {line}"
            else:
                out = out + line
        else:
            out = f"{out} {line}"
        join_pending = soft
    return clean_text(out)


def column_role(header: str) -> ColumnRole:
    """Column role from a header cell's text ("Resultat- og effektmål" -> "goal"); "other" if unknown."""
    text = clean_text(header).lower()
    if not text:
        return "other"
    words = re.findall(r"[a-zæøå]+", text)
    if any(w.startswith(("partner", "samarbeid")) for w in words) and any(w.startswith("ansvar") for w in words):
        return "partner"  # "Ansvar/partnere": owners and partners in one column are kept as partners
    for role, keys in _HEADER_ROLES:
        for key in keys:
            if len(key) <= 3 and key != "mål":
                if key in words:
                    return role
            elif any(w.startswith(key) or key in w for w in words):
                return role
    return "other"


def header_roles(cells: Sequence[str]) -> list[ColumnRole] | None:
    """Roles for a header row, or None when the row does not look like a header (needs a measure-ish
    column and at least one other known role)."""
    roles = [column_role(c) for c in cells]
    known = [r for r in roles if r != "other"] + [c for c in cells if _STATUS_HEADER.match(clean_text(c))]
    if len(known) < 2 or len(cells) < 2:
        return None
    if "measure" not in roles:
        # "Mål | Ansvar" alone is not a measure table: the first unknown column that is not a running
        # number ("Nr", "#") holds the measures.
        free = [i for i, r in enumerate(roles) if r == "other" and not _NUMBER_HEADER.match(clean_text(cells[i]))]
        if not free:
            return None
        roles[free[0]] = "measure"
    # Several theme columns: keep the first, later ones -> other. Other roles may take several columns
    # ("Tiltak | Beskrivelse", "Resultatmål | Effektmål", "Ansvar | Partnere"); their cells add up.
    seen: set[str] = set()
    for i, r in enumerate(roles):
        if r in seen and r == "theme":
            roles[i] = "other"
        seen.add(r)
    return roles


def is_number_header(text: str) -> bool:
    """A running-number column's header ("Nr", "Nr.", "#", "ID")."""
    return bool(_NUMBER_HEADER.match(clean_text(text)))


_GENERIC_LABEL_RE = re.compile(r"^[\w\-/' ]{2,40}:$")


def is_generic_label(text: str) -> bool:
    """A short stand-alone "Something:" line that introduces the lines below it."""
    t = clean_text(text)
    return bool(_GENERIC_LABEL_RE.match(t)) and len(t.split()) <= 4 and split_bullet(t)[0] is None


def is_label_only(text: str) -> bool:
    """True for a bare label line such as "Resultatmål:" or "Effektmål:" (kept as its own block)."""
    t = clean_text(text)
    return bool(t.endswith(":") and len(t) <= 40 and (GOAL_LABEL_RE.match(t) or PARTNER_LABEL_RE.match(t)))


@dataclass(frozen=True)
class Cell:
    """Blocks of one table cell before ordering: ``key`` is the vertical position of each block."""

    role: ColumnRole
    blocks: tuple[tuple[tuple[float, float], Block], ...]


FOLLOWERS: tuple[str, ...] = ("goal", "partner", "responsible", "deadline", "other")


def order_row(cells: Sequence[Cell], by_position: bool) -> list[Block]:
    """Reading order for one table row: theme blocks, then each measure block followed by the goal,
    partner, deadline and other blocks that belong to it.

    With ``by_position`` (PDF) a follower belongs to the last measure block starting at or above it
    (small tolerance); otherwise (DOCX/HTML/text tables) followers come after the row's last outermost
    measure block: a cell holding a measure and its sub-items has its goals on the measure.
    """
    themes = [b for c in cells if c.role == "theme" for _, b in c.blocks]
    measures = [(k, b) for c in cells if c.role == "measure" for k, b in c.blocks]
    followers = [(FOLLOWERS.index(c.role) if c.role in FOLLOWERS else 3, k, b)
                 for c in cells if c.role != "theme" and c.role != "measure" for k, b in c.blocks]
    measures.sort(key=lambda kb: kb[0])
    top = min((b.level for _, b in measures), default=0)
    last_top = max((i for i, (_, b) in enumerate(measures) if b.level == top), default=0)
    attached: dict[int, list[tuple[int, tuple[float, float], Block]]] = {i: [] for i in range(len(measures))}
    tail: list[tuple[int, tuple[float, float], Block]] = []
    for col, key, block in followers:
        if not measures:
            tail.append((col, key, block))
            continue
        idx = last_top
        if by_position:
            idx = 0
            for i, (mkey, _) in enumerate(measures):
                if (mkey[0], mkey[1] - 2.0) <= key:
                    idx = i
        attached[idx].append((col, key, block))
    out: list[Block] = list(themes)
    for i, (_, block) in enumerate(measures):
        out.append(block)
        out.extend(b for _, _, b in sorted(attached[i], key=lambda t: (t[0], t[1])))
    out.extend(b for _, _, b in sorted(tail, key=lambda t: (t[0], t[1])))
    return out


def nest_under_lead(blocks: Sequence[Block]) -> list[Block]:
    """One measure cell: list items after a plain lead line ("Restaurere myr", then "• pilot i Asker")
    are its sub-items, one level deeper (as a PDF shows by indentation)."""
    if not blocks or blocks[0].kind != "text" or not any(b.kind == "item" and b.level == 0 for b in blocks[1:]):
        return list(blocks)
    return [blocks[0], *(replace(b, level=b.level + 1) if b.kind == "item" else b for b in blocks[1:])]


def theme_heading_levels(blocks: list[Block]) -> list[Block]:
    """Theme-column headings are level 2 under section rows; level 1 when the table has no section rows."""
    if any(b.column == "theme" and b.level == 1 for b in blocks):
        return blocks
    return [replace(b, level=1) if b.column == "theme" and b.kind == "heading" else b for b in blocks]


def with_row(blocks: Iterable[Block], row: int) -> list[Block]:
    """Return copies of ``blocks`` carrying table row index ``row``."""
    return [replace(b, row=row) for b in blocks]
