"""Cadres and the posts they hold or held, as an organization committee lists them: each row as the record and the
holding it will enter, or why not.

A row names a person (form 2C's fields: name, birth date, sex, home province, ethnicity, party dates, education,
political theory) and one post they hold or held, from when to when and how (official, acting, concurrent, seconded).
The person is the one already on file with the same name and birth date, else a record `personnel.services.
person_create` opens, kept by the post's unit; the holding is entered by `holding_record`, as an old file states it.
The post must be on file already (the posts' import comes first): a row naming a post the unit does not have is
refused, naming it. A person holding two posts is two rows; the second finds the record the first opened.
"""
import datetime as dt

from django.db.models import Q
from django.utils.translation import gettext, gettext_lazy as _, gettext_noop

from mandate.core.errors import DomainError, FieldError

from mandate.core.text import fold_words, searchable
from mandate.orgs.models import Unit
from mandate.personnel.models import Holding, HoldingKind, Person, Position
from mandate.personnel.permissions import kept_units
from mandate.personnel.services import holding_record, person_create
from mandate.sheets import position_rows
from mandate.sheets.cadre_words import holding_kind_of, sex_of, theory_of, title_of
from mandate.sheets.matching import Names, names_of
from mandate.sheets.reading import Column, Row
from mandate.sheets.rows import FORMULA, cell_text, days, fingerprint, identity, named, refusal

KIND = "cadres"
TITLE = _("Import cadres and their posts from a spreadsheet")
LIST_URL = "personnel:positions"
DETAIL_URL = None
TEMPLATE_NAME = "mau-nhap-can-bo.xlsx"
SHEET_TITLE = "Cán bộ"
SUMMARY = (_("Post"), _("Held from"))
DONE = ("%(count)s holding imported.", "%(count)s holdings imported.")
REFUSED = position_rows.REFUSED
may_import = position_rows.may_import

COLUMNS = (
    Column("key", _("Row key"), example="CB-001"),
    Column("full_name", _("Full name"), required=True, example="Nguyễn Văn A"),
    Column("birth_date", _("Birth date"), required=True, example="12/03/1972"),
    Column("sex", _("Sex"), required=True, example="Nam"),
    Column("home_province", _("Home province"), example="Phú Thọ"),
    Column("ethnicity", _("Ethnicity"), example="Kinh"),
    Column("party_joined_on", _("Joined the Party on"), example="19/05/1995"),
    Column("party_full_member_on", _("Full member since"), example="19/05/1996"),
    Column("education", _("Education"), example="Thạc sĩ Quản lý công"),
    Column("political_theory", _("Political theory"), example="Cao cấp"),
    Column("unit", _("Unit"), required=True, example="Ủy ban nhân dân tỉnh Phú Thọ"),
    Column("post", _("Post"), required=True, example="Phó Chủ tịch Ủy ban nhân dân tỉnh"),
    Column("holding_kind", _("Held as"), example="Chính thức"),
    Column("starts_on", _("Held from"), required=True, example="01/07/2025"),
    Column("ends_on", _("Held until"), example=""),
)
CONTENT = [column.name for column in COLUMNS if column.name != "key"]
REQUIRED_NAMES = tuple(column.name for column in COLUMNS if column.required)
UNKNOWN_UNIT = position_rows.UNKNOWN_UNIT
NO_POST = gettext_noop("%(unit)s has no post «%(value)s» on that day; import the posts first")
BAD_SEX = gettext_noop("«%(value)s» is not a sex: write Nam or Nữ")
BAD_THEORY = gettext_noop("«%(value)s» is no level of political theory: write Sơ cấp, Trung cấp, Cao cấp or Cử nhân")
BAD_HOLDING = gettext_noop("«%(value)s» is not how a post is held: write Chính thức, Quyền, Phụ trách, Kiêm nhiệm or Biệt phái")
NOT_AFTER = gettext_noop("must be after the first day")
HELD = gettext_noop("%(person)s holds this post already in these dates")
REQUIRED = gettext_noop("is required")


class Context:
    def __init__(self, *, user, units: Names) -> None:
        self.user = user
        self.units = units
        self._posts: dict[str, list[Position]] = {}

    def posts(self, unit_code: str) -> list[Position]:
        if unit_code not in self._posts:
            self._posts[unit_code] = list(Position.objects.filter(unit__code=unit_code).order_by("title", "id"))
        return self._posts[unit_code]


def context(*, user, as_of: dt.date) -> Context:
    return Context(user=user, units=names_of(kept_units(user).filter(pk__in=Unit.objects.valid_on(as_of))))


def post_of(posts: list[Position], text: str, day: dt.date | None) -> Position | None:
    """The unit's post a cell names, in force on `day`: by its name, else the only one of the title it names."""
    held = [post for post in posts if day is None or post.is_valid_on(day)]
    folded = fold_words(text)
    same = [post for post in held if fold_words(post.title) == folded]
    if same:
        return same[0]
    kind = title_of(text)
    of_kind = [post for post in held if post.kind == kind]
    return of_kind[0] if kind and len(of_kind) == 1 else None


def existing_person(full_name: str, birth_date: dt.date | None) -> Person | None:
    if not full_name or birth_date is None:
        return None
    return Person.objects.filter(search_name=searchable(full_name), birth_date=birth_date).order_by("id").first()


def preview_row(row: Row, context: Context, seen_keys: dict[str, int]) -> dict:
    values = row.values
    errors = [refusal(name, FORMULA) for name in row.formulas]
    text = {name: cell_text(values[name]) for name in values}
    errors += [refusal(name, REQUIRED) for name in REQUIRED_NAMES if not text.get(name) and name not in row.formulas]
    dates = days(values, text, ("birth_date", "party_joined_on", "party_full_member_on", "starts_on", "ends_on"), errors)
    choices = {}
    for name, read, reason in (("sex", sex_of, BAD_SEX), ("political_theory", theory_of, BAD_THEORY),
                               ("holding_kind", holding_kind_of, BAD_HOLDING)):
        if text.get(name):
            choices[name] = read(text[name])
            if choices[name] is None:
                errors.append(refusal(name, reason, value=text[name]))
    if dates.get("starts_on") and dates.get("ends_on") and dates["ends_on"] <= dates["starts_on"]:
        errors.append(refusal("ends_on", NOT_AFTER))
    matches: dict[str, dict] = {}
    asked = False
    unit = post = None
    if text.get("unit"):
        match = context.units.match(text["unit"])
        matches["unit"] = match.as_dict()
        unit, refused, asked = named(match, "unit", UNKNOWN_UNIT)
        errors += [refused] if refused else []
    if unit and text.get("post"):
        post = post_of(context.posts(unit), text["post"], dates.get("starts_on"))
        if post is None:
            errors.append(refusal("post", NO_POST, value=text["post"], unit=match.candidates[0][1] if match.candidates else unit))
    person = existing_person(text.get("full_name", ""), dates.get("birth_date"))
    held = (person is not None and post is not None and dates.get("starts_on") is not None
            and _overlaps(person, post, dates["starts_on"], dates.get("ends_on")))
    print_ = fingerprint(values, CONTENT)
    key, known_as = identity(row, text, print_, seen_keys, errors)
    return {
        "line": row.line, "key": key, "identity": known_as, "fingerprint": print_,
        "status": "refused" if errors else ("ask" if asked else "new"), "scope": unit or "",
        "title": text.get("full_name", ""), "summary": [text.get("post", ""), text.get("starts_on", "")], "values": text,
        "unit": unit, "post": post.pk if post else None, "person": person.pk if person else None,
        "sex": choices.get("sex"), "political_theory": choices.get("political_theory") or "",
        "holding_kind": choices.get("holding_kind") or HoldingKind.OFFICIAL,
        **{name: dates[name].isoformat() if dates.get(name) else None
           for name in ("birth_date", "party_joined_on", "party_full_member_on", "starts_on", "ends_on")},
        "matches": matches, "errors": errors, "held": person.full_name if held else "",
    }


def _overlaps(person: Person, post: Position, starts_on: dt.date, ends_on: dt.date | None) -> bool:
    return (Holding.objects.filter(person=person, position=post, starts_on__lt=ends_on or dt.date.max)
            .filter(Q(ends_on__isnull=True) | Q(ends_on__gt=starts_on)).exists())


def after_comparison(row: dict) -> None:
    """A post the person holds already in those dates, and not by this row's earlier import, refuses the row."""
    held = row.pop("held", "")
    if held and row["status"] in ("new", "ask"):
        row["errors"].append(refusal("starts_on", HELD, person=held))
        row["status"] = "refused"


def _day(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def creator(*, actor, batch, rows: list[dict]):
    """Each row's holding, its person found on file (or opened by an earlier row of the same file) or opened."""
    units = Unit.objects.in_bulk({row["unit"] for row in rows}, field_name="code")
    posts = Position.objects.select_related("unit").in_bulk({row["post"] for row in rows})

    def create(row: dict):
        values = row["values"]
        birth_date = _day(row["birth_date"])
        unit = units[row["unit"]]
        # An asked row's unit is chosen on confirming: its post is read in that unit now.
        post = posts.get(row["post"]) if row["post"] else post_of(list(Position.objects.filter(unit=unit)),
                                                                  values.get("post", ""), _day(row["starts_on"]))
        if post is None:
            raise DomainError(gettext("The holding cannot be recorded."), [FieldError(
                "post", gettext(NO_POST) % {"value": values.get("post", ""), "unit": unit.name}, "not_found")])
        person = existing_person(values.get("full_name", ""), birth_date) or person_create(
            actor=actor, full_name=values.get("full_name", ""), birth_date=birth_date, sex=row["sex"], kept_by=unit,
            home_province=values.get("home_province", ""), ethnicity=values.get("ethnicity", ""),
            party_joined_on=_day(row["party_joined_on"]), party_full_member_on=_day(row["party_full_member_on"]),
            education=values.get("education", ""), political_theory=row["political_theory"])
        return holding_record(actor=actor, person=person, position=post, starts_on=_day(row["starts_on"]),
                              ends_on=_day(row["ends_on"]), kind=row["holding_kind"])

    return create
