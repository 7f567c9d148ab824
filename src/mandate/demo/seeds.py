"""Facts of the five seed reports, restated in Vietnamese as data for the demo.

Each fact says where it comes from. Where a report gives no date (most deadlines, some issue dates),
the demo sets one and the task's description says so: such dates are the demo's, not the source's.
Documents that belong to a committee of the demo are registered; the ones they cite from elsewhere
are kept as unregistered references, so the chain from resolution to result stays whole.
"""
import datetime as dt
from dataclasses import dataclass, field

from mandate.accounts.models import Role
from mandate.demo.writer import Relation, Step, TaskPlan
from mandate.orgs.models import Tier, UnitKind

D = dt.date
DEMO_DEADLINE = "Hạn này do dữ liệu minh họa đặt; bài báo nguồn không nêu hạn."
DEMO_DATE = "Ngày ban hành do dữ liệu minh họa ước định; bài báo nguồn không nêu ngày."


@dataclass(frozen=True)
class UnitFact:
    """A body the seeds name that the territory lacks."""

    code: str
    name: str
    kind: str
    tier: str
    parent: str
    short_name: str = ""
    issuer_code: str = ""
    valid_from: dt.date | None = None


@dataclass(frozen=True)
class Outcome:
    """What became of a task: submitted and accepted on `completed_on`, extended, or still open with a report."""

    completed_on: dt.date | None = None
    extended_to: dt.date | None = None
    extension_reason: str = ""
    progress: int | None = None
    report: str = ""

    def steps(self) -> list[Step]:
        """The steps the writer takes to bring a new task to this outcome."""
        steps = []
        if self.extended_to:
            steps.append(Step("extend", to=self.extended_to, text=self.extension_reason))
        if self.progress is not None:
            steps.append(Step("report", percent=self.progress, text=self.report))
        if self.completed_on:
            steps += [Step("submit", on=self.completed_on), Step("complete", on=self.completed_on)]
        return steps


@dataclass(frozen=True)
class TaskFact:
    title: str
    lead: str
    leader: str
    product: str
    deadline: dt.date | None = None
    recurrence: str = ""
    coordinators: tuple[str, ...] = ()
    description: str = ""
    outcome: Outcome = Outcome()

    def plan(self) -> TaskPlan:
        return TaskPlan(title=self.title, lead=self.lead, leader=self.leader, product=self.product, deadline=self.deadline,
                        recurrence=self.recurrence, coordinators=self.coordinators, description=self.description,
                        steps=self.outcome.steps())


@dataclass(frozen=True)
class DocumentFact:
    key: str
    issuing_unit: str
    type: str
    issued_on: dt.date
    title: str
    registrar: str
    source: str
    number: str | None = None
    signer: str = ""
    relations: tuple[Relation, ...] = ()
    tasks: tuple[TaskFact, ...] = ()
    text: str = ""


@dataclass(frozen=True)
class ClusterFact:
    code: str
    name: str
    year: int | None
    members: tuple[str, ...]


@dataclass(frozen=True)
class PersonFact:
    """A leader the seeds name, with the body they led when the report was written."""

    username: str
    full_name: str
    position: str
    memberships: tuple[tuple[str, str], ...] = field(default_factory=tuple)


STEERING_COMMITTEE = "VN.TW.BCD18"
STEERING_COMMITTEE_SINCE = D(2024, 11, 19)  # the seed's first meeting: the earliest date it attests

# Bodies the seeds name and the territory does not hold.
UNITS: tuple[UnitFact, ...] = (
    # Seed 001: the central steering committee on summing up Resolution 18, its standing board and editorial team,
    # and the Central Organization Committee, its standing agency.
    UnitFact("VN.TW.BTC", "Ban Tổ chức Trung ương", UnitKind.ORGANIZATION_COMMITTEE, Tier.CENTRAL, "VN.TW",
             "BTCTW", "BTCTW"),
    UnitFact(STEERING_COMMITTEE, "Ban Chỉ đạo Trung ương tổng kết việc thực hiện Nghị quyết số 18-NQ/TW",
             UnitKind.STEERING_COMMITTEE, Tier.CENTRAL, "VN.TW", "BCĐ NQ18", "BCĐTW", STEERING_COMMITTEE_SINCE),
    UnitFact(f"{STEERING_COMMITTEE}.TT", "Thường trực Ban Chỉ đạo tổng kết Nghị quyết số 18-NQ/TW",
             UnitKind.STANDING_BOARD, Tier.CENTRAL, STEERING_COMMITTEE, "Thường trực BCĐ", "BCĐTW", STEERING_COMMITTEE_SINCE),
    UnitFact(f"{STEERING_COMMITTEE}.TBT", "Tổ Biên tập tổng kết Nghị quyết số 18-NQ/TW",
             UnitKind.OTHER, Tier.CENTRAL, STEERING_COMMITTEE, "Tổ Biên tập", "", STEERING_COMMITTEE_SINCE),
    # Seed 000: the city's People's Council and People's Committee have party committees of their own.
    UnitFact("01.DU-HDND", "Đảng ủy Hội đồng nhân dân thành phố Hà Nội", UnitKind.PARTY_COMMITTEE, Tier.PROVINCE,
             "01.TU", "Đảng ủy HĐND TP", "ĐU"),
)

# The party committee of the provincial People's Committee and the provincial Fatherland Front committee:
# seed 004 names them for Phú Thọ; every province of the demo has them. (code, short name) per province.
def province_extra_units(code: str, place: str, *, valid_from: dt.date | None) -> tuple[UnitFact, ...]:
    """`place` is how the province is written inside a name: 'tỉnh Phú Thọ', 'thành phố Hà Nội'."""
    # The party committee of the People's Committee sits under the provincial party committee it answers to.
    return (
        UnitFact(f"{code}.DU-UBND", f"Đảng ủy Ủy ban nhân dân {place}", UnitKind.PARTY_COMMITTEE, Tier.PROVINCE,
                 f"{code}.TU", "Đảng ủy UBND", "ĐU", valid_from),
        UnitFact(f"{code}.MTTQ", f"Ủy ban Mặt trận Tổ quốc Việt Nam {place}", UnitKind.FATHERLAND_FRONT, Tier.PROVINCE,
                 code, "UBMTTQ", "MTTQ", valid_from),
    )


# Leaders named in the seeds (the others in the demo carry their title, not a name).
NAMED_LEADERS: tuple[PersonFact, ...] = (
    PersonFact("tolam", "Tô Lâm", "Tổng Bí thư, Trưởng Ban Chỉ đạo tổng kết Nghị quyết số 18-NQ/TW",
               ((STEERING_COMMITTEE, Role.LEADER),)),
    PersonFact("thuongtruc.bcd18", "Thường trực Ban Chỉ đạo", "Thường trực Ban Chỉ đạo tổng kết Nghị quyết số 18-NQ/TW",
               ((f"{STEERING_COMMITTEE}.TT", Role.LEADER), (STEERING_COMMITTEE, Role.LEADER))),
    PersonFact("lanhdao.tw", "Lãnh đạo Văn phòng Trung ương Đảng", "Theo dõi nhiệm vụ Trung ương giao các địa phương",
               (("VN.TW", Role.LEADER),)),
)
# Province people whose names the seeds give: (province slug, username prefix) → (full name, position).
NAMED_PROVINCE_PEOPLE: dict[tuple[str, str], tuple[str, str]] = {
    ("hanoi", "bithu"): ("Nguyễn Duy Ngọc", "Bí thư Thành ủy Hà Nội"),
    ("daklak-cu", "bithu"): ("Nguyễn Đình Trung", "Bí thư Tỉnh ủy Đắk Lắk (đến 30/6/2025)"),
    ("daklak-cu", "phobithu"): ("Huỳnh Thị Chiến Hòa", "Phó Bí thư Thường trực Tỉnh ủy, Chủ tịch HĐND tỉnh Đắk Lắk (đến 30/6/2025)"),
    ("daklak-cu", "truongban.tochuc"): ("Nguyễn Thượng Hải", "Trưởng Ban Tổ chức Tỉnh ủy Đắk Lắk (đến 30/6/2025)"),
}


# Seed 002: emulation cluster No. 2 — the organization committees of 14 provinces and cities, first half of 2024.
# In 2024 they were the old provinces; since 2025-07-01 the same ground is nine provinces.
CLUSTER_2024 = ClusterFact(
    "CTD-2-2024", "Cụm thi đua số 2 – 14 tỉnh, thành phố phía Bắc (năm 2024)", 2024,
    ("old-31", "old-37", "20", "old-24", "22", "old-27", "old-30", "old-33", "old-36", "old-34", "old-35", "38", "40", "42"),
)
CLUSTER_NOW = ClusterFact(
    "CTD-2", "Cụm thi đua số 2 – các tỉnh, thành phố kế thừa sau sắp xếp", None,
    ("31", "37", "20", "24", "22", "33", "38", "40", "42"),
)


# Seed 004 — the Standing Committee of the Phú Thọ Provincial Party Committee, July 2025.
SEED_004_TITLE = "Về việc triển khai thực hiện Kết luận số 178-KL/TW của Bộ Chính trị, Ban Bí thư"
SEED_004 = (
    DocumentFact(
        key="pt-kh02", issuing_unit="25.TU.BTV", type="KH", number="02-KH/TU", issued_on=D(2025, 7, 15), registrar="vanphong.phutho",
        title="Kế hoạch tiếp tục hoàn thiện tổ chức bộ máy của hệ thống chính trị và chuẩn bị đại hội đảng bộ các cấp "
              "tiến tới Đại hội XIV của Đảng",
        source="seed 004",
    ),
    DocumentFact(
        key="pt-kh04", issuing_unit="25.TU.BTV", type="KH", number="04-KH/TU", issued_on=D(2025, 7, 16), registrar="vanphong.phutho",
        title="Kế hoạch thực hiện Quy định số 204-QĐ/TW của Ban Bí thư",
        relations=(Relation("implements", "204-QĐ/TW", D(2024, 11, 29), "Quy định của Ban Bí thư"),),
        source="seed 004",
    ),
    DocumentFact(
        key="pt-178", issuing_unit="25.TU.BTV", type="CV", issued_on=D(2025, 7, 22), registrar="vanphong.phutho",
        title=SEED_004_TITLE, source="seed 004 (baophutho.vn)",
        text="Ban Thường vụ Tỉnh ủy yêu cầu các cấp ủy, tổ chức đảng, cơ quan, đơn vị tiếp tục thực hiện nghiêm các kết luận "
             "của Bộ Chính trị, Ban Bí thư và các kế hoạch của Ban Thường vụ về sắp xếp bộ máy, vận hành chính quyền địa "
             "phương hai cấp, giải quyết thủ tục hành chính và dịch vụ công trực tuyến; tăng cường tuyên truyền, nắm tình "
             "hình tư tưởng; giao nhiệm vụ cụ thể cho từng cơ quan tham mưu. " + DEMO_DATE,
        relations=(
            Relation("implements", "178-KL/TW", None, "Kết luận của Bộ Chính trị, Ban Bí thư"),
            Relation("cites", "177-KL/TW", D(2025, 7, 11), "Kết luận của Bộ Chính trị, Ban Bí thư"),
            Relation("cites", "02-KH/BCĐTW", D(2025, 6, 19),
                      "Kế hoạch của Ban Chỉ đạo Trung ương về phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số"),
            Relation("cites", "@pt-kh04"),
            Relation("cites", "@pt-kh02"),
            Relation("cites", "9068-CV/BTCTW", D(2025, 7, 17), "Công văn của Ban Tổ chức Trung ương"),
            Relation("cites", "253-QĐ/TW", None, "Quy định của Ban Bí thư"),
            Relation("cites", "255-QĐ/TW", D(2025, 1, 24), "Quy định của Ban Bí thư"),
        ),
        tasks=(
            TaskFact("Tham mưu Ban Thường vụ chỉ đạo kiện toàn Ban Chấp hành, Ban Thường vụ đảng ủy cấp xã; bố trí đủ các chức "
                     "danh bí thư, phó bí thư, chủ tịch, phó chủ tịch Hội đồng nhân dân và Ủy ban nhân dân cấp xã",
                     "25.TU.BTC", "truongban.tochuc.phutho", "Báo cáo kết quả kiện toàn, bố trí cán bộ chủ chốt cấp xã",
                     deadline=D(2025, 7, 25), outcome=Outcome(completed_on=D(2025, 7, 25))),
            TaskFact("Tham mưu chỉ đạo xây dựng, ban hành quy chế làm việc của các đảng ủy và tổ chức đảng trực thuộc, nhất là "
                     "nơi đã kết thúc hoạt động của đảng đoàn, ban cán sự đảng",
                     "25.TU.BTC", "truongban.tochuc.phutho", "Quy chế làm việc của các đảng ủy trực thuộc được ban hành",
                     deadline=D(2025, 8, 31), description=DEMO_DEADLINE, outcome=Outcome(completed_on=D(2025, 9, 8))),
            TaskFact("Phối hợp tham mưu bố trí hợp lý biên chế, nhân lực chuyên môn theo lĩnh vực cho cấp xã, đáp ứng yêu cầu "
                     "nhiệm vụ ở cơ sở", "25.TU.BTC", "truongban.tochuc.phutho",
                     "Phương án phân bổ biên chế cấp xã trình Ban Thường vụ", deadline=D(2025, 9, 30),
                     coordinators=("25.DU-UBND",), description=DEMO_DEADLINE,
                     outcome=Outcome(completed_on=D(2025, 10, 27), extended_to=D(2025, 10, 31),
                                     extension_reason="Chờ kết quả rà soát vị trí việc làm của các xã, phường")),
            TaskFact("Lãnh đạo Ủy ban nhân dân tỉnh xây dựng kế hoạch bố trí trụ sở, trang thiết bị, nhà công vụ và các điều "
                     "kiện làm việc cần thiết cho các cơ quan theo Kế hoạch số 02-KH/TU và Công văn số 9068-CV/BTCTW",
                     "25.DU-UBND", "bithu.duubnd.phutho", "Kế hoạch bố trí trụ sở, điều kiện làm việc được ban hành",
                     deadline=D(2025, 8, 15), description=DEMO_DEADLINE, outcome=Outcome(completed_on=D(2025, 8, 14))),
            TaskFact("Bảo đảm Trung tâm phục vụ hành chính công vận hành đồng bộ, thông suốt; hoàn thiện quy chế, quy trình, "
                     "thủ tục hành chính, đường truyền và dữ liệu; rà soát việc phân cấp, phân quyền cho tỉnh và xã",
                     "25.UBND", "chutich.phutho", "Báo cáo kết quả vận hành bộ máy mới và phân cấp, phân quyền",
                     deadline=D(2025, 9, 30), description=DEMO_DEADLINE, outcome=Outcome(completed_on=D(2025, 9, 26))),
            TaskFact("Chủ trì tham mưu sắp xếp tổ chức bộ máy các tổ chức chính trị – xã hội và hội quần chúng do Đảng, Nhà "
                     "nước giao nhiệm vụ ở cấp tỉnh và cấp xã, theo Quy định số 253-QĐ/TW và số 255-QĐ/TW",
                     "25.MTTQ", "chutich.mttq.phutho", "Đề án sắp xếp các tổ chức chính trị – xã hội, hội quần chúng",
                     deadline=D(2025, 9, 15), description="Bắt đầu ngay sau khi Trung ương có chủ trương cụ thể. " + DEMO_DEADLINE,
                     outcome=Outcome(completed_on=D(2025, 9, 30))),
            TaskFact("Đề xuất Ban Thường vụ tăng cường kiểm tra, giám sát việc thực hiện các nghị quyết, kết luận của Trung "
                     "ương và của tỉnh về sắp xếp bộ máy, bảo đảm chính quyền địa phương hai cấp vận hành hiệu quả",
                     "25.TU.UBKT", "chunhiem.ubkt.phutho", "Tờ trình kế hoạch kiểm tra, giám sát chuyên đề",
                     deadline=D(2025, 8, 10), description=DEMO_DEADLINE, outcome=Outcome(completed_on=D(2025, 8, 8))),
            TaskFact("Rà soát, đánh giá và kịp thời báo cáo Ban Thường vụ, Thường trực Tỉnh ủy các đơn vị, địa phương chậm "
                     "triển khai chuyển đổi số; tham mưu chủ trương thúc đẩy chuyển đổi số trong hệ thống chính trị",
                     "25.TU.VP", "chanhvanphong.phutho", "Báo cáo định kỳ về tiến độ chuyển đổi số", recurrence="hằng tháng",
                     outcome=Outcome(progress=60, report="Đã lập danh sách 12 xã, phường chậm số hóa hồ sơ; đang đôn đốc.")),
        ),
    ),
)

# Seed 000 — the second conference of the Hanoi Party Committee, 18th term. The dates are the demo's.
HANOI_CONFERENCE = D(2025, 11, 25)
SEED_000 = (
    DocumentFact(
        key="hn-kh-hn2", issuing_unit="01.TU.BTV", type="KH", issued_on=D(2025, 10, 27), registrar="vanphong.hanoi",
        title="Kế hoạch chuẩn bị Hội nghị lần thứ hai Ban Chấp hành Đảng bộ thành phố khóa XVIII", source="seed 000",
        text=DEMO_DATE,
        tasks=(
            TaskFact("Chủ trì, phối hợp xây dựng và hoàn thiện dự thảo Quy chế làm việc của Ban Chấp hành Đảng bộ thành phố "
                     "khóa XVIII, bám sát quy định của Trung ương và Luật Thủ đô năm 2024", "01.TU.VP", "chanhvanphong.hanoi",
                     "Dự thảo Quy chế làm việc trình Hội nghị", deadline=D(2025, 11, 20),
                     coordinators=("01.DU-HDND", "01.DU-UBND"), description=DEMO_DEADLINE,
                     outcome=Outcome(completed_on=D(2025, 11, 18))),
            TaskFact("Chủ trì, phối hợp xây dựng dự thảo Chương trình làm việc toàn khóa và Chương trình làm việc năm 2026 của "
                     "Ban Chấp hành Đảng bộ thành phố", "01.TU.VP", "chanhvanphong.hanoi",
                     "Dự thảo các chương trình làm việc trình Hội nghị", deadline=D(2025, 11, 20),
                     coordinators=("01.DU-HDND", "01.DU-UBND"), description=DEMO_DEADLINE,
                     outcome=Outcome(completed_on=D(2025, 11, 19))),
            TaskFact("Xây dựng dự thảo Chương trình kiểm tra, giám sát năm 2026 của Thành ủy, chuyển trọng tâm sang giám sát "
                     "thường xuyên, giám sát từ sớm", "01.TU.UBKT", "chunhiem.ubkt.hanoi",
                     "Dự thảo Chương trình kiểm tra, giám sát năm 2026", deadline=D(2025, 11, 20), description=DEMO_DEADLINE,
                     outcome=Outcome(completed_on=D(2025, 11, 17))),
            TaskFact("Lãnh đạo Ủy ban nhân dân thành phố xây dựng dự thảo phân cấp quản lý hạ tầng, kinh tế – xã hội, nguồn "
                     "thu, nhiệm vụ chi và thẩm quyền cho cấp xã", "01.DU-UBND", "bithu.duubnd.hanoi",
                     "Dự thảo đề án phân cấp cho xã, phường", deadline=D(2025, 11, 15), description=DEMO_DEADLINE,
                     outcome=Outcome(completed_on=D(2025, 11, 21))),
        ),
    ),
    DocumentFact(
        key="hn-ttr-qc", issuing_unit="01.TU.BTV", type="TTr", issued_on=D(2025, 11, 21), registrar="vanphong.hanoi",
        title="Tờ trình về dự thảo Quy chế làm việc của Ban Chấp hành Đảng bộ thành phố khóa XVIII",
        source="seed 000", text="Dự thảo xin ý kiến Hội nghị lần thứ hai. " + DEMO_DATE,
        relations=(Relation("implements", "@hn-kh-hn2"), Relation("cites", "39/2024/QH15", D(2024, 6, 28), "Luật Thủ đô")),
    ),
    DocumentFact(
        key="hn-ttr-ctr", issuing_unit="01.TU.BTV", type="TTr", issued_on=D(2025, 11, 21), registrar="vanphong.hanoi",
        title="Tờ trình về dự thảo Chương trình làm việc toàn khóa và Chương trình làm việc năm 2026 của Ban Chấp hành "
              "Đảng bộ thành phố", source="seed 000", text="Dự thảo xin ý kiến Hội nghị lần thứ hai. " + DEMO_DATE,
        relations=(Relation("implements", "@hn-kh-hn2"),),
    ),
    DocumentFact(
        key="hn-ttr-kt", issuing_unit="01.TU.BTV", type="TTr", issued_on=D(2025, 11, 21), registrar="vanphong.hanoi",
        title="Tờ trình về dự thảo Chương trình kiểm tra, giám sát năm 2026 của Thành ủy",
        source="seed 000", text="Dự thảo xin ý kiến Hội nghị lần thứ hai. " + DEMO_DATE,
        relations=(Relation("implements", "@hn-kh-hn2"),),
    ),
    DocumentFact(
        key="hn-ttr-pc", issuing_unit="01.TU.BTV", type="TTr", issued_on=D(2025, 11, 21), registrar="vanphong.hanoi",
        title="Tờ trình về phân cấp quản lý và thẩm quyền thực hiện nhiệm vụ cho xã, phường",
        source="seed 000", text="Dự thảo xin ý kiến Hội nghị lần thứ hai. " + DEMO_DATE,
        relations=(Relation("implements", "@hn-kh-hn2"),),
    ),
    DocumentFact(
        key="hn-ctr", issuing_unit="01.TU.BTV", type="CTr", issued_on=HANOI_CONFERENCE, registrar="vanphong.hanoi",
        title="Chương trình làm việc toàn khóa của Ban Chấp hành Đảng bộ thành phố khóa XVIII, nhiệm kỳ 2025–2030",
        source="seed 000", signer="Nguyễn Duy Ngọc",
        text="Cụ thể hóa Nghị quyết Đại hội XVIII của Đảng bộ thành phố; mỗi nội dung giao rõ người, rõ việc, rõ thời gian, "
             "rõ trách nhiệm, rõ sản phẩm, rõ thẩm quyền. " + DEMO_DATE,
        relations=(Relation("cites", "@hn-ttr-ctr"), Relation("cites", "@hn-ttr-qc")),
        tasks=(
            TaskFact("Theo dõi, đôn đốc và tổng hợp việc thực hiện Chương trình làm việc toàn khóa theo nguyên tắc sáu rõ; "
                     "báo cáo sơ kết định kỳ", "01.TU.VP", "chanhvanphong.hanoi", "Báo cáo sơ kết hằng quý",
                     recurrence="hằng quý",
                     outcome=Outcome(progress=75, report="Đã tổng hợp kết quả quý III/2026; 3 nội dung chậm tiến độ.")),
            TaskFact("Tham mưu kiện toàn các chức danh chủ chốt của thành phố sau Đại hội và điều chỉnh cơ cấu Ban Thường vụ",
                     "01.TU.BTC", "truongban.tochuc.hanoi", "Quyết định kiện toàn được ban hành", deadline=D(2025, 12, 31),
                     description=DEMO_DEADLINE, outcome=Outcome(completed_on=D(2025, 12, 22))),
            TaskFact("Tổ chức thực hiện Chương trình kiểm tra, giám sát năm 2026 của Thành ủy", "01.TU.UBKT",
                     "chunhiem.ubkt.hanoi", "Báo cáo kết quả kiểm tra, giám sát năm 2026", deadline=D(2026, 12, 31),
                     description=DEMO_DEADLINE,
                     outcome=Outcome(progress=80, report="Đã hoàn thành 14/18 cuộc kiểm tra, giám sát theo chương trình.")),
            TaskFact("Lãnh đạo Ủy ban nhân dân thành phố hoàn thiện và tổ chức thực hiện phân cấp cho xã, phường, trao thực "
                     "quyền cho cơ sở", "01.DU-UBND", "bithu.duubnd.hanoi", "Quyết định phân cấp được ban hành",
                     deadline=D(2026, 6, 30), description=DEMO_DEADLINE, outcome=Outcome(completed_on=D(2026, 7, 10))),
            TaskFact("Đề xuất cơ chế, chính sách đột phá cụ thể hóa các nghị quyết chiến lược của Bộ Chính trị trên địa bàn "
                     "Thủ đô", "01.DU-UBND", "bithu.duubnd.hanoi", "Tờ trình Ban Thường vụ về các chính sách đột phá",
                     deadline=D(2026, 3, 31), description=DEMO_DEADLINE,
                     outcome=Outcome(completed_on=D(2026, 6, 20), extended_to=D(2026, 6, 30),
                                     extension_reason="Cần thêm thời gian lấy ý kiến chuyên gia và các sở, ngành")),
        ),
    ),
)

# Seed 003 — the 31st (extended) conference of the Đắk Lắk Provincial Party Committee, ended 4 April 2025,
# before the merger: the body is the old province "old-66". Open tasks here are carried by a later reorganization.
# The conclusion notice is not written with the other seed documents: the conference issues it when it concludes
# (`demo.meetings`), from the opinions the seed reports.
DAKLAK_CONFERENCE = D(2025, 4, 4)
DAKLAK_CONCLUSION = DocumentFact(
    key="dl-kl31", issuing_unit="old-66.TU.BCH", type="TB", issued_on=DAKLAK_CONFERENCE, registrar="admin",
    title="Thông báo kết luận Hội nghị lần thứ 31 (mở rộng) Ban Chấp hành Đảng bộ tỉnh", source="seed 003 (daklak.gov.vn)",
    signer="Nguyễn Đình Trung",
    text="Yêu cầu các cấp, các ngành tiếp tục thực hiện Nghị quyết số 18-NQ/TW, sắp xếp bộ máy và đơn vị hành chính "
         "không để gián đoạn công việc; thực hiện Nghị quyết số 57-NQ/TW; phấn đấu tăng trưởng từ 8% trở lên.",
    relations=(Relation("implements", "18-NQ/TW", D(2017, 10, 25), "Nghị quyết Hội nghị Trung ương 6 khóa XII"),
               Relation("implements", "57-NQ/TW", D(2024, 12, 22), "Nghị quyết của Bộ Chính trị về đột phá phát triển "
                         "khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia")),
    tasks=(
        TaskFact("Tính toán, xác định rõ nguồn lực và lộ trình cụ thể để đạt mục tiêu tăng trưởng kinh tế năm 2025 từ 8% "
                 "trở lên", "old-66.UBND", "chutich.daklak-cu", "Kịch bản tăng trưởng năm 2025 được ban hành",
                 deadline=D(2025, 4, 30), description=DEMO_DEADLINE, outcome=Outcome(completed_on=D(2025, 4, 28))),
        TaskFact("Bổ sung vào nhiệm vụ quý II/2025 nội dung phối hợp tổ chức các hoạt động văn hóa quy mô lớn tại địa "
                 "phương", "old-66.UBND", "chutich.daklak-cu", "Chương trình công tác quý II được điều chỉnh",
                 deadline=D(2025, 4, 15), description=DEMO_DEADLINE, outcome=Outcome(completed_on=D(2025, 4, 14))),
        TaskFact("Thành lập tổ công tác tháo gỡ khó khăn về chuyên môn và thủ tục hành chính sau sắp xếp tổ chức bộ máy",
                 "old-66.UBND", "chutich.daklak-cu", "Quyết định thành lập tổ công tác", deadline=D(2025, 4, 20),
                 description=DEMO_DEADLINE, outcome=Outcome(completed_on=D(2025, 4, 25))),
        TaskFact("Đẩy nhanh giải ngân vốn các chương trình mục tiêu quốc gia, nhất là Chương trình xây dựng nông thôn mới",
                 "old-66.UBND", "chutich.daklak-cu", "Báo cáo tỷ lệ giải ngân vốn chương trình mục tiêu quốc gia",
                 deadline=D(2025, 6, 30), description=DEMO_DEADLINE,
                 outcome=Outcome(progress=70, report="Đã giải ngân khoảng 70% kế hoạch vốn được giao.")),
        TaskFact("Hoàn thành xóa nhà tạm, nhà dột nát trên địa bàn tỉnh", "old-66.UBND", "chutich.daklak-cu",
                 "Báo cáo hoàn thành xóa nhà tạm, nhà dột nát", deadline=D(2025, 8, 31), description=DEMO_DEADLINE,
                 outcome=Outcome(progress=85, report="Đã khởi công, hoàn thành phần lớn số nhà theo danh sách.")),
        TaskFact("Hoàn thành số hóa hồ sơ, tài liệu của các cơ quan, đơn vị trước khi sắp xếp", "old-66.TU.VP",
                 "chanhvanphong.daklak-cu", "Kho hồ sơ số được bàn giao", deadline=D(2025, 6, 15),
                 description=DEMO_DEADLINE, outcome=Outcome(completed_on=D(2025, 6, 12))),
        TaskFact("Rà soát, đề xuất ban hành, sửa đổi, bổ sung quy định, quy chế cho phù hợp với tổ chức bộ máy sau sắp xếp, "
                 "thúc đẩy phân cấp, phân quyền", "old-66.TU.BTC", "truongban.tochuc.daklak-cu",
                 "Tờ trình Ban Thường vụ về các quy định cần sửa đổi", deadline=D(2025, 5, 31), description=DEMO_DEADLINE,
                 outcome=Outcome(completed_on=D(2025, 5, 29))),
        TaskFact("Nắm bắt tâm tư, nguyện vọng của cán bộ, đảng viên, công chức, viên chức chịu tác động của việc kết thúc "
                 "cấp huyện và sắp xếp cấp xã; làm tốt công tác tư tưởng, tạo đồng thuận", "old-66.TU.BTGDV",
                 "phobithu.daklak-cu", "Báo cáo tình hình tư tưởng trong quá trình sắp xếp", deadline=D(2025, 6, 30),
                 description=DEMO_DEADLINE, outcome=Outcome(completed_on=D(2025, 6, 27))),
        TaskFact("Tăng cường bảo đảm an ninh chính trị, trật tự, an toàn xã hội trong các dịp lễ lớn của đất nước, của "
                 "tỉnh và các sự kiện quan trọng, trước hết là dịp kỷ niệm 50 năm Ngày giải phóng miền Nam, thống nhất "
                 "đất nước", "old-66.UBND", "chutich.daklak-cu", "Báo cáo kết quả bảo đảm an ninh, trật tự dịp lễ 30/4 "
                 "và 1/5", deadline=D(2025, 5, 5),
                 description="Dịp 30/4 do dữ liệu minh họa chọn; bài báo nguồn nói chung các ngày lễ lớn và sự kiện "
                             "quan trọng. " + DEMO_DEADLINE, outcome=Outcome(completed_on=D(2025, 5, 5))),
    ),
)

# Seed 001 — the first meeting of the central steering committee on summing up Resolution 18, 19 November 2024.
SEED_001 = (
    DocumentFact(
        key="bcd-tb1", issuing_unit=STEERING_COMMITTEE, type="TB", issued_on=STEERING_COMMITTEE_SINCE, registrar="admin",
        title="Thông báo kết luận của đồng chí Trưởng Ban Chỉ đạo tại phiên họp thứ nhất", source="seed 001 (VOV, VTC News)",
        signer="Tô Lâm",
        text="Tổng kết Nghị quyết số 18-NQ/TW là nhiệm vụ đặc biệt quan trọng, phải thực hiện với quyết tâm cao nhất; Trung "
             "ương không chờ tỉnh, tỉnh không chờ huyện, huyện không chờ cơ sở; một việc chỉ giao một cơ quan chủ trì và "
             "chịu trách nhiệm chính. " + DEMO_DATE,
        relations=(Relation("implements", "18-NQ/TW", D(2017, 10, 25), "Nghị quyết Hội nghị Trung ương 6 khóa XII"),),
        tasks=(
            TaskFact("Nghiên cứu, làm rõ các nguyên tắc và tiêu chí cụ thể cho từng nội dung tổng kết để hướng dẫn các cơ "
                     "quan, địa phương tổng kết thống nhất và đề xuất mô hình mới", f"{STEERING_COMMITTEE}.TT", "tolam",
                     "Văn bản hướng dẫn nguyên tắc, tiêu chí tổng kết", deadline=D(2024, 11, 30), description=DEMO_DEADLINE,
                     outcome=Outcome(completed_on=D(2024, 11, 28))),
            TaskFact("Tiếp tục làm rõ giải pháp, các bước của lộ trình bảo đảm bộ máy hoạt động liên tục, không để gián đoạn "
                     "công việc, địa bàn, lĩnh vực; chính sách cho cán bộ chịu tác động của sắp xếp", "VN.TW.BTC", "tolam",
                     "Đề án lộ trình sắp xếp và chính sách đối với cán bộ", deadline=D(2024, 12, 31),
                     description=DEMO_DEADLINE, outcome=Outcome(completed_on=D(2024, 12, 27))),
            TaskFact("Tổng hợp ý kiến chuyên gia, nhà khoa học, kinh nghiệm nước ngoài; đề xuất phương án tinh gọn các ban "
                     "đảng, bộ, cơ quan ngang bộ, cơ quan của Quốc hội và mô hình bên trong sau hợp nhất",
                     f"{STEERING_COMMITTEE}.TBT", "tolam", "Báo cáo đề xuất phương án sắp xếp", deadline=D(2024, 12, 15),
                     description=DEMO_DEADLINE, outcome=Outcome(completed_on=D(2024, 12, 18))),
            *(TaskFact("Tổng kết việc thực hiện Nghị quyết số 18-NQ/TW tại địa phương theo kế hoạch của Ban Chỉ đạo; báo cáo "
                       "kết quả và đề xuất phương án sắp xếp", f"{province}.TU", "thuongtruc.bcd18",
                       "Báo cáo tổng kết của tỉnh ủy, thành ủy", deadline=D(2024, 12, 20), description=DEMO_DEADLINE,
                       outcome=Outcome(completed_on=completed))
              for province, completed in (("01", D(2024, 12, 16)), ("old-25", D(2024, 12, 19)), ("old-26", D(2024, 12, 20)),
                                          ("old-17", D(2024, 12, 23)), ("old-66", D(2024, 12, 18)))),
        ),
    ),
)

# Written by the Writer; the Đắk Lắk conclusion is issued by its meeting (`demo.meetings`).
ALL_DOCUMENTS: tuple[DocumentFact, ...] = (*SEED_001, *SEED_004, *SEED_000)
MARKER_KEY = "pt-178"
