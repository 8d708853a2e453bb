"""Lines wrapped in mid-sentence are joined before segmenting, whatever blank lines a transcript put between them."""
from pipeline.parse.text import text_to_blocks
from pipeline.segment import blocks_to_measures
from pipeline.segment.evidence import SegmentSettings


def _texts(text):
    return [m.text for m in blocks_to_measures(text_to_blocks(text), settings=SegmentSettings(use_confidence=False))]


def test_a_word_broken_over_a_paragraph_break_stays_in_its_bullet():
    text = ("Uttale\n\n- Det bør etableres trafikklys ved overgangen.\n\n- God sosial infrastruktur som kan være helse-\n\n"
            "fremmende bør prioriteres.\n\nEgil Hestnes\n")
    texts = _texts(text)
    assert any(t.startswith("God sosial infrastruktur") and t.endswith("fremmende bør prioriteres.") for t in texts)
    assert not any(t.startswith("fremmende") for t in texts)


def test_a_dash_after_a_space_is_no_broken_word():
    text = "Uttale\n\n- Vi ber om to ting -\n\nfremdrift og midler skal avklares i styret.\n"
    assert any(t.startswith("fremdrift") for t in _texts(text))


def test_a_line_cut_after_a_word_that_needs_more_goes_on_on_the_next() -> None:
    text = "Forslag\n\n- Felles søknad til fylkeskommunen om midler til\nnæringshagene i Eidskog\n- Dialogmøte om E6\n"
    assert "Felles søknad til fylkeskommunen om midler til næringshagene i Eidskog" in _texts(text)


def test_a_heading_over_a_list_after_a_blank_line_is_no_wrapped_line() -> None:
    long = "- kulturtilbodet: mange meinte dette er kommunane sitt ansvar og ikkje regionrådet sitt"
    text = (f"Notat\n\nGruppe 4\n{long}\n{long}\n- unge flyttar ut etter vidaregåande\n{long}\n\n"
            "Parkeringsplassen\n- felles legevakt for ytre Sunnfjord\n- ny sak\n")
    texts = _texts(text)
    assert not any(t.endswith("Parkeringsplassen") for t in texts)
    assert "felles legevakt for ytre Sunnfjord" in texts
