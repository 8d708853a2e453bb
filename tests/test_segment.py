from pipeline.models import Block
from pipeline.parse.text import text_to_blocks
from pipeline.segment import blocks_to_measures


def seg(text):
    return blocks_to_measures(text_to_blocks(text))


def test_headings_sections_and_children():
    ms = seg("Notater\n\nKlima, miljø og natur:\n* Kartlegge korridorer\no Pilot i Asker\no Pilot i Moss\n"
             "Transport og mobilitet:\n* Dialog med Bane NOR om pendlerparkering\n")
    assert [m.text for m in ms] == ["Kartlegge korridorer", "Pilot i Asker", "Pilot i Moss",
                                   "Dialog med Bane NOR om pendlerparkering"]
    assert ms[1].parent == ms[0].ordinal and ms[2].parent == ms[0].ordinal and ms[3].parent is None
    assert ms[0].section == ("Klima, miljø og natur",) and ms[3].section == ("Transport og mobilitet",)


def test_labelled_goals_and_partners():
    ms = seg("Notater\n\n* Arrangere ryddedag\nResultatmål: én ryddedag i 2026\nEffektmål: færre fremmedarter\n"
             "Partnere: NMBU, kommunene\n* Neste tiltak\n")
    assert [(g.kind, g.text) for g in ms[0].goals] == [("resultatmål", "én ryddedag i 2026"),
                                                     ("effektmål", "færre fremmedarter")]
    assert ms[0].partner_text == ("NMBU, kommunene",) and ms[1].goals == ()


def test_inline_labels_split_joined_cells():
    ms = seg("Notater\n\n* Godsoverføring fra veg Resultatmål: øke ladepunkter\n* Videreføre dialog\n")
    assert ms[0].text == "Godsoverføring fra veg"
    assert [(g.kind, g.text) for g in ms[0].goals] == [("resultatmål", "øke ladepunkter")]
    assert ms[1].text == "Videreføre dialog"


def test_table_blocks_use_column_roles():
    blocks = [Block("Klima, miljø og natur", "heading", column="theme", row=1),
              Block("Kartlegge korridorer", "item", column="measure", row=1),
              Block("Resultatmål: et kartlag", column="goal", row=1),
              Block("NMBU, NVE", column="partner", row=1),
              Block("Ryddedag", "item", column="measure", row=2)]
    ms = blocks_to_measures(blocks)
    assert [m.text for m in ms] == ["Kartlegge korridorer", "Ryddedag"]
    assert ms[0].goals[0].kind == "resultatmål" and ms[0].partner_text == ("NMBU, NVE",)
    assert ms[0].section == ("Klima, miljø og natur",)


def test_no_blocks_no_measures():
    assert blocks_to_measures([]) == []
