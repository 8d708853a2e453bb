"""Builders of bad (and a few awkward but good) input files, each made by hand and small, except the
50 MB text. Shared by tests/test_bad_input.py (one file at a time and all at once in one run)."""
from __future__ import annotations

import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from pipeline.parse import OLE_MAGIC
from tests.parse.pdfgen import Page, write_pdf

SEED = Path(__file__).resolve().parent / "fixtures" / "seed"
GOOD_MD = "# Handlingsprogram 2026\n\n## Kraft og energi\n\n- Kartlegge kraftbehov i Lier kommune\n"
NOTE = "Handlingsprogram 2026\n\nKlima\n* Særlig tiltak for grønn næring i Bærum\n* Øke gjenbruk av masser\n"


@dataclass(frozen=True)
class Case:
    name: str  # file name in raw/
    make: Callable[[Path], None]  # writes the file (and any sidecar) at this path
    error: str | None  # expected error_type, None when the file must land
    hint: str = ""  # a word the hint must contain


def _pdf(*lines: str) -> list[Page]:
    page = Page()
    for i, line in enumerate(lines):
        page.text(40, 40 + 16 * i, line)
    return [page]


def _truncated(path: Path) -> None:
    good = (SEED / "handlingsprogram-2026-notater.pdf").read_bytes()
    path.write_bytes(good[: len(good) // 2])


def _bad_page_box(path: Path) -> None:
    """A page whose MediaBox is not numbers: pdfplumber fails on the page, and again when closing; PDFium
    (the default engine) reads it with its default page box, so the measure lands."""
    write_pdf(path, _pdf("Handlingsprogram 2026", "- Kartlegge kraftbehov i Lier kommune"))
    path.write_bytes(path.read_bytes().replace(b"/MediaBox [0 0 595.0", b"/MediaBox [0 0 /Bad"))


def _user_password(path: Path) -> None:
    write_pdf(path, _pdf("Hemmelig tiltak"), user_password="hemmelig")


def _password_in_sidecar(path: Path) -> None:
    write_pdf(path, _pdf("Handlingsprogram 2026", "- Kartlegge kraftbehov i Lier kommune"), user_password="hemmelig")
    path.with_name(path.name + ".toml").write_text('password = "hemmelig"\n', encoding="utf-8")


def _owner_password(path: Path) -> None:
    write_pdf(path, _pdf("Handlingsprogram 2026", "- Etablere ladepunkter i Drammen kommune"), user_password="")


def _image_only(path: Path) -> None:
    page = Page()
    page.ops.append("q 100 0 0 100 40 600 cm BI /W 2 /H 2 /CS /G /BPC 8 ID \x00\xff\xff\x00 EI Q")
    write_pdf(path, [page])


def _zip_bomb(path: Path) -> None:
    """20 MiB of zeros deflated to ~20 kB: ratio ~1000:1, refused before anything is inflated."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        with zf.open("word/document.xml", "w") as fh:
            for _ in range(20):
                fh.write(b"\0" * (1 << 20))


def _encrypted_docx(path: Path) -> None:
    """What Word writes for a password-protected .docx: an OLE compound file whose directory names an
    EncryptedPackage stream (only the parts the dispatcher looks at)."""
    sector = bytearray(512)
    name = "EncryptedPackage".encode("utf-16-le")
    sector[: len(name)] = name
    path.write_bytes(OLE_MAGIC + bytes(504) + bytes(sector))


def _legacy_doc(path: Path) -> None:
    path.write_bytes(OLE_MAGIC + bytes(1016))


def _big_text(path: Path, mib: int = 50) -> None:
    line = b"- tiltak uten struktur, linje etter linje i en altfor stor fil\n"
    with path.open("wb") as fh:
        fh.write(b"Handlingsprogram 2026\n")
        for _ in range(mib * (1 << 20) // len(line)):
            fh.write(line)


def _copy(fixture: str) -> Callable[[Path], None]:
    return lambda path: shutil.copy(SEED / fixture, path)


def _write(data: bytes) -> Callable[[Path], None]:
    return lambda path: path.write_bytes(data)


CASES: tuple[Case, ...] = (
    Case("tom.txt", _write(b""), "EmptyDocument", "remove"),
    Case("avkuttet.pdf", _truncated, "ParseError", "export"),
    Case("ødelagt side.pdf", _bad_page_box, None),
    Case("søppel.pdf", _write(bytes(range(256)) * 8), "UnsupportedFormat", "export"),
    Case("nettside.pdf", _write(b"<!DOCTYPE html><html><body><h1>Handlingsprogram 2026</h1>"
                                b"<ul><li>Styrke samarbeidet med Viken</li></ul></body></html>"), None),
    Case("låst.pdf", _user_password, "EncryptedDocument", "låst.pdf.toml"),
    Case("passord i sidecar.pdf", _password_in_sidecar, None),
    Case("eierpassord.pdf", _owner_password, None),
    Case("skannet.pdf", _image_only, "NoTextLayer", "OCR"),
    Case("ikke-zip.docx", _write(b"Dette er ikke en zip-fil\n"), "UnsupportedFormat", "export"),
    Case("zipbombe.docx", _zip_bomb, "LimitExceeded", "max_docx_ratio"),
    Case("kryptert.docx", _encrypted_docx, "EncryptedDocument", "password"),
    Case("gammel.doc", _legacy_doc, "UnsupportedFormat", ".docx"),
    Case("bilde.jpg", _write(b"\xff\xd8\xff\xe0" + bytes(100)), "UnsupportedFormat", "convert"),
    Case("cp1252.txt", _write(NOTE.encode("cp1252")), None),
    Case("utf16.txt", _write(NOTE.encode("utf-16")), None),
    Case("utf16 uten bom.txt", _write(NOTE.encode("utf-16-le")), None),
    Case("nul-byte.txt", _write(NOTE.replace("Klima", "Kli\x00ma").encode("utf-8")), None),
    Case("stor.txt", _big_text, "LimitExceeded", "max_text_chars"),
    Case("notat med æøå og mellomrom.md", _write(GOOD_MD.encode("utf-8")), None),
)
GOOD: tuple[Case, ...] = (
    Case("god.md", _write(GOOD_MD.replace("Lier", "Asker").encode("utf-8")), None),
    Case("handlingsprogram-2026-notater.docx", _copy("handlingsprogram-2026-notater.docx"), None),
)
IGNORED = ("~$notat.docx", ".~lock.notat.docx#", "notat.tmp", ".skjult.txt", "notat.md~")


def build(raw: Path, cases: tuple[Case, ...] = CASES + GOOD, ignored: tuple[str, ...] = IGNORED) -> None:
    """Write every case (and the ignored temporary/lock/hidden files) into ``raw``."""
    raw.mkdir(parents=True, exist_ok=True)
    for case in cases:
        case.make(raw / case.name)
    for name in ignored:
        (raw / name).write_bytes(b"\xff\xfe junk that must never be read")
