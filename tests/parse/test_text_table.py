from pipeline.parse.text import text_to_blocks
from pipeline.parse.text_table import is_table_start, split_row, strip_inline_markdown
from pipeline.segment import blocks_to_measures

TABLE = """# Handlingsprogram 2027

| Innsatsområde | Tiltak | Resultatmål | Partnere |
|---|:---|---|---|
| Klima og natur | | | |
| | * Kartlegge overvann<br>o i Follo<br>o i Asker | 20 % færre flomskader | NVE, Statens vegvesen |
| | * Restaurere myr | | NMBU |
| Innsatsområde | Tiltak | Resultatmål | Partnere |
| Samferdsel | Samferdsel | Samferdsel | Samferdsel |
| | Bedre togtilbud | | Bane NOR |
"""


def test_header_and_separator_start_a_table():
    lines = TABLE.splitlines()
    assert is_table_start(lines, 2) and not is_table_start(lines, 0) and not is_table_start(lines, 4)
    assert not is_table_start(["a | b", "ikke et skille"], 0)


def test_a_plain_text_table_ruled_with_plus_junctions_is_a_table():
    lines = ["Hva                       | Hvem | Når", "--------------------------+------+-------",
             "Søknad om beitemidler     | OJ   | uke 10"]
    assert is_table_start(lines, 0) and not is_table_start(["Hva | Hvem", "--------+------+-----"], 0)
    rows = [b for b in text_to_blocks("\n".join(lines)) if b.row is not None]
    assert [(b.text, b.column) for b in rows][:1] == [("Søknad om beitemidler", "measure")]


def test_a_bold_name_closing_a_markdown_line_becomes_an_owner_bracket():
    assert strip_inline_markdown("b) Nytt tiltak: Et nettverk i Indre Troms. **Målselv kommune**") == \
        "b) Nytt tiltak: Et nettverk i Indre Troms. (Målselv kommune)"
    assert strip_inline_markdown("1. **Næring og arbeidsliv**") == "1. Næring og arbeidsliv"  # a bold heading
    assert strip_inline_markdown("Vi satser på **grønn omstilling**") == "Vi satser på grønn omstilling"


def test_a_status_table_with_only_a_measure_column_is_a_table():
    text = ("| # | Tiltak | Status | Kommentar | Neste steg |\n|---|---|---|---|---|\n"
            "| 1 | Kartlegge tomme forretningslokaler | 🟡 | Horten har ikke levert | Horten leverer innen 31.03 |\n")
    rows = [(b.text, b.column) for b in text_to_blocks(text) if b.row is not None]
    assert ("Kartlegge tomme forretningslokaler", "measure") in rows
    assert not [b for b in text_to_blocks("| Navn | Kommentar |\n|---|---|\n| Kari | ok |\n") if b.row is not None]


def test_cells_split_with_escaped_bar():
    assert split_row("| a \\| b | c |") == ["a | b", "c"]
    assert split_row("a | b") == ["a", "b"]


def test_columns_become_roles_and_goals_follow_their_measure():
    blocks = text_to_blocks(TABLE)
    got = [(b.kind, b.column, b.level, b.text) for b in blocks if b.column]
    assert got[:6] == [
        ("heading", "theme", 2, "Klima og natur"),  # under the merged-row section level
        ("item", "measure", 0, "Kartlegge overvann"),
        ("text", "goal", 0, "20 % færre flomskader"),
        ("text", "partner", 0, "NVE, Statens vegvesen"),
        ("item", "measure", 1, "i Follo"),
        ("item", "measure", 1, "i Asker"),
    ]
    assert blocks[3].line == 6  # provenance: the row's line in the file


def test_repeated_header_skipped_and_merged_row_is_a_section():
    texts = [b.text for b in text_to_blocks(TABLE)]
    assert texts.count("Innsatsområde") == 0 and texts.count("Samferdsel") == 1
    section = next(b for b in text_to_blocks(TABLE) if b.text == "Samferdsel")
    assert (section.kind, section.level) == ("heading", 1)


def test_measures_from_a_markdown_table():
    measures = blocks_to_measures(text_to_blocks(TABLE))
    by_text = {m.text: m for m in measures}
    assert set(by_text) >= {"Kartlegge overvann", "i Follo", "Restaurere myr", "Bedre togtilbud"}
    assert by_text["i Follo"].parent == by_text["Kartlegge overvann"].ordinal
    assert by_text["Kartlegge overvann"].section[-1] == "Klima og natur"
    assert by_text["Bedre togtilbud"].section[-1] == "Samferdsel"
    assert [g.text for g in by_text["Kartlegge overvann"].goals] == ["20 % færre flomskader"]


def test_table_without_known_columns_is_running_text():
    blocks = text_to_blocks("| Dato | Sted |\n|---|---|\n| 14.10.2025 | Ski |\n")
    assert all(b.column is None for b in blocks)
    assert [b.text for b in blocks][-2:] == ["14.10.2025", "Ski"]


def test_inline_markdown_removed():
    assert strip_inline_markdown("**Tiltak** med [lenke](https://x.no) og `kode`") == "Tiltak med lenke og kode"
    assert strip_inline_markdown("* punkt med 2 * 3") == "* punkt med 2 * 3"


TSV = ('Notater\n\n"Innsatsområde/\ntverrgående tema"\tTiltak\tMål\tPartnere\n'
       'Klima\t"* Kartlegge overvann\no i Follo"\t"Resultatmål:\nFærre flomskader"\tNVE\n'
       '\t* Restaurere myr\t\t\n'
       'Slutt på tabellen.\n')


def test_tab_separated_table_with_quoted_line_breaks():
    blocks = text_to_blocks(TSV)
    got = [(b.kind, b.column, b.level, b.text, b.line) for b in blocks if b.column]
    assert got == [
        ("heading", "theme", 1, "Klima", 5),
        ("item", "measure", 0, "Kartlegge overvann", 5),
        ("text", "goal", 0, "Resultatmål:", 5),
        ("text", "goal", 0, "Færre flomskader", 5),
        ("text", "partner", 0, "NVE", 5),
        ("item", "measure", 1, "i Follo", 5),
        ("item", "measure", 0, "Restaurere myr", 8),
    ]
    assert (blocks[-1].kind, blocks[-1].column, blocks[-1].line) == ("text", None, 9)


def test_word_style_tab_after_bullet_is_not_a_table():
    blocks = text_to_blocks("Tiltak\tPartnere\no\tRensemoduler\n")
    assert [b.column for b in blocks] == [None, None]


def test_running_number_column_is_not_the_measure_column():
    blocks = text_to_blocks("| Nr | Hva | Hvem | Tidsramme |\n|---|---|---|---|\n| 1 | Kartlegge overvann | NVE | 2027 |\n")
    assert [(b.column, b.text) for b in blocks if b.column in ("measure", "responsible", "deadline")] == [
        ("measure", "Kartlegge overvann"), ("responsible", "NVE"), ("deadline", "2027")]


def test_stray_quote_does_not_swallow_the_rest_of_the_file():
    text = "Tiltak\tPartnere\nKartlegge overvann\tNVE\n\"Restaurere myr\tNMBU\n" + "* punkt\n" * 40
    blocks = text_to_blocks(text)
    assert [b.text for b in blocks if b.column] == ["Kartlegge overvann", "NVE"]
    assert sum(b.text == "punkt" for b in blocks) == 40
