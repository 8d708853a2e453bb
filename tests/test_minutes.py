"""Minutes: agenda items, the topics a meeting discussed, and the decisions and follow-ups under them."""
from pipeline.parse.text import text_to_blocks
from pipeline.segment import blocks_to_measures
from pipeline.segment.evidence import SegmentSettings
from pipeline.segment.structure import is_agenda_item, lists_meeting_topics

AGENDA = ("Referat fra møte i regionutvalget\n\n"
          "1. Evaluering av seminaret\n\nVedtak:\n\n  1. Seminaret videreføres.\n  2. Sekretariatet videreføres.\n\n"
          "2. Møtestruktur 2027\n\nStyret holder fire møter i 2027.\n\n"
          "3. Leder av utvalget – synspunkter\n\nDiskusjon.\n")


def _measures(text):
    return blocks_to_measures(text_to_blocks(text), settings=SegmentSettings(use_confidence=False))


def test_numbered_topics_with_text_between_them_are_sections():
    measures = _measures(AGENDA)
    texts = [m.text for m in measures]
    assert not any(t.startswith(("Evaluering av", "Møtestruktur", "Leder av utvalget")) for t in texts)
    assert "Styret holder fire møter i 2027." in texts
    held = next(m for m in measures if m.text.startswith("Styret holder"))
    assert held.section and held.section[-1] == "Møtestruktur 2027"


def test_an_agenda_item_needs_text_between_it_and_its_neighbours():
    blocks = text_to_blocks("Tiltak\n\n1. Felles innkjøp\n2. Felles beredskap\n3. Felles kart\n")
    assert not any(is_agenda_item(blocks, i) for i in range(len(blocks)))


def test_numbered_items_that_act_stay_measures_between_paragraphs():
    text = ("Oppfølging\n\n1. Etablere et nettverk for næringsrådgivere\n\nNettverket møtes to ganger i året.\n\n"
            "2. Kratt ved veien må klippes, Henrik sjekker med E-verket\n\nReferat:\n\n3. Status parkering\n\n"
            "Ingenting nytt.\n")
    blocks = text_to_blocks(text)
    agenda = [blocks[i].text for i in range(len(blocks)) if is_agenda_item(blocks, i)]
    assert agenda == ["Status parkering"]


def test_topics_a_meeting_discussed_are_no_measures():
    assert lists_meeting_topics("Følgende ble diskutert:")
    assert lists_meeting_topics("I dialogmøtet ble følgende saker diskutert:")
    assert lists_meeting_topics("Saksliste:")
    assert not lists_meeting_topics("Følgende tiltak ble vedtatt:")
    text = ("Referat\n\nFølgende ble diskutert:\n\n- Avtalespesialistene\n- Arbeidsmiljø i sykehusene\n\n"
            "Vedtak: Sekretariatet kaller inn til nytt møte i mars.\n")
    texts = [m.text for m in _measures(text)]
    assert not any(t.startswith(("Avtalespesialistene", "Arbeidsmiljø")) for t in texts)
    assert any("kaller inn til nytt møte" in t for t in texts)


def test_sending_the_document_onward_is_a_process_remark() -> None:
    from pipeline.segment.structure import is_remark

    assert is_remark("Sekretariatet sender forslagene på høring til kommunene før jul.")
    assert is_remark("Marius sender notatet til gruppa innen fredag.")
    assert not is_remark("Sekretariatet sender invitasjon til workshopen til alle kommunene.")


def test_a_letter_announcing_its_own_input_is_a_remark() -> None:
    from pipeline.segment.structure import is_remark

    assert is_remark("På vegne av Bergen Næringsråd ønsker vi å komme med følgende innspill til høringen:")
    assert not is_remark("Det skal vere ein høyringsprosess der lag og organisasjonar kan kome med innspel til planen.")


def test_the_topics_end_where_the_next_heading_begins() -> None:
    text = ("Referat\n\nFølgende ble diskutert:\n\n- Avtalespesialistene\n- Arbeidsmiljø\n\n2 Oppfølging\n\n"
            "- Sekretariatet kaller inn til nytt møte i mars\n")
    texts = [m.text for m in _measures(text)]
    assert texts == ["Sekretariatet kaller inn til nytt møte i mars"]


def test_numbered_cases_are_sections_and_end_the_owner_line_above_them() -> None:
    from pipeline.segment.structure import minutes_heading

    assert [minutes_heading(t) for t in ("Sak nr 12/12", "SAK 2:   Kommunebesøk", "Sak 1. Dugnad", "Sak 3.")] == [1] * 4
    # a case line that goes on to report the case is the report, not a heading
    assert minutes_heading("Sak 1: Lekkasje på skolen, rektor tidlig ute med info. Skolen driftes som før.") is None
    text = ("Referat fra styremøte\n\nSak nr 11/12\nBenker langs vegen\n"
            "Styret kjøper inn tre benker til sommeren.\nAnsvarlig: Inger, Jon\nSak nr 12/12\n"
            "Evaluering av påskearrangementet\nArrangementet gikk bra.\n")
    measures = _measures(text)
    bench = next(m for m in measures if m.text.startswith("Styret kjøper"))
    assert bench.responsible_text == ("Inger, Jon",)
    assert not any("Sak nr" in m.text for m in measures)
    assert next(m for m in measures if m.text.startswith("Arrangementet")).section[0] == "Sak nr 12/12"


def test_the_agenda_s_topics_end_where_the_numbering_starts_again() -> None:
    text = ("Styremøtereferat\n\nAgenda:\n\n1. Godkjenning av innkalling\n\n2. Nytt fra klubbene\n\n3. Eventuelt\n\n"
            "1. Innkalling godkjent uten anmerkninger.\n\n2. Styret sender et brev til kommunen om banen.\n\n"
            "3. Trond avklarer med valgkomiteen om de ønsker gjenvalg.\n")
    texts = [m.text for m in _measures(text)]
    assert "Styret sender et brev til kommunen om banen." in texts
    assert "Trond avklarer med valgkomiteen om de ønsker gjenvalg." in texts
    assert not any(t.startswith(("Godkjenning av", "Nytt fra", "Eventuelt")) for t in texts)


def test_the_process_after_the_meeting_is_no_measure_in_nynorsk_either() -> None:
    from pipeline.parse.text import text_to_blocks
    from pipeline.segment import blocks_to_measures
    from pipeline.segment.evidence import SegmentSettings

    text = ("Verkstad\n\nGRUPPE 3 – Klima, natur og beredskap\n- Kartleggje flaumutsette bustadområde\n"
            "- Kurs for politikarar om naturrisiko\n\nVidare arbeid\n- sekretariatet lagar utkast innan 20.11\n")
    ms = blocks_to_measures(text_to_blocks(text), settings=SegmentSettings(use_confidence=False))
    assert [m.section for m in ms[:1]] == [("GRUPPE 3 – Klima, natur og beredskap",)]  # five words: a heading
    assert not any(m.text.startswith("sekretariatet lagar") for m in ms)
