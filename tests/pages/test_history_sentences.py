"""The task page's history reads as sentences in the reader's language: labels, names and dates, never codes."""
import pytest
from django.conf import settings

from mandate.tasks.services import progress_report, task_transition

from pages_fixtures import make_task, plan  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db

EXPECTED = {
    "vi": ("đã giao nhiệm vụ.", "Đơn vị chủ trì: Ban Tổ chức Tỉnh ủy Phú Thọ", "Tình trạng: Mới giao → Đang thực hiện",
           "đã báo cáo tiến độ.", "/"),
    "en": ("assigned the task.", "Lead unit: Ban Tổ chức Tỉnh ủy Phú Thọ", "State: Assigned → In progress",
           "reported progress.", "/"),
    "ru": ("поручил(а) задачу.", "Ban Tổ chức Tỉnh ủy Phú Thọ", "Выполняется", "сообщил(а) о ходе работы.", "."),
    "uk": ("доручив(ла) завдання.", "Ban Tổ chức Tỉnh ủy Phú Thọ", "Виконується", "повідомив(ла) про хід роботи.", "."),
}


def history_of(html: str) -> str:
    start = html.index('id="history"')
    return html[start:html.index("</section>", start)]


@pytest.mark.parametrize("language", ["vi", "en", "ru", "uk"])
def test_history_is_sentences_with_names_and_labels(client, make_user, make_task, language):  # noqa: F811
    leader = make_user("leader", "25", full_name="Nguyễn Văn An")
    lead = make_user("specialist", "25.TU.BTC", full_name="Trần Thị Bình")
    task = make_task(leader=leader, coordinators=[])
    task_transition(actor=lead, task=task, name="start")
    progress_report(actor=lead, task=task, percent=40, text="Đã rà soát 10 hồ sơ")
    client.force_login(leader)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    history = history_of(client.get(f"/tasks/{task.pk}/").content.decode())
    created, lead_unit, state, progress, separator = EXPECTED[language]
    for text in (created, lead_unit, state, progress, "Trần Thị Bình", "40%"):
        assert text in history, (language, text)
    for code in ("task.create", "lead_unit", "assigning_unit", "25.TU.BTC", "in_progress", "version"):
        assert code not in history, (language, code)
    deadline = task.deadline.strftime(f"%d{separator}%m{separator}%Y")
    assert deadline in history
