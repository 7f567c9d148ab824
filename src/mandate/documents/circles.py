"""Documents confined to a circle: who may know of them is decided by the app that registered them.

Some documents are not the register's to show: the decision to inspect a party member, the notice of conclusion
that names the organization inspected, a disciplinary decision. Their titles name the target, and the app that
registers them (inspections) keeps them for those who may know of the case. The register sits below those apps and
may not import them, so it offers this registry instead: a document whose `circle` is a name is known only to those
whom that name's rule admits, contributed by the app at `ready()` (`circle_register`). A document of a circle nobody
has registered is known to nobody but the system and its administrators (closed, never open by default).

The circle replaces the register's own rule for such a document (its reach, its openness to all of a central
or unregistered one): the standing committee that knows of a case opens its commission's decision, a province-wide
viewer does not; the clearance still covers its level. One exception is the register's own, for every circle: a confined document that gives tasks is known, by its header
(number, type, issuer, date, title) and the tasks it gives the reader, to those it gives a task to — the lead unit,
a coordinator, the person in charge. Its files (`Attachment`) and its text stay the circle's (`whole=True`).
"""
from collections.abc import Callable
from functools import cache

from django.db.models import Q
from django.utils.module_loading import import_string

# name → rule(user, prefix) → the documents of that circle `user` may know of, as a filter over `prefix`; a rule is
# given by its dotted path, so an app's ready() names it before its models are loaded.
_CIRCLES: dict[str, str | Callable[..., Q]] = {}


def circle_register(name: str, rule: str | Callable[..., Q]) -> None:
    """Let `rule(user, prefix=...)` decide who knows of the documents whose `circle` is `name` (an app's ready())."""
    if not name:
        raise ValueError("a circle has a name")
    _CIRCLES[name] = rule


@cache
def _rule(name: str) -> Callable[..., Q]:
    rule = _CIRCLES[name]
    return import_string(rule) if isinstance(rule, str) else rule


def circle_names() -> tuple[str, ...]:
    return tuple(_CIRCLES)


def circle_q(user, *, prefix: str = "", receivers: Q | None = None) -> Q:
    """The confined documents `user` may know of, whatever their level (the caller adds the clearance): those whose
    circle's rule admits them, and, with `receivers` (those the document gives tasks to), those known by their header."""
    field = f"{prefix}circle"
    known = Q(**{f"{prefix}pk__in": []})
    for name in _CIRCLES:
        known |= Q(**{field: name}) & _rule(name)(user, prefix=prefix)
    if receivers is not None:
        known |= receivers
    return ~Q(**{field: ""}) & known
