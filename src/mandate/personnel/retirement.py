"""The retirement age of the Labour Code 2019 as Decree 135/2020 raises it step by step (pure: no database, no Django).

Men retired at 60 until 2020; from 2021 the age is 60 years 3 months and rises by 3 months each calendar year until
62 in 2028. Women retired at 55; from 2021 the age is 55 years 4 months and rises by 4 months each year until 60 in
2035. A person's age is the age of the year in which they reach it: a man born in October 1961 reaches 60 years
3 months in January 2022, when the age is already 60 years 6 months, which he reaches in April 2022 (Appendix I of
the Decree). `retirement_day` is the day the person reaches that age; months are counted by calendar months, a
day past the end of a shorter month falling on its last day.
"""
import calendar
import datetime as dt

MALE, FEMALE = "male", "female"
# sex → (age before 2021 in months, first year of the schedule, months added per year, age at the end in months)
SCHEDULE = {
    MALE: (60 * 12, 2021, 3, 62 * 12),
    FEMALE: (55 * 12, 2021, 4, 60 * 12),
}


def add_months(day: dt.date, months: int) -> dt.date:
    """`day` moved by whole calendar months; the 31st becomes the last day of a shorter month."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def months_between(start: dt.date, end: dt.date) -> int:
    """Whole calendar months from `start` to `end` (negative when `end` is earlier): 2025-01-31 → 2025-02-28 is one."""
    months = (end.year - start.year) * 12 + end.month - start.month
    if months > 0 and add_months(start, months) > end:
        months -= 1
    elif months < 0 and add_months(start, months) < end:
        months += 1
    return months


def retirement_age_months(*, sex: str, birth_date: dt.date) -> int:
    """The retirement age of a person of `sex` born on `birth_date`, in months."""
    before, first_year, step, final = SCHEDULE[sex]
    if add_months(birth_date, before).year < first_year:
        return before
    age, year = before + step, first_year
    while age < final:
        if add_months(birth_date, age).year <= year:
            return age
        age, year = age + step, year + 1
    return final


def retirement_day(*, sex: str, birth_date: dt.date) -> dt.date:
    """The day the person reaches their retirement age."""
    return add_months(birth_date, retirement_age_months(sex=sex, birth_date=birth_date))


def months_to_retirement(*, sex: str, birth_date: dt.date, on: dt.date) -> int:
    """Whole months left on `on` before the person reaches retirement age (negative once past it)."""
    return months_between(on, retirement_day(sex=sex, birth_date=birth_date))
