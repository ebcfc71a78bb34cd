"""OCR's misreadings against real changes: a figure that differs is always a change."""

from __future__ import annotations

import pytest

from mopac_desk.compare.classify import Change
from mopac_desk.compare.ocr_noise import (
    alike,
    figures,
    misread_running,
    split_noise,
    touches_ocr,
)
from mopac_desk.compare.words import Side


@pytest.mark.parametrize("old, new", [
    ("£21 3,477", "£213,477"),  # a stray space inside a number
    ("£2.O25m", "£2.025m"),  # O for 0 inside a figure
    ("£l.8m", "£1.8m"),
    ("confirm", "I confirm I"),  # narrow capitals dropped
    ("", "I"),
    ("Papers", "papers"),
    ("3,", "3."),
    ("‘approved’", "'approved'"),
    ("Cornmissioner", "Commissioner"),
])
def test_misreadings_are_alike(old, new):
    assert alike(old, new) and alike(new, old)


@pytest.mark.parametrize("old, new", [
    ("£2.5m", "£2.7m"),
    ("£2,500", "£2.500"),  # a comma read as a point changes the sum: a change
    ("£2.5m", "£25m"),
    ("six", "seven"),
    ("12th March", "9th April"),
    ("", "not"),
    ("of air support found that the current arrangements", "approved the plan"),
    ("paragraph 4", "paragraph 5"),
])
def test_changes_are_not_alike(old, new):
    assert not alike(old, new) and not alike(new, old)


def test_figures_join_what_ocr_split():
    assert figures("£21 3,477 and £1.8m") == ["213,477", "1.8"]
    assert figures("the 3lst of March") == ["315"]  # "3lst" is "31st" to OCR's eye


def _change(kind: str, old: str | None, new: str | None, page: int = 1) -> Change:
    def side(text: str | None) -> Side | None:
        return None if text is None else Side(text, page, [[0, 0, 10, 10]],
                                              [(page, [[0, 0, 10, 10]])])
    return Change(kind, side(old), side(new), (0, 1), (0, 1), (page, 0.0), (page, 0.0))


def test_only_changes_on_pages_read_by_ocr_can_be_noise():
    change = _change("replace", "Cornmissioner", "Commissioner", page=2)
    assert split_noise([change], {}, {}) == ([change], [])
    assert not touches_ocr(change, {0}, set())  # page 1 read by OCR, the change is on 2
    assert touches_ocr(change, {1}, set()) and touches_ocr(change, set(), {1})
    kept, noise = split_noise([change], {1: object()}, {})  # type: ignore[dict-item]
    assert (kept, noise) == ([], [change])


def test_a_renumbering_or_a_money_change_is_never_noise():
    renumber = _change("renumber", "4–12", "5–13")
    money = _change("replace", "£2.5m", "£2.7m")
    words = _change("insert", None, "I")
    kept, noise = split_noise([renumber, money, words], {0: object()}, {})  # type: ignore[dict-item]
    assert kept == [renumber, money] and noise == [words]


def test_a_running_footer_misread_by_ocr_is_still_running():
    running = {"page # of #", "official – public"}
    assert misread_running("page #o#f #", running)  # OCR's "Page 1o0f 4"
    assert misread_running("0fficial - pub1ic", running)
    assert not misread_running("page #", running)
    assert not misread_running("dmpc decision – pcd #", running)
