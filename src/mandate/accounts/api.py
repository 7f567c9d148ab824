"""/api/v1/tokens: the caller's own API tokens, listed and revoked."""
import datetime as dt

from django.http import HttpRequest
from ninja import Router, Schema

from mandate.accounts import selectors, services

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
