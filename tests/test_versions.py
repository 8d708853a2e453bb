from datetime import date

import pytest

from pipeline.meta.dates import parse_date
from pipeline.meta.versions import meta_from_filename, meta_from_title


def test_seed_title_line():
    meta = meta_from_title("29. august 2025 - gruppearbeid om Handlingsprogram 2026, felles fagsamling i "
                           "Folloregionen (ny versjon pr 9.sept 25")
    assert meta.program == "Handlingsprogram 2026"
    assert meta.meeting_date == date(2025, 8, 29) and meta.version_date == date(2025, 9, 9)
    assert meta.version_label == "ny versjon pr 9.sept 25"


def test_other_version_lines():
    assert meta_from_title("Handlingsprogram 2026 versjon 2, 14.10.2025").version_date == date(2025, 10, 14)
    assert meta_from_title("Handlingsprogram 2026 - revidert 19.09.2025").version_date == date(2025, 9, 19)
    assert meta_from_title("Utkast til handlingsprogram 2027 3. november 2025").version_date == date(2025, 11, 3)


def test_norwegian_dates():
    assert parse_date("9. sept. 25") == date(2025, 9, 9)
    assert parse_date("14.10.2025") == date(2025, 10, 14)
    assert parse_date("møte 3. november") is None
    assert parse_date("møte 3. november", default_year=2025) == date(2025, 11, 3)


def test_version_from_file_name():
    assert meta_from_filename("hp_2025-09-09.pdf").version_date == date(2025, 9, 9)
    assert meta_from_filename("notater_v2.docx").version_label == "v2"


def test_version_from_the_front_matter_under_the_title():
    from pipeline.models import Block, Document
    from pipeline.meta.versions import document_meta

    doc = Document(source_file="plan.txt", format="txt", parser="test", blocks=(
        Block("Handlingsprogram 2027 for Osloregionen", "title"), Block("Utkast, versjon 2, 14.10.2026"),
        Block("1 Innledning")), title="Handlingsprogram 2027 for Osloregionen")
    meta = document_meta(doc)
    assert meta.program == "Handlingsprogram 2027" and meta.version_date == date(2026, 10, 14)
    assert meta.version_label and meta.version_label.startswith("Utkast")


def test_an_email_is_titled_by_its_subject():
    from pathlib import Path

    from pipeline.parse import parse
    from pipeline.meta.versions import document_meta

    mail = Path(__file__).parent / "fixtures" / "email" / "epost-innspill-asker.txt"
    meta = document_meta(parse(mail), mail)
    assert meta.title == "Innspill til handlingsprogram 2026" and meta.program == "Handlingsprogram 2026"
    assert meta.version_date == date(2025, 11, 3)


@pytest.mark.parametrize("title, program, meeting, version, label", [
    ("Workshop 12. mars 2026 (rev. 20. mars 2026)", None, "2026-03-12", "2026-03-20", "rev. 20. mars 2026"),
    ("Oppdatert 1.12.25: Innspill handlingsprogram 2027", "Handlingsprogram 2027", None, "2025-12-01", "Oppdatert 1.12.25"),
    ("Handlingsprogram for Osloregionen 2027-2028, høringsutkast januar 2027", "Handlingsprogram 2027–2028", None, None,
     "høringsutkast januar 2027"),
])
def test_title_variants(title, program, meeting, version, label):
    meta = meta_from_title(title)
    assert meta.program == program and meta.version_label == label
    assert (str(meta.meeting_date) if meta.meeting_date else None) == meeting
    assert (str(meta.version_date) if meta.version_date else None) == version
