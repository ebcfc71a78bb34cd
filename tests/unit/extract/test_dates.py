"""Dates as papers write them, day first, to ISO."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mopac_desk.extract.dates import find_dates, parse_date


@pytest.mark.parametrize("raw, iso", [
    ("9th April 2021", "2021-04-09"),
    ("31st Oct 2019", "2019-10-31"),
    ("19/04/21", "2021-04-19"),
    ("28/4/2021", "2021-04-28"),
    ("03/02/2024", "2024-02-03"),  # day first, never 2 March
    ("end of May 2025", "2025-05-31"),
    ("the end of February 2024", "2024-02-29"),
    ("April 2025", "2025-04-30"),
    ("1 June 2023", "2023-06-01"),
])
def test_written_dates(raw, iso):
    assert parse_date(raw) == iso


def test_dates_inside_sentences():
    text = ("A decision is required from the Deputy Mayor by the end of May 2025. "
            "Signed 28/4/2021; meeting [Date].")
    assert [(d.raw, d.iso) for d in find_dates(text)] == [
        ("the end of May 2025", "2025-05-31"), ("28/4/2021", "2021-04-28"), ("[Date]", None)]


def test_impossible_dates_and_years_are_not_dates():
    assert find_dates("31/02/2021") == []
    assert find_dates("in 2025/26 and FY 23/24") == []
    assert parse_date("Page 2 of 8") is None


@given(st.text(max_size=120))
@settings(max_examples=300, deadline=None)
def test_never_raises(text):
    for d in find_dates(text):
        assert text[d.start:d.end] == d.raw


def test_superscript_ordinal_split_from_its_day():
    assert [d.iso for d in find_dates("meeting 9 th April 2021")] == ["2021-04-09"]
