from pipeline.parse.text import text_to_blocks
from pipeline.parse.text_table import loose_tsv_at

WORD_PASTE = (
    "Handlingsdel 2026\n\n"
    "Nr.\tTiltak\tAnsvar\tFrist\n"
    "Innsatsområde 1: Næringsutvikling\n"
    "Mål: Flere arbeidsplasser\n"
    "1.1\tFelles oversikt over næringsarealer\tSekretariatet\tQ3 2026\n"
    "1.2\tKartlegge pendlerstrømmer\n"
    "Data fra SSB brukes.\tStyret\t31.08.2026\n"
    "Innsatsområde 2: Transport\n"
    "2.1\tPåvirke NTP\tStyret\tLøpende\n\n"
    "Innspill sendes sekretariatet.\n"
)


def test_merged_rows_and_broken_cells_of_a_pasted_word_table():
    lines = WORD_PASTE.splitlines()
    blocks, end = loose_tsv_at(lines, 2)
    assert lines[end] == ""  # the blank line ends the table
    assert [(b.kind, b.column, b.text) for b in blocks if b.column in (None, "theme", "measure", "deadline")] == [
        ("heading", "theme", "Innsatsområde 1: Næringsutvikling"), ("text", None, "Mål: Flere arbeidsplasser"),
        ("text", "measure", "Felles oversikt over næringsarealer"), ("text", "deadline", "Q3 2026"),
        ("text", "measure", "Kartlegge pendlerstrømmer Data fra SSB brukes."), ("text", "deadline", "31.08.2026"),
        ("heading", "theme", "Innsatsområde 2: Transport"),
        ("text", "measure", "Påvirke NTP"), ("text", "deadline", "Løpende")]
    assert len({b.row for b in blocks if b.row is not None}) == 5  # rows never share a number


def test_text_parser_reads_the_pasted_table_and_the_text_after_it():
    blocks = text_to_blocks(WORD_PASTE)
    assert [b.text for b in blocks if b.column == "responsible"] == ["Sekretariatet", "Styret", "Styret"]
    assert blocks[-1].text == "Innspill sendes sekretariatet." and blocks[-1].column is None


def test_a_tab_line_without_a_header_is_no_table():
    assert loose_tsv_at(["Tirsdag\tOnsdag", "møte\tfri", "x\ty"], 0) is None
