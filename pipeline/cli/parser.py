"""The argument parser of ``tiltak``: every command, its options and its Norwegian help."""
from __future__ import annotations

import argparse
from pathlib import Path
from typing import NoReturn

from pipeline.cli.processing import cmd_eval, cmd_run, cmd_serve, cmd_show, cmd_train
from pipeline.cli.tables import cmd_diff, cmd_measures, cmd_report, cmd_status, cmd_vacuum, cmd_versions
from pipeline.config import VERSION


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
    show.add_argument("--layout", action="store_true",
                      help="vis blokkene slik leseren fant dem: type, nivå, kolonne (tabellrolle eller tekstspalte), "
                           "rad, side og boks")
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
    ev.add_argument("--layouts", action="store_true",
                    help="mål layoutkorpuset (FOLDER/layouts/manifest.tsv): tabell per layout mot ren tekst")
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
