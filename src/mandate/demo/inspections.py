"""The inspection commissions' work in the demo: Hà Nội's 2026 programme of the 18th-term city party committee
(seed 000) with a dozen cases in every state, and Phú Thọ's supervision of the two-level government (seed 004).

From the seeds: seed 000's conference takes up "the inspection and supervision work of the city party committee" and
asks the commission to move "from inspection and handling to regular supervision, supervision from the start of
resolutions, directives and conclusions", and to settle the number and content of the inspections and supervisions of
2026, the first year of the 2025–2030 term; seed 004 has Phú Thọ's commission propose to the Standing Committee
stronger inspection and supervision of how the two-level local government runs. Everything else is the demo's: the
programmes' items, the cases and their dates, the teams, the findings and the recommendations. Every person here —
the teams, the denounced, the disciplined, the complainants and the denouncers — is fictional; no real official of
the seeds is named in a case.

Every write goes through the services (programme_adopt, case_open, case_step_record, case_extend, case_decline,
case_conclude, discipline_decide; person_create for the people of the register); the recommendations' tasks then live
their steps through the demo's Writer, each by the person who would take it.
"""
import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction

from mandate.audit.services import audit_record
from mandate.core import clock
from mandate.demo.users import People, commune_leader, people_ensure
from mandate.demo.dating import Story
from mandate.demo.writer import Actors, Step, TaskPlan, Writer
from mandate.documents.models import Document
from mandate.inspections import services as inspections
from mandate.inspections.discipline import discipline_decide
from mandate.inspections.models import Case, CaseEvent, CaseKind, DisciplineForm, Programme, TeamRole
from mandate.inspections.services import ItemSpec, RecommendationSpec
from mandate.orgs.models import Unit
from mandate.personnel.models import Person, Sex
from mandate.personnel.services import person_create
from mandate.tasks.models import Task, TaskEvent

D = dt.date
K = CaseKind
MARKER = "demo.inspections"
DEMO_NOTE = "Dữ liệu minh họa: nội dung, ngày tháng và nhân vật của cuộc kiểm tra, giám sát này là hư cấu."


@dataclass(frozen=True)
class PersonFact:
    """A fictional person of the register: a member of a team, or the target of a case."""

    key: str
    full_name: str
    birth_date: dt.date
    sex: str
    kept_by: str  # the unit keeping the dossier: its tier is the member's when no post is held
    full_member_on: dt.date


@dataclass(frozen=True)
class ItemFact:
    key: str
    kind: str
    subject: str
    quarter: int
    lead_body: str
    target_unit: str = ""
    period: str = ""


@dataclass(frozen=True)
class ProgrammeFact:
    key: str
    body: str
    year: int
    title: str
    issued_on: dt.date
    registrar: str
    items: tuple[ItemFact, ...]


@dataclass(frozen=True)
class RecommendationFact:
    title: str
    lead: str
    leader: str
    product: str
    deadline: dt.date
    steps: tuple[Step, ...] = ()


@dataclass(frozen=True)
class StepFact:
    code: str
    on: dt.date
    note: str = ""
    document_title: str = ""  # the decision (QĐ) of this step, registered with it


@dataclass(frozen=True)
class CaseFact:
    key: str
    kind: str
    body: str
    title: str
    opened_on: dt.date
    worker: str  # who records the steps: the commission's staff
    target_unit: str = ""
    target_person: str = ""
    subject: str = ""
    item: str = ""  # the programme item it carries out
    directive: str = ""  # a supervision from the start: the title of the directive of the register it follows
    team: tuple[tuple[str, str], ...] = ()  # (person key, role), named with the decision
    steps: tuple[StepFact, ...] = ()
    filer_name: str = ""
    filer_address: str = ""
    extension: tuple[int, str, dt.date] | None = None  # working days, reason, the day the denouncer was told
    declined: tuple[dt.date, str] | None = None
    conclusion: tuple[dt.date, str, str] | None = None  # notice date, notice title, findings
    recommendations: tuple[RecommendationFact, ...] = ()
    complaint_of: str = ""  # a complaint: the key of the case whose discipline it contests
    decision_received_on: dt.date | None = None
    outcome: str = ""


@dataclass(frozen=True)
class DisciplineFact:
    case: str
    body: str
    target_person: str
    form: str
    violation: str
    violation_on: dt.date
    decided_on: dt.date
    document_title: str


# ---- the people of the register (all fictional) ----

PEOPLE: tuple[PersonFact, ...] = (
    PersonFact("hn-vinh", "Trần Quang Vinh", D(1972, 3, 14), Sex.MALE, "01.TU.UBKT", D(1996, 5, 19)),
    PersonFact("hn-trang", "Nguyễn Thị Thu Trang", D(1981, 9, 2), Sex.FEMALE, "01.TU.UBKT", D(2006, 2, 3)),
    PersonFact("hn-duc", "Lê Minh Đức", D(1985, 11, 20), Sex.MALE, "01.TU.UBKT", D(2010, 9, 2)),
    PersonFact("hn-hang", "Phạm Thu Hằng", D(1988, 6, 7), Sex.FEMALE, "01.TU.UBKT", D(2013, 3, 26)),
    PersonFact("hn-nam", "Hoàng Văn Nam", D(1979, 1, 28), Sex.MALE, "01.TU.UBKT", D(2004, 12, 22)),
    # Denounced, disciplined, complaining: invented for the demo, like their offices' circumstances.
    PersonFact("hn-khai", "Đỗ Mạnh Khải", D(1976, 4, 11), Sex.MALE, "00070.DU", D(2001, 8, 19)),
    PersonFact("hn-nguyet", "Vũ Thị Minh Nguyệt", D(1983, 10, 5), Sex.FEMALE, "00235.DU", D(2009, 5, 19)),
    PersonFact("hn-long", "Trịnh Văn Long", D(1980, 8, 23), Sex.MALE, "00167.DU", D(2005, 11, 7)),
    PersonFact("pt-thang", "Bùi Văn Thắng", D(1974, 7, 30), Sex.MALE, "25.TU.UBKT", D(1998, 3, 3)),
    PersonFact("pt-lananh", "Đinh Thị Lan Anh", D(1986, 2, 17), Sex.FEMALE, "25.TU.UBKT", D(2011, 7, 1)),
    PersonFact("pt-hung", "Ngô Quốc Hưng", D(1990, 12, 9), Sex.MALE, "25.TU.UBKT", D(2016, 2, 3)),
)

# Ward party committees of Hà Nội the cases reach (codes of the 2025 territory) and the secretaries who answer for them.
WARDS = {"00070": "Phường Hoàn Kiếm", "00004": "Phường Ba Đình", "00167": "Phường Cầu Giấy", "00148": "Phường Long Biên",
         "00376": "Xã Sóc Sơn", "00235": "Phường Đống Đa", "07900": "Phường Việt Trì"}
UBKT_HN, UBKT_PT = "01.TU.UBKT", "25.TU.UBKT"
CHAIR_HN, CHAIR_PT = "chunhiem.ubkt.hanoi", "chunhiem.ubkt.phutho"
HN_TEAM = (("hn-vinh", TeamRole.HEAD), ("hn-trang", TeamRole.MEMBER), ("hn-duc", TeamRole.MEMBER))
PT_TEAM = (("pt-thang", TeamRole.HEAD), ("pt-lananh", TeamRole.MEMBER), ("pt-hung", TeamRole.MEMBER))
DIRECTIVE_HN = "Chương trình làm việc toàn khóa của Ban Chấp hành Đảng bộ thành phố khóa XVIII, nhiệm kỳ 2025–2030"
DIRECTIVE_PT = "Về việc triển khai thực hiện Kết luận số 178-KL/TW của Bộ Chính trị, Ban Bí thư"


def _preparation(decided: dt.date, decision: str, *, notice: bool = True) -> tuple[StepFact, ...]:
    """The decision (with its team), the plan and outline four days later, the notice to the target after eight."""
    steps = (StepFact("decision", decided, document_title=decision),
             StepFact("plan", decided + dt.timedelta(days=4), "Kế hoạch, đề cương gợi ý báo cáo được ban hành kèm quyết định."))
    return steps + ((StepFact("notice", decided + dt.timedelta(days=8), "Thông báo quyết định đến đối tượng."),) if notice else ())


# ---- Hà Nội: the 2026 programme of the 18th-term city party committee (seed 000) ----

HANOI_PROGRAMME = ProgrammeFact(
    key="hn-2026", body="01.TU", year=2026, issued_on=D(2025, 12, 5), registrar="vanphong.hanoi",
    title="Chương trình kiểm tra, giám sát năm 2026 của Ban Chấp hành Đảng bộ thành phố Hà Nội khóa XVIII",
    items=(
        ItemFact("decentralization", K.THEMATIC_SUPERVISION, "Giám sát việc lãnh đạo thực hiện phân cấp quản lý hạ tầng, "
                 "kinh tế – xã hội, nguồn thu, nhiệm vụ chi và thẩm quyền cho xã, phường theo Chương trình làm việc toàn "
                 "khóa", 1, UBKT_HN, "01.DU-UBND", "2025–2026"),
        ItemFact("regulation", K.THEMATIC_SUPERVISION, "Giám sát việc thực hiện Quy chế làm việc của Ban Chấp hành Đảng bộ "
                 "thành phố khóa XVIII", 2, UBKT_HN, "01.DU-HDND", "2026"),
        ItemFact("democracy-hk", K.THEMATIC_INSPECTION, "Kiểm tra việc thực hiện quy chế làm việc và nguyên tắc tập trung "
                 "dân chủ", 3, UBKT_HN, "00070.DU", "2025–2026"),
        ItemFact("democracy-bd", K.THEMATIC_INSPECTION, "Kiểm tra việc thực hiện quy chế làm việc và nguyên tắc tập trung "
                 "dân chủ", 3, UBKT_HN, "00004.DU", "2025–2026"),
        ItemFact("land", K.THEMATIC_INSPECTION, "Kiểm tra việc lãnh đạo quản lý, sử dụng đất đai, tài chính, tài sản công "
                 "sau sắp xếp đơn vị hành chính", 4, UBKT_HN, "00376.DU", "7/2025 – 9/2026"),
        ItemFact("finance", K.FINANCE, "Kiểm tra tài chính đảng: thu, chi ngân sách đảng, quản lý và sử dụng đảng phí, sổ "
                 "sách kế toán năm 2025", 2, UBKT_HN, "01.TU.VP", "2025"),
        ItemFact("lower-level", K.LOWER_LEVEL_WORK, "Kiểm tra việc thực hiện nhiệm vụ kiểm tra, giám sát và thi hành kỷ "
                 "luật trong Đảng của Đảng ủy phường sau sắp xếp", 4, UBKT_HN, "00148.DU", "7/2025 – 9/2026"),
        ItemFact("ideology", K.THEMATIC_SUPERVISION, "Giám sát việc lãnh đạo công tác tư tưởng, nắm tình hình dư luận xã "
                 "hội sau sắp xếp tổ chức bộ máy", 2, UBKT_HN, "01.TU.BTGDV", "2026"),
        ItemFact("waste", K.THEMATIC_INSPECTION, "Kiểm tra việc lãnh đạo thực hành tiết kiệm, chống lãng phí trong đầu tư "
                 "công", 4, UBKT_HN, "00235.DU", "2026"),
    ),
)

HANOI_CASES: tuple[CaseFact, ...] = (
    # Supervision from the start of a directive: the full-term programme, adopted at the conference of 25/11/2025.
    CaseFact(
        "hn-c1", K.THEMATIC_SUPERVISION, UBKT_HN, "Giám sát chuyên đề việc lãnh đạo thực hiện phân cấp cho xã, phường "
        "đối với Ban Thường vụ Đảng ủy Ủy ban nhân dân thành phố", D(2026, 1, 12), CHAIR_HN, target_unit="01.DU-UBND",
        item="decentralization", directive=DIRECTIVE_HN, team=HN_TEAM,
        subject="Giám sát từ sớm việc cụ thể hóa và tổ chức thực hiện các nhiệm vụ phân cấp của Chương trình làm việc "
                "toàn khóa. " + DEMO_NOTE,
        steps=(*_preparation(D(2026, 1, 12), "Quyết định giám sát chuyên đề đối với Ban Thường vụ Đảng ủy Ủy ban nhân "
                             "dân thành phố"),
               StepFact("self_report", D(2026, 3, 10), "Ban Thường vụ Đảng ủy UBND thành phố gửi báo cáo tự giám sát."),
               StepFact("supervision", D(2026, 4, 15), "Đoàn làm việc với các sở, ngành và 6 xã, phường."),
               StepFact("team_report", D(2026, 6, 5)), StepFact("conference", D(2026, 6, 12)),
               StepFact("conclusion", D(2026, 6, 19))),
        conclusion=(D(2026, 6, 26), "Thông báo kết quả giám sát chuyên đề đối với Ban Thường vụ Đảng ủy Ủy ban nhân dân "
                    "thành phố về việc lãnh đạo thực hiện phân cấp cho xã, phường",
                    "Ban Thường vụ Đảng ủy UBND thành phố đã lãnh đạo xây dựng dự thảo đề án phân cấp; tuy nhiên việc "
                    "ban hành đề án chậm so với hạn của chương trình, tờ trình về chính sách đột phá phải gia hạn; một số "
                    "xã, phường chưa được bố trí đủ nguồn lực để thực hiện nhiệm vụ được phân cấp."),
        recommendations=(
            RecommendationFact("Chỉ đạo hoàn thành việc ban hành quy định phân cấp quản lý hạ tầng, nguồn thu, nhiệm vụ "
                               "chi cho xã, phường; báo cáo kết quả về Ủy ban Kiểm tra Thành ủy", "01.DU-UBND",
                               "bithu.duubnd.hanoi", "Báo cáo kết quả thực hiện kết luận giám sát", D(2026, 9, 30),
                               (Step("report", percent=60, text="Đã trình Ủy ban nhân dân thành phố dự thảo quy định."),
                                Step("submit", on=D(2026, 9, 25)), Step("complete", on=D(2026, 9, 25)))),
            RecommendationFact("Kiểm điểm, làm rõ trách nhiệm tập thể, cá nhân để chậm ban hành đề án phân cấp so với "
                               "chương trình", "01.DU-UBND", "bithu.duubnd.hanoi", "Báo cáo kết quả kiểm điểm",
                               D(2026, 8, 31), (Step("report", percent=30, text="Đã tổ chức kiểm điểm tập thể; đang hoàn "
                                                     "thiện báo cáo kiểm điểm cá nhân."),)),
            RecommendationFact("Xây dựng cơ chế theo dõi, đánh giá định kỳ việc thực hiện nhiệm vụ được phân cấp tại xã, "
                               "phường", "01.DU-UBND", "bithu.duubnd.hanoi", "Quy chế theo dõi, đánh giá được ban hành",
                               D(2026, 12, 31), (Step("report", percent=40, text="Đã xây dựng dự thảo bộ tiêu chí đánh giá."),)),
        ),
    ),
    CaseFact(
        "hn-c2", K.THEMATIC_SUPERVISION, UBKT_HN, "Giám sát chuyên đề việc thực hiện Quy chế làm việc đối với Ban Thường "
        "vụ Đảng ủy Hội đồng nhân dân thành phố", D(2026, 4, 6), CHAIR_HN, target_unit="01.DU-HDND", item="regulation",
        team=(("hn-trang", TeamRole.HEAD), ("hn-hang", TeamRole.MEMBER)), subject=DEMO_NOTE,
        steps=(*_preparation(D(2026, 4, 6), "Quyết định giám sát chuyên đề đối với Ban Thường vụ Đảng ủy Hội đồng nhân dân "
                             "thành phố"),
               StepFact("self_report", D(2026, 5, 20)),
               StepFact("supervision", D(2026, 9, 15), "Đoàn giám sát làm việc trực tiếp; đang tổng hợp báo cáo.")),
    ),
    CaseFact(
        "hn-c3", K.THEMATIC_INSPECTION, UBKT_HN, "Kiểm tra việc thực hiện quy chế làm việc và nguyên tắc tập trung dân chủ "
        "đối với Ban Thường vụ Đảng ủy phường Hoàn Kiếm", D(2026, 7, 6), CHAIR_HN, target_unit="00070.DU",
        item="democracy-hk", team=(("hn-nam", TeamRole.HEAD), ("hn-duc", TeamRole.MEMBER)), subject=DEMO_NOTE,
        steps=(*_preparation(D(2026, 7, 6), "Quyết định kiểm tra đối với Ban Thường vụ Đảng ủy phường Hoàn Kiếm"),
               StepFact("self_report", D(2026, 8, 5)), StepFact("verification", D(2026, 8, 25)),
               StepFact("team_report", D(2026, 9, 15)), StepFact("conclusion", D(2026, 9, 25))),
        conclusion=(D(2026, 10, 2), "Thông báo kết luận kiểm tra đối với Ban Thường vụ Đảng ủy phường Hoàn Kiếm",
                    "Ban Thường vụ đã ban hành quy chế làm việc nhiệm kỳ 2025–2030 nhưng chưa quy định rõ trách nhiệm "
                    "của tập thể và người đứng đầu trong một số lĩnh vực; có việc thuộc thẩm quyền tập thể do cá nhân "
                    "quyết định."),
        recommendations=(
            RecommendationFact("Sửa đổi, bổ sung quy chế làm việc của Ban Chấp hành Đảng bộ phường nhiệm kỳ 2025–2030, "
                               "quy định rõ thẩm quyền của tập thể và người đứng đầu", "00070.DU", "bithu.00070",
                               "Quy chế làm việc sửa đổi được ban hành", D(2026, 11, 15),
                               (Step("report", percent=70, text="Dự thảo quy chế sửa đổi đã xin ý kiến các chi bộ."),)),
            RecommendationFact("Tổ chức kiểm điểm, rút kinh nghiệm việc thực hiện nguyên tắc tập trung dân chủ; báo cáo "
                               "Ủy ban Kiểm tra Thành ủy", "00070.DU", "bithu.00070", "Báo cáo kết quả kiểm điểm",
                               D(2026, 12, 20), (Step("report", percent=20, text="Đã xây dựng kế hoạch kiểm điểm."),)),
        ),
    ),
    CaseFact(
        "hn-c4", K.THEMATIC_INSPECTION, UBKT_HN, "Kiểm tra việc thực hiện quy chế làm việc và nguyên tắc tập trung dân chủ "
        "đối với Ban Thường vụ Đảng ủy phường Ba Đình", D(2026, 9, 7), CHAIR_HN, target_unit="00004.DU",
        item="democracy-bd", team=(("hn-trang", TeamRole.HEAD), ("hn-nam", TeamRole.MEMBER)), subject=DEMO_NOTE,
        steps=(*_preparation(D(2026, 9, 7), "Quyết định kiểm tra đối với Ban Thường vụ Đảng ủy phường Ba Đình"),
               StepFact("self_report", D(2026, 10, 5)),
               StepFact("verification", D(2026, 11, 10), "Đoàn đang thẩm tra, xác minh hồ sơ, tài liệu.")),
    ),
    CaseFact(
        "hn-c5", K.THEMATIC_INSPECTION, UBKT_HN, "Kiểm tra việc lãnh đạo quản lý, sử dụng đất đai, tài chính, tài sản công "
        "sau sắp xếp đối với Ban Thường vụ Đảng ủy xã Sóc Sơn", D(2026, 11, 16), CHAIR_HN, target_unit="00376.DU",
        item="land", team=(("hn-duc", TeamRole.HEAD), ("hn-hang", TeamRole.MEMBER)), subject=DEMO_NOTE,
        steps=_preparation(D(2026, 11, 16), "Quyết định kiểm tra đối với Ban Thường vụ Đảng ủy xã Sóc Sơn", notice=False),
    ),
    CaseFact(
        "hn-c6", K.FINANCE, UBKT_HN, "Kiểm tra tài chính đảng năm 2025 tại Văn phòng Thành ủy", D(2026, 4, 13), CHAIR_HN,
        target_unit="01.TU.VP", item="finance", team=(("hn-hang", TeamRole.HEAD), ("hn-duc", TeamRole.MEMBER)),
        subject=DEMO_NOTE,
        steps=(*_preparation(D(2026, 4, 13), "Quyết định kiểm tra tài chính đảng tại Văn phòng Thành ủy"),
               StepFact("self_report", D(2026, 5, 4)), StepFact("ledger_check", D(2026, 5, 18)),
               StepFact("verification", D(2026, 5, 25)), StepFact("team_report", D(2026, 6, 8)),
               StepFact("conclusion", D(2026, 6, 15))),
        conclusion=(D(2026, 6, 19), "Thông báo kết luận kiểm tra tài chính đảng năm 2025 tại Văn phòng Thành ủy",
                    "Thu, chi ngân sách đảng cơ bản đúng quy định; sổ theo dõi thu, nộp đảng phí của một số chi bộ sau "
                    "hợp nhất chưa được chuyển giao đầy đủ."),
        recommendations=(
            RecommendationFact("Hoàn thiện việc bàn giao, điều chỉnh sổ sách theo dõi thu, nộp đảng phí của các chi bộ "
                               "sau hợp nhất", "01.TU.VP", "chanhvanphong.hanoi", "Sổ sách đảng phí được điều chỉnh",
                               D(2026, 7, 31), (Step("submit", on=D(2026, 7, 20)), Step("complete", on=D(2026, 7, 20)))),
        ),
    ),
    CaseFact(
        "hn-c7", K.LOWER_LEVEL_WORK, UBKT_HN, "Kiểm tra việc thực hiện nhiệm vụ kiểm tra, giám sát và thi hành kỷ luật "
        "trong Đảng của Đảng ủy phường Long Biên", D(2026, 11, 23), CHAIR_HN, target_unit="00148.DU", item="lower-level",
        team=(("hn-nam", TeamRole.HEAD), ("hn-trang", TeamRole.MEMBER)), subject=DEMO_NOTE,
        steps=(StepFact("decision", D(2026, 11, 23), document_title="Quyết định kiểm tra đối với Đảng ủy phường Long Biên"),),
    ),
    # A denunciation received in January 2026: 90 working days of the project's calendar, across Tết Bính Ngọ.
    CaseFact(
        "hn-c8", K.DENUNCIATION, UBKT_HN, "Giải quyết tố cáo đối với đồng chí Đỗ Mạnh Khải, đảng viên Đảng bộ phường "
        "Hoàn Kiếm", D(2026, 1, 5), CHAIR_HN, target_person="hn-khai", filer_name="Nguyễn Văn Thành",
        filer_address="Tổ dân phố số 5, phường Hoàn Kiếm, thành phố Hà Nội",
        subject="Tố cáo thiếu trách nhiệm trong quản lý đất đai tại tổ dân phố. " + DEMO_NOTE,
        team=(("hn-vinh", TeamRole.HEAD), ("hn-nam", TeamRole.MEMBER)),
        steps=(StepFact("received", D(2026, 1, 5)), StepFact("accepted", D(2026, 1, 9), "Đơn có họ tên, địa chỉ người tố cáo; "
                                                                                   "thuộc thẩm quyền giải quyết."),
               *_preparation(D(2026, 1, 19), "Quyết định thành lập Đoàn kiểm tra giải quyết tố cáo đối với đồng chí Đỗ "
                             "Mạnh Khải"),
               StepFact("explanation", D(2026, 3, 5)), StepFact("verification", D(2026, 4, 10)),
               StepFact("team_report", D(2026, 4, 24)), StepFact("conference", D(2026, 5, 4)),
               StepFact("conclusion", D(2026, 5, 8))),
        conclusion=(D(2026, 5, 12), "Thông báo kết luận giải quyết tố cáo đối với đồng chí Đỗ Mạnh Khải",
                    "Nội dung tố cáo đúng một phần: đồng chí Đỗ Mạnh Khải thiếu trách nhiệm trong lãnh đạo, chỉ đạo quản "
                    "lý đất đai, để xảy ra sai phạm trong việc xác nhận nguồn gốc đất tại tổ dân phố."),
    ),
    CaseFact(
        "hn-c9", K.COMPLAINT, "01.TU.BTV", "Giải quyết khiếu nại kỷ luật của đồng chí Đỗ Mạnh Khải", D(2026, 6, 10),
        CHAIR_HN, target_person="hn-khai", filer_name="Đỗ Mạnh Khải", complaint_of="hn-c8",
        decision_received_on=D(2026, 5, 22), subject=DEMO_NOTE, team=(("hn-vinh", TeamRole.HEAD), ("hn-hang", TeamRole.MEMBER)),
        steps=(StepFact("received", D(2026, 6, 10)), StepFact("accepted", D(2026, 6, 15)),
               *_preparation(D(2026, 6, 22), "Quyết định thành lập Tổ công tác giải quyết khiếu nại kỷ luật của đồng chí "
                             "Đỗ Mạnh Khải", notice=False),
               StepFact("verification", D(2026, 7, 15)), StepFact("team_report", D(2026, 7, 29)),
               StepFact("conference", D(2026, 8, 5)), StepFact("conclusion", D(2026, 8, 10))),
        conclusion=(D(2026, 8, 14), "Thông báo kết quả giải quyết khiếu nại kỷ luật của đồng chí Đỗ Mạnh Khải",
                    "Quyết định kỷ luật cảnh cáo đúng người, đúng vi phạm, đúng thẩm quyền; giữ nguyên hình thức kỷ luật."),
        outcome="kept",
    ),
    CaseFact(
        "hn-c10", K.DENUNCIATION, UBKT_HN, "Giải quyết đơn tố cáo liên quan đến bồi thường, tái định cư tại phường Đống Đa",
        D(2026, 9, 10), CHAIR_HN, target_person="hn-nguyet", filer_name="Lê Thị Hoa",
        filer_address="Ngõ 12, phường Đống Đa, thành phố Hà Nội", subject=DEMO_NOTE,
        steps=(StepFact("received", D(2026, 9, 10)),),
        declined=(D(2026, 9, 18), "Nội dung đơn là khiếu nại về bồi thường, hỗ trợ tái định cư, thuộc thẩm quyền của chính "
                                  "quyền; đã hướng dẫn người gửi đơn đến cơ quan có thẩm quyền."),
    ),
    CaseFact(
        "hn-c11", K.DENUNCIATION, UBKT_HN, "Giải quyết tố cáo đối với đồng chí Vũ Thị Minh Nguyệt, đảng viên Đảng bộ "
        "phường Đống Đa", D(2026, 7, 20), CHAIR_HN, target_person="hn-nguyet", filer_name="Phạm Văn Đức",
        filer_address="Tổ dân phố số 9, phường Đống Đa, thành phố Hà Nội", subject=DEMO_NOTE,
        team=(("hn-duc", TeamRole.HEAD), ("hn-hang", TeamRole.MEMBER)),
        steps=(StepFact("received", D(2026, 7, 20)), StepFact("accepted", D(2026, 7, 24)),
               *_preparation(D(2026, 8, 3), "Quyết định thành lập Đoàn kiểm tra giải quyết tố cáo đối với đồng chí Vũ Thị "
                             "Minh Nguyệt"),
               StepFact("explanation", D(2026, 9, 10)),
               StepFact("verification", D(2026, 10, 20), "Cần xác minh thêm tại hai cơ quan liên quan.")),
        extension=(30, "Nội dung tố cáo phức tạp, cần xác minh thêm tại các cơ quan liên quan.", D(2026, 11, 12)),
    ),
    CaseFact(
        "hn-c12", K.VIOLATION_ORGANIZATION, UBKT_HN, "Kiểm tra khi có dấu hiệu vi phạm đối với Ban Thường vụ Đảng ủy phường "
        "Cầu Giấy trong lãnh đạo quản lý trật tự xây dựng", D(2026, 10, 12), CHAIR_HN, target_unit="00167.DU",
        team=(("hn-vinh", TeamRole.HEAD), ("hn-trang", TeamRole.MEMBER)), subject=DEMO_NOTE,
        steps=(*_preparation(D(2026, 10, 12), "Quyết định kiểm tra khi có dấu hiệu vi phạm đối với Ban Thường vụ Đảng ủy "
                             "phường Cầu Giấy"),
               StepFact("self_report", D(2026, 11, 9))),
    ),
    CaseFact(
        "hn-c13", K.VIOLATION_MEMBER, UBKT_HN, "Kiểm tra khi có dấu hiệu vi phạm đối với đồng chí Trịnh Văn Long, đảng viên "
        "Đảng bộ phường Cầu Giấy", D(2026, 11, 25), CHAIR_HN, target_person="hn-long",
        team=(("hn-nam", TeamRole.HEAD), ("hn-duc", TeamRole.MEMBER)),
        subject="Dấu hiệu vi phạm trong việc kê khai tài sản, thu nhập. " + DEMO_NOTE,
        steps=(StepFact("decision", D(2026, 11, 25), document_title="Quyết định kiểm tra khi có dấu hiệu vi phạm đối với "
                        "đồng chí Trịnh Văn Long"),),
    ),
)

HANOI_DISCIPLINE = DisciplineFact(
    case="hn-c8", body=UBKT_HN, target_person="hn-khai", form=DisciplineForm.WARNING,
    violation="Thiếu trách nhiệm trong lãnh đạo, chỉ đạo quản lý đất đai, để xảy ra sai phạm trong việc xác nhận nguồn gốc "
              "đất tại tổ dân phố (nhân vật và vụ việc hư cấu của dữ liệu minh họa).",
    violation_on=D(2024, 10, 15), decided_on=D(2026, 5, 20),
    document_title="Quyết định thi hành kỷ luật đảng viên đối với đồng chí Đỗ Mạnh Khải")

# ---- Phú Thọ: the supervision of the two-level local government (seed 004) ----

PHUTHO_PROGRAMME = ProgrammeFact(
    key="pt-2025", body=UBKT_PT, year=2025, issued_on=D(2025, 8, 12), registrar=CHAIR_PT,
    title="Chương trình kiểm tra, giám sát năm 2025 của Ủy ban Kiểm tra Tỉnh ủy Phú Thọ (bổ sung sau hợp nhất tỉnh)",
    items=(
        ItemFact("two-level", K.THEMATIC_SUPERVISION, "Giám sát việc lãnh đạo tổ chức, vận hành chính quyền địa phương hai "
                 "cấp theo Công văn số 01-CV/TU của Ban Thường vụ Tỉnh ủy", 3, UBKT_PT, "25.DU-UBND", "7–12/2025"),
        ItemFact("vietri", K.THEMATIC_SUPERVISION, "Giám sát việc tổ chức, vận hành chính quyền địa phương hai cấp tại "
                 "phường Việt Trì", 4, UBKT_PT, "07900.DU", "7–12/2025"),
        ItemFact("handover", K.FINANCE, "Kiểm tra việc bàn giao tài chính, tài sản, sổ sách đảng phí khi hợp nhất các đảng "
                 "bộ", 4, UBKT_PT, "25.TU.VP", "2025"),
    ),
)

PHUTHO_CASES: tuple[CaseFact, ...] = (
    CaseFact(
        "pt-c1", K.THEMATIC_SUPERVISION, UBKT_PT, "Giám sát chuyên đề việc lãnh đạo tổ chức, vận hành chính quyền địa phương "
        "hai cấp đối với Ban Thường vụ Đảng ủy Ủy ban nhân dân tỉnh", D(2025, 8, 18), CHAIR_PT, target_unit="25.DU-UBND",
        item="two-level", directive=DIRECTIVE_PT, team=PT_TEAM, subject=DEMO_NOTE,
        steps=(*_preparation(D(2025, 8, 18), "Quyết định giám sát chuyên đề đối với Ban Thường vụ Đảng ủy Ủy ban nhân dân "
                             "tỉnh"),
               StepFact("self_report", D(2025, 9, 22)),
               StepFact("supervision", D(2025, 10, 14), "Đoàn làm việc tại Trung tâm phục vụ hành chính công tỉnh và 5 xã, "
                                                        "phường."),
               StepFact("team_report", D(2025, 10, 31)), StepFact("conference", D(2025, 11, 6)),
               StepFact("conclusion", D(2025, 11, 10))),
        conclusion=(D(2025, 11, 14), "Thông báo kết quả giám sát chuyên đề việc lãnh đạo tổ chức, vận hành chính quyền địa "
                    "phương hai cấp đối với Ban Thường vụ Đảng ủy Ủy ban nhân dân tỉnh",
                    "Bộ máy mới vận hành cơ bản thông suốt; việc bố trí công chức chuyên môn và quy chế phối hợp giữa các "
                    "sở, ngành với cấp xã trong giải quyết thủ tục hành chính còn chậm; việc phân bổ biên chế cấp xã phải "
                    "gia hạn."),
        recommendations=(
            RecommendationFact("Chỉ đạo hoàn thiện quy chế phối hợp giữa các sở, ngành với Ủy ban nhân dân cấp xã trong "
                               "giải quyết thủ tục hành chính", "25.DU-UBND", "bithu.duubnd.phutho",
                               "Quy chế phối hợp được ban hành", D(2026, 1, 31),
                               (Step("submit", on=D(2026, 1, 28)), Step("complete", on=D(2026, 1, 28)))),
            RecommendationFact("Rà soát, bố trí đủ công chức chuyên môn cho các xã, phường còn thiếu theo vị trí việc làm",
                               "25.DU-UBND", "bithu.duubnd.phutho", "Báo cáo kết quả bố trí công chức cấp xã",
                               D(2026, 12, 31), (Step("report", percent=60, text="Đã bố trí bổ sung cho 41/58 xã, phường."),)),
        ),
    ),
    CaseFact(
        "pt-c2", K.THEMATIC_SUPERVISION, UBKT_PT, "Giám sát việc tổ chức, vận hành chính quyền địa phương hai cấp đối với "
        "Ban Thường vụ Đảng ủy phường Việt Trì", D(2025, 11, 24), CHAIR_PT, target_unit="07900.DU", item="vietri",
        directive=DIRECTIVE_PT, team=(("pt-lananh", TeamRole.HEAD), ("pt-hung", TeamRole.MEMBER)), subject=DEMO_NOTE,
        steps=(*_preparation(D(2025, 11, 24), "Quyết định giám sát đối với Ban Thường vụ Đảng ủy phường Việt Trì"),
               StepFact("self_report", D(2025, 12, 22)), StepFact("supervision", D(2026, 1, 20)),
               StepFact("team_report", D(2026, 2, 27)), StepFact("conclusion", D(2026, 3, 10))),
        conclusion=(D(2026, 3, 13), "Thông báo kết quả giám sát việc tổ chức, vận hành chính quyền địa phương hai cấp đối "
                    "với Ban Thường vụ Đảng ủy phường Việt Trì",
                    "Phường đã kiện toàn bộ máy, vận hành Trung tâm phục vụ hành chính công; quy trình giải quyết một số "
                    "thủ tục chưa được công khai đầy đủ."),
        recommendations=(
            RecommendationFact("Công khai đầy đủ quy trình, thời hạn giải quyết thủ tục hành chính tại Trung tâm phục vụ "
                               "hành chính công phường", "07900.DU", "bithu.07900", "Quy trình được niêm yết, công khai",
                               D(2026, 5, 31), (Step("submit", on=D(2026, 5, 20)), Step("complete", on=D(2026, 5, 20)))),
        ),
    ),
)

ALL_CASES = (*HANOI_CASES, *PHUTHO_CASES)


@dataclass
class Built:
    cases: int = 0
    recommendations: int = 0
    by_key: dict[str, Case] = field(default_factory=dict)


def inspections_present() -> bool:
    return Programme.objects.filter(body__code=HANOI_PROGRAMME.body, year=HANOI_PROGRAMME.year).exists()


def inspections_build(*, people: People, story: Story | None = None) -> Built:
    """Write the programmes, the cases with their steps, the conclusions and their recommendations, the discipline;
    each step noted in `story` at its day (the caller dates the records with `story.date_records()`)."""
    story = story or Story()
    units = {u.code: u for u in Unit.objects.filter(code__in=_codes())}
    people = people_ensure([commune_leader(code=code, name=name) for code, name in WARDS.items()], people=people)
    built = Built()
    with transaction.atomic():
        register = {fact.key: _person(fact, units) for fact in PEOPLE}
        items = {}
        for programme in (HANOI_PROGRAMME, PHUTHO_PROGRAMME):
            with story.at(programme.issued_on, hour=8):
                adopted = inspections.programme_adopt(
                    actor=people[programme.registrar], body=units[programme.body], year=programme.year,
                    title=programme.title, issued_on=programme.issued_on,
                    items=[ItemSpec(kind=i.kind, subject=i.subject, quarter=i.quarter, lead_body=units[i.lead_body],
                                    target_unit=units[i.target_unit], period=i.period) for i in programme.items])
            for fact, item in zip(programme.items, adopted.items.order_by("position"), strict=True):
                items[fact.key] = item
        directives = {d.title: d for d in Document.objects.filter(registered=True, title__in=[DIRECTIVE_HN, DIRECTIVE_PT])}
        writer = Writer(actors=_actors(people), story=story)
        for fact in ALL_CASES:
            case = _case(fact, people=people, units=units, register=register, items=items, directives=directives,
                         built=built, story=story)
            if fact.conclusion is not None:
                built.recommendations += _live_recommendations(case, fact, writer)
            if fact.key == HANOI_DISCIPLINE.case:
                with story.at(HANOI_DISCIPLINE.decided_on, hour=15):
                    _discipline(HANOI_DISCIPLINE, case=case, people=people, units=units, register=register)
        audit_record(actor=None, action=MARKER, object_type="demo", object_id="inspections",
                     after={"cases": built.cases, "recommendations": built.recommendations})
    return built


def _codes() -> set[str]:
    codes = {UBKT_HN, UBKT_PT, "01.TU", "01.TU.BTV", *(p.kept_by for p in PEOPLE)}
    for programme in (HANOI_PROGRAMME, PHUTHO_PROGRAMME):
        codes |= {programme.body, *(i.lead_body for i in programme.items), *(i.target_unit for i in programme.items)}
    for fact in ALL_CASES:
        codes |= {fact.body, *([fact.target_unit] if fact.target_unit else [])}
    return codes


def _person(fact: PersonFact, units: dict[str, Unit]) -> Person:
    existing = Person.objects.filter(full_name=fact.full_name, birth_date=fact.birth_date).first()
    return existing or person_create(actor=None, full_name=fact.full_name, birth_date=fact.birth_date, sex=fact.sex,
                                     kept_by=units[fact.kept_by], party_joined_on=fact.full_member_on - dt.timedelta(days=365),
                                     party_full_member_on=fact.full_member_on)


def _case(fact: CaseFact, *, people: People, units, register, items, directives, built: Built, story: Story) -> Case:
    # The commission's chair records its own cases; a complaint is settled by the Standing Committee, whose staff the
    # demo has no login for: the system records what they did.
    actor = people[fact.worker] if fact.body in (UBKT_HN, UBKT_PT) else None
    contested = built.by_key[fact.complaint_of].discipline_decisions.get() if fact.complaint_of else None
    opening = story.mark()
    case = inspections.case_open(
        actor=actor, kind=fact.kind,
        body=units[fact.body], title=fact.title, opened_on=fact.opened_on,
        target_unit=units[fact.target_unit] if fact.target_unit else None,
        target_person=register[fact.target_person] if fact.target_person else None, subject=fact.subject,
        programme_item=items.get(fact.item), directive=directives.get(fact.directive),
        filer_name=fact.filer_name, filer_address=fact.filer_address, contested=contested,
        decision_received_on=fact.decision_received_on)
    story.since(opening, fact.opened_on, hour=8)
    for step in fact.steps:
        team = [(register[key], role) for key, role in fact.team] if step.code == "decision" else []
        with story.at(step.on):
            inspections.case_step_record(actor=actor, case=case, step=step.code, done_on=step.on, note=step.note,
                                         document_title=step.document_title, team=team)
        case.refresh_from_db()
    if fact.extension is not None:
        days, reason, informed_on = fact.extension
        with story.at(informed_on):
            case = inspections.case_extend(actor=actor, case=case, working_days=days, reason=reason,
                                           denouncer_informed_on=informed_on)
        CaseEvent.objects.filter(case=case, kind="extended").update(on=informed_on)
    if fact.declined is not None:
        on, reason = fact.declined
        with story.at(on):
            case = inspections.case_decline(actor=actor, case=case, on=on, reason=reason)
    if fact.conclusion is not None:
        notice_on, notice_title, findings = fact.conclusion
        # The system issues the notice: its recommendations keep the notice's date as the day they were assigned.
        concluding = story.mark()
        case = inspections.case_conclude(
            actor=None, case=case, done_on=notice_on, notice_title=notice_title, findings=findings,
            outcome=fact.outcome,
            recommendations=[RecommendationSpec(title=r.title, lead_unit=r.lead, leader=r.leader, product=r.product,
                                                deadline=r.deadline) for r in fact.recommendations])
        story.since(concluding, notice_on, hour=8)
    # The timeline tells the story on its dates, not on the day the demo was built.
    for event in CaseEvent.objects.filter(case=case):
        CaseEvent.objects.filter(pk=event.pk).update(at=dt.datetime.combine(event.on, dt.time(9), tzinfo=clock.VIETNAM))
    built.cases += 1
    built.by_key[fact.key] = case
    return case


def _actors(people: People) -> Actors:
    """The lead unit's secretary reports and submits; the commission's chair accepts the result."""
    leaders = {r.lead: r.leader for fact in ALL_CASES for r in fact.recommendations}
    chairs = {UBKT_HN: CHAIR_HN, UBKT_PT: CHAIR_PT}
    return Actors(users=people.by_username, lead=lambda code: leaders.get(code), decide=lambda code: chairs.get(code),
                  register=lambda code: None)


def _live_recommendations(case: Case, fact: CaseFact, writer: Writer) -> int:
    tasks = list(Task.objects.filter(inspection_recommendation__case=case).order_by("inspection_recommendation__position"))
    for task, recommendation in zip(tasks, fact.recommendations, strict=True):
        TaskEvent.objects.filter(task=task).update(at=dt.datetime.combine(task.assigned_on, dt.time(8), tzinfo=clock.VIETNAM))
        writer.live(task, TaskPlan(title=task.title, lead=recommendation.lead, leader=recommendation.leader,
                                   product=task.product, deadline=task.deadline, steps=list(recommendation.steps)))
    return len(tasks)


def _discipline(fact: DisciplineFact, *, case: Case, people: People, units, register) -> None:
    discipline_decide(actor=people[CHAIR_HN], body=units[fact.body], form=fact.form, violation=fact.violation,
                      violation_on=fact.violation_on, decided_on=fact.decided_on, target_person=register[fact.target_person],
                      case=case, document_title=fact.document_title)
