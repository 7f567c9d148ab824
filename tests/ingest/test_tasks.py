"""Tasks: one lead assignee per clause, its coordinators and its deadline."""
import pytest

from mandate.ingest import read


def tasks(text: str, language: str | None = None) -> list[tuple]:
    return [(t["assignee"], t["deadline"]) for t in read(text, language=language)["tasks"]]


def test_vietnamese_giao_with_lead_and_coordinator():
    result = read("Giao Sở Y tế chủ trì, phối hợp với Công an tỉnh kiểm tra các cơ sở, báo cáo trước ngày 10/10/2024.")

    task = result["tasks"][0]
    assert (task["assignee"], task["coordinators"], task["deadline"]) == ("Sở Y tế", ["Công an tỉnh"], "2024-10-10")


def test_vietnamese_coordinator_without_voi():
    task = read("Giao Sở Xây dựng chủ trì, phối hợp các địa phương liên quan rà soát quy hoạch.")["tasks"][0]

    assert (task["assignee"], task["coordinators"]) == ("Sở Xây dựng", ["các địa phương liên quan"])


def test_vietnamese_request_without_a_named_body_is_not_a_task():
    assert tasks("Yêu cầu gửi báo cáo trước ngày 5/6/2024. Theo đề nghị của Sở Tài chính, giữ nguyên.") == []


def test_deadline_in_the_next_sentence_belongs_to_the_task():
    text = "Giao Ủy ban nhân dân các xã rà soát hộ nghèo. Yêu cầu hoàn thành trước ngày 30/9/2024."

    assert tasks(text) == [("Ủy ban nhân dân các xã", "2024-09-30")]


def test_russian_dative_assignee_ends_at_the_infinitive():
    text = "Поручить Департаменту строительства провинции подготовить проект до 1 декабря 2024 года."

    assert tasks(text) == [("Департаменту строительства провинции", "2024-12-01")]


def test_russian_subject_with_modal():
    assert tasks("Народный комитет провинции должен обеспечить финансирование.") == [("Народный комитет провинции", None)]


def test_ukrainian_assignment_and_coordinators():
    text = "Обласна рада доручила Департаменту освіти у співпраці з Департаментом фінансів підготувати план."
    task = read(text)["tasks"][0]

    assert (task["assignee"], task["coordinators"]) == ("Департаменту освіти", ["Департаментом фінансів"])


def test_ukrainian_dative_with_necessity():
    assert tasks("Зокрема, Обласному комітету необхідно посилити контроль.") == [("Обласному комітету", None)]


@pytest.mark.parametrize(
    "text",
    [
        "Ми повинні діяти швидко.",
        "Одне агентство повинно виконувати багато завдань.",
        "Вся політична система повинна зосередитися на роботі.",
        "Необходимо усилить контроль.",
    ],
)
def test_principles_and_first_person_are_not_tasks(text):
    assert tasks(text) == []


def test_english_passive_and_object_forms():
    text = ("The Ministry of Health was assigned to inspect hospitals by March 31, 2025. "
            "The Government tasked provinces to report before April 2025. "
            "Local authorities should keep prices stable.")

    assert tasks(text) == [("The Ministry of Health", "2025-03-31"), ("provinces", "2025-03-31"),
                           ("Local authorities", None)]


def test_english_carried_over_subject_is_implicit():
    result = read("Agencies should review their plans. They should report monthly.")["tasks"]

    assert [(t["assignee"], t.get("implicit_assignee", False)) for t in result] == [
        ("Agencies", False), ("They", True)]


def test_english_noun_tasks_is_not_a_trigger():
    assert tasks("The key tasks are listed in the plan, especially tasks ensuring safety.") == []


def test_quotation_verb_is_not_an_assignment():
    assert tasks("«Работайте лучше», – просил секретарь горкома партии.") == []


def test_generic_groups_are_flagged():
    result = read("Giao các sở, ngành và địa phương triển khai thực hiện.")["tasks"]

    assert [(t["assignee"], t.get("generic")) for t in result] == [("các sở, ngành và địa phương", True)]


def test_without_a_matcher_the_unit_is_null():
    task = read("Giao Sở Y tế kiểm tra.")["tasks"][0]

    assert (task["unit"], task["unit_confidence"], task["unit_candidates"]) == (None, None, [])


def test_ban_chi_dao_in_a_name_is_not_a_trigger():
    text = ("Thực hiện Kế hoạch số 02-KH/BCĐTW ngày 19/6/2025 của Ban Chỉ đạo Trung ương, Ban Thường vụ Tỉnh ủy chỉ thị: "
            "Giao Văn phòng Tỉnh ủy theo dõi việc thực hiện.")

    assert [t["assignee"] for t in read(text)["tasks"]] == ["Văn phòng Tỉnh ủy"]
