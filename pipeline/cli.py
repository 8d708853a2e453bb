"""The ``tiltak`` command: thin adapters over the library. Errors print one line (no traceback
unless --debug) saying what went wrong and what to do."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import NoReturn

from rich.console import Console
from rich.markup import escape
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
            err.print(f"[red]✗[/red] {escape(state.source_file)}: {escape(result.error['message'])} — "
                      f"{escape(result.error['hint'])}", highlight=False)
        else:
            console.print(f"[green]✓[/green] {escape(state.source_file)}: {len(result.measures)} tiltak", highlight=False)

    on_file(progress)
    scale = {k: v for k, v in (("workers", args.workers), ("dask_address", args.dask_address),
                               ("allow_removal", args.allow_removal)) if v}
    summary = reprocess(raw=str(args.raw), out=str(args.out), force=args.force, **scale)
    if not args.quiet:
        from pipeline.report.terminal import print_run_summary

        print_run_summary(summary, Path(args.out), console, err)
    if summary.removal_held:  # also with --quiet: nothing else tells a scheduler's log
        err.print(f"tiltak: {len(summary.removal_held)} filer er borte fra {args.raw} (alle eller mer enn halvparten "
                  f"av de kjente); ingenting ble fjernet (sjekk at mappen er montert; --allow-removal fjerner dem)",
                  soft_wrap=True, markup=False, highlight=False)
    return 1 if args.strict and (summary.failed or summary.failing or summary.removal_held) else 0


def cmd_show(args: argparse.Namespace) -> int:
    from pipeline.meta.versions import document_meta, version_key
    from pipeline.nlp.enrich import enrich_measures
    from pipeline.parse import parse
    from pipeline.report.export import to_csv_text, to_json_text
    from pipeline.report.terminal import measure_blocks
    from pipeline.run.process import measures_to_rows
    from pipeline.segment import blocks_to_measures

    path = Path(args.file)
    if not path.is_file():
        raise TiltakError(f"{path} finnes ikke", "sjekk stien")
    doc = parse(path)
    meta = document_meta(doc, path)
    rows = measures_to_rows(enrich_measures(blocks_to_measures(doc.blocks)), "", path.name, meta)
    if args.format != "text":
        import pandas as pd

        frame = pd.DataFrame(rows)
        print(to_json_text(frame) if args.format == "json" else to_csv_text(frame), end="")
        return 0
    console.print(f"[bold]{escape(version_key(meta.program, meta.version_date))}[/bold] — {len(rows)} tiltak "
                  f"i {escape(path.name)}", highlight=False)
    console.print()
    console.print(measure_blocks(rows, console.width), markup=False, highlight=False, soft_wrap=True)
    return 0


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


def write_stdout(text: str) -> None:
    """``text`` on stdout byte for byte (UTF-8), never through rich: machine formats must not be wrapped."""
    sys.stdout.flush()
    sys.stdout.buffer.write(text.encode("utf-8"))
    sys.stdout.buffer.flush()


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


def cmd_serve(args: argparse.Namespace) -> int:
    from pipeline.schedule.serve import serve

    return serve(raw=args.raw, out=args.out, interval=args.interval, cron=args.cron, watch=args.watch,
                 quiet_seconds=args.quiet_seconds)


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
    from pipeline.evaluation.classifiers import choose_fallback, corpus_examples, extra_training
    from pipeline.evaluation.training import require_training_libraries, train_confidence
    from pipeline.nlp.train import main as train_classifiers

    require_training_libraries()

    argv = [*(["--gold", str(args.gold)] if args.gold else []), *(["--lemmas"] if args.lemmas else [])]
    examples = corpus_examples(args.corpus)
    print(f"theme fallback: {choose_fallback(examples)}")
    train_classifiers(argv, extra=extra_training(examples))
    print(f"confidence: {train_confidence(args.corpus)}")
    return 0


def _out(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", type=Path, default=Path("processed"), help="datamappen (standard: processed)")


def _raw(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--raw", type=Path, default=Path("raw"), help="slippmappen (standard: raw)")


class Parser(argparse.ArgumentParser):
    """argparse with one-line errors (``tiltak: <message> (se tiltak ... --help)``, exit 2)."""

    def error(self, message: str) -> "NoReturn":  # type: ignore[override]
        self.exit(2, f"tiltak: {message} (se `{self.prog} --help`)\n")


def _common() -> argparse.ArgumentParser:
    """Options every subcommand takes after its name too (``tiltak run --debug``)."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help="vis hele feilmeldingen")
    return common


def build_parser() -> argparse.ArgumentParser:
    p = Parser(prog="tiltak", description="Handlingsprogram-notater -> versjonerte datasett.")
    p._optionals.title = "valg"
    p.add_argument("--version", action="version", version=f"tiltak {VERSION}", help="vis versjonen")
    p.add_argument("--debug", action="store_true", help="vis hele feilmeldingen (traceback), før eller etter kommandoen")
    sub = p.add_subparsers(dest="command", required=True, title="kommandoer", metavar="KOMMANDO", parser_class=Parser)
    original = sub.add_parser

    def add_parser(name: str, **kwargs: object) -> argparse.ArgumentParser:
        return original(name, parents=[_common()], **kwargs)  # type: ignore[arg-type]

    sub.add_parser = add_parser  # type: ignore[method-assign]

    run = sub.add_parser("run", help="behandle det som er nytt eller endret i raw/ (én kjøring)")
    _raw(run)
    _out(run)
    run.add_argument("--force", action="store_true", help="behandle alle filer på nytt")
    run.add_argument("--quiet", action="store_true", help="ingen fremdrift eller oppsummering (for cron)")
    run.add_argument("--strict", action="store_true",
                     help="avslutt med kode 1 når en fil feiler (i denne kjøringen eller fortsatt fra en tidligere)")
    run.add_argument("--workers", type=int, default=None, help="les N filer samtidig i egne prosesser")
    run.add_argument("--dask-address", default=None, help="kjør filene på denne Dask-scheduleren (tcp://...)")
    run.add_argument("--allow-removal", action="store_true",
                     help="fjern filene som er borte fra raw/ også når det er alle eller mer enn halvparten av dem")
    run.set_defaults(func=cmd_run)

    serve = sub.add_parser("serve", help="kjør jevnlig (Prefect), og med --watch straks en fil lagres",
                           description="Kjører flyten på en tidsplan. Bruker Prefect-serveren i PREFECT_API_URL, "
                                       "eller starter en lokal (tilstand i <out>/.prefect) og stopper den ved "
                                       "Ctrl-C eller SIGTERM. Med --watch starter en kjøring noen sekunder etter "
                                       "at en fil i raw/ sist ble endret; tidsplanen går videre som reserve.")
    _raw(serve)
    _out(serve)
    when = serve.add_mutually_exclusive_group()
    when.add_argument("--interval", default=None, help="f.eks. 10m, 30s, 1h (standard 10m)")
    when.add_argument("--cron", default=None, help='cron-uttrykk, f.eks. "*/10 * * * *"')
    serve.add_argument("--watch", action="store_true", help="følg raw/ og kjør når filer kommer eller endres")
    serve.add_argument("--quiet-seconds", type=float, default=None,
                       help="med --watch: vent så mange sekunder uten endringer før kjøringen (standard 3)")
    serve.set_defaults(func=cmd_serve)

    show = sub.add_parser("show", help="les én fil og vis tiltakene; skriver ingenting")
    show.add_argument("file", help="dokumentet (PDF, DOCX, TXT, HTML, e-post)")
    show.add_argument("--format", choices=("text", "json", "csv"), default="text",
                      help="text (standard, for mennesker), json eller csv (for maskiner)")
    show.set_defaults(func=cmd_show)

    ms = sub.add_parser("measures", help="list, filtrer og eksporter de lagrede tiltakene",
                        description="Tiltakene i gjeldende datasettversjon, filtrert (alle filtre må passe). "
                                    "-o velger format ut fra filendelsen; .xlsx gir statusarket som "
                                    "`tiltak status import` leser tilbake.")
    ms.add_argument("--program", help="programnavn (del av navnet holder)")
    ms.add_argument("--version", help="programversjon: dato (2025-10-14), «Program@2025-10-14» eller «siste»")
    ms.add_argument("--theme", help="tema (id eller del av navnet)")
    ms.add_argument("--type", help="tiltakstype (id eller del av navnet)")
    ms.add_argument("--partner", help="partner (del av navnet)")
    ms.add_argument("--responsible", help="ansvarlig (del av navnet; krever kolonnen responsible)")
    ms.add_argument("--status", help="grønn, gul, rød eller ikke-vurdert")
    ms.add_argument("--file", help="kildefil (del av navnet)")
    ms.add_argument("-q", "--query", help="tekst i tiltaket")
    ms.add_argument("--format", choices=("table", "csv", "json", "xlsx", "parquet"), default=None,
                    help="standard: table, eller ut fra filendelsen til -o")
    ms.add_argument("-o", dest="output", metavar="FIL", help="skriv til denne filen (.csv, .json, .xlsx, .parquet)")
    _out(ms)
    ms.set_defaults(func=cmd_measures)

    diff = sub.add_parser("diff", help="hva som endret seg mellom to programversjoner")
    diff.add_argument("old", help='programversjon ("Handlingsprogram 2026@2025-09-09") eller filnavn')
    diff.add_argument("new", help="den nye programversjonen eller filen")
    diff.add_argument("--format", choices=("md", "html", "csv", "json"), default="md",
                      help="md, html, csv eller json; skrives byte for byte til stdout uten -o")
    diff.add_argument("-o", dest="output", metavar="FIL", help="skriv til denne filen")
    _out(diff)
    diff.add_argument("--force", action="store_true", help="sammenlign versjoner av ulike programmer")
    diff.set_defaults(func=cmd_diff)

    report = sub.add_parser("report", help="lag den statiske HTML-rapporten")
    report.add_argument("-o", dest="output", metavar="FIL", default=None, help="standard <out>/report.html")
    _out(report)
    report.set_defaults(func=cmd_report)

    status = sub.add_parser("status", help="trafikklys per tiltak")
    _out(status)
    ssub = status.add_subparsers(dest="action", required=True, title="handlinger", metavar="HANDLING", parser_class=Parser)
    after = argparse.ArgumentParser(add_help=False)  # --out after the action too: status set X gul --out p
    after.add_argument("--out", type=Path, default=argparse.SUPPRESS, help="datamappen (standard: processed)")
    sset = ssub.add_parser("set", parents=[after, _common()],
                           help="sett status for et tiltak (id, starten av id-en eller entydig tekst)")
    sset.add_argument("measure", help="tiltakets id, lineage_id, starten av id-en eller en entydig tekst")
    sset.add_argument("status", help="grønn | gul | rød")
    sset.add_argument("--note", default=None, help="kommentar")
    simp = ssub.add_parser("import", parents=[after, _common()], help="les statuser fra CSV eller Excel (f.eks. statusarket)")
    simp.add_argument("file", help="CSV- eller Excel-fil med id, status og eventuelt note")
    sshow = ssub.add_parser("show", parents=[after, _common()],
                            help="antall per tema og farge for én programversjon (standard: den nyeste)")
    sshow.add_argument("--program", default=None, help="programnavn (standard: den nyeste versjonens)")
    sshow.add_argument("--version", default=None, help="versjonsdato ÅÅÅÅ-MM-DD eller versjonsnøkkel (standard: den nyeste)")
    status.set_defaults(func=cmd_status)

    vac = sub.add_parser("vacuum", help="slett datafiler for datasettversjoner eldre enn N dager (aldri av seg selv)")
    vac.add_argument("--keep-days", type=int, required=True, help="behold alle versjoner nyere enn dette")
    vac.add_argument("--dry-run", action="store_true", help="vis hva som ville blitt slettet, slett ingenting")
    vac.add_argument("--keep-referenced", action="store_true",
                     help="behold versjonene en status eller diff viser til, og rydd resten (standard: avvis)")
    _out(vac)
    vac.set_defaults(func=cmd_vacuum)

    ev = sub.add_parser("eval", help="mål tiltak mot et annotert korpus (leser, segmenterer, beriker; skriver ingenting)",
                        description="Hvert dokument med en NAME.gold.json i FOLDER (standard tests/corpus) gjennom "
                                    "parse -> segment -> enrich i denne prosessen; tall per dokument, så én "
                                    "JSON-linje med makrosnitt.")
    ev.add_argument("folder", nargs="?", type=Path, default=Path("tests/corpus"), help="korpusmappen")
    ev.add_argument("--split", choices=("dev", "test"), default=None, help="bare denne delen av manifest.tsv")
    ev.add_argument("--quiet", action="store_true", help="bare JSON-linjen")
    ev.set_defaults(func=cmd_eval)

    train = sub.add_parser("train", help="bygg de medfølgende modellene på nytt fra dataene i repoet",
                           description="Tilpass tema- og typeklassifikatorene (pipeline/resources/train) og "
                                       "segmentererens konfidensmodell (korpusets dev-del); krever train-ekstraen: "
                                       "pip install -e '.[train]'.")
    train.add_argument("--corpus", type=Path, default=Path("tests/corpus"), help="annotert korpus (dev-delen)")
    train.add_argument("--gold", type=Path, default=None, help="en gold-JSON-fil å måle klassifikatorene på")
    train.add_argument("--lemmas", action="store_true", help="bygg lemmatabellen også (spacy-lookups-data)")
    train.set_defaults(func=cmd_train)

    versions = sub.add_parser("versions", help="programversjoner og datasettversjoner")
    _out(versions)
    versions.set_defaults(func=cmd_versions)
    for parser in (p, *sub.choices.values(), *ssub.choices.values()):
        parser._optionals.title = "valg"
        parser._positionals.title = "argumenter"
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except TiltakError as exc:
        if args.debug:
            raise
        err.print(f"tiltak: {exc.message} ({exc.hint})", soft_wrap=True, markup=False, highlight=False)
        return exc.exit_code
    except OSError as exc:  # a path given on the command line: one line, never a traceback
        if args.debug:
            raise
        where = f": {exc.filename}" if exc.filename else ""
        err.print(f"tiltak: {exc.strerror or exc}{where} (check the path and its permissions)", soft_wrap=True,
                  markup=False, highlight=False)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
