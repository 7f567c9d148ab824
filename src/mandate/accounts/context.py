"""Template context of the menu: whether the signed-in user may open the administration pages."""
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from mandate.accounts.permissions import can_administer


def administration(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    return {"may_administer": SimpleLazyObject(lambda: bool(user is not None and can_administer(user)))}
