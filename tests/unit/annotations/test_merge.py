"""Matching imported comments against the register's: by /NM, else by page, kind, place, words."""

from __future__ import annotations

from mopac_desk.annotations.merge import plan_merge, same_place
from mopac_desk.annotations.model import Annotation, Reply


def _a(**kw) -> Annotation:
    base = dict(kind="highlight", page=1, rects=[[100, 700, 200, 712]], contents="Check",
                author="Priya")
    base.update(kw)
    return Annotation(**base)


def test_same_name_matches_and_brings_only_new_replies_and_status():
    mine = _a(id=1, pdf_name="n1", replies=[Reply("Tom", "Agreed", pdf_name="r1")])
    theirs = _a(pdf_name="n1", status="accepted", rects=[[0, 0, 10, 10]], replies=[
        Reply("Tom", "Agreed", pdf_name="r1"), Reply("Ann", "But see p.4", pdf_name="r2")])
    plan = plan_merge([mine], [theirs])
    assert plan.new == [] and plan.matched == 1
    assert [(pid, r.contents) for pid, r in plan.replies] == [(1, "But see p.4")]
    assert plan.statuses == [(1, "accepted")]


def test_without_names_page_kind_place_and_words_decide():
    mine = _a(id=1)
    assert plan_merge([mine], [_a(rects=[[101, 701, 201, 711]])]).empty  # a point or two off
    assert len(plan_merge([mine], [_a(page=2)]).new) == 1
    assert len(plan_merge([mine], [_a(kind="underline")]).new) == 1
    assert len(plan_merge([mine], [_a(contents="Something else")]).new) == 1
    assert len(plan_merge([mine], [_a(rects=[[300, 100, 400, 112]])]).new) == 1
    # a reader that renamed the comment on saving: still the same comment
    assert plan_merge([_a(id=1, pdf_name="mine")], [_a(pdf_name="renamed")]).matched == 1


def test_a_second_import_adds_nothing_and_duplicates_in_one_file_count_once():
    theirs = [_a(pdf_name="n1"), _a(pdf_name="n1"), _a(kind="note", rects=[[5, 5, 25, 25]])]
    first = plan_merge([], theirs)
    assert len(first.new) == 2
    stored = [a for a in first.new]
    for i, a in enumerate(stored, start=1):
        a.id = i
    again = plan_merge(stored, [_a(pdf_name="n1"), _a(kind="note", rects=[[5, 5, 25, 25]])])
    assert again.empty and again.matched == 2


def test_words_changed_elsewhere_later_are_taken_and_names_never_clash():
    mine = _a(id=1, pdf_name="n1", modified="2025-06-01T00:00:00+00:00")
    newer = _a(pdf_name="n1", contents="Check twice", modified="2025-06-02T00:00:00+00:00")
    assert plan_merge([mine], [newer]).updates == [(1, {"contents": "Check twice"})]
    older = _a(pdf_name="n1", contents="Old words", modified="2025-05-01T00:00:00+00:00")
    assert plan_merge([mine], [older]).updates == []
    # a new comment whose /NM the paper already uses for a reply gets a fresh name
    with_reply = _a(id=1, pdf_name="n1", replies=[Reply("Tom", "ok", pdf_name="taken")])
    [fresh] = plan_merge([with_reply], [_a(page=3, pdf_name="taken")]).new
    assert fresh.pdf_name is None


def test_same_place_tolerates_small_moves_only():
    a, b = _a(), _a(rects=[[100, 700, 200, 713]])
    assert same_place(a, b)
    assert not same_place(a, _a(rects=[[150, 700, 250, 712]]))
