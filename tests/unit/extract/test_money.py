"""Sterling amounts: exact pence in every notation papers use; placeholders; never a crash."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mopac_desk.extract.money import find_money, format_pence, parse_amount


@pytest.mark.parametrize("raw, pence", [
    ("£14,700,000", 1_470_000_000),
    ("£14.7M", 1_470_000_000),
    ("£0.830m", 83_000_000),
    ("£16,431k", 1_643_100_000),
    ("£277.5k", 27_750_000),
    ("£2.025 million", 202_500_000),
    ("£46.763m", 4_676_300_000),
    ("£1.2bn", 120_000_000_000),
    ("£25m", 2_500_000_000),
    ("£189,330", 18_933_000),
    ("£14.70", 1_470),
    ("£0.1m", 10_000_000),
])
def test_each_notation_parses_exactly(raw, pence):
    assert parse_amount(raw) == pence
    assert [(m.raw, m.amount_pence) for m in find_money(f"costs {raw}, in total.")] == [(raw, pence)]


@pytest.mark.parametrize("raw", ["£xxxx", "£XXm", "£[x]", "£[amount]", "£TBC", "£x.xm", "£1xx"])
def test_placeholders_have_no_amount(raw):
    found = find_money(f"will cost {raw} funded from capital.")
    assert len(found) == 1 and found[0].is_placeholder and found[0].raw == raw


def test_amount_followed_by_words_keeps_only_the_amount():
    found = find_money("£500,000 and above; £25m and a term; £14.7M.")
    assert [m.raw for m in found] == ["£500,000", "£25m", "£14.7M"]


def test_no_float_rounding():
    # 0.830 * 1e6 in binary floating point is 829999.9999...
    assert parse_amount("£0.830m") == 83_000_000
    assert parse_amount("£0.29m") == 29_000_000


@given(st.integers(min_value=0, max_value=10**13),
       st.sampled_from(["full", "plain", "m", "M", "k", "bn", "million"]))
@settings(max_examples=300, deadline=None)
def test_format_then_parse_round_trips(pence, notation):
    raw = format_pence(pence, notation)
    assert parse_amount(raw) == pence
    found = find_money(f"The Deputy Mayor is asked to approve {raw} for 2025/26.")
    assert [m.amount_pence for m in found] == [pence]


@given(st.decimals(min_value=Decimal("0.001"), max_value=Decimal("99999.999"), places=3))
@settings(max_examples=200, deadline=None)
def test_millions_with_three_decimals_are_exact(value):
    assert parse_amount(f"£{value}m") == int(value * 1_000_000 * 100)


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200))
@settings(max_examples=300, deadline=None)
def test_never_raises_on_any_text(text):
    for m in find_money(text):
        assert text[m.start:m.end] == m.raw
        assert m.amount_pence is None or m.amount_pence >= 0


@given(st.text(alphabet="£0123456789,.kmMbnxX[] -", max_size=60))
@settings(max_examples=300, deadline=None)
def test_never_raises_on_money_like_text(text):
    for m in find_money(text):
        assert m.raw.startswith("£")


def test_scale_after_a_space():
    assert [m.amount_pence for m in find_money("£1.2 bn and £25 m, £3 k.")] == [
        120_000_000_000, 2_500_000_000, 300_000]
