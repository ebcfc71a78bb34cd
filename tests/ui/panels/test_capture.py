"""Manual capture from the page view into the register: a missed amount, a recommendation and a
field, each undoable, with provenance, and the panel selecting what was captured."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenu

from mopac_desk.review.capture import FIELD_LABELS, field_snapshot
from tests.helpers.register_window import PCD977, meeting_pack, review_window
from ui.panels.capture import CaptureController
from ui.panels.sections import COSTS, FIELDS, RECOMMENDATIONS

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@contextmanager
def review(qtbot, tmp_path: Path, paper: Path = PCD977) -> Iterator:
    with review_window(qtbot, tmp_path, (paper,), paper, shown=True) as (window, panel):
        yield window, panel, panel.findChild(CaptureController, "capture")


def select_phrase(viewer, page_index: int, phrase: str, extra: int = 0) -> tuple[int, int]:
    text = viewer.page_text(page_index).text
    start = text.index(phrase)
    viewer.select(page_index, start, start + len(phrase) + extra)
    return start, start + len(phrase) + extra


def test_capture_a_missed_amount_from_a_selection(qtbot, tmp_path):
    with review(qtbot, tmp_path) as (window, panel, capture):
        reg, pid, viewer = panel.register, panel.paper_id, window.viewer
        # extraction "missed" the report's "Spend of £14.7M from approved DP Capital budget"
        missed = [c for c in reg.get_paper(pid).costs if c.page == 5][1]
        reg.delete_cost(missed.id)
        panel.refresh()
        before = {c.id for c in reg.get_paper(pid).costs}
        assert not capture.cost_action.isEnabled()  # nothing selected yet
        start, end = select_phrase(viewer, 4, "Spend of £14.7M from approved DP Capital")
        assert capture.cost_action.isEnabled()
        qtbot.keyClick(viewer, Qt.Key.Key_M, CTRL_SHIFT)
        [new] = [c for c in reg.get_paper(pid).costs if c.id not in before]
        assert (new.amount_pence, new.raw, new.kind, new.page, new.part) == (
            1_470_000_000, "£14.7M", "capital", 5, "report")
        assert new.manual and new.context == "Spend of £14.7M from approved DP Capital"
        rects = [r.as_list() for r in viewer.page_text(4).rects_for_span(start, end)]
        assert new.rects == rects and rects
        assert panel.tabs.currentIndex() == COSTS
        assert panel.selected_items() == [("cost", new.id)]
        assert reg.audit_for(pid)[-1]["what"] == "added cost"
        panel.undo_stack.undo()
        assert new.id not in {c.id for c in reg.get_paper(pid).costs}
        panel.undo_stack.redo()  # the same cost comes back, same id
        assert new.id in {c.id for c in reg.get_paper(pid).costs}


def test_several_amounts_become_one_cost_each_in_one_undo_step(qtbot, tmp_path):
    with review(qtbot, tmp_path) as (window, panel, capture):
        reg, pid, viewer = panel.register, panel.paper_id, window.viewer
        before = len(reg.get_paper(pid).costs)
        text = viewer.page_text(1).text
        start = text.index("valued at £189,330")
        end = text.index("£500,000 or above.\r\n4.4") + len("£500,000")
        viewer.select(1, start, end)
        capture.cost_action.trigger()
        costs = reg.get_paper(pid).costs
        assert [c.raw for c in costs[before:]] == ["£189,330", "£500,000"]
        assert all(c.page == 2 and c.manual for c in costs[before:])
        # each amount keeps the rectangles of its own characters
        first = text.index("£189,330")
        assert costs[-2].rects == [r.as_list() for r in
                                      viewer.page_text(1).rects_for_span(first, first + 8)]
        assert costs[-1].rects != costs[-2].rects
        assert panel.undo_stack.count() == 1 and panel.undo_stack.undoText() == "Add 2 costs"
        panel.undo_stack.undo()
        assert len(reg.get_paper(pid).costs) == before


def test_ctrl_shift_f_offers_the_fields_at_the_selection(qtbot, tmp_path):
    with review(qtbot, tmp_path) as (window, panel, capture):
        reg, pid = panel.register, panel.paper_id
        select_phrase(window.viewer, 0, "End User Device Refresh FY2122")
        qtbot.keyClick(window.viewer, Qt.Key.Key_F, CTRL_SHIFT)
        qtbot.waitUntil(capture.field_menu.isVisible)
        assert capture.field_menu.activeAction().text() == "Reference"
        qtbot.keyClick(capture.field_menu, Qt.Key.Key_Down)
        qtbot.keyClick(capture.field_menu, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: not capture.field_menu.isVisible())
        title = reg.get_paper(pid).fields["title"]
        assert (title.value, title.page, title.confirmed) == (
            "End User Device Refresh FY2122", 1, True)


def test_add_a_recommendation_from_the_page(qtbot, tmp_path):
    with review(qtbot, tmp_path) as (window, panel, capture):
        reg, pid = panel.register, panel.paper_id
        select_phrase(window.viewer, 0, "• The issue of laptops by courier only",
                      extra=len(" to those who are formally shielding in line with \r\n"
                                "COVID guidance, to a maximum of 25% of total laptops issued."))
        qtbot.keyClick(window.viewer, Qt.Key.Key_E, CTRL_SHIFT)
        rec = reg.get_paper(pid).recommendations[-1]
        assert rec.text == ("The issue of laptops by courier only to those who are formally "
                               "shielding in line with COVID guidance, to a maximum of 25% of "
                               "total laptops issued.")
        assert rec.manual and rec.page == 1 and rec.part == "decision" and rec.rects
        assert panel.tabs.currentIndex() == RECOMMENDATIONS
        assert panel.selected_items() == [("recommendation", rec.id)]
        panel.undo_stack.undo()
        assert rec.id not in {r.id for r in reg.get_paper(pid).recommendations}


def test_set_a_field_from_the_selection_and_undo_restores_it(qtbot, tmp_path):
    with review(qtbot, tmp_path) as (window, panel, capture):
        reg, pid = panel.register, panel.paper_id
        before = field_snapshot(reg, pid, "decision_signed_on")
        start, end = select_phrase(window.viewer, 3, "Date 31/03/2021")
        menu = QMenu()
        window.viewer.context_menu_requested.emit(menu, 3, 100.0, 100.0)
        field_menu = next(a.menu() for a in menu.actions() if a.menu() is not None)
        labels = [a.text() for a in field_menu.actions()]
        assert labels == list(FIELD_LABELS.values())
        next(a for a in field_menu.actions() if a.text() == "Decision signed on").trigger()
        f = reg.get_paper(pid).fields["decision_signed_on"]
        assert (f.value, f.page, f.quote, f.confirmed) == (
            "2021-03-31", 4, "Date 31/03/2021", True)
        assert f.rects == [r.as_list() for r in window.viewer.page_text(3).rects_for_span(start, end)]
        assert panel.tabs.currentIndex() == FIELDS
        panel.undo_stack.undo()
        assert field_snapshot(reg, pid, "decision_signed_on") == before
        menu.deleteLater()


@pytest.mark.parametrize("action, phrase, says", [
    ("cost", "Title: End User Device Refresh", "No amount in the selected text"),
    ("recommendation", "• ", "too few words"),
    ("meeting_date", "Title: End User Device Refresh", "No date in the selected text"),
])
def test_bad_selections_give_a_plain_message_and_change_nothing(qtbot, tmp_path, action,
                                                                phrase, says):
    with review(qtbot, tmp_path) as (window, panel, capture):
        reg, pid = panel.register, panel.paper_id
        audit = len(reg.audit_for(pid))
        select_phrase(window.viewer, 0, phrase)
        with qtbot.waitSignal(panel.message_shown) as shown:
            if action == "cost":
                capture.cost_action.trigger()
            elif action == "recommendation":
                capture.recommendation_action.trigger()
            else:
                capture.set_field(action)
        assert says in shown.args[0]
        assert len(reg.audit_for(pid)) == audit and panel.undo_stack.count() == 0


def test_context_menu_entries_need_a_selection(qtbot, tmp_path):
    with review(qtbot, tmp_path) as (window, panel, capture):
        window.viewer.clear_selection()
        menu = QMenu()
        window.viewer.context_menu_requested.emit(menu, 0, 100.0, 100.0)
        texts = {a.text(): a.isEnabled() for a in menu.actions() if not a.isSeparator()}
        assert texts == {"Add as &Recommendation": False, "Add as &Cost": False,
                         "Set &Field": False}
        select_phrase(window.viewer, 0, "£14,700,000")
        assert capture.cost_action.isEnabled() and capture.field_menu.isEnabled()
        menu.deleteLater()


def test_a_find_match_counts_as_the_selection_for_keyboard_capture(qtbot, tmp_path):
    with review(qtbot, tmp_path) as (window, panel, capture):
        reg, pid = panel.register, panel.paper_id
        before = len(reg.get_paper(pid).costs)
        window.viewer.clear_selection()
        window.find_bar.open_bar()
        with qtbot.waitSignal(window.find_bar.results_changed, timeout=10_000):
            window.find_bar.search("£189,330")
        assert capture.cost_action.isEnabled()
        qtbot.keyClick(window.viewer, Qt.Key.Key_M, CTRL_SHIFT)
        costs = reg.get_paper(pid).costs
        assert len(costs) == before + 1
        assert (costs[-1].raw, costs[-1].page) == ("£189,330", 2)
        assert costs[-1].kind == "other" and costs[-1].rects


def test_amounts_on_another_papers_page_are_refused_once_with_no_undo_step(qtbot, tmp_path):
    pack = meeting_pack(tmp_path)
    with review(qtbot, tmp_path, pack) as (window, panel, capture):
        reg = panel.register
        panel.show_paper(min(p.id for p in reg.list_papers()))   # PCD 977, pages 1-8
        messages = []
        panel.message_shown.connect(messages.append)
        text = window.viewer.page_text(9).text                    # page 10: the IAM report
        window.viewer.select(9, text.index("£0.830m"), text.index("£214,904") + 8)
        costs = len(reg.get_paper(panel.paper_id).costs)
        capture.cost_action.trigger()
        assert len(messages) == 1 and "not part of this paper" in messages[0]
        assert panel.undo_stack.count() == 0
        assert len(reg.get_paper(panel.paper_id).costs) == costs
