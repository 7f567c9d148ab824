"""The demo's periodic reports, indicator sets and ratings (issue 19), built through the reviews services.

- Seed 002: the organization committees of emulation cluster No. 2 (14 provinces and cities, 2024) report their first
  half of 2024 to the Central Organization Committee under a six-monthly regime (15 December to 14 June, due by
  20 June); Bắc Ninh's committee, the host of the cluster's conference, writes its report in full; eleven send on
  time, two late, one not at all; the receiver's own report rolls up what they sent.
- Seed 003: Đắk Lắk's People's Committee reports the second quarter of 2025 to the provincial party committee, with
  the growth target of 8 % or more for 2025 that the 31st conference set, against the value reported in June.
- Seed 004: Phú Thọ's indicator set for its communes (Decision 766/QĐ-TTg groups, Decree 224/2026 online rates), given
  to every commune, with the values of a few.
- A year-end 2025 rating of the party committees of twelve Phú Thọ communes by the provincial party committee, the
  quota of "excellent" applied (the second 90-point committee is decided "good"), and of five fictional cadres.

Figures marked as illustrative are the demo's own, not the seeds'.
"""
import datetime as dt
from collections.abc import Callable
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from mandate.audit.services import audit_record
from mandate.core.errors import DomainError
from mandate.demo.dating import Story
from mandate.monitoring.models import KpiTarget
from mandate.monitoring.selectors import child_units
from mandate.monitoring.services import kpi_actual_report, kpi_target_create
from mandate.orgs.models import Term, Unit, UnitKind
from mandate.reviews import services
from mandate.reviews.models import ReportRegime

D = dt.date
REGIME_2024 = "Báo cáo sơ kết công tác tổ chức xây dựng Đảng 6 tháng"
CLUSTER_2 = ("old-31", "old-37", "20", "old-24", "22", "old-27", "old-30", "old-33", "old-36", "old-34", "old-35",
             "38", "40", "42")
HOST = "old-27"  # Bắc Ninh hosted the cluster's conference (seed 002)
LATE = {"old-30": D(2024, 6, 24), "old-35": D(2024, 7, 1)}
MISSING = "old-36"
ILLUSTRATIVE = "Số liệu minh họa của bản demo."
FICTIONAL_CADRES = (  # fictional people: no rating of a real person
    ("Nguyễn Minh Khang", "Trưởng phòng Tổ chức cơ sở đảng (nhân vật minh họa)", "92", True),
    ("Trần Thu Hà", "Phó Trưởng phòng Cán bộ (nhân vật minh họa)", "84", False),
    ("Lê Quốc Bảo", "Chuyên viên Phòng Đảng viên (nhân vật minh họa)", "78", False),
    ("Phạm Ngọc Lan", "Chuyên viên Phòng Tổ chức cơ sở đảng (nhân vật minh họa)", "88", False),
    ("Hoàng Văn Tùng", "Chuyên viên Phòng Cán bộ (nhân vật minh họa)", "63", False),
)


def present() -> bool:
    return ReportRegime.objects.filter(title=REGIME_2024).exists()


def build(*, log: Callable[[str], None] = lambda message: None, story: Story | None = None) -> None:
    """Build the reports, indicators and ratings of the demo, once; each step noted in `story` at its day (the caller
    dates the records with `story.date_records()`)."""
    if present():
        return
    story = story or Story()
    with transaction.atomic():
        with story.at(D(2024, 6, 18)):
            _seed_002(story)
        with story.at(D(2025, 6, 10)):
            _seed_003(story)
        with story.at(D(2026, 6, 30)):
            _indicators_phutho()
        with story.at(D(2025, 12, 15)):
            _ratings_phutho()
    log(_("Reports and ratings: the first half of 2024 of cluster No. 2, Đắk Lắk's second quarter of 2025, "
          "Phú Thọ's commune indicators and the year-end ratings of 2025."))


def _term_of_committee(board: Unit) -> None:
    """A committee's advisory board numbers its papers within the committee's term (the territory loads terms for
    the committees only): the demo opens the same term for the board."""
    if Term.objects.filter(unit=board).exists():
        return
    committee = Unit.objects.get(code=board.code.rsplit(".", 1)[0])
    for term in Term.objects.filter(unit=committee):
        created = Term.objects.create(unit=board, name=term.name, starts_on=term.starts_on, ends_on=term.ends_on)
        audit_record(actor=None, action="term.open", obj=created,
                     after={"unit": board.code, "name": term.name, "starts_on": term.starts_on})


def _seed_002(story: Story) -> None:
    boards = [Unit.objects.get(code=f"{code}.TU.BTC") for code in CLUSTER_2]
    for board in boards:
        _term_of_committee(board)
    receiver = Unit.objects.get(code="VN.TW.BTC")
    _term_of_committee(receiver)
    regime = services.regime_create(
        actor=None, receiver=receiver, title=REGIME_2024, frequency="six_monthly", reporters=boards,
        contents="Kết quả công tác tổ chức xây dựng Đảng; nhiệm vụ được giao và tiến độ thực hiện; đề xuất, kiến nghị.")
    for board in boards:
        province = board.code.split(".")[0]
        if province == MISSING:
            continue
        report = services.report_draft(actor=None, regime=regime, unit=board, period="2024-H1")
        if province == HOST:
            services.report_edit(
                actor=None, report=report,
                summary="Sáu tháng đầu năm 2024, Ban Tổ chức Tỉnh ủy tham mưu Ban Thường vụ Tỉnh ủy triển khai đồng bộ "
                        "các nhiệm vụ công tác tổ chức xây dựng Đảng; chuẩn bị nhân sự đại hội đảng bộ các cấp nhiệm kỳ "
                        "2025–2030. " + ILLUSTRATIVE,
                results="Hoàn thành kiện toàn tổ chức bộ máy theo kế hoạch; rà soát, bổ sung quy hoạch cán bộ.",
                shortcomings="Tiến độ một số nhiệm vụ về sắp xếp đơn vị hành chính còn chậm so với kế hoạch.",
                next_tasks="Tập trung chuẩn bị nhân sự đại hội; tiếp tục thực hiện Nghị quyết số 18-NQ/TW.",
                proposals="Đề nghị Ban Tổ chức Trung ương sớm ban hành hướng dẫn về công tác nhân sự đại hội.")
        with story.at(LATE.get(province, D(2024, 6, 18)), hour=15):
            services.report_issue(actor=None, report=report, issued_on=LATE.get(province, D(2024, 6, 18)),
                                  signer="Trưởng Ban Tổ chức Tỉnh ủy")
    services.report_draft(actor=None, regime=regime, unit=receiver, period="2024-H1")  # the roll-up, a draft


def _seed_003(story: Story) -> None:
    committee, people = Unit.objects.get(code="old-66.TU"), Unit.objects.get(code="old-66.UBND")
    regime = services.regime_create(actor=None, receiver=committee, title="Báo cáo quý về phát triển kinh tế - xã hội",
                                    frequency="quarterly", reporters=[people])
    target = KpiTarget.objects.filter(unit=people, indicator="Tốc độ tăng trưởng kinh tế (GRDP) năm 2025").first()
    if target is None:
        target = kpi_target_create(actor=None, unit=people, indicator="Tốc độ tăng trưởng kinh tế (GRDP) năm 2025",
                                   period_start=D(2025, 1, 1), period_end=D(2025, 12, 31), comparison="gte",
                                   target=Decimal(8), measure="%")
    kpi_actual_report(actor=None, target=target, value=Decimal("6.7"), reported_on=D(2025, 6, 10),
                      note="Ước tăng trưởng 6 tháng đầu năm. " + ILLUSTRATIVE)
    report = services.report_draft(actor=None, regime=regime, unit=people, period="2025-Q2")
    services.report_edit(actor=None, report=report,
                         summary="Triển khai Kết luận Hội nghị lần thứ 31 (mở rộng) Ban Chấp hành Đảng bộ tỉnh: kịch bản "
                                 "tăng trưởng năm 2025 đạt 8 % trở lên, chương trình công tác quý II.",
                         proposals="Đề nghị Ban Thường vụ Tỉnh ủy chỉ đạo tháo gỡ vướng mắc giải ngân vốn đầu tư công.")
    with story.at(D(2025, 6, 19), hour=15):
        services.report_issue(actor=None, report=report, issued_on=D(2025, 6, 19), signer="Chủ tịch Ủy ban nhân dân tỉnh")


def _indicators_phutho() -> None:
    province = Unit.objects.get(code="25")
    year = D(2026, 1, 1)
    indicator_set = services.indicator_set_create(
        actor=None, owner=province, title="Chỉ số chuyển đổi số, phục vụ người dân cấp xã năm 2026",
        period_start=year, period_end=D(2026, 12, 31), indicators=[
            {"group": "openness", "name": "Tỷ lệ thủ tục hành chính công khai đầy đủ, đúng hạn", "target": "100", "measure": "%"},
            {"group": "on_time", "name": "Tỷ lệ hồ sơ giải quyết đúng hạn", "target": "98", "measure": "%"},
            {"group": "digitised", "name": "Tỷ lệ số hóa hồ sơ, kết quả giải quyết", "target": "90", "measure": "%"},
            {"group": "online_rates", "name": "Tỷ lệ dịch vụ công trực tuyến toàn trình", "target": "80", "measure": "%"},
            {"group": "online_rates", "name": "Tỷ lệ hồ sơ nộp trực tuyến", "target": "70", "measure": "%"},
            {"group": "satisfaction", "name": "Mức độ hài lòng của người dân, doanh nghiệp", "target": "90", "measure": "%"},
        ])
    communes = child_units(unit=province, as_of=D(2026, 6, 30), kind=UnitKind.COMMUNE)
    services.indicator_set_apply(actor=None, indicator_set=indicator_set, units=communes)
    values = (("100", "97.5", "92", "84", "71", "91"), ("95", "99", "76", "62", "58", "88"),
              ("100", "98.2", "90", "80", "70.5", "93"), ("88", "93", "64", "55", "49", "85"))
    names = [indicator.name for indicator in indicator_set.indicators.all()]
    for commune, row in zip(communes[:len(values)], values, strict=True):
        for name, value in zip(names, row, strict=True):
            services.indicator_value_report(actor=None, indicator_set=indicator_set, unit=commune, indicator=name,
                                            value=Decimal(value), reported_on=D(2026, 6, 30))


def _ratings_phutho() -> None:
    organization = Unit.objects.get(code="25.TU")
    communes = child_units(unit=Unit.objects.get(code="25"), as_of=D(2025, 12, 15), kind=UnitKind.COMMUNE)[:12]
    scores = ("94", "91", "86", "84", "82", "80", "78", "76", "72", "66", "58", "47")
    reviews = []
    for commune, score in zip(communes, scores, strict=True):
        committee = Unit.objects.get(code=f"{commune.code}.DU")
        review = services.review_self_assess(actor=None, subject_kind="collective", unit=committee,
                                             organization=organization, period_kind="year", period="2025",
                                             general_points=Decimal(score) * 30 / 100, task_points=Decimal(score) * 70 / 100,
                                             note=ILLUSTRATIVE)
        reviews.append(services.review_appraise(actor=None, review=review, appraised_points=score))
    for name, position, score, _first in FICTIONAL_CADRES:
        review = services.review_self_assess(actor=None, subject_kind="individual", unit=Unit.objects.get(code="25.TU.BTC"),
                                             organization=organization, period_kind="year", period="2025",
                                             person_name=name, person_position=position,
                                             general_points=Decimal(score) * 30 / 100, task_points=Decimal(score) * 70 / 100)
        reviews.append(services.review_appraise(actor=None, review=review, appraised_points=score))
    collectives = reviews[:len(communes)]
    # The appraisal proposes "excellent" for the two committees at 90 or more, but seven are rated "good": one fifth
    # of seven, rounded down, is one. The quota refuses the proposal, and the decision gives the second "good".
    try:
        services.reviews_decide(actor=None, organization=organization, decisions=[(r, None) for r in collectives],
                                note="Quyết định xếp loại năm 2025.")
    except DomainError:
        services.reviews_decide(actor=None, organization=organization,
                                decisions=[(r, "good" if i == 1 else None) for i, r in enumerate(collectives)],
                                note="Quyết định xếp loại năm 2025; áp dụng tỷ lệ hoàn thành xuất sắc không quá 20 %.")
    services.reviews_decide(actor=None, organization=organization,
                            decisions=[(r, "good" if r.appraised_level == "excellent" and i > 0 else None)
                                       for i, r in enumerate(reviews[len(communes):])])
