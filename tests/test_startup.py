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


def test_show_on_a_text_file_imports_no_heavy_library(tmp_path: Path) -> None:
    """`tiltak show` on a small text file finds its measure and partner without spaCy, the table and
    workflow libraries or scipy (the partner finder, the lemma table and the classifiers need none)."""
    path = tmp_path / "ett-tiltak.txt"
    path.write_text("- Etablere ladepunkter i samarbeid med Drammen kommune\n", encoding="utf-8")
    loaded = _modules_after(f"import sys\nfrom pipeline.cli import main\nsys.argv = ['tiltak', 'show', {str(path)!r}]\n"
                            "try:\n    main()\nexcept SystemExit:\n    pass")
    assert "Drammen" in loaded  # the partner line was printed
    assert not loaded & {"spacy", "thinc", "pandas", "pyarrow", "deltalake", "prefect", "sklearn", "scipy",
                         "pdfplumber", "pdfminer"}


def test_show_loads_numpy_with_one_blas_thread_and_leaves_the_variable_as_it_was() -> None:
    import os

    code = ("import os, sys\nfrom pipeline.cli.processing import _numpy_with_one_blas_thread\n"
            "_numpy_with_one_blas_thread()\nassert 'numpy' in sys.modules\n"
            "print(os.environ.get('OPENBLAS_NUM_THREADS', '-'))")
    for value in (None, "3", ""):
        env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
        if value is not None:
            env["OPENBLAS_NUM_THREADS"] = value
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env,
                             cwd=Path(__file__).parents[1])
        assert out.stdout.strip() == ("-" if value is None else value)


def test_the_pdf_library_version_is_importlib_metadatas() -> None:
    from importlib.metadata import version

    import pypdfium2  # noqa: F401 - read beside the imported package

    from pipeline.parse.pdf import _installed_version

    assert _installed_version("pypdfium2") == version("pypdfium2")
