"""Fixtures shared by the whole suite: the country loaded once per database, users with roles."""
import datetime as dt
import itertools
import socket
from pathlib import Path

import pytest
from django.utils import translation

from mandate.accounts.models import User
from mandate.accounts.services import membership_grant, token_create

_numbers = itertools.count(1)


def pytest_configure(config):
    """The test run hashes passwords with MD5: every test user would otherwise pay about 0.34 s of PBKDF2.
    Only the test process changes; production settings keep Django's default hashers. A live server started
    by a browser test runs in this process and so checks passwords with the same hasher; the crash test's
    gunicorn subprocess uses production settings, and so does the script that creates its users."""
    from django.conf import settings
    from django.contrib.auth.hashers import get_hashers, get_hashers_by_algorithm

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    get_hashers.cache_clear()
    get_hashers_by_algorithm.cache_clear()


# Run on SQLite only (docs/decisions.md, "Browser and demo tests on SQLite"): the browser tests, whose pages are the
# same on PostgreSQL, and the demo's, since `make demo` builds it on the embedded SQLite database.
SQLITE_ONLY = ("browser", "demo")


def pytest_collection_modifyitems(config, items):
    from django.conf import settings

    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        return
    skip = pytest.mark.skip(reason="run on SQLite only (docs/decisions.md)")
    here = Path(__file__).parent
    for item in items:
        parts = Path(str(item.path)).relative_to(here).parts if here in Path(str(item.path)).parents else ()
        if parts and parts[0] in SQLITE_ONLY:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the real country (10,911 units) once; tests run in transactions on top of it."""
    from mandate.reorganizations.services import country_load

    with django_db_blocker.unblock():
        country_load(actor=None)


@pytest.fixture
def unit():
    from mandate.orgs.models import Unit

    return lambda code: Unit.objects.get(code=code)


@pytest.fixture
def make_user(db):
    def make(role: str | None = None, unit_code: str | None = None, **fields) -> User:
        from mandate.orgs.models import Unit

        user = User.objects.create_user(username=fields.pop("username", f"user{next(_numbers)}"), password="x" * 12, **fields)
        if role:
            membership_grant(actor=None, user=user, unit=Unit.objects.get(code=unit_code), role=role)
        return user

    return make


@pytest.fixture
def api(client):
    """A JSON client that acts as a user through a bearer token."""

    class Api:
        def __init__(self):
            self.headers = {}

        def login(self, user):
            self.headers = {"HTTP_AUTHORIZATION": f"Bearer {token_create(actor=None, user=user)}"}
            return self

        def get(self, path, **params):
            return client.get(f"/api/v1{path}", params, **self.headers)

        def post(self, path, data=None, **extra):
            return client.post(f"/api/v1{path}", data or {}, content_type="application/json", **self.headers, **extra)

        def post_form(self, path, data, **extra):
            return client.post(f"/api/v1{path}", data, **self.headers, **extra)

    return Api()


@pytest.fixture
def day():
    return dt.date


@pytest.fixture
def freeze(monkeypatch):
    """Set the application's clock: freeze(dt.date(2025, 8, 1)) or freeze(a datetime)."""
    from mandate.core import clock

    def set_clock(moment):
        if not isinstance(moment, dt.datetime):
            moment = dt.datetime.combine(moment, dt.time(9, 0), tzinfo=clock.VIETNAM)
        monkeypatch.setattr(clock, "now", lambda: moment)
        return moment

    return set_clock


@pytest.fixture
def transactional_country(transactional_db):
    """For tests that commit for real (threads, a live server): pytest-django flushes the database
    after each of them and runs them after all other database tests, so each loads the country again."""
    from mandate.reorganizations.services import country_load

    country_load(actor=None)


class Inbox:
    """What the test's SMTP server received: (recipients, message text) per message."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.rcpt_tos, envelope.content.decode("utf-8", "replace")))
        return "250 OK"


@pytest.fixture
def smtp(settings):
    """A real SMTP server (aiosmtpd) on a free port, and Django sending its mail there; yields its Inbox."""
    from aiosmtpd.controller import Controller

    with socket.socket() as sock:  # a free port (port 0): other suites may run an SMTP server too
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    yield inbox
    controller.stop()


@pytest.fixture(autouse=True)
def _each_test_starts_in_the_default_language():
    """A request activates its reader's language in the thread and nothing resets it; a test of a service that runs
    after a Ukrainian page in the same worker would otherwise read its refusals in Ukrainian."""
    translation.activate("vi")
    yield
    translation.deactivate()
