"""Other layouts of the genre: the same programme as HTML and as the PDF a browser prints from it give the
same measures, sub-measures, goals and partners: a five-column table (Nr | Tiltak | Resultatmål |
Ansvar/partnere | Frist, section rows) and notes with three list levels, the PDFs' bullets drawn as
shapes, not characters."""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.parse import parse
from pipeline.segment import blocks_to_measures

LAYOUTS = Path(__file__).parent / "fixtures" / "layouts"


def measures(name: str) -> list[tuple]:
    return [(m.text, m.parent, m.section, tuple(g.text for g in m.goals), m.partner_text)
            for m in blocks_to_measures(parse(LAYOUTS / name).blocks)]


@pytest.mark.parametrize("name", ["tabell-fem-kolonner.html", "tabell-fem-kolonner-tegnede-punkter.pdf"])
def test_five_column_programme(name: str):
    got = measures(name)
    assert [m[0] for m in got] == [
        "Kartlegge økologiske korridorer i Osloregionen i samarbeid med kommunene og fylkeskommunene, med vekt på "
        "overvann og flom.",
        "Restaurere myr og våtmark", "pilot i Asker", "pilot i Lillestrøm",
        "Påvirke staten for at tog skal være foretrukket transportform i regionen.",
        "Arrangere et seminar om grønn næringstransport for kommunene og næringslivet."]
    assert got[2][1] == got[3][1] == 2 and got[1][1] is None
    assert got[1][3] == ("30 % av myrene restaurert innen 2030",) and got[1][4] == ("Statens vegvesen, Miljødirektoratet",)
    assert got[4][2] == ("Transport og mobilitet",)


@pytest.mark.parametrize("html, pdf", [
    ("tabell-fem-kolonner.html", "tabell-fem-kolonner-tegnede-punkter.pdf"),
    ("notater-nestet.html", "notater-nestet-hule-punkter.pdf"),  # "◦" level-2 bullets are stroked circles
])
def test_html_and_printed_pdf_agree(html: str, pdf: str):
    got = measures(pdf)
    assert got == measures(html)
    # the third level ("med målinger hver uke") is a detail of its pilot, not an action: it joins its text
    assert [m[1] for m in got][:4] == ([None, None, 2, 2] if "tabell" in pdf else [None, 1, 1, None])
    if "notater" in pdf:
        assert got[1][0] == "pilot i Ås med målinger hver uke"
