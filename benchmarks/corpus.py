"""A benchmark corpus built from the seed documents: PDF, DOCX and TXT files of 1-3 concatenated copies of
a seed document each, every file with distinct bytes. Written to a folder you name (keep it out of git).

    python benchmarks/corpus.py /tmp/tiltak-bench/raw [--docs 200] [--seed 8]

Each file's size in *pages* is its PDF pages; a DOCX or TXT copy counts the pages of the seed PDF with
the same content (the notes are 5 pages, the table 7), so pages/s compare across formats.

Like a real drop folder the corpus holds many programme versions, not one: a sidecar ``<file>.toml``
puts every two consecutive files into one version of a programme (25 programmes x 4 versions for 200
files), so lineage alignment and diffs work on programme-sized groups.
"""
from __future__ import annotations

import argparse
import copy
import json
import random
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "tests" / "fixtures" / "seed"
TEXTS = (ROOT / "raw" / "handlingsprogram-2026-gruppearbeid-notater.txt", ROOT / "tests" / "fixtures" / "diff" / "seed-v2.txt")
PDFS = ("handlingsprogram-2026-tabell.pdf", "handlingsprogram-2026-tabell-uten-linjer.pdf", "handlingsprogram-2026-notater.pdf")
DOCXS = {"handlingsprogram-2026-tabell.docx": 7, "handlingsprogram-2026-notater.docx": 5}
TEXT_PAGES = 5  # the gruppearbeid notes are the content of the 5-page notes PDF
MIX = (("pdf", 0.55), ("docx", 0.225), ("txt", 0.225))
FILES_PER_VERSION, VERSIONS = 2, 4


@dataclass(frozen=True)
class CorpusFile:
    name: str
    format: str
    pages: int


def pdf_copies(source: Path, copies: int, out: Path, tag: int) -> int:
    """``copies`` copies of ``source`` in one PDF; a trailing comment makes the bytes unique."""
    import pypdfium2 as pdfium

    src = pdfium.PdfDocument(str(source))
    dst = pdfium.PdfDocument.new()
    for _ in range(copies):
        dst.import_pages(src)
    dst.save(str(out))
    with out.open("ab") as fh:
        fh.write(f"%tiltak-bench {tag}\n".encode())
    return len(src) * copies


def docx_copies(source: Path, copies: int, out: Path, tag: int) -> None:
    """The body of ``source`` repeated ``copies`` times (python-docx), its title property unique."""
    import docx

    doc = docx.Document(str(source))
    body = doc.element.body
    originals = [el for el in body if not el.tag.endswith("}sectPr")]
    sect = body[-1] if body[-1].tag.endswith("}sectPr") else None
    for _ in range(copies - 1):
        for el in originals:
            if sect is not None:
                sect.addprevious(copy.deepcopy(el))
            else:
                body.append(copy.deepcopy(el))
    doc.core_properties.title = f"tiltak-bench {tag}"
    doc.save(str(out))


def text_copies(source: Path, copies: int, out: Path, tag: int) -> None:
    """``copies`` copies of a text file; trailing spaces make the bytes unique."""
    text = source.read_text(encoding="utf-8").rstrip("\n") + "\n"
    out.write_text("\n".join([text] * copies) + " " * (tag % 97 + 1) + "\n", encoding="utf-8")


def write_sidecar(path: Path, i: int) -> None:
    """``<file>.toml``: programme and version date of file ``i`` (two files per programme version)."""
    version = i // FILES_PER_VERSION
    program, nth = divmod(version, VERSIONS)
    path.with_name(path.name + ".toml").write_text(
        f'program = "Handlingsprogram benk {program:02d}"\nversion_date = 2025-{nth * 3 + 1:02d}-15\n', encoding="utf-8")


def build(out: Path, docs: int = 200, seed: int = 8) -> list[CorpusFile]:
    """Write ``docs`` files into ``out`` (created; must be empty or absent) and a manifest ``corpus.json``
    beside it. Returns the files with their page counts."""
    rnd = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    files: list[CorpusFile] = []
    for i in range(docs):
        fmt = rnd.choices([m for m, _ in MIX], [w for _, w in MIX])[0]
        copies = rnd.randint(1, 3)
        if fmt == "pdf":
            source = SEED / rnd.choice(PDFS)
            name = f"{i:03d}-{source.stem}-x{copies}.pdf"
            pages = pdf_copies(source, copies, out / name, i)
        elif fmt == "docx":
            source_name = rnd.choice(sorted(DOCXS))
            name = f"{i:03d}-{Path(source_name).stem}-x{copies}.docx"
            docx_copies(SEED / source_name, copies, out / name, i)
            pages = DOCXS[source_name] * copies
        else:
            source = rnd.choice(TEXTS)
            name = f"{i:03d}-{source.stem}-x{copies}.txt"
            text_copies(source, copies, out / name, i)
            pages = TEXT_PAGES * copies
        files.append(CorpusFile(name, fmt, pages))
        write_sidecar(out / name, i)
    manifest = out.parent / "corpus.json"
    manifest.write_text(json.dumps([asdict(f) for f in files], indent=0), encoding="utf-8")
    return files


def load_manifest(raw: Path) -> list[CorpusFile]:
    """The files of a corpus written by :func:`build` (from ``corpus.json`` beside ``raw``)."""
    data = json.loads((raw.parent / "corpus.json").read_text(encoding="utf-8"))
    return [CorpusFile(**d) for d in data]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path, help="folder to write the documents into (e.g. /tmp/tiltak-bench/raw)")
    ap.add_argument("--docs", type=int, default=200)
    ap.add_argument("--seed", type=int, default=8)
    args = ap.parse_args()
    files = build(args.out, args.docs, args.seed)
    by_format = {f: sum(1 for x in files if x.format == f) for f, _ in MIX}
    print(f"{len(files)} documents, {sum(f.pages for f in files)} pages "
          f"({', '.join(f'{n} {f}' for f, n in by_format.items())}) in {args.out}")


if __name__ == "__main__":
    main()
