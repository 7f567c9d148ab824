"""Cadre work in the demo: the key posts of Hà Nội and Phú Thọ before and after 2025-07-01, who held them and the
decisions that changed them.

From the seeds: seed 000 — after the 18th congress, the 2nd conference of the Hanoi Party Committee (2025-11-25) did
the personnel work of the city's key posts (chair and vice-chairs of the People's Council and of the People's
Committee, chair of the Inspection Commission); seed 004 — Phú Thọ, merged with Vĩnh Phúc and Hòa Bình on 2025-07-01,
fills the posts of its communes (secretary, deputy secretary, chairs and vice-chairs) by 2025-07-25. The secretary
of the Hanoi Party Committee named in seed 000 holds no record here: the seed states his post, not his personal data,
and a record would have to invent it.

The demo's (every name, birth date, date of a post and decision below is fictional; the decisions carry the demo's
mark): the people; who was elected when and by how many votes; the acting chair of Hà Nội's People's Committee
between the old chair's departure and the election; the posts of the three old provinces until the 2025 merger, which
the merger (`reorganizations.posts`) carries to the new province's posts or lists to be arranged; two rotations of
provincial cadres to communes (seed 004's commune posts); a planned merger of two Phú Thọ communes whose cadres its
preview lists to be arranged; staffing quotas and headcounts.
"""
import datetime as dt
from dataclasses import dataclass

from mandate.accounts.models import User
from mandate.demo.dating import Story
from mandate.demo.workload import GENERATED
from mandate.documents.models import Document
from mandate.documents.services import document_register
from mandate.orgs.models import Term, Unit
from mandate.orgs.selectors import units_list
from mandate.personnel.events import personnel_event_apply
from mandate.personnel.models import Holding, HoldingKind, Person, Position
from mandate.personnel.services import (
    headcount_set, holding_record, person_create, planning_add, position_create, staffing_quota_set,
)
from mandate.personnel.titles import Title
from mandate.reorganizations.models import Reorganization
from mandate.reorganizations.services import reorganization_prepare

D = dt.date
MERGER = D(2025, 7, 1)
TERM_2021 = D(2021, 6, 24)  # the People's Councils of 2021–2026 elected their leaders in late June 2021
COMMUNE_MERGER = D(2027, 1, 1)
COMMUNE_MERGER_BATCH = "demo-xa-2027"
K, M, F = "Kinh", "male", "female"


@dataclass(frozen=True)
class PostFact:
    key: str
    unit: str
    kind: str
    title: str
    seats: int = 1
    managed_by: str = ""  # the committee that manages the post (its Standing Committee); the unit itself if empty
    valid_from: dt.date | None = None


@dataclass(frozen=True)
class PersonFact:
    key: str
    full_name: str
    born: dt.date
    sex: str
    home: str
    ethnicity: str = K
    user: str = ""  # the demo login linked to the record


@dataclass(frozen=True)
class HeldFact:
    person: str
    post: str
    starts_on: dt.date
    ends_on: dt.date | None = None
    kind: str = HoldingKind.OFFICIAL


POSTS = (
    # Hà Nội: the posts of seed 000's personnel work (the city was not merged: its posts run across 2025-07-01).
    PostFact("hn.hdnd.ct", "01.HDND", Title.COUNCIL_CHAIR, "Chủ tịch HĐND thành phố Hà Nội", 1, "01.TU.BTV"),
    PostFact("hn.hdnd.pct", "01.HDND", Title.COUNCIL_VICE_CHAIR, "Phó Chủ tịch HĐND thành phố Hà Nội", 3, "01.TU.BTV"),
    PostFact("hn.ubnd.ct", "01.UBND", Title.COMMITTEE_CHAIR, "Chủ tịch UBND thành phố Hà Nội", 1, "01.TU.BTV"),
    PostFact("hn.ubnd.pct", "01.UBND", Title.COMMITTEE_VICE_CHAIR, "Phó Chủ tịch UBND thành phố Hà Nội", 5, "01.TU.BTV"),
    PostFact("hn.ubkt.cn", "01.TU.UBKT", Title.INSPECTION_CHAIR, "Chủ nhiệm Ủy ban Kiểm tra Thành ủy Hà Nội", 1, "01.TU.BTV"),
    # The three provinces merged into Phú Thọ, until 2025-07-01 (the merger closes their posts).
    *(post for code, place in (("old-25", "Phú Thọ"), ("old-26", "Vĩnh Phúc"), ("old-17", "Hòa Bình")) for post in (
        PostFact(f"{code}.bt", f"{code}.TU", Title.PARTY_SECRETARY, f"Bí thư Tỉnh ủy {place}", 1, f"{code}.TU"),
        PostFact(f"{code}.ct", f"{code}.UBND", Title.COMMITTEE_CHAIR, f"Chủ tịch UBND tỉnh {place}", 1, f"{code}.TU.BTV"),
        PostFact(f"{code}.pct", f"{code}.UBND", Title.COMMITTEE_VICE_CHAIR, f"Phó Chủ tịch UBND tỉnh {place}", 3, f"{code}.TU.BTV"),
        PostFact(f"{code}.ubkt", f"{code}.TU.UBKT", Title.INSPECTION_CHAIR, f"Chủ nhiệm Ủy ban Kiểm tra Tỉnh ủy {place}", 1,
                 f"{code}.TU.BTV"))),
    # Phú Thọ of the two-level government, from 2025-07-01.
    PostFact("pt.bt", "25.TU", Title.PARTY_SECRETARY, "Bí thư Tỉnh ủy Phú Thọ", 1, "25.TU", MERGER),
    PostFact("pt.pbt", "25.TU", Title.STANDING_DEPUTY_SECRETARY, "Phó Bí thư Thường trực Tỉnh ủy Phú Thọ", 1, "25.TU", MERGER),
    PostFact("pt.ct", "25.UBND", Title.COMMITTEE_CHAIR, "Chủ tịch UBND tỉnh Phú Thọ", 1, "25.TU.BTV", MERGER),
    # Decree 300/2025: five to seven vice-chairs in a merged province.
    PostFact("pt.pct", "25.UBND", Title.COMMITTEE_VICE_CHAIR, "Phó Chủ tịch UBND tỉnh Phú Thọ", 7, "25.TU.BTV", MERGER),
    PostFact("pt.hdnd", "25.HDND", Title.COUNCIL_CHAIR, "Chủ tịch HĐND tỉnh Phú Thọ", 1, "25.TU.BTV", MERGER),
    PostFact("pt.btc", "25.TU.BTC", Title.HEAD, "Trưởng Ban Tổ chức Tỉnh ủy Phú Thọ", 1, "25.TU.BTV", MERGER),
    PostFact("pt.btc.pho", "25.TU.BTC", Title.DEPUTY_HEAD, "Phó Trưởng Ban Tổ chức Tỉnh ủy Phú Thọ", 4, "25.TU.BTV", MERGER),
    PostFact("pt.ubkt", "25.TU.UBKT", Title.INSPECTION_CHAIR, "Chủ nhiệm Ủy ban Kiểm tra Tỉnh ủy Phú Thọ", 1, "25.TU.BTV", MERGER),
    PostFact("pt.snv.pho", "25.UBND.SNV", Title.DEPUTY_HEAD, "Phó Giám đốc Sở Nội vụ tỉnh Phú Thọ", 3, "25.TU.BTV", MERGER),
)

PEOPLE = (
    # Hà Nội
    PersonFact("hn.dao", "Phan Minh Đạo", D(1964, 5, 12), M, "Hà Nội"),
    PersonFact("hn.van", "Đinh Thị Hà Vân", D(1969, 8, 3), F, "Hà Nội"),
    PersonFact("hn.tuong", "Lục Văn Tường", D(1968, 2, 20), M, "Lạng Sơn", "Tày"),
    PersonFact("hn.lam", "Kiều Quang Lâm", D(1966, 11, 7), M, "Hà Nội"),
    PersonFact("hn.binh", "Tạ Hữu Bình", D(1972, 4, 18), M, "Hà Nội"),
    PersonFact("hn.trang", "Mai Thị Thu Trang", D(1975, 9, 9), F, "Nam Định"),
    PersonFact("hn.nghia", "Âu Đức Nghĩa", D(1974, 1, 25), M, "Hà Nội"),
    PersonFact("hn.thuan", "Trịnh Văn Thuận", D(1965, 6, 30), M, "Thanh Hóa"),
    PersonFact("hn.nguyet", "Giang Thị Minh Nguyệt", D(1973, 3, 14), F, "Hà Nội"),
    PersonFact("hn.hieu", "Nông Văn Hiếu", D(1977, 12, 2), M, "Cao Bằng", "Nùng"),
    PersonFact("hn.oanh", "Vi Thị Kim Oanh", D(1978, 7, 21), F, "Hà Nội"),
    PersonFact("hn.tam", "Hứa Minh Tâm", D(1971, 10, 10), M, "Hà Nội"),
    # The three old provinces, and Phú Thọ after the merger
    PersonFact("pt.thai", "Lê Hồng Thái", D(1970, 4, 4), M, "Phú Thọ", user="bithu.phutho"),
    PersonFact("pt.son", "Cao Văn Sơn", D(1966, 9, 15), M, "Phú Thọ"),
    PersonFact("pt.lien", "Quách Thị Liên", D(1976, 2, 28), F, "Phú Thọ"),
    PersonFact("pt.kiem", "Ngô Đức Kiểm", D(1970, 12, 12), M, "Phú Thọ"),
    PersonFact("vp.hung", "Khổng Văn Hưng", D(1969, 9, 3), M, "Vĩnh Phúc"),
    PersonFact("vp.quyet", "Lưu Minh Quyết", D(1970, 8, 8), M, "Vĩnh Phúc", user="chutich.phutho"),
    PersonFact("vp.hoa", "Triệu Thị Hòa", D(1977, 5, 5), F, "Vĩnh Phúc"),
    PersonFact("vp.dung", "Hoàng Tiến Dũng", D(1969, 1, 19), M, "Vĩnh Phúc"),
    PersonFact("hb.thang", "Bạch Công Thắng", D(1965, 7, 7), M, "Hòa Bình", "Mường"),
    PersonFact("hb.hanh", "Đinh Thị Hạnh", D(1972, 10, 20), F, "Hòa Bình", "Mường"),
    PersonFact("hb.cuong", "Xa Văn Cường", D(1974, 6, 16), M, "Hòa Bình", "Mường"),
    PersonFact("hb.loan", "Quách Thị Loan", D(1971, 11, 11), F, "Hòa Bình", "Mường"),
    PersonFact("pt.hien", "Đỗ Thu Hiền", D(1973, 9, 2), F, "Phú Thọ", user="truongban.tochuc.phutho"),
    PersonFact("pt.khoa", "Nguyễn Đăng Khoa", D(1986, 5, 17), M, "Phú Thọ"),
    PersonFact("pt.yen", "Hà Thị Yến", D(1988, 8, 26), F, "Hòa Bình", "Mường"),
)

HELD = (
    # Hà Nội before the congress; the chair of the People's Committee leaves with the conference, and the first
    # vice-chair acts until the People's Council elects the new chair.
    HeldFact("hn.dao", "hn.hdnd.ct", TERM_2021, D(2025, 12, 10)),
    HeldFact("hn.van", "hn.hdnd.pct", TERM_2021), HeldFact("hn.tuong", "hn.hdnd.pct", TERM_2021),
    HeldFact("hn.lam", "hn.ubnd.ct", TERM_2021, D(2025, 11, 26)),
    HeldFact("hn.binh", "hn.ubnd.pct", TERM_2021), HeldFact("hn.trang", "hn.ubnd.pct", TERM_2021),
    HeldFact("hn.nghia", "hn.ubnd.pct", D(2023, 3, 1)),
    HeldFact("hn.binh", "hn.ubnd.ct", D(2025, 11, 26), D(2025, 12, 10), HoldingKind.ACTING),
    HeldFact("hn.thuan", "hn.ubkt.cn", D(2020, 10, 16), D(2025, 11, 25)),
    # The old provinces until the merger (their files say "to 30/6/2025"); two posts still open on the day, which
    # the 2025 merger hands on: Hòa Bình's vice-chair fits a free seat of Phú Thọ's seven; Vĩnh Phúc's chair of the
    # Inspection Commission finds Phú Thọ's one seat taken and waits to be arranged.
    HeldFact("pt.thai", "old-25.bt", D(2020, 10, 15), MERGER), HeldFact("pt.son", "old-25.ct", TERM_2021, MERGER),
    HeldFact("pt.lien", "old-25.pct", TERM_2021, MERGER), HeldFact("pt.kiem", "old-25.ubkt", D(2020, 10, 15), MERGER),
    HeldFact("vp.hung", "old-26.bt", D(2020, 10, 17), MERGER), HeldFact("vp.quyet", "old-26.ct", TERM_2021, MERGER),
    HeldFact("vp.hoa", "old-26.pct", TERM_2021, MERGER), HeldFact("vp.dung", "old-26.ubkt", D(2020, 10, 17)),
    HeldFact("hb.thang", "old-17.bt", D(2020, 10, 14), MERGER), HeldFact("hb.hanh", "old-17.ct", TERM_2021, MERGER),
    HeldFact("hb.cuong", "old-17.pct", TERM_2021), HeldFact("hb.loan", "old-17.ubkt", D(2020, 10, 14), MERGER),
    # Phú Thọ's provincial cadres who are rotated to the communes in July 2025
    HeldFact("pt.khoa", "pt.btc.pho", MERGER), HeldFact("pt.yen", "pt.snv.pho", MERGER),
)

# The decisions of the merged province's key posts, 2025-07-01 (designations by the centre and the province).
DESIGNATIONS = (("pt.thai", "pt.bt"), ("vp.hung", "pt.pbt"), ("vp.quyet", "pt.ct"), ("hb.hanh", "pt.hdnd"),
                ("pt.lien", "pt.pct"), ("vp.hoa", "pt.pct"), ("pt.hien", "pt.btc"), ("pt.kiem", "pt.ubkt"))
# Seed 000: the 2nd conference nominates (giới thiệu) for the People's Council to elect; the Executive Committee elects
# the chair of its Inspection Commission itself.
NOMINATIONS = (("hn.nguyet", "hn.hdnd.ct"), ("hn.binh", "hn.ubnd.ct"), ("hn.hieu", "hn.ubnd.pct"), ("hn.oanh", "hn.hdnd.pct"))
ELECTIONS = (("hn.nguyet", "hn.hdnd.ct", (95, 92, 90)), ("hn.binh", "hn.ubnd.ct", (95, 92, 91)),
             ("hn.hieu", "hn.ubnd.pct", (95, 92, 86)), ("hn.oanh", "hn.hdnd.pct", (95, 92, 88)))


_STORY = Story()  # the build's story while `cadres_build` runs (each decision, event and plan at its own day)


def _decision(issuer: str, type_: str, day: dt.date, title: str, registrar: User | None = None) -> Document:
    with _STORY.at(day, hour=8):
        return document_register(actor=registrar, issuing_unit=Unit.objects.get(code=issuer), type=type_, issued_on=day,
                                 title=title, text=GENERATED)


def _event(**kwargs):
    """A personnel event, noted in the story at its effective date."""
    with _STORY.at(kwargs["effective_on"], hour=14):
        return personnel_event_apply(**kwargs)


def _communes(day: dt.date, clerk: str) -> list[Unit]:
    """The first two communes of Phú Thọ (by code) other than the clerk's ward: the planned commune merger's."""
    province = Unit.objects.get(code="25")
    rows = [u for u in units_list(as_of=day, level="commune", parent=province).order_by("code") if u.code != clerk]
    return rows[:2]


def _commune_posts(commune: Unit) -> list[PostFact]:
    place = commune.name[:1].lower() + commune.name[1:]
    return [PostFact(f"{commune.code}.bt", f"{commune.code}.DU", Title.PARTY_SECRETARY, f"Bí thư Đảng ủy {place}", 1, "25.TU.BTV", MERGER),
            PostFact(f"{commune.code}.ct", f"{commune.code}.UBND", Title.COMMITTEE_CHAIR, f"Chủ tịch UBND {place}", 1, "25.TU.BTV", MERGER),
            PostFact(f"{commune.code}.pct", f"{commune.code}.UBND", Title.COMMITTEE_VICE_CHAIR, f"Phó Chủ tịch UBND {place}", 2,
                     "25.TU.BTV", MERGER)]


COMMUNE_PEOPLE = (("Lò Văn Tiến", D(1979, 3, 9), M, "Mường"), ("Đinh Thị Thanh", D(1983, 11, 30), F, "Mường"),
                  ("Phùng Văn Hải", D(1981, 1, 12), M, K), ("Kim Thị Ngọc", D(1985, 7, 4), F, K),
                  ("Trần Đức Toàn", D(1978, 12, 24), M, K), ("Bùi Thị Nga", D(1984, 4, 15), F, "Mường"))


def cadres_build(*, clerk_commune: str, story: Story | None = None) -> dict[str, int]:
    """Write the demo's cadre files through personnel's services; returns what it wrote. The records are noted in
    `story`: the posts, people and holdings at the merger's day, each decision and event at its own."""
    global _STORY
    _STORY = story or Story()
    with _STORY.at(MERGER, hour=9):
        return _cadres_build(clerk_commune)


def _cadres_build(clerk_commune: str) -> dict[str, int]:
    communes = _communes(MERGER, clerk_commune)
    facts = [*POSTS, *(post for commune in communes for post in _commune_posts(commune))]
    units = Unit.objects.in_bulk({f.unit for f in facts} | {f.managed_by for f in facts if f.managed_by}, field_name="code")
    posts: dict[str, Position] = {}
    for fact in facts:
        posts[fact.key] = position_create(actor=None, unit=units[fact.unit], kind=fact.kind, title=fact.title, seats=fact.seats,
                                          managing_unit=units.get(fact.managed_by), valid_from=fact.valid_from)
    users = User.objects.in_bulk({f.user for f in PEOPLE if f.user}, field_name="username")
    people: dict[str, Person] = {}
    for fact in PEOPLE:
        kept = "01.UBND" if fact.key.startswith("hn.") else "25.UBND"
        people[fact.key] = person_create(actor=None, full_name=fact.full_name, birth_date=fact.born, sex=fact.sex,
                                         kept_by=Unit.objects.get(code=kept), home_province=fact.home, ethnicity=fact.ethnicity,
                                         party_joined_on=D(fact.born.year + 23, 5, 19), party_full_member_on=D(fact.born.year + 24, 5, 19),
                                         education="Thạc sĩ" if fact.born.year < 1975 else "Cử nhân",
                                         political_theory="advanced", user=users.get(fact.user))
    holdings: dict[tuple[str, str], Holding] = {}
    for fact in HELD:
        holdings[(fact.person, fact.post)] = holding_record(
            actor=None, person=people[fact.person], position=posts[fact.post], starts_on=fact.starts_on, ends_on=fact.ends_on,
            kind=fact.kind)
    names = iter(COMMUNE_PEOPLE)
    for commune in communes:
        # One holder a post; the second vice-chair's seat is filled by a rotation (below).
        for post_key in (f"{commune.code}.bt", f"{commune.code}.ct", f"{commune.code}.pct"):
            full_name, born, sex, ethnicity = next(names)
            person = person_create(actor=None, full_name=full_name, birth_date=born, sex=sex, kept_by=commune,
                                   home_province="Phú Thọ", ethnicity=ethnicity)
            holding_record(actor=None, person=person, position=posts[post_key], starts_on=MERGER)
    events = _events(people, posts, holdings, communes)
    for code, quota, count in (("25.UBND", 95, 128), ("25.TU.BTC", 40, 52), ("01.UBND", 110, 104)):
        staffing_quota_set(actor=None, unit=Unit.objects.get(code=code), year=2025, quota=quota)
        headcount_set(actor=None, unit=Unit.objects.get(code=code), year=2025, count=count, protected=3)
    _commune_merger(communes)
    return {"posts": len(posts), "people": Person.objects.count(), "holdings": Holding.objects.count(), "events": events}


def _events(people, posts, holdings, communes: list[Unit]) -> int:
    count = 0
    central = _decision("VN.TW", "QĐ", D(2025, 6, 30), "Quyết định chỉ định nhân sự chủ chốt tỉnh Phú Thọ sau hợp nhất")
    provincial = _decision("25.TU.BTV", "QĐ", MERGER, "Quyết định phân công, chỉ định cán bộ sau hợp nhất tỉnh")
    for person, post in DESIGNATIONS:
        document = central if post in ("pt.bt", "pt.pbt", "pt.ct") else provincial
        _event(actor=None, kind="designation", person=people[person], document=document, effective_on=MERGER,
                              position=posts[post], dossier_received_on=D(2025, 6, 20))
        count += 1
    conference = _decision("01.TU.BCH", "NQ", D(2025, 11, 25), "Nghị quyết Hội nghị lần thứ hai Ban Chấp hành Đảng bộ thành phố "
                           "về công tác cán bộ")
    for person, post in NOMINATIONS:
        _event(actor=None, kind="nomination", person=people[person], document=conference,
                              effective_on=D(2025, 11, 25), position=posts[post], dossier_received_on=D(2025, 11, 20))
        count += 1
    _event(actor=None, kind="election", person=people["hn.tam"], document=conference, effective_on=D(2025, 11, 25),
                          position=posts["hn.ubkt.cn"], votes_convened=75, votes_present=72, votes_for=70)
    council = _decision("01.HDND", "NQ", D(2025, 12, 10), "Nghị quyết của Hội đồng nhân dân thành phố về kết quả bầu chức danh")
    for person, post, (convened, present, votes_for) in ELECTIONS:
        # The acting chair elected chair leaves his vice-chair's seat; his acting post ended that day already.
        ends = [holdings[("hn.binh", "hn.ubnd.pct")]] if person == "hn.binh" else []
        _event(actor=None, kind="election", person=people[person], document=council, effective_on=D(2025, 12, 10),
                              position=posts[post], ends=ends, votes_convened=convened, votes_present=present, votes_for=votes_for)
        count += 1
    # Seed 004: the commune posts filled before 2025-07-25, two of them by rotating provincial cadres planned for them.
    term = Term.objects.filter(unit__code="25.TU").order_by("-starts_on").first()
    rotation = _decision("25.TU.BTV", "QĐ", D(2025, 7, 18), "Quyết định luân chuyển cán bộ về công tác tại cấp xã")
    first, second = communes
    for person, held, target in (("pt.khoa", "pt.btc.pho", _post_of(second, Title.COMMITTEE_VICE_CHAIR, "Phó Chủ tịch UBND")),
                                 ("pt.yen", "pt.snv.pho", _post_of(first, Title.COMMITTEE_VICE_CHAIR, "Phó Chủ tịch UBND"))):
        with _STORY.at(D(2025, 7, 5)):
            planning_add(actor=None, person=people[person], position=posts["pt.pct"], term=term, added_on=D(2025, 7, 5))
        _event(actor=None, kind="rotation", person=people[person], document=rotation, effective_on=D(2025, 7, 20),
                              position=target, ends=[holdings[(person, held)]], ends_on=D(2028, 7, 20))
        count += 1
    return count + 1


def _post_of(commune: Unit, kind: str, title_start: str) -> Position:
    return Position.objects.filter(unit__code=f"{commune.code}.UBND", kind=kind, title__startswith=title_start).get()


def _commune_merger(communes: list[Unit]) -> Reorganization:
    """A merger of the first commune into the second, planned for 2027: its preview lists the merged commune's cadres
    to be arranged (the second commune's posts are all held). Prepared, not applied: the demo's communes stay."""
    gone, kept = communes
    links = [(gone, kept.code), *((Unit.objects.get(code=f"{gone.code}.{suffix}"), f"{kept.code}.{suffix}")
                                  for suffix in ("DU", "UBND"))]
    return reorganization_prepare(
        actor=None, kind="merge", effective_on=COMMUNE_MERGER, batch=COMMUNE_MERGER_BATCH, links=links,
        note=f"Minh họa của bản demo: sáp nhập {gone.name} vào {kept.name}; cán bộ của {gone.name} chờ bố trí.")
