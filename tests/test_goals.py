"""Goals in running text: "Målet er at …" after a measure, and "Mål N: …" lines heading a group."""
from __future__ import annotations

from pipeline.parse.text import text_to_blocks
from pipeline.segment import blocks_to_measures
from pipeline.segment.evidence import SegmentSettings

NOTES = """Arbeidsprogram 2026

Mål 1: Fleire innbyggjarar i regionen
Tiltak:
- Etablere eit fagnettverk mellom kommunane
- Marknadsføre regionen som bustadregion

Mål 2: Sterkare næringsliv
- Kartlegge ledige næringsareal

Andre innspill

- Arrangere et seminar om sirkulære innkjøp
Målet er at alle kommunene skal ha en plan for sirkulære innkjøp innen 2027.
- Utrede felles avfallsløsninger
"""


def _measures() -> list:
    return blocks_to_measures(text_to_blocks(NOTES), settings=SegmentSettings(use_confidence=False))


def test_group_goal_lines_are_goals_of_each_measure_below_them_not_measures() -> None:
    ms = _measures()
    assert [m.text.split(" ")[0] for m in ms] == ["Etablere", "Marknadsføre", "Kartlegge", "Arrangere", "Utrede"]
    assert [[g.text for g in m.goals] for m in ms[:3]] == [
        ["Fleire innbyggjarar i regionen"], ["Fleire innbyggjarar i regionen"], ["Sterkare næringsliv"]]
    assert all(g.kind == "mål" for m in ms for g in m.goals)


def test_a_goal_sentence_after_a_measure_is_its_goal_and_a_new_section_ends_the_group() -> None:
    ms = _measures()
    assert [g.text for g in ms[3].goals] == ["at alle kommunene skal ha en plan for sirkulære innkjøp innen 2027."]
    assert ms[4].goals == ()
