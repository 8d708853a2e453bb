"""Action arrows in quick notes: the arrowed lines are the list's items, the others what was said."""
from __future__ import annotations

from pipeline.models import Block
from pipeline.parse.text import text_to_blocks
from pipeline.segment import blocks_to_measures
from pipeline.segment.arrows import arrow_actions
from pipeline.segment.evidence import SegmentSettings

NOTES = """Verkstad om næring

GRUPPE 1 – Næring
- stor mangel på fagarbeidarar
- -> felles lærlingkontor for kommunane
- havbruket treng folk med kompetanse -> dialog med HVL om kortkurs
- -> næringsfrukost fire gonger i året

GRUPPE 2 – Samferdsel
- -> be fylkeskommunen om ein seinare avgang
- -> prøveprosjekt med bestillingsbuss
"""


def _candidates(text: str) -> list[str]:
    return [m.text for m in blocks_to_measures(text_to_blocks(text), settings=SegmentSettings(use_confidence=False))]


def test_arrowed_lines_are_the_items_and_an_arrow_inside_a_line_starts_one() -> None:
    texts = _candidates(NOTES)
    assert "felles lærlingkontor for kommunane" in texts
    assert "dialog med HVL om kortkurs" in texts
    assert "be fylkeskommunen om ein seinare avgang" in texts
    assert not any("mangel på fagarbeidarar" in t or "havbruket" in t for t in texts)


def test_one_arrow_is_no_marker_and_deeper_arrows_are_sub_points() -> None:
    one = [Block("stor mangel på folk", "item", bullet="-"), Block("-> lage ein plan", "item", bullet="-")]
    assert arrow_actions(one) == one
    deeper = [Block("Etablere felles lærlingkontor", "item", 0, bullet="-"),
              Block("ansvar: SB", "item", 1, bullet="->"), Block("frist: mars", "item", 1, bullet="->")]
    assert arrow_actions(deeper) == deeper


def test_a_list_without_arrows_is_left_alone() -> None:
    blocks = text_to_blocks("Tiltak\n- Lage ein plan\n- Halde eit seminar\n")
    assert arrow_actions(blocks) == blocks
