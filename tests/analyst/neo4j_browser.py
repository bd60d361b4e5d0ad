"""Driving the real Neo4j Browser in headless Chromium (selenium): log in, run, screenshot."""

from __future__ import annotations

import json
import re
import subprocess
import tempfile
import time
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

from selenium import webdriver
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.wait import WebDriverWait

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
ENSURE = Path(__file__).with_name("ensure_chromium.sh")
EDITOR = "#monaco-main-editor .view-lines"
RUN = "[data-testid=editor-Run]"
RULE = re.compile(r'([\w.]+)\s*\{((?:[^{}"]|"[^"]*")*)\}')
FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1400,900",
    # Browser's product analytics would look up outside hosts: nothing leaves loopback.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
)


def ensure_chromium() -> None:
    """Install Chromium and chromedriver from Debian when they are missing."""
    if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
        subprocess.run(["bash", str(ENSURE)], check=True, timeout=900)


def grass_rules(grass: str) -> dict[str, dict[str, str]]:
    """A .grass file as the selector → properties map Browser keeps in localStorage."""
    rules: dict[str, dict[str, str]] = {}
    for selector, body in RULE.findall(grass):
        props = (part.split(":", 1) for part in body.split(";") if part.strip())
        rules[selector] = {key.strip(): value.strip().strip('"') for key, value in props}
    return rules


@dataclass(frozen=True)
class Rendered:
    nodes: int
    relationships: int
    captions: list[str]


def screenshot(
    http_url: str,
    bolt_uri: str,
    user: str,
    password: str,
    grass: str,
    setup: str,
    query: str,
    out: Path,
) -> Rendered:
    """Open Browser with the style loaded and ``setup`` (e.g. ``:param`` lines) in its
    editor, log in, run it, then type ``query`` (one line) and run it; save a PNG of the
    result frame to ``out`` and say what the graph view drew.

    A second, fresh browser session is tried when the first one times out (a browser
    started for the first time after its install can be slow); a failure saves the page
    as ``<out>.failed.png`` and reports the page's text."""
    ensure_chromium()
    try:
        return _session(http_url, bolt_uri, user, password, grass, setup, query, out)
    except TimeoutException:
        return _session(http_url, bolt_uri, user, password, grass, setup, query, out)


def _session(
    http_url: str,
    bolt_uri: str,
    user: str,
    password: str,
    grass: str,
    setup: str,
    query: str,
    out: Path,
) -> Rendered:
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (*FLAGS, f"--user-data-dir={tempfile.mkdtemp(prefix='chromium-')}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    wait = WebDriverWait(driver, 120)

    def present(css: str) -> WebElement:
        return wait.until(expected_conditions.presence_of_element_located((By.CSS_SELECTOR, css)))

    def click(css: str) -> None:
        wait.until(expected_conditions.element_to_be_clickable((By.CSS_SELECTOR, css))).click()

    def missing(d: webdriver.Chrome) -> bool:
        return "ParameterMissing" in d.find_element(By.TAG_NAME, "body").text

    def editor_text() -> str:
        return str(driver.execute_script(f"return document.querySelector('{EDITOR}').innerText"))

    try:
        bolt = urllib.parse.urlsplit(bolt_uri)
        connect = {"dbms": f"{bolt.scheme}://{user}@{bolt.netloc}", "preselectAuthMethod": "NATIVE"}
        url = f"{http_url}/browser/?" + urllib.parse.urlencode(
            {**connect, "cmd": "edit", "arg": setup}
        )
        # Browser reads the style from localStorage as it starts, and writes its own state
        # back as it runs; setting the style before any page script runs wins every time.
        style = json.dumps(json.dumps(grass_rules(grass)))
        driver.execute_cdp_cmd(
            "Page.addScriptToEvaluateOnNewDocument",
            {"source": f"try {{ localStorage.setItem('neo4j.grass', {style}); }} catch (e) {{}}"},
        )
        driver.get(url)
        present("[data-testid=password]").send_keys(password)
        click("[data-testid=connect]")
        wait.until(
            expected_conditions.invisibility_of_element_located(
                (By.CSS_SELECTOR, "[data-testid=password]")
            )
        )
        click(RUN)
        wait.until(lambda _: not editor_text().strip())  # the setup ran: the editor is empty
        click(EDITOR)
        driver.execute_cdp_cmd("Input.insertText", {"text": query})
        wait.until(lambda _: query[:40] in " ".join(editor_text().split()))
        click(RUN)
        for _ in range(3):
            wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "svg g.node") or missing(d))
            if not missing(driver):
                break
            # The query outran the last `:param` (evaluated by the server): run it again.
            driver.find_element(By.CSS_SELECTOR, "article [data-testid=rerunFrameButton]").click()
        present("svg g.node")
        time.sleep(4)  # let the force layout settle before the picture
        nodes = driver.find_elements(By.CSS_SELECTOR, "svg g.node")
        rendered = Rendered(
            nodes=len(nodes),
            relationships=len(driver.find_elements(By.CSS_SELECTOR, "svg g.relationship")),
            captions=[n.text for n in nodes],
        )
        out.parent.mkdir(parents=True, exist_ok=True)
        frame = driver.execute_script(
            "return document.querySelector('svg g.node').closest('article')"
        )
        frame.screenshot(str(out))  # the result frame: query, graph view and overview
        return rendered
    except TimeoutException as exc:
        driver.save_screenshot(str(out.with_suffix(".failed.png")))
        page = driver.find_element(By.TAG_NAME, "body").text[:3000]
        raise TimeoutException(f"Neo4j Browser stalled; the page said:\n{page}") from exc
    finally:
        driver.quit()
