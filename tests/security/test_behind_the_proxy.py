"""Behind the reverse proxy (issue 14, class 10): the client's address comes from a trusted proxy's header only;
sign-in is throttled per client as well as per account, and the owner of a locked account still gets in."""
import datetime as dt
import re

import pyotp
import pytest
from django.test import RequestFactory

from mandate.accounts.signin import totp_enrol
from mandate.core import clock

pytestmark = pytest.mark.django_db

PASSWORD = "x" * 12
PROXY = "127.0.0.1"


def _address(settings, remote: str, forwarded: str | None = None, trusted=()) -> str:
    from mandate.web.client import client_address

    settings.MANDATE_TRUSTED_PROXIES = list(trusted)
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return client_address(RequestFactory().get("/", **extra))


def test_the_forwarded_header_is_believed_only_from_a_trusted_proxy(settings):
    assert _address(settings, "203.0.113.9", "198.51.100.1") == "203.0.113.9"  # no proxy trusted by default
    assert _address(settings, PROXY, "198.51.100.1", trusted=[PROXY]) == "198.51.100.1"
    # The client's own forged hop is to the left of what the proxy appended: the rightmost untrusted hop decides.
    assert _address(settings, PROXY, "10.9.9.9, 198.51.100.1", trusted=[PROXY]) == "198.51.100.1"
    assert _address(settings, PROXY, "198.51.100.1, 10.0.0.2", trusted=[PROXY, "10.0.0.0/8"]) == "198.51.100.1"
    assert _address(settings, PROXY, "not-an-address", trusted=[PROXY]) == PROXY
    assert _address(settings, PROXY, None, trusted=[PROXY]) == PROXY
    assert _address(settings, "", None) == "unknown"


@pytest.fixture
def proxied(settings, client, freeze):
    """A client behind nginx on the same machine: every request comes from 127.0.0.1 with the client's X-Forwarded-For."""
    settings.MANDATE_TRUSTED_PROXIES = [PROXY]
    moment = freeze(dt.datetime(2025, 8, 1, 9, 0, tzinfo=clock.VIETNAM))

    def sign_in(username, password, client_ip, **fields):
        return client.post("/login/", {"username": username, "password": password, **fields},
                           REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=client_ip)

    sign_in.moment = moment
    return sign_in


def test_a_stranger_failing_five_times_does_not_lock_the_owner_out(proxied, client, make_user):
    make_user("viewer", "25", username="can.bo")
    for _ in range(5):
        proxied("can.bo", "wrong password", "203.0.113.9")
    assert proxied("can.bo", PASSWORD, "203.0.113.9").status_code == 429  # the stranger is locked
    assert proxied("can.bo", PASSWORD, "198.51.100.7").status_code == 302  # the owner, elsewhere, is not


def test_one_address_trying_many_names_is_locked_for_all_names(proxied, make_user):
    make_user("viewer", "25", username="can.bo")
    for n in range(20):
        proxied(f"ten.doan.{n}", "wrong password", "203.0.113.9")
    assert proxied("can.bo", PASSWORD, "203.0.113.9").status_code == 429
    assert proxied("can.bo", PASSWORD, "198.51.100.7").status_code == 302


def _fail_from_many_addresses(proxied, username: str) -> None:
    for n in range(10):
        proxied(username, "wrong password", f"203.0.113.{n + 1}")


def test_an_account_failed_from_many_addresses_needs_more_than_the_password(proxied, make_user):
    make_user("viewer", "25", username="can.bo")
    _fail_from_many_addresses(proxied, "can.bo")
    locked = proxied("can.bo", PASSWORD, "198.51.100.7")
    assert locked.status_code == 429 and "_auth_user_id" not in locked.wsgi_request.session
    def page(response) -> str:  # the page without its CSRF and form tokens, which differ on every answer
        return re.sub(r'[A-Za-z0-9]{64}|name="form_token" value="[^"]*"', "", response.content.decode())

    assert page(proxied("can.bo", "wrong password", "198.51.100.7")) == page(locked)  # no oracle for the password


def test_the_owner_of_a_locked_account_gets_in_with_a_second_factor(proxied, client, make_user):
    admin = make_user("unit_admin", "25", username="quan.tri")
    secret = pyotp.random_base32()
    assert totp_enrol(actor=admin, user=admin, secret=secret, code=pyotp.TOTP(secret).at(proxied.moment - dt.timedelta(seconds=30)))
    _fail_from_many_addresses(proxied, "quan.tri")
    assert proxied("quan.tri", PASSWORD, "198.51.100.7").status_code == 429
    assert proxied("quan.tri", "wrong password", "198.51.100.7", code=pyotp.TOTP(secret).at(proxied.moment)).status_code == 429
    done = proxied("quan.tri", PASSWORD, "198.51.100.7", code=pyotp.TOTP(secret).at(proxied.moment))
    assert done.status_code == 302 and client.session["_auth_user_id"] == str(admin.pk)


@pytest.fixture
def smtp(smtp, settings):
    """The suite's SMTP server, and the address the unlock link names."""
    settings.MANDATE_SITE_URL = "https://mandate.example.gov.vn"
    return smtp


def test_the_owner_of_a_locked_account_gets_in_through_the_e_mailed_link(proxied, client, make_user, smtp):
    make_user("viewer", "25", username="can.bo", email="can.bo@example.gov.vn")
    _fail_from_many_addresses(proxied, "can.bo")
    assert client.post("/login/unlock/", {"username": "nobody"}).status_code == 200
    assert client.post("/login/unlock/", {"username": "CAN.BO"}).status_code == 200
    client.post("/login/unlock/", {"username": "can.bo"})  # asked twice: one e-mail
    assert [to for to, _ in smtp.messages] == [["can.bo@example.gov.vn"]]
    body = smtp.messages[0][1].replace("=\r\n", "").replace("=\n", "")
    path = re.search(r"https://mandate\.example\.gov\.vn(/login/unlock/[A-Za-z0-9_-]+/)", body).group(1)
    from mandate.accounts.models import LoginUnlock

    assert LoginUnlock.objects.get().digest not in body

    assert client.get(path).status_code == 200  # a mail scanner's GET spends nothing
    assert proxied("can.bo", PASSWORD, "198.51.100.7").status_code == 429
    assert client.post(path).status_code == 200
    assert proxied("can.bo", PASSWORD, "198.51.100.7").status_code == 302
    client.logout()
    assert client.post(path).status_code == 410  # once only
    assert proxied("can.bo", PASSWORD, "198.51.100.7").status_code == 429  # another browser, no link: locked
