"""How the API knows who is calling: a bearer token, or the page session with its CSRF token."""
from ninja.security import HttpBearer, SessionAuth

from mandate.accounts.services import token_authenticate


def bearer_user(request, raw: str):
    """The active user of the request's bearer token, or None: looked up once per request (the API's edge asks before
    the operation's authentication does), so the token is read and its `last_used_at` written once."""
    known = getattr(request, "_mandate_bearer", None)
    if known is not None and known[0] == raw:
        return known[1]
    user = token_authenticate(raw=raw)
    request._mandate_bearer = (raw, user)
    return user


class BearerToken(HttpBearer):
    def authenticate(self, request, token: str):
        user = bearer_user(request, token)
        if user is not None:
            request.user = user
        return user


class SessionWithCsrf(SessionAuth):
    """Django's session; unsafe methods must carry the CSRF token as pages do."""

    def __call__(self, request):
        # A request that names a token is judged by the token alone: a dead token is a 401, not a CSRF failure of
        # the session the same browser happens to hold.
        if "Authorization" in request.headers:
            return None
        return super().__call__(request)
