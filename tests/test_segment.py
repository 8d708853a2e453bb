from pathlib import Path

from pipeline.models import Block
from pipeline.parse.text import text_to_blocks
from pipeline.segment import blocks_to_measures
from pipeline.segment.evidence import SegmentSettings


def seg(text):
    """The layout rules alone (the corpus-trained confidence model has its own tests)."""
    return blocks_to_measures(text_to_blocks(text), settings=SegmentSettings(use_confidence=False))


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


def test_each_bullet_in_a_goal_cell_is_its_own_goal():
    blocks = [Block("Utarbeide kunnskapsgrunnlag", "item", column="measure", row=1, bullet="*"),
              Block("Resultatmål:", column="goal", row=1),
              Block("Kart over grå arealer", "item", column="goal", row=1, bullet="*"),
              Block("Varmekart for alle kommuner", "item", column="goal", row=1, bullet="*"),
              Block("Effektmål:", column="goal", row=1),
              Block("Kommunene følger opp dette punktet:", "item", column="goal", row=1, bullet="*"),
              Block("effektiv energibruk", "item", column="goal", row=1, bullet="A)"),
              Block("utbygging av fornybar energi", "item", column="goal", row=1, bullet="B)")]
    (m,) = blocks_to_measures(blocks)
    assert [(g.kind, g.text) for g in m.goals] == [
        ("resultatmål", "Kart over grå arealer"), ("resultatmål", "Varmekart for alle kommuner"),
        ("effektmål", "Kommunene følger opp dette punktet: effektiv energibruk utbygging av fornybar energi")]


def test_lettered_goals_after_a_bare_label_are_separate():
    blocks = [Block("Samarbeide om kommunikasjon", "item", column="measure", row=1, bullet="*"),
              Block("Resultatmål:", column="goal", row=1),
              Block("studietur til Østersjøen", "item", column="goal", row=1, bullet="a)"),
              Block("Påvirke nasjonale rammer", "item", column="goal", row=1, bullet="b)")]
    (m,) = blocks_to_measures(blocks)
    assert [g.text for g in m.goals] == ["studietur til Østersjøen", "Påvirke nasjonale rammer"]


def test_items_under_a_goal_label_item_are_goals_until_the_list_climbs_back():
    # Notes layout: "o Resultatmål:" as a list item, its goals one level deeper, then the next measure.
    blocks = [Block("Regional areal- og transportplan", "item", level=0, bullet="*"),
              Block("Resultatmål:", "item", level=1, bullet="o"),
              Block("Møte med alle arealplanleggere", "item", level=2, bullet="-"),
              Block("Arealavklaring gjør regionen attraktiv", "item", level=2, bullet="-"),
              Block("Partnere: Faggruppen KM", "item", level=1, bullet="o"),
              Block("Regional arealanalyse", "item", level=0, bullet="*")]
    ms = blocks_to_measures(blocks, settings=SegmentSettings(use_confidence=False))  # the label rules alone
    assert [m.text for m in ms] == ["Regional areal- og transportplan", "Regional arealanalyse"]
    assert [g.text for g in ms[0].goals] == ["Møte med alle arealplanleggere", "Arealavklaring gjør regionen attraktiv"]
    assert ms[0].partner_text == ("Faggruppen KM",)


FORMAL = Path(__file__).parent / "fixtures" / "formal" / "handlingsprogram-2027-utkast.txt"


def test_formal_programme_numbered_titles_with_body_and_labels():
    from pipeline.parse import parse

    ms = blocks_to_measures(parse(FORMAL).blocks)
    assert [m.text.split(" ")[0] for m in ms] == ["Felles", "Kompetanseprogram", "Dialog", "Sykkelekspressveier",
                                                  "Politikeropplæring"]
    first = ms[0]
    assert first.text.startswith("Felles kunnskapsgrunnlag for naturrestaurering Osloregionen utarbeider")
    assert first.section == ("Klima, miljø og natur",) and ms[2].section == ("Transport og mobilitet",)
    assert ms[4].section == ("Kompetanse",)
    assert [g.kind for g in first.goals] == ["resultatmål", "effektmål"]
    assert "NMBU, Miljødirektoratet, Viken fylkeskommune" in first.partner_text
    assert "knutepunktene." in ms[2].text  # the wrapped body line stays with its measure


def test_heading_styled_title_with_labelled_body_is_a_measure():
    blocks = [Block("Handlingsprogram 2027", "title"),
              Block("Utkast, versjon 2, 14.10.2026"),
              Block("Innledning", "heading", level=1),
              Block("Programmet beskriver tiltakene for 2027."),
              Block("Kraft og energi", "heading", level=1),
              Block("Kartlegge kraftbehov", "heading", level=2),
              Block("Kommunene melder inn behov for nett."),
              Block("Ansvar: Faggruppe energi"),
              Block("Effektmål: bedre nettplanlegging"),
              Block("Neste tittel uten etiketter", "heading", level=2)]
    (m,) = blocks_to_measures(blocks)
    assert m.text == "Kartlegge kraftbehov Kommunene melder inn behov for nett."
    assert m.section == ("Kraft og energi",) and m.responsible_text == ("Faggruppe energi",) and m.partner_text == ()
    assert [(g.kind, g.text) for g in m.goals] == [("effektmål", "bedre nettplanlegging")]


def test_bullets_in_a_titled_measure_are_its_sub_measures():
    ms = seg("Plan\n\n2 Kraft og energi\n\n2.1 Energistasjoner\nRegionen følger opp prosjektet.\n"
             "Partnere: Viken fylkeskommune\n* Søke midler til offentlig lading\n* Kartlegge tomter\n")
    assert [m.text for m in ms] == ["Energistasjoner Regionen følger opp prosjektet.",
                                   "Søke midler til offentlig lading", "Kartlegge tomter"]
    assert ms[1].parent == ms[0].ordinal and ms[2].parent == ms[0].ordinal


def test_email_header_greeting_lead_in_and_signature_are_not_measures():
    from pipeline.parse import parse

    mail = Path(__file__).parent / "fixtures" / "email" / "epost-innspill-asker.txt"
    ms = blocks_to_measures(parse(mail).blocks, settings=SegmentSettings(use_confidence=False))  # the e-mail rules
    assert [m.text.split(" ")[0] for m in ms] == ["Osloregionen", "Arrangere", "Jobbe", "Vi"]
    assert [(g.kind, g.text) for g in ms[1].goals] == [("resultatmål", "minst 50 deltakere.")]
    assert ms[3].goals == () and ms[3].partner_text == ()  # the signature does not leak into the last measure


def test_two_measure_columns_add_up_to_one_measure_per_row():
    blocks = [Block("Kraft og energi", "heading", column="theme", row=0),
              Block("Energistasjoner", column="measure", row=0),
              Block("Følge opp prosjektet om energistasjoner.", column="measure", row=0),
              Block("Viken fylkeskommune", column="partner", row=0),
              Block("2027", column="deadline", row=0),
              Block("Kraftkartlegging", column="measure", row=1),
              Block("Kartlegge kraftbehov i hver kommune.", column="measure", row=1)]
    ms = blocks_to_measures(blocks)
    assert [m.text for m in ms] == ["Energistasjoner Følge opp prosjektet om energistasjoner.",
                                   "Kraftkartlegging Kartlegge kraftbehov i hver kommune."]
    assert [m.deadline_text for m in ms] == ["2027", None]  # a Frist column never stays in the text


def test_formal_programme_pdf_with_bold_numbered_headings(tmp_path):
    from pipeline.parse import parse
    from tests.parse.pdfgen import Page, write_pdf

    lines = [(16, "Handlingsprogram 2027 for Osloregionen"), (10, "Utkast, versjon 2, 14.10.2026"),
             (13, "1 Innledning"), (10, "Handlingsprogrammet beskriver tiltakene for 2027."),
             (13, "2 Klima, miljø og natur"), (11, "2.1 Felles kunnskapsgrunnlag for naturrestaurering"),
             (10, "Osloregionen lager et felles kartlag over arealer som egner seg for restaurering."),
             (10, "Resultatmål: Et kartlag alle kommuner kan bruke."), (10, "Partnere: NMBU, Miljødirektoratet"),
             (13, "3 Transport og mobilitet"), (11, "3.1 Dialog med Bane NOR om innfartsparkering"),
             (10, "Regionen tar initiativ til et fast dialogmøte."), (10, "Ansvar: Sekretariatet")]
    page, top = Page(), 60.0
    for size, text in lines:
        page.text(60, top, text, size=size, bold=size > 10)
        top += size * 1.6 + (10 if size > 10 else 0)
    write_pdf(tmp_path / "plan.pdf", [page])
    ms = blocks_to_measures(parse(tmp_path / "plan.pdf").blocks)
    assert [(m.section, m.text.split(" ")[0]) for m in ms] == [
        (("Klima, miljø og natur",), "Felles"), (("Transport og mobilitet",), "Dialog")]
    assert ms[0].partner_text == ("NMBU, Miljødirektoratet",) and ms[1].responsible_text == ("Sekretariatet",)


def test_course_topics_after_eks_stay_in_the_course_text():
    ms = seg("Notater\n\n* Lage godt kurs for politikere. Fagtema, eks:\nResultatmål: én økt\n"
             "o Kompakt arealplanlegging\no Vannkvalitet i Oslofjorden\n* Neste tiltak\n")
    assert [m.text for m in ms] == [
        "Lage godt kurs for politikere. Fagtema, eks: Kompakt arealplanlegging Vannkvalitet i Oslofjorden",
        "Neste tiltak"]
    assert [g.text for g in ms[0].goals] == ["én økt"]


def test_examples_of_actions_stay_sub_measures():
    ms = seg("Notater\n\n* Søke prosjektmidler: F.eks.:\no lære digitale verktøy\no sommerjobber\n")
    assert [m.text for m in ms] == ["Søke prosjektmidler: F.eks.:", "lære digitale verktøy", "sommerjobber"]
    assert ms[1].parent == ms[0].ordinal


def test_formal_labels_expected_effect_who_and_time_frame():
    ms = seg("Notater\n\n* Kartlegge overvann i Follo\nForventet resultat: kart over flomveier\n"
             "Ønsket effekt: færre flomskader\nI samarbeid med: NVE og kommunene\nTidsramme: 2027\n* Neste tiltak\n")
    assert [(g.kind, g.text) for g in ms[0].goals] == [("resultatmål", "kart over flomveier"),
                                                     ("effektmål", "færre flomskader")]
    assert ms[0].partner_text == ("NVE og kommunene",)
    assert ms[0].text == "Kartlegge overvann i Follo" and ms[0].deadline_text == "2027" and ms[1].text == "Neste tiltak"


def test_a_vision_and_the_prose_after_it_are_no_measures():
    text = ("Arbeidsprogram 2026\n\nVisjon: Regionen – ein levande region\n\n"
            "Gjennom samhandling skal vi gjere regionen attraktiv for busetnad.\n\nTiltak\n\n"
            "- Arrangere regionkonferansen\n- Vidareføre etablerartenesta\n")
    measures = blocks_to_measures(text_to_blocks(text), settings=SegmentSettings(use_confidence=False))
    assert [m.text for m in measures] == ["Arrangere regionkonferansen", "Vidareføre etablerartenesta"]
    listed = "Notat\n\nVisjon: Ein levande region\n- Arrangere regionkonferansen\n"
    assert [m.text for m in blocks_to_measures(text_to_blocks(listed), settings=SegmentSettings(use_confidence=False))] \
        == ["Arrangere regionkonferansen"]  # a list ends the vision


def _texts(text: str, confidence: bool = False) -> list[str]:
    return [m.text for m in blocks_to_measures(text_to_blocks(text), settings=SegmentSettings(use_confidence=confidence))]


def test_attendance_and_place_lines_are_no_measures():
    text = ("Notat frå gruppe B\n\nTil stades: Åse (Stord), Gunnar (Bømlo). Forfall: Sveio og Etne\n"
            "Referent: Eirik\n\n- Lage ei felles oversikt over næringsareal\n")
    assert _texts(text) == ["Lage ei felles oversikt over næringsareal"]


def test_a_follow_up_line_after_numbered_decisions_is_a_candidate_of_its_own():
    text = ("Referat\n\nSak 12/26 Handlingsprogram\nVedtak:\n1. Utkastet sendes på høring.\n"
            "2. Tiltaket om havner skrives om til en felles havneplan.\n"
            "Oppfølging: Daglig leder reviderer transportkapitlet. Ansvar: daglig leder. Frist: innen 1. mars.\n")
    texts = _texts(text)
    assert texts[-1].startswith("Oppfølging: Daglig leder reviderer") and "Oppfølging" not in texts[-2]


def test_items_under_a_vedtak_section_are_kept_whatever_their_wording():
    from pipeline.segment.confidence import decided_items
    from pipeline.segment import measure_candidates

    text = "Referat\n\nSak 14/26 Øvelse\nVedtak:\n1. Kommunene gjennomfører en felles øvelse i oktober.\n"
    measures = measure_candidates(text_to_blocks(text))
    assert {m.ordinal for m in measures if m.text.startswith("Kommunene")} <= decided_items(measures)


def test_items_under_a_goal_that_announces_contents_are_details():
    text = ("Notat\n\nKlima\n- Kartleggje ålegras i fjorden. Resultatmål: kartlag ferdig i 2028. "
            "Kartlegginga bør femne om:\n\t- område med utfylling i sjø\n\t- gyteområde for torsk\n")
    texts = _texts(text)
    assert len(texts) == 1 and "gyteområde for torsk" in texts[0]


def test_an_opinion_tagged_with_its_speaker_stays_a_candidate():
    opinion = "Notat\n\nFylkeskommunane bør bruke lokalprodusert mat, meiner Fjellnettverket.\n"
    assert _texts(opinion) == ["Fylkeskommunane bør bruke lokalprodusert mat, meiner Fjellnettverket."]


NOTES_WITH_LABELLED_ITEMS = """# Verksted

## Næring

Mål: Flere unge skal bo i regionen.

* Traineeprogram for nyutdannede med rotasjon mellom bedrifter og kommuner
  - tre til fire plasser det første året
  - Hvem: regionrådet
  - Når: høsten 2027
* Kartlegge behovet for fagarbeidere

## Samferdsel

* Kartlegge mobildekning i grisgrendte strøk
  - Hvem: sekretariatet

## Parkert / ikke prioritert nå

* Felles eiendomsforvaltning for kommunene

## Neste steg

* Marius sender notatet til gruppa innen fredag.
"""


def test_labels_beside_sub_items_belong_to_the_measure_above():
    measures = blocks_to_measures(text_to_blocks(NOTES_WITH_LABELLED_ITEMS),
                                  settings=SegmentSettings(use_confidence=False))
    trainee = next(m for m in measures if m.text.startswith("Traineeprogram"))
    assert trainee.responsible_text == ("regionrådet",) and trainee.deadline_text == "høsten 2027"
    assert not any(m.text.startswith(("Hvem", "Når")) for m in measures)
    mapping = next(m for m in measures if m.text.startswith("Kartlegge mobildekning"))
    assert mapping.parent is None and mapping.section[-1] == "Samferdsel"  # the heading is no titled measure


def test_parked_items_and_next_steps_are_no_measures():
    texts = _texts(NOTES_WITH_LABELLED_ITEMS)
    assert not any(t.startswith(("Felles eiendomsforvaltning", "Marius sender")) for t in texts)
    later = "Notat\n\n- Kartleggje hyttefolk i regionen\n\nTil neste gong\n- KH sender oppsummering innan 15.11\n"
    assert _texts(later) == ["Kartleggje hyttefolk i regionen"]


def test_a_group_goal_alone_does_not_make_a_sub_item_explicit():
    from pipeline.segment import measure_candidates
    from pipeline.segment.confidence import explicit

    measures = measure_candidates(text_to_blocks(NOTES_WITH_LABELLED_ITEMS))
    detail = next(m for m in measures if m.text.startswith("tre til fire"))
    assert detail.goals and detail.parent is not None and not explicit(detail)


def test_a_letters_courtesies_and_nynorsk_sign_off_are_no_measures():
    text = ("Høyringsinnspel\n\nAlver kommune takkar for høvet til å kome med innspel.\n\n"
            "Kommunen er samd i at E39 er det viktigaste prosjektet.\n\n"
            "Alver kommune ber om at regionrådet tek opp att arbeidet med ein felles uttale.\n\n"
            "Alver kommune ser fram til vidare samarbeid i regionrådet.\n\nMed helsing\n\nSara Mjøs\n\n"
            "Dokumentet er elektronisk godkjent og har difor ingen handskriven signatur.\n")
    assert _texts(text) == ["Alver kommune ber om at regionrådet tek opp att arbeidet med ein felles uttale."]


def test_the_process_around_a_draft_is_no_measure():
    from pipeline.segment.structure import is_remark

    assert is_remark("Si fra hvis noe er uklart. Vi sender endelig innspill etter møtet.")
    assert is_remark("regionrådet ber kommunene sende innspill til handlingsprogram 2027 innen 20. november.")
    assert is_remark("Vi ber om innspill fra kommunene innen 13. november.")
    assert not is_remark("Sekretariatet sender et felles innspill til NTP innen 1. mars.")
    assert is_remark("Ta gjerne kontakt om noko er uklart.") and is_remark("Ikkje nøl med å ta kontakt.")
    assert not is_remark("Ta kontakt med NVE om flomsonene og lag en felles plan.")  # a task
    assert is_remark("Smøla orienterte om arbeidet i ungdomsrådet. Tatt til orientering.")
    assert is_remark("Spørsmålet om felles innkjøp utsettes til neste møte.")
    assert is_remark('Dere skriver at "rådet skal jobbe for et bedre kollektivtilbud".')
    assert not is_remark("Rådet ber om et møte med Avinor om rutetilbudet.")


def test_numbered_lines_with_a_paragraph_right_under_them_are_section_headings() -> None:
    text = ("Oppsummering\n\n1. Kompetanse og utdanning\nRegionrådet kartlegger hvor mange som tar utdanning på nett.\n\n"
            "2. Bolig\nKommunene prøver ut leie-til-eie i samarbeid med Husbanken.\n")
    ms = blocks_to_measures(text_to_blocks(text), settings=SegmentSettings(use_confidence=False))
    assert [(m.section[-1], m.text[:20]) for m in ms] == [("Kompetanse og utdanning", "Regionrådet kartlegg"),
                                                          ("Bolig", "Kommunene prøver ut ")]


def test_a_dateline_under_the_title_is_no_partner_cell() -> None:
    text = "Regionrådet\nOppsummering av dialogmøte\nTynset, 6. oktober 2027\n\n- Etablere et nettverk for reiseliv\n"
    ms = blocks_to_measures(text_to_blocks(text), settings=SegmentSettings(use_confidence=False))
    assert not any("Tynset, 6. oktober 2027" in p for m in ms for p in m.partner_text)


def test_short_paragraphs_a_blank_line_apart_are_a_list_not_a_narrow_goal_column() -> None:
    text = ("Tilsyn i 2027\n\nDenne siden gir en oversikt over hvilke områder tilsynet skal prioritere i den "
            "offentlige kontrollen neste år.\n\nMat og vann\n\n" + "\n\n".join(
                f"Tilsyn med {x} i 2027" for x in ("drikkevannskilder i alle kommunene", "hygieniske barrierer",
                                                    "matimportører", "serveringssteder", "bensinstasjoner",
                                                    "detaljhandel", "kantiner og cateringvirksomheter")) + "\n")
    ms = blocks_to_measures(text_to_blocks(text), settings=SegmentSettings(use_confidence=False))
    assert [m.text for m in ms[-7:]] == [f"Tilsyn med {x} i 2027" for x in (
        "drikkevannskilder i alle kommunene", "hygieniske barrierer", "matimportører", "serveringssteder",
        "bensinstasjoner", "detaljhandel", "kantiner og cateringvirksomheter")]
    assert not any(m.goals for m in ms)


def test_a_measure_announced_in_direct_speech_is_a_candidate() -> None:
    text = ("Bystyret vil ta grep mot ungdomsvolden.\n\n"
            "– Vi har ikke den kunnskapen ennå. Derfor må vi først kalle inn alle gode krefter til et møte, "
            "sier kommunalråd Per Hansen.\n\n"
            "– Ja. Vi vil vurdere å styrke uteseksjonen og gi mer driftstilskudd til ungdomshuset. Men vi trenger "
            "en detaljert tiltaksplan før vi plasserer pengene, sier Hansen.\n")
    texts = [m.text for m in blocks_to_measures(text_to_blocks(text), settings=SegmentSettings(use_confidence=False))]
    assert any("styrke uteseksjonen" in t for t in texts)
    assert any("kalle inn alle gode krefter" in t for t in texts)


def test_a_numbered_line_wrapped_onto_a_lower_case_line_is_an_item_not_a_heading():
    from pipeline.segment import measure_candidates
    text = ("Utkast\n\nVi har fått inn mange innspel frå kommunane og har samla dei i\nfire tiltak som vi meiner er "
            "modne for handsaming no.\n\n1. Regionrådet sender eit felles innspel til Trøndelag\nfylkeskommune om "
            "vinterdrift og rassikring på fv. 17 og fv. 760 før\nbudsjetthandsaminga.\n\n2. Sekretariatet lagar ein "
            "oversikt over ledige bustader og\ntomter i kommunane i Namdal, med kart og prisar og\nkontaktperson.\n")
    found = [m for m in measure_candidates(text_to_blocks(text)) if m.layout == "item"]
    assert [m.text[:60] for m in found] == ["Regionrådet sender eit felles innspel til Trøndelag fylkesko",
                                            "Sekretariatet lagar ein oversikt over ledige bustader og tom"]
    assert all(m.section == () for m in found)


def test_colon_headings_of_one_look_are_siblings_not_nested():
    from pipeline.segment import measure_candidates
    text = ("Arbeidsmøte\n\nRammer:\n- ramme på 1,2 mill.\n\nBesøksforvaltning / reiseliv:\n- felles betalingsløsning\n\n"
            "Landbruk og beite:\n- søke om midler til elektroniske bjeller\n\nRekruttering helse:\n- felles utdanningsstillinger\n")
    found = measure_candidates(text_to_blocks(text))
    assert [m.section for m in found] == [("Rammer",), ("Besøksforvaltning / reiseliv",), ("Landbruk og beite",),
                                          ("Rekruttering helse",)]


def test_a_numbered_recommendation_titles_the_paragraph_below_it():
    from pipeline.segment import measure_candidates
    text = ("Rapport\n\nAnbefaling 1: Arealregnskap for næring.\nRegionrådet bør etablere et felles arealregnskap.\n\n"
            "Anbefaling 2: Én dør inn for bedrifter.\nKommunene bør innføre et felles forhåndsmøte.\n")
    found = [m.text for m in measure_candidates(text_to_blocks(text))]
    assert found == ["Arealregnskap for næring. Regionrådet bør etablere et felles arealregnskap.",
                     "Én dør inn for bedrifter. Kommunene bør innføre et felles forhåndsmøte."]
