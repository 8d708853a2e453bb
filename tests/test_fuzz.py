"""Property tests: any Unicode text gives measures or a clean TiltakError, never another exception."""
from __future__ import annotations

import hashlib
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.config import Settings
from pipeline.errors import TiltakError
from pipeline.nlp.enrich import enrich_measures
from pipeline.parse.text import decode_bytes, parse_text, text_to_blocks
from pipeline.run.process import process_file
from pipeline.run.scan import FileState
from pipeline.segment import blocks_to_measures

# lines that look like the notes (bullets, numbers, headings, labels, dates, partners) mixed with noise
FRAGMENTS = st.sampled_from([
    "* ", "- ", "o ", "• ", "\uf0b7 ", "1. ", "1.2 ", "a) ", "# ", "## ", "### ", "Resultatmål: ", "Effektmål:",
    "Partnere: ", "Frist: 2026", "29. august 2025", "Handlingsprogram 2026", "(ny versjon pr 9.sept 25)",
    "Kraft og energi", "Klima, miljø og natur", "Lier kommune", "Viken fylkeskommune", "NHO", "50 %",
    "10 mill. kr", "innen 2030", "\t", "    ", "\n", "\n\n", "\r\n", "\x00", "\u00ad", "\u200b", "\ufeff", ":", "*",
])
TEXT = st.lists(st.one_of(FRAGMENTS, st.text(max_size=30)), max_size=40).map("".join)
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(TEXT)
def test_parse_segment_enrich_never_crash(text: str):
    blocks = text_to_blocks(text)
    measures = enrich_measures(blocks_to_measures(blocks))
    for m in measures:
        assert m.text.strip() and m.theme
        assert m.parent is None or m.parent < m.ordinal


@FUZZ
@given(st.binary(max_size=400))
def test_any_bytes_decode_or_fail_cleanly(data: bytes):
    text, encoding = decode_bytes(data)
    assert isinstance(text, str) and encoding


@pytest.fixture(scope="module")
def folder():
    with tempfile.TemporaryDirectory() as name:
        yield Path(name)


@FUZZ
@given(TEXT, st.sampled_from(["notat.txt", "notat.md", "uten endelse", "notat.pdf", "notat.docx", "side.html"]),
       st.sampled_from(["utf-8", "utf-16", "cp1252"]))
def test_process_file_gives_rows_or_one_error(folder: Path, text: str, name: str, encoding: str):
    path = folder / name
    data = text.encode(encoding, errors="replace")
    path.write_bytes(data)
    state = FileState(name, path, len(data), path.stat().st_mtime, hashlib.sha256(data).hexdigest())
    result = process_file(state, "fuzz", Settings())
    if result.error is None:
        assert result.document["status"] == "ok"
    else:
        assert result.error["hint"] and result.error["message"] and result.document["status"] == "error"
        assert "report this file to the tiltak maintainers" not in result.error["hint"], result.error["message"]


@FUZZ
@given(TEXT)
def test_parse_text_raises_only_tiltak_errors(folder: Path, text: str):
    path = folder / "notat.txt"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    try:
        parse_text(path, "notat.txt")
    except TiltakError:
        pass
