"""The segmenter's confidence model and the inline numbered-list split, on tiny hand-made inputs."""
from __future__ import annotations

from pipeline.models import Block, Measure
from pipeline.segment import blocks_to_measures
from pipeline.segment.confidence import ConfidenceModel, Linear, load_model, with_confidence
from pipeline.segment.evidence import SegmentSettings
from pipeline.segment.inline import split_inline_numbered

# a model that keeps what opens with a modal or an infinitive and drops greetings; its second stage
# passes the first stage's score through
TOY = ConfidenceModel(Linear({"greeting": -6.0, "modal": 3.0, "w1_verb=inf": 3.0}, -1.0),
                      Linear({"self_p": 12.0}, -6.0), threshold=0.5)


def test_unlikely_candidates_are_dropped_and_children_move_up() -> None:
    measures = [Measure(1, "Hei alle sammen"), Measure(2, "Etablere et nettverk", parent=1),
                Measure(3, "Kartlegge behovet", parent=2)]
    kept = with_confidence(measures, TOY)
    assert [m.text for m in kept] == ["Etablere et nettverk", "Kartlegge behovet"]
    assert [(m.ordinal, m.parent) for m in kept] == [(1, None), (2, 1)]
    assert all(0.5 <= m.confidence <= 1 for m in kept)


def test_table_cells_are_never_dropped() -> None:
    kept = with_confidence([Measure(1, "Hei alle sammen", layout="table")], TOY)
    assert len(kept) == 1 and kept[0].confidence < 0.5


def test_shipped_model_scores_every_measure() -> None:
    assert load_model() is not None
    blocks = [Block("Tiltak", kind="heading", level=1), Block("Etablere et regionalt nettverk for klimatilpasning", kind="item"),
              Block("Kartlegge behovet for ladeinfrastruktur i kommunene", kind="item")]
    measures = blocks_to_measures(blocks)
    assert len(measures) == 2 and all(m.confidence is not None for m in measures)
    off = blocks_to_measures(blocks, settings=SegmentSettings(use_confidence=False))
    assert all(m.confidence is None for m in off)


def test_inline_numbered_items_are_split() -> None:
    block = Block("Oppgåvene er desse: 1. Fremja regionen 2. Samordna tiltaksarbeid 3. Vera pådrivar for samferdsel")
    parts = split_inline_numbered(block)
    assert [p.text for p in parts] == ["Oppgåvene er desse:", "Fremja regionen", "Samordna tiltaksarbeid",
                                       "Vera pådrivar for samferdsel"]
    assert [p.kind for p in parts] == ["text", "item", "item", "item"]


def test_dates_and_section_numbers_are_not_split() -> None:
    for text in ("Møte 1. januar og 2. februar", "1.1 Samferdsle 1.2 Næring 1.3 Kultur", "Punkt 2. Bla 3. Bla 4. Bla"):
        assert split_inline_numbered(Block(text)) == [Block(text)]
