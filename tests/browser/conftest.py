"""Debian's Chromium driven by Playwright for the browser tests; nothing is downloaded.

They run on SQLite only: the pages are the same on PostgreSQL, whose own behaviour the page, API and ops tests cover
on both databases, and the browser tests are the longest of the suite (docs/decisions.md, "Browser tests on SQLite")."""
from pathlib import Path

import pytest
from django.conf import settings as django_settings

HERE = Path(__file__).parent


def pytest_collection_modifyitems(config, items):
    if django_settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        return
    skip = pytest.mark.skip(reason="the browser tests run on SQLite only")
    for item in items:
        if HERE in Path(str(item.path)).parents:
            item.add_marker(skip)

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
