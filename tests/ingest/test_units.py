"""Matching an assignee phrase to a registered unit."""
from mandate.ingest.units import UnitMatcher, normalise

UNITS = [
    ("TU-BTC", "Ban Tổ chức Tỉnh ủy", ["Ban TC Tỉnh ủy", "Оргкомитет провинциального комитета партии"], "01"),
    ("TU-UBKT", "Ủy ban Kiểm tra Tỉnh ủy", ["UBKT Tỉnh ủy", "Ревизионная комиссия обкома партии"], "01"),
    ("UBND-01", "Ủy ban nhân dân tỉnh", ["Провинциальный народный комитет"], "01"),
    ("UBND-02", "Ủy ban nhân dân tỉnh", [], "02"),
    ("SYT-01", "Sở Y tế", ["Department of Health"], "01"),
]


def test_vietnamese_abbreviations_are_expanded():
    assert normalise("UBND tỉnh") == "uy ban nhan dan tinh"
    assert normalise("UBKT Tỉnh ủy") == normalise("Ủy ban Kiểm tra Tỉnh ủy")


def test_abbreviated_assignee_matches_its_unit():
    code, confidence, candidates = UnitMatcher(UNITS).match("Ban TC Tỉnh ủy")

    assert code == "TU-BTC"
    assert confidence == 1.0
    assert candidates[0] == ("TU-BTC", 1.0)


def test_russian_inflected_forms_match():
    matcher = UnitMatcher(UNITS)

    assert matcher.match("Оргкомитету провинциального комитета партии")[0] == "TU-BTC"
    assert matcher.match("Ревизионной комиссии обкома партии")[0] == "TU-UBKT"


def test_the_given_province_wins_a_tie():
    assert UnitMatcher(UNITS, province="02").match("UBND tỉnh")[0] == "UBND-02"
    assert UnitMatcher(UNITS, province="01").match("UBND tỉnh")[0] == "UBND-01"


def test_no_match_below_the_threshold():
    code, confidence, _ = UnitMatcher(UNITS).match("Bộ Quốc phòng")

    assert code is None
    assert confidence < 0.8


def test_empty_registry():
    assert UnitMatcher([]).match("Sở Y tế") == (None, 0.0, [])


def test_a_tie_between_units_is_no_match():
    code, confidence, candidates = UnitMatcher(UNITS).match("UBND tỉnh")

    assert code is None
    assert confidence == 1.0
    assert [c for c, _ in candidates[:2]] == ["UBND-01", "UBND-02"]


def test_the_home_province_is_found_among_many_equal_names():
    many = [(f"{n:02d}.BTC", f"Ban Tổ chức Tỉnh ủy Tỉnh {n:02d}", [], f"{n:02d}") for n in range(1, 90)]

    assert UnitMatcher(many, province="77").match("Ban Tổ chức Tỉnh ủy")[0] == "77.BTC"
