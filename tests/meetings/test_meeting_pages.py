"""The meeting pages: a delegate comments on a clause, a secretary records the group's opinion, a leader responds,
the conclusion is issued from the review of its text; refusals come back next to their form, never as a 500."""
import pytest

from mandate.ingest.models import LabeledExample
from mandate.meetings.models import Meeting, Opinion
from mandate.tasks.models import Task

pytestmark = pytest.mark.django_db


def item_url(conference) -> str:
    return f"/meetings/{conference['meeting']['id']}/items/{conference['item']['id']}/"


def test_a_delegate_reads_the_draft_clause_by_clause_and_comments_on_one(client, conference):
    client.force_login(conference["people"]["delegate"])
    page = client.get(item_url(conference)).content.decode()
    assert "Điều 2, khoản 2, điểm a" in page and 'name="author" value="me"' in page
    clause = conference["clauses"]["dieu-2.1"]["id"]
    response = client.post(item_url(conference) + "opinions/", {"clause": clause, "author": "me", "kind": "amend",
                                                                "quote": "tập trung dân chủ", "text": "Nêu rõ hơn."})
    assert response.status_code == 302 and response["Location"].endswith(f"#clause-{clause}")
    page = client.get(item_url(conference)).content.decode()
    assert "Nêu rõ hơn." in page and "<q>tập trung dân chủ</q>" in page


def test_a_refused_opinion_is_shown_on_its_clause_form_and_nothing_is_kept(client, conference):
    client.force_login(conference["people"]["delegate"])
    clause = conference["clauses"]["dieu-2.1"]["id"]
    response = client.post(item_url(conference) + "opinions/", {"clause": clause, "author": "me", "kind": "amend",
                                                                "quote": "không có", "text": ""})
    assert response.status_code == 422
    page = response.content.decode()
    assert "bắt buộc: nội dung ý kiến của đại biểu" in page and "không có trong Điều 2, khoản 1" in page  # in the page's language
    assert not Opinion.objects.exists()


def test_a_secretary_may_speak_for_the_group_and_its_members_only(client, conference):
    client.force_login(conference["people"]["secretary"])
    page = client.get(item_url(conference)).content.decode()
    group1, group2 = conference["groups"]
    assert f'value="group:{group1["id"]}"' in page and f'value="group:{group2["id"]}"' not in page
    response = client.post(item_url(conference) + "opinions/", {"author": f"group:{group1['id']}", "kind": "add",
                                                                "text": "Bổ sung chương về chuyển đổi số."})
    assert response.status_code == 302
    assert Opinion.objects.get().group_id == group1["id"]
    forbidden = client.post(item_url(conference) + "opinions/", {"author": f"group:{group2['id']}", "kind": "add",
                                                                 "text": "Không phải tổ của tôi."})
    assert forbidden.status_code == 403
    assert list(Opinion.objects.values_list("group_id", flat=True)) == [group1["id"]]


def test_a_leader_responds_from_the_table_and_an_outsider_sees_nothing(client, conference, api):
    api.login(conference["people"]["delegate"])
    given = api.post(f"{conference['path']}/opinions", {"item": conference["item"]["id"], "kind": "question",
                                                        "text": "Ai chủ trì?"}).json()
    client.force_login(conference["people"]["leader"])
    url = f"/meetings/{conference['meeting']['id']}/responses/"
    assert "Ai chủ trì?" in client.get(url).content.decode()
    refused = client.post(f"{url}{given['id']}/", {"disposition": "explained", "explanation": ""})
    assert refused.status_code == 422 and "bắt buộc khi giải trình hoặc không tiếp thu ý kiến" in refused.content.decode()
    assert client.post(f"{url}{given['id']}/", {"disposition": "explained",
                                                "explanation": "Văn phòng chủ trì."}).status_code == 302
    assert Opinion.objects.get().disposition == "explained"
    client.force_login(conference["people"]["outsider"])
    assert client.get(url).status_code == 404
    assert client.get(f"/meetings/{conference['meeting']['id']}/").status_code == 404


def test_the_secretariat_forms_groups_adds_guests_and_items_from_the_meeting_page(client, conference):
    client.force_login(conference["people"]["secretariat"])
    base = f"/meetings/{conference['meeting']['id']}/"
    assert client.post(base + "delegates/", {"name": "", "role": "guest"}).status_code == 422
    assert client.post(base + "delegates/", {"name": "Đỗ Văn Mời", "position": "Bí thư Đảng ủy xã", "role": "guest"}).status_code == 302
    assert client.post(base + "groups/", {"name": "Tổ 3", "place": "Phòng 3"}).status_code == 302
    assert client.post(base + "items/", {"title": ""}).status_code == 422
    assert client.post(base + "items/", {"title": "Quy định phân cấp", "draft_text": "Điều 1. Phạm vi\nNội dung."}).status_code == 302
    page = client.get(base).content.decode()
    assert "Đỗ Văn Mời" in page and "Tổ 3" in page and "Quy định phân cấp" in page


CONCLUSION_TEXT = """THÀNH ỦY HÀ NỘI
THÔNG BÁO KẾT LUẬN
Hội nghị lần thứ hai Ban Chấp hành Đảng bộ thành phố

1. Giao Văn phòng Thành ủy chủ trì, phối hợp với Ban Tổ chức Thành ủy hoàn thiện Quy chế làm việc, trình Ban Thường vụ trước ngày 15/12/2025.
2. Giao Ủy ban Kiểm tra Thành ủy xây dựng Chương trình kiểm tra, giám sát năm 2026, hoàn thành trước ngày 31/12/2025.
"""


def test_the_conclusion_is_read_reviewed_and_issued_from_the_meeting(client, conference):
    client.force_login(conference["people"]["secretariat"])
    meeting = conference["meeting"]["id"]
    review = client.post(f"/meetings/{meeting}/conclusion/", {"text": CONCLUSION_TEXT})
    page = review.content.decode()
    assert review.status_code == 200 and f'action="/meetings/{meeting}/conclusion/confirm/"' in page
    assert 'name="type" value="TB"' in page or 'value="TB" selected' in page
    post = {"meeting": meeting, "text": CONCLUSION_TEXT, "issuing_unit": "01.TU.BCH", "type": "TB", "issued_on": "2025-11-26",
            "title": "Thông báo kết luận Hội nghị lần thứ hai", "reference_count": "0", "task_count": "2"}
    for index, (title, unit) in enumerate([("Hoàn thiện Quy chế làm việc", "01.TU.VP"),
                                          ("Xây dựng Chương trình kiểm tra, giám sát năm 2026", "01.TU.UBKT")]):
        post |= {f"task-{index}-keep": "on", f"task-{index}-title": title, f"task-{index}-lead_unit": unit,
                 f"task-{index}-leader": "bithu", f"task-{index}-deadline": "2025-12-31",
                 f"task-{index}-product": "Văn bản được ban hành" if index else ""}
    refused = client.post(f"/meetings/{meeting}/conclusion/confirm/", post)
    assert refused.status_code == 422 and not Task.objects.exists()
    post["task-0-product"] = "Quy chế được ban hành"
    done = client.post(f"/meetings/{meeting}/conclusion/confirm/", post)
    assert done.status_code == 302 and done["Location"] == f"/meetings/{meeting}/"
    example = LabeledExample.objects.get()  # the conclusion is kept as a labeled example, with its document
    assert example.document == Meeting.objects.get(pk=meeting).conclusion
    assert [t["deadline"] for t in example.confirmed["tasks"]] == ["2025-12-31", "2025-12-31"]
    page = client.get(f"/meetings/{meeting}/").content.decode()
    assert "-TB/TU" in page
    listed = client.get("/tasks/", {"as_of": "2025-11-26", "q": "Quy che lam viec"}).content.decode()
    assert "Hoàn thiện Quy chế làm việc" in listed


def test_the_old_addresses_of_the_conclusion_lead_to_the_meeting_keeping_the_posted_form(client, conference):
    client.force_login(conference["people"]["secretariat"])
    meeting = conference["meeting"]["id"]
    opened = client.get("/ingest/", {"meeting": meeting})
    assert (opened.status_code, opened["Location"]) == (307, f"/meetings/{meeting}/conclusion/")
    read = client.post("/ingest/", {"meeting": meeting, "text": CONCLUSION_TEXT}, follow=True)
    assert read.status_code == 200 and f'action="/meetings/{meeting}/conclusion/confirm/"' in read.content.decode()
    confirmed = client.post("/ingest/confirm/", {"meeting": meeting, "text": CONCLUSION_TEXT})
    assert (confirmed.status_code, confirmed["Location"]) == (307, f"/meetings/{meeting}/conclusion/confirm/")
    assert not Task.objects.exists()


def test_a_draft_comes_from_its_word_file_and_is_cut_into_clauses(client, conference):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from docx import Document as Docx

    from mandate.meetings.models import AgendaItem

    document = Docx()
    for line in ("Quy định phân cấp cho xã, phường", "Điều 1. Phạm vi", "Quy định này áp dụng cho xã, phường.",
                 "Điều 2. Nguyên tắc", "1. Việc nào cấp xã làm tốt thì giao cấp xã."):
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    client.force_login(conference["people"]["secretariat"])
    base = f"/meetings/{conference['meeting']['id']}/items/"
    upload = SimpleUploadedFile("phan-cap.docx", buffer.getvalue())
    assert client.post(base, {"title": "Quy định phân cấp", "file": upload}).status_code == 302
    version = AgendaItem.objects.get(title="Quy định phân cấp").draft.versions.get()
    assert [c.label for c in version.clauses.all()] == ["Mở đầu", "Điều 1", "Điều 2", "Điều 2, khoản 1"]
    refused = client.post(base, {"title": "Bảng tính", "file": SimpleUploadedFile("bang.xlsx", b"PK\x03\x04")})
    assert refused.status_code == 422 and "chỉ đọc được tệp .txt, .docx, .pdf" in refused.content.decode()


def test_a_meeting_form_that_cannot_be_parsed_is_refused_beside_its_fields_and_nothing_is_created(client, conference):
    from mandate.meetings.models import Meeting

    client.force_login(conference["people"]["secretariat"])
    before = Meeting.objects.count()
    response = client.post("/meetings/new/", {"body": "99.NOWHERE", "title": "Hội nghị", "starts_on": "31/02/2025",
                                              "number": "hai"})
    assert response.status_code == 422
    page = response.content.decode()
    assert page.count('class="error"') == 3 and "99.NOWHERE" in page
    assert Meeting.objects.count() == before
