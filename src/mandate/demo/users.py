"""The demo's people: who can log in (one per role, with fresh passwords each run) and the leaders in charge."""
import secrets
import string
from dataclasses import dataclass, field

from mandate.accounts.models import Role, User
from mandate.accounts.services import membership_grant, user_create, user_set_password
from mandate.orgs.models import Unit

# No look-alike characters (0/O, 1/l/I): the password is read off a terminal and typed by hand.
PASSWORD_ALPHABET = "".join(c for c in string.ascii_letters + string.digits if c not in "0O1lI")
PASSWORD_LENGTH = 14


@dataclass(frozen=True)
class Person:
    """A demo user: `memberships` are (unit code, role); the first one is the unit shown in the table."""

    username: str
    full_name: str
    position: str
    memberships: tuple[tuple[str, str], ...]
    login: bool = False
    superuser: bool = False


# The people who log in: one for each role, from the centre down to a commune.
LOGINS: tuple[Person, ...] = (
    Person("admin", "Quản trị hệ thống", "Quản trị viên hệ thống Mandate", (("VN", Role.SYSTEM_ADMIN),),
           login=True, superuser=True),
    Person("quantri.phutho", "Quản trị đơn vị tỉnh Phú Thọ", "Quản trị người dùng và đơn vị của tỉnh Phú Thọ",
           (("25", Role.UNIT_ADMIN),), login=True),
    Person("bithu.phutho", "Bí thư Tỉnh ủy Phú Thọ", "Bí thư Tỉnh ủy Phú Thọ", (("25.TU", Role.LEADER),), login=True),
    # The office registers the committee's documents and assigns its tasks, so it writes for the whole committee.
    Person("vanphong.phutho", "Chuyên viên Văn phòng Tỉnh ủy Phú Thọ", "Chuyên viên theo dõi, đôn đốc nhiệm vụ",
           (("25.TU.VP", Role.SPECIALIST), ("25.TU", Role.SPECIALIST)), login=True),
    Person("tochuc.phutho", "Chuyên viên Ban Tổ chức Tỉnh ủy Phú Thọ", "Chuyên viên Ban Tổ chức Tỉnh ủy",
           (("25.TU.BTC", Role.SPECIALIST),), login=True),
    # The Inspection Commission supervises the whole province, so it reads the whole province.
    Person("kiemtra.phutho", "Kiểm tra viên Ủy ban Kiểm tra Tỉnh ủy Phú Thọ", "Kiểm tra viên",
           (("25.TU.UBKT", Role.INSPECTOR), ("25", Role.INSPECTOR)), login=True),
    Person("xem.phutho", "Người xem tỉnh Phú Thọ", "Theo dõi, không chỉnh sửa", (("25", Role.VIEWER),), login=True),
    Person("vanphong.vietri", "Công chức Văn phòng phường Việt Trì", "Công chức văn phòng Đảng ủy – HĐND – UBND phường",
           (("07900", Role.SPECIALIST),), login=True),
    Person("vanphong.hanoi", "Chuyên viên Văn phòng Thành ủy Hà Nội", "Chuyên viên theo dõi, đôn đốc nhiệm vụ",
           (("01.TU.VP", Role.SPECIALIST), ("01.TU", Role.SPECIALIST)), login=True),
    Person("vanphong.daklak", "Chuyên viên Văn phòng Tỉnh ủy Đắk Lắk", "Chuyên viên theo dõi, đôn đốc nhiệm vụ",
           (("66.TU.VP", Role.SPECIALIST), ("66.TU", Role.SPECIALIST)), login=True),
    # At the Hanoi conference (demo.meetings_hanoi): a member of the Executive Committee who gives opinions in
    # group 1, and the group's secretary, who records the group's; neither may run the meeting.
    Person("daibieu.hanoi", "Giám đốc Sở Nội vụ thành phố Hà Nội",
           "Ủy viên Ban Chấp hành Đảng bộ thành phố, Giám đốc Sở Nội vụ thành phố Hà Nội",
           (("01.UBND.SNV", Role.LEADER),), login=True),
    Person("thuky.hanoi", "Thư ký Tổ thảo luận số 1", "Chuyên viên Văn phòng Thành ủy Hà Nội, thư ký tổ thảo luận",
           (("01.TU.VP", Role.SPECIALIST),), login=True),
)


@dataclass
class People:
    """The demo's users by username, with lookups the builders need."""

    by_username: dict[str, User] = field(default_factory=dict)

    def __getitem__(self, username: str) -> User:
        return self.by_username[username]

    def get(self, username: str) -> User | None:
        return self.by_username.get(username)


def people_ensure(persons: list[Person] | tuple[Person, ...], *, people: People | None = None) -> People:
    """Create the persons that do not exist yet and grant their memberships; reuse the others."""
    people = people or People()
    existing = {u.username: u for u in User.objects.filter(username__in=[p.username for p in persons])}
    units = {u.code: u for u in Unit.objects.filter(code__in={code for p in persons for code, _ in p.memberships})}
    for person in persons:
        user = existing.get(person.username)
        if user is None:
            # A login gets its password from `passwords_reset`; until then nobody can sign in as it.
            user = user_create(actor=None, username=person.username, full_name=person.full_name, position=person.position,
                               is_superuser=person.superuser)
        for code, role in person.memberships:
            membership_grant(actor=None, user=user, unit=units[code], role=role)
        people.by_username[person.username] = user
    return people


def new_password() -> str:
    return "".join(secrets.choice(PASSWORD_ALPHABET) for _ in range(PASSWORD_LENGTH))


def passwords_reset(users: list[User]) -> dict[str, str]:
    """Give each user a fresh random password; the passwords are returned once and never stored in clear."""
    passwords = {}
    for user in users:
        password = new_password()
        user_set_password(actor=None, user=user, password=password)
        passwords[user.username] = password
    return passwords


# The leaders in charge of a province's tasks and its tracking specialist: (username prefix, title, unit suffix, role).
# A title is "{committee}" (Tỉnh ủy Phú Thọ) or "{place}" (tỉnh Phú Thọ) shaped.
PROVINCE_STAFF = (
    ("bithu", "Bí thư {committee}", "TU", Role.LEADER),
    ("phobithu", "Phó Bí thư Thường trực {committee}", "TU", Role.LEADER),
    # The chair directs the whole provincial administration down to the communes, so leads the province's ground.
    ("chutich", "Chủ tịch Ủy ban nhân dân {place}", "", Role.LEADER),
    ("phochutich", "Phó Chủ tịch Ủy ban nhân dân {place}", "UBND", Role.LEADER),
    ("chutich.hdnd", "Chủ tịch Hội đồng nhân dân {place}", "HDND", Role.LEADER),
    ("truongban.tochuc", "Trưởng Ban Tổ chức {committee}", "TU.BTC", Role.LEADER),
    ("chunhiem.ubkt", "Chủ nhiệm Ủy ban Kiểm tra {committee}", "TU.UBKT", Role.LEADER),
    ("chanhvanphong", "Chánh Văn phòng {committee}", "TU.VP", Role.LEADER),
    ("truongban.tgdv", "Trưởng Ban Tuyên giáo và Dân vận {committee}", "TU.BTGDV", Role.LEADER),
    ("bithu.duubnd", "Bí thư Đảng ủy Ủy ban nhân dân {place}", "DU-UBND", Role.LEADER),
    ("chutich.mttq", "Chủ tịch Ủy ban Mặt trận Tổ quốc Việt Nam {place}", "MTTQ", Role.LEADER),
    ("theodoi", "Chuyên viên theo dõi nhiệm vụ {place}", "", Role.SPECIALIST),
)
# Bodies that only provinces of the two-level government have in the demo.
NEW_BODIES = ("DU-UBND", "MTTQ")


def province_people(*, code: str, slug: str, committee: str, place: str, closed: bool = False,
                    named: dict[tuple[str, str], tuple[str, str]] | None = None) -> list[Person]:
    """The people of one province; for a province closed in 2025 their titles say until when."""
    people = []
    for prefix, title, suffix, role in PROVINCE_STAFF:
        if closed and suffix in NEW_BODIES:
            continue
        position = title.format(committee=committee, place=place) + (" (đến 30/6/2025)" if closed else "")
        full_name, position = (named or {}).get((slug, prefix), (position, position))
        unit = f"{code}.{suffix}" if suffix else code
        people.append(Person(f"{prefix}.{slug}", full_name, position, ((unit, role),)))
    return people


def commune_leader(*, code: str, name: str) -> Person:
    """The secretary of a commune's party committee, who leads the commune's tasks and accepts their results."""
    name = " ".join(name.split())
    return Person(f"bithu.{code}", f"Bí thư Đảng ủy {name}", f"Bí thư Đảng ủy {name}", ((code, Role.LEADER),))
