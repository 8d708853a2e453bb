"""Render a ``changes`` table (see :func:`pipeline.compare.changes.diff`) as Markdown, HTML, CSV or JSON:
counts per change kind, then per theme the changed measures with word-level diffs and changed
partners/goals (CSV and JSON: one record per change)."""
from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from typing import Any

import pandas as pd
from jinja2 import Environment
from markupsafe import Markup, escape

from pipeline.compare.align import CHANGE_COLUMNS
from pipeline.values import as_list, text_or_empty

KINDS = ("added", "removed", "modified", "moved", "unchanged")
KIND_LABELS = {"added": "Nye tiltak", "removed": "Fjernet", "modified": "Endret", "moved": "Flyttet",
               "unchanged": "Uendret"}




def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """Word-level diff as (op, text) pieces; op is "=", "-" or "+"."""
    a, b = old.split(), new.split()
    out: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(("=", " ".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(("-", " ".join(a[i1:i2])))
        if j2 > j1:
            out.append(("+", " ".join(b[j1:j2])))
    return out


def _set_changes(changes: pd.DataFrame, row: Mapping[str, Any], key: str,
                 details: Mapping[str, Any] | None) -> tuple[list[str], list[str]]:
    """(removed, added) partners or goals of a matched pair, from the details map."""
    d = details if details is not None else changes.attrs.get("details", {})
    old = d.get(str(row.get("old_measure_id")), {}).get(key, [])
    new = d.get(str(row.get("new_measure_id")), {}).get(key, [])
    return [x for x in old if x not in new], [x for x in new if x not in old]


def _by_theme(changes: pd.DataFrame) -> list[tuple[str, list[dict[str, Any]]]]:
    groups: dict[str, list[dict[str, Any]]] = {}
    for rec in changes.to_dict("records"):
        if rec["change"] == "unchanged":
            continue
        theme = text_or_empty(rec.get("new_theme")) or text_or_empty(rec.get("old_theme")) or "uten tema"
        groups.setdefault(theme, []).append(rec)
    return sorted(groups.items())


def _counts(changes: pd.DataFrame) -> list[tuple[str, int]]:
    counts = changes["change"].value_counts() if len(changes) else pd.Series(dtype=int)
    return [(k, int(counts.get(k, 0))) for k in KINDS]


def _title(changes: pd.DataFrame) -> str:
    if not len(changes):
        return "Endringer"
    return f"Endringer fra {text_or_empty(changes['old_version'].iloc[0])} til {text_or_empty(changes['new_version'].iloc[0])}"


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|#])")


def _md(text: Any) -> str:
    return _MD_SPECIAL.sub(r"\\\1", re.sub(r"\s+", " ", text_or_empty(text)).strip())


def changes_to_markdown(changes: pd.DataFrame, details: Mapping[str, Any] | None = None) -> str:
    """Markdown report: counts per change kind, then per theme the changed measures with word diffs."""
    lines = [f"# {_md(_title(changes))}", "", "| Endring | Antall |", "|---|---:|"]
    lines += [f"| {KIND_LABELS[k]} ({k}) | {n} |" for k, n in _counts(changes)]
    for theme, recs in _by_theme(changes):
        lines += ["", f"## {_md(theme)}", ""]
        for rec in recs:
            kind = rec["change"]
            if kind == "added":
                lines.append(f"- **Ny:** {_md(rec['new_text'])}")
            elif kind == "removed":
                lines.append(f"- **Fjernet:** {_md(rec['old_text'])}")
            else:
                pieces = word_diff(text_or_empty(rec["old_text"]), text_or_empty(rec["new_text"]))
                body = " ".join(_md(t) if op == "=" else (f"[-{_md(t)}-]" if op == "-" else f"{{+{_md(t)}+}}")
                                for op, t in pieces)
                head = "Flyttet" if kind == "moved" else "Endret"
                where = f" ({_md(rec['old_theme'])} → {_md(rec['new_theme'])})" if kind == "moved" else ""
                lines.append(f"- **{head}{where}:** {body}")
                fields = [str(f) for f in as_list(rec.get("fields"))]
                if fields:
                    lines.append(f"  - felt: {', '.join(fields)}")
                for key, label in (("partners", "partnere"), ("goals", "mål")):
                    gone, came = _set_changes(changes, rec, key, details)
                    if key in fields and (gone or came):
                        parts = [f"-{_md(x)}" for x in gone] + [f"+{_md(x)}" for x in came]
                        lines.append(f"  - {label}: {'; '.join(parts)}")
    return "\n".join(lines) + "\n"


_HTML = Environment(autoescape=True).from_string("""<!DOCTYPE html>
<html lang="no"><head><meta charset="utf-8"><title>{{ title }}</title>
<style>del{background:#fdd}ins{background:#dfd;text-decoration:none}td,th{padding:2px 8px}</style>
</head><body><h1>{{ title }}</h1>
<table><tr><th>Endring</th><th>Antall</th></tr>
{% for kind, n in counts %}<tr><td>{{ labels[kind] }} ({{ kind }})</td><td>{{ n }}</td></tr>
{% endfor %}</table>
{% for theme, items in themes %}<h2>{{ theme }}</h2><ul>
{% for it in items %}<li class="{{ it.kind }}"><strong>{{ it.head }}</strong> {{ it.body }}
{% if it.extra %}<ul>{% for e in it.extra %}<li>{{ e }}</li>{% endfor %}</ul>{% endif %}</li>
{% endfor %}</ul>
{% endfor %}</body></html>
""")


def _html_diff(old: str, new: str) -> Markup:
    out = []
    for op, t in word_diff(old, new):
        out.append(escape(t) if op == "=" else Markup(f"<{'del' if op == '-' else 'ins'}>{escape(t)}</{'del' if op == '-' else 'ins'}>"))
    return Markup(" ").join(out)


def changes_to_html(changes: pd.DataFrame, details: Mapping[str, Any] | None = None) -> str:
    """A standalone HTML page with the same content as :func:`changes_to_markdown`; all text is escaped."""
    themes = []
    for theme, recs in _by_theme(changes):
        items = []
        for rec in recs:
            kind, extra = rec["change"], []
            if kind == "added":
                head, body = "Ny:", escape(text_or_empty(rec["new_text"]))
            elif kind == "removed":
                head, body = "Fjernet:", escape(text_or_empty(rec["old_text"]))
            else:
                head = f"Flyttet ({text_or_empty(rec['old_theme'])} → {text_or_empty(rec['new_theme'])}):" if kind == "moved" else "Endret:"
                body = _html_diff(text_or_empty(rec["old_text"]), text_or_empty(rec["new_text"]))
                fields = [str(f) for f in as_list(rec.get("fields"))]
                if fields:
                    extra.append("felt: " + ", ".join(fields))
                for key, label in (("partners", "partnere"), ("goals", "mål")):
                    gone, came = _set_changes(changes, rec, key, details)
                    if key in fields and (gone or came):
                        extra.append(f"{label}: " + "; ".join([f"-{x}" for x in gone] + [f"+{x}" for x in came]))
            items.append({"kind": kind, "head": head, "body": body, "extra": extra})
        themes.append((theme, items))
    return _HTML.render(title=_title(changes), counts=_counts(changes), labels=KIND_LABELS, themes=themes)


def changes_to_csv(changes: pd.DataFrame) -> str:
    """CSV of the changes table; ``fields`` joined with ";"."""
    out = changes[CHANGE_COLUMNS].copy()
    out["fields"] = out["fields"].map(lambda v: ";".join(str(x) for x in as_list(v)))
    return out.to_csv(index=False)


def changes_to_json(changes: pd.DataFrame) -> str:
    """JSON array of the changes, one object per change (``fields`` a list, missing values null)."""
    import json

    from pipeline.values import is_missing

    records = []
    for rec in changes[CHANGE_COLUMNS].to_dict("records"):
        rec["fields"] = [str(x) for x in as_list(rec["fields"])]
        rec["similarity"] = None if is_missing(rec["similarity"]) else float(rec["similarity"])
        records.append({k: (None if k not in ("fields", "similarity") and is_missing(v) else v)
                        for k, v in rec.items()})
    return json.dumps(records, ensure_ascii=False, indent=1) + "\n"
