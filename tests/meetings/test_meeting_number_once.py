"""One "lần thứ 3" per body and term: a second meeting with the same number is refused naming the number."""
import datetime as dt

import pytest
from django.utils import translation

from mandate.core.errors import DomainError
from mandate.meetings.models import Meeting
from mandate.meetings.services import meeting_create
from mandate.orgs.models import Unit

pytestmark = pytest.mark.django_db


def test_a_second_third_meeting_of_one_committee_is_refused(make_user):
    secretariat = make_user("specialist", "25.TU")
    body = Unit.objects.get(code="25.TU.BCH")
    day = dt.date(2025, 11, 25)
    first = meeting_create(actor=secretariat, body=body, number=3, title="Hội nghị lần thứ ba", starts_on=day)
    with pytest.raises(DomainError) as refusal, translation.override("vi"):
        meeting_create(actor=secretariat, body=body, number=3, title="Hội nghị lần thứ ba (lặp)",
                       starts_on=day + dt.timedelta(days=30))
    assert [(e.field, e.code) for e in refusal.value.errors] == [("number", "duplicate")]
    assert "lần thứ 3" in refusal.value.errors[0].reason
    assert list(Meeting.objects.filter(body=body).values_list("pk", flat=True)) == [first.pk]
    fourth = meeting_create(actor=secretariat, body=body, number=4, title="Hội nghị lần thứ tư", starts_on=day)
    assert fourth.number == 4
    unnumbered = [meeting_create(actor=secretariat, body=body, title="Hội nghị chuyên đề", starts_on=day) for _ in range(2)]
    assert all(m.number is None for m in unnumbered)
