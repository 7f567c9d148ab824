"""Writes of monitoring: KPI targets and their reported values, reminders and their delivery."""
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, gettext_noop

from mandate.accounts.models import User
from mandate.accounts.permissions import require
from mandate.audit.services import audit_record
from mandate.core import clock
from mandate.core.errors import FieldError, DomainError, invalid
from mandate.core.integrity import refuse_duplicate, violates
from mandate.core.text import nfc
from mandate.monitoring.models import (
    DEFAULT_DIGEST_HOUR, Channel, Comparison, Digest, KpiActual, KpiTarget, Notification, NotificationKind,
    ReminderPreference,
)
from mandate.monitoring.permissions import can_report_kpi, can_set_kpi_target, can_set_reminder_preference
from mandate.monitoring.reminders import reminders_due
from mandate.orgs.models import Unit
from mandate.core.errors import field_label


def _kpi_snapshot(target: KpiTarget) -> dict:
    return {"unit": target.unit.code, "indicator": target.indicator, "period_start": target.period_start,
            "period_end": target.period_end, "comparison": target.comparison, "target": str(target.target),
            "measure": target.measure, "document": target.document_id}


def kpi_target_create(*, actor, unit: Unit | None, indicator: str, period_start: dt.date | None, period_end: dt.date | None,
                      comparison: str, target: Decimal | None, measure: str = "", document=None) -> KpiTarget:
    """Set the value an indicator of a unit must reach over a period."""
    indicator = nfc(indicator or "")
    errors = []
    if unit is None:
        errors.append(FieldError("unit", "is required", "required"))
    if not indicator:
        errors.append(FieldError("indicator", "is required", "required"))
    if period_start is None or period_end is None:
        errors.append(FieldError("period", gettext_noop("needs a start and an end"), "required"))
    elif period_end < period_start:
        errors.append(FieldError("period_end", gettext_noop("is before the start")))
    if comparison not in Comparison.values:
        errors.append(FieldError("comparison", translation.gettext("must be one of: %(choices)s") % {"choices": ", ".join(Comparison.values)}))
    if target is None:
        errors.append(FieldError("target", "is required", "required"))
    if errors:
        raise DomainError(translation.gettext("The target is not complete: %(reasons)s") % {"reasons": "; ".join(
            translation.gettext("%(field)s: %(reason)s") % {"field": field_label(e.field), "reason": translation.gettext(e.reason)}
            for e in errors)}, errors)
    require(can_set_kpi_target(actor, unit), gettext_noop("Only the leaders over this unit may set its targets."))
    taken = invalid("indicator", gettext_noop("this unit already has a target for this indicator and period"), "duplicate")
    with transaction.atomic():
        # kpi_target_unique decides, also between two requests at once (no SELECT first).
        with refuse_duplicate(KpiTarget, "kpi_target_unique", taken):
            kpi = KpiTarget.objects.create(unit=unit, indicator=indicator, period_start=period_start, period_end=period_end,
                                           comparison=comparison, target=target, measure=nfc(measure or ""), document=document,
                                           created_by=actor if getattr(actor, "pk", None) else None, created_at=clock.now())
        audit_record(actor=actor, action="kpi.target_create", obj=kpi, after=_kpi_snapshot(kpi))
    return kpi


def kpi_actual_report(*, actor, target: KpiTarget, value: Decimal | None, reported_on: dt.date | None = None,
                      note: str = "") -> KpiActual:
    """Report the value an indicator reached; the latest report by a date is its value on that date."""
    if value is None:
        raise invalid("value", "is required", "required")
    require(can_report_kpi(actor, target), gettext_noop("Only the unit's own staff or those above it may report this value."))
    with transaction.atomic():
        actual = KpiActual.objects.create(target=target, value=value, reported_on=reported_on or clock.today(),
                                          note=nfc(note or ""), reported_by=actor if getattr(actor, "pk", None) else None,
                                          created_at=clock.now())
        audit_record(actor=actor, action="kpi.actual_report", obj=actual,
                     after={"target": target.pk, "value": str(value), "reported_on": actual.reported_on})
    return actual


@dataclass(frozen=True)
class ReminderRun:
    day: dt.date
    digests: int
    notifications: int


KIND_ORDER = {NotificationKind.ESCALATION: 0, NotificationKind.OVERDUE: 1, NotificationKind.DUE_SOON: 2}


def _digest_text(recipient: User, day: dt.date, items: list) -> tuple[str, str, str]:
    """Subject, text and HTML of one person's digest, in the person's language."""
    items = sorted(items, key=lambda r: (KIND_ORDER[r.kind], r.task.deadline, r.task.pk))
    base = settings.MANDATE_SITE_URL.rstrip("/")
    context = {"recipient": recipient, "day": day, "base": base, "tasks_url": base + reverse("tasks"),
               "notifications_url": base + reverse("monitoring:notifications"),
               "groups": [(kind, [r for r in items if r.kind == kind]) for kind in KIND_ORDER],
               "task_url": base + "/tasks/"}
    with translation.override(recipient.language or settings.LANGUAGE_CODE):
        subject = " ".join(render_to_string("monitoring/email/digest_subject.txt", context).split())
        text = render_to_string("monitoring/email/digest.txt", context)
        html = render_to_string("monitoring/email/digest.html", context)
    return subject, text, html


def reminders_run(*, day: dt.date, actor=None) -> ReminderRun:
    """Record the day's reminders as notifications and one digest per person; a second run adds nothing."""
    reminders = reminders_due(day=day)
    by_recipient: dict[int, list] = defaultdict(list)
    for reminder in reminders:
        by_recipient[reminder.recipient_id].append(reminder)
    digests = notifications = 0
    with transaction.atomic():
        done = set(Digest.objects.filter(day=day, recipient_id__in=list(by_recipient)).values_list("recipient_id", flat=True))
        people = User.objects.in_bulk([r for r in by_recipient if r not in done])
        in_app_only = set(ReminderPreference.objects.filter(user_id__in=list(people), channel=Channel.IN_APP)
                          .values_list("user_id", flat=True))
        moment = clock.now()
        for recipient_id, items in sorted(by_recipient.items()):
            if recipient_id in done or recipient_id not in people:
                continue
            recipient = people[recipient_id]
            subject, text, html = _digest_text(recipient, day, items)
            try:
                with transaction.atomic():
                    email = "" if recipient_id in in_app_only else recipient.email or ""
                    digest = Digest.objects.create(recipient=recipient, day=day, created_at=moment,
                                                   email=email, subject=subject[:255], body=text)
                    Notification.objects.bulk_create([
                        Notification(recipient=recipient, task=item.task, kind=item.kind, day=day, days=item.days,
                                     digest=digest, created_at=moment) for item in items])
            except IntegrityError as error:
                if not violates(error, Digest, "digest_one_per_person_per_day"):
                    raise
                continue  # a run at the same time recorded this person's day: theirs stands, nothing is doubled
            digests += 1
            notifications += len(items)
        if digests:
            audit_record(actor=actor, action="monitoring.remind", object_type="monitoring.digest", object_id=day.isoformat(),
                         after={"day": day, "digests": digests, "notifications": notifications})
    return ReminderRun(day=day, digests=digests, notifications=notifications)


def digests_deliver(*, day: dt.date | None = None, hour: int | None = None) -> int:
    """Send by email every digest not sent yet (of `day`, or of any day) — at `hour`, only to those whose chosen hour
    has come; never to those who chose to read them in Mandate only. Each is marked when it has gone."""
    pending = (Digest.objects.filter(sent_at__isnull=True).exclude(email="")
               .exclude(recipient_id__in=ReminderPreference.objects.filter(channel=Channel.IN_APP).values("user_id")))
    if day is not None:
        pending = pending.filter(day=day)
    if hour is not None:
        pending = pending.exclude(recipient_id__in=ReminderPreference.objects.filter(digest_hour__gt=hour).values("user_id"))
        if hour < DEFAULT_DIGEST_HOUR:  # those who chose nothing get theirs at the default hour
            pending = pending.filter(recipient__reminder_preference__isnull=False)
    sent = 0
    connection = get_connection()
    for digest_id in list(pending.order_by("id").values_list("id", flat=True)):
        with transaction.atomic():
            digest = (Digest.objects.select_for_update(skip_locked=True).filter(pk=digest_id, sent_at__isnull=True)
                      .select_related("recipient").first())
            if digest is None:  # another worker has it, or sent it meanwhile
                continue
            _, _, html = _digest_text(digest.recipient, digest.day, _items_of(digest))
            message = EmailMultiAlternatives(subject=digest.subject, body=digest.body, to=[digest.email],
                                             connection=connection)
            message.attach_alternative(html, "text/html")
            message.send()
            digest.sent_at = clock.now()
            digest.save(update_fields=["sent_at"])
            sent += 1
    return sent


@dataclass(frozen=True)
class _Item:
    task: object
    kind: str
    days: int


def _items_of(digest: Digest) -> list:
    return [_Item(n.task, n.kind, n.days) for n in digest.notifications.select_related("task", "task__lead_unit")]


def reminder_preference_set(*, actor, user: User, channel: str, digest_hour: int | None) -> ReminderPreference:
    """Choose how `user` receives the daily digest: by e-mail at `digest_hour` (0–23), or in Mandate only."""
    require(can_set_reminder_preference(actor, user), gettext("You may change only your own reminders."))
    errors = []
    if channel not in Channel.values:
        errors.append(FieldError("channel", gettext("'%(name)s' is not one of %(names)s") % {
            "name": channel, "names": ", ".join(Channel.values)}, "choice"))
    if digest_hour is None or not 0 <= digest_hour <= 23:
        errors.append(FieldError("digest_hour", gettext("must be an hour from 0 to 23"), "range"))
    if errors:
        raise DomainError(gettext("The reminder settings cannot be saved."), errors)
    with transaction.atomic():
        current = ReminderPreference.objects.select_for_update().filter(user=user).first()
        before = {"channel": current.channel, "digest_hour": current.digest_hour} if current else None
        preference, _created = ReminderPreference.objects.update_or_create(
            user=user, defaults={"channel": channel, "digest_hour": digest_hour, "updated_at": clock.now()})
        audit_record(actor=actor, action="monitoring.reminder_preference_set", obj=preference, before=before,
                     after={"user": user.username, "channel": channel, "digest_hour": digest_hour})
    return preference


def notifications_mark_read(*, actor, ids: list[int] | None = None) -> int:
    """Mark the actor's notifications read (all of them when no ids are given)."""
    unread = Notification.objects.filter(recipient=actor, read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=ids)
    return unread.update(read_at=clock.now())
