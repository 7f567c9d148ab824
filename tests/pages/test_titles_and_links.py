"""Page titles are cut at a word, never inside one; no link on a page has an empty address."""
import re

from pages_fixtures import make_task, plan  # noqa: F401  (fixtures)


def test_a_long_task_title_is_cut_at_a_word_in_the_page_title(client, make_user, make_task):  # noqa: F811
    title = "Rà soát, bổ sung quy hoạch cán bộ lãnh đạo, quản lý các cấp nhiệm kỳ 2025–2030 và những năm tiếp theo"
    task = make_task(title=title)
    client.force_login(make_user("leader", "25"))
    html = client.get(f"/tasks/{task.pk}/").content.decode()
    shown = re.search(r"<title>(.*?) · Mandate</title>", html, re.S).group(1).strip()
    assert shown.endswith("…") and len(shown) <= 60
    assert title.startswith(shown[:-1]) and title[len(shown) - 1] == " "  # the cut falls between two words


def test_the_monitoring_overview_has_no_link_without_an_address(client, make_user, make_task, unit):  # noqa: F811
    make_task(lead="25.TU.BTC", coordinators=[unit("25.TU.VP")])
    client.force_login(make_user("leader", "25"))
    html = client.get("/monitoring/", {"unit": "25.TU.VP"}).content.decode()
    coordinating = html.split("Với vai trò phối hợp")[1].split("</section>")[0]
    assert re.search(r"<td>1</td>", coordinating), coordinating  # the row is there, its count as text
    assert 'href=""' not in html
