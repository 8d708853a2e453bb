"""Alignment of two programme versions on small hand-made pairs (no IDs shared)."""
from __future__ import annotations

from typing import Any

import pandas as pd
import pytest

from pipeline.compare.align import CHANGE_COLUMNS, AlignSettings, align, assign_lineage, clean_text, lemma_sets

KLIMA = ["Innsatsområder", "Klima, miljø og natur"]
TRANSPORT = ["Innsatsområder", "Transport og mobilitet"]
FJORD = ["Tverrgående temaer", "Miljøtilstanden i Oslofjorden, vann og vassdrag"]

BASE = [
    ("Arrangement: Arrangere felles ryddedag blant kommunene med mål om å fjerne fremmedarter.",
     "klima-miljo-natur", KLIMA, ["Kommunene"]),
    ("Prosjekt: Kartlegging av de økologiske korridorene i regionen i samarbeid mellom kommunene.",
     "klima-miljo-natur", KLIMA, ["Kommunene"]),
    ("Prosjekt - Skog (skogpleie og skogsdrift) som EU-prosjekt med skogeierne.",
     "klima-miljo-natur", KLIMA, ["NMBU", "Norges skogeierforbund"]),
    ("Videreføre dialog med Bane NOR om multimodale transportløsninger og pendlerparkering.",
     "transport-mobilitet", TRANSPORT, ["Bane NOR"]),
    ("Utfordre fylkeskommunene og Statens vegvesen til mer forpliktende samarbeid om gange og sykkel.",
     "transport-mobilitet", TRANSPORT, ["Fylkeskommunene", "Statens vegvesen"]),
    ("Prosjekt: restaurere fjordnatur og blågrønne områder langs bekker som ender i fjorden.",
     "oslofjorden-vann", FJORD, []),
    ("Bygge kunnskap blant grunneiere om hvordan situasjonen i Oslofjorden påvirkes av aktivitet i nedslagsfeltet.",
     "oslofjorden-vann", FJORD, ["Grunneiere"]),
]


def measure(i: int, text: str, theme: str, section: list[str], partners: list[str], prefix: str,
            **extra: Any) -> dict[str, Any]:
    row = {"measure_id": f"{prefix}{i}", "text": text, "theme": theme, "measure_type": "prosjekt",
           "goals": [], "partners": partners, "targets": [], "section": section, "parent_id": None,
           "ordinal": i}
    row.update(extra)
    return row


def frame(items: list[tuple[str, str, list[str], list[str]]], prefix: str) -> pd.DataFrame:
    return pd.DataFrame([measure(i, *item, prefix=prefix) for i, item in enumerate(items)])


def changed(result: pd.DataFrame) -> pd.DataFrame:
    return result[result["change"] != "unchanged"]


@pytest.fixture()
def old() -> pd.DataFrame:
    return frame(BASE, "a")


def test_columns_and_self_alignment(old: pd.DataFrame) -> None:
    result = align(old, old.assign(measure_id=old["measure_id"] + "x"), "v1", "v2")
    assert list(result.columns) == CHANGE_COLUMNS
    assert set(result["change"]) == {"unchanged"}
    assert (result["old_version"] == "v1").all() and (result["new_version"] == "v2").all()
    assert all(list(f) == [] for f in result["fields"])


def test_pure_reword_is_modified_text(old: pd.DataFrame) -> None:
    items = list(BASE)
    items[1] = ("Prosjekt: Kartlegge og beskrive de økologiske korridorene på tvers av kommunegrensene.",
                *BASE[1][1:])
    result = changed(align(old, frame(items, "b")))
    assert len(result) == 1
    row = result.iloc[0]
    assert row["change"] == "modified" and list(row["fields"]) == ["text"]
    assert row["old_measure_id"] == "a1" and row["new_measure_id"] == "b1"
    assert 0 < row["similarity"] < 1


def test_swap_and_renumbering_is_unchanged(old: pd.DataFrame) -> None:
    items = [(f"{n}.1 {t}", *rest) for n, (t, *rest) in enumerate(BASE, start=1)]
    items[0], items[1] = items[1], items[0]
    result = align(old, frame(items, "b"))
    assert set(result["change"]) == {"unchanged"}
    pairs = dict(zip(result["old_measure_id"], result["new_measure_id"]))
    assert pairs["a0"] == "b1" and pairs["a1"] == "b0"


def test_split_is_one_modified_plus_one_added(old: pd.DataFrame) -> None:
    items = list(BASE)
    text = BASE[4][0]
    items[4] = ("Utfordre fylkeskommunene og Statens vegvesen til mer forpliktende samarbeid.", *BASE[4][1:])
    items.insert(5, ("Samarbeide om bedre tilrettelegging for gange og sykkel i mindre tettsteder.", *BASE[4][1:]))
    result = changed(align(old, frame(items, "b")))
    assert sorted(result["change"]) == ["added", "modified"]
    modified = result[result["change"] == "modified"].iloc[0]
    assert modified["old_text"] == text and "Utfordre" in modified["new_text"]


def test_move_to_another_theme(old: pd.DataFrame) -> None:
    items = list(BASE)
    moved = items.pop(5)
    items.insert(2, (moved[0], "klima-miljo-natur", KLIMA, moved[3]))
    result = changed(align(old, frame(items, "b")))
    assert len(result) == 1
    row = result.iloc[0]
    assert row["change"] == "moved" and list(row["fields"]) == ["theme"]
    assert (row["old_theme"], row["new_theme"]) == ("oslofjorden-vann", "klima-miljo-natur")


def test_move_with_reword_lists_text_too(old: pd.DataFrame) -> None:
    items = list(BASE)
    items[6] = ("Bygge kunnskap blant grunneiere og bønder om hvordan Oslofjorden påvirkes av aktivitet i nedslagsfeltet.",
                "klima-miljo-natur", KLIMA, ["Grunneiere"])
    row = changed(align(old, frame(items, "b"))).iloc[0]
    assert row["change"] == "moved" and set(row["fields"]) == {"text", "theme"}


def test_partner_added_is_modified_partners(old: pd.DataFrame) -> None:
    items = list(BASE)
    items[2] = (BASE[2][0], BASE[2][1], BASE[2][2], BASE[2][3] + ["Miljødirektoratet"])
    row = changed(align(old, frame(items, "b"))).iloc[0]
    assert row["change"] == "modified" and list(row["fields"]) == ["partners"]


def test_goals_targets_and_type_changes() -> None:
    old = pd.DataFrame([measure(0, BASE[0][0], *BASE[0][1:], prefix="a")])
    new = pd.DataFrame([measure(0, BASE[0][0], *BASE[0][1:], prefix="b", measure_type="arrangement",
                                goals=[{"kind": "resultatmål", "text": "Én ryddedag i året"}],
                                targets=[{"value": 30.0, "unit": "%", "year": 2030, "text": "30 %"}])])
    row = align(old, new).iloc[0]
    assert row["change"] == "modified"
    assert list(row["fields"]) == ["measure_type", "goals", "targets"]


def test_unrelated_replacement_is_removed_plus_added(old: pd.DataFrame) -> None:
    items = list(BASE)
    items[3] = ("Etablere et nettverk for energirådgivere i kommunene og dele erfaringer om solkraft.",
                *BASE[3][1:])
    result = changed(align(old, frame(items, "b")))
    assert sorted(result["change"]) == ["added", "removed"]
    assert result["similarity"].tolist() == [0.0, 0.0]


def test_model_theme_flip_under_same_heading_is_not_a_move() -> None:
    general = ["Andre innspill"]
    old = pd.DataFrame([measure(0, "Slå sammen regionrådet og nabosamarbeidet til ett organ.", "styring-samarbeid",
                                general, [], prefix="a", theme_source="model")])
    new = pd.DataFrame([measure(0, "Slå sammen regionrådet og nabosamarbeidet til ett felles organ.",
                                "by-regionutvikling", general, [], prefix="b", theme_source="model")])
    row = align(old, new).iloc[0]
    assert row["change"] == "modified" and set(row["fields"]) == {"text", "theme"}
    assert align(old, new, settings=AlignSettings(model_theme_is_move=True)).iloc[0]["change"] == "moved"


def test_empty_sides() -> None:
    old = frame(BASE[:2], "a")
    assert list(align(old, old.iloc[0:0])["change"]) == ["removed", "removed"]
    assert list(align(old.iloc[0:0], old)["change"]) == ["added", "added"]


def test_assign_lineage_follows_predecessor(old: pd.DataFrame) -> None:
    previous = old.assign(lineage_id=[f"L{i}" for i in range(len(old))])
    items = list(BASE)
    items[1] = ("Prosjekt: Kartlegge de økologiske korridorene på tvers av kommunegrensene i regionen.", *BASE[1][1:])
    items.append(("Kurs for saksbehandlere i bruk av naturregnskap i arealplanleggingen.", *BASE[0][1:]))
    current = frame(items, "b").iloc[::-1]  # any row order
    lineage = assign_lineage(previous, current)
    by_id = dict(zip(current["measure_id"], lineage))
    assert by_id["b1"] == "L1" and by_id["b0"] == "L0"
    assert by_id[f"b{len(items) - 1}"] == f"b{len(items) - 1}"


def test_text_helpers() -> None:
    assert clean_text(" 1.2  Etablere\u00ad forum ") == "Etablere forum"
    assert clean_text("* o Naturrestaurering") == "Naturrestaurering"
    assert clean_text(None) == "" and clean_text("30 % innen 2030") == "30 % innen 2030"

    def broken(_: str) -> list[str]:
        raise RuntimeError("no model")
    fallback = lemma_sets(["Kartlegging av arealene"], broken)[0]
    assert "av" not in fallback and fallback


def test_without_themes_a_new_heading_is_a_move(old: pd.DataFrame) -> None:
    items = [(t, None, sec, p) for t, _, sec, p in BASE]
    moved = items.pop(5)
    items.insert(2, (moved[0], None, KLIMA, moved[3]))
    row = changed(align(frame([(t, None, sec, p) for t, _, sec, p in BASE], "a"), frame(items, "b"))).iloc[0]
    assert row["change"] == "moved" and list(row["fields"]) == ["section"]


def test_one_strong_pair_beats_two_weak_cross_pairs(monkeypatch: pytest.MonkeyPatch) -> None:
    import numpy as np

    import pipeline.compare.align as a

    score = np.array([[0.95, 0.5], [0.5, 0.1]])
    monkeypatch.setattr(a, "score_matrix", lambda o, n, s=None: (score, score))
    assert a.match_pairs([{}, {}], [{}, {}]) == [(0, 0, 0.95)]
