"""Whatever the text: the alignment covers both word lists exactly, the changes never raise,
and a text compared with itself shows no change."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from mopac_desk.compare.classify import _slide, classify
from mopac_desk.compare.diff import absorb_short_equals, align, regroup
from mopac_desk.compare.words import Words
from tests.unit.compare.test_words import line

WORDS = st.sampled_from(["the", "plan", "£2.5m", "4.", "re-", "newal", ",", "Capital", "CAPITAL",
                         "2024/25", "(a)", "-", "item", "12", "Approve", "well-known", "."])
TEXT = st.lists(st.lists(WORDS, min_size=1, max_size=8).map(" ".join), min_size=1, max_size=12)


def _words(lines: list[str]) -> Words:
    return Words([line(t, y=760.0 - 14 * k) for k, t in enumerate(lines)])


def _covers(ops, a, b) -> bool:
    i = j = 0
    for o in ops:
        if (o.i1, o.j1) != (i, j) or (o.tag == "equal" and a[o.i1:o.i2] != b[o.j1:o.j2]):
            return False
        i, j = o.i2, o.j2
    return (i, j) == (len(a), len(b))


@settings(max_examples=60, deadline=None)
@given(TEXT, TEXT, st.integers(min_value=4, max_value=40))
def test_the_alignment_covers_both_texts_in_any_window(old_lines, new_lines, window):
    old, new = _words(old_lines), _words(new_lines)
    ops = align(old.keys, new.keys, window=window)
    assert _covers(ops, old.keys, new.keys)
    regrouped = regroup(ops, old.keys, new.keys)
    assert _covers(regrouped, old.keys, new.keys)
    slid = _slide(regrouped, old, new)
    assert _covers(slid, old.keys, new.keys)
    assert _covers(absorb_short_equals(slid), old.keys, new.keys)
    for change in classify(old, new, ops):
        assert change.old is not None or change.new is not None
        for side in (change.old, change.new):
            if side is not None:
                assert side.spans and side.spans[0] == (side.page, side.rects)


@settings(max_examples=40, deadline=None)
@given(TEXT)
def test_a_text_against_itself_has_no_change(lines):
    old, new = _words(lines), _words(lines)
    assert classify(old, new, align(old.keys, new.keys)) == []
