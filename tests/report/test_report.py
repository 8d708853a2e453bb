"""The HTML and Markdown reports rendered from hand-built frames (no browser)."""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import lxml.html
import numpy as np
import pandas as pd

from pipeline.report.render import render_markdown, render_report, write_report
from pipeline.report.context import as_list, word_diff

from .samples import STATUS, XSS


def _doc(html: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(html)


def _x(node: lxml.html.HtmlElement, path: str) -> list:
    """XPath with ``cls(name)`` as shorthand for a class test."""
    return node.xpath(re.sub(r"cls\((\w[\w-]*)\)", r"contains(concat(' ', @class, ' '), ' \1 ')", path))


def test_one_row_per_measure_with_anchor_and_status(measures, status, changes, meta) -> None:
    doc = _doc(render_report(measures, status, changes, meta))
    rows = _x(doc, "//tr[cls(measure)]")
    assert len(rows) == len(measures)
    assert {r.get("id") for r in rows} == {f"m-{m}" for m in measures["measure_id"]}
    by_id = {r.get("id"): r for r in rows}
    for i, st in STATUS.items():
        row = by_id[f"m-{measures.loc[i, 'measure_id']}"]
        assert row.get("data-status") == st
        assert _x(row, ".//span[cls(status)]")[0].text_content().strip() == st
    assert sum(r.get("data-status") == "ikke vurdert" for r in rows) == len(measures) - len(STATUS)
    # the newer status row for L002 wins over the older one
    assert by_id["m-m002abcdef0002"].get("data-status") == "rød"


def test_document_text_is_escaped(measures, status, changes, meta) -> None:
    meta["program"] = "Program <i>x</i>"
    html = render_report(measures, status, changes, meta)
    assert XSS not in html and "<b>neste</b>" not in html and "<i>x</i>" not in html
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in html
    doc = _doc(html)
    assert not doc.xpath("//script")
    assert XSS in doc.get_element_by_id("m-m007abcdef0007").text_content()


def test_self_contained(measures, status, changes, meta) -> None:
    html = render_report(measures, status, changes, meta)
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//)""", html)
    assert "<link" not in html and "@import" not in html and "url(" not in html
    assert "Content-Security-Policy" in html


def test_per_theme_counts_and_labels(measures, status, changes, meta) -> None:
    doc = _doc(render_report(measures, status, changes, meta))
    expected = measures["theme"].value_counts().to_dict()
    for theme, n in expected.items():
        row = doc.xpath(f"//table[@id='tema-tabell']//tr[@data-theme='{theme}']")[0]
        assert int(row.xpath("td[@data-count-total]")[0].text_content()) == n
        assert doc.get_element_by_id(f"tema-{theme}").get("data-count") == str(n)
    klima = doc.xpath("//table[@id='tema-tabell']//tr[@data-theme='klima-miljo-natur']")[0]
    cells = {c.get("data-count-status"): int(c.text_content()) for c in klima.xpath("td[@data-count-status]")}
    assert cells == {"grønn": 1, "gul": 0, "rød": 0, "ikke vurdert": 3}
    assert doc.get_element_by_id("h-klima-miljo-natur").text_content() == "Klima, miljø og natur"
    assert "By- og regionutvikling" in doc.get_element_by_id("tomme-tema").text_content()
    bars = doc.xpath("//*[local-name()='rect'][@data-status]")
    assert sum(int(b.get("data-count")) for b in bars) == len(measures)


def test_goals_targets_partners_and_meta(measures, status, changes, meta) -> None:
    doc = _doc(render_report(measures, status, changes, meta))
    first = doc.get_element_by_id("m-m000abcdef0000").text_content()
    assert "Rapport levert innen 2026 (0)" in first and "30 % innen 2030" in first
    assert "NMBU" in first and "Kartlegging" in first
    partners = {r.get("data-partner"): r.xpath("td")[1].text_content() for r in doc.xpath("//tr[@data-partner]")}
    assert partners == {"NMBU": "akademia", "Oslo kommune": "kommune", "Statens vegvesen": "stat"}
    body = doc.xpath("//body")[0]
    assert body.get("data-version-date") == "2025-10-14" and body.get("data-dataset-version") == "7"
    assert "14. oktober 2025" in doc.xpath("//header")[0].text_content()


def test_only_latest_diff_is_shown(measures, status, changes, meta) -> None:
    doc = _doc(render_report(measures, status, changes, meta))
    kinds = [r.get("data-change") for r in _x(doc, "//tr[cls(change)]")]
    assert kinds == ["modified", "added", "removed"]
    assert "Gammel diff" not in doc.text_content()
    assert _x(doc, "//tr[cls(change)]//ins") and _x(doc, "//tr[cls(change)]//del")
    assert render_report(measures, status, None, meta).count('id="endringer"') == 0


def test_newest_programme_version_only(measures, status, meta) -> None:
    old = measures.assign(version_date=date(2025, 9, 9), measure_id=measures["measure_id"] + "old")
    both = pd.concat([old, measures], ignore_index=True)
    doc = _doc(render_report(both, status, None, {"dataset_version": 3}))
    assert len(_x(doc, "//tr[cls(measure)]")) == len(measures)
    doc = _doc(render_report(both, status, None, {"version_date": "2025-09-09"}))
    assert all(r.get("id").endswith("old") for r in _x(doc, "//tr[cls(measure)]"))


def test_edge_cases_render() -> None:
    empty = pd.DataFrame(columns=["measure_id", "text", "theme", "lineage_id"])
    assert "tiltak totalt" in render_report(empty, None, None, {})
    odd = pd.DataFrame({"measure_id": ["a", "b"], "text": ["uten tema", "ukjent tema"], "theme": [None, "nytt-tema"],
                        "partners": [None, np.array(["Asker kommune", "KSF"], dtype=object)],
                        "goals": [np.array([], dtype=object), None], "targets": [None, []]})
    doc = _doc(render_report(odd, pd.DataFrame(), None, {}))
    assert doc.get_element_by_id("tema-uten-tema") is not None
    assert "nytt-tema" in doc.get_element_by_id("tema-nytt-tema").text_content()
    assert {r.get("data-partner") for r in doc.xpath("//tr[@data-partner]")} == {"Asker kommune", "KSF"}


def test_markdown_summary(measures, status, changes, meta) -> None:
    md = render_markdown(measures, status, changes, meta)
    assert md.startswith("# Handlingsprogram 2026")
    assert "| Klima, miljø og natur | 1 | 0 | 0 | 3 | 4 |" in md
    assert "<script>" not in md and "&lt;script&gt;" in md
    assert "## Endringer fra" in md and "Gammel diff" not in md
    assert "\n\n\n" not in md


def test_write_report_is_atomic(tmp_path: Path) -> None:
    target = write_report("<p>første</p>", tmp_path / "sub" / "rapport.html")
    write_report("<p>andre</p>", target)
    assert target.read_text(encoding="utf-8") == "<p>andre</p>"
    assert [p.name for p in target.parent.iterdir()] == ["rapport.html"]


def test_helpers() -> None:
    assert as_list(np.array(["a"], dtype=object)) == ["a"] and as_list(None) == [] and as_list(float("nan")) == []
    assert word_diff("a b c", "a x c") == [("same", "a"), ("del", "b"), ("ins", "x"), ("same", "c")]


def test_documents_without_programme_version_have_their_own_section(measures, status) -> None:
    from .samples import build_unversioned

    extra = build_unversioned()
    old = measures.assign(version_date=date(2025, 9, 9), measure_id=measures["measure_id"] + "old")
    doc = _doc(render_report(pd.concat([old, measures, extra], ignore_index=True), status, None, {}))
    main = _x(doc, "//section[cls(theme)]//tr[cls(measure)]")
    assert len(main) == len(measures)  # the newest programme version, as before
    others = _x(doc, "//section[@id='andre-dokumenter']//tr[cls(measure)]")
    assert sorted(r.get("id") for r in others) == sorted(f"m-{m}" for m in extra["measure_id"])
    files = [h.get("data-file") for h in _x(doc, "//section[@id='andre-dokumenter']//h3")]
    assert files == ["epost-fra-asker.eml", "innspill-gruppe-3.txt"]
    assert "uten programversjon" in doc.get_element_by_id("andre-dokumenter").text_content()
    where = {r.get("data-where") for r in _x(doc, "//section[@id='versjoner']//tr[@data-where]")}
    assert where == {"shown", "older", "other"}  # the older version is listed, not silently dropped
    assert "<b>fet</b>" in others[0].text_content()


def test_only_unversioned_documents_fill_the_report(status) -> None:
    from .samples import build_unversioned

    doc = _doc(render_report(build_unversioned(), status, None, {}))
    assert len(_x(doc, "//section[cls(theme)]//tr[cls(measure)]")) == 3
    assert not _x(doc, "//section[@id='andre-dokumenter']")


def test_owner_deadline_and_overdue_marks(measures, status, changes, meta) -> None:
    frame = measures.copy()
    frame["responsible"] = [["Osloregionens sekretariat"]] + [[] for _ in range(len(frame) - 1)]
    frame["deadline"] = [date(2020, 6, 30), date(2099, 12, 31)] + [None] * (len(frame) - 2)
    frame["deadline_text"] = ["30.06.2020", "Høsten 2099"] + [None] * (len(frame) - 2)
    doc = _doc(render_report(frame, status, changes, meta))
    first = _x(doc, f"//tr[@id='m-{frame.loc[0, 'measure_id']}']")[0]
    second = _x(doc, f"//tr[@id='m-{frame.loc[1, 'measure_id']}']")[0]
    assert "Osloregionens sekretariat" in _x(first, ".//div[cls(owner)]")[0].text_content()
    overdue = _x(first, ".//span[cls(overdue)]")
    green = first.get("data-status") == "grønn"
    assert bool(overdue) != green and (green or "forfalt" in overdue[0].text_content())
    assert "Høsten 2099" in second.text_content() and not _x(second, ".//span[cls(overdue)]")
