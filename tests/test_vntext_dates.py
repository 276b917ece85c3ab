import datetime as dt

import pytest

from generator.vntext import find_dates, parse_date


@pytest.mark.parametrize("text, year, expected", [
    ("28/10/2024", None, dt.date(2024, 10, 28)),
    ("30/9/2024", None, dt.date(2024, 9, 30)),
    ("13 tháng 09 năm 2024", None, dt.date(2024, 9, 13)),
    ("ngày 11 tháng 11 năm 2024", None, dt.date(2024, 11, 11)),
    ("ngày 31/10", 2024, dt.date(2024, 10, 31)),
    ("31/10", 2024, dt.date(2024, 10, 31)),
    ("2024-10-28", None, dt.date(2024, 10, 28)),
    (" 05/11/2024 ", None, dt.date(2024, 11, 5)),
])
def test_parse_date_forms(text, year, expected):
    assert parse_date(text, year) == expected


@pytest.mark.parametrize("text", ["ngày 31/10", "31/02/2024", "14/18", "tháng 11/2024", "hôm nay", ""])
def test_parse_date_rejects(text):
    assert parse_date(text) is None


def test_find_dates_in_running_text_keeps_spans():
    text = "từ ngày 10/11 đến ngày 10/12/2024, đạt 14/18 chỉ tiêu trong tháng 11/2024; 13 tháng 9 năm 2024"
    found = find_dates(text, default_year=2024)
    assert [d.date for d in found] == [dt.date(2024, 11, 10), dt.date(2024, 12, 10), dt.date(2024, 9, 13)]
    assert [d.has_year for d in found] == [False, True, True]
    assert all(text[d.start:d.end] == d.text for d in found)


def test_yearless_dates_need_a_default_year():
    assert find_dates("ngày 31/10") == []


def test_document_numbers_are_not_dates():
    assert find_dates("Nghị định số 93/2023/NĐ-CP, giai đoạn 2021-2030, 5.000 m2") == []
