"""What the terminal shows (``tiltak show``, ``tiltak measures``, ``tiltak versions``, the run summary),
in Norwegian, readable at 80 columns: plain text wrapped at the terminal's width and rich tables whose
text column keeps a useful width. Document text is shown as text (no markup, no control characters).
"""
from __future__ import annotations

import re
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

from rich import box
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

import pipeline.report.labels as L
from pipeline.report.labels import goal_text, target_text
from pipeline.values import as_list, is_missing, text_or_empty

if TYPE_CHECKING:  # pandas (and status.lights, which imports it) only where a table is read: not for `show`
    import pandas as pd

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
STATUS_STYLES = {"grønn": "green", "gul": "yellow", "rød": "red"}  # not assessed: "dim"
TABLE_TEXT_CHARS = 240
"""The ``tiltak measures`` table cuts a measure's text here (``tiltak show`` and the exports have it all)."""


def clean(value: Any) -> str:
    """Text for the terminal: control characters (escape sequences) removed, whitespace collapsed."""
    return " ".join(_CONTROL.sub(" ", text_or_empty(value)).split())


def theme_name(theme_id: Any) -> str:
    """The Norwegian name of a theme id ("Uten tema" when missing)."""
    return L.theme_label(text_or_empty(theme_id)).label


def type_name(type_id: Any) -> str:
    """The Norwegian name of a measure type id."""
    key = text_or_empty(type_id)
    return L.type_labels().get(key, key)


def _where(row: dict) -> str:
    parts = []
    if not is_missing(row.get("page")) and text_or_empty(row.get("page")):
        parts.append(f"side {int(row['page'])}")
    if not is_missing(row.get("line")) and text_or_empty(row.get("line")):
        parts.append(f"linje {int(row['line'])}")
    return ", ".join(parts)


def measure_block(row: dict, width: int) -> str:
    """One measure as a block: number, page/line, theme, type; owner, deadline, partners, goals; then
    the full text wrapped at ``width``. ``row`` is a measures-table row (extra keys are ignored)."""
    width = max(40, width)
    indent = "    "
    number = text_or_empty(row.get("ordinal"))
    level = row.get("level")
    depth = 0 if is_missing(level) else int(level)
    head = [_where(row), theme_name(row.get("theme"))]
    if text_or_empty(row.get("measure_type")):
        head.append(type_name(row.get("measure_type")))
    status = text_or_empty(row.get("status"))
    if status:
        head.append(f"status: {status}")
    lines = [textwrap.fill(f"{'  ' * depth}{number}. " + " · ".join(h for h in head if h), width=width,
                           subsequent_indent=indent, break_on_hyphens=False)]
    fields = [
        ("Ansvarlig", ", ".join(clean(x) for x in as_list(row.get("responsible")))),
        ("Frist", clean(row.get("deadline_text")) or clean(row.get("deadline"))),
        ("Partnere", ", ".join(clean(p) for p in as_list(row.get("partners")))),
    ]
    fields += [("", clean(goal_text(g))) for g in as_list(row.get("goals"))]
    fields += [("Målsetting", clean(target_text(t))) for t in as_list(row.get("targets"))]
    for label, value in fields:
        if value:
            lines.append(textwrap.fill(f"{label}: {value}" if label else value, width=width,
                                       initial_indent=indent, subsequent_indent=indent + "  "))
    text = clean(row.get("text")) or "(uten tekst)"
    lines.append(textwrap.fill(text, width=width, initial_indent=indent, subsequent_indent=indent,
                               break_long_words=True, break_on_hyphens=False))
    return "\n".join(lines)


def measure_blocks(rows: Iterable[dict], width: int) -> str:
    """Blocks of :func:`measure_block`, a blank line between them."""
    return "\n\n".join(measure_block(r, width) for r in rows)


def measures_table(frame: pd.DataFrame) -> Table:
    """``tiltak measures`` as a table: id, status ("–": ikke vurdert), theme, text (cut at 240 characters)."""
    from pipeline.status.lights import NOT_ASSESSED

    styles = {**STATUS_STYLES, NOT_ASSESSED: "dim"}
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, expand=False, show_lines=False)
    table.add_column("id", no_wrap=True, min_width=8, max_width=8)
    table.add_column("status", no_wrap=True, min_width=6, max_width=6)
    table.add_column("tema", overflow="fold", max_width=16)
    table.add_column("tiltak", overflow="fold", min_width=30, ratio=1)
    for row in frame.to_dict("records"):
        status = text_or_empty(row.get("status")) or NOT_ASSESSED
        text = clean(row.get("text"))
        if len(text) > TABLE_TEXT_CHARS:
            text = text[: TABLE_TEXT_CHARS - 1] + "…"
        table.add_row(Text(text_or_empty(row.get("measure_id"))[:8]),
                      Text(status if status != NOT_ASSESSED else "–", style=styles.get(status, "")),
                      Text(theme_name(row.get("theme"))), Text(text))
    return table


def local_time(value: Any) -> str:
    """A timestamp (epoch milliseconds, datetime or ISO text) as local date and time: 2026-01-05 14:03."""
    if is_missing(value) or value == "":
        return ""
    import pandas as pd

    if isinstance(value, (int, float)):
        ts = pd.Timestamp(int(value), unit="ms", tz="UTC")
    else:
        ts = pd.Timestamp(value)
        ts = ts.tz_localize("UTC") if ts.tzinfo is None else ts
    local = ts.to_pydatetime().astimezone()
    return local.strftime("%Y-%m-%d %H:%M")


def summary_lines(themes: dict[str, int], total: int) -> Table:
    """Measures per theme by name, largest first, with a total."""
    from pipeline.status.lights import NOT_ASSESSED

    styles = {**STATUS_STYLES, NOT_ASSESSED: "dim"}
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("tema")
    table.add_column("tiltak", justify="right")
    for theme, count in sorted(themes.items(), key=lambda kv: (-kv[1], theme_name(kv[0]))):
        table.add_row(theme_name(theme), str(count))
    if total > sum(themes.values()):
        table.add_row(L.NO_THEME.label, str(total - sum(themes.values())))
    table.add_section()
    table.add_row("Totalt", str(total))
    return table


def print_run_summary(summary: Any, out: Path, console: Console, err: Console) -> None:
    """The end of ``tiltak run``: files per state, measures per theme name and in total, every failing
    file with its message and hint (this run's, else the newest ``errors`` row), the report and a next step."""
    from pipeline import store

    state = "lagret ny datasettversjon" if summary.committed else "ingen endring"
    console.print(f"[bold]tiltak run {summary.run_id}[/bold]: {summary.new} nye, {summary.changed} endrede, "
                  f"{summary.unchanged} uendrede, {summary.removed} fjernede filer, {summary.failed} feilet "
                  f"({state}, measures versjon {summary.versions.get('measures')})", highlight=False)
    if getattr(summary, "touched", 0):
        console.print(f"{summary.touched} fil(er) med ny endringstid, men samme innhold (ikke lest på nytt)", highlight=False)
    for name in getattr(summary, "quarantined", ()):
        console.print(f"[red]karantene (krasjet arbeideren gjentatte ganger, hoppes over til filen endres): "
                      f"{escape(name)}[/red]")
    for upgrade in getattr(summary, "upgraded", ()):
        console.print(f"tabell oppgradert: {escape(str(upgrade))}", highlight=False)
    total = store.read_arrow(out, "measures", ["measure_id"]).num_rows
    console.print(summary_lines(summary.themes, total))
    hints = {e.get("source_file"): e for e in summary.errors if e}
    if summary.failing:
        older = store.load("errors", root=out) if store.exists(out, "errors") else None
        err.print(f"[red]{len(summary.failing)} fil(er) feiler:[/red]")
        for name in summary.failing:
            e = hints.get(name)
            if e is None and older is not None and not older.empty:
                rows = older[older["source_file"] == name]
                e = rows.iloc[-1].to_dict() if len(rows) else None
            reason = f"{e['message']} — {e['hint']}" if e else "se tabellen errors"
            err.print(f"  [red]✗[/red] {escape(name)}: {escape(reason)}", highlight=False)
    report = out / "report.html"
    if report.is_file():
        console.print(f"Rapport: {escape(str(report))}", highlight=False)
        console.print(f"Neste steg: åpne rapporten i nettleseren, eller hent tiltakene: tiltak measures --out "
                      f"{escape(str(out))} -o tiltak.xlsx (eller pipeline.load(\"measures\"))", highlight=False)
    else:
        console.print(f"Neste steg: tiltak report --out {escape(str(out))}, eller tiltak measures --out "
                      f"{escape(str(out))}", highlight=False)
