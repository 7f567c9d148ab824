"""Passwords: changed by their owner, reset through a link e-mailed by the configured SMTP server (Django's token
generator: the link works once, and no longer once the password or the last sign-in changed), set by an
administrator. Every change goes through `services.user_set_password`, which writes the audit record."""
import logging
import smtplib

from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.forms import PasswordChangeForm, PasswordResetForm, SetPasswordForm
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from mandate.accounts.models import User
from mandate.accounts.services import user_set_password
from mandate.audit.services import audit_record
from mandate.core.errors import DomainError, FieldError

logger = logging.getLogger(__name__)


def password_errors(password: str, user: User | None = None, field: str = "password") -> list[FieldError]:
    """The reasons the validators of settings.AUTH_PASSWORD_VALIDATORS give against `password`, in the reader's language."""
    try:
        password_validation.validate_password(password, user)
    except ValidationError as error:
        return [FieldError(field, message, "weak") for message in error.messages]
    return []


def reset_link_send(*, user: User, actor: User | None = None) -> bool:
    """E-mail `user` a link that sets a new password, in their language; False when it could not be sent."""
    if not user.is_active or not user.email:
        return False
    link = settings.MANDATE_SITE_URL.rstrip("/") + reverse("password_reset_confirm", kwargs={
        "uidb64": urlsafe_base64_encode(force_bytes(user.pk)), "token": default_token_generator.make_token(user)})
    with translation.override(user.language or translation.get_language() or settings.LANGUAGE_CODE):
        subject = _("Set a new password for Mandate")
        body = render_to_string("accounts/email/password_reset.txt", {"user": user, "link": link})
    with transaction.atomic():
        audit_record(actor=actor, action="user.password_reset_link", obj=user, after={"username": user.username})
    try:
        send_mail(subject, body, None, [user.email])
    except (OSError, smtplib.SMTPException):
        logger.exception("the password reset link for %s could not be sent", user.username)
        return False
    return True


class ResetRequestForm(PasswordResetForm):
    """Django's form asking for the e-mail address; the answer is the same whether an account has it or not."""

    def save(self, **kwargs) -> None:
        for user in self.get_users(self.cleaned_data["email"]):
            reset_link_send(user=user)


class ResetForm(SetPasswordForm):
    """The new password from the e-mailed link, saved through the service (the audit record)."""

    def save(self, commit: bool = True) -> User:
        user_set_password(actor=self.user, user=self.user, password=self.cleaned_data["new_password1"])
        return self.user


class ChangeForm(PasswordChangeForm):
    """The signed-in user's own change: the old password, then the new one twice."""

    def save(self, commit: bool = True) -> User:
        user_set_password(actor=self.user, user=self.user, password=self.cleaned_data["new_password1"])
        return self.user


def refuse_weak(password: str, user: User | None) -> None:
    errors = password_errors(password, user)
    if errors:
        raise DomainError(_("The password was not set."), errors)
