from pipeline.nlp.targets import find_targets, measure_targets, parse_number


def test_norwegian_numbers():
    assert parse_number("100.000") == 100000
    assert parse_number("2 000") == 2000
    assert parse_number("1,5") == 1.5
    assert parse_number("tre") == 3


def test_percent_with_deadline():
    (t,) = find_targets("jf. mål om 30 % restaurering innen 2030.")
    assert (t.value, t.unit, t.year) == (30, "%", 2030)


def test_from_to_keeps_the_target_not_the_baseline():
    targets = find_targets("løftes fra NOK 100.000,- til NOK 300.000, slik at")
    assert [(t.value, t.unit) for t in targets] == [(300000, "NOK")]
    assert [t.value for t in find_targets("fra 14 % til 20 %")] == [20]


def test_money_and_counts():
    assert [(t.value, t.unit) for t in find_targets("kr 400 000 til tiltaket")] == [(400000, "NOK")]
    assert [(t.value, t.unit) for t in find_targets("20 millioner kroner")] == [(20e6, "NOK")]
    assert [(t.value, t.unit) for t in find_targets("arrangere tre seminarer i 2026")] == [(3, "seminarer")]


def test_repeated_target_counted_once():
    assert len(measure_targets(["30 % restaurering innen 2030", "restaurere 30% innen 2030"])) == 1
