"""Document numbers: every spelling parses to one value, and formatting is canonical."""
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from mandate.documents.numbering import (
    KNOWN_ISSUERS,
    TYPE_NAMES,
    DocumentNumber,
    NumberFormatError,
    canonical_code,
    canonical_issuer,
    parse,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("02-KH/TU", DocumentNumber(2, "KH", "TU", system="party")),
        ("177-KL/TW", DocumentNumber(177, "KL", "TW", system="party")),
        ("9068-CV/BTCTW", DocumentNumber(9068, "CV", "BTCTW", system="party")),
        ("05-QĐ/BCĐTW", DocumentNumber(5, "QĐ", "BCĐTW", system="party")),
        ("1234/QĐ-UBND", DocumentNumber(1234, "QĐ", "UBND")),
        ("42/2014/QĐ-TTg", DocumentNumber(42, "QĐ", "TTg", year=2014)),
        ("202/2025/QH15", DocumentNumber(202, None, "QH15", year=2025)),
        ("567/UBND-VP", DocumentNumber(567, None, "UBND", office="VP")),
        ("5743/SKHĐT-TH", DocumentNumber(5743, None, "SKHĐT", office="TH")),
        ("404/VPUBND-TCD-NC", DocumentNumber(404, None, "VPUBND", office="TCD-NC")),
        ("12/2019/UBND-VP", DocumentNumber(12, None, "UBND", year=2019, office="VP")),
    ],
)
def test_parse_reads_both_systems(raw, expected):
    assert parse(raw) == expected


@pytest.mark.parametrize(
    ("spelling", "canonical"),
    [
        ("204-QD/TW", "204-QĐ/TW"),
        ("02-KH/BCDTW", "02-KH/BCĐTW"),
        ("557/CD-TTg", "557/CĐ-TTg"),
        ("48-КЛ/ТВ", "48-KL/TW"),
        ("7-НQ/ТУ", "07-NQ/TU"),
        ("846 /UBND-TH", "846/UBND-TH"),
        ("Số: 15/CT-UBND", "15/CT-UBND"),
        ("№ 3 – KH / TU", "03-KH/TU"),
        ("9/qyd-ubnd", "09/QyĐ-UBND"),
        ("2-KH/TU", "02-KH/TU"),
    ],
)
def test_other_spellings_format_canonically(spelling, canonical):
    assert parse(spelling).format() == canonical


@pytest.mark.parametrize(
    ("joined", "canonical"),
    [("61/2018/NĐCP", "61/2018/NĐ-CP"), ("1961/QĐUBND", "1961/QĐ-UBND"), ("35/2023/UBTVQH15", "35/2023/UBTVQH15")],
)
def test_a_hyphen_lost_in_pdf_text_is_restored_only_for_known_codes(joined, canonical):
    assert parse(joined).format() == canonical


def test_ascii_and_vietnamese_spellings_share_a_key():
    assert parse("204-QD/TW").key() == parse("204-QĐ/TW").key()
    assert parse("2-KH/BCDTW").key() == parse("02-KH/BCĐTW").key()


def test_ascii_da_stays_project_but_folds_equal_to_scheme():
    project, scheme = parse("3-DA/TU"), parse("3-ĐA/TU")

    assert (project.type, scheme.type) == ("DA", "ĐA")
    assert project.key() == scheme.key()


def test_party_and_state_numbers_differ():
    assert parse("18-NQ/TW").key() != parse("18/NQ-TW").key()


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("", "empty document number"),
        ("KH/TU", "does not start with the document's serial number"),
        ("15 tháng 5", "has no '/' before the issuer code"),
        ("99-XX/TU", "unknown type code 'XX'"),
        ("12/CT", "type code 'CT' without an issuer"),
        ("0-KH/TU", "must be positive"),
        ("12/2019/", "has a year but no issuer code"),
        ("15/5", "neither N-TYPE/ISSUER"),
        ("3/1800/QĐ-UBND", "year 1800 is out of range"),
    ],
)
def test_parse_names_what_is_wrong(raw, message):
    with pytest.raises(NumberFormatError, match=message):
        parse(raw)


def test_number_format_error_is_a_value_error():
    assert issubclass(NumberFormatError, ValueError)


@pytest.mark.parametrize(
    ("code", "canonical"),
    [("QD", "QĐ"), ("qđ", "QĐ"), ("CD", "CĐ"), ("ctr", "CTr"), ("BCDTW", "BCĐTW"),
     ("КЛ", "KL"), ("TTG", "TTg"), ("XYZ", "XYZ")],
)
def test_canonical_code(code, canonical):
    assert canonical_code(code) == canonical


def test_cyrillic_issuer_reads_as_the_known_latin_code():
    # "ТВ" looks like the type TB, but in the issuer slot it is Trung ương (TW).
    assert canonical_issuer("ТВ") == "TW"
    assert canonical_code("ТВ") == "TB"


def test_type_names_cover_the_design_codes():
    design = ["NQ", "QĐ", "QyĐ", "CT", "KL", "QC", "TB", "HD", "CTr", "KH", "PA", "ĐA", "DA", "BC", "BB", "TTr", "CV", "CĐ", "GM"]

    assert all(code in TYPE_NAMES for code in design)
    assert TYPE_NAMES["KL"] == ("Kết luận", "Conclusion")


# --- properties -------------------------------------------------------------------

_types = st.sampled_from(sorted(TYPE_NAMES))
_letters = st.text(alphabet="ABCDEGHKLMNPQSTUVXY", min_size=2, max_size=6)
_issuers = st.one_of(st.sampled_from(KNOWN_ISSUERS), _letters.filter(lambda c: canonical_code(c) == c))
_offices = st.one_of(st.none(), st.sampled_from(["VP", "TH", "KT", "TCD-NC"]))


@st.composite
def document_numbers(draw) -> DocumentNumber:
    number = draw(st.integers(min_value=1, max_value=99999))
    if draw(st.booleans()):
        return DocumentNumber(number, draw(_types), draw(_issuers), system="party")
    year = draw(st.one_of(st.none(), st.integers(min_value=1945, max_value=2100)))
    type_code = draw(st.one_of(st.none(), _types))
    issuer = draw(_issuers)
    if type_code is None and year is None and canonical_code(issuer) in TYPE_NAMES:
        type_code = "CV" if issuer != "CV" else "TB"
    try:
        return DocumentNumber(number, type_code, issuer, year, draw(_offices), "state")
    except NumberFormatError:
        assume(False)  # e.g. issuer "NQCP" with no type would read as NQ-CP


@given(document_numbers())
def test_parse_of_format_is_identity(number):
    assert parse(number.format()) == number


@given(document_numbers())
def test_format_is_stable(number):
    once = parse(number.format()).format()

    assert parse(once).format() == once


@given(st.text(max_size=30))
def test_parse_either_succeeds_or_raises_number_format_error(text):
    try:
        result = parse(text)
    except NumberFormatError:
        return
    assert parse(result.format()) == result
