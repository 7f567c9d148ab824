"""My account (issue 16, item 2): change my password; reset a forgotten one by a link e-mailed through a real SMTP
server (the test reads the mail and follows the link); my signed-in sessions, listed and closed."""
import re

import pytest
from django.test import Client

from mandate.accounts.models import Role, SignedInSession
from mandate.audit.models import AuditRecord

pytestmark = pytest.mark.django_db

OLD, NEW = "mat-khau-cu-rat-dai", "mat-khau-moi-rat-dai"


@pytest.fixture
def person(make_user):
    user = make_user(Role.SPECIALIST, "25.TU.BTC", username="can.bo", email="can.bo@example.org")
    user.set_password(OLD)
    user.save()
    return user


def _sign_in(client: Client, password: str = OLD, agent: str = "Trình duyệt A"):
    return client.post("/login/", {"username": "can.bo", "password": password}, HTTP_USER_AGENT=agent)


def test_i_change_my_password_and_my_other_browsers_are_signed_out(person):
    here, there = Client(), Client()
    assert _sign_in(here).status_code == 302 and _sign_in(there, agent="Trình duyệt B").status_code == 302
    refused = here.post("/account/password/", {"old_password": "sai", "new_password1": NEW, "new_password2": NEW})
    assert refused.status_code == 422
    assert here.post("/account/password/", {"old_password": OLD, "new_password1": NEW, "new_password2": NEW}).status_code == 302
    person.refresh_from_db()
    assert person.check_password(NEW)
    assert AuditRecord.objects.filter(action="user.set_password", object_id=str(person.pk)).exists()
    assert here.get("/").status_code == 200  # this browser stays signed in
    assert there.get("/").status_code == 302  # the other is not


def test_a_forgotten_password_is_reset_by_the_link_in_the_mail(client, person, smtp, settings):
    settings.MANDATE_SITE_URL = "http://testserver"
    assert client.post("/password-reset/", {"email": "nobody@example.org"}).status_code == 302
    assert smtp.messages == []  # the same answer, no mail
    response = client.post("/password-reset/", {"email": "can.bo@example.org"})
    assert response.status_code == 302 and response["Location"] == "/password-reset/sent/"
    (recipients, text), = smtp.messages
    assert recipients == ["can.bo@example.org"]
    assert "can.bo" in text and "Mandate" in text
    link = re.search(r"http://testserver(/password-reset/\S+/)", text.replace("=\n", "")).group(1)
    form = client.get(link, follow=True)
    assert b'name="new_password1"' in form.content
    done = client.post(form.redirect_chain[-1][0], {"new_password1": NEW, "new_password2": NEW})
    assert done.status_code == 302 and done["Location"] == "/password-reset/done/"
    person.refresh_from_db()
    assert person.check_password(NEW)
    assert b"new_password1" not in Client().get(link, follow=True).content  # the link works once
    assert _sign_in(Client(), NEW).status_code == 302


def test_the_reset_mail_speaks_the_language_of_its_reader(client, person, smtp):
    person.language = "ru"
    person.save()
    client.post("/password-reset/", {"email": "can.bo@example.org"})
    (_, text), = smtp.messages
    assert "Mandate" in text and re.search("[а-яА-Я]", text)


def test_i_see_my_sessions_and_close_one_which_signs_that_browser_out(person):
    here, there = Client(), Client()
    _sign_in(here)
    _sign_in(there, agent="Điện thoại B")
    page = here.get("/account/sessions/").content.decode()
    assert "Điện thoại B" in page and "127.0.0.1" in page
    other = SignedInSession.objects.get(user=person, user_agent="Điện thoại B")
    assert here.post("/account/sessions/", {"session": other.pk}).status_code == 302
    assert there.get("/").status_code == 302
    assert "Điện thoại B" not in here.get("/account/sessions/").content.decode()
    assert here.post("/account/sessions/", {"session": 987654}).status_code == 404  # nobody else's, nor a made-up one


def test_another_users_session_cannot_be_closed(person, make_user):
    here = Client()
    _sign_in(here)
    own = SignedInSession.objects.get(user=person)
    intruder = Client()
    intruder.force_login(make_user(Role.SPECIALIST, "25.TU.BTC"))
    assert intruder.post("/account/sessions/", {"session": own.pk}).status_code == 404
    assert here.get("/").status_code == 200


def test_an_administrator_deactivating_an_account_signs_its_browsers_out(person, make_user):
    here = Client()
    _sign_in(here)
    admin = Client()
    admin.force_login(make_user(Role.UNIT_ADMIN, "25"))
    assert admin.post(f"/administration/people/{person.pk}/", {"action": "deactivate"}).status_code == 302
    assert here.get("/").status_code == 302
    assert _sign_in(Client()).status_code == 200  # refused: the form again


def test_an_administrator_sends_a_reset_link(person, make_user, smtp):
    admin = Client()
    admin.force_login(make_user(Role.UNIT_ADMIN, "25"))
    assert admin.post(f"/administration/people/{person.pk}/", {"action": "password"}).status_code == 302
    assert [recipients for recipients, _ in smtp.messages] == [["can.bo@example.org"]]
    weak = admin.post(f"/administration/people/{person.pk}/", {"action": "password", "pw-password": "123"})
    assert weak.status_code == 422
    person.refresh_from_db()
    assert person.check_password(OLD)
