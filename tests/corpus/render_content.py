"""What the layout renderer lays out (dev tool for ``render.py``): a plain-text document as paragraphs and
(nested) lists, and a gold file's measures as table rows with filler owners, deadlines and statuses."""
from __future__ import annotations

import html
import re
from typing import Any

BULLET = re.compile(r"^(\s*)([•●▪◦o*\-–]|\d{1,2}[.)]|[a-z]\))\s+(.*)$")
STATUSES = ("Pågår", "Ikke startet", "Fullført", "Pågår", "Planlagt")
DEADLINES = ("2027", "Løpende", "1. halvår 2027", "Høst 2026", "31.12.2027", "2028")
OWNERS = ("Sekretariatet", "Faggruppe klima", "Styret", "Kommunene", "Fylkeskommunen")
TITLE = "Handlingsprogram 2027 – utkast til behandling"


# ---------------------------------------------------------------- text -> structure

def text_blocks(text: str) -> list[tuple[str, int, str]]:
    """(kind, depth, text) per paragraph/list item of a plain-text document: kinds title, h, p, li, ol."""
    out: list[tuple[str, int, str]] = []
    paras = [p for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    for n, para in enumerate(paras):
        lines = [ln for ln in para.splitlines() if ln.strip()]
        plain: list[str] = []
        for ln in lines:
            m = BULLET.match(ln)
            if m:
                if plain:
                    out.append(("p", 0, " ".join(plain)))
                    plain = []
                indent, glyph, body = m.groups()
                kind = "ol" if glyph[0].isalnum() and glyph != "o" else "li"
                under_number = kind == "li" and bool(out) and out[-1][0] == "ol" or \
                    kind == "li" and bool(out) and out[-1][:2] == ("li", 1)
                depth = 1 if len(indent.replace("\t", "    ")) >= 3 or glyph in "o◦▪" or under_number else 0
                out.append((kind, depth, body.strip()))
            elif plain or not out or out[-1][0] not in ("li", "ol") or len(lines) == 1:
                plain.append(ln.strip())
            else:  # a wrapped list item
                out[-1] = (out[-1][0], out[-1][1], f"{out[-1][2]} {ln.strip()}")
        if plain:
            body = " ".join(plain)
            kind = "title" if n == 0 else "p"  # short lines stay text: the plain text has no headings either
            out.append((kind, 0, body))
    return out


def notes_html(blocks: list[tuple[str, int, str]], numbered: bool) -> str:
    """HTML body: headings, paragraphs and (nested) lists; ``numbered`` turns bullets into 1. / 1.1 / a)."""
    parts: list[str] = []
    open_lists: list[str] = []
    for kind, depth, text in blocks:
        t = html.escape(text)
        if kind in ("li", "ol"):
            tag = "ol" if kind == "ol" or numbered else "ul"
            while len(open_lists) > depth + 1:
                parts.append(f"</{open_lists.pop()}>")
            while len(open_lists) < depth + 1:
                cls = f' class="d{len(open_lists)}"'
                parts.append(f"<{tag}{cls}>")
                open_lists.append(tag)
            parts.append(f"<li>{t}</li>")
            continue
        while open_lists:
            parts.append(f"</{open_lists.pop()}>")
        tag = {"title": "h1", "h": "h2"}.get(kind, "p")
        parts.append(f"<{tag}>{t}</{tag}>")
    while open_lists:
        parts.append(f"</{open_lists.pop()}>")
    return "\n".join(parts)


# ---------------------------------------------------------------- gold -> table rows

def table_rows(gold: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per top-level gold measure: section, text, children (cell bullets), goals, partners, filler."""
    measures = gold["measures"]
    kids: dict[str, list[str]] = {}
    for m in measures:
        if m.get("parent"):
            kids.setdefault(m["parent"], []).append(m["text"])
    rows = []
    for i, m in enumerate(x for x in measures if not x.get("parent")):
        goals = "; ".join(f"{g['kind'].capitalize()}: {g['text']}" if g["kind"] != "mål" else g["text"]
                          for g in m.get("goals", []))
        rows.append({"nr": str(i + 1), "section": " – ".join(m.get("section") or []) or "Tiltak",
                     "text": m["text"], "children": kids.get(m["id"], []), "goals": goals,
                     "partners": ", ".join(m.get("partners", [])), "owner": OWNERS[i % len(OWNERS)],
                     "deadline": DEADLINES[i % len(DEADLINES)], "status": STATUSES[i % len(STATUSES)]})
    return rows


def flat_rows(gold: dict[str, Any]) -> list[dict[str, Any]]:
    """Every gold measure its own row (children too): for layouts without bullet lists in cells."""
    rows = []
    for m in gold["measures"]:
        rows.extend(table_rows({"measures": [{**m, "parent": None}]}))
    for i, r in enumerate(rows):
        r.update(nr=str(i + 1), owner=OWNERS[i % len(OWNERS)], deadline=DEADLINES[i % len(DEADLINES)],
                 status=STATUSES[i % len(STATUSES)])
    return rows


def cell(row: dict[str, Any], key: str, bullets: bool) -> str:
    if key == "text" and bullets and row["children"]:
        items = "".join(f"<li>{html.escape(c)}</li>" for c in row["children"])
        return f"{html.escape(row['text'])}<ul>{items}</ul>"
    return html.escape(row[key])


def table_html(rows: list[dict[str, Any]], columns: list[tuple[str, str, str]], *, header: bool, repeat: bool,
               sections: bool, bullets: bool) -> str:
    """A table: ``columns`` = (header text, row key, css width); section rows span all columns."""
    head = "<tr>" + "".join(f'<th style="width:{w}">{html.escape(h)}</th>' for h, _, w in columns) + "</tr>"
    body: list[str] = []
    last = None
    for r in rows:
        if sections and r["section"] != last:
            body.append(f'<tr class="sec"><td colspan="{len(columns)}">{html.escape(r["section"])}</td></tr>')
            last = r["section"]
        body.append("<tr>" + "".join(f"<td>{cell(r, k, bullets)}</td>" for _, k, _ in columns) + "</tr>")
    if not header:
        return f"<table><tbody>{''.join(body)}</tbody></table>"
    if repeat:
        return f"<table><thead>{head}</thead><tbody>{''.join(body)}</tbody></table>"
    return f"<table><tbody>{head}{''.join(body)}</tbody></table>"
