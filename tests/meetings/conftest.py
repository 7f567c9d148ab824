import datetime as dt

import pytest

from mandate.accounts.models import Role

from .test_clauses import REGULATION

DAY = dt.date(2025, 11, 25)


@pytest.fixture
def conference(db, make_user, freeze, api):
    """The 2nd conference of Hanoi's Executive Committee: a secretariat specialist, a leader, two delegates in
    group 1 (one its secretary), a delegate of group 2, an outsider, and the draft working regulation."""
    freeze(DAY)
    people = {
        "secretariat": make_user(Role.SPECIALIST, "01.TU", username="vanphong"),
        "leader": make_user(Role.LEADER, "01.TU", username="bithu", full_name="Nguyễn Duy Ngọc",
                            position="Bí thư Thành ủy"),
        "secretary": make_user(username="thuky1", full_name="Trần Thư Ký"),
        "delegate": make_user(username="daibieu", full_name="Lê Đại Biểu", position="Bí thư Đảng ủy phường"),
        "other": make_user(username="daibieu2", full_name="Phạm Tổ Hai"),
        "outsider": make_user(Role.SPECIALIST, "25.TU", username="phutho"),
    }
    api.login(people["secretariat"])
    meeting = api.post("/meetings", {"body": "01.TU.BCH", "title": "Hội nghị lần thứ hai Ban Chấp hành Đảng bộ thành phố",
                                     "starts_on": "2025-11-25", "ends_on": "2025-11-26", "number": 2,
                                     "place": "Hà Nội"}).json()
    path = f"/meetings/{meeting['id']}"
    delegates = {name: api.post(f"{path}/delegates", {"user": people[name].username}).json()
                 for name in ("leader", "secretary", "delegate", "other")}
    delegates["guest"] = api.post(f"{path}/delegates", {"name": "Khách mời Hoàng Văn Khách", "role": "guest"}).json()
    group1 = api.post(f"{path}/groups", {"secretary": delegates["secretary"]["id"],
                                         "members": [delegates["delegate"]["id"], delegates["guest"]["id"]]}).json()
    group2 = api.post(f"{path}/groups", {"name": "Tổ 2", "members": [delegates["other"]["id"]]}).json()
    item = api.post(f"{path}/items", {"title": "Dự thảo Quy chế làm việc", "presenter": "Chánh Văn phòng Thành ủy",
                                      "draft_text": REGULATION}).json()
    api.post(f"{path}/items", {"title": "Báo cáo tình hình kinh tế – xã hội"})
    return {"meeting": meeting, "path": path, "people": people, "delegates": delegates, "groups": (group1, group2),
            "item": item, "clauses": {c["key"]: c for c in item["draft"]["versions"][0]["clauses"]}}
