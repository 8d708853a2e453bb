"""The ``tiltak`` command: thin adapters over the library. Errors print one line (no traceback
unless --debug) saying what went wrong and what to do."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rich.console import Console
from rich.table import Table

from pipeline.config import VERSION
from pipeline.errors import TiltakError

console = Console(stderr=False)
err = Console(stderr=True)


def cmd_run(args: argparse.Namespace) -> int:
    from pipeline.schedule.serve import PREFECT_DIR
    from pipeline.schedule.server import use_running_server

    # before prefect is imported: a running `tiltak serve` (or PREFECT_API_URL) saves the embedded server
    api_url = use_running_server(Path(args.out) / PREFECT_DIR)
    if api_url and not args.quiet:
        console.print(f"Prefect: {api_url}", highlight=False)
    from flows.reprocess import on_file, reprocess

    def progress(state, result) -> None:  # noqa: ANN001
        if args.quiet:
            return
        if result.error:
            err.print(f"[red]✗[/red] {state.source_file}: {result.error['message']} — {result.error['hint']}")
        else:
            console.print(f"[green]✓[/green] {state.source_file}: {len(result.measures)} tiltak")

    on_file(progress)
    scale = {k: v for k, v in (("workers", args.workers), ("dask_address", args.dask_address)) if v}
    summary = reprocess(raw=str(args.raw), out=str(args.out), force=args.force, **scale)
    if not args.quiet:
        _print_summary(summary)
    return 1 if args.strict and (summary.failed or summary.failing) else 0


def _print_summary(summary) -> None:  # noqa: ANN001
    table = Table(title=f"tiltak run {summary.run_id}", show_header=True)
    table.add_column("")
    table.add_column("antall", justify="right")
    for label, value in (("nye filer", summary.new), ("endrede filer", summary.changed),
                         ("uendrede filer", summary.unchanged), ("fjernede filer", summary.removed),
                         ("feilet", summary.failed), ("feiler nå (se errors)", len(summary.failing))):
        table.add_row(label, str(value))
    for theme, count in sorted(summary.themes.items()):
        table.add_row(f"tiltak: {theme}", str(count))
    written = summary.versions.get("measures")
    table.add_row("Delta-versjon (measures)", f"{written} {'(ny)' if summary.committed else '(ingen endring)'}")
    console.print(table)


def cmd_show(args: argparse.Namespace) -> int:
    from pipeline.nlp.enrich import enrich_measures
    from pipeline.parse import parse
    from pipeline.segment import blocks_to_measures
    from pipeline.meta.versions import document_meta

    path = Path(args.file)
    if not path.is_file():
        raise TiltakError(f"{path} does not exist", "check the path")
    doc = parse(path)
    meta = document_meta(doc, path)
    measures = enrich_measures(blocks_to_measures(doc.blocks))
    console.print(f"[bold]{meta.program or '?'}[/bold] versjon {meta.version_date or '?'} — {len(measures)} tiltak")
    table = Table(show_lines=False)
    for col in ("#", "side", "linje", "tema", "type", "tiltak", "partnere"):
        table.add_column(col, overflow="fold")
    for m in measures:
        indent = "  " * m.level
        table.add_row(str(m.ordinal), str(m.page or ""), str(m.line), m.theme or "", m.measure_type or "",
                      indent + m.text[:160], ", ".join(p.partner for p in m.partners))
    console.print(table)
    return 0


def cmd_diff(args: argparse.Namespace) -> int:
    from pipeline.compare.changes import changes_to_csv, changes_to_html, changes_to_markdown, diff, write_changes

    changes = diff(args.old, args.new, root=args.out, force=args.force)
    write_changes(changes, args.out)
    text = {"md": changes_to_markdown, "html": changes_to_html,
            "csv": changes_to_csv}[args.format](changes)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
        console.print(f"skrev {args.output}")
    else:
        console.print(text, markup=False, highlight=False)
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from pipeline.report.build import build_report

    path = build_report(args.out, args.output)
    if path is None:
        raise TiltakError(f"no measures in {args.out}", "run `tiltak run` first")
    console.print(f"skrev {path}")
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    from pipeline import store
    from pipeline.status.lights import current_status, set_status, status_summary
    from pipeline.status.spreadsheet import import_status

    measures = store.load("measures", root=args.out)
    if args.action == "set":
        row = set_status(args.out, measures, args.measure, args.status, args.note)
        console.print(f"{row.get('lineage_id')}: {row.get('status')}")
    elif args.action == "import":
        report = import_status(args.out, measures, args.file)
        console.print(f"{len(report.written)} statuser skrevet")
        for p in report.problems:
            err.print(f"rad {p.row}: {p.query!r}: {p.reason}")
        return 0 if report.ok else 1
    else:
        console.print(status_summary(measures, current_status(args.out)).to_string(index=False))
    return 0


def cmd_versions(args: argparse.Namespace) -> int:
    from pipeline import store
    from pipeline.meta.versions import version_key

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
    for col in ("versjon", "tidspunkt", "operasjon"):
        hist.add_column(col)
    for h in store.history(args.out, "measures"):
        hist.add_row(str(h["version"]), str(h["timestamp"]), str(h["operation"]))
    console.print(hist)
    return 0


def cmd_vacuum(args: argparse.Namespace) -> int:
    from pipeline.store.vacuum import vacuum

    report = vacuum(args.out, keep_days=args.keep_days, dry_run=args.dry_run, keep_referenced=args.keep_referenced)
    console.print(str(report))
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from pipeline.schedule.serve import serve

    return serve(raw=args.raw, out=args.out, interval=args.interval, cron=args.cron)


def cmd_eval(args: argparse.Namespace) -> int:
    import json

    from pipeline.evaluation.corpus import evaluate, gold_documents, summary

    results = []
    for r in evaluate(gold_documents(args.folder, args.split)):
        results.append(r)
        if not args.quiet:
            figures = "  ".join(f"{k.replace('segmentation_', 'seg_')}={r[k]}" for k in EVAL_COLUMNS if k in r)
            print(f"{r['file']} [{r['split'] or '-'}] {r['pred_measures']}/{r['gold_measures']}  {figures}")
    print(json.dumps(summary(results), ensure_ascii=False))
    return 0


EVAL_COLUMNS = ("segmentation_precision", "segmentation_recall", "segmentation_f1", "theme_acc", "parent_acc",
                "partner_f1", "goal_recall", "responsible_f1", "deadline_acc")


def cmd_train(args: argparse.Namespace) -> int:
    from pipeline.evaluation.training import train_confidence
    from pipeline.nlp.train import main as train_classifiers

    argv = [*(["--gold", str(args.gold)] if args.gold else []), *(["--lemmas"] if args.lemmas else [])]
    train_classifiers(argv)
    figures = train_confidence(args.corpus)
    print(f"confidence: {figures}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="tiltak", description="Handlingsprogram-notater -> versjonerte datasett.")
    p.add_argument("--version", action="version", version=f"tiltak {VERSION}")
    p.add_argument("--debug", action="store_true", help="show tracebacks")
    sub = p.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="process what is new or changed in raw/ (one pass of the flow)")
    run.add_argument("--raw", type=Path, default=Path("raw"), help="the drop folder (default raw)")
    run.add_argument("--out", type=Path, default=Path("processed"), help="output folder (default processed)")
    run.add_argument("--force", action="store_true", help="reprocess every file")
    run.add_argument("--quiet", action="store_true", help="no progress or summary (for cron)")
    run.add_argument("--strict", action="store_true",
                     help="exit 1 when any file failed (in this run, or still failing since an earlier one)")
    run.add_argument("--workers", type=int, default=None, help="parse files in N processes (default: settings)")
    run.add_argument("--dask-address", default=None, help="run the file tasks on this Dask scheduler (tcp://...)")
    run.set_defaults(func=cmd_run)

    serve = sub.add_parser("serve", help="run the flow on a schedule (Prefect deployment)",
                           description="Serve the reprocess flow on a schedule. Uses the Prefect server in "
                                       "PREFECT_API_URL, or starts a local one (state in <out>/.prefect) and "
                                       "stops it on Ctrl-C or SIGTERM.")
    serve.add_argument("--raw", type=Path, default=Path("raw"), help="the drop folder (default raw)")
    serve.add_argument("--out", type=Path, default=Path("processed"), help="output folder (default processed)")
    when = serve.add_mutually_exclusive_group()
    when.add_argument("--interval", default=None, help="e.g. 10m, 30s, 1h (default 10m)")
    when.add_argument("--cron", default=None, help='cron expression, e.g. "*/10 * * * *"')
    serve.set_defaults(func=cmd_serve)

    show = sub.add_parser("show", help="parse one file and print its measures; writes nothing")
    show.add_argument("file")
    show.set_defaults(func=cmd_show)

    diff = sub.add_parser("diff", help="what changed between two programme versions")
    diff.add_argument("old", help='programme version ("Handlingsprogram 2026@2025-09-09") or file name')
    diff.add_argument("new")
    diff.add_argument("--format", choices=("md", "html", "csv"), default="md")
    diff.add_argument("-o", "--output", help="write to this file")
    diff.add_argument("--out", type=Path, default=Path("processed"))
    diff.add_argument("--force", action="store_true", help="diff versions of different programmes")
    diff.set_defaults(func=cmd_diff)

    report = sub.add_parser("report", help="static HTML report")
    report.add_argument("-o", "--output", default=None, help="default processed/report.html")
    report.add_argument("--out", type=Path, default=Path("processed"))
    report.set_defaults(func=cmd_report)

    status = sub.add_parser("status", help="traffic lights per measure")
    status.add_argument("--out", type=Path, default=Path("processed"))
    ssub = status.add_subparsers(dest="action", required=True)
    sset = ssub.add_parser("set", help="set a measure's status (id, id prefix or unambiguous text)")
    sset.add_argument("measure")
    sset.add_argument("status", help="grønn | gul | rød")
    sset.add_argument("--note", default=None)
    simp = ssub.add_parser("import", help="import statuses from CSV or Excel")
    simp.add_argument("file")
    ssub.add_parser("show", help="counts per theme and colour")
    status.set_defaults(func=cmd_status)

    vac = sub.add_parser("vacuum", help="delete data files of dataset versions older than N days (never by default)")
    vac.add_argument("--keep-days", type=int, required=True, help="keep every version newer than this")
    vac.add_argument("--dry-run", action="store_true", help="list what would be deleted, delete nothing")
    vac.add_argument("--keep-referenced", action="store_true",
                     help="keep the versions a status or diff refers to and vacuum the rest (default: refuse)")
    vac.add_argument("--out", type=Path, default=Path("processed"))
    vac.set_defaults(func=cmd_vacuum)

    ev = sub.add_parser("eval", help="score tiltak on an annotated corpus (parse, segment, enrich; writes nothing)",
                        description="Every document with a NAME.gold.json in FOLDER (default tests/corpus) through "
                                    "parse -> segment -> enrich in this process; per-document figures, then one "
                                    "JSON line of macro means.")
    ev.add_argument("folder", nargs="?", type=Path, default=Path("tests/corpus"))
    ev.add_argument("--split", choices=("dev", "test"), default=None, help="only this split of manifest.tsv")
    ev.add_argument("--quiet", action="store_true", help="only the JSON line")
    ev.set_defaults(func=cmd_eval)

    train = sub.add_parser("train", help="rebuild the shipped models from the data in the repository",
                           description="Refit the theme and type classifiers (pipeline/resources/train) and the "
                                       "segmenter's confidence model (the corpus's dev split); needs the train "
                                       "extra: pip install -e '.[train]'.")
    train.add_argument("--corpus", type=Path, default=Path("tests/corpus"), help="annotated corpus (dev split)")
    train.add_argument("--gold", type=Path, default=None, help="a gold JSON file to score the classifiers on")
    train.add_argument("--lemmas", action="store_true", help="rebuild the lemma table too (spacy-lookups-data)")
    train.set_defaults(func=cmd_train)

    versions = sub.add_parser("versions", help="programme versions and dataset versions")
    versions.add_argument("--out", type=Path, default=Path("processed"))
    versions.set_defaults(func=cmd_versions)
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except TiltakError as exc:
        if args.debug:
            raise
        err.print(f"tiltak: {exc.message} ({exc.hint})", soft_wrap=True, markup=False, highlight=False)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
