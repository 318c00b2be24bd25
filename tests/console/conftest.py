"""The browser tests' setup, once per session: Debian's Chromium (installed with apt-get when
missing; under CI a browser that cannot be had fails the run instead of skipping it), a real
`reintegration web` process on a SQLite store with the organisation of `tests.console.site`,
and Playwright driving the browser. Screenshots go to test-output/console/ (not committed)."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from tests.console.site import Served, served_site
from tests.store.postgres import required

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = Path(__file__).parents[2] / "test-output" / "console"
BROWSER_REQUIRED = required(os.environ)  # CI=true: fail, never skip


def _chromium() -> Path:
    if not CHROMIUM.exists() and shutil.which("apt-get"):
        env = os.environ | {"DEBIAN_FRONTEND": "noninteractive"}
        for command in (
            ["apt-get", "update", "-q"],
            ["apt-get", "install", "-y", "-q", "chromium"],
        ):
            subprocess.run(command, env=env, capture_output=True, check=False, timeout=900)
    if not CHROMIUM.exists():
        reason = f"no {CHROMIUM}, and `apt-get install -y chromium` did not provide it"
        if BROWSER_REQUIRED:
            pytest.fail(f"a browser is required here (CI is set): {reason}", pytrace=False)
        pytest.skip(reason)
    return CHROMIUM


@pytest.fixture(scope="session")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    directory = tmp_path_factory.mktemp("console-browser")
    with served_site(f"sqlite:///{directory / 'store.sqlite3'}", directory) as served:
        yield served


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    executable = _chromium()
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(executable), args=["--no-sandbox", "--disable-gpu"]
        )
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture
def page(browser: Browser, served: Served) -> Iterator[Page]:
    """A fresh browser context (no cookies) on the served console."""
    context = browser.new_context(base_url=served.base, viewport={"width": 1400, "height": 900})
    try:
        yield context.new_page()
    finally:
        context.close()


def screenshot(page: Page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
