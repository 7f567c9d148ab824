"""The levels of secrecy of the Law on Protection of State Secrets (29/2018/QH14, art. 8), as data.

A document or a task carries one level; a user holds a clearance, the highest level they may read. Level 0 is
not secret. The levels are ordered: a clearance of a level covers every level below it. Who may know of an
item also needs the need to know by body (`mandate.accounts.secrecy`); this module holds only the scale.
"""
from django.db import models
from django.utils.translation import gettext_lazy as _


class Secrecy(models.IntegerChoices):
    NONE = 0, _("Not secret")
    SECRET = 1, _("Confidential (Mật)")
    TOP_SECRET = 2, _("Secret (Tối mật)")
    MOST_SECRET = 3, _("Top secret (Tuyệt mật)")


LEVELS = tuple(Secrecy.values)
HIGHEST = max(LEVELS)


def is_secret(level: int) -> bool:
    return level > Secrecy.NONE


def covers(clearance: int, level: int) -> bool:
    """A clearance of `clearance` lets its holder read an item of `level`."""
    return level <= clearance


def inherited(*levels: int | None) -> int:
    """The level of an item made from others (a task of a document, a delegated part of a task): at least each of theirs."""
    return max((level or Secrecy.NONE for level in levels), default=Secrecy.NONE)
