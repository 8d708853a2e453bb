"""The title is the first line or sentence, never a paragraph that holds the content (every parser)."""
from __future__ import annotations

from pathlib import Path

import docx

from pipeline.models import Block
from pipeline.parse import parse
from pipeline.parse.titles import as_title

LONG = ("Samarbeidsavtale mellom partene. Dette skal skje gjennom konkret å: Styrke samarbeidet mellom "
        "fylkeskommunen og Sametinget Skape flere faste møteplasser Bli bedre kjent med hverandre politisk og "
        "administrativt, og rapportere hvert år.")


def test_a_short_first_paragraph_is_the_title_whole() -> None:
    assert as_title(Block("Handlingsprogram 2026")) == [Block("Handlingsprogram 2026", "title")]


def test_a_long_first_paragraph_gives_its_first_sentence() -> None:
    title, rest = as_title(Block(LONG))
    assert (title.kind, title.text) == ("title", "Samarbeidsavtale mellom partene.")
    assert rest.kind == "text" and rest.text.startswith("Dette skal skje")


def test_docx_and_html_first_paragraphs_follow_the_same_rule(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_paragraph(LONG)
    d.save(tmp_path / "avtale.docx")
    (tmp_path / "avtale.html").write_text(f"<html><body><p>{LONG}</p></body></html>", encoding="utf-8")
    for name in ("avtale.docx", "avtale.html"):
        doc = parse(tmp_path / name, name)
        assert doc.title == "Samarbeidsavtale mellom partene.", name
        assert any(b.text.startswith("Dette skal skje") for b in doc.blocks), name


def test_a_first_line_that_hands_over_to_a_list_is_no_title() -> None:
    lead = Block("Kommunestyret vedtok 2. november å innføre disse strømsparetiltakene:")
    assert as_title(lead) == [lead]
    assert as_title(Block("Referat:"))[0].kind == "title"  # a short label may name the document
    first, rest = as_title(Block("Vedtaket kommer etter ei oppfordring. Kommunen vedtar å gjøre følgende:"))
    assert (first.kind, rest.text) == ("title", "Kommunen vedtar å gjøre følgende:")


def test_the_lead_in_becomes_the_umbrella_of_its_list() -> None:
    from pipeline.parse.text import text_to_blocks
    from pipeline.segment import blocks_to_measures

    text = "Kommunestyret vedtok å innføre disse tiltakene:\n- Gatelys skrus av om natta\n- Temperaturen senkes til 19 grader\n"
    measures = blocks_to_measures(text_to_blocks(text))
    assert measures[0].text.startswith("Kommunestyret vedtok") and [m.parent for m in measures[1:]] == [1, 1]
