"""Money changes read exactly, with their scale words, and paired in order."""

from __future__ import annotations

from mopac_desk.compare.classify import classify
from mopac_desk.compare.diff import align
from mopac_desk.compare.money import money_changes
from mopac_desk.compare.words import Words
from mopac_desk.extract.model import Cost
from tests.unit.compare.test_words import line


def _money(old_text: str, new_text: str, costs: list[Cost] | None = None):
    old, new = Words([line(old_text)]), Words([line(new_text)])
    changes = classify(old, new, align(old.keys, new.keys))
    return changes, money_changes(changes, old, new, costs or [], costs or [])


def test_a_sum_with_a_scale_word_is_read_whole():
    changes, amounts = _money("Approve capital of £2.025 million in 2024/25.",
                              "Approve capital of £2.5 million in 2024/25.")
    [a] = amounts
    assert (a.old_pence, a.new_pence) == (202_500_000, 250_000_000)
    assert (a.old_text, a.new_text) == ("£2.025 million", "£2.5 million")
    assert changes[0].money and changes[0].amounts == [("£2.025 million", "£2.5 million")]


def test_kinds_come_from_the_extraction_and_unchanged_sums_are_not_listed():
    cost = Cost(amount_pence=40_000_000, raw="£400,000", kind="revenue", years=[],
                part="report", page=1, context="")
    _, amounts = _money("Capital of £2.5m and revenue of £300,000 a year.",
                        "Capital of £2.5m and revenue of £400,000 a year.", [cost])
    assert [(a.kind, a.old_pence, a.new_pence) for a in amounts] == [
        ("revenue", 30_000_000, 40_000_000)]
    assert amounts[0].describe() == "revenue £300,000 → £400,000"


def test_sums_added_and_removed():
    _, amounts = _money("The works cost £1.8m in all.", "The works cost in all.")
    assert [(a.old_pence, a.new_pence, a.describe()) for a in amounts] == [
        (180_000_000, None, "other £1.8m removed")]
    _, amounts = _money("Dates only.", "Dates only, and £5k more.")
    assert [(a.old_pence, a.new_pence) for a in amounts] == [(None, 500_000)]


def test_a_changed_date_is_no_money_change():
    changes, amounts = _money("Decision by 31st March 2024.", "Decision by 30th April 2024.")
    assert amounts == [] and not any(c.money for c in changes)


def test_each_sum_has_its_own_page_and_place():
    old = Words([line("Capital of £2.5m", page=1), line("and revenue of £300k.", page=2)])
    new = Words([line("Capital of £2.7m", page=1), line("and revenue of £400k.", page=2)])
    changes = classify(old, new, align(old.keys, new.keys))
    amounts = money_changes(changes, old, new, [], [])
    assert [(a.old_page, a.new_page) for a in amounts] == [(1, 1), (2, 2)]
    assert all(a.old_rects and a.new_rects for a in amounts)
    # "£2.7m" is the 12th to 16th characters of its line, 5 points each from x = 72.
    assert amounts[0].new_rects == [[127.0, 700.0, 152.0, 710.0]]
