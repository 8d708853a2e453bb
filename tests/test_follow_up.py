"""A follow-up table that restates the minutes' decisions gives them its owners and deadlines."""
from __future__ import annotations

from pipeline.models import Measure
from pipeline.segment.follow_up import merge_follow_up_rows


def _decisions() -> list[Measure]:
    return [Measure(1, "Regionrådet etablerer et næringsforum for regionen med to samlinger i året.", layout="item"),
            Measure(2, "Sekretariatet utreder en felles førstelinjetjeneste for etablerere.", layout="item"),
            Measure(3, "Det arrangeres en fagdag om kvikkleire og flomfare for planleggere.", layout="item")]


def test_rows_that_name_a_decision_fold_into_it() -> None:
    rows = [Measure(4, "Første samling i næringsforumet", layout="table", responsible_text=("Sekretariatet",),
                    deadline_text="oktober 2026"),
            Measure(5, "Utredning av etablererveiledning", layout="table", responsible_text=("Sekretariatet",),
                    deadline_text="31.12.2026"),
            Measure(6, "Utsending av protokollen", layout="table", responsible_text=("Referent",))]
    out = merge_follow_up_rows(_decisions() + rows)
    assert [m.text[:20] for m in out] == ["Regionrådet etablere", "Sekretariatet utrede", "Det arrangeres en fa",
                                          "Utsending av protoko"]
    assert out[0].deadline_text == "oktober 2026" and out[1].responsible_text == ("Sekretariatet",)
    assert out[2].deadline_text is None  # no row names the fagdag
    assert [m.ordinal for m in out] == [1, 2, 3, 4]


def test_a_table_of_new_measures_is_no_recap() -> None:
    rows = [Measure(4, "Kartlegge næringsareal", layout="table", responsible_text=("Sekretariatet",)),
            Measure(5, "Felles innkjøp av elbilar", layout="table", responsible_text=("Sekretariatet",)),
            Measure(6, "Søknad om klimasatsmidlar", layout="table", responsible_text=("Verdal kommune",))]
    measures = _decisions() + rows
    assert merge_follow_up_rows(measures) == measures
