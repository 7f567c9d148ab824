"""Debian's Chromium driven by Playwright for the browser tests; nothing is downloaded.

They run on SQLite only (tests/conftest.py, SQLITE_ONLY; docs/decisions.md, "Browser and demo tests on SQLite")."""
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture
def assets(settings):
    """The project's own assets in src/mandate/static, whether or not settings list them yet."""
    import mandate

    own = Path(mandate.__file__).parent / "static"
    if own not in [Path(p) for p in getattr(settings, "STATICFILES_DIRS", [])]:
        settings.STATICFILES_DIRS = [*getattr(settings, "STATICFILES_DIRS", []), own]


@pytest.fixture
def browser(monkeypatch, assets):
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (make browser)")
    # Playwright's sync API keeps an event loop on this thread; the database calls of the test itself are still sync.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()
