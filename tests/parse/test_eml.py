from email.message import EmailMessage
from pathlib import Path

import pytest

from pipeline.errors import EmptyDocument
from pipeline.parse import parse, sniff_format
from pipeline.segment import blocks_to_measures
from pipeline.meta.versions import document_meta

BODY = """Hei,

Her er innspillene fra gruppen vår:

1. Kartlegge overvann i Follo sammen med NVE.
2. Arrangere seminar om Oslofjorden for kommunene. Resultatmål: 50 deltakere.

Med vennlig hilsen
Kari Nordmann
"""


def write_eml(path: Path, body: str, subtype: str = "plain", attach: bool = False) -> Path:
    msg = EmailMessage()
    msg["From"] = "Kari Nordmann <kari@asker.kommune.no>"
    msg["To"] = "Sekretariatet Osloregionen <post@osloregionen.no>"
    msg["Subject"] = "Innspill til handlingsprogram 2027 – Klima og miljø"  # non-ASCII: RFC 2047 encoded
    msg["Date"] = "Mon, 03 Nov 2025 09:14:00 +0100"
    msg.set_content(body, subtype=subtype, charset="utf-8", cte="quoted-printable")
    if attach:
        msg.add_attachment(b"%PDF-1.4 ...", maintype="application", subtype="pdf", filename="utkast-v2.pdf")
    path.write_bytes(bytes(msg))
    return path


def test_eml_header_lines_subject_title_and_measures(tmp_path: Path):
    path = write_eml(tmp_path / "innspill æøå.eml", BODY, attach=True)
    assert sniff_format(path) == "email"
    doc = parse(path)
    assert doc.title == "Innspill til handlingsprogram 2027 – Klima og miljø"
    assert [b.text for b in doc.blocks[:2]] == ["Fra: Kari Nordmann <kari@asker.kommune.no>",
                                                 "Til: Sekretariatet Osloregionen <post@osloregionen.no>"]
    assert "Dato: 03.11.2025 09:14" in [b.text for b in doc.blocks]
    assert doc.warnings == ("attachment not read: utkast-v2.pdf (save it into raw/ to process it)",)
    measures = blocks_to_measures(list(doc.blocks))
    assert [m.text for m in measures] == ["Kartlegge overvann i Follo sammen med NVE.",
                                          "Arrangere seminar om Oslofjorden for kommunene."]
    assert [g.text for g in measures[1].goals] == ["50 deltakere."]
    assert document_meta(doc).program == "Handlingsprogram 2027"


def test_eml_html_body_lists(tmp_path: Path):
    html = "<html><body><p>Hei!</p><ul><li>Kartlegge overvann</li><li>Restaurere myr<ul><li>i Asker</li></ul></li></ul></body></html>"
    doc = parse(write_eml(tmp_path / "html.eml", html, subtype="html"))
    items = [(b.text, b.level) for b in doc.blocks if b.kind == "item"]
    assert items == [("Kartlegge overvann", 0), ("Restaurere myr", 0), ("i Asker", 1)]


def test_eml_without_body_is_an_empty_document(tmp_path: Path):
    path = tmp_path / "tom.eml"
    path.write_bytes(b"From: a@b.no\nSubject: tom\nContent-Type: text/plain\n\n")
    with pytest.raises(EmptyDocument, match="tom.eml"):
        parse(path)


REPLY = BODY + """
Den fre. 2. okt. 2026 kl. 09:14 skrev Per Hansen <per@region.no>:
> Hei alle,
>
> Arbeidsutvalget har lagt inn to forslag i utkastet:
> - Videreføre bo- og jobbkampanjen i sosiale medier, med
>   ny runde våren 2027
> - Dialogmøte med Statens vegvesen om trafikksikkerhet
>
> Hilsen Per
"""


def test_a_quoted_reply_is_read_as_text_and_its_measures_count(tmp_path: Path):
    doc = parse(write_eml(tmp_path / "svar.eml", REPLY), "svar.eml")
    assert not any(b.bullet == ">" for b in doc.blocks)  # quote marks are no bullets
    texts = [m.text for m in blocks_to_measures(list(doc.blocks))]
    assert "Videreføre bo- og jobbkampanjen i sosiale medier, med ny runde våren 2027" in texts  # the wrap joined
    assert any(t.startswith("Dialogmøte med Statens vegvesen") for t in texts)


def test_a_text_attachment_is_read_after_the_body(tmp_path: Path):
    msg = EmailMessage()
    msg["From"] = "Malvik kommune <post@malvik.kommune.no>"
    msg["Subject"] = "Høringsinnspill"
    msg.set_content("Hei, innspillet vårt ligger vedlagt.\n\nMvh\nMalvik kommune\n", charset="utf-8")
    msg.add_attachment("<html><body><h1>Innspill</h1><ol><li>Utrede innfartsparkering ved Hommelvik</li>"
                       "</ol></body></html>", subtype="html", filename="innspill.html")
    msg.add_attachment(b"%PDF-1.4 ...", maintype="application", subtype="pdf", filename="kart.pdf")
    path = tmp_path / "innspill.eml"
    path.write_bytes(bytes(msg))
    doc = parse(path)
    texts = [b.text for b in doc.blocks]
    assert texts.index("Utrede innfartsparkering ved Hommelvik") > texts.index("Hei, innspillet vårt ligger vedlagt.")
    assert doc.warnings == ("attachment not read: kart.pdf (save it into raw/ to process it)",)
