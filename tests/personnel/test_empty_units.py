"""A unit left empty (an empty code) in a request that needs one is a refusal naming the field (422), in the reader's
language, not a server error: schemathesis found POST /people and /positions answering 500."""
import pytest
from django.utils import translation

from mandate.personnel.models import Person, Position


@pytest.mark.parametrize("path,body,field", [
    ("/people", {"full_name": "Nguyễn Văn An", "birth_date": "1980-01-01", "sex": "male", "kept_by": ""}, "kept_by"),
    ("/positions", {"unit": "", "kind": "staff"}, "unit"),
    ("/personnel/staffing", {"unit": "", "year": 2025, "quota": 3}, "unit"),
])
def test_an_empty_unit_is_refused_naming_the_field(files, api, path, body, field):
    people, positions = Person.objects.count(), Position.objects.count()
    api.login(files["organizer"])
    answer = api.post(path, body, HTTP_ACCEPT_LANGUAGE="vi")
    assert answer.status_code == 422
    assert [(e["field"], e["code"]) for e in answer.json()["errors"]] == [(field, "required")]
    with translation.override("vi"):
        assert answer.json()["errors"][0]["reason"] == translation.gettext("is required") != "is required"
    assert (Person.objects.count(), Position.objects.count()) == (people, positions)
