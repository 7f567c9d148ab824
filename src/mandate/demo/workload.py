"""The generated workload: a year of directives cascading from the centre to provinces and communes.

`workload_plan` is pure: given the date of today, a seed and the communes to use, it returns the
documents to register and, for each task, the steps of its life. Dates are spread over the last
twelve months and the next three; most tasks end on time, a few late, some are overdue, due soon,
extended, returned or delegated to communes. The old provinces get a half-year of work before the
2025 merger, some of it still open for a later reorganization to carry to their successors.
"""
import datetime as dt
import random
from dataclasses import dataclass

from mandate.demo.writer import DocumentPlan, Relation, Step, TaskPlan

DAY = dt.timedelta(days=1)
MERGER = dt.date(2025, 7, 1)
CENTRAL_TERM_STARTS = dt.date(2026, 1, 26)  # a few days after the 14th Congress opened the Central Committee's term
GENERATED = "Văn bản minh họa do lệnh `mandate demo` sinh ra: số, ngày và nội dung không phải của văn bản thật."


@dataclass(frozen=True)
class Place:
    code: str
    slug: str
    weight: float = 1.0


# Provinces of the two-level government that the workload covers; the last three are in emulation cluster No. 2.
PROVINCES = (Place("25", "phutho", 1.4), Place("01", "hanoi", 1.4), Place("66", "daklak", 1.1),
             Place("24", "bacninh"), Place("38", "thanhhoa"), Place("37", "ninhbinh"))
# Provinces closed on 2025-07-01 whose first half of 2025 the workload covers (old Đắk Lắk comes from seed 003).
OLD_PROVINCES = (Place("old-25", "phutho-cu"), Place("old-26", "vinhphuc"), Place("old-17", "hoabinh"))
SEED_OLD_PROVINCES = (Place("old-66", "daklak-cu"),)
COMMUNES_PER_PROVINCE = 12
# Departments of a provincial People's Committee that the workload assigns to: (suffix, name, issuer code).
DEPARTMENTS = (("SNV", "Sở Nội vụ"), ("STC", "Sở Tài chính"), ("SKHCN", "Sở Khoa học và Công nghệ"), ("SXD", "Sở Xây dựng"),
               ("SNNMT", "Sở Nông nghiệp và Môi trường"), ("SGDĐT", "Sở Giáo dục và Đào tạo"))

# --- Vocabulary ------------------------------------------------------------------------------------------------

# Central documents: (type, title, subject, [(from, to)] windows when it is plausible, references).
# They are numbered in the Central Committee's 14th term, which begins at 01: numbers of the 13th term would
# stand next to the real ones the seeds cite (177-KL/TW, 178-KL/TW).
CENTRAL_TOPICS = (
    ("KL", "Kết luận về tiếp tục sắp xếp, hoàn thiện tổ chức bộ máy của hệ thống chính trị", "hoàn thiện tổ chức bộ máy", None, ()),
    ("KH", "Kế hoạch học tập, quán triệt và triển khai thực hiện Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIV của Đảng",
           "học tập, quán triệt Nghị quyết Đại hội XIV", ((dt.date(2026, 2, 1), dt.date(2026, 6, 30)),), ()),
    ("CT", "Chỉ thị về tăng cường phòng, chống tham nhũng, lãng phí, tiêu cực", "phòng, chống tham nhũng, lãng phí, tiêu cực",
           None, ()),
    ("CT", "Chỉ thị về tổ chức đón Tết Nguyên đán vui tươi, an toàn, tiết kiệm", "chăm lo Tết cho nhân dân",
           ((dt.date(2025, 12, 1), dt.date(2026, 1, 20)), (dt.date(2026, 12, 1), dt.date(2027, 1, 20))), ()),
    ("KL", "Kết luận về nâng cao chất lượng hoạt động của tổ chức cơ sở đảng sau sắp xếp", "chất lượng tổ chức cơ sở đảng",
           None, ()),
    ("QĐ", "Quy định về kiểm tra, giám sát việc thực hiện nhiệm vụ theo nguyên tắc sáu rõ", "giám sát theo nguyên tắc sáu rõ",
           None, ()),
    ("KH", "Kế hoạch sơ kết một năm vận hành chính quyền địa phương hai cấp", "sơ kết chính quyền địa phương hai cấp",
           ((dt.date(2026, 5, 1), dt.date(2026, 8, 31)),), ()),
    ("KL", "Kết luận về đẩy mạnh chuyển đổi số trong các cơ quan của hệ thống chính trị", "chuyển đổi số trong hệ thống chính trị",
           None, (("cites", "57-NQ/TW", dt.date(2024, 12, 22)),)),
    ("KH", "Kế hoạch thực hiện Nghị quyết số 57-NQ/TW giai đoạn 2026–2027", "khoa học, công nghệ và chuyển đổi số", None,
           (("implements", "57-NQ/TW", dt.date(2024, 12, 22)),)),
    ("CT", "Chỉ thị về chủ động phòng, chống thiên tai, tìm kiếm cứu nạn", "phòng, chống thiên tai",
           ((dt.date(2026, 4, 1), dt.date(2026, 7, 31)),), ()),
    ("KL", "Kết luận về quy hoạch cán bộ lãnh đạo, quản lý các cấp nhiệm kỳ 2030–2035", "quy hoạch cán bộ", None, ()),
    ("KH", "Kế hoạch tổng kết công tác xây dựng Đảng và hệ thống chính trị năm 2026", "tổng kết công tác năm 2026",
           ((dt.date(2026, 10, 1), dt.date(2026, 11, 30)),), ()),
    ("KL", "Kết luận về chính sách đối với cán bộ, công chức chịu tác động của việc sắp xếp", "chính sách đối với cán bộ sau sắp xếp",
           None, (("cites", "18-NQ/TW", dt.date(2017, 10, 25)),)),
    ("CT", "Chỉ thị về đẩy mạnh cải cách thủ tục hành chính và dịch vụ công trực tuyến", "cải cách thủ tục hành chính", None, ()),
    ("KL", "Kết luận về phát triển kinh tế tư nhân và cải thiện môi trường kinh doanh", "phát triển kinh tế tư nhân", None, ()),
    ("KH", "Kế hoạch kiểm tra, giám sát của Ban Chấp hành Trung ương năm 2026", "kiểm tra, giám sát năm 2026",
           ((dt.date(2025, 12, 15), dt.date(2026, 2, 28)),), ()),
    ("CT", "Chỉ thị về bảo đảm an ninh, trật tự, an toàn xã hội trong tình hình mới", "bảo đảm an ninh, trật tự", None, ()),
)

# A province's own documents: (side, type, title, subject). {year} is the year of issue.
PROVINCE_TOPICS = (
    ("party", "CT", "Chỉ thị về tăng cường kiểm tra, giám sát và thi hành kỷ luật đảng", "kiểm tra, giám sát và kỷ luật đảng"),
    ("party", "KH", "Kế hoạch thực hiện chủ đề năm {year}", "chủ đề năm {year}"),
    ("party", "KL", "Kết luận của Ban Thường vụ về tình hình kinh tế – xã hội và nhiệm vụ trọng tâm", "nhiệm vụ kinh tế – xã hội trọng tâm"),
    ("party", "TB", "Thông báo kết luận của Thường trực về công tác cán bộ cấp xã", "công tác cán bộ cấp xã"),
    ("party", "KH", "Kế hoạch giám sát chuyên đề việc thực hiện quy chế dân chủ ở cơ sở", "thực hiện dân chủ ở cơ sở"),
    ("party", "CT", "Chỉ thị về tăng cường công tác dân vận trong tình hình mới", "công tác dân vận"),
    ("party", "KH", "Kế hoạch kiểm điểm, đánh giá, xếp loại chất lượng tổ chức đảng, đảng viên năm {year}",
              "đánh giá, xếp loại tổ chức đảng, đảng viên"),
    ("party", "KL", "Kết luận về xây dựng và nhân rộng mô hình chi bộ bốn tốt, đảng bộ bốn tốt", "xây dựng chi bộ bốn tốt"),
    ("party", "QĐ", "Quy định về phân cấp quản lý cán bộ sau sắp xếp", "phân cấp quản lý cán bộ"),
    ("party", "KH", "Kế hoạch tuyên truyền các ngày lễ lớn, sự kiện lịch sử năm {year}", "tuyên truyền các ngày lễ lớn"),
    ("party", "CV", "Về việc đôn đốc thực hiện các nhiệm vụ chậm tiến độ", "khắc phục nhiệm vụ chậm tiến độ"),
    ("state", "KH", "Kế hoạch cải cách hành chính năm {year}", "cải cách hành chính"),
    ("state", "KH", "Kế hoạch chuyển đổi số và phát triển dữ liệu số năm {year}", "chuyển đổi số"),
    ("state", "QĐ", "Quyết định giao chỉ tiêu thu ngân sách nhà nước cho các xã, phường", "thu ngân sách nhà nước"),
    ("state", "KH", "Kế hoạch hỗ trợ nhà ở cho hộ nghèo, hộ có hoàn cảnh khó khăn", "hỗ trợ nhà ở cho hộ nghèo"),
    ("state", "KH", "Kế hoạch đẩy nhanh giải ngân vốn đầu tư công năm {year}", "giải ngân vốn đầu tư công"),
    ("state", "", "Về việc chấn chỉnh kỷ luật, kỷ cương hành chính tại các xã, phường", "kỷ luật, kỷ cương hành chính"),
    ("state", "KH", "Kế hoạch xây dựng nông thôn mới năm {year}", "xây dựng nông thôn mới"),
    ("state", "KH", "Kế hoạch bảo đảm cơ sở vật chất trường học năm học mới", "cơ sở vật chất trường học"),
)

# What a lead unit is asked to do, by the suffix of its code: [(title, product)]. {s} is the subject.
WORK = {
    "TU": [("Lãnh đạo, chỉ đạo triển khai đồng bộ các nội dung về {s}", "Báo cáo kết quả của Ban Thường vụ")],
    "TU.BTC": [("Tham mưu rà soát, kiện toàn cán bộ phục vụ {s}", "Tờ trình Ban Thường vụ về công tác cán bộ"),
               ("Hướng dẫn các đảng ủy trực thuộc triển khai nội dung về {s}", "Văn bản hướng dẫn được ban hành")],
    "TU.UBKT": [("Kiểm tra, giám sát việc thực hiện nội dung về {s} tại các đảng ủy trực thuộc", "Báo cáo kết quả kiểm tra, giám sát"),
                ("Xây dựng kế hoạch giám sát chuyên đề về {s}", "Kế hoạch giám sát được ban hành")],
    "TU.BTGDV": [("Tuyên truyền, quán triệt nội dung về {s} trong cán bộ, đảng viên và nhân dân", "Báo cáo kết quả tuyên truyền"),
                 ("Nắm bắt dư luận xã hội về {s}, báo cáo Thường trực", "Báo cáo tình hình dư luận xã hội")],
    "TU.VP": [("Theo dõi, đôn đốc, tổng hợp kết quả thực hiện nội dung về {s}; báo cáo Ban Thường vụ",
               "Báo cáo tổng hợp kết quả thực hiện")],
    "UBND": [("Xây dựng kế hoạch của Ủy ban nhân dân về {s}; bố trí nguồn lực thực hiện", "Kế hoạch của Ủy ban nhân dân được ban hành"),
             ("Chỉ đạo các sở, ngành và xã, phường triển khai nội dung về {s}", "Báo cáo kết quả chỉ đạo, điều hành")],
    "HDND": [("Giám sát chuyên đề việc thực hiện nội dung về {s}", "Báo cáo kết quả giám sát trình kỳ họp")],
    "DU-UBND": [("Lãnh đạo Ủy ban nhân dân cụ thể hóa nội dung về {s} thành chương trình công tác",
                 "Chương trình công tác được ban hành")],
    "MTTQ": [("Vận động nhân dân hưởng ứng và tham gia giám sát việc thực hiện nội dung về {s}", "Báo cáo kết quả vận động, giám sát")],
    "UBND.SNV": [("Tham mưu sắp xếp tổ chức, biên chế phục vụ {s}", "Tờ trình Ủy ban nhân dân tỉnh")],
    "UBND.STC": [("Cân đối, bố trí kinh phí thực hiện {s}", "Quyết định phân bổ kinh phí được ban hành")],
    "UBND.SKHCN": [("Bảo đảm hạ tầng số, nền tảng dữ liệu phục vụ {s}", "Báo cáo kết quả triển khai nền tảng số")],
    "UBND.SXD": [("Hướng dẫn, kiểm tra các xã, phường về hạ tầng, trụ sở phục vụ {s}", "Báo cáo kết quả kiểm tra")],
    "UBND.SNNMT": [("Triển khai nội dung về {s} thuộc lĩnh vực nông nghiệp và môi trường", "Báo cáo kết quả thực hiện")],
    "UBND.SGDĐT": [("Triển khai nội dung về {s} trong ngành giáo dục", "Báo cáo kết quả thực hiện của ngành")],
    "commune.UBND": [("Tổ chức thực hiện nội dung về {s} trên địa bàn {commune}", "Báo cáo kết quả thực hiện của xã"),
                     ("Rà soát, thống kê và báo cáo số liệu về {s} trên địa bàn {commune}", "Biểu số liệu gửi cấp trên")],
    "commune.DU": [("Quán triệt nội dung về {s} đến các chi bộ trực thuộc", "Báo cáo kết quả quán triệt")],
}
PARTY_LEADS = ("TU.BTC", "TU.UBKT", "TU.BTGDV", "TU.VP", "UBND", "HDND", "DU-UBND", "MTTQ")
OLD_LEADS = ("TU.BTC", "TU.UBKT", "TU.BTGDV", "TU.VP", "UBND", "HDND")
STATE_LEADS = tuple(f"UBND.{suffix}" for suffix, _ in DEPARTMENTS) + ("MTTQ",)
# The leader in charge of a task, by the suffix of its lead unit's code.
LEADER_OF = {"TU": "bithu", "TU.BTC": "truongban.tochuc", "TU.UBKT": "chunhiem.ubkt", "TU.BTGDV": "truongban.tgdv",
             "TU.VP": "chanhvanphong", "UBND": "phochutich", "HDND": "chutich.hdnd", "DU-UBND": "bithu.duubnd",
             "MTTQ": "chutich.mttq", "": "chutich", **{f"UBND.{suffix}": "phochutich" for suffix, _ in DEPARTMENTS}}

REPORTS = {
    "low": ("Đã xây dựng dự thảo, đang xin ý kiến các cơ quan phối hợp.",
            "Đã giao bộ phận chuyên môn chủ trì; đang khảo sát, thu thập số liệu.",
            "Đã tổ chức hội nghị triển khai; đang hướng dẫn các đơn vị trực thuộc."),
    "mid": ("Đã quán triệt đến các chi bộ trực thuộc; đang tổng hợp kết quả từ các xã, phường.",
            "Hoàn thành khoảng một nửa khối lượng; một số đơn vị chưa gửi báo cáo.",
            "Đã trình dự thảo lần hai; đang tiếp thu, giải trình ý kiến góp ý."),
    "high": ("Cơ bản hoàn thành; đang hoàn thiện báo cáo trình Thường trực.",
             "Đã hoàn thành phần việc chính; đang chờ số liệu cuối kỳ.",
             "Đã gửi dự thảo báo cáo, chờ ý kiến của lãnh đạo phụ trách."),
    "late": ("Chậm tiến độ do chờ hướng dẫn của cơ quan cấp trên; đã đề xuất giải pháp khắc phục.",
             "Một số xã, phường chưa bố trí được kinh phí; đang tiếp tục đôn đốc.",
             "Nhân sự phụ trách thay đổi sau sắp xếp; đang bàn giao và tiếp tục thực hiện."),
}
EXTENSION_REASONS = ("Nội dung liên quan nhiều cơ quan, cần thêm thời gian lấy ý kiến.",
                     "Chờ hướng dẫn của Trung ương về nội dung liên quan.",
                     "Trùng đợt cao điểm tổ chức sự kiện của địa phương, đề nghị lùi hạn.",
                     "Cần bổ sung số liệu của các xã, phường mới sau sắp xếp.")
RETURN_REASONS = ("Báo cáo chưa có số liệu của các xã, phường; đề nghị bổ sung.",
                  "Sản phẩm chưa đúng yêu cầu; đề nghị hoàn thiện theo ý kiến góp ý.")
CANCEL_REASONS = ("Nội dung đã được thay thế bằng văn bản chỉ đạo mới.",
                  "Không còn phù hợp sau khi sắp xếp tổ chức bộ máy.")
DURATIONS = (7, 10, 15, 20, 30, 30, 45, 45, 60, 60, 90, 90, 120, 180)


@dataclass(frozen=True)
class Commune:
    code: str
    name: str
    province: str

    @property
    def in_text(self) -> str:
        """'phường Việt Trì' as it reads inside a sentence."""
        name = " ".join(self.name.split())
        return name[0].lower() + name[1:]


# --- Fates: the steps of a task's life -------------------------------------------------------------------------


class Fates:
    """Draws what becomes of each task, relative to `horizon` (today, or the day a closed province ended)."""

    def __init__(self, rng: random.Random):
        self.rng = rng

    def between(self, first: dt.date, last: dt.date, *, lean_late: bool = False) -> dt.date:
        span = max((last - first).days, 0)
        fraction = self.rng.betavariate(4, 1.6) if lean_late else self.rng.random()
        return first + dt.timedelta(days=round(span * fraction))

    def report(self, percent: int, *, late: bool = False) -> Step:
        band = "late" if late else "low" if percent < 40 else "mid" if percent < 75 else "high"
        return Step("report", percent=percent, text=self.rng.choice(REPORTS[band]))

    def done(self, submitted: dt.date, horizon: dt.date, *, returned: bool = False, assigned: dt.date) -> list[Step]:
        steps = []
        if returned and submitted > assigned + DAY:
            steps += [Step("submit", on=self.between(assigned, submitted - DAY)),
                      Step("return", text=self.rng.choice(RETURN_REASONS))]
        accepted = min(submitted + dt.timedelta(days=self.rng.randint(0, 3)), horizon)
        return steps + [Step("submit", on=submitted), Step("complete", on=accepted)]

    def draw(self, *, assigned: dt.date, deadline: dt.date | None, horizon: dt.date) -> list[Step]:
        rng = self.rng
        if deadline is None:  # a recurring duty: reported on, never overdue
            return [self.report(rng.randint(30, 90))]
        r = rng.random()
        if deadline < horizon:
            if r < 0.80:
                steps = [self.report(rng.randint(40, 90))] if rng.random() < 0.15 else []
                return steps + self.done(self.between(assigned, deadline, lean_late=True), horizon, assigned=assigned,
                                          returned=rng.random() < 0.04)
            if r < 0.86:
                late = deadline + dt.timedelta(days=rng.randint(1, max(1, min(40, (horizon - deadline).days))))
                return [self.report(rng.randint(40, 80), late=True)] + self.done(min(late, horizon), horizon, assigned=assigned)
            if r < 0.925:
                extended = deadline + dt.timedelta(days=rng.randint(10, 60))
                steps = [self.report(rng.randint(30, 70)), Step("extend", to=extended, text=rng.choice(EXTENSION_REASONS))]
                if extended < horizon and rng.random() < 0.85:
                    return steps + self.done(self.between(deadline + DAY, extended), horizon, assigned=assigned)
                return steps + [self.report(rng.randint(60, 95), late=extended < horizon)]
            if r < 0.935:
                steps = [Step("refuse", to=deadline + dt.timedelta(days=30), text=rng.choice(EXTENSION_REASONS))]
                return steps + [self.report(rng.randint(50, 90), late=True)]
            if r < 0.98:
                return [self.report(rng.randint(10, 50)), self.report(rng.randint(50, 90), late=True)][: rng.randint(1, 2)]
            return [Step("cancel", on=self.between(assigned, horizon), text=rng.choice(CANCEL_REASONS))]
        if assigned >= horizon:
            return []
        if r < 0.22:
            return self.done(self.between(assigned, horizon), horizon, assigned=assigned)
        if r < 0.27:
            return [self.report(rng.randint(80, 95)), Step("submit", on=self.between(assigned, horizon))]
        if r < 0.31:
            return [self.report(rng.randint(20, 60)),
                    Step("ask", to=deadline + dt.timedelta(days=rng.randint(15, 45)), text=rng.choice(EXTENSION_REASONS))]
        if r < 0.35:
            return [self.report(rng.randint(20, 60)),
                    Step("extend", to=deadline + dt.timedelta(days=rng.randint(15, 45)), text=rng.choice(EXTENSION_REASONS))]
        if r < 0.37:
            return [Step("submit", on=self.between(assigned, horizon)), Step("return", text=rng.choice(RETURN_REASONS))]
        if r < 0.85:
            elapsed = (horizon - assigned).days / max((deadline - assigned).days, 1)
            first = max(5, min(95, round(100 * elapsed * rng.uniform(0.6, 1.1))))
            steps = [self.report(first)]
            if rng.random() < 0.3 and first < 90:
                steps.append(self.report(min(95, first + rng.randint(5, 25))))
            return steps
        return []

    def is_open(self, steps: list[Step]) -> bool:
        return not any(step.name in ("complete", "cancel", "submit") for step in steps)


# --- Plans -----------------------------------------------------------------------------------------------------


class Planner:
    """Accumulates the documents of the workload, counting the tasks they give."""

    def __init__(self, *, seed: int, today: dt.date, communes: dict[str, list[Commune]], places: dict[str, str]):
        """`communes`: province code → the communes the workload uses; `places`: province code → 'tỉnh Phú Thọ'."""
        self.rng = random.Random(seed)
        self.fates = Fates(self.rng)
        self.today = today
        self.start = today - dt.timedelta(days=365)
        self.communes = communes
        self.places = places
        self.slugs = {p.code: p.slug for p in (*PROVINCES, *OLD_PROVINCES)}
        self.documents: list[DocumentPlan] = []
        self.count = 0

    # Helpers

    def _deadline(self, assigned: dt.date, *, latest: dt.date | None = None) -> dt.date:
        deadline = assigned + dt.timedelta(days=self.rng.choice(DURATIONS))
        if self.rng.random() < 0.3:  # "before the end of the month", as directives often say
            following = (deadline.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
            deadline = following - DAY
        return min(deadline, latest or self.today + dt.timedelta(days=90))

    def _leader(self, province: str, lead: str) -> str:
        if lead[:1].isdigit() and "." in lead and len(lead.split(".")[0]) == 5:
            return f"bithu.{lead.split('.')[0]}"
        suffix = lead.removeprefix(province).removeprefix(".")
        return f"{LEADER_OF[suffix]}.{self.slugs[province]}"

    def _work(self, kind: str, subject: str, commune: Commune | None = None) -> tuple[str, str]:
        title, product = self.rng.choice(WORK[kind])
        return title.format(s=subject, commune=commune.in_text if commune else ""), product

    def _task(self, *, province: str, lead: str, kind: str, subject: str, assigned: dt.date, horizon: dt.date,
              commune: Commune | None = None, coordinators: tuple[str, ...] = (), latest: dt.date | None = None) -> TaskPlan:
        title, product = self._work(kind, subject, commune)
        recurring = commune is None and self.rng.random() < 0.02
        deadline = None if recurring else self._deadline(assigned, latest=latest)
        steps = self.fates.draw(assigned=assigned, deadline=deadline, horizon=horizon)
        return TaskPlan(title=title, lead=lead, leader=self._leader(province, lead), product=product, deadline=deadline,
                        recurrence="hằng tháng" if recurring else "", coordinators=coordinators, steps=steps)

    def _add(self, plan: DocumentPlan) -> DocumentPlan:
        self.documents.append(plan)
        self.count += plan.count()
        return plan

    def _province_tasks(self, province: str, subject: str, assigned: dt.date, leads: tuple[str, ...], *,
                        horizon: dt.date, n: int, communes: int = 0, coordinate: bool = True,
                        latest: dt.date | None = None) -> list[TaskPlan]:
        tasks = []
        for suffix in self.rng.sample(leads, min(n, len(leads))):
            others = [f"{province}.{s}" for s in leads if s != suffix]
            coordinators = tuple(self.rng.sample(others, 1)) if coordinate and self.rng.random() < 0.3 else ()
            tasks.append(self._task(province=province, lead=f"{province}.{suffix}", kind=suffix, subject=subject,
                                    assigned=assigned, horizon=horizon, coordinators=coordinators, latest=latest))
        for commune in self.rng.sample(self.communes.get(province, []), min(communes, len(self.communes.get(province, [])))):
            tasks.append(self._task(province=province, lead=f"{commune.code}.UBND", kind="commune.UBND", subject=subject,
                                    assigned=assigned, horizon=horizon, commune=commune))
        return tasks

    def _window(self, windows) -> tuple[dt.date, dt.date] | None:
        first, last = max(self.start, CENTRAL_TERM_STARTS), self.today - dt.timedelta(days=25)
        if first > last:
            return None
        if windows is None:
            return first, last
        for begin, end in windows:
            lo, hi = max(begin, first), min(end, last)
            if lo <= hi:
                return lo, hi
        return None

    # The parts of the workload

    def old_provinces(self, budget: int) -> None:
        """Half a year of the closed provinces' work; whatever was open on 30 June 2025 stays open."""
        horizon = MERGER - DAY
        n = 0
        while n < budget:
            place = self.rng.choice(OLD_PROVINCES)
            issued = self.fates.between(dt.date(2025, 1, 6), dt.date(2025, 6, 25))
            side, type_code, title, subject = self.rng.choice([t for t in PROVINCE_TOPICS if t[0] == "party"])
            plan = DocumentPlan(key=f"old-{len(self.documents)}", issuing_unit=f"{place.code}.TU.BTV", type=type_code,
                                issued_on=issued, title=title.format(year=_plan_year(issued)), text=GENERATED)
            plan.tasks = self._province_tasks(place.code, subject.format(year=_plan_year(issued)), issued, OLD_LEADS,
                                              horizon=horizon, n=self.rng.randint(3, 5), coordinate=False,
                                              latest=dt.date(2025, 12, 31))
            self._add(plan)
            n += plan.count()

    def cascade(self, n_central: int) -> None:
        """Central documents; each province plans its implementation (late or not yet, sometimes), then some communes."""
        topics = [(topic, window) for topic in CENTRAL_TOPICS if (window := self._window(topic[3])) is not None]
        chosen = self.rng.sample(topics, min(n_central, len(topics)))
        free = [index for index, (topic, _) in enumerate(chosen) if topic[3] is None]
        if free:
            chosen.append(chosen.pop(free[-1]))
        for index, ((type_code, title, subject, windows, references), (lo, hi)) in enumerate(chosen):
            issued = self.fates.between(lo, hi)
            if index == len(chosen) - 1 and windows is None:
                # The latest directive is recent, so that its work is still being handed down to the communes.
                issued = max(lo, self.today - dt.timedelta(days=self.rng.randint(25, 50)))
            key = f"tw-{index}"
            central = DocumentPlan(key=key, issuing_unit="VN.TW", type=type_code, issued_on=issued, title=title, text=GENERATED,
                                   relations=[Relation(kind, number, on) for kind, number, on in references])
            for place in PROVINCES:
                central.tasks.append(self._plan_task(central, place, subject))
                if self.rng.random() < 0.5:
                    central.tasks.append(self._ground_task(central, place, subject))
            self._add(central)

    def _plan_task(self, central: DocumentPlan, place: Place, subject: str) -> TaskPlan:
        """'Issue your implementing plan within 30 days': done the day the province's plan is issued."""
        rng, today = self.rng, self.today
        deadline = central.issued_on + dt.timedelta(days=30)
        r = rng.random()
        delay = rng.randint(6, 30) if r < 0.75 else rng.randint(31, 55) if r < 0.87 else None
        steps: list[Step] = []
        if delay is not None and delay > 30 and rng.random() < 0.4:
            steps.append(Step("extend", to=central.issued_on + dt.timedelta(days=delay + rng.randint(0, 5)),
                              text=rng.choice(EXTENSION_REASONS)))
        issued = central.issued_on + dt.timedelta(days=delay) if delay is not None else None
        if issued is not None and issued <= today:
            steps += self.fates.done(issued, today, assigned=central.issued_on)
            self._province_plan(central, place, subject, issued)
        else:
            steps.append(self.fates.report(rng.randint(30, 80), late=deadline < today))
        return TaskPlan(title=f"Xây dựng, ban hành kế hoạch thực hiện {_lower_first(central.title)} tại {self.places[place.code]}",
                        lead=f"{place.code}.TU", leader=f"bithu.{place.slug}", product="Kế hoạch của Ban Thường vụ được ban hành",
                        deadline=deadline, steps=steps)

    def _ground_task(self, central: DocumentPlan, place: Place, subject: str) -> TaskPlan:
        """Work the whole province does; while it is open and not yet due, the province hands parts to its communes."""
        assigned = central.issued_on
        deadline = min(assigned + dt.timedelta(days=self.rng.randint(150, 210)), self.today + dt.timedelta(days=90))
        plan = TaskPlan(title=f"Tổ chức thực hiện nội dung về {subject} tại các xã, phường; tổng hợp, báo cáo kết quả",
                        lead=place.code, leader=f"chutich.{place.slug}", product="Báo cáo kết quả thực hiện của tỉnh",
                        deadline=deadline, steps=self.fates.draw(assigned=assigned, deadline=deadline, horizon=self.today))
        if self.fates.is_open(plan.steps) and deadline >= self.today + dt.timedelta(days=7):
            for commune in self.rng.sample(self.communes[place.code], self.rng.randint(2, 4)):
                part_deadline = max(self.today, deadline - dt.timedelta(days=self.rng.randint(0, 10)))
                part = TaskPlan(title=f"Thực hiện nội dung về {subject} trên địa bàn {commune.in_text}",
                                lead=f"{commune.code}.UBND", leader=f"bithu.{commune.code}",
                                product="Báo cáo kết quả thực hiện của xã", deadline=part_deadline)
                r = self.rng.random()
                if r < 0.4:
                    part.steps = [self.fates.report(self.rng.randint(10, 70))]
                elif r < 0.55:
                    part.steps = [Step("submit", on=self.today), Step("complete", on=self.today)]
                elif r < 0.65:
                    part.steps = [Step("submit", on=self.today)]
                plan.parts.append(part)
        return plan

    def _province_plan(self, central: DocumentPlan, place: Place, subject: str, issued: dt.date) -> None:
        plan = DocumentPlan(key=f"{central.key}-{place.code}", issuing_unit=f"{place.code}.TU.BTV", type="KH", issued_on=issued,
                            title=f"Kế hoạch thực hiện {_lower_first(central.title)}", text=GENERATED,
                            relations=[Relation("implements", f"@{central.key}")])
        plan.tasks = self._province_tasks(place.code, subject, issued, PARTY_LEADS, horizon=self.today,
                                          n=self.rng.randint(3, 6), communes=self.rng.randint(0, 2))
        self._add(plan)
        for commune in self.rng.sample(self.communes[place.code], self.rng.randint(0, 2)):
            day = issued + dt.timedelta(days=self.rng.randint(5, 25))
            if day > self.today:
                continue
            local = DocumentPlan(key=f"{plan.key}-{commune.code}", issuing_unit=f"{commune.code}.DU", type="KH", issued_on=day,
                                 title=f"Kế hoạch thực hiện {_lower_first(central.title)}", text=GENERATED,
                                 relations=[Relation("implements", f"@{plan.key}")])
            local.tasks = [self._task(province=place.code, lead=f"{commune.code}.UBND", kind="commune.UBND", subject=subject,
                                      assigned=day, horizon=self.today, commune=commune)
                           for _ in range(self.rng.randint(1, 2))]
            if self.rng.random() < 0.5:
                local.tasks.append(self._task(province=place.code, lead=f"{commune.code}.DU", kind="commune.DU", subject=subject,
                                              assigned=day, horizon=self.today, commune=commune))
            self._add(local)

    def own_documents(self, target: int) -> None:
        """The provinces' own directives and plans until the workload holds `target` tasks."""
        weights = [p.weight for p in PROVINCES]
        while self.count < target:
            place = self.rng.choices(PROVINCES, weights)[0]
            side, type_code, title, subject = self.rng.choice(PROVINCE_TOPICS)
            issued = self.fates.between(self.start, self.today)
            year = _plan_year(issued)
            subject = subject.format(year=year)
            if side == "party":
                plan = DocumentPlan(key=f"own-{len(self.documents)}", issuing_unit=f"{place.code}.TU.BTV", type=type_code,
                                    issued_on=issued, title=title.format(year=year), text=GENERATED)
                plan.tasks = self._province_tasks(place.code, subject, issued, PARTY_LEADS, horizon=self.today,
                                                  n=self.rng.randint(4, 7), communes=self.rng.randint(0, 3))
            else:
                plan = DocumentPlan(key=f"own-{len(self.documents)}", issuing_unit=f"{place.code}.UBND", type=type_code,
                                    office="" if type_code else "VP", issued_on=issued,
                                    title=title.format(year=year), text=GENERATED)
                plan.tasks = self._province_tasks(place.code, subject, issued, STATE_LEADS, horizon=self.today,
                                                  n=self.rng.randint(3, 6), communes=self.rng.randint(1, 4))
            del plan.tasks[max(0, target - self.count):]  # the last document stops at the target
            if plan.tasks:
                self._add(plan)


def workload_plan(*, tasks: int, seed: int, today: dt.date, communes: dict[str, list[Commune]],
                  places: dict[str, str]) -> list[DocumentPlan]:
    """Documents with their tasks, about `tasks` of them, in the order they were issued."""
    planner = Planner(seed=seed, today=today, communes=communes, places=places)
    planner.old_provinces(round(tasks * 0.06))
    planner.cascade(max(1, min(len(CENTRAL_TOPICS), round(tasks / 220))))
    planner.own_documents(tasks)
    order = {id(plan): index for index, plan in enumerate(planner.documents)}
    return sorted(planner.documents, key=lambda plan: (plan.issued_on, order[id(plan)]))


def _plan_year(issued: dt.date) -> int:
    """The year a plan is for: one issued in November or December plans the coming year."""
    return issued.year + 1 if issued.month >= 11 else issued.year


def _lower_first(text: str) -> str:
    return text[0].lower() + text[1:]
