"""A reorganization carries posts: the people of a closing unit's posts go on to a successor's post when they all fit,
else they are listed to be arranged — before applying (the preview, page and API) and after (the handovers); every
answer as of the day before stays; revert restores every row."""
import datetime as dt

import pytest

from mandate.core.errors import Conflict, DomainError
from mandate.orgs.models import Unit
from mandate.personnel.models import Holding, Position
from mandate.personnel.selectors import holders_as_of
from mandate.personnel.titles import Title
from mandate.reorganizations import services as reorg
from mandate.reorganizations.models import Reorganization
from mandate.reorganizations.selectors import posts_to_arrange, reorganization_preview
from tests.reorganizations.posts_helpers import a_holder, a_post, personnel_snapshot
from tests.reorganizations.reorganization_helpers import a_department, snapshot

pytestmark = pytest.mark.django_db

DAY = dt.date(2025, 9, 1)


def _answers(units: list[Unit], day: dt.date) -> dict:
    return {unit.code: sorted(holders_as_of(unit=unit, as_of=day).values_list("id", "person_id", "position_id"))
            for unit in units}


@pytest.fixture
def two_departments(freeze):
    freeze(dt.date(2025, 8, 20))
    merged, survivor = a_department("Sở Thử Nhập"), a_department("Sở Thử Còn")
    posts = {
        "director": a_post(merged, Title.HEAD, "Giám đốc Sở"), "deputy": a_post(merged, Title.DEPUTY_HEAD, "Phó Giám đốc Sở", 2),
        "staff": a_post(merged, Title.STAFF, "Chuyên viên", 5), "vacant": a_post(merged, Title.DIVISION_HEAD, "Trưởng phòng Tổng hợp"),
        "their_director": a_post(survivor, Title.HEAD, "Giám đốc Sở"),
        "their_deputy": a_post(survivor, Title.DEPUTY_HEAD, "Phó Giám đốc Sở", 3),
    }
    holders = {
        "director": a_holder(posts["director"], name="Lê Văn Sáp"),
        "deputy": a_holder(posts["deputy"], name="Phạm Thị Nhập", kind="acting", ends_on=dt.date(2026, 1, 1)),
        "staff": [a_holder(posts["staff"]) for _ in range(2)],
        "their_director": a_holder(posts["their_director"], name="Đỗ Văn Còn"),
        "their_deputy": a_holder(posts["their_deputy"]),
    }
    return merged, survivor, posts, holders


def test_a_merger_carries_the_people_who_fit_and_lists_the_others_to_be_arranged(two_departments):
    merged, survivor, posts, holders = two_departments
    event = reorg.reorganization_prepare(actor=None, kind="merge", effective_on=DAY, predecessors=[merged], successors=[survivor])
    plan = reorganization_preview(reorganization_id=event.pk).posts
    outcomes = {move.holding.person.full_name: (move.outcome, move.landing.title if move.landing else None) for move in plan.moves}
    assert outcomes["Lê Văn Sáp"] == ("arrange", "Giám đốc Sở")  # the survivor's director keeps his seat
    assert outcomes["Phạm Thị Nhập"] == ("carried", "Phó Giám đốc Sở")  # two of three seats free
    assert {o for name, o in outcomes.items() if name.startswith("Cán bộ")} == {("carried", "Chuyên viên")}
    before = _answers([merged, survivor], DAY - dt.timedelta(days=1))
    state, people = snapshot(), personnel_snapshot()

    reorg.reorganization_apply(actor=None, reorganization=event)

    assert not Position.objects.filter(unit=merged, valid_to__isnull=True).exists()
    opened = Position.objects.get(unit=survivor, title="Chuyên viên", valid_to__isnull=True)
    assert (opened.valid_from, opened.seats, opened.predecessor_id, opened.reorganization_id) == (DAY, 5, posts["staff"].pk, event.pk)
    assert Position.objects.get(unit=survivor, title="Trưởng phòng Tổng hợp").holdings.count() == 0  # carried, vacant
    carried = Holding.objects.get(carried_from=holders["deputy"])
    assert (carried.position_id, carried.kind, carried.starts_on, carried.ends_on) == (
        posts["their_deputy"].pk, "acting", DAY, dt.date(2026, 1, 1))
    holders["deputy"].refresh_from_db()
    assert holders["deputy"].ends_on == DAY
    assert [h.person.full_name for h in posts_to_arrange(unit_ids=[merged.pk])] == ["Lê Văn Sáp"]
    assert _answers([merged, survivor], DAY - dt.timedelta(days=1)) == before
    on_day = {h.person.full_name for h in holders_as_of(unit=survivor, as_of=DAY)}
    assert "Phạm Thị Nhập" in on_day and "Đỗ Văn Còn" in on_day and "Lê Văn Sáp" not in on_day

    reorg.reorganization_revert(actor=None, reorganization=Reorganization.objects.get(pk=event.pk))
    assert (snapshot(), personnel_snapshot()) == (state, people)


def test_chairs_of_merged_units_all_wait_for_the_decision_that_places_them(freeze):
    freeze(dt.date(2025, 8, 20))
    first, second = a_department("Sở Thử Một"), a_department("Sở Thử Hai")
    for unit in (first, second):
        a_holder(a_post(unit, Title.COMMITTEE_CHAIR, f"Chủ tịch {unit.name}"))
    spec = {"code": "25.UBND.TMOI", "name": "Sở Thử Mới", "kind": "department", "tier": "province",
            "parent": Unit.objects.get(code="25.UBND")}
    event = reorg.reorganization_prepare(actor=None, kind="merge", effective_on=DAY, predecessors=[first, second],
                                         successors=[spec["code"]], new_units=[spec])
    preview = reorganization_preview(reorganization_id=event.pk)
    (landing,) = preview.posts.landings
    assert (landing.title, landing.seats, landing.target, len(landing.moves), landing.fits) == ("Chủ tịch Sở Thử Mới", 1, None, 2, False)
    assert preview.totals()["position"] == 2 and preview.can_apply

    reorg.reorganization_apply(actor=None, reorganization=event)

    opened = Position.objects.get(unit__code="25.UBND.TMOI")
    assert opened.title == "Chủ tịch Sở Thử Mới" and not opened.holdings.exists()  # vacant until a decision fills it
    assert len(posts_to_arrange(unit_ids=[first.pk, second.pk])) == 2


def test_a_split_needs_a_destination_for_each_post_and_applies_once_chosen(freeze):
    freeze(dt.date(2025, 8, 20))
    source = a_department("Sở Thử Tách")
    post = a_post(source, Title.HEAD, "Giám đốc Sở")
    a_holder(post)
    specs = [{"code": f"25.UBND.TT{i}", "name": f"Sở Thử Tách {i}", "kind": "department", "tier": "province",
              "parent": Unit.objects.get(code="25.UBND")} for i in (1, 2)]
    event = reorg.reorganization_prepare(actor=None, kind="split", effective_on=DAY, predecessors=[source],
                                         successors=[s["code"] for s in specs], new_units=specs)
    people = personnel_snapshot()
    with pytest.raises(Conflict) as refused:
        reorg.reorganization_apply(actor=None, reorganization=event)
    assert f"destinations.position.{post.pk}" in {error.field for error in refused.value.errors}
    assert personnel_snapshot() == people

    event = reorg.reorganization_destinations_set(actor=None, reorganization=event, destinations=[("position", post.pk, "25.UBND.TT2")])
    reorg.reorganization_apply(actor=None, reorganization=event)
    assert Holding.objects.get(position__unit__code="25.UBND.TT2").starts_on == DAY


def test_a_dissolution_without_successor_lists_its_people_to_be_arranged(freeze):
    freeze(dt.date(2025, 8, 20))
    gone = a_department("Sở Thử Giải thể")
    holding = a_holder(a_post(gone, Title.DEPUTY_HEAD, "Phó Giám đốc Sở"))
    event = reorg.reorganization_prepare(actor=None, kind="dissolve", effective_on=DAY, predecessors=[gone])
    preview = reorganization_preview(reorganization_id=event.pk)
    assert preview.can_apply and [move.reason for move in preview.posts.to_arrange] == ["no_successor"]
    reorg.reorganization_apply(actor=None, reorganization=event)
    (waiting,) = posts_to_arrange(unit_ids=[gone.pk])
    assert (waiting.holding_id, waiting.to_holding) == (holding.pk, None)


def test_a_revert_is_refused_once_a_post_it_opened_was_given_to_someone(freeze):
    freeze(dt.date(2025, 8, 20))
    merged, survivor = a_department("Sở Thử A"), a_department("Sở Thử B")
    a_holder(a_post(merged, Title.STAFF, "Chuyên viên", 3))
    event = reorg.reorganization_prepare(actor=None, kind="merge", effective_on=DAY, predecessors=[merged], successors=[survivor])
    reorg.reorganization_apply(actor=None, reorganization=event)
    a_holder(Position.objects.get(unit=survivor, title="Chuyên viên"), starts_on=dt.date(2025, 9, 15), name="Người Đến Sau")
    people = personnel_snapshot()
    with pytest.raises(Conflict) as refused:
        reorg.reorganization_revert(actor=None, reorganization=Reorganization.objects.get(pk=event.pk))
    assert any(error.code == "later_personnel" and "Người Đến Sau" in error.reason for error in refused.value.errors)
    assert personnel_snapshot() == people


def test_a_holder_who_starts_after_the_event_in_a_closing_post_refuses_it(freeze):
    freeze(dt.date(2025, 8, 20))
    merged, survivor = a_department("Sở Thử C"), a_department("Sở Thử D")
    a_holder(a_post(merged, Title.HEAD, "Giám đốc Sở"), starts_on=dt.date(2025, 9, 10))
    with pytest.raises(DomainError) as refused:
        reorg.reorganization_prepare(actor=None, kind="merge", effective_on=DAY, predecessors=[merged], successors=[survivor])
    assert [(error.field, error.code) for error in refused.value.errors] == [("positions", "later_change")]
    assert not Reorganization.objects.exists() or not Reorganization.objects.filter(links__predecessor=merged).exists()


def test_the_preview_page_and_api_show_the_posts_and_who_is_to_be_arranged(two_departments, client, api, make_user):
    merged, survivor, _posts, _holders = two_departments
    event = reorg.reorganization_prepare(actor=None, kind="merge", effective_on=DAY, predecessors=[merged], successors=[survivor])
    admin = make_user("system_admin", "VN")
    client.force_login(admin)
    html = client.get(f"/reorganizations/{event.pk}/").content.decode()
    assert "Lê Văn Sáp" in html and 'id="posts"' in html
    body = api.login(admin).get(f"/reorganizations/{event.pk}/preview").json()["posts"]
    assert (body["positions"], body["carried"], body["to_arrange"]) == (4, 3, 1)
    assert [p["person"] for p in body["people"] if p["outcome"] == "arrange"] == ["Lê Văn Sáp"]
    assert body["handed"] is None
    reorg.reorganization_apply(actor=None, reorganization=event)
    handed = api.get(f"/reorganizations/{event.pk}/preview").json()["posts"]["handed"]
    assert sorted((row["person"], row["outcome"]) for row in handed if not row["person"].startswith("Cán bộ")) == [
        ("Lê Văn Sáp", "arrange"), ("Phạm Thị Nhập", "carried")]
    assert "Lê Văn Sáp" in client.get(f"/reorganizations/{event.pk}/").content.decode()
