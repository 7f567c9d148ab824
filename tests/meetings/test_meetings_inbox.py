"""The opinions a meeting's secretariat and leaders have still to answer wait in their inbox (issue 16, item 4)."""
import pytest

from mandate.inbox.selectors import inbox_of
from mandate.meetings.models import Opinion

from .test_meetings import opinion

pytestmark = pytest.mark.django_db


def _opinions(user) -> list[int]:
    section = next(s for s in inbox_of(user=user) if s.key == "opinions")
    return [e.opinion_id for e in section.entries]


def test_an_opinion_waits_for_the_bodys_writers_until_it_is_answered(api, conference):
    people = conference["people"]
    api.login(people["delegate"])
    given = opinion(api, conference, text="Đề nghị họp hai tháng một lần.").json()
    assert _opinions(people["leader"]) == [given["id"]]
    assert _opinions(people["secretariat"]) == [given["id"]]
    assert _opinions(people["delegate"]) == []  # a delegate gives opinions, never answers them
    assert _opinions(people["outsider"]) == []  # another province's staff
    entry = next(s for s in inbox_of(user=people["leader"]) if s.key == "opinions").entries[0]
    assert entry.url == f"/meetings/{conference['meeting']['id']}/responses/#opinion-{given['id']}"
    api.login(people["leader"])
    api.post(f"{conference['path']}/opinions/{given['id']}/response", {"disposition": "accepted", "version": 1})
    assert Opinion.objects.get(pk=given["id"]).disposition == "accepted"
    assert _opinions(people["leader"]) == []
