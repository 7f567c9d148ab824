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
import json
import random
import time
from dataclasses import asdict, dataclass

from django.db import connection, transaction

from mandate.accounts.models import Membership, Role, User
from mandate.audit.services import audit_record
from mandate.core.text import searchable
from mandate.documents import numbering
from mandate.documents.models import Document, DocumentRelation, NumberSequence
from mandate.documents.services import number_key
from mandate.orgs.models import Placement, Term, Unit
from mandate.orgs.territory import MERGER_EFFECTIVE
from mandate.tasks.models import Extension, ProgressReport, Task, TaskCoordinator, TaskEvent

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
    confidential_share: float = 0.01
    defer_indexes: bool = True


@dataclass
class Result:
    counts: dict
    seconds: dict

    def tasks_per_second(self) -> float:
        return self.counts["tasks"] / max(self.seconds.get("committed", self.seconds["total"]), 1e-9)


# --- writing rows -------------------------------------------------------------------------------

class Writer:
    """Rows in, table out; dates arrive as ISO strings and timestamps as day ordinals."""

    def __init__(self):
        self.rows_written: dict[str, int] = {}
        self.seconds: dict[str, float] = {}

    def timestamp(self, day: str, clock: str = "02:00:00") -> str:  # 09:00 in Hanoi is 02:00 UTC
        raise NotImplementedError

    def write(self, model, columns: list[str], rows) -> int:
        raise NotImplementedError

    def begin(self) -> None:
        pass

    def end(self) -> None:
        pass


class PostgresWriter(Writer):
    """COPY FROM STDIN in text format; the server parses while Python builds the next rows."""

    def timestamp(self, day, clock="02:00:00"):
        return f"{day} {clock}+00"

    def begin(self):
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit = off")

    def write(self, model, columns, rows):
        table = model._meta.db_table
        started = time.perf_counter()
        count = 0
        with connection.cursor() as cursor:
            with cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                chunk = []
                for row in rows:
                    chunk.append("\t".join(r"\N" if v is None else str(v) for v in row))
                    if len(chunk) == 20000:
                        copy.write("\n".join(chunk) + "\n")
                        count += len(chunk)
                        chunk = []
                if chunk:
                    copy.write("\n".join(chunk) + "\n")
                    count += len(chunk)
        self.rows_written[table] = self.rows_written.get(table, 0) + count
        self.seconds[table] = self.seconds.get(table, 0.0) + time.perf_counter() - started
        return count


class SqliteWriter(Writer):
    """executemany in big batches inside the one transaction."""

    BATCH = 50000

    def timestamp(self, day, clock="02:00:00"):
        return f"{day} {clock}"

    def begin(self):
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA cache_size = -400000")  # 400 MB of page cache while the load runs

    def end(self):
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA cache_size = -2000")  # back to SQLite's default

    def write(self, model, columns, rows):
        table = model._meta.db_table
        started = time.perf_counter()
        sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
        count = 0
        raw = connection.connection  # the sqlite3 connection under Django's wrapper
        batch = []
        for row in rows:
            batch.append(tuple((1 if v else 0) if isinstance(v, bool) else v for v in row))
            if len(batch) == self.BATCH:
                raw.executemany(sql, batch)
                count += len(batch)
                batch = []
        if batch:
            raw.executemany(sql, batch)
            count += len(batch)
        self.rows_written[table] = self.rows_written.get(table, 0) + count
        self.seconds[table] = self.seconds.get(table, 0.0) + time.perf_counter() - started
        return count


class DeferredStructures:
    """PostgreSQL: drop the foreign keys and plain indexes of the bulk tables for the load, then rebuild them.

    A row-by-row foreign key check queues one trigger event per row and fires them all at commit;
    re-adding the constraint validates every row in one join, and an index built once sorts once.
    Everything happens inside the load's transaction, so a failure leaves the schema untouched;
    the price is an ACCESS EXCLUSIVE lock on those tables until the load commits.
    """

    def __init__(self, models):
        self.tables = [m._meta.db_table for m in models]
        self.foreign_keys: list[tuple[str, str, str]] = []
        self.indexes: list[tuple[str, str]] = []

    def drop(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid) FROM pg_constraint c "
                "WHERE c.contype = 'f' AND c.conrelid::regclass::text = ANY(%s) ORDER BY 1, 2", [self.tables])
            self.foreign_keys = cursor.fetchall()
            cursor.execute(
                "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i "
                "WHERE i.indrelid::regclass::text = ANY(%s) AND NOT i.indisunique AND NOT i.indisprimary ORDER BY 1",
                [self.tables])
            self.indexes = cursor.fetchall()
            for table, name, _ in self.foreign_keys:
                cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
            for name, _ in self.indexes:
                cursor.execute(f"DROP INDEX {name}")

    def restore(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
            for _, definition in self.indexes:
                cursor.execute(definition)
            for table, name, definition in self.foreign_keys:
                cursor.execute(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
            for table in self.tables:
                cursor.execute(f"ANALYZE {table}")


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

    def valid(self, code: str, day: dt.date) -> bool:
        _, _, start, end, _ = self.units[code]
        return (start is None or start <= day) and (end is None or day < end)

    def provinces_on(self, day: dt.date) -> list[str]:
        return [p for p in self.provinces if self.valid(p, day)]

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


class Generator:
    def __init__(self, plan: Plan):
        self.plan = plan
        self.rng = random.Random(plan.seed)
        self.today = plan.today
        self.country = Country(plan.today)
        self.start = plan.today - dt.timedelta(days=round(plan.months * 30.44))
        base = self.start - dt.timedelta(days=30)
        self.base_ordinal = base.toordinal()
        self.day_text = [(base + dt.timedelta(days=i)).isoformat() for i in range(1200)]
        self.titles = [(f"{v} {t}", searchable(f"{v} {t}")) for v in VERBS for t in TOPICS]

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
        docs: list[_Doc] = []
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
        for province, province_docs in by_province.items():
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
        for doc, _ in plans:
            doc.id = next_id
            next_id += 1
            period = f"term:{doc.term}" if doc.system == "party" else f"year:{doc.day.year}"
            key_seq = (doc.owner, doc.type, period)
            issuer = issuer_of[doc.unit]
            while True:
                number = sequences.get(key_seq, 0) + 1
                sequences[key_seq] = number
                parsed = numbering.DocumentNumber(number=number, type=doc.type, issuer=issuer, system=doc.system)
                key = number_key(parsed)
                if (doc.owner, period, key) not in used_keys:
                    break
            used_keys.add((doc.owner, period, key))
            text = parsed.format()
            day = self.day_text[doc.day.toordinal() - self.base_ordinal]
            rows.append((doc.id, True, doc.system, number, doc.type, issuer, "", None, text, key, doc.unit, doc.owner, period,
                         doc.term, day, "", doc.title, searchable(text, doc.title), "", doc.confidential, None,
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

    def run(self) -> Result:
        plan, rng, country = self.plan, self.rng, self.country
        timings = {}
        started = time.perf_counter()
        self.today_ordinal = plan.today.toordinal()
        self.province_of_commune = {c: p for p, cs in country.communes.items() for c in cs}
        units = country.units
        # Units of one territory coordinate each other's tasks.
        self.siblings: dict[str, list[int]] = {}
        for code, value in units.items():
            territory = code.split(".")[0]
            if "." in code and value[3] is None:
                self.siblings.setdefault(territory, []).append(value[0])
        leaders, users_created, memberships_created = self._people()
        children_target = round(plan.tasks * plan.child_share)
        top = plan.tasks - children_target
        doc_plans = self._plan_documents(top)
        doc_rows, sequences = self._number_documents(doc_plans)
        timings["plan_documents"] = time.perf_counter() - started

        # Tasks in date order of their documents; children after them.
        tasks: list[list] = []
        next_task = _first_free_id(Task)
        for doc, leads in doc_plans:
            assigned = doc.day.toordinal()
            for code in leads:
                lead = units[code][0]
                task = self._task(rng, doc.id, doc.unit, lead, self._leader(leaders, code), assigned, doc.confidential)
                task[0] = next_task
                next_task += 1
                tasks.append(task)
        # Delegation: province-level tasks handed down to communes of the same province.
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
        timings["plan_tasks"] = time.perf_counter() - started - sum(timings.values())

        writer = _writer()
        writer.begin()
        _lock_and_reset_sequences(BULK_MODELS, lock=True)
        load_started = time.perf_counter()
        deferred = DeferredStructures(BULK_MODELS) if connection.vendor == "postgresql" and plan.defer_indexes else None
        if deferred:
            deferred.drop()
        counts = self._write(writer, doc_plans, doc_rows, tasks, sequences)
        timings["write"] = time.perf_counter() - load_started
        if deferred:
            rebuilt = time.perf_counter()
            deferred.restore()
            timings["rebuild_indexes_and_foreign_keys"] = time.perf_counter() - rebuilt
        _lock_and_reset_sequences(BULK_MODELS, lock=False)
        writer.end()
        timings["load"] = time.perf_counter() - load_started
        counts.update(users=users_created, memberships=memberships_created, seed=plan.seed, today=plan.today.isoformat())
        audit_record(actor=None, action="generate", object_type="benchmarks.generate", object_id=str(plan.seed), after=counts)
        timings["total"] = time.perf_counter() - started
        timings["copy"] = {table: round(s, 3) for table, s in writer.seconds.items()}
        return Result(counts=counts, seconds=timings)

    def _write(self, writer: Writer, doc_plans, doc_rows, tasks, sequences) -> dict:
        plan = self.plan
        day_text, base = self.day_text, self.base_ordinal
        ts = writer.timestamp
        code_of = self.country.code_of
        text = lambda ordinal: None if ordinal is None else day_text[ordinal - base]  # noqa: E731

        writer.write(Document, ["id", "registered", "system", "number", "type", "issuer_code", "office_code", "year",
                                "number_text", "number_key", "issuing_unit_id", "numbering_unit_id", "number_period", "term_id",
                                "issued_on", "signer", "title", "search_title", "text", "confidential", "created_by_id",
                                "created_at"],
                     [(*row[:-1], ts(row[14], "01:00:00")) for row in doc_rows])
        relation_id = _first_free_id(DocumentRelation)
        relations = []
        for doc, _ in doc_plans:
            if doc.target is not None:
                relations.append((relation_id, doc.id, doc.target.id, "implements"))
                relation_id += 1
        writer.write(DocumentRelation, ["id", "source_id", "target_id", "kind"], relations)

        titles = self.titles

        def task_rows():
            for t in tasks:
                (pk, doc, parent, title, assigning, lead, leader, product, assigned, deadline, original, state, progress,
                 submitted, completed, cancelled, extensions, confidential, reports, last, _) = t
                name, folded = titles[title]
                version = 1 + reports + extensions + (1 if completed or cancelled else 0)
                yield (pk, doc, parent, name, folded, "", assigning, lead, leader, product, text(assigned), text(deadline),
                       text(original), "", state, progress, text(submitted), text(completed), text(cancelled), extensions,
                       confidential, version, None, ts(text(assigned), "01:30:00"), ts(text(last)))

        writer.write(Task, ["id", "document_id", "parent_id", "title", "search_title", "description", "assigning_unit_id",
                            "lead_unit_id", "leader_id", "product", "assigned_on", "deadline", "original_deadline",
                            "recurrence", "state", "progress", "submitted_on", "completed_on", "cancelled_on",
                            "extension_count", "confidential", "version", "created_by_id", "created_at", "updated_at"],
                     task_rows())

        coordinator_id = _first_free_id(TaskCoordinator)

        def coordinator_rows():
            nonlocal coordinator_id
            for t in tasks:
                for unit in t[20]:
                    yield (coordinator_id, t[0], unit)
                    coordinator_id += 1

        coordinators = writer.write(TaskCoordinator, ["id", "task_id", "unit_id"], coordinator_rows())

        event_id = _first_free_id(TaskEvent)

        def event_rows():
            nonlocal event_id
            for t in tasks:
                kind = "delegated" if t[2] else "assigned"
                data = json.dumps({"lead_unit": code_of[t[5]], "deadline": text(t[10])}, ensure_ascii=False)
                yield (event_id, t[0], ts(text(t[8]), "01:30:00"), None, kind, "", "assigned", "", data)
                event_id += 1

        events = writer.write(TaskEvent, ["id", "task_id", "at", "actor_id", "kind", "from_state", "to_state", "note", "data"],
                              event_rows())

        extension_id = _first_free_id(Extension)

        def extension_rows():
            nonlocal extension_id
            rng = random.Random(plan.seed + 2)
            for t in tasks:
                if not t[16]:
                    continue
                previous = t[10]
                total = t[9] - t[10]
                steps = [total] if t[16] == 1 else [total // 2, total - total // 2]
                asked = t[8]
                for step in steps:
                    asked = min(max(asked + 1, previous - 5), self.today_ordinal)
                    requested = previous + step
                    yield (extension_id, t[0], t[6], ts(text(asked), "03:00:00"), text(previous), text(requested),
                           EXTENSION_REASONS[int(rng.random() * len(EXTENSION_REASONS))], "approved", t[6],
                           ts(text(asked), "08:00:00"), "Đồng ý gia hạn")
                    extension_id += 1
                    previous = requested

        extensions = writer.write(Extension, ["id", "task_id", "requested_by_id", "requested_at", "previous_deadline",
                                              "requested_deadline", "reason", "state", "decided_by_id", "decided_at",
                                              "decision_note"], extension_rows())

        report_id = _first_free_id(ProgressReport)
        texts = REPORT_TEXTS

        def report_rows():
            nonlocal report_id
            for t in tasks:
                n = t[18]
                if not n:
                    continue
                start, end, progress = t[8], t[19], t[12]
                span = max(0, end - start)
                for i in range(n):
                    day = start + (span * (i + 1)) // n
                    yield (report_id, t[0], t[6], ts(text(day), f"0{2 + i % 8}:00:00"), (progress * (i + 1)) // n,
                           texts[(t[0] + i) % len(texts)])
                    report_id += 1

        reports = writer.write(ProgressReport, ["id", "task_id", "author_id", "reported_at", "percent", "text"], report_rows())

        # Sequences end at the last number used, so later registrations continue after it.
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
        return {"documents": len(doc_rows), "relations": len(relations), "tasks": len(tasks),
                "child_tasks": sum(1 for t in tasks if t[2]), "coordinators": coordinators, "events": events,
                "extensions": extensions, "reports": reports, "sequences": len(fresh) + len(changed)}


def generate(plan: Plan) -> Result:
    """Load `plan` in one transaction with its one audit record."""
    started = time.perf_counter()
    with transaction.atomic():
        result = Generator(plan).run()
    result.seconds["committed"] = time.perf_counter() - started  # foreign key checks still queued run at commit
    return result


def plan_dict(plan: Plan) -> dict:
    data = asdict(plan)
    data["today"] = plan.today.isoformat()
    return data
