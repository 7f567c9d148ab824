"""Deadlines in the four languages, by the labeling conventions of corpus/CORPUS.md."""
from datetime import date

import pytest

from mandate.ingest.dates import find_dates
from mandate.ingest.deadlines import find_deadline


def deadline(text: str, language: str, default_year: int | None = 2025):
    dates = find_dates(text, default_year, language)
    return find_deadline(text, 0, len(text), language, default_year, dates)


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("hoàn thành trước ngày 15 tháng 7 năm 2025", "vi", date(2025, 7, 15)),
        ("gửi báo cáo trước ngày 15/7/2025", "vi", date(2025, 7, 15)),
        ("gửi báo cáo trước ngày 25/7", "vi", date(2025, 7, 25)),
        ("подготовить доклад до 25 июля 2025 года", "ru", date(2025, 7, 25)),
        ("подать отчёт не позднее 3 марта", "ru", date(2025, 3, 3)),
        ("подати звіт до 25 жовтня 2017 року", "uk", date(2017, 10, 25)),
        ("у період від 1 до 25 жовтня 2017 року", "uk", date(2017, 10, 25)),
        ("submit the draft by July 25, 2025", "en", date(2025, 7, 25)),
        ("submit the draft no later than 25 July 2025", "en", date(2025, 7, 25)),
    ],
)
def test_day_deadlines(text, language, expected):
    assert deadline(text, language).date == expected


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("hoàn thành trong tháng 9/2025", "vi", date(2025, 9, 30)),
        ("hoàn thành trong quý III/2025", "vi", date(2025, 9, 30)),
        ("báo cáo kết quả 6 tháng đầu năm 2025", "vi", date(2025, 6, 30)),
        ("đến hết năm 2026", "vi", date(2026, 12, 31)),
        ("finish the review before July 2020", "en", date(2020, 6, 30)),
        ("finish the review by July 2020", "en", date(2020, 7, 31)),
        ("in the fourth quarter of 2024", "en", date(2024, 12, 31)),
        ("до конца 2025 года", "ru", date(2025, 12, 31)),
        ("завершить в феврале 2024 года", "ru", date(2024, 2, 29)),
    ],
)
def test_period_deadlines_end_on_the_periods_last_day(text, language, expected):
    assert deadline(text, language).date == expected


@pytest.mark.parametrize(
    ("text", "language", "raw"),
    [
        ("báo cáo trong 30 ngày làm việc", "vi", "trong 30 ngày làm việc"),
        ("báo cáo định kỳ hằng tháng", "vi", "định kỳ"),
        ("в течение 10 рабочих дней", "ru", "в течение 10 рабочих дней"),
        ("report monthly to the Office", "en", "monthly"),
    ],
)
def test_relative_periods_and_recurrences_keep_the_phrase_only(text, language, raw):
    found = deadline(text, language)

    assert (found.date, found.raw) == (None, raw)


def test_a_dated_deadline_wins_over_a_recurrence_before_it():
    assert deadline("báo cáo định kỳ, lần đầu trước ngày 5/8/2025", "vi").date == date(2025, 8, 5)


def test_a_date_without_a_cue_is_not_a_deadline():
    assert deadline("theo Quyết định ban hành ngày 3/2/2024", "vi") is None


def test_a_missing_year_comes_from_the_default_year():
    assert deadline("trước ngày 25/7", "vi", default_year=2019).date == date(2019, 7, 25)


def test_without_any_year_a_short_date_has_no_day():
    assert deadline("trước ngày 25/7", "vi", default_year=None).date is None


def test_fractions_are_not_dates():
    assert find_dates("giảm 2/3 số đơn vị", 2025, "vi") == []


def test_impossible_dates_are_skipped():
    assert find_dates("ngày 31/2/2025", None, "vi") == []
