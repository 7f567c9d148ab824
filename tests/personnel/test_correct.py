"""Correcting a cadre's record: the page's form on the record and PATCH/POST /api/v1/people/{id}, each with the version
it was read at (428 without one, 409 when someone changed it since), audited, refused naming the field in the reader's
language, and only for the organization committee's staff who keep the files (not a leader who only reads it)."""
import datetime as dt

from mandate.audit.models import AuditRecord
from mandate.personnel.models import Person


def _patch(client, api, path, data, **extra):
    return client.patch(f"/api/v1{path}", data, content_type="application/json", **api.headers, **extra)


def test_the_api_corrects_a_record_at_its_version_and_audits_it(client, files, api):
    person = files["first"]
    api.login(files["organizer"])
    corrected = _patch(client, api, f"/people/{person.pk}", {"education": "Thạc sĩ Quản lý công", "party_joined_on": "1995-05-19"},
                       HTTP_IF_MATCH="1")
    assert corrected.status_code == 200, corrected.content
    assert (corrected.json()["education"], corrected.json()["party_joined_on"], corrected.json()["version"]) == (
        "Thạc sĩ Quản lý công", "1995-05-19", 2)
    person.refresh_from_db()
    assert (person.education, person.ethnicity, person.version) == ("Thạc sĩ Quản lý công", "Kinh", 2)
    audit = AuditRecord.objects.filter(action="personnel.person.update", object_id=str(person.pk)).get()
    assert audit.actor == files["organizer"]
    # The POST form of the same edit (for clients that cannot send PATCH), its version in the body.
    posted = api.post(f"/people/{person.pk}", {"ethnicity": "Mường", "version": 2})
    assert posted.status_code == 200 and posted.json()["version"] == 3


def test_without_a_version_428_and_with_an_old_one_409(client, files, api):
    person = files["first"]
    api.login(files["organizer"])
    missing = _patch(client, api, f"/people/{person.pk}", {"education": "Cử nhân"})
    assert missing.status_code == 428 and missing.json()["errors"][0]["field"] == "version"
    assert _patch(client, api, f"/people/{person.pk}", {"education": "Cử nhân"}, HTTP_IF_MATCH="1").status_code == 200
    stale = _patch(client, api, f"/people/{person.pk}", {"education": "Tiến sĩ"}, HTTP_IF_MATCH="1")
    assert stale.status_code == 409 and stale.json()["current_version"] == 2
    person.refresh_from_db()
    assert (person.education, person.version) == ("Cử nhân", 2)


def test_a_refusal_names_the_field_in_the_readers_language(client, files, api):
    person = files["first"]
    api.login(files["organizer"])
    before = AuditRecord.objects.count()
    refused = _patch(client, api, f"/people/{person.pk}", {"party_joined_on": "1970-01-01"}, HTTP_IF_MATCH="1",
                     HTTP_ACCEPT_LANGUAGE="vi")
    assert refused.status_code == 422
    body = refused.json()
    assert [e["field"] for e in body["errors"]] == ["party_joined_on"]
    assert body["message"] == "Không thể sửa hồ sơ."
    assert "ngày sinh" in body["errors"][0]["reason"]
    unknown = _patch(client, api, f"/people/{person.pk}", {"user": "khong_co_ai"}, HTTP_IF_MATCH="1")
    assert unknown.status_code == 422 and unknown.json()["errors"][0]["field"] == "user"
    person.refresh_from_db()
    assert (person.party_joined_on, person.user_id, person.version, AuditRecord.objects.count()) == (None, None, 1, before)


def test_a_leader_who_reads_the_record_may_not_correct_it_and_a_viewer_does_not_find_it(client, files, api):
    from mandate.personnel.services import holding_record

    holding_record(actor=None, person=files["first"], position=files["vice"], starts_on=dt.date(2025, 7, 1))
    api.login(files["leader"])
    assert api.get(f"/people/{files['first'].pk}").status_code == 200
    assert _patch(client, api, f"/people/{files['first'].pk}", {"education": "x"}, HTTP_IF_MATCH="1").status_code == 403
    api.login(files["viewer"])
    assert _patch(client, api, f"/people/{files['first'].pk}", {"education": "x"}, HTTP_IF_MATCH="1").status_code == 404
    assert Person.objects.get(pk=files["first"].pk).version == 1


def test_the_record_page_corrects_with_dates_as_the_reader_writes_them(client, files):
    person = files["first"]
    client.force_login(files["organizer"])
    page = client.get(f"/personnel/people/{person.pk}/").content.decode()
    assert f'action="/personnel/people/{person.pk}/correct/"' in page and 'name="version" value="1"' in page
    form = {"full_name": "Bùi Văn Quý", "birth_date": "12/03/1971", "sex": "male", "home_province": "Phú Thọ",
            "ethnicity": "Kinh", "party_joined_on": "19/05/1995", "party_full_member_on": "19/05/1996",
            "education": "Thạc sĩ", "political_theory": "", "version": "1"}
    saved = client.post(f"/personnel/people/{person.pk}/correct/", form)
    assert saved.status_code == 302
    person.refresh_from_db()
    assert (person.party_joined_on, person.party_full_member_on, person.version) == (dt.date(1995, 5, 19), dt.date(1996, 5, 19), 2)
    stale = client.post(f"/personnel/people/{person.pk}/correct/", {**form, "education": "Tiến sĩ"})
    assert stale.status_code == 409 and "phiên bản 2, bạn có phiên bản 1" in stale.content.decode()
    refused = client.post(f"/personnel/people/{person.pk}/correct/", {**form, "party_full_member_on": "01/01/1990", "version": "2"},
                          HTTP_ACCEPT_LANGUAGE="vi")
    assert refused.status_code == 422
    assert "không được trước ngày vào Đảng" in refused.content.decode()
    person.refresh_from_db()
    assert (person.education, person.version) == ("Thạc sĩ", 2)


def test_a_leader_gets_no_correction_form_and_its_post_is_refused(client, files):
    from mandate.personnel.services import holding_record

    holding_record(actor=None, person=files["first"], position=files["vice"], starts_on=dt.date(2025, 7, 1))
    client.force_login(files["leader"])
    page = client.get(f"/personnel/people/{files['first'].pk}/")
    assert page.status_code == 200 and "/correct/" not in page.content.decode()
    refused = client.post(f"/personnel/people/{files['first'].pk}/correct/", {"full_name": "Ai đó", "birth_date": "12/03/1971",
                                                                          "sex": "male", "version": "1"})
    assert refused.status_code == 403
    assert Person.objects.get(pk=files["first"].pk).full_name == "Bùi Văn Quý"
