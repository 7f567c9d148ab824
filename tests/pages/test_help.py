"""The user's guide (/help/): a page per role in every language, linked from the menu, each step over its screenshot.

The screenshots are taken by tests/browser/test_help_guide.py, which also finds on each real page every label the
guide's text names; here, without a browser, every screenshot a guide shows must be committed, in every language.
"""
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

import mandate
from mandate import guide
from mandate.accounts.models import Role

pytestmark = pytest.mark.django_db

STATIC = Path(mandate.__file__).parent / "static"


def test_there_is_a_guide_for_each_role_of_the_office():
    assert [g.slug for g in guide.GUIDES] == ["office", "unit", "leader", "inspector", "organization", "reports",
                                            "administrator"]
    for each in guide.GUIDES:
        assert each.steps and all(step.page in guide.PAGES for step in each.steps)


@pytest.mark.parametrize("language", guide.LANGUAGES)
def test_every_screenshot_a_guide_shows_is_committed(language):
    missing = [each.shot(step, language) for each in guide.GUIDES for step in each.steps
               if not (STATIC / each.shot(step, language)).is_file()]
    assert not missing, ("screenshots missing; `make help-shots` takes them (tests/browser/test_help_guide.py):\n"
                         + "\n".join(missing))


def test_no_screenshot_is_left_that_no_guide_shows():
    shown = {each.shot(step, language) for each in guide.GUIDES for step in each.steps for language in guide.LANGUAGES}
    committed = {str(path.relative_to(STATIC)) for path in (STATIC / "help").rglob("*.jpg")}
    assert committed - shown == set()


@pytest.mark.parametrize("language", guide.LANGUAGES)
def test_the_guide_is_in_the_menu_and_each_role_has_its_page(client, make_user, language):
    client.force_login(make_user(Role.VIEWER, "25"))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    with translation.override(language):
        menu, title = translation.gettext("User's guide"), translation.gettext("Office specialist")
        labels = {each.slug: [translation.gettext(msgid) for step in each.steps for msgid in step.names.values()]
                  for each in guide.GUIDES}
    dashboard = client.get("/").content.decode()
    assert 'href="/help/"' in dashboard and menu in dashboard
    index = client.get("/help/").content.decode()
    assert title in index
    for each in guide.GUIDES:
        assert f'href="/help/{each.slug}/"' in index
        answer = client.get(f"/help/{each.slug}/")
        assert answer.status_code == 200
        text = answer.content.decode()
        assert f'src="/static/help/{language}/{each.slug}-' in text
        for label in labels[each.slug]:  # the labels the text names, as the pages print them in this language
            assert f'<strong class="ui">{label}</strong>' in text.replace("&#x27;", "'"), (each.slug, label)


def test_a_stranger_is_sent_to_sign_in(client):
    assert client.get("/help/office/").status_code == 302
