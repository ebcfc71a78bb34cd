"""The review panel on a real register file and real papers: edits, undo, page links."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from mopac_desk.extract.model import FIELD_NAMES
from mopac_desk.money import format_pence
from mopac_desk.register import Register
from mopac_desk.register.importer import import_paths
from ui.panels.models import KEY_ROLE
from tests.helpers.register_window import meeting_pack, review_window

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "papers"
PCD977 = FIXTURES / "pcd-977-end-user-device-refresh.pdf"


def test_opening_an_imported_paper_shows_it(qtbot, tmp_path):
    with review_window(qtbot, tmp_path) as (window, panel):
        assert "PCD 977" in panel.title_label.text()
        assert panel.sections.models[0].rowCount() == len(FIELD_NAMES)
        assert window.register_browser.selected_paper_ids() == [panel.paper_id]


@pytest.fixture
def clerk_name():
    from PySide6.QtCore import QSettings

    QSettings().setValue("clerk/name", "Ann Clerk")
    yield "Ann Clerk"
    QSettings().remove("clerk/name")


def _index(panel, key, column=0):
    section = {"field": 0, "recommendation": 1, "cost": 2, "finding": 3}[key[0]]
    return panel.sections.models[section].index_of(key, column)


def test_selecting_a_cost_shows_it_on_its_page_highlighted(qtbot, tmp_path):
    with review_window(qtbot, tmp_path) as (window, panel):
        costs = panel.detail.costs
        cost = next(c for c in costs if c.page == 2 and c.rects)
        panel.select_item("cost", cost.id)
        assert panel.tabs.currentIndex() == 2
        assert window.viewer.current_page() == 1
        layer = window.viewer.highlights("review")
        strong = [h for h in layer if h.payload == ("cost", cost.id)]
        assert strong and strong[0].page == 1
        assert strong[0].color.alpha() > max(h.color.alpha() for h in layer if h not in strong)
        # every cost of the tab stands faintly on its page too
        assert len(layer) == sum(1 for c in costs if c.rects and c.page)


def test_clicking_a_highlight_selects_the_item(qtbot, tmp_path):
    with review_window(qtbot, tmp_path) as (window, panel):
        cost = panel.detail.costs[3]
        panel.show_section(2)
        viewer = window.viewer
        viewer.scroll_to(cost.page - 1, cost.rects[0])
        rect = viewer.map_rect_from_pdf(cost.page - 1, cost.rects[0])
        qtbot.mouseClick(viewer.viewport(), Qt.MouseButton.LeftButton,
                         pos=rect.center().toPoint())
        assert panel.costs_view.currentIndex().data(KEY_ROLE) == ("cost", cost.id)
        # a highlight of another section switches the tab
        title = panel.detail.fields["title"]
        panel.tabs.setCurrentIndex(0)
        viewer.scroll_to(title.page - 1, title.rects[0])
        rect = viewer.map_rect_from_pdf(title.page - 1, title.rects[0])
        qtbot.mouseClick(viewer.viewport(), Qt.MouseButton.LeftButton,
                         pos=rect.center().toPoint())
        assert panel.tabs.currentIndex() == 0
        assert panel.fields_view.currentIndex().data(KEY_ROLE) == ("field", "title")


def test_edit_a_field_then_undo_restores_value_and_audit(qtbot, tmp_path, clerk_name):
    with review_window(qtbot, tmp_path) as (window, panel):
        reg, pid = panel.register, panel.paper_id
        assert reg.get_paper(pid).fields["title"].confirmed is False
        index = _index(panel, ("field", "title"), 1)
        # the in-place editor path: the delegate writes into the model
        panel.sections.models[0].setData(index, "End User Device Refresh 2021/22")
        field = reg.get_paper(pid).fields["title"]
        assert field.value == "End User Device Refresh 2021/22" and field.confirmed
        last = reg.audit_for(pid)[-1]
        assert (last["who"], last["what"]) == ("Ann Clerk", "set title")
        assert "2021/22" in index.data()

        window.actions_by_id["edit.undo"].trigger()
        field = reg.get_paper(pid).fields["title"]
        assert field.value == "End User Device Refresh FY2122" and not field.confirmed
        assert reg.audit_for(pid)[-1]["who"] == "Ann Clerk"
        assert "FY2122" in _index(panel, ("field", "title"), 1).data()
        window.actions_by_id["edit.redo"].trigger()
        assert reg.get_paper(pid).fields["title"].value.endswith("2021/22")


def test_dates_edit_as_dates_and_bad_input_is_a_plain_message(qtbot, tmp_path):
    with review_window(qtbot, tmp_path) as (window, panel):
        reg, pid = panel.register, panel.paper_id
        assert _index(panel, ("field", "meeting_date"), 1).data() == "9 Apr 2021"
        panel.edit_field("meeting_date", "30/04/2021")
        assert reg.get_paper(pid).fields["meeting_date"].value == "2021-04-30"
        with qtbot.waitSignal(panel.message_shown) as shown:
            panel.edit_field("meeting_date", "soon")
        assert "not a date" in shown.args[0]
        assert panel.undo_stack.count() == 1  # the refused edit is not kept
        panel.edit_field("meeting_date", None)
        cell = _index(panel, ("field", "meeting_date"), 1)
        assert cell.data() == "not found"


def test_change_a_cost_kind_changes_the_money_summary(qtbot, tmp_path):
    with review_window(qtbot, tmp_path) as (window, panel):
        reg, pid = panel.register, panel.paper_id
        before = panel.money.text()
        assert "Capital: £14,700,000" in before and "Revenue" not in before
        threshold = next(c for c in panel.detail.costs if c.kind == "threshold")
        index = _index(panel, ("cost", threshold.id), 1)
        panel.sections.models[2].setData(index, "revenue")
        money = reg.get_paper(pid).money
        assert money.revenue_pence == threshold.amount_pence
        assert f"Revenue: {format_pence(threshold.amount_pence)}" in panel.money.text()
        panel.undo_stack.undo()
        assert panel.money.text() == before


def test_outcome_status_and_dismissed_check(qtbot, tmp_path):
    with review_window(qtbot, tmp_path) as (window, panel):
        reg, pid = panel.register, panel.paper_id
        rec = panel.detail.recommendations[0]
        panel.sections.models[1].setData(_index(panel, ("recommendation", rec.id), 5), "deferred")
        assert reg.get_paper(pid).recommendations[0].outcome == "deferred"

        panel.status_combo.setCurrentIndex(panel.status_combo.findData("checked"))
        assert reg.list_papers(paper_ids=[pid])[0].status == "checked"
        panel.undo_stack.undo()
        assert reg.list_papers(paper_ids=[pid])[0].status == "new"
        assert panel.status_combo.currentData() == "new"

        finding = panel.detail.findings[0]
        panel.select_item("finding", finding.id)
        panel.dismiss_selected_finding("Figure agreed with Finance")
        row = reg.get_paper(pid).findings[0]
        assert row.dismissed and row.reason == "Figure agreed with Finance"
        status = _index(panel, ("finding", finding.id), 4)
        assert status.data() == "Dismissed: Figure agreed with Finance"
        assert status.data(Qt.ItemDataRole.ForegroundRole) is not None  # greyed, still shown
        panel.undo_stack.undo()
        assert not reg.get_paper(pid).findings[0].dismissed


def test_delete_and_undo_brings_the_same_item_back(qtbot, tmp_path):
    with review_window(qtbot, tmp_path) as (window, panel):
        reg, pid = panel.register, panel.paper_id
        before = reg.get_paper(pid).costs
        panel.select_item("cost", before[0].id)
        assert panel.selected_items() == [("cost", before[0].id)]
        qtbot.keyClick(panel.costs_view, Qt.Key.Key_Delete)
        assert len(reg.get_paper(pid).costs) == len(before) - 1
        assert panel.sections.models[2].rowCount() == len(before) - 1
        window.actions_by_id["edit.undo"].trigger()
        assert reg.get_paper(pid).costs == before
        assert panel.sections.models[2].rowCount() == len(before)
        # the same from the right-click menu
        panel.select_item("cost", before[1].id)
        delete = next(a for a in panel.costs_view.actions() if a.text().startswith("&Delete"))
        delete.trigger()
        assert [c.id for c in reg.get_paper(pid).costs] == [
            c.id for c in before if c.id != before[1].id]


def test_every_edit_is_kept_after_a_relaunch(qtbot, tmp_path):
    register = tmp_path / "register.sqlite"
    with review_window(qtbot, tmp_path) as (window, panel):
        rec = panel.detail.recommendations[1]
        cost = panel.detail.costs[0]
        panel.edit_field("report_by", "A. McCallum")
        panel.set_field_confirmed("reference", True)
        panel.set_outcome(rec.id, "approved")
        panel.set_cost_kind(cost.id, "contract")
        panel.set_status("in review")
        window.close()
    with review_window(qtbot, tmp_path, papers=()) as (window, panel):
        assert panel.register.path == register.resolve()
        fields = panel.detail.fields
        assert fields["report_by"].value == "A. McCallum" and fields["reference"].confirmed
        assert _index(panel, ("recommendation", rec.id), 5).data() == "Approved"
        assert _index(panel, ("cost", cost.id), 1).data() == "Contract"
        assert panel.status_combo.currentData() == "in review"
        assert panel.undo_stack.count() == 0


def test_a_new_file_is_imported_then_shown(qtbot, tmp_path):
    paper = tmp_path / "incoming.pdf"
    shutil.copy(FIXTURES / "onedrive-migration-iam-report.pdf", paper)
    with review_window(qtbot, tmp_path, papers=(), open_paper=None) as (window, panel):
        assert window.open_path(paper)
        qtbot.waitUntil(lambda: "Importing" in panel.state_label.text()
                        or panel.paper_id is not None, timeout=10_000)
        qtbot.waitUntil(lambda: panel.paper_id is not None, timeout=30_000)
        assert "Modern Management" in panel.title_label.text()
        assert window.register_browser.model.rowCount() == 1
        window.close_document()
        assert panel.paper_id is None and not panel.tabs.isEnabled()


def test_a_protected_file_opened_with_its_password_is_imported_without_asking_again(
        qtbot, tmp_path):
    from tests.helpers.bad_pdfs import PASSWORD, encrypted_pdf

    locked = encrypted_pdf(tmp_path)
    with review_window(qtbot, tmp_path, papers=(), open_paper=None) as (window, panel):
        assert window.open_path(locked, password=PASSWORD)
        qtbot.waitUntil(lambda: panel.paper_id is not None, timeout=30_000)
        assert "PCD 977" in panel.title_label.text()
        assert window.register_browser.model.rowCount() == 1


def test_edits_made_elsewhere_show_in_the_panel(qtbot, tmp_path):
    with review_window(qtbot, tmp_path) as (window, panel):
        window.register_browser.register.set_field(panel.paper_id, "report_by", "Someone Else")
        qtbot.waitUntil(lambda: _index(panel, ("field", "report_by"), 1).data() == "Someone Else")


def _focused():
    from PySide6.QtWidgets import QApplication

    return QApplication.focusWidget()


# The offscreen platform says it cannot pass size hints on when a dialog is shown.
@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_a_clerk_reviews_a_paper_without_the_mouse(qtbot, tmp_path):
    from ui.panels.dismiss import DismissDialog

    with review_window(qtbot, tmp_path) as (window, panel):
        reg, pid = panel.register, panel.paper_id
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitActive(window)
        window.viewer.setFocus()
        qtbot.waitUntil(lambda: _focused() is window.viewer)

        qtbot.keyClick(_focused(), Qt.Key.Key_F6)              # viewer -> panel
        assert _focused() is panel.fields_view
        qtbot.keyClick(_focused(), Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
        for _ in range(5):                                      # down to "Report by"
            qtbot.keyClick(_focused(), Qt.Key.Key_Down)
        assert panel.fields_view.currentIndex().data(KEY_ROLE) == ("field", "report_by")
        qtbot.keyClick(_focused(), Qt.Key.Key_Return)           # edit the value
        editor = _focused()
        editor.selectAll()
        qtbot.keyClicks(editor, "A. McCallum")
        qtbot.keyClick(editor, Qt.Key.Key_Return)
        # the delegate commits on the next turn of the event loop
        qtbot.waitUntil(lambda: reg.get_paper(pid).fields["report_by"].value
                        == "A. McCallum")
        qtbot.keyClick(_focused(), Qt.Key.Key_Down)             # "On behalf of"
        qtbot.keyClick(_focused(), Qt.Key.Key_Right)            # its Confirmed tick
        qtbot.keyClick(_focused(), Qt.Key.Key_Space)            # confirm it
        assert reg.get_paper(pid).fields["on_behalf_of"].confirmed

        qtbot.keyClick(_focused(), Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
        assert _focused() is panel.recommendations_view and panel.tabs.currentIndex() == 1
        qtbot.keyClick(_focused(), Qt.Key.Key_Return)           # outcome editor
        qtbot.keyClick(_focused(), Qt.Key.Key_Down)             # "—" -> "Approved"
        qtbot.keyClick(_focused(), Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: reg.get_paper(pid).recommendations[0].outcome
                        == "approved")

        qtbot.keyClick(_focused(), Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
        costs = len(reg.get_paper(pid).costs)
        qtbot.keyClick(_focused(), Qt.Key.Key_Delete)
        assert len(reg.get_paper(pid).costs) == costs - 1
        qtbot.keyClick(_focused(), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        assert len(reg.get_paper(pid).costs) == costs

        qtbot.keyClick(_focused(), Qt.Key.Key_4, Qt.KeyboardModifier.AltModifier)
        qtbot.keyClick(_focused(), Qt.Key.Key_Return)           # dismiss with a reason
        dialog = panel.findChild(DismissDialog, "dismissDialog")
        qtbot.waitUntil(lambda: _focused() is not None and dialog.isAncestorOf(_focused()))
        qtbot.keyClicks(_focused(), "Agreed with Finance")
        qtbot.keyClick(_focused(), Qt.Key.Key_Return)
        assert reg.get_paper(pid).findings[0].reason == "Agreed with Finance"
        qtbot.waitUntil(lambda: _focused() is panel.checks_view)

        qtbot.keyClick(_focused(), Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
        assert _focused() is panel.status_combo
        qtbot.keyClick(_focused(), Qt.Key.Key_Down)
        assert reg.list_papers(paper_ids=[pid])[0].status == "in review"
        qtbot.keyClick(_focused(), Qt.Key.Key_F6)                # back to the page
        assert _focused() is window.viewer


def test_a_meeting_pack_shows_the_paper_on_the_current_page(qtbot, tmp_path):
    pack = meeting_pack(tmp_path)
    with review_window(qtbot, tmp_path, papers=(pack,), open_paper=pack) as (window, panel):
        assert "PCD 977" in panel.title_label.text()
        assert panel.paper_combo.count() == 2 and not panel.paper_combo.isHidden()
        panel.edit_field("report_by", "A. McCallum")
        window.viewer.scroll_to(9)                       # page 10: the IAM report
        qtbot.waitUntil(lambda: "Modern Management" in panel.title_label.text())
        assert panel.paper_combo.currentIndex() == 1
        # The history spans papers, and each step names its own.
        assert panel.undo_stack.undoText() == "Set Report by (PCD 977)"
        reg = panel.register
        first, second = sorted(p.id for p in reg.list_papers())
        panel.undo_stack.undo()                          # undone on PCD 977, not on the paper shown
        assert reg.get_paper(first).fields["report_by"].value == "Angus McCallum"
        assert reg.get_paper(second).fields["report_by"].value != "Angus McCallum"
        panel.paper_combo.setCurrentIndex(0)             # the clerk picks the other paper
        assert "PCD 977" in panel.title_label.text()
        assert window.viewer.current_page() == 0


def test_an_open_editor_commits_to_its_own_paper_when_the_page_moves_on(qtbot, tmp_path):
    from PySide6.QtWidgets import QAbstractItemView, QLineEdit

    pack = meeting_pack(tmp_path)
    with review_window(qtbot, tmp_path, papers=(pack,), open_paper=pack) as (window, panel):
        reg = panel.register
        first, second = sorted(p.id for p in reg.list_papers())
        before = reg.get_paper(second).fields["report_by"].value
        view = panel.fields_view
        row = next(r for r in range(view.model().rowCount())
                   if view.model().index(r, 0).data(KEY_ROLE) == ("field", "report_by"))
        view.setCurrentIndex(view.model().index(row, 1))
        view.edit(view.currentIndex())
        assert view.state() == QAbstractItemView.State.EditingState
        editor = view.findChild(QLineEdit)
        editor.setText("A. McCallum")
        window.viewer.scroll_to(9)                       # into the IAM report, editor still open
        qtbot.waitUntil(lambda: panel.paper_id == second)
        assert reg.get_paper(first).fields["report_by"].value == "A. McCallum"
        assert reg.get_paper(second).fields["report_by"].value == before


@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_tab_leaves_each_table_for_its_buttons(qtbot, tmp_path):
    with review_window(qtbot, tmp_path) as (window, panel):
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitActive(window)
        for section, view in enumerate(panel.sections.views):
            panel.show_section(section)
            qtbot.waitUntil(lambda: _focused() is view)
            qtbot.keyClick(view, Qt.Key.Key_Tab)
            assert _focused() is not view, f"Tab stayed in section {section}"


def test_delete_on_a_field_clears_it_and_undo_brings_it_back(qtbot, tmp_path):
    with review_window(qtbot, tmp_path) as (window, panel):
        reg, pid = panel.register, panel.paper_id
        view = panel.fields_view
        row = next(r for r in range(view.model().rowCount())
                   if view.model().index(r, 0).data(KEY_ROLE) == ("field", "meeting_date"))
        panel.show_section(0)
        view.setCurrentIndex(view.model().index(row, 0))
        qtbot.keyClick(view, Qt.Key.Key_Delete)
        assert reg.get_paper(pid).fields["meeting_date"].value is None
        panel.undo_stack.undo()
        f = reg.get_paper(pid).fields["meeting_date"]
        assert f.value == "2021-04-09" and not f.confirmed


def test_undoing_a_kind_change_gives_the_kind_back_to_extraction(qtbot, tmp_path):
    with review_window(qtbot, tmp_path) as (window, panel):
        reg, pid = panel.register, panel.paper_id
        cost = next(c for c in reg.get_paper(pid).costs if c.kind == "capital")
        assert not cost.kind_edited
        panel.set_cost_kind(cost.id, "revenue")
        panel.undo_stack.undo()
        after = next(c for c in reg.get_paper(pid).costs if c.id == cost.id)
        assert (after.kind, after.kind_edited) == ("capital", False)


def test_a_refusal_leaves_the_banner_once_a_later_edit_goes_through(qtbot, tmp_path):
    with review_window(qtbot, tmp_path) as (window, panel):
        panel.edit_field("meeting_date", "soon")
        assert panel.banner.isVisibleTo(panel) and "not a date" in panel.banner.text()
        panel.edit_field("report_by", "A. McCallum")
        assert not panel.banner.isVisibleTo(panel)


def test_the_wheel_over_an_unfocused_status_box_changes_nothing(qtbot, tmp_path):
    from PySide6.QtCore import QPoint, QPointF
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    with review_window(qtbot, tmp_path) as (window, panel):
        combo = panel.status_combo
        before = combo.currentIndex()
        wheel = QWheelEvent(QPointF(5, 5), QPointF(combo.mapToGlobal(QPoint(5, 5))), QPoint(),
                            QPoint(0, -120), Qt.MouseButton.NoButton,
                            Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
        QApplication.sendEvent(combo, wheel)
        assert combo.currentIndex() == before
        assert panel.register.list_papers()[0].status == "new"


def test_undo_and_redo_are_in_the_edit_menu(qtbot, tmp_path):
    with review_window(qtbot, tmp_path) as (window, panel):
        edit = [a.objectName() for a in window.menus["Edit"].actions()]
        assert edit[:2] == ["edit.undo", "edit.redo"]
        keys = [k.toString() for k in window.actions_by_id["edit.redo"].shortcuts()]
        assert keys == ["Ctrl+Shift+Z", "Ctrl+Y"]
        panel.set_status("checked")
        assert window.actions_by_id["edit.undo"].text() == "&Undo Set status to checked (PCD 977)"


def test_the_panel_follows_the_browser_to_another_register(qtbot, tmp_path):
    other = tmp_path / "other" / "register.sqlite"
    with Register(other) as reg:
        import_paths(reg, [PCD977])
        reg.set_field(reg.list_papers()[0].id, "report_by", "In the other register")
    with review_window(qtbot, tmp_path) as (window, panel):
        first = panel.register
        browser = window.register_browser
        assert browser.open_register(other)
        qtbot.waitUntil(lambda: panel.paper_id is not None and panel.register is not first)
        assert panel.register.path == other.resolve()
        qtbot.waitUntil(lambda: _index(panel, ("field", "report_by"), 1).data()
                        == "In the other register")


# A popup on the offscreen platform warns that it cannot raise itself or grab the keyboard.
@pytest.mark.qt_log_ignore("does not support")
def test_shift_f10_opens_the_list_menu(qtbot, tmp_path):
    from PySide6.QtWidgets import QMenu

    with review_window(qtbot, tmp_path) as (window, panel):
        panel.show_section(2)
        qtbot.keyClick(panel.costs_view, Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier)
        menu = panel.costs_view.findChild(QMenu)
        assert menu is not None
        texts = [a.text() for a in menu.actions()]
        assert "&Delete\tDel" in texts and "Set &Kind\tEnter" in texts
        menu.close()


def test_a_date_is_edited_with_a_date_editor_that_can_clear_it(qtbot, tmp_path):
    from PySide6.QtCore import QDate
    from PySide6.QtWidgets import QAbstractItemDelegate, QDateEdit

    with review_window(qtbot, tmp_path) as (window, panel):
        reg, pid = panel.register, panel.paper_id
        view = panel.fields_view
        index = _index(panel, ("field", "meeting_date"), 1)
        view.setCurrentIndex(index)
        view.edit(index)
        editor = view.indexWidget(index) or view.findChild(QDateEdit)
        assert isinstance(editor, QDateEdit) and editor.date() == QDate(2021, 4, 9)
        editor.setDate(QDate(2021, 5, 6))
        view.commitData(editor)
        view.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
        assert reg.get_paper(pid).fields["meeting_date"].value == "2021-05-06"
        qtbot.waitUntil(lambda: view.findChild(QDateEdit) is None)

        view.edit(_index(panel, ("field", "meeting_date"), 1))
        editor = view.findChild(QDateEdit)
        editor.setDate(editor.minimumDate())          # shown as "not set"
        assert editor.text() == "not set"
        view.commitData(editor)
        view.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
        assert reg.get_paper(pid).fields["meeting_date"].value is None


def test_a_file_without_text_says_no_paper_and_is_not_imported(qtbot, tmp_path):
    pikepdf = pytest.importorskip("pikepdf")
    scan = tmp_path / "scan.pdf"
    with pikepdf.new() as pdf:
        pdf.add_blank_page()
        pdf.save(scan)
    with review_window(qtbot, tmp_path, papers=(), open_paper=None) as (window, panel):
        assert window.open_path(scan)
        qtbot.waitUntil(lambda: "no text layer" in panel.state_label.text())
        assert panel.paper_id is None and panel.title_label.text() == "No paper"
        assert window.register_browser.model.rowCount() == 0


def test_arrowing_through_statuses_is_one_undo_step(qtbot, tmp_path):
    with review_window(qtbot, tmp_path) as (window, panel):
        reg, pid = panel.register, panel.paper_id
        for status in ("in review", "checked", "ready for pack"):
            panel.set_status(status)
        assert reg.list_papers(paper_ids=[pid])[0].status == "ready for pack"
        assert panel.undo_stack.count() == 1
        panel.undo_stack.undo()
        assert reg.list_papers(paper_ids=[pid])[0].status == "new"
        panel.undo_stack.redo()
        assert reg.list_papers(paper_ids=[pid])[0].status == "ready for pack"


def test_the_paper_picker_counts_a_packs_agenda_cover_as_the_packs(qtbot, tmp_path):
    from tests.helpers.paper_pdf import DecisionSpec, Flow, ReportSpec, write_agenda, \
        write_decision, write_report

    flow = Flow()
    write_agenda(flow, ["Custody Estate Renewal 2024/25", "Body Worn Video"])
    write_decision(flow, DecisionSpec(reference="PCD 1577"))
    write_report(flow, ReportSpec())
    write_decision(flow, DecisionSpec(reference="PCD 1600", title="Body Worn Video"))
    write_report(flow, ReportSpec(title="Body Worn Video"))
    pack = flow.save(tmp_path / "pack.pdf")
    with review_window(qtbot, tmp_path, papers=(pack,), open_paper=pack) as (window, panel):
        qtbot.waitUntil(lambda: panel.paper_combo.count() == 2)
        assert panel.paper_combo.itemText(0) == "PCD 1577 (from page 2)"
