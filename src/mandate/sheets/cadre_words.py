"""The words an organization committee's spreadsheet writes for titles, sex, political theory and how a post is held,
folded (no diacritics, no case) → the values of `personnel`; the codes themselves are accepted too.
"""
from mandate.core.text import fold_words
from mandate.personnel.models import HoldingKind, PoliticalTheory, Sex
from mandate.personnel.titles import Title

# Longest phrase first when a post's own name is read for its title ("Phó Chủ tịch UBND tỉnh" is no "Chủ tịch").
TITLE_WORDS: dict[str, str] = {
    "bi thu": Title.PARTY_SECRETARY,
    "pho bi thu thuong truc": Title.STANDING_DEPUTY_SECRETARY,
    "pho bi thu": Title.DEPUTY_SECRETARY,
    "uy vien ban thuong vu": Title.STANDING_COMMITTEE_MEMBER,
    "uy vien ban chap hanh": Title.EXECUTIVE_COMMITTEE_MEMBER,
    "chu tich hdnd": Title.COUNCIL_CHAIR, "chu tich hoi dong nhan dan": Title.COUNCIL_CHAIR,
    "pho chu tich hdnd": Title.COUNCIL_VICE_CHAIR, "pho chu tich hoi dong nhan dan": Title.COUNCIL_VICE_CHAIR,
    "chu tich ubnd": Title.COMMITTEE_CHAIR, "chu tich uy ban nhan dan": Title.COMMITTEE_CHAIR,
    "pho chu tich ubnd": Title.COMMITTEE_VICE_CHAIR, "pho chu tich uy ban nhan dan": Title.COMMITTEE_VICE_CHAIR,
    "chu nhiem ubkt": Title.INSPECTION_CHAIR, "chu nhiem uy ban kiem tra": Title.INSPECTION_CHAIR,
    "pho chu nhiem ubkt": Title.INSPECTION_VICE_CHAIR, "pho chu nhiem uy ban kiem tra": Title.INSPECTION_VICE_CHAIR,
    "chu tich uy ban mttq": Title.FRONT_CHAIR, "chu tich uy ban mat tran to quoc": Title.FRONT_CHAIR,
    "chu tich mttq": Title.FRONT_CHAIR,
    "truong ban": Title.HEAD, "giam doc": Title.HEAD, "chanh van phong": Title.HEAD, "thu truong": Title.HEAD,
    "pho truong ban": Title.DEPUTY_HEAD, "pho giam doc": Title.DEPUTY_HEAD, "pho chanh van phong": Title.DEPUTY_HEAD,
    "truong phong": Title.DIVISION_HEAD, "pho truong phong": Title.DIVISION_DEPUTY,
    "chuyen vien": Title.STAFF, "cong chuc": Title.STAFF, "can bo": Title.STAFF, "nhan vien": Title.STAFF,
}
SEX_WORDS = {"nam": Sex.MALE, "male": Sex.MALE, "nu": Sex.FEMALE, "female": Sex.FEMALE}
THEORY_WORDS = {"so cap": PoliticalTheory.ELEMENTARY, "trung cap": PoliticalTheory.INTERMEDIATE,
                "cao cap": PoliticalTheory.ADVANCED, "cu nhan": PoliticalTheory.BACHELOR,
                "cu nhan chinh tri": PoliticalTheory.BACHELOR, "khong": PoliticalTheory.NONE, "chua": PoliticalTheory.NONE}
HOLDING_WORDS = {"chinh thuc": HoldingKind.OFFICIAL, "quyen": HoldingKind.ACTING, "phu trach": HoldingKind.ACTING,
                 "giao phu trach": HoldingKind.ACTING, "kiem nhiem": HoldingKind.CONCURRENT, "biet phai": HoldingKind.SECONDED}


def _word(words: dict[str, str], codes, text: str) -> str | None:
    folded = fold_words(text)
    if folded in words:
        return words[folded]
    return text if text in codes else None


def title_of(text: str) -> str | None:
    """The standard title a cell names: the title's words or code, else the longest title phrase the post's name
    begins with ("Phó Chủ tịch UBND xã Sơn Hà" → committee_vice_chair)."""
    found = _word(TITLE_WORDS, Title.values, text)
    if found is not None:
        return found
    folded = fold_words(text)
    for phrase in sorted(TITLE_WORDS, key=len, reverse=True):
        if folded == phrase or folded.startswith(phrase + " "):
            return TITLE_WORDS[phrase]
    return None


def sex_of(text: str) -> str | None:
    return _word(SEX_WORDS, Sex.values, text)


def theory_of(text: str) -> str | None:
    return _word(THEORY_WORDS, [value for value in PoliticalTheory.values if value], text)


def holding_kind_of(text: str) -> str | None:
    return _word(HOLDING_WORDS, HoldingKind.values, text)
