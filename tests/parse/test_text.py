from pathlib import Path

import pytest

from pipeline.errors import EmptyDocument, UnsupportedFormat
from pipeline.parse import parse, sniff_format
from pipeline.parse.text import decode_bytes, text_to_blocks


def test_bullets_levels_from_glyph_order():
    blocks = text_to_blocks("Tittel\n* Første\no Under\n- Under-under\no Tilbake\n* Topp\n")
    items = [(b.text, b.level, b.bullet) for b in blocks if b.kind == "item"]
    assert items == [("Første", 0, "*"), ("Under", 1, "o"), ("Under-under", 2, "-"), ("Tilbake", 1, "o"),
                     ("Topp", 0, "*")]


def test_markdown_bullet_characters_at_one_indent_are_siblings_but_plain_text_nests_them():
    text = "Notat\n- Første\n* Andre\n  - Under andre\n- Tredje\n"
    markdown = [(b.text, b.level) for b in text_to_blocks(text, markdown=True) if b.kind == "item"]
    assert markdown == [("Første", 0), ("Andre", 0), ("Under andre", 1), ("Tredje", 0)]
    plain = [(b.text, b.level) for b in text_to_blocks(text) if b.kind == "item"]
    assert plain[1] == ("Andre", 1)


def test_title_line_and_date_not_a_numbered_bullet():
    blocks = text_to_blocks("29. august 2025 - gruppearbeid om Handlingsprogram 2026\n\n* Tiltak\n")
    assert blocks[0].kind == "title" and blocks[0].text.startswith("29. august 2025")


def test_joined_cells_split_at_inline_bullet():
    blocks = text_to_blocks("Energi * Politikk: Statens rolle\n")
    assert [(b.kind, b.text) for b in blocks] == [("title", "Energi"), ("item", "Politikk: Statens rolle")]


def test_bullets_run_together_on_a_slide_line_are_items():
    blocks = text_to_blocks("Tittel\n\n4 Handlingsprogram 2014-2017 ● 3 milliarder ● Bedre drift ■ Ny mal\n"
                            "● Egen linje\n")
    assert [(b.kind, b.text) for b in blocks[1:]] == [
        ("text", "4 Handlingsprogram 2014-2017"), ("item", "3 milliarder"), ("item", "Bedre drift"),
        ("item", "Ny mal"), ("item", "Egen linje")]


def test_numbered_label_first_line_is_no_title():
    blocks = text_to_blocks("Delmål 1: Å øke kunnskapen om mat\nTiltak\n")
    assert blocks[0].kind == "text"
    assert text_to_blocks("Sak 4/25 Budsjett\n")[0].kind == "title"


def test_markdown_headings_and_blank_line_gaps():
    blocks = text_to_blocks("# Program\n\n## Klima\n\n\n- tiltak én\n")
    assert [(b.kind, b.level) for b in blocks[1:]] == [("heading", 2), ("item", 0)]
    assert blocks[2].gap_before == 2


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1252"])
def test_encodings_decode_norwegian_letters(encoding):
    text, used = decode_bytes("Å løfte kunnskap om æøå".encode(encoding))
    assert text == "Å løfte kunnskap om æøå"
    assert used.replace("-sig", "").startswith(encoding.split("-sig")[0][:5])


def test_parse_records_encoding_and_nfc(tmp_path: Path):
    path = tmp_path / "notat æøå.txt"
    path.write_bytes("Tittel\n* Særlig tiltak i Bærum\n".encode("cp1252"))
    doc = parse(path)
    assert doc.encoding == "cp1252" and doc.blocks[1].text == "Særlig tiltak i Bærum"


def test_empty_and_misnamed_files_are_clear_errors(tmp_path: Path):
    empty = tmp_path / "tom.txt"
    empty.write_bytes(b"")
    with pytest.raises(EmptyDocument):
        parse(empty)
    fake = tmp_path / "notat.pdf"
    fake.write_bytes(b"just some bytes")
    with pytest.raises(UnsupportedFormat):
        sniff_format(fake)
    html = tmp_path / "side.pdf"
    html.write_text("<!DOCTYPE html><html><body><h1>Hei</h1></body></html>", encoding="utf-8")
    assert sniff_format(html) == "html"


def test_arrows_that_mark_actions_in_quick_notes_are_list_items():
    blocks = text_to_blocks("Notat\n\ntrafikk på fjellet er eit problem\n-> felles parkeringsløysing (KH)\n"
                            "→ kartleggje hyttefolk\n=> søkje midlar\n")
    assert [(b.kind, b.text) for b in blocks[1:]] == [
        ("text", "trafikk på fjellet er eit problem"), ("item", "felles parkeringsløysing (KH)"),
        ("item", "kartleggje hyttefolk"), ("item", "søkje midlar")]


def test_lettered_items_under_a_numbered_point_are_its_sub_items():
    blocks = text_to_blocks("Strategi\n\n1. Direktoratet skal ved å\n\na. arbeide for vern\n\nb. bidra til god forvaltning\n\n"
                            "2. Være pådriver\n\nm. fl. deltar i arbeidet\n")
    items = [(b.text, b.level) for b in blocks if b.kind == "item"]
    assert items == [("Direktoratet skal ved å", 0), ("arbeide for vern", 1), ("bidra til god forvaltning", 1),
                     ("Være pådriver", 0)]
    assert blocks[-1].kind == "text" and blocks[-1].text == "m. fl. deltar i arbeidet"


def test_dashes_glued_to_their_items_are_bullets_but_hyphens_in_words_are_not():
    blocks = text_to_blocks("Tittel\n\nHovedfokus vil bli:\n\n-Attraksjonsverksted -Kvalitetssikring\n\n"
                            "-Alle aktører skal med.\n\nNord-Norge og -Sør er ord.\n")
    assert [(b.kind, b.text) for b in blocks[2:]] == [
        ("item", "Attraksjonsverksted"), ("item", "Kvalitetssikring"), ("item", "Alle aktører skal med."),
        ("text", "Nord-Norge og -Sør er ord.")]


def test_quote_marks_are_bullets_only_outside_a_reply() -> None:
    from pipeline.parse.text import unquote_email

    notes = ["> Etablere eit nettverk", "> Halde eit seminar", "> Lage ein plan"]
    assert unquote_email(notes) == notes  # ">" as the notes' own bullet
    reply = ["Kari skrev:", "> Hei,", ">", "> - Lage ein plan"]
    assert unquote_email(reply) == ["Kari skrev:", "Hei,", "", "- Lage ein plan"]


def test_a_quoted_messages_signature_is_left_out_and_the_reply_after_it_counts() -> None:
    text = ("Takk for utkastet.\n\nDen 11.01.2027 kl. 10:02 skreiv Marit Lyngstad:\n> 1. Regionrådet sender eit innspel.\n"
            ">\n> Helsing\n> Marit Lyngstad\n> dagleg leiar\n\nI tillegg har vi to nye forslag.\n")
    texts = [b.text for b in text_to_blocks(text)]
    assert "Regionrådet sender eit innspel." in texts and "I tillegg har vi to nye forslag." in texts
    assert not {"Helsing", "Marit Lyngstad", "dagleg leiar"} & set(texts)
