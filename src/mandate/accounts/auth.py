"""How the API knows who is calling: a bearer token, or the page session with its CSRF token."""
from ninja.security import HttpBearer, SessionAuth

from mandate.accounts.services import token_authenticate


class BearerToken(HttpBearer):
    def authenticate(self, request, token: str):
        user = token_authenticate(raw=token)
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
