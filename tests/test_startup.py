"""Start-up: no heavy library is imported before it is needed, and what replaces an import gives the same data."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SEED = Path(__file__).parent / "fixtures" / "seed"


def _modules_after(code: str) -> set[str]:
    out = subprocess.run([sys.executable, "-c", f"{code}\nimport sys\nprint(' '.join(sys.modules))"],
                         capture_output=True, text=True, check=True, cwd=Path(__file__).parents[1])
    return set(out.stdout.split())


def test_the_cli_and_the_stages_import_no_heavy_library() -> None:
    loaded = _modules_after("import pipeline.cli, pipeline.parse, pipeline.parse.pdf, pipeline.segment, "
                            "pipeline.nlp.enrich, pipeline.nlp.partners, pipeline.nlp.lemmas, pipeline.run.process")
    assert not loaded & {"spacy", "pdfplumber", "pdfminer", "prefect", "scipy", "deltalake", "pandas"}


def test_a_file_without_measures_and_a_notes_pdf_never_import_spacy_or_pdfminer() -> None:
    loaded = _modules_after(
        "from pathlib import Path\nfrom pipeline.parse import parse\nfrom pipeline.segment import blocks_to_measures\n"
        f"doc = parse(Path({str(SEED / 'handlingsprogram-2026-notater.pdf')!r}))\n"
        "assert doc.parser.startswith('pypdfium2')")
    assert not loaded & {"spacy", "pdfplumber", "pdfminer"}


def test_stop_words_read_without_spacy_are_spacys() -> None:
    from spacy.lang.nb.stop_words import STOP_WORDS

    from pipeline.nlp.model import _stop_words

    assert _stop_words() == frozenset(STOP_WORDS) - {"mål", "nok", "samarbeid", "kurs"}
