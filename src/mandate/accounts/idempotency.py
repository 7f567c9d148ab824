"""Idempotency keys of the API: a POST retried with the same `Idempotency-Key` is answered as the first time."""
import datetime as dt
import hashlib

from django.db import IntegrityError, transaction

from mandate.accounts.models import IdempotencyKey
from mandate.core import clock

KEPT_FOR = dt.timedelta(hours=24)
# A first request still unanswered after this long died with its server: its key may be used again.
SERVED_WITHIN = dt.timedelta(minutes=10)
KEY_MAX_LENGTH = 255


def request_digest(request) -> str:
    """What makes two requests the same one: method, path, query and body (a form's fields and files by content,
    since a multipart boundary differs from one sending to the next)."""
    digest = hashlib.sha256(f"{request.method} {request.get_full_path()}\n{request.content_type}\n".encode())
    if request.content_type in ("multipart/form-data", "application/x-www-form-urlencoded"):
        for name, values in sorted(request.POST.lists()):
            digest.update(repr((name, values)).encode())
        for name, uploads in sorted(request.FILES.lists()):
            for upload in uploads:
                content = hashlib.sha256()
                for chunk in upload.chunks():
                    content.update(chunk)
                upload.seek(0)
                digest.update(repr((name, upload.name, content.hexdigest())).encode())
    else:
        digest.update(request.body)
    return digest.hexdigest()


def key_claim(*, user, key: str, request_line: str, digest: str) -> tuple[IdempotencyKey, bool]:
    """The row of this key (created and empty when the key is new, True) after forgetting keys older than 24 h."""
    moment = clock.now()
    IdempotencyKey.objects.filter(created_at__lt=moment - KEPT_FOR).delete()
    IdempotencyKey.objects.filter(status__isnull=True, created_at__lt=moment - SERVED_WITHIN).delete()
    try:
        with transaction.atomic():
            return IdempotencyKey.objects.create(user=user, key=key, request=request_line[:300], request_hash=digest,
                                                 created_at=moment), True
    except IntegrityError:
        return IdempotencyKey.objects.get(user=user, key=key), False


def key_answer(row: IdempotencyKey, *, status: int, content_type: str, body: str) -> None:
    """Keep the first answer, to give it again to every retry."""
    IdempotencyKey.objects.filter(pk=row.pk).update(status=status, content_type=content_type[:100], body=body)


def key_release(row: IdempotencyKey) -> None:
    """The first request failed on the server's side: a retry with the key may try again."""
    IdempotencyKey.objects.filter(pk=row.pk).delete()


class FormTokens:
    """The store of pages' one-time form tokens (mandate.web.pages.OnceStore), in the same table as the API's keys."""

    def claim(self, *, user, key: str, path: str) -> tuple[str | None, bool]:
        row, first = key_claim(user=user, key=key, request_line=f"POST {path}", digest=hashlib.sha256(path.encode()).hexdigest())
        return (None if first else row.body or None), first

    def answer(self, *, user, key: str, location: str) -> None:
        IdempotencyKey.objects.filter(user=user, key=key).update(status=302, body=location)

    def release(self, *, user, key: str) -> None:
        IdempotencyKey.objects.filter(user=user, key=key).delete()
