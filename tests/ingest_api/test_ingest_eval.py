"""`mandate ingest-eval`: the reader scored against the confirmed readings, per language; a confidential one only
for those cleared for its level."""
import io
import json

import pytest
from django.core.management import call_command
from django.utils import translation

from mandate.core.errors import PermissionDenied

pytestmark = pytest.mark.django_db

VI = ("Giao Sở Xây dựng chủ trì lập quy hoạch chung đô thị, hoàn thành trước ngày 30/6/2026. "
      "Sở Tài chính bố trí kinh phí thực hiện.")
EN = "The Department of Construction is requested to submit the plan before 20 July 2026."


def _task(assignee: str, deadline: str | None) -> dict:
    return {"assignee": assignee, "coordinators": [], "deadline": deadline, "deadline_raw": None}


@pytest.fixture
def examples(make_user):
    """Two confirmed readings: the Vietnamese one with a task the reader misses (the police), the English one with
    the deadline the clerk corrected (end of July); the second document is confidential (level 2)."""
    from mandate.ingest import review, services
    from tests.factories import a_document

    clerk = make_user("specialist", "25.TU")
    made = []
    for text, language, tasks, secrecy in (
            (VI, "vi", [_task("Sở Xây dựng", "2026-06-30"), _task("Sở Tài chính", None), _task("Công an tỉnh", "2026-07-31")], 0),
            (EN, "en", [_task("The Department of Construction", "2026-07-31")], 2)):
        document = a_document(secrecy=secrecy)
        labels = services.ReviewLabels(language=language, proposal=review.proposal_labels(review.reading(text, language)),
                                       confirmed={"title": "", "references": [], "tasks": tasks})
        made.append(services.example_record(actor=clerk, document=document, text=text, labels=labels))
    return made


def _eval(*args) -> dict:
    out = io.StringIO()
    call_command("ingest-eval", "--json", *args, stdout=out)
    return json.loads(out.getvalue())


def test_two_examples_give_the_scorers_figures_per_language(examples):
    result = _eval()

    vi, en, every = result["languages"]["vi"], result["languages"]["en"], result["all"]
    assert (vi["docs"], vi["tasks_gold"], vi["tasks_predicted"], vi["tasks_matched"]) == (1, 3, 2, 2)
    assert (vi["tasks_precision"], round(vi["tasks_recall"], 3), round(vi["tasks_f1"], 3)) == (1.0, 0.667, 0.8)
    assert (vi["deadline_acc"], vi["deadlines_scored"]) == (1.0, 1)  # the pair with no deadline on either side says nothing
    assert (en["tasks_f1"], en["deadline_acc"], en["deadlines_scored"]) == (1.0, 0.0, 1)
    assert (every["docs"], every["tasks_precision"], every["tasks_recall"]) == (2, 1.0, 0.75)
    assert (round(every["tasks_f1"], 3), every["deadline_acc"], every["refs_f1"]) == (0.857, 0.5, 1.0)


def test_since_and_clearance_narrow_the_examples(examples):
    from mandate.ingest.models import LabeledExample

    LabeledExample.objects.filter(pk=examples[0].pk).update(created_at="2020-01-01T00:00:00Z")

    assert list(_eval("--since", "2021-01-01")["languages"]) == ["en"]
    assert list(_eval("--clearance", "0")["languages"]) == ["vi"]
    out = io.StringIO()
    with translation.override("vi"):
        call_command("ingest-eval", "--clearance", "1", "--since", "2021-01-01", stdout=out)
    assert out.getvalue().strip() == "Chưa có lượt đọc đã xác nhận nào để chấm."


def test_the_confidential_example_is_not_shown_to_an_uncleared_user(examples, make_user):
    from mandate.ingest.selectors import labeled_examples

    uncleared = make_user("specialist", "25.TU", username="khongmat")
    cleared = make_user("specialist", "25.TU", username="comat", clearance=2)

    assert list(labeled_examples(user=uncleared)) == [examples[0]]
    assert list(labeled_examples(user=cleared)) == examples
    assert list(_eval("--user", "khongmat")["languages"]) == ["vi"]
    assert list(_eval("--user", "comat")["languages"]) == ["en", "vi"]
    with pytest.raises(PermissionDenied):
        list(labeled_examples(user=make_user(username="nobody")))


def test_the_lines_name_each_language_and_the_whole(examples):
    out = io.StringIO()
    call_command("ingest-eval", "--language", "en", stdout=out)

    lines = out.getvalue().splitlines()
    assert [line.split(":")[0] for line in lines] == ["en", "vi", "all"]
    assert "tasks precision 1.000, recall 0.750, F1 0.857; deadlines 0.500" in lines[2]
