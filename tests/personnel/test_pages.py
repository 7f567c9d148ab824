"""The cadre pages: each opens for the organization committee's staff, forms take names, the event form checks
before it applies, a record's opening through the pages is logged, and a viewer is kept out of personal data."""
import datetime as dt

from mandate.personnel.models import Holding, PersonnelEvent, RecordOpening
from mandate.personnel.services import holding_record


def test_every_cadre_page_opens_for_the_organization_committee(client, files):
    holding_record(actor=None, person=files["second"], position=files["chair_new"], starts_on=dt.date(2025, 7, 1))
    client.force_login(files["organizer"])
    for path in ["/personnel/", "/personnel/?unit=25.UBND&vacant=1", "/personnel/positions/new/",
                 f"/personnel/positions/{files['chair_new'].pk}/", "/personnel/people/", "/personnel/people/?q=tran",
                 "/personnel/people/new/", f"/personnel/people/{files['second'].pk}/", "/personnel/events/",
                 "/personnel/events/new/", "/personnel/staffing/?unit=25&year=2025", "/personnel/planning/?unit=25.TU",
                 "/personnel/my-posts/", "/personnel/people/search/?q=tran", "/personnel/positions/search/?q=chu+tich",
                 "/personnel/decisions/search/?q=qd"]:
        response = client.get(path)
        assert response.status_code == 200, path
    assert "Trần Duy Đức" in client.get("/personnel/?unit=Ủy ban nhân dân tỉnh Phú Thọ").content.decode()
    assert RecordOpening.objects.filter(person=files["second"], channel="page", viewer=files["organizer"]).count() == 1


def test_the_event_form_checks_then_applies_with_names(client, files):
    client.force_login(files["organizer"])
    decision = files["decision"](issued_on=dt.date(2025, 7, 20))
    form = {"kind": "designation", "person": "Bùi Văn Quý — 1971", "position": "Phó Chủ tịch UBND tỉnh Phú Thọ — Ủy ban nhân dân tỉnh Phú Thọ",
            "document": decision.number_text, "effective_on": "01/08/2025", "dossier_received_on": "15/07/2025"}
    checked = client.post("/personnel/events/new/", {**form, "action": "check"})
    assert checked.status_code == 200 and "Bùi Văn Quý" in checked.content.decode()
    assert PersonnelEvent.objects.count() == 0
    applied = client.post("/personnel/events/new/", {**form, "action": "apply"})
    assert applied.status_code == 200
    assert Holding.objects.get(position=files["vice"]).person == files["first"]


def test_a_refused_event_says_the_rule_next_to_the_form(client, files):
    client.force_login(files["organizer"])
    decision = files["decision"](issued_on=dt.date(2025, 7, 20))
    form = {"kind": "designation", "person": "Bùi Văn Quý", "position": "Phó Chủ tịch UBND tỉnh Phú Thọ",
            "document": decision.number_text, "effective_on": "01/08/2025", "action": "apply"}
    refused = client.post("/personnel/events/new/", form)
    assert refused.status_code == 422 and PersonnelEvent.objects.count() == 0


def test_a_viewer_cannot_open_a_record_nor_the_forms(client, files):
    client.force_login(files["viewer"])
    assert client.get(f"/personnel/people/{files['first'].pk}/").status_code == 404
    assert client.get("/personnel/events/new/").status_code == 403
    assert "Bùi Văn Quý" not in client.get("/personnel/people/?q=bui").content.decode()
    assert RecordOpening.objects.count() == 0
