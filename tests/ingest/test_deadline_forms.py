"""Deadlines said as periods, recurrences and relative limits, and the clause shapes around them.

Short texts of our own in the four languages (the corpus passages are measured by the scorer, not here).
A period with its year gives its last day; a month without its year takes the text's year; a recurrence
or a relative limit gives no date but keeps its phrase, and ends a dative lead ("Министерству финансов
в течение месяца представить" is the Ministry's task, not "Министерству финансов в течение месяца").
"""
import pytest

from mandate.ingest import read


def only_task(text: str, language: str) -> tuple:
    found = read(text, language=language)["tasks"]
    assert len(found) == 1, found
    task = found[0]
    return task["assignee"], task["deadline"], task["deadline_raw"]


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        # Vietnamese
        ("vi", "Kế hoạch năm 2026. Giao Sở Tài chính chủ trì tổng hợp, hoàn thành trong quý III/2026.",
         ("Sở Tài chính", "2026-09-30", "hoàn thành trong quý III/2026")),
        ("vi", "Kế hoạch năm 2026. Giao Sở Y tế báo cáo kết quả trước ngày 30/6.",
         ("Sở Y tế", "2026-06-30", "trước ngày 30/6")),
        ("vi", "Năm 2026. Giao Sở Xây dựng hoàn thành trong tháng 12.",
         ("Sở Xây dựng", "2026-12-31", "hoàn thành trong tháng 12")),
        ("vi", "Năm 2026, giao Sở Nội vụ tổng hợp, báo cáo hằng năm.", ("Sở Nội vụ", None, "hằng năm")),
        ("vi", "Giao Công an tỉnh thực hiện thường xuyên.", ("Công an tỉnh", None, "thường xuyên")),
        ("vi", "Giao Sở Tư pháp thẩm định chậm nhất 15 ngày sau khi nhận đủ hồ sơ.",
         ("Sở Tư pháp", None, "chậm nhất 15 ngày")),
        # Russian
        ("ru", "Департаменту строительства обеспечить ввод объекта до 1 июля 2026 г.",
         ("Департаменту строительства", "2026-07-01", "до 1 июля 2026 г.")),
        ("ru", "Министерству финансов в течение месяца представить предложения.",
         ("Министерству финансов", None, "в течение месяца")),
        ("ru", "Управлению образования ежеквартально информировать администрацию района.",
         ("Управлению образования", None, "ежеквартально")),
        ("ru", "Министерству здравоохранения в срок до 15.03.2026 подготовить доклад.",
         ("Министерству здравоохранения", "2026-03-15", "в срок до 15.03.2026")),
        ("ru", "Министерству экономики в двухнедельный срок внести изменения в программу.",
         ("Министерству экономики", None, "в двухнедельный срок")),
        ("ru", "Главам районов в III квартале 2026 года провести проверки.",
         ("Главам районов", "2026-09-30", "в III квартале 2026")),
        # Ukrainian
        ("uk", "Рішення від 5 січня 2026 року. Відділу освіти до 31 грудня подати звіт.",
         ("Відділу освіти", "2026-12-31", "до 31 грудня")),
        ("uk", "Управлінню фінансів щокварталу інформувати виконавчий комітет.",
         ("Управлінню фінансів", None, "щокварталу")),
        ("uk", "Департаменту економіки протягом місяця розробити програму.",
         ("Департаменту економіки", None, "протягом місяця")),
        ("uk", "Відділу культури у місячний термін підготувати пропозиції.",
         ("Відділу культури", None, "у місячний термін")),
        # English
        ("en", "In 2026, the Ministry of Finance shall submit the report by 30 June.",
         ("the Ministry of Finance", "2026-06-30", "by 30 June")),
        ("en", "The Ministry of Health shall report within 30 days of the date of this order.",
         ("The Ministry of Health", None, "within 30 days")),
        ("en", "The Secretary of Energy shall report annually to the Congress.",
         ("The Secretary of Energy", None, "annually")),
        ("en", "The ministry must act no later than 15 days after receiving the request.",
         ("The ministry", None, "no later than 15 days")),
    ],
)
def test_deadline_forms(language, text, expected):
    assert only_task(text, language) == expected


def test_a_month_without_a_year_in_a_text_without_a_year_has_no_date():
    assert only_task("Giao Sở Xây dựng hoàn thành trong tháng 12.", "vi")[1] is None


def test_oversight_of_a_decree_is_not_a_task():
    text = ("2. Отделу образования в срок до 1 сентября 2026 года подготовить план.\n"
            "3. Контроль за исполнением постановления возложить на заместителя главы района Иванова И.И.")

    assert [t["assignee"] for t in read(text, language="ru")["tasks"]] == ["Отделу образования"]


def test_russian_passive_assignment_with_the_addressee_before():
    text = "ООО «Водоканал» дано поручение до 15 мая 2026 года восстановить покрытие. Комитету по культуре рекомендовано провести смотр."

    assert [(t["assignee"], t["deadline"]) for t in read(text, language="ru")["tasks"]] == [
        ("ООО «Водоканал»", "2026-05-15"), ("Комитету по культуре", None)]


def test_recommending_in_a_decree_is_a_task_but_not_in_a_list_of_verbs():
    decree = "1. Рекомендовать главам сельских поселений провести субботники до 30 апреля 2026 года."
    listed = "Необходимо обсудить пути, предложить и рекомендовать решения, направленные на укрепление работы."

    assert [(t["assignee"], t["deadline"]) for t in read(decree, language="ru")["tasks"]] == [
        ("главам сельских поселений", "2026-04-30")]
    assert read(listed, language="ru")["tasks"] == []


def test_ukrainian_items_under_a_heading_and_a_dative_in_i():
    text = ("ВИРІШИВ:\n1. Старості Заріченського старостинського округу провести благоустрій парку.\n"
            "2. Фінансовому управлінню:\n2.1. передбачити кошти;\n2.2. щомісяця інформувати виконком.")

    assert [(t["assignee"], t["deadline_raw"]) for t in read(text, language="uk")["tasks"]] == [
        ("Старості Заріченського старостинського округу", None),
        ("Фінансовому управлінню", None), ("Фінансовому управлінню", "щомісяця")]


@pytest.mark.parametrize(
    ("text", "assignees"),
    [
        ("The minister directed the officials to complete the survey by 30 June 2026.", ["the officials"]),
        ("He asked Nguyen Van An to report on the progress.", ["Nguyen Van An"]),
        ("The governors, as well as the Minister of Education, are to monitor the prices weekly.",
         ["The governors, as well as the Minister of Education"]),
        ("The CM said a portal should be developed and the departments should upload the details.", ["the departments"]),
        ("The ministries that have not used their funds, are required to return them by 10 June 2026.",
         ["The ministries that have not used their funds"]),
        ("The deputy minister will be on duty on Sunday.", []),
    ],
)
def test_english_clause_shapes(text, assignees):
    assert [t["assignee"] for t in read(text, language="en")["tasks"]] == assignees
