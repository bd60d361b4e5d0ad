"""The console in headless Chromium: log in, settle a conflict, find a customer by phone,
compare and export, with screenshots of each page and an accessibility check (every form
control has a label; the keyboard alone reaches every control).

``GRAPH_IDENTITY_README_SCREENSHOT=1`` also writes the pictures to docs/images/console-*.png.
"""

from __future__ import annotations

import base64
import csv
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest
from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.select import Select
from selenium.webdriver.support.wait import WebDriverWait

from graph_identity.imports import import_file
from graph_identity.service import IdentityService
from tests.analyst.neo4j_browser import CHROMEDRIVER, CHROMIUM, FLAGS, ensure_chromium
from tests.api.helpers import body
from tests.conftest import REPO_ROOT

IMAGES = REPO_ROOT / "docs" / "images"
MAIN_TEXT = "const main = document.querySelector('main'); return main ? main.innerText : '';"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"

UNLABELLED = """
return Array.from(document.querySelectorAll('input, select, textarea'))
  .filter(e => e.type !== 'hidden')
  .filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label')
               && !e.getAttribute('aria-labelledby'))
  .map(e => e.outerHTML);
"""
# A radio group is one Tab stop (arrow keys move inside it), as in every browser.
WATCH_FOCUS = """
window.tabStop = e => e.type === 'radio' ? 'radio:' + e.name : e.outerHTML.slice(0, 200);
window.reached = [];
document.addEventListener('focusin', e => window.reached.push(window.tabStop(e.target)));
if (document.activeElement) document.activeElement.blur();
return {
  controls: Array.from(document.querySelectorAll(
      'main input, main select, main textarea, main button'))
    .filter(e => e.type !== 'hidden' && e.offsetParent !== null).map(window.tabStop),
  focusable: document.querySelectorAll('a[href], button, input, select, textarea, summary')
    .length,
};
"""


def _chrome(downloads: Path) -> webdriver.Chrome:
    ensure_chromium()
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (*FLAGS, f"--user-data-dir={tempfile.mkdtemp(prefix='chromium-')}"):
        options.add_argument(flag)
    options.add_experimental_option(
        "prefs",
        {"download.default_directory": str(downloads), "download.prompt_for_download": False},
    )
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.execute_cdp_cmd(
        "Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)}
    )
    return driver


def _shoot(driver: webdriver.Chrome, out: Path) -> None:
    """The whole page, as tall as its content (up to 2,600 px)."""
    driver.execute_script("document.activeElement.blur(); window.scrollTo(0, 0)")
    size = driver.execute_cdp_cmd("Page.getLayoutMetrics", {})["cssContentSize"]
    clip = {"x": 0, "y": 0, "width": size["width"], "height": min(size["height"], 2600)}
    shot = driver.execute_cdp_cmd(
        "Page.captureScreenshot",
        {"format": "png", "captureBeyondViewport": True, "clip": {**clip, "scale": 1}},
    )
    out.write_bytes(base64.b64decode(shot["data"]))
    data = out.read_bytes()
    assert data.startswith(PNG_MAGIC) and len(data) > 10_000


def _accessible(driver: webdriver.Chrome) -> None:
    """Every control labelled, and Tab from the top of the page reaches each control."""
    assert driver.execute_script(UNLABELLED) == []
    page = driver.execute_script(WATCH_FOCUS)
    assert page["controls"]
    ActionChains(driver).send_keys(Keys.TAB * (page["focusable"] + 3)).perform()
    reached = set(driver.execute_script("return window.reached"))
    assert [c for c in page["controls"] if c not in reached] == []


@pytest.mark.timeout(900)
def test_console_in_chromium(
    api: httpx.Client,
    seed_conflict: Callable[..., tuple[str, list[str]]],
    strict: IdentityService,
    tmp_path: Path,
) -> None:
    conflict_id, candidates = seed_conflict()
    api.post("/v1/records", json=body("amazon", "a1", first_name="A", emails=["test@test.com"]))
    walk_ins = tmp_path / "shop-customers.csv"
    with walk_ins.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["external_id", "first_name", "email"])
        writer.writerows([f"c{n}", f"P{n}", f"p{n}@example.com"] for n in range(1, 8))
    import_file(strict, walk_ins, provider="woocommerce", batch_size=3)
    for n, first in enumerate(("Bo", "Cy"), 1):
        api.post(
            "/v1/records",
            json=body(
                "shopify", f"s{n}", first_name=first, emails=[f"{first.lower()}@example.com"]
            ),
        )
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    shots = {
        name: tmp_path / f"console-{name}.png"
        for name in ("login", "dashboard", "queue", "customer", "compare")
    }
    driver = _chrome(downloads)
    # A form post replaces the page: an element found just before the new page
    # lands goes stale, so the wait looks again rather than failing.
    wait = WebDriverWait(driver, 60, ignored_exceptions=(StaleElementReferenceException,))
    base = str(api.base_url)
    try:
        driver.get(f"{base}/console/")
        wait.until(lambda d: d.find_elements(By.ID, "api_key"))
        _accessible(driver)
        driver.find_element(By.ID, "name").send_keys("Olga Ops")
        driver.find_element(By.ID, "api_key").send_keys("test-key-1")
        _shoot(driver, shots["login"])
        driver.find_element(By.ID, "api_key").send_keys(Keys.ENTER)
        wait.until(lambda d: "Dashboard" in d.title)
        assert "open conflicts" in driver.find_element(By.TAG_NAME, "main").text
        _shoot(driver, shots["dashboard"])

        driver.find_element(By.LINK_TEXT, "Review queue").click()
        wait.until(lambda d: "Review queue" in d.title)
        text = driver.find_element(By.TAG_NAME, "main").text
        assert f"Conflict {conflict_id}" in text and "ada@example.com" not in text.lower()
        assert driver.find_elements(By.CSS_SELECTOR, "figure.picture svg g.node.bridging")
        _accessible(driver)
        _shoot(driver, shots["queue"])
        driver.find_element(By.ID, f"reason-{conflict_id}").send_keys("same person: married name")
        driver.find_element(By.CSS_SELECTOR, "button[value=merge]").click()
        # Read in the page itself: a handle to <main> taken as the new page lands can point
        # at a node of the old document (stale, or "does not belong to the document").
        wait.until(lambda d: "settled" in d.execute_script(MAIN_TEXT))
        assert "Nothing to review" in driver.find_element(By.TAG_NAME, "main").text

        driver.find_element(By.LINK_TEXT, "Customers").click()
        wait.until(lambda d: d.find_elements(By.ID, "phone"))
        _accessible(driver)
        driver.find_element(By.ID, "phone").send_keys("512 555 0142", Keys.ENTER)
        wait.until(lambda d: "Customer cus_" in d.title)
        text = driver.find_element(By.TAG_NAME, "main").text
        assert "same person: married name" in text and "Olga Ops" in text
        assert "+1 512 *** **42" in text and "+15125550142" not in text
        assert driver.current_url.rsplit("/", 1)[1] in candidates
        _shoot(driver, shots["customer"])

        driver.find_element(By.LINK_TEXT, "Compare").click()
        wait.until(lambda d: d.find_elements(By.ID, "source"))
        _accessible(driver)
        Select(driver.find_element(By.ID, "source")).select_by_value("shopify")
        Select(driver.find_element(By.ID, "destination")).select_by_value("qbo")
        driver.find_element(By.CSS_SELECTOR, "form.card button[type=submit]").click()
        wait.until(lambda d: d.find_elements(By.ID, "select-all"))
        driver.find_element(By.ID, "select-all").click()
        boxes = driver.find_elements(By.CSS_SELECTOR, "input[name=row]")
        assert len(boxes) == 2 and all(b.is_selected() for b in boxes)
        _accessible(driver)
        _shoot(driver, shots["compare"])
        driver.find_element(By.XPATH, "//button[contains(., 'Export selected')]").click()
        deadline = time.monotonic() + 30
        while not list(downloads.glob("*.csv")) and time.monotonic() < deadline:
            time.sleep(0.2)
        (exported,) = downloads.glob("*.csv")
        lines = exported.read_text().splitlines()
        assert lines[0].startswith("customer_id,") and len(lines) == 3
    finally:
        driver.quit()
    if os.environ.get("GRAPH_IDENTITY_README_SCREENSHOT") == "1":
        IMAGES.mkdir(parents=True, exist_ok=True)
        for shot in shots.values():
            shutil.copyfile(shot, IMAGES / shot.name)
