"""A web page or Word document that titles each measure with a small heading over a short paragraph
(pipeline.segment.titled_prose)."""
from __future__ import annotations

from pipeline.models import Block
from pipeline.segment import blocks_to_measures
from pipeline.segment.titled_prose import titled_headings


def _page(bodies: list[str], h2: str = "Næring og arbeid") -> list[Block]:
    blocks = [Block("Dette skal vi gjere i 2027", "heading", 1), Block(h2, "heading", 2)]
    for n, body in enumerate(bodies, 1):
        blocks += [Block(f"Tiltakstittel nummer {n}", "heading", 3), Block(body, "text")]
    return blocks


BODIES = ["Vi skal kartleggje ledige næringsareal i alle kommunane. Seljord kommune leier arbeidet.",
          "Saman med Visit Telemark startar vi eit forprosjekt om vinterturisme i fjellet.",
          "Vi arrangerer fire gründarkveldar i året. Sekretariatet har ansvaret, og første kveld blir i februar 2027."]


def test_three_small_headings_over_short_paragraphs_title_measures() -> None:
    blocks = _page(BODIES)
    assert titled_headings(blocks) == frozenset({2, 4, 6})
    measures = blocks_to_measures(blocks)
    assert [m.text.split(" Vi ")[0].split(" Saman")[0] for m in measures] == [
        "Tiltakstittel nummer 1", "Tiltakstittel nummer 2", "Tiltakstittel nummer 3"]
    assert measures[0].responsible_text == ("Seljord kommune",)  # the owner sentence leaves the text
    assert "leier arbeidet" not in measures[0].text
    assert measures[2].responsible_text == ("Sekretariatet",) and measures[2].deadline_text == "i februar 2027"


def test_two_headings_or_long_bodies_are_sections() -> None:
    assert titled_headings(_page(BODIES[:2])) == frozenset()
    long_body = " ".join(["Regionen har hatt vekst i mange år, men ikkje like mykje overalt."] * 12)
    assert titled_headings(_page([long_body] * 3)) == frozenset()
    with_list = _page(BODIES)
    with_list.insert(3, Block("første punkt", "item", 0, bullet="-"))
    assert 2 not in titled_headings(with_list)


def test_a_goal_sentence_leaves_the_text_and_the_sentences_after_it_stay() -> None:
    from pipeline.models import Measure
    from pipeline.segment.goals import split_goal_sentence

    m = split_goal_sentence(Measure(1, "Vi lagar eit opplæringsopplegg i KI. Målet er at 300 tilsette tek det. "
                                       "Ansvarleg er Vinje kommune."))
    assert m.text == "Vi lagar eit opplæringsopplegg i KI. Ansvarleg er Vinje kommune."
    assert [g.text for g in m.goals] == ["at 300 tilsette tek det."]
