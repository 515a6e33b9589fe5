from datetime import date

import pytest

from aiwatch.dates import is_active, parse_date


@pytest.mark.parametrize(("text", "precision", "first", "last"), [
    ("2025", "year", date(2025, 1, 1), date(2025, 12, 31)),
    ("2025-02", "month", date(2025, 2, 1), date(2025, 2, 28)),
    ("2024-02", "month", date(2024, 2, 1), date(2024, 2, 29)),
    ("2025-01-20", "day", date(2025, 1, 20), date(2025, 1, 20)),
])
def test_partial_dates_keep_their_precision(text, precision, first, last):
    value = parse_date(text)
    assert (value.precision, value.first_day, value.last_day, str(value)) == (precision, first, last, text)


@pytest.mark.parametrize(("text", "message"), [
    ("2025-13", "no month 13"),
    ("2025-02-29", "2025-02 has 28 days"),
    ("25-01", "YYYY, YYYY-MM or YYYY-MM-DD"),
    ("2025/01/20", "YYYY, YYYY-MM or YYYY-MM-DD"),
    ("2025-1", "YYYY, YYYY-MM or YYYY-MM-DD"),
])
def test_impossible_dates_are_refused(text, message):
    with pytest.raises(ValueError, match=message):
        parse_date(text)


def test_a_coarse_date_sorts_after_the_finer_dates_it_contains():
    dates = ["2025", "2025-01", "2025-01-31", "2024-12-31", "2025-02-01"]
    ordered = sorted(dates, key=lambda text: parse_date(text).sort_key)
    assert ordered == ["2024-12-31", "2025-01-31", "2025-01", "2025-02-01", "2025"]


def test_a_role_ended_in_a_month_is_active_until_that_month_is_over():
    assert is_active("2023", "2026-03", parse_date("2026-03-05"))
    assert not is_active("2023", "2026-03", parse_date("2026-03"))
    assert not is_active("2026-02", None, parse_date("2026-01"))
    assert is_active("2026-01", None, parse_date("2026-01"))


def test_days_in_a_month_agree_with_the_calendar_module():
    import calendar

    from aiwatch.dates import days_in

    assert all(days_in(year, month) == calendar.monthrange(year, month)[1]
               for year in (1, 1900, 1999, 2000, 2023, 2024, 2100, 9999) for month in range(1, 13))
