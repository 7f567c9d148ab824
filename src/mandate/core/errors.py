"""Domain errors that every edge (API, pages, commands) turns into a message naming field and reason."""
from dataclasses import dataclass, field


@dataclass(frozen=True)
class FieldError:
    field: str
    reason: str
    code: str = "invalid"


@dataclass
class DomainError(Exception):
    """A request that the domain refuses; `status` is the HTTP status an edge should answer with."""

    message: str
    errors: list[FieldError] = field(default_factory=list)
    status: int = 422
    # Facts the caller needs to recover, sent beside the message (e.g. the current version on a 409).
    details: dict = field(default_factory=dict)

    def __str__(self) -> str:
        return self.message

    def as_dict(self) -> dict:
        return {
            "message": self.message,
            "errors": [{"field": e.field, "reason": e.reason, "code": e.code} for e in self.errors],
            **self.details,
        }


class PermissionDenied(DomainError):
    def __init__(self, message: str = "You may not do this.") -> None:
        super().__init__(message=message, status=403)


class NotFound(DomainError):
    def __init__(self, message: str = "Not found.") -> None:
        super().__init__(message=message, status=404)


class Conflict(DomainError):
    def __init__(self, message: str, errors: list[FieldError] | None = None, details: dict | None = None) -> None:
        super().__init__(message=message, errors=errors or [], status=409, details=details or {})


def invalid(field_name: str, reason: str, code: str = "invalid") -> DomainError:
    return DomainError(message=f"{field_name}: {reason}", errors=[FieldError(field_name, reason, code)])
