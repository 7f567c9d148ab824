"""/api/v1/tokens: the caller's own API tokens, listed and revoked."""
import datetime as dt

from django.http import HttpRequest
from ninja import Router, Schema

from mandate.accounts import regulations, selectors, services
from mandate.orgs.selectors import unit_get

router = Router(tags=["tokens"])


class TokenOut(Schema):
    id: int
    name: str
    prefix: str
    created_at: dt.datetime
    expires_at: dt.datetime | None
    revoked_at: dt.datetime | None
    last_used_at: dt.datetime | None


@router.get("", response=list[TokenOut], summary="My API tokens (prefixes only; a token is shown once, when issued)")
def my_tokens(request: HttpRequest):
    return list(selectors.tokens_of(user=request.user))


@router.post("/{int:token_id}/revoke", response=TokenOut, summary="Revoke one of my tokens at once")
def revoke_token(request: HttpRequest, token_id: int):
    return services.token_revoke(actor=request.user, token=selectors.token_get(user=request.user, token_id=token_id))


regulations_router = Router(tags=["regulations"])


class RuleOut(Schema):
    decision: str
    roles: list[str]
    separate_from_initiator: bool
    source: str  # "regulation" or "default"
    text: str


class ActingOut(Schema):
    absent: str
    acting: str
    role: str
    valid_from: dt.date
    valid_to: dt.date
    reason: str


class RegulationOut(Schema):
    unit: str
    regulation_unit: str | None
    number: str | None
    title: str | None
    valid_from: dt.date | None
    rules: list[RuleOut]
    acting_for: list[ActingOut]


@regulations_router.get("/{code}", response=RegulationOut, summary="The working regulation that governs a unit: who decides what, who acts for whom")
def regulation_of(request: HttpRequest, code: str, as_of: dt.date | None = None):
    return regulations.regulation_view(unit=unit_get(code=code), as_of=as_of)
