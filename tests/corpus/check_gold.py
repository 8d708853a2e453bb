"""Check the corpus's gold files against the annotation rules before they are used.

    python tests/corpus/check_gold.py [tests/corpus/docs/NAME.gold.json ...]

Checks, per gold file: the JSON shape; the document exists beside it (a .docx or .html is read as the
text a reader sees); every key_phrase
occurs in its own measure's text and in the document, and in no other measure's text of the same file
(the scorer matches predictions by key phrase); parents exist and come earlier; themes and types are
ids of the taxonomy; partners and responsibles are canonical gazetteer names, "<Name> kommune" or
declared in "new_partners". Prints one line per problem and exits 1 if there is any.
"""
from __future__ import annotations

import json
import re
import sys
import tomllib
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RESOURCES = ROOT / "pipeline" / "resources"
TAXONOMY = tomllib.loads((RESOURCES / "taxonomy.toml").read_text(encoding="utf-8"))
THEMES = {t["id"] for t in TAXONOMY["themes"]}
TYPES = {t["id"] for t in TAXONOMY["types"]}
GOAL_KINDS = {"resultatmål", "effektmål", "mål"}


def norm(text: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("\u00ad", "")
    return re.sub(r"\s+", " ", text).strip().casefold()


def document_text(source: Path) -> str:
    """The text a reader sees: a Word file's paragraphs and table cells (python-docx), a web page without its
    tags, a PDF's page text (pdfplumber), any other file as UTF-8 text."""
    if source.suffix.lower() == ".docx":
        import docx  # python-docx, a core dependency

        document = docx.Document(str(source))
        cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
        return "\n".join([p.text for p in document.paragraphs] + cells)
    if source.suffix.lower() == ".pdf":
        import pdfplumber  # a core dependency

        with pdfplumber.open(source) as pdf:
            return "\n".join(page.extract_text() or "" for page in pdf.pages)
    text = source.read_text(encoding="utf-8")
    if source.suffix.lower() in (".html", ".htm"):
        import html

        text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    return text


def canonical_partners() -> set[str]:
    data = tomllib.loads((RESOURCES / "partners.toml").read_text(encoding="utf-8"))
    return {p["name"] for p in data.get("partner", [])}


def check(path: Path, known: set[str]) -> list[str]:
    problems: list[str] = []
    say = problems.append
    gold = json.loads(path.read_text(encoding="utf-8"))
    doc = gold.get("document", {})
    source = path.with_name(doc.get("file", ""))
    if not doc.get("file") or not source.is_file():
        return [f"{path.name}: document.file {doc.get('file')!r} not found beside the gold file"]
    text = norm(document_text(source))
    declared = {p["name"] for p in gold.get("new_partners", [])}
    measures = gold.get("measures", [])
    seen: set[str] = set()
    for m in measures:
        mid = m.get("id", "?")
        key = norm(m.get("key_phrase", ""))
        own = norm(m.get("text", ""))
        if not key or key not in own:
            say(f"{path.name} {mid}: key_phrase {m.get('key_phrase')!r} not in its text")
        if key and key not in text:
            say(f"{path.name} {mid}: key_phrase {m.get('key_phrase')!r} not in the document")
        others = [o["id"] for o in measures if o is not m and key and key in norm(o.get("text", ""))]
        if others:
            say(f"{path.name} {mid}: key_phrase {m.get('key_phrase')!r} also in {others}")
        if m.get("parent") and m["parent"] not in seen:
            say(f"{path.name} {mid}: parent {m['parent']!r} is not an earlier measure")
        if m.get("theme") not in THEMES or not set(m.get("alt_themes", [])) <= THEMES:
            say(f"{path.name} {mid}: theme {m.get('theme')!r} / alt_themes not in the taxonomy")
        if m.get("type") not in TYPES:
            say(f"{path.name} {mid}: type {m.get('type')!r} not a measure type")
        for g in m.get("goals", []):
            if g.get("kind") not in GOAL_KINDS or not g.get("text"):
                say(f"{path.name} {mid}: goal {g!r} needs kind in {sorted(GOAL_KINDS)} and text")
        for name in [*m.get("partners", []), *m.get("responsible", [])]:
            if name not in known and name not in declared and not re.fullmatch(r"\S.* kommune", name):
                say(f"{path.name} {mid}: partner {name!r} is neither canonical nor declared in new_partners")
        seen.add(mid)
    return problems


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv] or sorted(Path(__file__).parent.glob("docs/*.gold.json"))
    known = canonical_partners()
    problems = [p for path in paths for p in check(path, known)]
    for line in problems:
        print(line)
    n = sum(len(json.loads(p.read_text(encoding="utf-8"))["measures"]) for p in paths)
    print(f"{len(paths)} gold files, {n} measures, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
