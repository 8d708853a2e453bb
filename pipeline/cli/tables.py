"""Commands over the stored tables: measures, diff, report, status, versions, vacuum."""
from __future__ import annotations

import argparse
from pathlib import Path

from rich.markup import escape
from rich.table import Table

from pipeline.cli.output import console, err, write_stdout
from pipeline.errors import TiltakError

def cmd_measures(args: argparse.Namespace) -> int:
    from pipeline.report.export import export, format_for, to_csv_text, to_json_text
    from pipeline.report.listing import MeasureQuery, one_per_lineage, stored_measures
    from pipeline.report.terminal import measures_table

    query = MeasureQuery(program=args.program, version=args.version, theme=args.theme, measure_type=args.type,
                         partner=args.partner, responsible=args.responsible, status=args.status, file=args.file,
                         text=args.query)
    fmt = format_for(args.output, args.format)
    frame = stored_measures(args.out, query)
    if fmt == "xlsx":
        before = len(frame)
        frame = one_per_lineage(frame)
        if len(frame) < before:
            err.print(f"{before - len(frame)} eldre versjoner av samme tiltak er utelatt (status gjelder tiltaket "
                      "i alle versjoner; bruk --version for å velge)", highlight=False)
    if args.output:
        path = export(frame, args.output, fmt)
        console.print(f"skrev {len(frame)} tiltak til {escape(str(path))}", highlight=False)
        return 0
    if fmt in ("xlsx", "parquet"):
        raise TiltakError(f"{fmt} skrives bare til fil", f"gi -o tiltak.{fmt}")
    if fmt == "json":
        print(to_json_text(frame), end="")
    elif fmt == "csv":
        print(to_csv_text(frame), end="")
    else:
        if frame.empty:
            console.print("ingen tiltak passer filtrene")
        else:
            console.print(measures_table(frame))
            console.print(f"{len(frame)} tiltak (status «–»: ikke vurdert)", highlight=False)
    return 0


def cmd_diff(args: argparse.Namespace) -> int:
    from pipeline.compare.changes import (changes_to_csv, changes_to_html, changes_to_json, changes_to_markdown, diff,
                                          write_changes)

    changes = diff(args.old, args.new, root=args.out, force=args.force)
    text = {"md": changes_to_markdown, "html": changes_to_html, "csv": changes_to_csv,
            "json": changes_to_json}[args.format](changes)
    if args.output:  # the output first: a diff whose output failed stores nothing
        Path(args.output).write_text(text, encoding="utf-8")
        err.print(f"skrev {args.output}", markup=False, highlight=False)
    else:
        write_stdout(text)
    write_changes(changes, args.out)
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from pipeline.report.build import build_report

    path = build_report(args.out, args.output)
    if path is None:
        raise TiltakError(f"ingen tiltak i {args.out}", "kjør `tiltak run` først")
    console.print(f"skrev {path}")
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    from pipeline import store
    from pipeline.status.lights import current_status, measures_of_version, set_status, status_summary
    from pipeline.status.spreadsheet import import_status

    measures = store.load("measures", root=args.out)
    if args.action == "set":
        row = set_status(args.out, measures, args.measure, args.status, args.note)
        console.print(f"{row.get('lineage_id')}: {row.get('status')}", highlight=False)
    elif args.action == "import":
        report = import_status(args.out, measures, args.file)
        console.print(f"{len(report.written)} statuser skrevet, {report.unchanged} uendret, "
                      f"{report.blank} uten status (ikke vurdert)", highlight=False)
        for p in report.problems:
            err.print(f"rad {p.row}: {p.query!r}: {p.reason}", markup=False, highlight=False)
        return 0 if report.ok else 1
    else:
        from pipeline.report.terminal import theme_name

        shown, key = measures_of_version(measures, args.program, args.version)
        console.print(f"{key}: {len(shown)} tiltak", markup=False, highlight=False)
        summary = status_summary(shown, current_status(args.out))
        summary["theme"] = summary["theme"].map(theme_name)
        console.print(summary.rename(columns={"theme": "tema"}).to_string(index=False), markup=False, highlight=False)
    return 0


def cmd_versions(args: argparse.Namespace) -> int:
    from pipeline import store
    from pipeline.meta.versions import version_key
    from pipeline.report.terminal import local_time

    docs = store.load("documents", root=args.out)
    table = Table(title="Programversjoner")
    for col in ("programversjon", "dokumenter", "tiltak"):
        table.add_column(col)
    ok = docs[docs["status"] == "ok"]
    for (program, vdate), group in ok.groupby(["program", "version_date"], dropna=False):
        table.add_row(version_key(program, vdate),
                      ", ".join(group["source_file"]), str(int(group["n_measures"].sum())))
    console.print(table)
    hist = Table(title="Datasettversjoner (measures)")
    for col in ("versjon", "tidspunkt (lokal tid)", "operasjon"):
        hist.add_column(col)
    for h in store.history(args.out, "measures"):
        hist.add_row(str(h["version"]), local_time(h["timestamp"]), str(h["operation"]))
    console.print(hist)
    return 0


def cmd_vacuum(args: argparse.Namespace) -> int:
    from pipeline.store.vacuum import vacuum

    report = vacuum(args.out, keep_days=args.keep_days, dry_run=args.dry_run, keep_referenced=args.keep_referenced)
    console.print(str(report))
    return 0
