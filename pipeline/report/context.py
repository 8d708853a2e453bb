"""Turn the measures / status / changes DataFrames into plain dicts and lists for the templates.

Everything here is pure; templates do no computation beyond loops. Document text stays raw here
and is escaped by Jinja's autoescape.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from datetime import datetime, timezone
from typing import Any

import numpy as np
import pandas as pd

from pipeline.compare.render import word_diff as diff_word_diff
import pipeline.report.labels as L
from pipeline.status.lights import NOT_ASSESSED, attach_status
from pipeline.values import as_list

MAX_CHANGES = 1500


def _s(value: Any) -> str:
    """A clean string; '' for None/NaN/NA."""
    if value is None or (not isinstance(value, (list, np.ndarray)) and pd.isna(value)):
        return ""
    return " ".join(str(value).split())


def fmt_date(value: Any) -> str:
    """A date as Norwegian prose ("9. september 2025"); '' if missing."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    try:
        d = pd.Timestamp(value)
    except (ValueError, TypeError):
        return str(value)
    return f"{d.day}. {L.MONTHS[d.month - 1]} {d.year}"


def fmt_datetime(value: Any) -> str:
    """A timestamp as local Norwegian time ("9. september 2025 kl. 14:05")."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    ts = pd.Timestamp(value)
    if ts.tzinfo is None:
        ts = ts.tz_localize("UTC")
    try:
        ts = ts.tz_convert("Europe/Oslo")
    except Exception:  # noqa: BLE001 - no tz database: show UTC
        pass
    return f"{fmt_date(ts)} kl. {ts:%H:%M}"


def _number(value: Any) -> str:
    if value is None or pd.isna(value):
        return ""
    v = float(value)
    text = f"{int(v):,}" if v.is_integer() else f"{v:,.2f}".rstrip("0")
    return text.replace(",", " ").replace(".", ",")


def _target(t: Any) -> str:
    if not isinstance(t, dict):
        return _s(t)
    if _s(t.get("text")):
        return _s(t.get("text"))
    parts = [_number(t.get("value")), _s(t.get("unit"))]
    year = t.get("year")
    text = " ".join(p for p in parts if p)
    return f"{text} innen {int(year)}" if year is not None and not pd.isna(year) else text


def _keys(measures: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """Programme (missing: "") and version date (NaT when missing) of each row."""
    program = measures["program"].map(lambda v: _s(v)) if "program" in measures.columns else \
        pd.Series("", index=measures.index)
    dates = pd.to_datetime(measures["version_date"], errors="coerce") if "version_date" in measures.columns else \
        pd.Series(pd.NaT, index=measures.index)
    return program, dates


def version_to_report(measures: pd.DataFrame, meta: dict) -> pd.DataFrame:
    """The rows of one programme version: ``meta``'s program/version_date if given and present, else
    the newest version of a named programme (rows without a programme or date only when nothing has
    both; all rows when no version dates are known)."""
    if measures.empty or "version_date" not in measures.columns:
        return measures
    program, dates = _keys(measures)
    if meta.get("version_date"):
        mask = dates == pd.Timestamp(meta["version_date"])
        if meta.get("program"):
            mask &= program == meta["program"]
        if mask.any():
            return measures[mask.to_numpy()]
    if dates.isna().all():
        return measures
    named = dates.notna() & (program != "")
    pool = named if named.any() else dates.notna()
    newest = dates[pool].max()
    chosen = program[pool & (dates == newest)].sort_values().iloc[-1]
    return measures[(pool & (dates == newest) & (program == chosen)).to_numpy()]


def other_documents(measures: pd.DataFrame, shown: pd.DataFrame) -> tuple[pd.DataFrame, list[dict]]:
    """What the report shows besides the programme version ``shown``: the rows of documents without a
    programme version (no programme or no date) and of other programmes' newest versions; and an index
    of every programme version in ``measures`` saying where it is (``shown``, ``other``, ``older``)."""
    if measures.empty or "source_file" not in measures.columns:
        return measures.iloc[0:0], []
    program, dates = _keys(measures)
    shown_mask = measures.index.isin(shown.index)
    complete = (program != "") & dates.notna()
    shown_programs = set(program[shown_mask & complete])
    newest = dates.groupby(program).transform("max")
    older = complete & ~shown_mask & (program.isin(shown_programs) | (dates < newest))
    others = measures[(~shown_mask & ~older).to_numpy()]
    index = []
    frame = pd.DataFrame({"program": program, "date": dates, "file": measures["source_file"].map(_s),
                          "shown": shown_mask, "older": older.to_numpy()})
    for (prog, day), group in frame.groupby(["program", "date"], dropna=False, sort=True):
        where = "shown" if group["shown"].all() else "older" if group["older"].all() else "other"
        index.append({"program": prog or "ukjent program", "date": fmt_date(day) or "udatert",
                      "files": ", ".join(sorted(set(group["file"]))), "n": len(group), "where": where,
                      "versioned": bool(prog) and not pd.isna(day)})
    return others, index


def _measure_view(row: dict, types: dict[str, str], ptypes: dict[str, str] | None) -> dict:
    status = row.get("status") or NOT_ASSESSED
    section = [_s(x) for x in as_list(row.get("section")) if _s(x)]
    goals = [
        {"kind": L.GOAL_LABELS.get(_s(g.get("kind")), _s(g.get("kind")) or "Mål"), "text": _s(g.get("text"))}
        if isinstance(g, dict) else {"kind": "Mål", "text": _s(g)}
        for g in as_list(row.get("goals"))
    ]
    partners = [_s(p) for p in as_list(row.get("partners")) if _s(p)]
    level = row.get("level")
    mtype = _s(row.get("measure_type"))
    return {
        "id": _s(row.get("measure_id")),
        "text": _s(row.get("text")),
        "section": " › ".join(section),
        "level": int(level) if level is not None and not pd.isna(level) else 0,
        "is_child": bool(_s(row.get("parent_id"))),
        "status": status,
        "status_class": L.STATUS_CLASSES.get(status, "ikke-vurdert"),
        "note": _s(row.get("status_note")),
        "status_date": fmt_date(row.get("status_updated_at")),
        "type": types.get(mtype, mtype) if mtype else "",
        "partners": [{"name": p, "type": L.partner_type(p, ptypes)} for p in partners],
        "goals": [g for g in goals if g["text"]],
        "targets": [t for t in (_target(x) for x in as_list(row.get("targets"))) if t],
        "source": _s(row.get("source_file")),
        "page": _s(row.get("page")),
        "line": _s(row.get("line")),
        **_owner_and_deadline(row, status),
    }


def _owner_and_deadline(row: dict, status: str) -> dict:
    """Who owns the measure, its deadline as written, and whether it is overdue: the deadline's date has
    passed and the traffic light is not green."""
    deadline = row.get("deadline")
    due = None if deadline is None or pd.isna(deadline) else pd.Timestamp(deadline).date()
    written = _s(row.get("deadline_text")) or (due.strftime("%d.%m.%Y") if due else "")
    return {"responsible": [_s(p) for p in as_list(row.get("responsible")) if _s(p)], "deadline": written,
            "overdue": bool(due and due < datetime.now(timezone.utc).date() and status != "grønn")}


def _chart(themes: list[dict]) -> dict:
    """Geometry of a horizontal stacked bar chart (one bar per theme), in SVG user units."""
    label_w, bar_w, row_h, top = 335, 285, 30, 8
    biggest = max((t["total"] for t in themes), default=0) or 1
    rows = []
    for i, t in enumerate(themes):
        x, segs = label_w, []
        for st in L.STATUS_ORDER:
            n = t["counts"][st]
            w = bar_w * n / biggest
            if n:
                segs.append({"status": st, "cls": L.STATUS_CLASSES[st], "x": round(x, 2), "w": round(w, 2),
                             "n": n, "colour": L.STATUS_COLOURS[st]})
            x += w
        rows.append({"label": t["label"], "id": t["id"], "y": top + i * row_h, "segs": segs,
                     "total": t["total"], "end": round(x + 8, 2)})
    return {"rows": rows, "width": label_w + bar_w + 40, "height": top * 2 + len(themes) * row_h,
            "row_h": row_h, "bar_h": 18, "label_w": label_w}


def _partners(views: list[dict], ptypes: dict[str, str] | None) -> list[dict]:
    count: Counter[str] = Counter()
    themes: dict[str, set[str]] = defaultdict(set)
    for theme_label, v in views:
        for p in v["partners"]:
            count[p["name"]] += 1
            themes[p["name"]].add(theme_label)
    return [{"name": n, "type": L.partner_type(n, ptypes), "n": c, "themes": ", ".join(sorted(themes[n]))}
            for n, c in sorted(count.items(), key=lambda kv: (-kv[1], kv[0].casefold()))]


_OPS = {"=": "same", "-": "del", "+": "ins"}


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """Word-level diff as (op, text) pairs, op in "same" | "del" | "ins" (the report's CSS classes)."""
    return [(_OPS[op], text) for op, text in diff_word_diff(old, new)]


def _changes(changes: pd.DataFrame | None, known_ids: set[str]) -> dict | None:
    if changes is None or changes.empty:
        return None
    ch = changes.copy(deep=False)
    ch.attrs = {}  # the diff's details, deep-copied by pandas into every frame derived below, are not read here
    if {"old_version", "new_version"} <= set(ch.columns):
        pairs = ch[["new_version", "old_version"]].astype("string").fillna("").drop_duplicates()
        newest = pairs.sort_values(["new_version", "old_version"]).iloc[-1]
        ch = ch[(ch["new_version"].astype("string").fillna("") == newest["new_version"]).to_numpy()
                & (ch["old_version"].astype("string").fillna("") == newest["old_version"]).to_numpy()]
    counts = Counter(_s(c) for c in ch["change"])
    rows = []
    for rec in ch.to_dict("records"):
        kind = _s(rec.get("change"))
        if kind == "unchanged":
            continue
        old, new = _s(rec.get("old_text")), _s(rec.get("new_text"))
        sim = rec.get("similarity")
        new_id = _s(rec.get("new_measure_id"))
        rows.append({
            "kind": kind, "label": L.CHANGE_LABELS.get(kind, kind), "old": old, "new": new,
            "diff": word_diff(old, new) if kind == "modified" and old and new else None,
            "old_theme": L.theme_label(_s(rec.get("old_theme"))).label if _s(rec.get("old_theme")) else "",
            "new_theme": L.theme_label(_s(rec.get("new_theme"))).label if _s(rec.get("new_theme")) else "",
            "fields": ", ".join(L.FIELD_LABELS.get(_s(f), _s(f)) for f in as_list(rec.get("fields"))),
            "similarity": "" if sim is None or pd.isna(sim) else f"{float(sim) * 100:.0f} %",
            "anchor": f"m-{new_id}" if new_id in known_ids else "",
        })
    order = {k: i for i, k in enumerate(("modified", "moved", "added", "removed"))}
    rows.sort(key=lambda r: order.get(r["kind"], 9))
    first = ch.iloc[0]
    return {
        "old_version": _s(first.get("old_version")), "new_version": _s(first.get("new_version")),
        "counts": [{"kind": k, "label": L.CHANGE_LABELS.get(k, k), "n": counts.get(k, 0)}
                   for k in ("added", "removed", "modified", "moved", "unchanged")],
        "rows": rows[:MAX_CHANGES], "truncated": max(0, len(rows) - MAX_CHANGES),
    }


def build_context(measures: pd.DataFrame, status: pd.DataFrame | None, changes: pd.DataFrame | None,
                  meta: dict) -> dict:
    """Everything the HTML and Markdown templates need, as plain Python values."""
    meta = dict(meta or {})
    current = version_to_report(measures, meta)
    others, versions = other_documents(measures, current)
    if "ordinal" in current.columns:
        current = current.sort_values(["source_file", "ordinal"] if "source_file" in current else ["ordinal"],
                                      kind="stable")
    joined = attach_status(current, status if status is not None else pd.DataFrame())
    types, ptypes = L.type_labels(), meta.get("partner_types")
    by_theme: dict[str, list[dict]] = defaultdict(list)
    for row in joined.to_dict("records"):
        by_theme[_s(row.get("theme"))].append(_measure_view(row, types, ptypes))
    ordered = [t for t in L.themes()]
    ordered += [L.theme_label(t) for t in sorted(by_theme) if t and t not in {x.id for x in ordered}]
    if "" in by_theme:
        ordered.append(L.NO_THEME)
    sections = []
    for t in ordered:
        items = by_theme.get(t.id, [])
        counts = {st: sum(1 for m in items if m["status"] == st) for st in L.STATUS_ORDER}
        sections.append({"id": t.id or "uten-tema", "label": t.label, "group": t.group,
                         "measures": items, "counts": counts, "total": len(items)})
    totals = {st: sum(s["counts"][st] for s in sections) for st in L.STATUS_ORDER}
    first = joined.iloc[0] if len(joined) else {}
    generated = meta.get("generated_at") or datetime.now(timezone.utc)
    version_date = meta.get("version_date") or (first.get("version_date") if len(joined) else None)
    return {
        "program": _s(meta.get("program")) or (_s(first.get("program")) if len(joined) else "") or "Handlingsprogram",
        "version_date": fmt_date(version_date),
        "version_date_iso": str(pd.Timestamp(version_date).date()) if fmt_date(version_date) else "",
        "dataset_version": _s(meta.get("dataset_version")),
        "generated_at": fmt_datetime(generated),
        "generated_iso": pd.Timestamp(generated).isoformat(),
        "sources": sorted({_s(s) for s in joined.get("source_file", pd.Series(dtype=object)) if _s(s)}),
        "total": len(joined), "totals": totals,
        "statuses": [{"name": st, "cls": L.STATUS_CLASSES[st], "colour": L.STATUS_COLOURS[st]} for st in L.STATUS_ORDER],
        "themes": sections, "chart": _chart([s for s in sections if s["total"] or s["id"] != "uten-tema"]),
        "partners": _partners([(s["label"], m) for s in sections for m in s["measures"]], ptypes),
        "changes": _changes(changes, {m["id"] for s in sections for m in s["measures"]}),
        "other_documents": _other_documents(others, status, types, ptypes),
        "versions": versions,
    }


def _other_documents(others: pd.DataFrame, status: pd.DataFrame | None, types: dict[str, str],
                     ptypes: dict[str, str] | None) -> list[dict]:
    """The documents outside the shown programme version, one entry per file, measures in reading order."""
    if others.empty:
        return []
    from pipeline.meta.versions import version_key

    order = [c for c in ("source_file", "ordinal") if c in others.columns]
    joined = attach_status(others.sort_values(order, kind="stable"), status if status is not None else pd.DataFrame())
    files = []
    for name, group in joined.groupby("source_file", sort=True):
        first = group.iloc[0]
        program, day = _s(first.get("program")), first.get("version_date")
        label = version_key(program, day) if program and fmt_date(day) else "uten programversjon"
        views = []
        for row in group.to_dict("records"):
            view = _measure_view(row, types, ptypes)
            view["theme"] = L.theme_label(_s(row.get("theme"))).label
            views.append(view)
        files.append({"file": _s(name), "version": label, "measures": views, "total": len(views)})
    return files
