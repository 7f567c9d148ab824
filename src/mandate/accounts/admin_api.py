"""/api/v1/administration: the administration's people and units, through the same services as its pages."""
import datetime as dt

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from mandate.accounts import administration, permissions, services
from mandate.accounts.models import Membership
from mandate.accounts.selectors import memberships_of, user_administered, users_administered
from mandate.core.errors import NotFound, PermissionDenied
from mandate.core.preconditions import VERSIONED, ExpectedVersionIn, expected_version
from mandate.orgs.selectors import unit_get, unit_named

router = Router(tags=["administration"])


class MembershipOut(Schema):
    id: int
    unit: str
    role: str

    @staticmethod
    def resolve_unit(membership) -> str:
        return membership.unit.code


class PersonOut(Schema):
    id: int
    username: str
    full_name: str
    email: str
    is_active: bool
    memberships: list[MembershipOut]
    version: int = Field(description="raised by every administration edit of the account; an edit sends it (If-Match)")

    @staticmethod
    def resolve_memberships(user) -> list:
        return list(memberships_of(user=user))


class PersonIn(Schema):
    username: str
    full_name: str
    email: str = ""
    position: str = ""
    password: str = ""
    clearance: int = 0
    unit: str
    role: str


class RoleIn(ExpectedVersionIn):
    unit: str
    role: str


class UnitIn(Schema):
    parent: str
    name: str
    kind: str
    valid_from: dt.date
    valid_to: dt.date | None = None


class UnitOut(Schema):
    code: str
    name: str
    valid_from: dt.date | None
    valid_to: dt.date | None


def _require(user) -> None:
    if not permissions.can_administer(user):
        raise PermissionDenied(_("Only administrators open the administration pages."))


@router.get("/people", response=list[PersonOut], summary="The people I administer (a system administrator: everyone)")
def people(request: HttpRequest, q: str = ""):
    _require(request.user)
    return list(users_administered(actor=request.user, q=q[:100]))


@router.post("/people", response={201: PersonOut}, summary="Add a person with their first role in a unit")
def person_add(request: HttpRequest, payload: PersonIn):
    _require(request.user)
    data = payload.dict()
    unit = unit_named(data.pop("unit"), "unit")
    return Status(201, administration.staff_add(actor=request.user, unit=unit, **data))


@router.post("/people/{int:user_id}/roles", response={201: PersonOut, **VERSIONED}, summary="Grant a person a role in a unit")
def role_grant(request: HttpRequest, user_id: int, payload: RoleIn):
    _require(request.user)
    person = user_administered(actor=request.user, user_id=user_id)
    administration.role_grant(actor=request.user, user=person, unit=unit_named(payload.unit, "unit"), role=payload.role,
                              expected_version=expected_version(request, payload.version))
    return Status(201, person)


def _version_of(request, payload: ExpectedVersionIn | None) -> int:
    return expected_version(request, payload.version if payload else None)


@router.post("/people/{int:user_id}/deactivate", response={200: PersonOut, **VERSIONED},
             summary="Deactivate an account (never deleted)")
def person_deactivate(request: HttpRequest, user_id: int, payload: ExpectedVersionIn | None = None):
    _require(request.user)
    person = user_administered(actor=request.user, user_id=user_id)
    return administration.user_active_set(actor=request.user, user=person, active=False,
                                          expected_version=_version_of(request, payload))


@router.post("/people/{int:user_id}/unlock", response=PersonOut, summary="Forget the failed sign-ins that lock an account")
def person_unlock(request: HttpRequest, user_id: int):
    _require(request.user)
    person = user_administered(actor=request.user, user_id=user_id)
    administration.user_unlock(actor=request.user, user=person)
    return person


@router.post("/units", response={201: UnitOut}, summary="Add an agency or department under a unit, with its validity dates")
def unit_add(request: HttpRequest, payload: UnitIn):
    _require(request.user)
    return Status(201, administration.unit_add(actor=request.user, parent=unit_named(payload.parent, "parent"), name=payload.name,
                                        kind=payload.kind, valid_from=payload.valid_from, valid_to=payload.valid_to))


@router.get("/people/{int:user_id}", response=PersonOut, summary="One person I administer, with their roles")
def person(request: HttpRequest, user_id: int):
    _require(request.user)
    return user_administered(actor=request.user, user_id=user_id)


@router.post("/people/{int:user_id}/roles/{int:membership_id}/withdraw", response={200: PersonOut, **VERSIONED},
             summary="Withdraw one of a person's roles")
def role_withdraw(request: HttpRequest, user_id: int, membership_id: int, payload: ExpectedVersionIn | None = None):
    _require(request.user)
    person = user_administered(actor=request.user, user_id=user_id)
    membership = Membership.objects.filter(user=person, pk=membership_id).select_related("unit", "user").first()
    if membership is None:
        raise NotFound(_("No role %(id)s of this person.") % {"id": membership_id})
    administration.role_withdraw(actor=request.user, membership=membership, expected_version=_version_of(request, payload))
    return user_administered(actor=request.user, user_id=user_id)


@router.post("/people/{int:user_id}/activate", response={200: PersonOut, **VERSIONED}, summary="Open a deactivated account again")
def person_activate(request: HttpRequest, user_id: int, payload: ExpectedVersionIn | None = None):
    _require(request.user)
    person = user_administered(actor=request.user, user_id=user_id)
    return administration.user_active_set(actor=request.user, user=person, active=True,
                                          expected_version=_version_of(request, payload))


class PasswordIn(Schema):
    password: str = ""


class PasswordOut(Schema):
    link_sent: bool


@router.post("/people/{int:user_id}/password", response=PasswordOut,
             summary="Set a temporary password, or (without one) e-mail the person a link to set a new one")
def person_password(request: HttpRequest, user_id: int, payload: PasswordIn):
    _require(request.user)
    person = user_administered(actor=request.user, user_id=user_id)
    return {"link_sent": administration.user_password_reset(actor=request.user, user=person, password=payload.password)}


class AlertsIn(ExpectedVersionIn):
    warning_days: int | None = None
    reminder_days: list[int] | None = None
    escalate_after_days: int | None = None
    below: bool = False


class AlertsOut(Schema):
    units_changed: int
    alerts_version: int = Field(description="the unit's settings' version now; the next edit sends it (If-Match)")


class UnitAlertsOut(Schema):
    code: str
    warning_days: int | None
    reminder_days: list[int]
    escalate_after_days: int | None
    alerts_version: int = Field(description="raised by every change of these settings; an edit sends it (If-Match)")

    @staticmethod
    def resolve_reminder_days(unit) -> list[int]:
        return [int(day) for day in unit.reminder_days.split(",") if day.isdigit()]


@router.get("/units/{code}/alerts", response=UnitAlertsOut,
            summary="A unit's warning and reminder settings (empty: the default of the house), with their version")
def unit_alerts_read(request: HttpRequest, code: str):
    _require(request.user)
    unit = unit_get(code=code)
    if not permissions.can_administer_unit(request.user, unit):
        raise PermissionDenied(_("Only the administrators of %(unit)s set its warnings and reminders.") % {"unit": unit.name})
    return unit


@router.post("/units/{code}/alerts", response={200: AlertsOut, **VERSIONED},
             summary="When a unit's tasks count as due soon, the days its people are reminded, when the superior is told")
def unit_alerts(request: HttpRequest, code: str, payload: AlertsIn):
    _require(request.user)
    unit = unit_get(code=code)
    data = payload.dict()
    data.pop("version")
    changed = administration.unit_alerts_set(actor=request.user, unit=unit, expected_version=expected_version(request, payload.version),
                                             **data)
    unit.refresh_from_db(fields=["alerts_version"])
    return {"units_changed": changed, "alerts_version": unit.alerts_version}


class DelegationIn(Schema):
    from_unit: str
    to_unit: str
    roles: list[str]


class DelegationOut(Schema):
    id: int
    from_unit: str
    to_unit: str
    role: str

    @staticmethod
    def resolve_from_unit(delegation) -> str:
        return delegation.from_unit.code

    @staticmethod
    def resolve_to_unit(delegation) -> str:
        return delegation.to_unit.code


@router.post("/delegations", response={201: list[DelegationOut]},
             summary="Let the administrators of a unit below appoint people to these roles within it")
def delegate(request: HttpRequest, payload: DelegationIn):
    _require(request.user)
    return Status(201, services.rights_delegate(actor=request.user, from_unit=unit_named(payload.from_unit, "from_unit"),
                                                to_unit=unit_named(payload.to_unit, "to_unit"), roles=payload.roles))


class ClusterIn(Schema):
    code: str
    name: str
    year: int | None = None
    members: list[str]


class ClusterOut(Schema):
    code: str
    name: str
    year: int | None
    members: list[str]

    @staticmethod
    def resolve_members(cluster) -> list[str]:
        return sorted(cluster.members.values_list("code", flat=True))


@router.post("/clusters", response={201: ClusterOut}, summary="Save an emulation cluster (again: its members are replaced)")
def cluster_save(request: HttpRequest, payload: ClusterIn):
    _require(request.user)
    members = [unit_named(code, "members") for code in payload.members]
    return Status(201, administration.cluster_save(actor=request.user, code=payload.code, name=payload.name,
                                                   members=members, year=payload.year))
