"""Whole directives as a clerk receives them: every task, its deadline and its lead (issue 20)."""
from mandate.ingest import read

THREE_TASKS = """ĐẢNG BỘ PHƯỜNG HÒA BÌNH
BAN THƯỜNG VỤ
*
Số 12-CV/ĐU
V/v tăng cường kiểm tra, giám sát việc thực hiện Quy định số 144-QĐ/TW

ĐẢNG CỘNG SẢN VIỆT NAM
Hòa Bình, ngày 5 tháng 6 năm 2026

Kính gửi: Các chi bộ trực thuộc

Thực hiện Kế hoạch số 20-KH/TU ngày 20/5/2026 của Ban Thường vụ Tỉnh ủy, Ban Thường vụ Đảng ủy phường yêu cầu:
1. Ủy ban kiểm tra Đảng ủy phường chủ trì, phối hợp với Văn phòng Đảng ủy xây dựng kế hoạch kiểm tra, hoàn thành trong quý III/2026.
2. Các chi bộ trực thuộc tổ chức tự kiểm tra, báo cáo kết quả về Ban Thường vụ Đảng ủy phường trước ngày 30/6/2026.
3. Đề nghị Ủy ban Mặt trận Tổ quốc phường tuyên truyền đến Nhân dân, báo cáo hằng quý.

Nơi nhận:
- Như trên,
- Lưu VP.
T/M BAN THƯỜNG VỤ
BÍ THƯ
Nguyễn Văn An
"""

DASH_LIST = """Chủ tịch UBND tỉnh giao:
- Sở Xây dựng chủ trì, phối hợp với Sở Tài chính và UBND các huyện rà soát các dự án nhà ở xã hội, báo cáo UBND tỉnh trước ngày 30/6/2026;
- Sở Tài chính bố trí kinh phí thực hiện trong quý III/2026;
- Công an tỉnh bảo đảm an ninh, trật tự tại các công trình trọng điểm.
"""


def summary(text: str) -> list[tuple]:
    return [(t["assignee"], t["deadline"], t["deadline_raw"]) for t in read(text)["tasks"]]


def test_three_task_directive_gives_every_task_with_its_deadline_and_lead():
    assert summary(THREE_TASKS) == [
        ("Ủy ban kiểm tra Đảng ủy phường", "2026-09-30", "hoàn thành trong quý III/2026"),
        ("Các chi bộ trực thuộc", "2026-06-30", "trước ngày 30/6/2026"),
        ("Ủy ban Mặt trận Tổ quốc phường", None, "hằng quý"),
    ]
    assert read(THREE_TASKS)["tasks"][0]["coordinators"] == ["Văn phòng Đảng ủy"]


def test_the_summary_is_the_v_v_line_not_the_signature_block():
    document = read(THREE_TASKS)["document"]

    assert (document["number"], document["type"], document["issuer"]) == ("12", "CV", "ĐU")
    assert document["title"] == "tăng cường kiểm tra, giám sát việc thực hiện Quy định số 144-QĐ/TW"


def test_peoples_committee_dash_list_gives_a_task_per_line():
    assert summary(DASH_LIST) == [
        ("Sở Xây dựng", "2026-06-30", "trước ngày 30/6/2026"),
        ("Sở Tài chính", "2026-09-30", "trong quý III/2026"),
        ("Công an tỉnh", None, None),
    ]
    assert read(DASH_LIST)["tasks"][0]["coordinators"] == ["Sở Tài chính và UBND các huyện"]


def test_sentences_after_an_assignment_that_name_a_body_and_an_action_are_tasks():
    text = ("Theo đó, giao Sở Nội vụ rà soát biên chế. Ủy ban nhân dân các huyện lập danh sách, gửi Sở Nội vụ "
            "trước ngày 15/7/2026. Sở Tài chính thẩm định kinh phí.")

    assert summary(text) == [("Sở Nội vụ", None, None), ("Ủy ban nhân dân các huyện", "2026-07-15", "trước ngày 15/7/2026"),
                             ("Sở Tài chính", None, None)]


def test_a_report_of_what_was_done_is_not_a_task():
    text = "Sáng 5/6/2026, Sở Kế hoạch và Đầu tư báo cáo tình hình kinh tế - xã hội. Sở Y tế đã tổ chức tiêm chủng."

    assert summary(text) == []


def test_a_heading_that_names_the_lead_gives_a_task_per_item_under_it():
    text = ("3. Sở Tài chính:\n- Chủ trì thẩm định dự toán, trình UBND tỉnh trước ngày 20/7/2026;\n"
            "- phối hợp với Kho bạc Nhà nước tỉnh cấp phát kinh phí.")

    assert [(t["assignee"], t["deadline"]) for t in read(text)["tasks"]] == [
        ("Sở Tài chính", "2026-07-20"), ("Sở Tài chính", None)]


def test_russian_decree_items_in_the_dative_and_the_passive_poručeno():
    text = ("2. Департаменту строительства провинции обеспечить ввод объектов до 1 декабря 2026 года.\n"
            "3. Финансовому управлению (Иванова О. А.):\n3.1. Осуществлять контроль.\n3.2. Представить отчет до 20 июля 2026 года.\n"
            "Департаменту транспорта поручено подготовить план до 20 июля 2026 года.")

    assert [(t["assignee"], t["deadline"]) for t in read(text)["tasks"]] == [
        ("Департаменту строительства провинции", "2026-12-01"),
        ("Финансовому управлению", None),
        ("Финансовому управлению", "2026-07-20"),
        ("Департаменту транспорта", "2026-07-20"),
    ]


def test_ukrainian_responsibility_laid_on_a_class_of_bodies():
    text = "Забезпечення організації навчального року покладене на обласні військові адміністрації."

    assert [t["assignee"] for t in read(text)["tasks"]] == ["обласні військові адміністрації"]


def test_english_ing_forms_and_had_to():
    text = ("The Prime Minister criticised the delay, requesting ministries and localities to report by May 5, 2026. "
            "Localities had to work with contractors.")

    assert [(t["assignee"], t["deadline"]) for t in read(text)["tasks"]] == [
        ("ministries and localities", "2026-05-05"), ("Localities", None)]


def test_one_verb_several_bodies_each_with_its_action():
    en = "The Deputy PM asked the Ministry of Finance to allocate rice, and the MOLISA to check the lists by May 5, 2026."
    ru = "Премьер-министр поручил Министерству финансов подготовить проект, а Министерству юстиции – представить заключение."

    assert [t["assignee"] for t in read(en)["tasks"]] == ["the Ministry of Finance", "the MOLISA"]
    assert [t["assignee"] for t in read(ru)["tasks"]] == ["Министерству финансов", "Министерству юстиции"]


def test_an_acronym_names_a_body():
    assert [t["assignee"] for t in read("The MARD is also responsible for monitoring the plan.")["tasks"]] == ["The MARD"]


def test_a_time_limit_ends_a_russian_or_ukrainian_assignee():
    uk = "Уряд доручив Міністерству фінансів до 1 липня 2026 р. подати пропозиції."
    ru = "Губернатор поручил главам районов до конца недели направить проекты."

    assert [(t["assignee"], t["deadline"]) for t in read(uk)["tasks"]] == [("Міністерству фінансів", "2026-07-01")]
    assert [(t["assignee"], t["deadline"], t["deadline_raw"]) for t in read(ru)["tasks"]] == [
        ("главам районов", None, "до конца недели")]


def test_a_decree_item_names_its_lead_and_its_partners():
    text = "Міністерству освіти і науки разом з обласними військовими адміністраціями забезпечити підготовку шкіл до 1 вересня 2026 року."
    task = read(text)["tasks"][0]

    assert (task["assignee"], task["coordinators"], task["deadline"]) == (
        "Міністерству освіти і науки", ["обласними військовими адміністраціями"], "2026-09-01")


def test_labelled_limits_and_short_ministry_names():
    cases = {
        "Giao Sở Nội vụ rà soát biên chế. Thời hạn: 30/6/2026.": ("Sở Nội vụ", "2026-06-30"),
        "Поручить Минфину подготовить проект. Срок – 1 октября 2026 г.": ("Минфину", "2026-10-01"),
        "Доручити Мінфіну підготувати проект. Термін виконання – 1 жовтня 2026 року.": ("Мінфіну", "2026-10-01"),
        "The Ministry of Finance must submit the draft; deadline: October 1, 2026.": ("The Ministry of Finance", "2026-10-01"),
    }
    for text, expected in cases.items():
        assert [(t["assignee"], t["deadline"]) for t in read(text)["tasks"]] == [expected], text


def test_bodies_listed_with_commas_each_with_its_action():
    en = "The PM asked the Ministry of Health to review the plan, the Ministry of Finance to allocate funds, and localities to report."
    ru = "Поручить Минздраву подготовить проект, Минфину – предусмотреть средства до 1 декабря 2026 г."

    assert [t["assignee"] for t in read(en)["tasks"]] == ["the Ministry of Health", "the Ministry of Finance"]
    assert [(t["assignee"], t["deadline"]) for t in read(ru)["tasks"]] == [("Минздраву", None), ("Минфину", "2026-12-01")]
