"""Open the rendered report in headless Chromium (Selenium) and check the DOM as a reader sees it."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipeline.report.render import render_report, write_report
from .samples import META, STATUS, XSS, build_changes, build_measures, build_status, build_unversioned

pytestmark = pytest.mark.slow

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
EXPECTED_RGB = {"grønn": (30, 142, 62), "gul": (244, 180, 0), "rød": (217, 48, 37)}


def _binaries() -> tuple[str, str]:
    browser = next((p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if p), None)
    driver = shutil.which("chromedriver")
    if not browser or not driver:
        pytest.skip("Chromium not found: apt-get install chromium chromium-driver")
    return browser, driver


@pytest.fixture(scope="module")
def driver(tmp_path_factory: pytest.TempPathFactory):
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    browser, chromedriver = _binaries()
    opts = webdriver.ChromeOptions()
    opts.binary_location = browser
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1366,900", "--hide-scrollbars",
                f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"):
        opts.add_argument(arg)
    drv = webdriver.Chrome(service=Service(chromedriver), options=opts)
    drv.set_page_load_timeout(30)
    yield drv
    drv.quit()


def _rgb(css: str) -> tuple[int, ...]:
    inner = css[css.index("(") + 1: css.index(")")]
    return tuple(int(float(x)) for x in inner.split(",")[:3])


def test_report_in_chromium(driver, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    measures = build_measures(20)
    html = render_report(measures, build_status(), build_changes(), META)
    page = write_report(html, tmp_path / "rapport.html")
    driver.get(page.as_uri())

    assert driver.execute_script("return typeof window.__pwned") == "undefined"
    rows = driver.find_elements(By.CSS_SELECTOR, "tr.measure")
    assert len(rows) == len(measures)
    ids = {r.get_attribute("id") for r in rows}
    assert ids == {f"m-{m}" for m in measures["measure_id"]}
    # the hostile text is shown as text
    xss_row = driver.find_element(By.ID, "m-m007abcdef0007")
    assert XSS in xss_row.find_element(By.CSS_SELECTOR, ".mtext").text

    # traffic lights: the colour of the dot of every measure whose status was set
    for i, status in STATUS.items():
        row = driver.find_element(By.ID, f"m-{measures.loc[i, 'measure_id']}")
        assert row.get_attribute("data-status") == status
        dot = row.find_element(By.CSS_SELECTOR, ".status .dot")
        assert _rgb(dot.value_of_css_property("background-color")) == EXPECTED_RGB[status]
        assert status in row.find_element(By.CSS_SELECTOR, ".status").text
    unassessed = driver.find_elements(By.CSS_SELECTOR, "tr.measure[data-status='ikke vurdert']")
    assert len(unassessed) == len(measures) - len(STATUS)

    # per-theme counts: summary table and section headers agree with the data
    expected = measures["theme"].value_counts().to_dict()
    for theme, n in expected.items():
        cell = driver.find_element(By.CSS_SELECTOR, f"#tema-tabell tr[data-theme='{theme}'] td[data-count-total]")
        assert int(cell.text) == n
        section_rows = driver.find_elements(By.CSS_SELECTOR, f"section#tema-{theme} tr.measure")
        assert len(section_rows) == n
    green_cells = driver.find_elements(By.CSS_SELECTOR, "#tema-tabell td[data-count-status='grønn']")
    assert sum(int(c.text) for c in green_cells) == sum(1 for s in STATUS.values() if s == "grønn")
    bars = driver.find_elements(By.CSS_SELECTOR, "svg.chart rect[data-status]")
    assert sum(int(b.get_attribute("data-count")) for b in bars) == len(measures)

    # the latest diff is shown, the older one is not
    assert len(driver.find_elements(By.CSS_SELECTOR, "tr.change")) == 3
    assert "Gammel diff" not in driver.find_element(By.TAG_NAME, "body").text

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(ARTIFACTS / "report_top.png"))
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(1366, min(int(height) + 40, 8000))
    driver.save_screenshot(str(ARTIFACTS / "report_full.png"))
    assert (ARTIFACTS / "report_full.png").stat().st_size > 10_000


def test_document_without_programme_in_chromium(driver, tmp_path: Path) -> None:
    """A group's note and an e-mail with no programme version are shown in their own section."""
    import pandas as pd
    from selenium.webdriver.common.by import By

    measures, extra = build_measures(20), build_unversioned()
    html = render_report(pd.concat([measures, extra], ignore_index=True), build_status(), None, META)
    driver.get(write_report(html, tmp_path / "rapport.html").as_uri())
    assert len(driver.find_elements(By.CSS_SELECTOR, "section.theme tr.measure")) == len(measures)
    section = driver.find_element(By.ID, "andre-dokumenter")
    assert section.is_displayed()
    rows = section.find_elements(By.CSS_SELECTOR, "tr.measure")
    assert {r.get_attribute("id") for r in rows} == {f"m-{m}" for m in extra["measure_id"]}
    assert all(r.is_displayed() and r.get_attribute("data-status") == "ikke vurdert" for r in rows)
    assert any("Innspill uten programversjon nr. 1 <b>fet</b>" in r.text for r in rows)  # text, not markup
    link = driver.find_element(By.CSS_SELECTOR, "nav.toc a[href='#andre-dokumenter']")
    assert link.text.startswith("Andre dokumenter") and link.text.endswith(str(len(extra)))
    assert "epost-fra-asker.eml" in section.text and "uten programversjon" in section.text
