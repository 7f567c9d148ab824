"""The standard titles of posts and which of them are equivalent, kept as data (no database, no Django models).

Each title has a grade: posts of one grade are equivalent for the rule of 24 months in the current or an equivalent
post (377-QĐ/TW), and a post of a higher grade is a "higher post" for the waiting time after a discipline. The
grades order the titles within one tier (the tier of the committee that manages the post); a post's own grade may
be set on the position when a unit ranks it otherwise. Staff posts have grade 0: holding one is no leadership post,
so a first appointment to a leadership post is excepted from the 24 months.
"""
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class Title(models.TextChoices):
    PARTY_SECRETARY = "party_secretary", _("Party Secretary (Bí thư)")
    STANDING_DEPUTY_SECRETARY = "standing_deputy_secretary", _("Standing Deputy Party Secretary (Phó Bí thư Thường trực)")
    DEPUTY_SECRETARY = "deputy_secretary", _("Deputy Party Secretary (Phó Bí thư)")
    STANDING_COMMITTEE_MEMBER = "standing_committee_member", _("Member of the Standing Committee (Ủy viên Ban Thường vụ)")
    EXECUTIVE_COMMITTEE_MEMBER = "executive_committee_member", _("Member of the Executive Committee (Ủy viên Ban Chấp hành)")
    COUNCIL_CHAIR = "council_chair", _("Chair of the People's Council (Chủ tịch HĐND)")
    COUNCIL_VICE_CHAIR = "council_vice_chair", _("Vice-chair of the People's Council (Phó Chủ tịch HĐND)")
    COMMITTEE_CHAIR = "committee_chair", _("Chair of the People's Committee (Chủ tịch UBND)")
    COMMITTEE_VICE_CHAIR = "committee_vice_chair", _("Vice-chair of the People's Committee (Phó Chủ tịch UBND)")
    INSPECTION_CHAIR = "inspection_chair", _("Chair of the Inspection Commission (Chủ nhiệm UBKT)")
    INSPECTION_VICE_CHAIR = "inspection_vice_chair", _("Vice-chair of the Inspection Commission (Phó Chủ nhiệm UBKT)")
    FRONT_CHAIR = "front_chair", _("Chair of the Fatherland Front Committee (Chủ tịch Ủy ban MTTQ)")
    HEAD = "head", _("Head of a committee or agency (Trưởng ban, Giám đốc, Chánh Văn phòng)")
    DEPUTY_HEAD = "deputy_head", _("Deputy head of a committee or agency (Phó Trưởng ban, Phó Giám đốc)")
    DIVISION_HEAD = "division_head", _("Head of a division (Trưởng phòng)")
    DIVISION_DEPUTY = "division_deputy", _("Deputy head of a division (Phó Trưởng phòng)")
    STAFF = "staff", _("Staff post (chuyên viên, công chức)")


@dataclass(frozen=True)
class TitleRule:
    grade: int
    vietnamese: str
    # Elected titles are filled by election (bầu), the others by appointment (bổ nhiệm) or designation.
    elected: bool = False


# The equivalence table: the same grade means equivalent posts. Kept as data so that the organization committee's
# reading of 377-QĐ/TW can be changed in one place; decisions.md says why these grades.
TITLE_RULES: dict[str, TitleRule] = {
    Title.PARTY_SECRETARY: TitleRule(grade=9, vietnamese="Bí thư", elected=True),
    Title.STANDING_DEPUTY_SECRETARY: TitleRule(grade=8, vietnamese="Phó Bí thư Thường trực", elected=True),
    Title.DEPUTY_SECRETARY: TitleRule(grade=8, vietnamese="Phó Bí thư", elected=True),
    Title.COUNCIL_CHAIR: TitleRule(grade=8, vietnamese="Chủ tịch Hội đồng nhân dân", elected=True),
    Title.COMMITTEE_CHAIR: TitleRule(grade=8, vietnamese="Chủ tịch Ủy ban nhân dân", elected=True),
    Title.STANDING_COMMITTEE_MEMBER: TitleRule(grade=7, vietnamese="Ủy viên Ban Thường vụ", elected=True),
    Title.COUNCIL_VICE_CHAIR: TitleRule(grade=6, vietnamese="Phó Chủ tịch Hội đồng nhân dân", elected=True),
    Title.COMMITTEE_VICE_CHAIR: TitleRule(grade=6, vietnamese="Phó Chủ tịch Ủy ban nhân dân", elected=True),
    Title.INSPECTION_CHAIR: TitleRule(grade=6, vietnamese="Chủ nhiệm Ủy ban Kiểm tra", elected=True),
    Title.FRONT_CHAIR: TitleRule(grade=6, vietnamese="Chủ tịch Ủy ban Mặt trận Tổ quốc", elected=True),
    Title.EXECUTIVE_COMMITTEE_MEMBER: TitleRule(grade=5, vietnamese="Ủy viên Ban Chấp hành", elected=True),
    Title.HEAD: TitleRule(grade=5, vietnamese="Trưởng ban"),
    Title.INSPECTION_VICE_CHAIR: TitleRule(grade=4, vietnamese="Phó Chủ nhiệm Ủy ban Kiểm tra", elected=True),
    Title.DEPUTY_HEAD: TitleRule(grade=4, vietnamese="Phó Trưởng ban"),
    Title.DIVISION_HEAD: TitleRule(grade=3, vietnamese="Trưởng phòng"),
    Title.DIVISION_DEPUTY: TitleRule(grade=2, vietnamese="Phó Trưởng phòng"),
    Title.STAFF: TitleRule(grade=0, vietnamese="Chuyên viên"),
}


# The heads arranged so that they are not local cadres and serve at most two consecutive terms in one place (65-QĐ/TW
# Art. 4.2: the Party secretary and the chair of the People's Committee of a province or commune); rotated to one of
# these posts, a cadre needs one term of working time left instead of two (Decree 138/2020/NĐ-CP Art. 56.4.b).
HEADS_NOT_LOCAL = frozenset({Title.PARTY_SECRETARY, Title.COMMITTEE_CHAIR})


def grade_of(title: str) -> int:
    return TITLE_RULES[title].grade


def vietnamese_name(title: str) -> str:
    """The title as a unit writes it by default, in Vietnamese whatever the reader's language (a post's name is data)."""
    return TITLE_RULES[title].vietnamese


def is_leadership(title: str) -> bool:
    return TITLE_RULES[title].grade > 0
