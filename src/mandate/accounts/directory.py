"""Signing in with the office's directory (LDAP, through django-auth-ldap), when MANDATE_LDAP_URI is set.

The directory checks the password; Mandate keeps everything else. A person the directory knows gets a Mandate account
at their first sign-in, named by the key of the name typed (`signin.identifier_key`), with their full name and e-mail
from the directory, an unusable local password and no role: an administrator grants roles in Mandate, as for anyone.
The sign-in page's throttling and the second factor apply as to a local password (they sit in the login view, around
`authenticate`); a deactivated account stays shut whatever the directory says.
"""
from django_auth_ldap.backend import LDAPBackend

from mandate.accounts.models import User
from mandate.accounts.signin import identifier_key
from mandate.audit.services import audit_record


class DirectoryBackend(LDAPBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        key = identifier_key(username)
        if not key or not password:
            return None
        known = User.objects.filter(username=key).exists()
        user = super().authenticate(request, username=key, password=password, **kwargs)
        if user is not None and not known:
            audit_record(actor=None, action="user.directory_create", obj=user,
                         after={"username": user.username, "full_name": user.full_name, "email": user.email})
        return user

    def user_can_authenticate(self, user) -> bool:
        return getattr(user, "is_active", False)
