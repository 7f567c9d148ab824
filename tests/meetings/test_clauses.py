"""The draft's text cut into clauses: pure, no database."""
from hypothesis import given
from hypothesis import strategies as st

from mandate.meetings.clauses import find_quote, parse

REGULATION = """Quy chế làm việc của Ban Chấp hành Đảng bộ thành phố khóa XVIII

Chương I
QUY ĐỊNH CHUNG
Điều 1. Phạm vi điều chỉnh
Quy chế này quy định trách nhiệm, quyền hạn và chế độ làm việc.
Điều 2. Nguyên tắc làm việc
1. Bảo đảm nguyên tắc tập trung dân chủ.
2. Phân công rõ người, rõ việc:
a) Thường trực Thành ủy chịu trách nhiệm điều hành;
b) Ủy viên Ban Thường vụ phụ trách lĩnh vực được phân công.
Chương II
Điều 3. Trách nhiệm của Ban Chấp hành
Ban Chấp hành họp thường lệ ba tháng một lần.
"""

PROGRAM = """CHƯƠNG TRÌNH KIỂM TRA, GIÁM SÁT NĂM 2026
I. MỤC ĐÍCH, YÊU CẦU
1. Nâng cao chất lượng kiểm tra.
II. NỘI DUNG
1. Kiểm tra tổ chức đảng:
a) Việc thực hiện quy chế làm việc;
b) Công tác cán bộ.
"""


def test_a_regulation_is_cut_into_chapters_articles_clauses_and_points():
    clauses = parse(REGULATION)
    assert [(c.key, c.label) for c in clauses] == [
        ("preamble", "Mở đầu"), ("chuong-i", "Chương I"), ("dieu-1", "Điều 1"), ("dieu-2", "Điều 2"),
        ("dieu-2.1", "Điều 2, khoản 1"), ("dieu-2.2", "Điều 2, khoản 2"), ("dieu-2.2.a", "Điều 2, khoản 2, điểm a"),
        ("dieu-2.2.b", "Điều 2, khoản 2, điểm b"), ("chuong-ii", "Chương II"), ("dieu-3", "Điều 3")]
    article = clauses[2]
    assert article.heading == "Phạm vi điều chỉnh" and article.parent_key == "chuong-i"
    assert article.text_in(REGULATION) == "Điều 1. Phạm vi điều chỉnh\nQuy chế này quy định trách nhiệm, quyền hạn và chế độ làm việc."


def test_a_program_is_cut_into_roman_parts_items_and_points():
    assert [(c.key, c.label) for c in parse(PROGRAM)] == [
        ("preamble", "Mở đầu"), ("i", "I"), ("i.1", "I.1"), ("ii", "II"), ("ii.1", "II.1"), ("ii.1.a", "II.1.a"),
        ("ii.1.b", "II.1.b")]


def test_a_capital_letter_is_not_a_roman_part_and_a_repeated_number_keeps_its_key_unique():
    text = "A. Mở đầu không phải phần La Mã\n1. Một\n1. Một lần nữa\n"
    assert [c.key for c in parse(text)] == ["preamble", "1", "1~2"]


def test_a_quote_is_found_whatever_its_spacing():
    clause = parse(REGULATION)[4]
    text = clause.text_in(REGULATION)
    assert find_quote(text, "nguyên tắc   tập trung\ndân chủ") == text.index("nguyên tắc tập trung dân chủ")
    assert find_quote(text, "không có trong điều này") is None
    assert find_quote(text, "   ") is None


@given(st.lists(st.sampled_from(["Chương I", "Điều 4. Tiêu đề", "1. Khoản", "a) Điểm", "I. PHẦN", "Mục 2", "Văn bản thường.",
                                 "", "  2) Khoản thụt lề", "Điều 4. Trùng số"]), max_size=30))
def test_clauses_partition_the_text_in_order_with_unique_keys(lines):
    text = "\n".join(lines)
    clauses = parse(text)
    keys = [c.key for c in clauses]
    assert len(keys) == len(set(keys))
    at = 0
    for clause in clauses:
        assert clause.start >= at and clause.end >= clause.start
        assert text[at:clause.start].strip() == ""  # nothing but spacing falls between two clauses
        at = clause.end
    assert text[at:].strip() == ""
