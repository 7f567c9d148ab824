"""The retirement age of Decree 135/2020 (Appendix I and II), and the month arithmetic under it: pure."""
import datetime as dt

import pytest

from mandate.personnel.retirement import add_months, months_between, retirement_age_months, retirement_day


@pytest.mark.parametrize(("born", "sex", "years", "months"), [
    (dt.date(1960, 12, 20), "male", 60, 0),    # reached 60 in 2020: the old age
    (dt.date(1961, 1, 1), "male", 60, 3),      # the first step, reached in April 2021
    (dt.date(1961, 9, 30), "male", 60, 3),     # reaches 60 y 3 m in December 2021: still the 2021 age
    (dt.date(1961, 10, 1), "male", 60, 6),     # would reach 60 y 3 m in January 2022, when the age is 60 y 6 m
    (dt.date(1963, 12, 1), "male", 61, 0),     # reaches 61 in December 2024, the 2024 age
    (dt.date(1964, 1, 1), "male", 61, 3),      # 61 in January 2025 is too early: the 2025 age, 61 y 3 m, in April
    (dt.date(1966, 4, 1), "male", 62, 0),      # reaches 62 in April 2028: the end of the schedule
    (dt.date(1975, 5, 5), "male", 62, 0),
    (dt.date(1965, 12, 31), "female", 55, 0),
    (dt.date(1966, 1, 1), "female", 55, 4),
    (dt.date(1966, 8, 31), "female", 55, 4),   # reaches 55 y 4 m on 31 December 2021
    (dt.date(1966, 9, 1), "female", 55, 8),
    (dt.date(1970, 5, 1), "female", 57, 4),    # 57 y 4 m (the 2027 age), reached in September 2027
    (dt.date(1980, 1, 1), "female", 60, 0),
])
def test_the_retirement_age_by_sex_and_birth_date(born, sex, years, months):
    assert divmod(retirement_age_months(sex=sex, birth_date=born), 12) == (years, months)


def test_the_retirement_day_is_the_day_the_age_is_reached():
    assert retirement_day(sex="male", birth_date=dt.date(1961, 10, 1)) == dt.date(2022, 4, 1)
    assert retirement_day(sex="female", birth_date=dt.date(1966, 9, 1)) == dt.date(2022, 5, 1)


def test_months_fall_on_the_last_day_of_a_shorter_month():
    assert add_months(dt.date(2024, 1, 31), 1) == dt.date(2024, 2, 29)
    assert months_between(dt.date(2025, 1, 31), dt.date(2025, 2, 28)) == 1
    assert months_between(dt.date(2025, 1, 15), dt.date(2025, 2, 14)) == 0
    assert months_between(dt.date(2025, 3, 1), dt.date(2025, 1, 1)) == -2
