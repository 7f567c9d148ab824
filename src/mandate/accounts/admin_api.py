"""/api/v1/administration: the administration's people and units, through the same services as its pages."""
import datetime as dt

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status

from mandate.accounts import administration, permissions
from mandate.accounts.selectors import memberships_of, user_administered, users_administered
from mandate.core.errors import PermissionDenied
from mandate.orgs.selectors import unit_named

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


class RoleIn(Schema):
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


@router.post("/people/{int:user_id}/roles", response={201: PersonOut}, summary="Grant a person a role in a unit")
def role_grant(request: HttpRequest, user_id: int, payload: RoleIn):
    _require(request.user)
    person = user_administered(actor=request.user, user_id=user_id)
    administration.role_grant(actor=request.user, user=person, unit=unit_named(payload.unit, "unit"), role=payload.role)
    return Status(201, person)


@router.post("/people/{int:user_id}/deactivate", response=PersonOut, summary="Deactivate an account (never deleted)")
def person_deactivate(request: HttpRequest, user_id: int):
    _require(request.user)
    person = user_administered(actor=request.user, user_id=user_id)
    return administration.user_active_set(actor=request.user, user=person, active=False)


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
