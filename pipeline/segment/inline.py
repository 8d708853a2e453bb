"""Blocks cut finer before segmenting. Numbered items that run together inside one paragraph ("… desse oppgåvene: 1. Fremja … 2. Fremja …
3. Vera …"), as PDF transcripts and pasted text flatten ordered lists, become one block per item.

Only a run of at least three numbers counting up from 1 is split, so dates ("1. januar"), section
numbers ("1.1 Samferdsle") and a lone "2." inside a sentence stay as they are. Long prose paragraphs
are cut into sentences (measures in letters, minutes and news are sentences); the confidence model then
tells which sentences are measures.
"""
from __future__ import annotations

import re
from dataclasses import replace

from pipeline.models import Block, ColumnRole
from pipeline.nlp.wordclass import verb_form
from pipeline.parse.text_flat import flat_header_roles
from pipeline.segment.features import MODAL
from pipeline.segment.arrows import arrow_actions
from pipeline.segment.labels import LATER_LABEL
from pipeline.segment.row_cells import split_row_cells
from pipeline.segment.clauses import sentences, split_item_sentences
from pipeline.segment.run_together import split_run_together
from pipeline.segment.structure import is_prose_heading

MARK = re.compile(r"(?:(?<=\s)|^)(\d{1,2})[.)]\s+(?=[A-ZÆØÅa-zæøå«\"])")
MIN_ITEMS = 3


def _run_from_one(text: str) -> list[re.Match[str]]:
    """The longest chain of marks numbered 1, 2, 3, … in reading order."""
    best: list[re.Match[str]] = []
    marks = list(MARK.finditer(text))
    for start, m in enumerate(marks):
        if m[1] != "1":
            continue
        chain = [m]
        for nxt in marks[start + 1:]:
            if int(nxt[1]) == int(chain[-1][1]) + 1:
                chain.append(nxt)
        if len(chain) > len(best):
            best = chain
    return best


def split_inline_numbered(block: Block) -> list[Block]:
    """The block as a lead text and one item per number, or unchanged when it holds no such run."""
    if block.column not in (None, "measure") or block.kind == "heading":
        return [block]
    chain = _run_from_one(block.text)
    if len(chain) < MIN_ITEMS:
        return [block]
    out = []
    lead = block.text[: chain[0].start()].strip()
    if lead:
        out.append(replace(block, text=lead))
    ends = [m.start() for m in chain[1:]] + [len(block.text)]
    for m, end in zip(chain, ends):
        item = block.text[m.end(): end].strip()
        if item:
            out.append(replace(block, text=item, kind="item", level=block.level + (1 if lead else 0),
                               bullet=f"{m[1]}.", gap_before=0))
    return out[:-1] + _prose_after(out[-1]) if out and out[-1].kind == "item" else out


PROSE_LABEL = re.compile(r"\s(?P<label>[A-ZÆØÅ][a-zæøå]+(?:\s+[a-zæøå]+){0,3})\s*:\s+(?=\S)")


def _prose_after(item: Block) -> list[Block]:
    """The last item of an inline run, cut where the paragraph goes on under a prose label ("4. Bedre prestasjoner
    på nasjonale prøver Bakgrunn: fysisk aktivitet …"): the label is a heading over the text after it, as a
    "Bakgrunn" heading on its own line is, so the background is not read as the item's words or as measures."""
    m = next((m for m in PROSE_LABEL.finditer(item.text) if is_prose_heading(m["label"])), None)
    if m is None:
        return [item]
    rest = item.text[m.end():].strip()
    return [replace(item, text=item.text[:m.start()].strip()),
            Block(m["label"], kind="heading", level=1, line=item.line, page=item.page),
            *([Block(rest, line=item.line, page=item.page)] if rest else [])]


ROW = re.compile(r"^(?P<num>\d{1,3})\s+(?=[A-ZÆØÅ«\"])")
ROW_GAP = 3  # at most this many lines between row N and row N+1: wrapped cells or one section row


def number_rows(blocks: list[Block]) -> list[Block]:
    """Table rows flattened to lines that start with a row number counting up from 1 ("1 Tiltaksplan …
    Landbrukskontoret 30.06.2026", "2 Felles …"): each row becomes one numbered item, the lines wrapped
    under it (no blank line before them) joined to it. Numbered section headings ("1 Innledning" with a
    body and "1.1" children between them) are far apart and stay as they are."""
    rows = _row_chain(blocks)
    if len(rows) < MIN_ITEMS:
        return blocks
    header = _header_before(blocks, min(rows))
    out: list[Block] = []
    current: Block | None = None
    first, last = min(rows), max(rows)
    for i, block in enumerate(blocks):
        if first < i < last and i not in rows and block.gap_before and _section_row(block):
            current = None
            out.append(replace(block, kind="heading", level=1))
        elif i in rows:
            current = replace(block, text=block.text[ROW.match(block.text).end():], kind="item", level=0,
                              bullet=f"{rows[i]}.")
            out.append(current)
        elif current is not None and block.kind == "text" and block.column is None and not block.gap_before:
            current = replace(current, text=f"{current.text} {block.text}")
            out[-1] = current
        else:
            current = None
            out.append(block)
    return [cell for block in out for cell in _row_cells(block, header)] if header else out


def _header_before(blocks: list[Block], first: int) -> tuple[list[ColumnRole], list[str]] | None:
    """The later columns' (roles, names) of a header line of column names just above the first row
    ("Nr Tiltak Ansvar Frist Status"), or None."""
    for block in blocks[max(0, first - 3): first]:
        roles = flat_header_roles(block.text.strip()) if block.column is None else None
        if roles:
            k = roles.index("measure") + 1
            return roles[k:], block.text.split()[k:]
    return None


def _row_cells(block: Block, header: tuple[list[ColumnRole], list[str]]) -> list[Block]:
    """A numbered row as its measure and the later cells told apart from the right (:mod:`row_cells`)."""
    if block.kind != "item" or not block.bullet:
        return [block]
    text, cells = split_row_cells(block.text, *header)
    if not cells:
        return [block]
    return [replace(block, text=text), *(replace(block, text=cell, kind="text", column=role, gap_before=0)
                                          for role, cell in cells)]


def _section_row(block: Block) -> bool:
    """A short line standing alone between rows: a section row ("Areal og næring")."""
    words = block.text.split()
    return block.kind == "text" and 0 < len(words) <= 6 and not block.text.rstrip().endswith((".", ",", ";", ":"))


def _row_chain(blocks: list[Block]) -> dict[int, int]:
    """Block index -> row number of the longest run 1, 2, 3, … of row lines close to each other."""
    best: dict[int, int] = {}
    for start, block in enumerate(blocks):
        m = ROW.match(block.text) if block.kind == "text" and block.column is None else None
        if not m or m["num"] != "1":
            continue
        chain, last = {start: 1}, start
        for j in range(start + 1, len(blocks)):
            if j - last > ROW_GAP + 1 or NESTED.match(blocks[j].text):
                break
            nxt = ROW.match(blocks[j].text) if blocks[j].kind == "text" and blocks[j].column is None else None
            if nxt and int(nxt["num"]) == len(chain) + 1:
                chain[j], last = len(chain) + 1, j
        if len(chain) > len(best):
            best = chain
    return best


YEAR_ROW = re.compile(r"^(?P<year>(?:19|20)\d\d(?:\s*[-–/]\s*(?:19|20)?\d\d)?)\s+(?=[A-ZÆØÅ«\"])")
MIN_YEAR_ROWS = 3


def year_rows(blocks: list[Block]) -> list[Block]:
    """Lines of a table flattened to text whose first column is a year ("2023 Tematiske workshops …",
    "2024 Korte prosjekter …"): at least three such lines in a row with no blank line between are table
    rows, the year the row's deadline cell and the rest its measure cell."""
    runs: list[list[int]] = [[]]
    for i, block in enumerate(blocks):
        row_like = block.kind == "text" and block.column is None and YEAR_ROW.match(block.text)
        if row_like and (not runs[-1] or (runs[-1][-1] == i - 1 and not block.gap_before)):
            runs[-1].append(i)
        elif row_like:
            runs.append([i])
        elif runs[-1]:
            runs.append([])
    rows = {i for run in runs if len(run) >= MIN_YEAR_ROWS for i in run}
    if not rows:
        return blocks
    row = 1 + max((b.row for b in blocks if b.row is not None), default=-1)
    out: list[Block] = []
    for i, block in enumerate(blocks):
        if i not in rows:
            out.append(block)
            continue
        m = YEAR_ROW.match(block.text)
        out += [replace(block, text=block.text[m.end():], column="measure", row=row),
                replace(block, text=m["year"], column="deadline", row=row, gap_before=0)]
        row += 1
    return out


NESTED = re.compile(r"^\d{1,2}\.\d{1,2}\.?\s+[A-ZÆØÅ]")  # "2.1 Tittel", not a date


def split_labels(block: Block) -> list[Block]:
    """A running-text line holding several labelled parts ('… Ansvar: Sekretariatet. Frist: 1.3.2026')
    as one block per part, so that an owner or deadline never stays in the measure's text."""
    if block.column is not None or block.kind == "heading":
        return [block]
    parts = [p.strip() for p in LATER_LABEL.split(block.text) if p.strip()]
    if len(parts) < 2:
        return [block]
    return [replace(block, text=p, kind="text" if i else block.kind, gap_before=block.gap_before if i == 0 else 0)
            for i, p in enumerate(parts)]


def split_blocks(blocks: list[Block]) -> list[Block]:
    """Every block with a list's action arrows read as its bullets (:mod:`arrows`), table rows flattened to lines read as rows, a list run into its paragraph split
    (:mod:`run_together`), inline numbered runs split, labelled parts of a line apart, long prose
    paragraphs cut into sentences, a list item whose sentences each give someone a task cut into one part per
    sentence (:mod:`clauses`) and a sentence listing actions cut into one part per action."""
    return [v for block in year_rows(number_rows(arrow_actions(blocks))) for run in split_run_together(block)
            for part in split_inline_numbered(run) for lab in split_labels(part)
            for s in split_prose(lab) for c in split_item_sentences(s) for v in split_verb_list(c)]


CLAUSE = re.compile(r",\s+(?:og\s+|samt\s+)?(?=(?:å\s+)?[a-zæøå]+\b)")
MIN_VERB_CLAUSES = 4


def split_verb_list(block: Block) -> list[Block]:
    """A running-text sentence that lists actions as comma-separated clauses, each opening with an
    infinitive ("… vil gruppa marknadsføra regionen, laga eit tomteoversyn, hjelpa kommunane …, og avtala
    vegmøte …"), as news and letters report a programme: one list item per clause, the first (with the
    modal) included. Clauses that do not open with a verb ("positive", "samla og innovative") stay with
    the clause before them. At least four verb clauses are needed, so a measure naming two or three
    steps stays whole; once the list is certain, a clause opening with an unknown word in infinitive
    a-infinitive ("påverka", "framsnakka": nynorsk the bokmål lexicon misses) counts as a verb clause too."""
    if block.kind != "text" or block.column is not None or block.text.count(",") < MIN_VERB_CLAUSES - 1 \
            or not _opens_with_modal(block.text):
        return [block]
    clauses = [m for m in CLAUSE.finditer(block.text)]
    known = [m for m in clauses if _verb_clause(block.text[m.end():], known_only=True)]
    if len(known) < MIN_VERB_CLAUSES - 1:
        return [block]
    cuts = [0, *(m.start() + 1 for m in clauses if _verb_clause(block.text[m.end():])), len(block.text)]
    parts = [block.text[a:b].strip().rstrip(",").strip() for a, b in zip(cuts, cuts[1:])]
    return [replace(block, text=p, kind="item", gap_before=block.gap_before if i == 0 else 0)
            for i, p in enumerate(parts) if p]


def _verb_clause(text: str, known_only: bool = False) -> bool:
    """True when ``text`` opens with an infinitive ("laga eit …", "og avtala …", "å informera …") that
    is not an adjective in a coordination ("samla og innovative")."""
    words = re.findall(r"[A-Za-zÆØÅæøå]+", text)[:4]
    words = words[1:] if words[:1] in (["og"], ["samt"], ["å"]) else words
    if len(words) < 2 or words[1] in ("og", "eller") or not words[0].islower():
        return False
    if verb_form(words[0]) == "inf":
        return True
    return not known_only and len(words[0]) >= 4 and words[0].endswith("a") and verb_form(words[0]) is None


def _opens_with_modal(text: str) -> bool:
    """A modal among the first words ("I tillegg vil gruppa …", "Vi skal …")."""
    return any(MODAL.fullmatch(w) for w in re.findall(r"[A-Za-zÆØÅæøå]+", text)[:6])





PROSE_MIN_WORDS = 30


def split_prose(block: Block) -> list[Block]:
    """A long running-text paragraph (not a list item, heading or table cell) as one block per sentence,
    so that the demands and decisions inside prose can be told from the background around them."""
    if block.kind != "text" or block.column is not None or len(block.text.split()) < PROSE_MIN_WORDS:
        return [block]
    parts = sentences(block.text)
    if len(parts) < 2:
        return [block]
    return [replace(block, text=s, gap_before=block.gap_before if i == 0 else 1) for i, s in enumerate(parts)]
