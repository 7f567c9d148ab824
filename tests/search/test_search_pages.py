"""The search page and /api/v1/search: what a user sees, and what they may not."""
import pytest
from django.conf import settings

from mandate.accounts.models import Role
from mandate.core.secrecy import Secrecy
from search_fixtures import world  # noqa: F401  (the fixture)

pytestmark = pytest.mark.django_db

SECRET_WORDS = (b"ZQMAT", b"ZQKY", b"ZQNHIEMVU")


def test_the_header_offers_the_search_box(client, world):
    client.force_login(world["reader"])
    page = client.get("/tasks/").content.decode()
    assert 'action="/search/"' in page and 'name="q"' in page


def test_no_words_asks_for_words(client, world):
    client.force_login(world["reader"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "vi"
    for query in ({}, {"q": ""}, {"q": "   "}):
        response = client.get("/search/", query)
        assert response.status_code == 200
        assert "Gõ một hoặc nhiều từ" in response.content.decode()
    response = client.get("/search/", {"q": "***"})
    assert response.status_code == 200 and "không có từ nào" in response.content.decode()


def test_the_page_groups_ranks_and_marks(client, world):
    client.force_login(world["reader"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get("/search/", {"q": "viet tri"}).content.decode()
    assert f'href="/documents/{world["plan"].pk}/"' in page
    assert f'href="/tasks/{world["task"].pk}/"' in page
    assert f'href="/meetings/{world["meeting"].pk}/"' in page
    assert "<mark>Việt</mark> <mark>Trì</mark>" in page
    assert f'Progress report</span>\n    <a class="hit-title" href="/tasks/{world["task"].pk}/">Progress report</a> <span class="muted">· {world["task"].title}' in page
    assert page.index("<h2>Documents") < page.index("<h2>Tasks") < page.index("<h2>Meetings")


def test_one_group_page_by_page(client, world, unit):
    from mandate.core import clock
    from mandate.tasks.services import task_create
    import datetime as dt

    for number in range(25):
        task_create(actor=None, document=world["plan"], title=f"Chuyển đổi số xã {number}", lead_unit=unit("25.TU.BTC"),
                    leader=world["writer"], product="Báo cáo", deadline=clock.today() + dt.timedelta(days=9))
    client.force_login(world["reader"])
    first = client.get("/search/", {"q": "chuyen doi so", "group": "tasks"}).content.decode()
    second = client.get("/search/", {"q": "chuyen doi so", "group": "tasks", "page": 2}).content.decode()
    assert first.count('<li>') == 20 and second.count('<li>') >= 5
    assert "/documents/" not in first.split('<ol class="hits">')[1]


def test_an_unknown_group_is_refused_on_the_page(client, world):
    client.force_login(world["reader"])
    assert client.get("/search/", {"q": "viet", "group": "people"}).status_code == 422


def test_the_api_answers_counts_and_ranked_items(api, world):
    answer = api.login(world["reader"]).get("/search", q="viet tri").json()
    assert answer["words"] == ["viet", "tri"] and answer["count"] == sum(answer["counts"].values())
    assert {(item["kind"], item["id"]) for item in answer["items"]} >= {
        ("document", world["plan"].pk), ("progress", world["task"].pk), ("meeting", world["meeting"].pk)}
    tasks = api.get("/search", q="viet tri", group="tasks").json()
    assert {item["group"] for item in tasks["items"]} == {"tasks"} and tasks["count"] == answer["counts"]["tasks"]
    assert "Việt Trì" in next(item for item in tasks["items"] if item["kind"] == "progress")["snippet"]
    assert len(api.get("/search", q="viet tri", limit=1).json()["items"]) == 1


def test_the_api_refuses_an_empty_query_by_name(api, world):
    api.login(world["reader"])
    for query in ("", "  ", "\"*:-"):
        response = api.get("/search", q=query, HTTP_ACCEPT_LANGUAGE="vi")
        assert response.status_code == 422
        assert response.json()["errors"][0]["field"] == "q"
    assert api.get("/search").status_code == 422
    assert api.get("/search", q="viet", group="people").json()["errors"][0]["field"] == "group"


@pytest.mark.parametrize("query", ['"viet', "viet*", "NEAR(viet tri)", "-viet", "title:viet", "a:b:c", "(((", "'; DROP"])
def test_search_syntax_never_errs(api, client, world, query):
    assert api.login(world["reader"]).get("/search", q=query).status_code in (200, 422)
    client.force_login(world["reader"])
    assert client.get("/search/", {"q": query}).status_code == 200


def test_the_uncleared_never_see_secret_words(api, client, world, make_user):
    uncleared = make_user(Role.LEADER, "25.TU", clearance=Secrecy.NONE)
    client.force_login(uncleared)
    api.login(uncleared)
    for query in ("zqmat", "zqky", "zqnhiemvu", "chuyen doi so", "01-CT/TU"):
        for content in (client.get("/search/", {"q": query}).content, api.get("/search", q=query).content,
                        client.get("/search/", {"q": query, "group": "documents"}).content):
            assert not [word for word in SECRET_WORDS if word in content], query
    assert api.get("/search", q="zqmat").json()["count"] == 0
