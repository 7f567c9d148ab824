"""References: every numbered document once, with its date."""
from mandate.ingest import read


def refs(text: str) -> list[tuple]:
    return [(r["number"], r["type"], r["issuer"], r["year"], r["date"]) for r in read(text)["references"]]


def test_vietnamese_state_and_party_numbers_with_dates():
    text = ("Thực hiện Quyết định số 77/2023/QĐ-UBND ngày 2/3/2023 và Kết luận số 9-KL/TU ngày "
            "14 tháng 6 năm 2024 của Ban Thường vụ Tỉnh ủy.")

    assert refs(text) == [("77", "QĐ", "UBND", 2023, "2023-03-02"), ("09", "KL", "TU", None, "2024-06-14")]


def test_official_letter_has_no_type_and_keeps_its_issuer():
    assert refs("Công văn số 212/SNV-TCCB ngày 9/1/2025 của Sở Nội vụ") == [("212", None, "SNV", None, "2025-01-09")]


def test_cyrillic_and_ascii_codes_are_normalised():
    text = "Решение № 31-QD/TW от 3 мая 2024 г. и заключение № 15-КЛ/ТВ."

    assert refs(text) == [("31", "QĐ", "TW", None, "2024-05-03"), ("15", "KL", "TW", None, None)]


def test_date_before_the_number_in_russian():
    assert refs("постановлением от 7 августа 2023 г. № 40-NQ/TW") == [("40", "NQ", "TW", None, "2023-08-07")]


def test_a_sentence_opening_date_dates_the_document_issued_in_it():
    text = "Ngày 12/5/2022, UBND tỉnh ban hành Công văn số 88/UBND-KT về việc rà soát."

    assert refs(text) == [("88", None, "UBND", None, "2022-05-12")]


def test_repeats_are_counted_once():
    result = read("Nghị quyết số 5-NQ/TU đã nêu; Nghị quyết 5-NQ/TU cũng yêu cầu.")["references"]

    assert [(r["number"], r.get("occurrences")) for r in result] == [("05", 2)]


def test_a_bare_numbered_document_is_partial():
    result = read("Відповідно до Постанови № 21 уряду.")["references"]

    assert [(r["number"], r["type"], r["issuer"], r["partial"]) for r in result] == [("21", None, None, True)]


def test_traps_are_not_references():
    text = ("Trụ sở tại số 12/3 đường Lê Lợi; bão số 3 đổ bộ; chi nhánh số 10; "
            "sáp nhập thành 64 xã; Đại hội XIV; năng suất 50 tạ/ha; 04/09/2018 19:43.")

    assert refs(text) == []


def test_header_number_is_the_passage_itself():
    text = ("ỦY BAN NHÂN DÂN\nTỈNH AN BÌNH\nSố: 07/CT-UBND\nAn Bình, ngày 2 tháng 3 năm 2024\n"
            "CHỈ THỊ\nVỀ PHÒNG CHỐNG THIÊN TAI\nGiao Sở Xây dựng rà soát.")
    result = read(text)

    assert result["document"] == {"number": "07", "type": "CT", "issuer": "UBND", "year": None,
                                  "date": "2024-03-02", "title": "CHỈ THỊ VỀ PHÒNG CHỐNG THIÊN TAI"}
    assert result["references"][0]["self"] is True


def test_a_russian_act_named_by_type_issuer_and_date_before_its_number():
    refs = read("Утвержден постановлением администрации района от 19 августа 2016 г. N 775 и указом №620/2022.")["references"]

    assert [(r["number"], r["partial"], r["date"]) for r in refs] == [("775", True, "2016-08-19"), ("620", True, None)]


def test_the_press_names_a_directive_by_its_bare_number_but_not_a_period():
    refs = read("Trọng tâm là giám sát việc thực hiện Chỉ thị 35 về đại hội; Quyết định 5 năm qua.")["references"]

    assert [(r["number"], r["partial"]) for r in refs] == [("35", True)]
