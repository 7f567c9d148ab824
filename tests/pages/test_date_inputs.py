"""Date fields speak the reader's format, as the pages print dates: dd/mm/yyyy in vi and en, dd.mm.yyyy in ru and uk;
a text field read back in that format, and a date that does not exist refused with the field and the reason."""
import datetime as dt
import re

import pytest
from django.conf import settings

from mandate.core import clock
from mandate.tasks.models import Extension

from pages_fixtures import make_task, plan  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db


def speaking(client, user, language):
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


@pytest.mark.parametrize(("language", "pattern", "written"), [
    ("vi", "dd/mm/yyyy", "%d/%m/%Y"), ("en", "dd/mm/yyyy", "%d/%m/%Y"),
    ("ru", "dd.mm.yyyy", "%d.%m.%Y"), ("uk", "dd.mm.yyyy", "%d.%m.%Y")])
def test_a_date_is_asked_and_read_in_the_readers_format(client, make_user, make_task, language, pattern, written):  # noqa: F811
    lead = make_user("specialist", "25.TU.BTC")
    task = make_task(days=10)
    page = speaking(client, lead, language).get(f"/tasks/{task.pk}/").content.decode()
    field = re.search(r'<input[^>]*name="requested_deadline"[^>]*>', page).group(0)
    assert 'type="text"' in field and f'placeholder="{pattern}"' in field
    assert 'type="date"' not in page
    wanted = task.deadline + dt.timedelta(days=14)
    response = client.post(f"/tasks/{task.pk}/extensions/", {"requested_deadline": wanted.strftime(written),
                                                           "reason": "Chờ số liệu", "version": task.version})
    assert response.status_code in (200, 302), response.content.decode()[:500]
    assert Extension.objects.get(task=task).requested_deadline == wanted
    listing = client.get("/tasks/", {"deadline_from": clock.today().strftime(written)}).content.decode()
    assert task.title in listing


@pytest.mark.parametrize(("language", "words"), [("vi", "không phải là một ngày"), ("en", "is not a date"),
                                                 ("ru", "не дата"), ("uk", "не дата")])
def test_a_date_that_does_not_exist_is_refused_with_label_and_reason(client, make_user, make_task, language, words):  # noqa: F811
    lead = make_user("specialist", "25.TU.BTC")
    task = make_task(days=10)
    response = speaking(client, lead, language).post(f"/tasks/{task.pk}/extensions/", {
        "requested_deadline": "31/02/2025", "reason": "Chờ số liệu", "version": task.version})
    html = response.content.decode()
    assert response.status_code == 422
    assert "31/02/2025" in html and words in html
    assert not Extension.objects.filter(task=task).exists()
