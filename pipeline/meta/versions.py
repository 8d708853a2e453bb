"""Programme versions: which programme a document is about, when it was met, and which draft it is.

Read from the title line ("29. august 2025 - … Handlingsprogram 2026 … (ny versjon pr 9.sept 25"),
else from the file name ("…_2025-09-09.pdf", "…_v2.docx"), else from a sidecar ``<file>.toml``
(keys: program, version_date, version_label, meeting_date). A sidecar always wins where it speaks.
"""
from __future__ import annotations

import re
import tomllib
from datetime import date
from pathlib import Path

from pipeline.meta.dates import find_dates, parse_date
from pipeline.models import Document, ProgrammeMeta

PROGRAM = re.compile(r"(?P<name>handlingsprogram(?:met)?|handlingsplan(?:en)?|årsplan(?:en)?|strategi)\s*(?:for\s+(?:[A-ZÆØÅ][\w\-]+\s+){0,2})?(?P<year>20\d\d)(?:\s*[-–]\s*(?P<year2>20\d\d))?",
                     re.IGNORECASE)
PROGRAM_BASES = ("Handlingsprogram", "Handlingsplan", "Årsplan", "Strategi")
VERSION_LABEL = re.compile(
    r"(?P<label>(?:(?:ny\s+versjon|versjon\s*\d*|revidert|oppdatert|(?:hørings|revidert\s+)?utkast|v\d+)\b|rev\.)"
    r"[^()\n:]*?)(?:\)|:|$)",
    re.IGNORECASE)
FILE_VERSION = re.compile(r"(?:^|[_\-\s])(?P<label>v\d+|versjon\s*\d+|utkast\s*\d*)(?:[_\-\s.]|$)", re.IGNORECASE)


def program_name(text: str) -> str | None:
    """'… om Handlingsprogram 2026, …' -> 'Handlingsprogram 2026'."""
    m = PROGRAM.search(text)
    if not m:
        return None
    name = m["name"].lower()
    base = next((b for b in PROGRAM_BASES if name.startswith(b.lower())), name.capitalize())
    years = m["year"] + (f"–{m['year2']}" if m["year2"] else "")
    return f"{base} {years}"


def meta_from_title(title: str) -> ProgrammeMeta:
    """Programme, meeting date, version date and label from a title line."""
    label_match = VERSION_LABEL.search(title)
    label = label_match["label"].strip(" ,.-") if label_match else None
    all_dates = find_dates(title)
    meeting = all_dates[0][2] if all_dates else None
    version = None
    if label_match:
        default_year = meeting.year if meeting else None
        version = parse_date(title[label_match.start():], default_year)
        if version is None and not label_match["label"].strip().lower().startswith(("ny versjon", "revidert", "oppdatert")):
            version = meeting
        if version is not None and meeting is not None and version == meeting and len(all_dates) == 1:
            # "Utkast … 3. november 2025": the only date is the version's own date
            before = title[: label_match.start()]
            if not find_dates(before):
                meeting = None
    elif meeting is not None:
        version = meeting
    return ProgrammeMeta(title=title.strip(), program=program_name(title), meeting_date=meeting,
                         version_date=version, version_label=label)


def meta_from_filename(name: str) -> ProgrammeMeta:
    """Version date and label from a file name: 'hp_2025-09-09.pdf', 'notater-14.10.2025_v2.docx'."""
    stem = Path(name).stem
    dates = find_dates(stem.replace("_", " "))
    label = FILE_VERSION.search(stem)
    return ProgrammeMeta(program=program_name(stem.replace("-", " ").replace("_", " ")),
                         version_date=dates[0][2] if dates else None,
                         version_label=label["label"] if label else None)


def meta_from_sidecar(path: Path) -> ProgrammeMeta:
    """A ``<file>.toml`` beside the document, e.g. ``program = "Handlingsprogram 2026"``."""
    sidecar = path.with_name(path.name + ".toml")
    if not sidecar.is_file():
        return ProgrammeMeta()
    data = tomllib.loads(sidecar.read_text(encoding="utf-8"))

    def as_date(value: object) -> date | None:
        if isinstance(value, date):
            return value
        return parse_date(str(value)) if value else None

    return ProgrammeMeta(title=data.get("title"), program=data.get("program"),
                         meeting_date=as_date(data.get("meeting_date")),
                         version_date=as_date(data.get("version_date")), version_label=data.get("version_label"))


def _merge(*metas: ProgrammeMeta) -> ProgrammeMeta:
    """Field by field, the first meta that has a value wins."""
    fields = ("title", "program", "meeting_date", "version_date", "version_label")
    return ProgrammeMeta(**{f: next((getattr(m, f) for m in metas if getattr(m, f) is not None), None) for f in fields})


def is_front_matter(text: str) -> bool:
    """A short line under the title that only dates or versions the document ("Utkast, versjon 2, 14.10.2026")."""
    return len(text.split()) <= 12 and len(text) <= 100 and bool(VERSION_LABEL.search(text) or find_dates(text))


def _subtitle_meta(doc: Document) -> ProgrammeMeta:
    """Dates and version label from the front-matter lines right under the title."""
    lines = []
    for block in doc.blocks[:6]:
        if block.kind == "title":
            continue
        if block.kind != "text" or not is_front_matter(block.text):
            break
        lines.append(block.text)
    if not lines:
        return ProgrammeMeta()
    meta = meta_from_title(" ".join(lines))
    return ProgrammeMeta(meeting_date=meta.meeting_date, version_date=meta.version_date, version_label=meta.version_label)


SUBJECT = re.compile(r"^(?:emne|subject)\s*:\s*(?P<rest>\S.*)$", re.IGNORECASE)
MAIL_FIELD = re.compile(r"^(?:fra|from|til|to|sendt|sent|dato|date|kopi|cc)\s*:", re.IGNORECASE)


def _title(doc: Document) -> str | None:
    """The title line; for an e-mail ("Fra: …" first) its subject line."""
    title = doc.title or next((b.text for b in doc.blocks[:3] if b.kind in ("title", "heading")), None)
    if title and MAIL_FIELD.match(title):
        subject = next((m["rest"] for b in doc.blocks[:12] if (m := SUBJECT.match(b.text))), None)
        return subject or title
    return title


def document_meta(doc: Document, path: Path | None = None) -> ProgrammeMeta:
    """Sidecar, then title line (and the front matter under it), then file name."""
    title = _title(doc)
    from_title = meta_from_title(title) if title else ProgrammeMeta()
    if from_title.version_date is None:
        from_title = _merge(from_title, _subtitle_meta(doc))
    sidecar = meta_from_sidecar(path) if path else ProgrammeMeta()
    if from_title.program is None:
        body = " ".join(b.text for b in doc.blocks[:10])
        from_title = _merge(from_title, ProgrammeMeta(program=program_name(body)))
    return _merge(sidecar, from_title, meta_from_filename(doc.source_file))


def _blank(value: object) -> bool:
    """None, NaN/NaT (which are not equal to themselves) or an empty value from a table."""
    return value is None or value != value or str(value) in ("", "<NA>", "NaT", "nan", "None")


def version_key(program: object, version_date: object) -> str:
    """The name of a programme version: 'Handlingsprogram 2026@2025-09-09' (the one name everywhere:
    `tiltak versions` lists it, `tiltak diff` and `pipeline.diff` accept it)."""
    name = "ukjent program" if _blank(program) else str(program)
    day = "udatert" if _blank(version_date) else str(version_date)[:10]
    return f"{name}@{day}"
