"""/api/v1/positions, /people, /personnel-events and /personnel as a contract: filters, dry runs, refusals naming the
field and the rule, the read log."""
import datetime as dt

from mandate.personnel.models import Holding, PersonnelEvent, RecordOpening
from mandate.personnel.services import holding_record

STEPS = [{"kind": "leadership", "held_on": "2025-06-02", "convened": 9, "present": 9},
         {"kind": "enlarged_leadership", "held_on": "2025-06-05", "convened": 30, "present": 25, "votes_for": 18},
         {"kind": "leadership", "held_on": "2025-06-09", "convened": 9, "present": 8, "votes_for": 7},
         {"kind": "key_cadres", "held_on": "2025-06-12", "convened": 60, "present": 45, "votes_for": 40},
         {"kind": "leadership", "held_on": "2025-06-16", "convened": 9, "present": 9, "votes_for": 8}]


def test_positions_as_of_and_vacant(files, api):
    holding_record(actor=None, person=files["first"], position=files["chair_old"], starts_on=dt.date(2021, 6, 1), ends_on=dt.date(2025, 7, 1))
    holding_record(actor=None, person=files["second"], position=files["chair_new"], starts_on=dt.date(2025, 7, 1))
    api.login(files["viewer"])
    eve = api.get("/positions", unit="old-25.UBND", as_of="2025-06-30").json()["items"]
    assert [(p["title"], [h["name"] for h in p["holders"]]) for p in eve] == [("Chủ tịch UBND tỉnh Phú Thọ", ["Bùi Văn Quý"])]
    day = api.get("/positions", unit="25.UBND", as_of="2025-07-01").json()["items"]
    assert [(p["title"], p["state"], [h["name"] for h in p["holders"]]) for p in day] == [
        ("Chủ tịch UBND tỉnh Phú Thọ", "held", ["Trần Duy Đức"]), ("Phó Chủ tịch UBND tỉnh Phú Thọ", "empty", [])]
    vacant = api.get("/positions", unit="25", subtree="true", vacant="true", as_of="2025-07-01").json()["items"]
    assert {p["title"] for p in vacant} == {"Phó Chủ tịch UBND tỉnh Phú Thọ", "Chuyên viên"}
    assert vacant[0]["vacant_since"] is not None or vacant[1]["vacant_since"] is not None


def test_people_are_found_without_diacritics_by_those_who_may_see_them(files, api):
    api.login(files["organizer"])
    assert [p["full_name"] for p in api.get("/people", q="tran duy duc").json()["items"]] == ["Trần Duy Đức"]
    api.login(files["viewer"])
    assert api.get("/people", q="tran").json()["items"] == []
    assert api.get(f"/people/{files['second'].pk}").status_code == 404


def test_opening_a_record_is_logged_and_the_log_is_the_administrators(files, api, make_user):
    api.login(files["organizer"])
    assert api.get(f"/people/{files['first'].pk}").json()["birth_date"] == "1971-03-12"
    opening = RecordOpening.objects.get()
    assert (opening.viewer, opening.person, opening.channel) == (files["organizer"], files["first"], "api")
    assert api.get("/personnel/record-openings").status_code == 403
    api.login(make_user(is_superuser=True, username="quantri"))
    log = api.get("/personnel/record-openings").json()["items"]
    assert [(row["viewer"], row["person_name"], row["channel"]) for row in log] == [("btc_phutho", "Bùi Văn Quý", "api")]


def _event(files, **fields):
    return {"kind": "appointment", "person": files["first"].pk, "position": files["vice"].pk,
            "document_id": files["decision"](issued_on=dt.date(2025, 7, 20)).pk, "effective_on": "2025-08-01",
            "dossier_received_on": "2025-06-01", "internal": True, "steps": STEPS, **fields}


def test_a_dry_run_answers_the_changes_and_every_broken_rule(files, api):
    api.login(files["organizer"])
    answer = api.post("/personnel-events", _event(files, dry_run=True, steps=STEPS[:4]))
    assert answer.status_code == 200
    body = answer.json()
    assert body["applied"] is False and body["event"] is None
    assert [(e["field"], e["code"]) for e in body["errors"]] == [("steps", "procedure")]
    assert [(c["action"], c["person"], c["position"]) for c in body["changes"]] == [("open", "Bùi Văn Quý", "Phó Chủ tịch UBND tỉnh Phú Thọ")]
    assert PersonnelEvent.objects.count() == 0


def test_create_applies_and_a_refusal_names_the_rule(files, api):
    api.login(files["organizer"])
    refused = api.post("/personnel-events", _event(files, steps=STEPS[:4]))
    assert refused.status_code == 422
    assert [(e["field"], e["code"]) for e in refused.json()["errors"]] == [("steps", "procedure")]
    assert not Holding.objects.filter(position=files["vice"]).exists()
    applied = api.post("/personnel-events", _event(files))
    assert applied.status_code == 201 and applied.json()["event"]["kind"] == "appointment"
    assert Holding.objects.get(position=files["vice"]).person == files["first"]


def test_the_api_refuses_a_viewer_and_unknown_references(files, api):
    api.login(files["viewer"])
    assert api.post("/personnel-events", _event(files)).status_code == 404  # the record is not theirs to open
    api.login(files["organizer"])
    unknown = api.post("/personnel-events", _event(files, position=999999))
    assert (unknown.status_code, unknown.json()["errors"][0]["field"]) == (422, "position")
    bad_kind = api.post("/personnel-events", _event(files, kind="promotion"))
    assert (bad_kind.status_code, bad_kind.json()["errors"][0]["field"]) == (422, "kind")


def test_staffing_and_the_path_to_the_quota(files, api):
    api.login(files["organizer"])
    api.post("/personnel/staffing", {"unit": "25.UBND", "year": 2025, "quota": 150, "headcount": 210})
    answer = api.post("/personnel/staffing", {"unit": "25.UBND", "year": 2026, "quota": 150, "headcount": 200}).json()
    assert (answer["headcount"], answer["surplus"], answer["baseline"], answer["target"]) == (200, 50, 210, 150)
    assert answer["path"] == [[2026, 198], [2027, 186], [2028, 174], [2029, 162], [2030, 150]]
    rolled = api.get("/personnel/staffing", unit="25", year=2026).json()
    assert (rolled["total"]["quota"], rolled["total"]["headcount"]) == (150, 200)
    api.login(files["viewer"])
    assert api.get("/personnel/staffing", unit="25", year=2026).status_code == 403


def test_one_question_finds_the_chair_of_phu_tho_before_and_after_the_merger(files, api):
    holding_record(actor=None, person=files["first"], position=files["chair_old"], starts_on=dt.date(2021, 6, 1), ends_on=dt.date(2025, 7, 1))
    holding_record(actor=None, person=files["second"], position=files["chair_new"], starts_on=dt.date(2025, 7, 1))
    api.login(files["viewer"])

    def chair_on(day):
        items = api.get("/positions", kind="committee_chair", q="chu tich ubnd tinh phu tho", as_of=day).json()["items"]
        return [(p["unit"], [h["name"] for h in p["holders"]]) for p in items]

    assert chair_on("2025-06-30") == [("old-25.UBND", ["Bùi Văn Quý"])]
    assert chair_on("2025-07-01") == [("25.UBND", ["Trần Duy Đức"])]
