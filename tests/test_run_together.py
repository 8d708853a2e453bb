"""A bullet list a PDF transcript ran into its paragraph, and a first paragraph too long to be a title."""
from __future__ import annotations

from pipeline.models import Block
from pipeline.parse.text import text_to_blocks
from pipeline.segment.run_together import split_run_together

RUN = ("Dette skal skje gjennom konkret å: Styrke samarbeidet mellom Nordland fylkeskommune og Sametinget Skape "
       "flere faste møteplasser Bli bedre kjent med hverandre politisk og administrativt Kapittel 1 Samarbeidets "
       "karakter.")


def test_capitalised_infinitives_after_a_lead_in_are_list_items() -> None:
    parts = split_run_together(Block(RUN))
    assert [(b.kind, b.text) for b in parts] == [
        ("text", "Dette skal skje gjennom konkret å:"),
        ("item", "Styrke samarbeidet mellom Nordland fylkeskommune og Sametinget"),
        ("item", "Skape flere faste møteplasser"),
        ("item", "Bli bedre kjent med hverandre politisk og administrativt"),
        ("text", "Kapittel 1 Samarbeidets karakter.")]


def test_two_items_or_running_text_after_a_colon_stay_whole() -> None:
    for text in ("Vi vil to ting: Styrke samarbeidet Skape møteplasser.", "Målet er klart: Bedre helse for alle."):
        assert split_run_together(Block(text)) == [Block(text)]


def test_a_first_paragraph_too_long_for_a_title_gives_its_first_sentence() -> None:
    blocks = text_to_blocks("Samarbeidsavtale mellom partene. " + RUN + "\n\nNeste avsnitt.\n")
    assert blocks[0].kind == "title" and blocks[0].text == "Samarbeidsavtale mellom partene."
    assert blocks[1].kind == "text" and blocks[1].text.startswith("Dette skal skje")
