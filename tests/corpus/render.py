"""Render corpus documents into the layouts real exports produce (dev tool; tests read the committed files).

    python tests/corpus/render.py [--out tests/corpus/layouts] [--only DOC ...]

Needs Chromium (``/usr/bin/chromium``), LibreOffice (``soffice``, package ``libreoffice-writer-nogui``)
and python-docx. Each document of ``DOCS`` is rendered in every layout of ``LAYOUTS``; the file
``<doc>--<layout>.<ext>`` is listed in ``layouts/manifest.tsv`` with the gold it is scored against
(``tiltak eval --layouts``). Notes layouts render the document's own text (``docs/NAME.txt``); table
layouts lay out its gold measures (text, goals, partners, sections) as an action-programme table, the
way such a programme is typed into Word or a CMS. Fonts, sizes, margins and page sizes vary per layout
as they do between real exports; nothing is tuned to the parser.
"""
from __future__ import annotations

import argparse
import html
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any, Callable

from render_content import TITLE, flat_rows, notes_html, table_html, table_rows, text_blocks
from render_docx import docx_notes, docx_notes_boxed, docx_table

HERE = Path(__file__).resolve().parent
DOCS = ("b_helsedir_folkehelse", "d_roysaleite_handlingsplan", "fellesforbundet_naering", "stortinget_kulturskole",
        "telemark_dks", "vtr_arbeidsprogram", "statsbudsjettet_demens", "a_oygarden_tiltakspakke",
        "d_nordlandbondelag_arbeidsplan", "b_sfjfk_strategiar", "d_frognidrettsrad_arealdel", "seed_workshop_notes")
TABLE_ONLY = {"seed_workshop_notes"}  # its text is a PDF dump (lines cut by blank lines): tables from its gold only
CHROMIUM = ["/usr/bin/chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run"]


# ---------------------------------------------------------------- layouts

BASE_CSS = "body{margin:0} h1{font-size:1.5em} h2{font-size:1.15em;margin:1em 0 .3em} p{margin:.4em 0}"
TABLE_CSS = ("table{border-collapse:collapse;width:100%} td,th{vertical-align:top;text-align:left;padding:PAD}"
             " ul{margin:.2em 0;padding-left:1.2em} tr.sec td{font-weight:bold;padding-top:.8em}")
NUMBERED_CSS = ("ol{counter-reset:n;list-style:none;padding-left:0} ol>li{counter-increment:n;padding-left:2.2em;"
                "text-indent:-2.2em} ol.d0>li::before{content:counter(n) '.';display:inline-block;width:2.2em;"
                "text-indent:0} ol.d1>li::before{content:counter(n, lower-alpha) ')';display:inline-block;"
                "width:2.2em;text-indent:0}")


def page_css(size: str, margin: str, font: str, pt: float) -> str:
    return f"@page{{size:{size};margin:{margin}}} body{{font-family:{font};font-size:{pt}pt;line-height:1.25}}"


def notes_layout(css: str, numbered: bool = False, columns: int = 1, furniture: bool = False) -> Callable[..., str]:
    def build(text: str, gold: dict[str, Any]) -> str:
        body = notes_html(text_blocks(text), numbered)
        if columns > 1:
            body = f'<div style="column-count:{columns};column-gap:1.1cm">{body}</div>'
        return f"<style>{BASE_CSS} {css} {NUMBERED_CSS if numbered else ''}</style>" + body
    build.furniture = furniture  # type: ignore[attr-defined]
    return build


def table_layout(css: str, columns: list[tuple[str, str, str]], padding: str = "3pt 5pt", ruled: bool = True,
                 header: bool = True, repeat: bool = True, sections: bool = False, bullets: bool = False,
                 furniture: bool = False) -> Callable[..., str]:
    def build(text: str, gold: dict[str, Any]) -> str:
        rows = table_rows(gold) if bullets else flat_rows(gold)
        rules = "td,th{border:0.6pt solid #444}" if ruled else "th{border-bottom:1pt solid #000}"
        title = f"<h1>{html.escape(TITLE)}</h1><p>Tiltakene under er foreslått av faggruppene.</p>"
        return f"<style>{BASE_CSS} {css} {TABLE_CSS.replace('PAD', padding)} {rules}</style>" + title + \
            table_html(rows, columns, header=header, repeat=repeat, sections=sections, bullets=bullets)
    build.furniture = furniture  # type: ignore[attr-defined]
    return build


COLS_4 = [("Nr", "nr", "6%"), ("Tiltak", "text", "60%"), ("Ansvar", "owner", "20%"), ("Frist", "deadline", "14%")]
COLS_WRAP = [("Nr.", "nr", "5%"), ("Tiltak", "text", "45%"), ("Resultat- og effektmål", "goals", "18%"),
             ("Ansvarlig / samarbeids­partnere", "owner", "14%"), ("Frist / tids­plan", "deadline", "9%"),
             ("Status per novem­ber", "status", "9%")]
COLS_LAND = [("Nr", "nr", "5%"), ("Tiltak", "text", "40%"), ("Ansvarlig", "owner", "13%"),
             ("Samarbeidspartnere", "partners", "17%"), ("Frist", "deadline", "10%"), ("Resultatmål", "goals", "15%")]
COLS_3 = [("Tiltak", "text", "70%"), ("Ansvar", "owner", "18%"), ("Status", "status", "12%")]
COLS_7 = [("Nr", "nr", "4%"), ("Tiltak", "text", "38%"), ("Mål", "goals", "16%"), ("Ansvar", "owner", "11%"),
          ("Partnere", "partners", "13%"), ("Frist", "deadline", "9%"), ("Status", "status", "9%")]
COLS_NOHEAD = [("", "nr", "6%"), ("", "text", "70%"), ("", "deadline", "24%")]

LAYOUTS: dict[str, Callable[..., str]] = {
    "notes-1col": notes_layout(page_css("A4", "2.5cm 2.2cm", "'Liberation Serif', serif", 11.5), furniture=True),
    "notes-2col": notes_layout(page_css("Letter", "2cm 1.6cm", "'DejaVu Sans', sans-serif", 9.5), columns=2,
                               furniture=True),
    "notes-3col": notes_layout(page_css("A4", "1.8cm 1.4cm", "'Liberation Sans', sans-serif", 8.5), columns=3,
                               furniture=True),
    "notes-numbered": notes_layout(page_css("A4", "2.2cm 2.5cm", "'Liberation Sans', sans-serif", 10.5),
                                   numbered=True),
    "table-ruled": table_layout(page_css("A4", "2cm", "'Liberation Sans', sans-serif", 10), COLS_4, furniture=True),
    "table-wrapped-header": table_layout(page_css("A4", "1.8cm 1.5cm", "'DejaVu Sans', sans-serif", 8.5), COLS_WRAP,
                                         ruled=False),
    "table-landscape": table_layout(page_css("A4 landscape", "1.5cm", "'Liberation Serif', serif", 10.5), COLS_LAND,
                                    padding="6pt 5pt", furniture=True),
    "table-3col-sections": table_layout(page_css("Letter", "2.5cm 2cm", "'Liberation Sans', sans-serif", 10.5), COLS_3,
                                        sections=True, bullets=True),
    "table-7col-no-repeat": table_layout(page_css("A4", "1.4cm", "'DejaVu Sans', sans-serif", 8), COLS_7, repeat=False,
                                         ruled=False, padding="4pt 3pt"),
    "table-no-header": table_layout(page_css("A4", "2cm", "'Liberation Serif', serif", 11), COLS_NOHEAD, header=False,
                                    ruled=False),
}
DOCX_LAYOUTS = ("docx-table-merged", "docx-notes-numbered", "docx-notes-textbox")


# ---------------------------------------------------------------- engines

def chromium_pdf(page: str, out: Path, tmp: Path, furniture: bool) -> None:
    """Chromium print; ``furniture`` keeps Chromium's own header (date, title) and footer (URL, "1/3")
    on every page, as a user's "Print to PDF" does."""
    src = tmp / f"{out.stem}.html"
    src.write_text(f'<!doctype html><html lang="nb"><head><meta charset="utf-8"><title>{TITLE}</title></head>'
                   f"<body>{page}</body></html>", encoding="utf-8")
    subprocess.run([*CHROMIUM, f"--user-data-dir={tmp / 'profile'}", f"--print-to-pdf={out}",
                    *([] if furniture else ["--no-pdf-header-footer"]), src.as_uri()], check=True, capture_output=True, timeout=120)


def soffice_pdf(docx_path: Path, out: Path, tmp: Path) -> None:
    subprocess.run(["soffice", f"-env:UserInstallation={(tmp / 'lo').as_uri()}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp), str(docx_path)], check=True, capture_output=True, timeout=180)
    shutil.move(tmp / f"{docx_path.stem}.pdf", out)


def render(doc: str, out_dir: Path, tmp: Path, only: set[str] | None = None) -> list[tuple[str, str, str]]:
    """Every layout of one document (or those in ``only``); returns manifest rows (file, gold, layout)."""
    text = (HERE / "docs" / f"{doc}.txt").read_text(encoding="utf-8")
    gold_name = f"docs/{doc}.gold.json"
    gold = json.loads((HERE / gold_name).read_text(encoding="utf-8"))
    wanted = [*LAYOUTS, *DOCX_LAYOUTS, "lo-table-merged", "lo-notes-numbered"]
    wanted = [x for x in wanted if (only is None or x in only) and not (doc in TABLE_ONLY and "notes" in x)]
    rows = []
    for layout, build in LAYOUTS.items():
        if layout in wanted:
            out = out_dir / f"{doc}--{layout}.pdf"
            chromium_pdf(build(text, gold), out, tmp, getattr(build, "furniture", False))
            rows.append((out.name, gold_name, layout))
    makers: tuple[tuple[str, Callable[[Path], None]], ...] = (
        ("table-merged", lambda p: docx_table(gold, p)), ("notes-numbered", lambda p: docx_notes(text, p)),
        ("notes-textbox", lambda p: docx_notes_boxed(text, p)))
    for kind, make in makers:
        if f"docx-{kind}" not in wanted and f"lo-{kind}" not in wanted:
            continue
        src = out_dir / f"{doc}--docx-{kind}.docx"
        make(src)
        if f"docx-{kind}" in wanted:
            rows.append((src.name, gold_name, f"docx-{kind}"))
        if f"lo-{kind}" in wanted and shutil.which("soffice"):
            out = out_dir / f"{doc}--lo-{kind}.pdf"
            soffice_pdf(src, out, tmp)
            rows.append((out.name, gold_name, f"lo-{kind}"))
        if f"docx-{kind}" not in wanted:
            src.unlink()
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, default=HERE / "layouts")
    ap.add_argument("--only", nargs="*", default=None, help="these documents (default: DOCS)")
    ap.add_argument("--layouts", nargs="*", default=None, help="these layouts (default: all)")
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    manifest = args.out / "manifest.tsv"
    rows: dict[str, tuple[str, str, str]] = {}
    if manifest.is_file() and (args.only or args.layouts):
        for line in manifest.read_text(encoding="utf-8").splitlines()[1:]:
            f, g, lay = line.split("\t")
            if (args.out / f).is_file():
                rows[f] = (f, g, lay)
    with tempfile.TemporaryDirectory() as tmp:
        for doc in args.only or DOCS:
            for row in render(doc, args.out, Path(tmp), set(args.layouts) if args.layouts else None):
                rows[row[0]] = row
            print(doc, file=sys.stderr)
    manifest.write_text("file\tgold\tlayout\n" + "".join("\t".join(r) + "\n" for r in sorted(rows.values())),
                        encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
