"""A country in a box: a deterministic, national-scale workload written in bulk.

The loader bypasses the services for speed, but it writes only rows the services could have
written: every CHECK and UNIQUE constraint of the models holds, numbers come from one counter per
sequence whose last value ends in `NumberSequence.last_number`, search columns are built by
`core.text.searchable`, and the load leaves ONE audit record in its own transaction.

Shape of the country (all sizes derive from `Plan`):
  the centre (VN.TW) issues conclusions, resolutions and directives to every province's party
  committee; each province issues implementing plans (NN.TU / NN.TU.BTV, KH) and decisions of its
  People's Committee (NN.UBND, QĐ) to its bodies and communes; each commune issues plans of its
  party committee (NNNNN.DU) and decisions of its People's Committee (NNNNN.UBND). Every lower
  document `implements` one above it. Some province tasks are delegated to communes as child tasks.
"""
import bisect
import datetime as dt
import gc
import json
import random
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from itertools import islice

from django.db import connection, transaction
from psycopg.copy import QueuedLibpqWriter

from mandate.accounts.models import Membership, Role, User
from mandate.audit.services import audit_record
from mandate.core.text import fold, searchable
from mandate.documents import numbering
from mandate.documents.models import Document, DocumentRelation, NumberSequence
from mandate.documents.services import number_key
from mandate.orgs.models import Placement, Term, Tier, Unit, UnitKind
from mandate.orgs.territory import MERGER_EFFECTIVE, merger_successors
from mandate.personnel.models import Holding, Person, Position
from mandate.personnel.titles import Title, grade_of
from mandate.reorganizations.models import Reorganization
from mandate.search import index as search_index
from mandate.tasks.models import Extension, ProgressReport, Task, TaskCoordinator, TaskEvent
from mandate.tasks.tallies import tallies_rebuild

# Shares of the workload; they make a country where most work happens in the communes.
CENTRAL_SHARE = 0.02
PROVINCE_SHARE = 0.38
PROVINCE_BODY_SUFFIXES = ("TU.VP", "TU.BTC", "TU.UBKT", "TU.BTGDV", "UBND", "HDND")

VERBS = ("Triển khai", "Xây dựng kế hoạch", "Tổ chức quán triệt", "Báo cáo kết quả", "Kiểm tra, giám sát", "Rà soát",
         "Tổng kết", "Sơ kết", "Hoàn thiện", "Tham mưu ban hành", "Đôn đốc thực hiện", "Tuyên truyền",
         "Đánh giá tình hình", "Chỉ đạo thực hiện", "Cụ thể hóa")
TOPICS = ("công tác cán bộ", "chuyển đổi số", "sắp xếp tổ chức bộ máy", "phòng, chống tham nhũng, lãng phí",
          "xây dựng nông thôn mới", "cải cách hành chính", "giải ngân vốn đầu tư công", "công tác dân vận",
          "bảo vệ môi trường", "phát triển kinh tế tư nhân", "đổi mới sáng tạo", "an sinh xã hội",
          "quy chế dân chủ ở cơ sở", "công tác kiểm tra, giám sát", "đại hội đảng bộ các cấp", "chính quyền địa phương hai cấp",
          "đất đai và tài nguyên", "giáo dục và đào tạo", "y tế cơ sở", "quốc phòng, an ninh")
PRODUCTS = ("Báo cáo kết quả thực hiện", "Kế hoạch được ban hành", "Quyết định được ban hành", "Đề án trình Ban Thường vụ",
            "Tờ trình kèm dự thảo", "Báo cáo sơ kết", "Hướng dẫn được ban hành")
REPORT_TEXTS = ("Đã tổ chức hội nghị quán triệt", "Đã ban hành kế hoạch thực hiện", "Đang rà soát, tổng hợp số liệu",
                "Đã hoàn thành dự thảo, đang lấy ý kiến", "Đã trình lãnh đạo cho ý kiến", "Đã kiểm tra tại cơ sở",
                "Tiến độ đạt yêu cầu", "Đã tổng hợp báo cáo gửi cấp trên")
# The posts of a body (title, how the body's name is preceded, seats in a province's body, in a commune's, the share
# of seats filled): a few per unit, some seats vacant as in any real staffing.
POSTS = {
    UnitKind.PARTY_COMMITTEE: ((Title.PARTY_SECRETARY, "Bí thư", 1, 1, 0.95), (Title.DEPUTY_SECRETARY, "Phó Bí thư", 3, 2, 0.8)),
    UnitKind.PEOPLES_COMMITTEE: ((Title.COMMITTEE_CHAIR, "Chủ tịch", 1, 1, 0.95),
                                 (Title.COMMITTEE_VICE_CHAIR, "Phó Chủ tịch", 4, 2, 0.75)),
    UnitKind.PEOPLES_COUNCIL: ((Title.COUNCIL_CHAIR, "Chủ tịch", 1, 1, 0.9), (Title.COUNCIL_VICE_CHAIR, "Phó Chủ tịch", 2, 1, 0.7)),
    UnitKind.INSPECTION_COMMISSION: ((Title.INSPECTION_CHAIR, "Chủ nhiệm", 1, 1, 0.9),
                                     (Title.INSPECTION_VICE_CHAIR, "Phó Chủ nhiệm", 3, 1, 0.6)),
    UnitKind.OFFICE: ((Title.HEAD, "Chánh", 1, 1, 0.9), (Title.DEPUTY_HEAD, "Phó Chánh", 3, 1, 0.6)),
    UnitKind.ORGANIZATION_COMMITTEE: ((Title.HEAD, "Trưởng", 1, 1, 0.9), (Title.DEPUTY_HEAD, "Phó Trưởng", 3, 1, 0.6)),
    UnitKind.PROPAGANDA_COMMITTEE: ((Title.HEAD, "Trưởng", 1, 1, 0.9), (Title.DEPUTY_HEAD, "Phó Trưởng", 3, 1, 0.6)),
}
FAMILY_NAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Đinh")
MIDDLE_NAMES = {"male": ("Văn", "Minh", "Quốc", "Hữu", "Đức", "Thanh", "Xuân"), "female": ("Thị", "Thu", "Thanh", "Ngọc", "Kim")}
GIVEN_NAMES = {"male": ("Hùng", "Dũng", "Tuấn", "Hải", "Sơn", "Nam", "Long", "Thắng", "Quang", "Bình", "Trung", "Khánh"),
               "female": ("Lan", "Hương", "Mai", "Hà", "Hoa", "Thủy", "Hằng", "Nga", "Linh", "Phương", "Yến", "Thảo")}
EXTENSION_REASONS = ("Chờ ý kiến của cơ quan liên quan", "Khối lượng công việc lớn, cần thêm thời gian khảo sát",
                     "Sắp xếp tổ chức bộ máy làm thay đổi đầu mối thực hiện")
CENTRAL_TYPES = (("KL", "Kết luận của Bộ Chính trị về"), ("NQ", "Nghị quyết về"), ("CT", "Chỉ thị về tăng cường"))


@dataclass(frozen=True)
class Plan:
    tasks: int
    seed: int
    today: dt.date
    reports_per_task: int = 5
    months: int = 18
    commune_user_share: float = 0.1
    child_share: float = 0.05
    coordinator_share: float = 0.25
    extension_share: float = 0.06
    confidential_share: float = 0.01  # documents (and their tasks) of level 1, Mật
    defer_indexes: bool = True


@dataclass
class Result:
    counts: dict
    seconds: dict

    def tasks_per_second(self) -> float:
        return self.counts["tasks"] / max(self.seconds["committed"], 1e-9)


# --- writing rows -------------------------------------------------------------------------------

class Writer:
    """Rows in, table out. Values are str, int or bool; NULL is `self.null`; timestamps come from `stamps`."""

    null: object = None
    stamp_suffix = ""
    lines = False  # whether the bulkiest tables may hand over rows as finished COPY text lines
    BATCH = 20000

    def __init__(self):
        self.rows_written: dict[str, int] = {}
        self.seconds: dict[str, float] = {}

    def stamps(self, days: list[str], clock: str) -> list[str]:
        """One timestamp per day of `days` at `clock` UTC (09:00 in Hanoi is 02:00 UTC)."""
        return [f"{day} {clock}{self.stamp_suffix}" for day in days]

    def batches(self, rows) -> Iterator[tuple[int, object]]:
        """The rows grouped as this writer sends them, each with its row count."""
        raise NotImplementedError

    def write(self, model, columns: list[str], rows) -> int:
        return self.write_batches(model, columns, self.batches(rows))

    def write_batches(self, model, columns: list[str], batches) -> int:
        table = model._meta.db_table
        started = time.perf_counter()
        count = self._send(table, columns, batches)
        self.rows_written[table] = self.rows_written.get(table, 0) + count
        self.seconds[table] = self.seconds.get(table, 0.0) + time.perf_counter() - started
        return count

    def _send(self, table: str, columns: list[str], batches) -> int:
        raise NotImplementedError

    def begin(self) -> None:
        pass

    def end(self) -> None:
        pass


class PostgresWriter(Writer):
    """COPY FROM STDIN in text format; a psycopg thread sends while Python formats the next batch."""

    null = r"\N"
    stamp_suffix = "+00"
    lines = True

    def begin(self):
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit = off")

    def batches(self, rows):
        # Every value is already a str or an int (True/False read as booleans), so one C-level join per row
        # formats it; the vocabularies hold no tab, newline or backslash (checked by Generator). Rows that come
        # as finished lines (`lines`) are joined as they are.
        rows = iter(rows)
        while chunk := list(islice(rows, self.BATCH)):
            if isinstance(chunk[0], str):
                yield len(chunk), "\n".join(chunk) + "\n"
            else:
                yield len(chunk), "\n".join(["\t".join(map(str, row)) for row in chunk]) + "\n"

    def _send(self, table, columns, batches):
        count = 0
        with connection.cursor() as cursor:
            raw = cursor.cursor
            with raw.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN", writer=QueuedLibpqWriter(raw)) as copy:
                for size, text in batches:
                    copy.write(text)
                    count += size
        return count


class SqliteWriter(Writer):
    """executemany in big batches inside the one transaction."""

    BATCH = 50000

    def begin(self):
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA cache_size = -400000")  # 400 MB of page cache while the load runs

    def end(self):
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA cache_size = -2000")  # back to SQLite's default

    def batches(self, rows):
        rows = iter(rows)
        while chunk := list(islice(rows, self.BATCH)):
            yield len(chunk), chunk

    def _send(self, table, columns, batches):
        sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
        raw = connection.connection  # the sqlite3 connection under Django's wrapper
        count = 0
        for size, chunk in batches:
            raw.executemany(sql, chunk)
            count += size
        return count


class DeferredStructures:
    """Drop the plain indexes (and on PostgreSQL the foreign keys) of the bulk tables for the load, then rebuild them.

    PostgreSQL: a row-by-row foreign key check queues one trigger event per row and fires them all at commit;
    re-adding the constraint validates every row in one join, and an index built once sorts once.
    Everything happens inside the load's transaction, so a failure leaves the schema untouched;
    the price is an ACCESS EXCLUSIVE lock on those tables until the load commits. The rebuild comes after
    every COPY, when Python has nothing left to do: PostgreSQL then builds each index with its parallel
    workers on both cores, while during the COPY Python formats on one core and the server parses on the other.

    `key_models` lose their primary key too (PostgreSQL), with the foreign keys of other tables that point at
    it; the rebuilt key checks the generated ids as the kept one would. The other primary keys and every UNIQUE
    index stay in place.

    SQLite: the plain indexes are dropped and created again in the same transaction (one sort each instead
    of a B-tree insertion per row); its foreign keys are deferred and checked at commit as always.
    """

    MAINTENANCE_WORK_MEM = "1GB"  # the sort of the largest index (4.8 M progress reports) stays in memory

    def __init__(self, models, key_models=()):
        self.tables = [m._meta.db_table for m in models]
        self.key_tables = [m._meta.db_table for m in key_models]
        self.primary_keys: list[tuple[str, str, str]] = []
        self.foreign_keys: list[tuple[str, str, str]] = []
        self.indexes: list[tuple[str, str, str]] = []
        self.seconds: dict[str, float] = {}  # "table indexes|foreign_keys|analyze" -> seconds

    def drop(self) -> None:
        with connection.cursor() as cursor:
            if connection.vendor != "postgresql":
                cursor.execute(
                    f"SELECT tbl_name, name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
                    f"AND sql NOT LIKE 'CREATE UNIQUE%%' AND tbl_name IN ({', '.join(['%s'] * len(self.tables))}) "
                    f"ORDER BY 1, 2", self.tables)
                self.indexes = cursor.fetchall()
                for _, name, _ in self.indexes:
                    cursor.execute(f'DROP INDEX "{name}"')
                return
            # The primary keys of the largest tables go too (their foreign keys from elsewhere with them): kept,
            # each COPYed row descends the key's B-tree; rebuilt, the ids are sorted once and still checked unique.
            cursor.execute(
                "SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid) FROM pg_constraint c "
                "WHERE c.contype = 'p' AND c.conrelid::regclass::text = ANY(%s) ORDER BY 1, 2", [self.key_tables])
            self.primary_keys = cursor.fetchall()
            cursor.execute(
                "SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid) FROM pg_constraint c "
                "WHERE c.contype = 'f' AND (c.conrelid::regclass::text = ANY(%s) OR c.confrelid::regclass::text = ANY(%s)) "
                "ORDER BY 1, 2", [self.tables, self.key_tables])
            self.foreign_keys = cursor.fetchall()
            cursor.execute(
                "SELECT i.indrelid::regclass::text, i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) "
                "FROM pg_index i WHERE i.indrelid::regclass::text = ANY(%s) AND NOT i.indisunique AND NOT i.indisprimary "
                "ORDER BY 1, 2", [self.tables])
            self.indexes = cursor.fetchall()
            for table, name, _ in self.foreign_keys:
                cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
            for _, name, _ in self.indexes:
                cursor.execute(f"DROP INDEX {name}")
            for table, name, _ in self.primary_keys:
                cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
            cursor.execute(f"SET LOCAL maintenance_work_mem = '{self.MAINTENANCE_WORK_MEM}'")

    def restore(self) -> None:
        """Rebuild the indexes, then the foreign keys (each validated by one join), then ANALYZE; time each table."""
        steps = [(table, "primary_key", f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
                 for table, name, definition in self.primary_keys]
        steps += [(table, "indexes", definition) for table, _, definition in self.indexes]
        steps += [(table, "foreign_keys", f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
                  for table, name, definition in self.foreign_keys]
        if connection.vendor == "postgresql":  # SQLite's planner has no statistics unless asked to keep them
            steps += [(table, "analyze", f"ANALYZE {table}") for table in self.tables]
        with connection.cursor() as cursor:
            for table, kind, sql in steps:
                started = time.perf_counter()
                cursor.execute(sql)
                key = f"{table} {kind}"
                self.seconds[key] = self.seconds.get(key, 0.0) + time.perf_counter() - started


def _writer() -> Writer:
    return PostgresWriter() if connection.vendor == "postgresql" else SqliteWriter()


BULK_MODELS = (Document, DocumentRelation, Task, TaskCoordinator, ProgressReport, Extension, TaskEvent)


def _first_free_id(model) -> int:
    """The first id after every existing row and every id the sequence has already handed out."""
    table = model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}")
        top = cursor.fetchone()[0]
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [table])
            sequence = cursor.fetchone()[0]
            cursor.execute(f"SELECT last_value, is_called FROM {sequence}")
            last, called = cursor.fetchone()
            top = max(top, last if called else last - 1)
    return top + 1


def _lock_and_reset_sequences(models, *, lock: bool) -> None:
    if connection.vendor != "postgresql":
        return  # SQLite: the IMMEDIATE transaction holds the write lock; AUTOINCREMENT follows max(id)
    tables = [m._meta.db_table for m in models]
    with connection.cursor() as cursor:
        if lock:
            # Writers elsewhere wait until the load commits, so no id is handed out twice.
            cursor.execute(f"LOCK TABLE {', '.join(tables)} IN SHARE ROW EXCLUSIVE MODE")
            return
        for table in tables:
            cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                           f"GREATEST((SELECT COALESCE(MAX(id), 0) FROM {table}), 1), "
                           f"(SELECT COUNT(*) > 0 FROM (SELECT 1 FROM {table} LIMIT 1) AS any_row))")


# --- the country's structure, read once ----------------------------------------------------------

class Country:
    def __init__(self, today: dt.date):
        self.units = {code: (pk, kind, valid_from, valid_to, issuer) for code, pk, kind, valid_from, valid_to, issuer in
                      Unit.objects.values_list("code", "pk", "kind", "valid_from", "valid_to", "issuer_code")}
        self.code_of = {value[0]: code for code, value in self.units.items()}
        provinces = sorted(code for code, value in self.units.items() if value[1] == "province")
        self.provinces = provinces
        ids = {self.units[c][0]: c for c in provinces}
        self.communes: dict[str, list[str]] = {c: [] for c in provinces}
        for parent_id, code in (Placement.objects.filter(parent_id__in=list(ids), unit__kind="commune", valid_to__isnull=True)
                                .order_by("unit__code").values_list("parent_id", "unit__code")):
            self.communes[ids[parent_id]].append(code)
        self.all_communes = sorted(c for codes in self.communes.values() for c in codes)
        self.terms: dict[int, list[tuple[int, dt.date, dt.date | None]]] = {}
        for unit_id, pk, starts, ends in Term.objects.order_by("starts_on").values_list("unit_id", "pk", "starts_on", "ends_on"):
            self.terms.setdefault(unit_id, []).append((pk, starts, ends))
        self._provinces_on: dict[dt.date, list[str]] = {}  # asked once per document: the answer is kept

    def valid(self, code: str, day: dt.date) -> bool:
        _, _, start, end, _ = self.units[code]
        return (start is None or start <= day) and (end is None or day < end)

    def provinces_on(self, day: dt.date) -> list[str]:
        found = self._provinces_on.get(day)
        if found is None:
            found = self._provinces_on[day] = [p for p in self.provinces if self.valid(p, day)]
        return found

    def term(self, owner_id: int, day: dt.date) -> int | None:
        for pk, starts, ends in self.terms.get(owner_id, ()):
            if starts <= day and (ends is None or day < ends):
                return pk
        return None


# --- the generator ---------------------------------------------------------------------------------

class _Doc:
    __slots__ = ("day", "unit", "owner", "system", "type", "title", "target", "province", "confidential", "id", "level",
                 "term")

    def __init__(self, day, unit, owner, system, type_, title, target, province, confidential, level, term):
        self.day, self.unit, self.owner, self.system, self.type = day, unit, owner, system, type_
        self.title, self.target, self.province, self.confidential = title, target, province, confidential
        self.level, self.term, self.id = level, term, None


class _Spelling:
    """Number text and number key of one (type, issuer, system) for any number, checked against `numbering` once."""

    def __init__(self, type_: str, issuer: str, system: str):
        first = numbering.DocumentNumber(number=1, type=type_, issuer=issuer, system=system)  # validates the codes
        system_, number, *rest = first.key()
        self.key_head = f"{system_}|"
        self.key_tail = "|" + "|".join("" if part is None else str(part) for part in rest)
        self.text_tail = f"-{type_}/{issuer}" if system == "party" else f"/{type_}-{issuer}"
        assert number == 1 and self.key(1) == number_key(first) and self.text(1) == first.format(), (type_, issuer)

    def key(self, number: int) -> str:
        return f"{self.key_head}{number}{self.key_tail}"

    def text(self, number: int) -> str:
        return f"{number:02d}{self.text_tail}"


class Generator:
    def __init__(self, plan: Plan):
        self.plan = plan
        self.rng = random.Random(plan.seed)
        self.today = plan.today
        self.country = Country(plan.today)
        self.start = plan.today - dt.timedelta(days=round(plan.months * 30.44))
        base = self.start - dt.timedelta(days=30)
        self.base_ordinal = base.toordinal()
        # Every day a row can mention: a month before the first assignment to the last extended deadline.
        days = (plan.today - base).days + 181 + 2 * 61
        self.day_text = [(base + dt.timedelta(days=i)).isoformat() for i in range(days)]
        self.titles = [(f"{v} {t}", searchable(f"{v} {t}")) for v in VERBS for t in TOPICS]
        # COPY's text format would need escaping for these; the vocabularies never need it.
        for word in (*VERBS, *TOPICS, *PRODUCTS, *REPORT_TEXTS, *EXTENSION_REASONS, *(p for _, p in CENTRAL_TYPES),
                     *FAMILY_NAMES, *(n for names in (*MIDDLE_NAMES.values(), *GIVEN_NAMES.values()) for n in names)):
            assert not set(word) & set("\t\n\r\\"), word

    # ----- people
    def _people(self) -> tuple[dict[str, int], int, int]:
        """A leader and a specialist for every province (old ones too), the centre, and a share of communes."""
        country = self.country
        every = max(1, round(1 / self.plan.commune_user_share)) if self.plan.commune_user_share else 0
        places = ["VN.TW", *country.provinces]
        if every:
            places += [c for i, c in enumerate(country.all_communes) if i % every == 0]
        wanted = [(f"{role}.{code}".lower(), code, role) for code in places for role in ("leader", "specialist")]
        existing = dict(User.objects.filter(username__in=[w[0] for w in wanted]).values_list("username", "pk"))
        fresh = [User(username=name, password="!", full_name=f"{'Lãnh đạo' if role == 'leader' else 'Chuyên viên'} {code}",
                      search_name=searchable(f"{'Lãnh đạo' if role == 'leader' else 'Chuyên viên'} {code}"),
                      position="leader in charge" if role == "leader" else "specialist")
                 for name, code, role in wanted if name not in existing]
        User.objects.bulk_create(fresh, batch_size=2000)
        ids = dict(User.objects.filter(username__in=[w[0] for w in wanted]).values_list("username", "pk"))
        have = set(Membership.objects.filter(user_id__in=ids.values()).values_list("user_id", "unit_id", "role"))
        memberships = []
        for name, code, role in wanted:
            key = (ids[name], country.units[code][0], Role.LEADER if role == "leader" else Role.SPECIALIST)
            if key not in have:
                memberships.append(Membership(user_id=key[0], unit_id=key[1], role=key[2]))
        Membership.objects.bulk_create(memberships, batch_size=2000)
        leaders = {code: ids[f"leader.{code}".lower()] for code in places}
        return leaders, len(fresh), len(memberships)

    def _leader(self, leaders, code: str) -> int:
        """The leader in charge: the commune's own when it has one, else its province's."""
        territory = code.split(".")[0]
        if territory in leaders:
            return leaders[territory]
        if territory == "VN":
            return leaders["VN.TW"]
        return leaders[self.province_of_commune[territory]]

    # ----- documents
    def _random_day(self, first: dt.date) -> dt.date:
        first = max(first, self.start)
        last = self.today - dt.timedelta(days=1)
        return first + dt.timedelta(days=int(self.rng.random() * ((last - first).days + 1)))

    def _plan_documents(self, top: int):
        """Documents with the lead units of their tasks, before numbers are given in date order."""
        rng, country = self.rng, self.country
        units = country.units
        central_budget = max(1, round(top * CENTRAL_SHARE))
        commune_first = max(MERGER_EFFECTIVE, self.start)
        has_communes = commune_first < self.today and country.all_communes
        province_budget = round(top * PROVINCE_SHARE) if has_communes else top - central_budget
        commune_budget = top - central_budget - province_budget
        plans: list[tuple[_Doc, list[str]]] = []  # (document, lead unit codes of its tasks)
        tw = "VN.TW"
        tw_id = units[tw][0]

        # The centre: each directive gives each province's party committee one to three tasks.
        central = []
        left = central_budget
        while left > 0:
            day = self._random_day(self.start)
            type_, prefix = CENTRAL_TYPES[int(rng.random() * len(CENTRAL_TYPES))]
            title = f"{prefix} {TOPICS[int(rng.random() * len(TOPICS))]}"
            doc = _Doc(day, tw_id, tw_id, "party", type_, title, None, None, rng.random() < self.plan.confidential_share,
                       "central", country.term(tw_id, day))
            leads = []
            for province in country.provinces_on(day):
                leads += [f"{province}.TU"] * (1 + int(rng.random() * 3))
            leads = leads[:left]
            left -= len(leads)
            central.append(doc)
            plans.append((doc, leads))
        central.sort(key=lambda d: d.day)
        central_days = [d.day for d in central]

        # Provinces: plans of the party committee implementing the centre, decisions of the People's Committee.
        by_province: dict[str, list[_Doc]] = {}
        left = province_budget
        while left > 0:
            day = self._random_day(self.start)
            candidates = country.provinces_on(day)
            province = candidates[int(rng.random() * len(candidates))]
            after_merger = day >= MERGER_EFFECTIVE
            if rng.random() < 0.5:
                issuer = f"{province}.TU.BTV" if rng.random() < 0.6 else f"{province}.TU"
                owner = f"{province}.TU"
                type_, system = "KH", "party"
                index = bisect.bisect_right(central_days, day)
                target = central[index - 1 - int(rng.random() * min(index, 20))] if index else None
                title = f"Kế hoạch thực hiện {target.title}" if target else f"Kế hoạch {TOPICS[int(rng.random() * len(TOPICS))]}"
                bodies = [f"{province}.{s}" for s in PROVINCE_BODY_SUFFIXES]
            else:
                issuer = owner = f"{province}.UBND"
                type_, system = "QĐ", "state"
                target = None
                title = f"Quyết định ban hành kế hoạch {TOPICS[int(rng.random() * len(TOPICS))]}"
                bodies = [f"{province}.UBND", f"{province}.HDND"]
            communes = country.communes.get(province, []) if after_merger else []
            count = min(left, 3 + int(rng.random() * 13))
            leads = []
            for _ in range(count):
                if communes and rng.random() < 0.4:
                    commune = communes[int(rng.random() * len(communes))]
                    leads.append(f"{commune}.DU" if system == "party" else f"{commune}.UBND")
                else:
                    leads.append(bodies[int(rng.random() * len(bodies))])
            owner_id = units[owner][0]
            doc = _Doc(day, units[issuer][0], owner_id, system, type_, title, target, province,
                       rng.random() < self.plan.confidential_share, "province",
                       country.term(owner_id, day) if system == "party" else None)
            by_province.setdefault(province, []).append(doc)
            plans.append((doc, leads))
            left -= count
        for province_docs in by_province.values():
            province_docs.sort(key=lambda d: d.day)
        province_days = {p: [d.day for d in ds] for p, ds in by_province.items()}
        # A province's decisions implement its own plans issued before them.
        for province_docs in by_province.values():
            plans_only = [d for d in province_docs if d.type == "KH"]
            days = [d.day for d in plans_only]
            for doc in province_docs:
                if doc.type == "QĐ":
                    index = bisect.bisect_right(days, doc.day)
                    if index:
                        doc.target = plans_only[index - 1 - int(rng.random() * min(index, 10))]

        # Communes: plans of the party committee and decisions of the People's Committee.
        left = commune_budget
        all_communes = country.all_communes
        while left > 0:
            day = self._random_day(commune_first)
            commune = all_communes[int(rng.random() * len(all_communes))]
            province = self.province_of_commune[commune]
            if rng.random() < 0.5:
                issuer, type_, system = f"{commune}.DU", "KH", "party"
            else:
                issuer, type_, system = f"{commune}.UBND", "QĐ", "state"
            docs_there = by_province.get(province, [])
            index = bisect.bisect_right(province_days.get(province, []), day)
            target = docs_there[index - 1 - int(rng.random() * min(index, 10))] if index else None
            title = (f"{'Kế hoạch thực hiện' if system == 'party' else 'Quyết định triển khai'} {target.title}" if target
                     else f"Kế hoạch {TOPICS[int(rng.random() * len(TOPICS))]}")[:480]
            count = min(left, 2 + int(rng.random() * 7))
            leads = [f"{commune}.UBND" if rng.random() < 0.6 else f"{commune}.DU" for _ in range(count)]
            owner_id = units[issuer][0]
            doc = _Doc(day, owner_id, owner_id, system, type_, title, target, province,
                       rng.random() < self.plan.confidential_share, "commune",
                       country.term(owner_id, day) if system == "party" else None)
            plans.append((doc, leads))
            left -= count
        return plans

    def _number_documents(self, plans) -> tuple[list, dict]:
        """Give numbers in date order from each sequence, after the numbers already used."""
        sequences = {(u, t, p): n for u, t, p, n in NumberSequence.objects.values_list("issuing_unit_id", "type", "period", "last_number")}
        used_keys = set(Document.objects.filter(numbering_unit__isnull=False)
                        .values_list("numbering_unit_id", "number_period", "number_key"))
        plans.sort(key=lambda p: (p[0].day, p[0].unit))
        next_id = _first_free_id(Document)
        rows = []
        issuer_of = {value[0]: value[4] for value in self.country.units.values()}
        spellings: dict[tuple, _Spelling] = {}
        folded_titles: dict[str, str] = {}
        for doc, _ in plans:
            doc.id = next_id
            next_id += 1
            period = f"term:{doc.term}" if doc.system == "party" else f"year:{doc.day.year}"
            key_seq = (doc.owner, doc.type, period)
            issuer = issuer_of[doc.unit]
            spelling = spellings.get((doc.type, issuer, doc.system))
            if spelling is None:
                spelling = spellings[(doc.type, issuer, doc.system)] = _Spelling(doc.type, issuer, doc.system)
            while True:
                number = sequences.get(key_seq, 0) + 1
                sequences[key_seq] = number
                key = spelling.key(number)
                if (doc.owner, period, key) not in used_keys:
                    break
            used_keys.add((doc.owner, period, key))
            text = spelling.text(number)
            folded = folded_titles.get(doc.title)
            if folded is None:
                folded = folded_titles[doc.title] = fold(doc.title)
            day = self.day_text[doc.day.toordinal() - self.base_ordinal]
            # searchable(text, title), with the title folded once for all the documents that share it.
            rows.append((doc.id, True, doc.system, number, doc.type, issuer, "", None, text, key, doc.unit, doc.owner, period,
                         doc.term, day, "", doc.title, f" {fold(text)} {folded} ", "", int(doc.confidential), None,
                         day + " 01:00:00"))
        return rows, sequences

    # ----- tasks
    def _task(self, rng, doc_id, assigning, lead, leader, assigned, confidential, parent_deadline=None, parent=None):
        """One task as a list; its status as of `today` follows the mix described in docs/benchmarks.md."""
        today = self.today_ordinal
        r = rng.random
        if parent_deadline is not None:
            deadline = min(assigned + 10 + int(r() * 171), parent_deadline)
            if deadline <= assigned:
                return None
        else:
            deadline = assigned + 10 + int(r() * 171)
        original = deadline
        extensions = 0
        if parent_deadline is None and r() < self.plan.extension_share:
            extensions = 1 if r() < 0.85 else 2
            for _ in range(extensions):
                deadline += 14 + int(r() * 47)
        submitted = completed = cancelled = None
        span = deadline - assigned
        elapsed = today - assigned
        x = r()
        if x < 0.02:
            state = "cancelled"
            cancelled = assigned + 1 + int(r() * max(1, min(span, elapsed) - 1))
            progress = 0
        elif deadline < today:
            y = r()
            if y < 0.9:  # on time
                completed = assigned + max(1, span // 3) + int(r() * (span - max(1, span // 3) + 1))
                state = "completed"
            elif y < 0.955:  # late, up to two months
                completed = deadline + 1 + int(r() * min(60, today - deadline))
                state = "completed"
            else:  # still open: overdue
                state = "in_progress" if r() < 0.8 else "submitted"
        else:
            if elapsed > 2 and r() < 0.3:
                completed = assigned + 1 + int(r() * (elapsed - 1))
                state = "completed"
            else:
                z = r()
                state = "assigned" if (z < 0.2 or elapsed < 3) else ("submitted" if z > 0.95 else "in_progress")
        if completed is not None:
            completed = min(completed, today)
            submitted = completed
            progress = 100
        elif state == "submitted":
            submitted = min(today, assigned + 1 + int(r() * max(1, elapsed - 1)))
            progress = 100
        elif state == "in_progress":
            progress = 10 + int(r() * 81)
        elif state == "assigned":
            progress = 0
        reports = self.plan.reports_per_task if state in ("in_progress", "submitted", "completed") else 0
        title = int(r() * len(self.titles))
        product = PRODUCTS[int(r() * len(PRODUCTS))]
        coordinators = ()
        if r() < self.plan.coordinator_share:
            coordinators = self._coordinators(rng, lead)
        last = completed or submitted or cancelled or min(today, assigned + 1)
        return [None, doc_id, parent, title, assigning, lead, leader, product, assigned, deadline, original, state, progress,
                submitted, completed, cancelled, extensions, confidential, reports, last, coordinators]

    def _coordinators(self, rng, lead_id):
        code = self.country.code_of[lead_id]
        siblings = self.siblings.get(code.split(".")[0], ())
        picks = []
        for _ in range(1 + int(rng.random() * 2)):
            if siblings:
                pick = siblings[int(rng.random() * len(siblings))]
                if pick != lead_id and pick not in picks:
                    picks.append(pick)
        return tuple(picks)

    def _tasks(self, doc_plans, leaders, next_task: int) -> Iterator[list]:
        """Every task in id order, drawn as the task table's COPY asks for it, and kept in `self.tasks`.

        Tasks follow their documents' dates; delegated child tasks come after them, then, when delegation
        found too few parents, more province tasks up to the exact size.
        """
        plan, rng, country = self.plan, self.rng, self.country
        units = country.units
        tasks = self.tasks
        for doc, leads in doc_plans:
            assigned = doc.day.toordinal()
            for code in leads:
                lead = units[code][0]
                task = self._task(rng, doc.id, doc.unit, lead, self._leader(leaders, code), assigned, doc.confidential)
                task[0] = next_task
                next_task += 1
                tasks.append(task)
                yield task
        # Delegation: province-level tasks handed down to communes of the same province.
        children_target = round(plan.tasks * plan.child_share)
        parents = [t for t in tasks if t[8] >= MERGER_EFFECTIVE.toordinal() and t[11] != "cancelled"
                   and country.code_of[t[5]].split(".")[0] in country.communes and country.code_of[t[5]].count(".") >= 1
                   and t[9] - t[8] > 20]
        children = 0
        attempts = 0
        while children < children_target and parents and attempts < children_target * 4:
            attempts += 1
            parent = parents[int(rng.random() * len(parents))]
            province = country.code_of[parent[5]].split(".")[0]
            communes = country.communes.get(province)
            if not communes:
                continue
            for _ in range(1 + int(rng.random() * 4)):
                if children >= children_target:
                    break
                commune = communes[int(rng.random() * len(communes))]
                lead_code = f"{commune}.UBND" if "UBND" in country.code_of[parent[5]] else f"{commune}.DU"
                assigned = min(parent[8] + 1 + int(rng.random() * 7), self.today_ordinal - 1)
                child = self._task(rng, parent[1], parent[5], units[lead_code][0], self._leader(leaders, lead_code), assigned,
                                   parent[17], parent_deadline=parent[9], parent=parent[0])
                if child is None:
                    continue
                child[0] = next_task
                next_task += 1
                tasks.append(child)
                yield child
                children += 1
        # Fill up to the exact size with more province tasks when delegation found too few parents.
        while len(tasks) < plan.tasks:
            doc, leads = doc_plans[int(rng.random() * len(doc_plans))]
            if not leads:
                continue
            code = leads[0]
            task = self._task(rng, doc.id, doc.unit, units[code][0], self._leader(leaders, code), doc.day.toordinal(),
                              doc.confidential)
            task[0] = next_task
            next_task += 1
            tasks.append(task)
            yield task

    def run(self) -> Result:
        """Plan, write and rebuild, timing each phase; the caller holds the transaction."""
        plan, country = self.plan, self.country
        seconds: dict = {}
        mark = time.perf_counter()

        def lap(name: str) -> None:
            nonlocal mark
            now = time.perf_counter()
            seconds[name] = seconds.get(name, 0.0) + now - mark
            mark = now

        self.today_ordinal = plan.today.toordinal()
        self.province_of_commune = {c: p for p, cs in country.communes.items() for c in cs}
        # Units of one territory coordinate each other's tasks.
        self.siblings: dict[str, list[int]] = {}
        for code, value in country.units.items():
            territory = code.split(".")[0]
            if "." in code and value[3] is None:
                self.siblings.setdefault(territory, []).append(value[0])
        writer = _writer()
        writer.begin()
        _lock_and_reset_sequences(BULK_MODELS + POST_MODELS, lock=True)  # before any id is read
        leaders, users_created, memberships_created = self._people()
        lap("people")
        doc_plans = self._plan_documents(plan.tasks - round(plan.tasks * plan.child_share))
        doc_rows, sequences = self._number_documents(doc_plans)
        first = {model: _first_free_id(model) for model in BULK_MODELS if model is not Document}
        lap("plan_documents")
        deferred = DeferredStructures(BULK_MODELS, key_models=(ProgressReport, TaskEvent)) if plan.defer_indexes else None
        if deferred:
            deferred.drop()
            lap("drop_indexes_and_foreign_keys")

        null, suffix = writer.null, writer.stamp_suffix
        writer.write(Document, DOCUMENT_COLUMNS,
                     [(*(null if v is None else v for v in row[:-1]), f"{row[-1]}{suffix}", "") for row in doc_rows])  # no circle
        relations = self._relation_rows(doc_plans, first[DocumentRelation])
        writer.write(DocumentRelation, ["id", "source_id", "target_id", "kind"], relations)
        lap("copy_documents")
        self.tasks: list[list] = []
        writer.write(Task, TASK_COLUMNS, self._task_rows(writer, self._tasks(doc_plans, leaders, first[Task])))
        lap("draw_and_copy_tasks")

        writer.write(TaskCoordinator, ["id", "task_id", "unit_id"], self._coordinator_rows(first[TaskCoordinator]))
        writer.write(TaskEvent, EVENT_COLUMNS, self._event_rows(writer, first[TaskEvent]))
        writer.write(Extension, EXTENSION_COLUMNS, self._extension_rows(writer, first[Extension]))
        writer.write(ProgressReport, REPORT_COLUMNS, self._report_rows(writer, first[ProgressReport]))
        lap("copy_reports_events_coordinators_extensions")
        posts = self._posts(writer, leaders)
        lap("copy_posts")
        if deferred:
            deferred.restore()
            lap("rebuild_indexes_and_foreign_keys")
        sequences_written = self._write_sequences(sequences)
        _lock_and_reset_sequences(BULK_MODELS + POST_MODELS, lock=False)
        tallies_rebuild()  # what the scorecards keep of every task, the old ones and those just written
        lap("tallies")
        writer.end()
        written = {model: writer.rows_written.get(model._meta.db_table, 0) for model in BULK_MODELS}
        counts = {"documents": len(doc_rows), "relations": written[DocumentRelation], "tasks": len(self.tasks),
                  "child_tasks": sum(1 for t in self.tasks if t[2]), "coordinators": written[TaskCoordinator],
                  "events": written[TaskEvent], "extensions": written[Extension], "reports": written[ProgressReport],
                  "sequences": sequences_written, **posts, "users": users_created, "memberships": memberships_created,
                  "seed": plan.seed, "today": plan.today.isoformat()}
        audit_record(actor=None, action="generate", object_type="benchmarks.generate", object_id=str(plan.seed), after=counts)
        lap("sequences_and_audit")
        seconds["copy"] = {table: round(s, 3) for table, s in writer.seconds.items()}
        if deferred:
            seconds["rebuild"] = {step: round(s, 3) for step, s in deferred.seconds.items()}
        return Result(counts=counts, seconds=seconds)

    # ----- posts and the people holding them
    def _posts(self, writer: Writer, leaders: dict[str, int]) -> dict:
        return write_posts(writer, seed=self.plan.seed, today=self.today, leaders=leaders)

    # ----- rows, in the columns' order below; dates are ISO strings, NULL is the writer's

    def _relation_rows(self, doc_plans, relation_id: int) -> list[tuple]:
        relations = []
        for doc, _ in doc_plans:
            if doc.target is not None:
                relations.append((relation_id, doc.id, doc.target.id, "implements"))
                relation_id += 1
        return relations

    def _task_rows(self, writer: Writer, tasks) -> Iterator[tuple]:
        titles, day, base, null = self.titles, self.day_text, self.base_ordinal, writer.null
        created, updated = writer.stamps(day, "01:30:00"), writer.stamps(day, "02:00:00")
        as_text = writer.lines
        named = [f"{name}\t{folded}" for name, folded in titles]
        for t in tasks:
            (pk, doc, parent, title, assigning, lead, leader, product, assigned, deadline, original, state, progress,
             submitted, completed, cancelled, extensions, confidential, reports, last, _) = t
            version = 1 + reports + extensions + (1 if completed or cancelled else 0)
            if as_text:  # the same columns as the tuple below, as one f-string: the task phase is Python's
                yield (f"{pk}\t{doc}\t{null if parent is None else parent}\t{named[title]}\t\t{assigning}\t{lead}\t"
                       f"{leader}\t{product}\t{day[assigned - base]}\t{day[deadline - base]}\t{day[original - base]}\t\t"
                       f"{state}\t{progress}\t{null if submitted is None else day[submitted - base]}\t"
                       f"{null if completed is None else day[completed - base]}\t"
                       f"{null if cancelled is None else day[cancelled - base]}\t{extensions}\t{int(confidential)}\t"
                       f"{version}\t{null}\t{created[assigned - base]}\t{updated[last - base]}\t\tFalse")
                continue
            name, folded = titles[title]
            yield (pk, doc, null if parent is None else parent, name, folded, "", assigning, lead, leader, product,
                   day[assigned - base], day[deadline - base], day[original - base], "", state, progress,
                   null if submitted is None else day[submitted - base], null if completed is None else day[completed - base],
                   null if cancelled is None else day[cancelled - base], extensions, int(confidential), version, null,
                   created[assigned - base], updated[last - base], "", False)

    def _coordinator_rows(self, coordinator_id: int) -> Iterator[tuple]:
        for t in self.tasks:
            for unit in t[20]:
                yield (coordinator_id, t[0], unit)
                coordinator_id += 1

    def _event_rows(self, writer: Writer, event_id: int) -> Iterator[tuple]:
        """One "assigned" event per task ("delegated" for a child) carrying what `task_create` records."""
        day, base, null = self.day_text, self.base_ordinal, writer.null
        at = writer.stamps(day, "01:30:00")
        # json.dumps({"lead_unit": code, "deadline": day}, ensure_ascii=False), with the unit's part written once.
        head = {pk: '{"lead_unit": ' + json.dumps(code, ensure_ascii=False) + ', "deadline": "'
                for pk, code in self.country.code_of.items()}
        assert not any("\\" in text for text in head.values())
        as_text = writer.lines
        for t in self.tasks:
            data = f'{head[t[5]]}{day[t[10] - base]}"}}'
            kind = "delegated" if t[2] else "assigned"
            if as_text:
                yield f"{event_id}\t{t[0]}\t{at[t[8] - base]}\t{null}\t{kind}\t\tassigned\t\t{data}"
            else:
                yield (event_id, t[0], at[t[8] - base], null, kind, "", "assigned", "", data)
            event_id += 1

    def _extension_rows(self, writer: Writer, extension_id: int) -> Iterator[tuple]:
        rng = random.Random(self.plan.seed + 2)
        day, base = self.day_text, self.base_ordinal
        asked_at, decided_at = writer.stamps(day, "03:00:00"), writer.stamps(day, "08:00:00")
        for t in self.tasks:
            if not t[16]:
                continue
            previous = t[10]
            total = t[9] - t[10]
            steps = [total] if t[16] == 1 else [total // 2, total - total // 2]
            asked = t[8]
            for step in steps:
                asked = min(max(asked + 1, previous - 5), self.today_ordinal)
                requested = previous + step
                yield (extension_id, t[0], t[6], asked_at[asked - base], day[previous - base], day[requested - base],
                       EXTENSION_REASONS[int(rng.random() * len(EXTENSION_REASONS))], "approved", t[6],
                       decided_at[asked - base], "Đồng ý gia hạn")
                extension_id += 1
                previous = requested

    def _report_rows(self, writer: Writer, report_id: int) -> Iterator[tuple]:
        """`reports` per started task, evenly spaced from assignment to the last change, progress rising to its value."""
        day, base = self.day_text, self.base_ordinal
        at = [writer.stamps(day, f"0{2 + i}:00:00") for i in range(8)]  # the i-th report of a task at 09:00 + i h
        texts = REPORT_TEXTS
        kinds = len(texts)
        as_text = writer.lines
        for t in self.tasks:
            n = t[18]
            if not n:
                continue
            pk, author, start, progress = t[0], t[6], t[8] - base, t[12]
            span = max(0, t[19] - t[8])
            if as_text:  # the largest table: one f-string per line is twice as fast as a tuple joined later
                middle = f"\t{pk}\t{author}\t"
                for i in range(n):
                    yield (f"{report_id}{middle}{at[i % 8][start + (span * (i + 1)) // n]}\t{(progress * (i + 1)) // n}\t"
                           f"{texts[(pk + i) % kinds]}")
                    report_id += 1
                continue
            for i in range(n):
                yield (report_id, pk, author, at[i % 8][start + (span * (i + 1)) // n], (progress * (i + 1)) // n,
                       texts[(pk + i) % kinds])
                report_id += 1

    def _write_sequences(self, sequences) -> int:
        """Sequences end at the last number used, so later registrations continue after it."""
        existing = {(s.issuing_unit_id, s.type, s.period): s for s in NumberSequence.objects.all()}
        changed, fresh = [], []
        for (unit, type_, period), last in sequences.items():
            row = existing.get((unit, type_, period))
            if row is None:
                fresh.append(NumberSequence(issuing_unit_id=unit, type=type_, period=period, last_number=last))
            elif row.last_number != last:
                row.last_number = last
                changed.append(row)
        NumberSequence.objects.bulk_create(fresh, batch_size=5000)
        NumberSequence.objects.bulk_update(changed, ["last_number"], batch_size=5000)
        return len(fresh) + len(changed)


DOCUMENT_COLUMNS = ["id", "registered", "system", "number", "type", "issuer_code", "office_code", "year", "number_text",
                    "number_key", "issuing_unit_id", "numbering_unit_id", "number_period", "term_id", "issued_on", "signer",
                    "title", "search_title", "text", "secrecy", "created_by_id", "created_at", "circle"]
TASK_COLUMNS = ["id", "document_id", "parent_id", "title", "search_title", "description", "assigning_unit_id",
                "lead_unit_id", "leader_id", "product", "assigned_on", "deadline", "original_deadline", "recurrence",
                "state", "progress", "submitted_on", "completed_on", "cancelled_on", "extension_count", "secrecy",
                "version", "created_by_id", "created_at", "updated_at", "backdate_reason", "imported"]
EVENT_COLUMNS = ["id", "task_id", "at", "actor_id", "kind", "from_state", "to_state", "note", "data"]
EXTENSION_COLUMNS = ["id", "task_id", "requested_by_id", "requested_at", "previous_deadline", "requested_deadline", "reason",
                     "state", "decided_by_id", "decided_at", "decision_note"]
REPORT_COLUMNS = ["id", "task_id", "author_id", "reported_at", "percent", "text"]
POSITION_COLUMNS = [f.column for f in Position._meta.concrete_fields]
PERSON_COLUMNS = [f.column for f in Person._meta.concrete_fields]
HOLDING_COLUMNS = [f.column for f in Holding._meta.concrete_fields]
POST_MODELS = (Position, Person, Holding)


def write_posts(writer: Writer, *, seed: int, today: dt.date, leaders: dict[str, int]) -> dict:
    """A few posts for every body of a province or a commune that has none open yet (POSTS), most of their seats
    held by a person of their own since the start of the term (or of the commune, 2025-07-01); the generated
    leader of a province or commune is the person holding the first seat of its People's Committee's vice-chair.

    The old provinces' bodies get their posts too while the 2025 merger is not applied, so that applying it
    hands their positions and holders on; the new provinces it forms get none (the merger opens them). Drawn
    from a generator of their own: the tasks are the same with or without them. `leaders`: unit code → user id.
    The caller holds the transaction and the table locks (`posts_generate` for a database that has its tasks)."""
    rng, null = random.Random(seed + 5), writer.null
    unapplied = Reorganization.objects.filter(effective_on=MERGER_EFFECTIVE, applied_at__isnull=True).exists()
    successors = set(merger_successors().values()) if unapplied else set()
    units = list(Unit.objects.filter(kind__in=list(POSTS)).exclude(pk__in=Position.objects.filter(valid_to__isnull=True).values("unit_id"))
                 .values_list("code", "pk", "kind", "name", "tier", "valid_from", "valid_to").order_by("code"))
    ids = dict(Unit.objects.filter(kind__in=[UnitKind.STANDING_COMMITTEE, UnitKind.PARTY_COMMITTEE]).values_list("code", "pk"))
    linked = set(Person.objects.filter(user__isnull=False).values_list("user_id", flat=True))
    user_of = {f"{code}.UBND": user for code, user in leaders.items() if user not in linked}
    first = {model: _first_free_id(model) for model in POST_MODELS}
    positions, persons, holdings = [], [], []
    term_start = dt.date(2020, 10, 1).toordinal()
    for code, pk, kind, name, tier, valid_from, valid_to in units:
        territory = code.split(".")[0]
        closed_by_merger = unapplied and valid_to == MERGER_EFFECTIVE
        if not closed_by_merger and not ((valid_from is None or valid_from < today) and (valid_to is None or today < valid_to)):
            continue
        if territory in successors and valid_from == MERGER_EFFECTIVE:
            continue
        managing = ids.get(f"{territory}.TU.BTV", pk) if tier == Tier.PROVINCE else ids.get(f"{territory}.DU", pk)
        opened = valid_from.isoformat() if valid_from else null
        created = f"{valid_from or dt.date(2020, 10, 1)} 02:00:00{writer.stamp_suffix}"
        earliest = valid_from.toordinal() if valid_from else term_start
        latest = min(today.toordinal() - 1, (valid_to.toordinal() - 1) if valid_to else today.toordinal() - 1,
                     earliest + 60 if valid_from else dt.date(2024, 12, 31).toordinal())
        earliest = min(earliest, latest)  # a --today before the term began: the holdings begin the day before it
        for title_kind, prefix, province_seats, commune_seats, filled in POSTS[kind]:
            seats = province_seats if tier != Tier.COMMUNE else commune_seats
            title = f"{prefix} {name}"
            position_id = first[Position] + len(positions)
            positions.append((position_id, pk, title_kind, title, searchable(title, name), grade_of(title_kind), seats,
                              tier, managing, opened, null, null, null, created))
            for seat in range(seats):
                user = user_of.pop(code, None) if title_kind == Title.COMMITTEE_VICE_CHAIR and seat == 0 else None
                if user is None and rng.random() >= filled:
                    continue
                sex = "female" if rng.random() < 0.3 else "male"
                full_name = (f"{FAMILY_NAMES[int(rng.random() * len(FAMILY_NAMES))]} "
                             f"{MIDDLE_NAMES[sex][int(rng.random() * len(MIDDLE_NAMES[sex]))]} "
                             f"{GIVEN_NAMES[sex][int(rng.random() * len(GIVEN_NAMES[sex]))]}")
                born = dt.date(1962 + int(rng.random() * 24), 1 + int(rng.random() * 12), 1 + int(rng.random() * 28))
                joined = born.replace(year=born.year + 22 + int(rng.random() * 8))
                person_id = first[Person] + len(persons)
                starts = dt.date.fromordinal(earliest + int(rng.random() * (latest - earliest + 1)))
                stamp = f"{starts.isoformat()} 02:00:00{writer.stamp_suffix}"
                persons.append((person_id, full_name, searchable(full_name), born.isoformat(), sex, "", "Kinh",
                                joined.isoformat(), joined.replace(year=joined.year + 1).isoformat(), "Đại học",
                                "advanced" if seat == 0 else "intermediate", null if user is None else user, managing,
                                null, stamp, 1))
                holdings.append((first[Holding] + len(holdings), person_id, position_id, "official", starts.isoformat(),
                                 null, null, null, null, null, null, stamp))
    writer.write(Position, POSITION_COLUMNS, positions)
    writer.write(Person, PERSON_COLUMNS, persons)
    writer.write(Holding, HOLDING_COLUMNS, holdings)
    return {"positions": len(positions), "persons": len(persons), "holdings": len(holdings)}



def posts_generate(*, seed: int, today: dt.date, leaders: dict[str, int] | None = None) -> dict:
    """`write_posts` in a transaction of its own, for a database whose tasks come from elsewhere (the
    reorganization benchmark)."""
    with transaction.atomic():
        writer = _writer()
        writer.begin()
        _lock_and_reset_sequences(POST_MODELS, lock=True)
        counts = write_posts(writer, seed=seed, today=today, leaders=leaders or {})
        _lock_and_reset_sequences(POST_MODELS, lock=False)
        writer.end()
    return counts


def generate(plan: Plan) -> Result:
    """Load `plan` in one transaction with its one audit record."""
    started = time.perf_counter()
    # Millions of small lists stay alive until the end: the cycle collector would walk them again and again.
    collecting = gc.isenabled()
    gc.disable()
    try:
        with transaction.atomic():
            with search_index.paused():  # indexed set-wise at the end, not by a trigger per row
                result = Generator(plan).run()
                indexing = time.perf_counter()
            result.seconds["search index"] = time.perf_counter() - indexing
            committing = time.perf_counter()
        result.seconds["commit"] = time.perf_counter() - committing
    finally:
        if collecting:
            gc.enable()
    result.seconds["committed"] = time.perf_counter() - started
    return result


def plan_dict(plan: Plan) -> dict:
    data = asdict(plan)
    data["today"] = plan.today.isoformat()
    return data
