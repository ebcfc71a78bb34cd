"""What a first real use of the review panel tripped over (issue #16), on real registers and
real PDFs: keys that wrote without asking, a corrected field still shown at its old place,
columns that shrank, recommendations that could not be told apart, tag colours never shown,
a check's twin left open."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit

from mopac_desk.review import tags as T
from tests.helpers.register_window import meeting_pack, review_window
from tests.ui.panels.money_paper import money_paper
from ui.panels.dismiss import DismissDialog
from ui.panels.models import CHIPS_ROLE, KEY_ROLE
from ui.settings_dialog import CLERK_KEY

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.fixture(autouse=True)
def own_vocabulary(tmp_path, monkeypatch):
    """Each test starts from the shipped vocabulary in its own config folder."""
    monkeypatch.setattr(T, "vocabulary_path", lambda: tmp_path / "config" / "tags.json")
    QSettings().remove(CLERK_KEY)
    yield
    QSettings().remove(CLERK_KEY)


def _focused():
    return QApplication.focusWidget()


def _row(view, key):
    model = view.model()
    return next(r for r in range(model.rowCount()) if model.index(r, 0).data(KEY_ROLE) == key)


def _shown(qtbot, window):
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitActive(window)


def test_typing_on_a_field_edits_it_as_a_spreadsheet_does(qtbot, tmp_path):
    with review_window(qtbot, tmp_path) as (window, panel):
        reg, pid = panel.register, panel.paper_id
        _shown(qtbot, window)
        panel.show_section(0)
        view = panel.fields_view
        view.setCurrentIndex(view.model().index(_row(view, ("field", "title")), 0))
        qtbot.waitUntil(lambda: _focused() is view)
        audit = len(reg.audit_for(pid))
        qtbot.keyClicks(view, "N")
        assert view.state() == QAbstractItemView.State.EditingState
        editor = _focused()
        assert isinstance(editor, QLineEdit) and editor.text() == "N"
        qtbot.keyClicks(editor, "ew title")
        qtbot.keyClick(editor, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: reg.get_paper(pid).fields["title"].value == "New title")
        assert [a["what"] for a in reg.audit_for(pid)[audit:]] == ["set title"]


def test_stray_keys_never_write_and_space_ticks_only_the_confirmed_column(qtbot, tmp_path):
    with review_window(qtbot, tmp_path) as (window, panel):
        reg, pid = panel.register, panel.paper_id
        _shown(qtbot, window)
        audit = len(reg.audit_for(pid))
        fields = panel.fields_view
        part2 = _row(fields, ("field", "part2_classification"))
        panel.show_section(0)
        fields.setCurrentIndex(fields.model().index(part2, 1))
        qtbot.keyClick(fields, Qt.Key.Key_Space)          # on the value: nothing
        qtbot.keyClick(fields, Qt.Key.Key_Escape)
        fields.setCurrentIndex(fields.model().index(part2, 0))
        qtbot.keyClick(fields, Qt.Key.Key_Space)          # on the label: nothing
        assert len(reg.audit_for(pid)) == audit
        for section, keys in ((2, "r2 x"), (1, "pa "), (3, "d x")):
            panel.show_section(section)
            view = panel.sections.views[section]
            view.setCurrentIndex(view.model().index(0, 0))
            before = view.currentIndex().data(KEY_ROLE)
            qtbot.keyClicks(view, keys)                   # no jump to a row, no editor
            assert view.currentIndex().data(KEY_ROLE) == before
            assert view.state() != QAbstractItemView.State.EditingState
        assert len(reg.audit_for(pid)) == audit
        panel.show_section(0)
        fields.setCurrentIndex(fields.model().index(part2, 2))
        was = reg.get_paper(pid).fields["part2_classification"].confirmed
        qtbot.keyClick(fields, Qt.Key.Key_Space)          # on the tick: ticks, once
        assert reg.get_paper(pid).fields["part2_classification"].confirmed is (not was)
        assert len(reg.audit_for(pid)) == audit + 1


def test_a_field_corrected_by_hand_has_no_place_until_captured(qtbot, tmp_path):
    with review_window(qtbot, tmp_path) as (window, panel):
        reg, pid = panel.register, panel.paper_id
        title = panel.detail.fields["title"]
        assert title.page and title.rects
        panel.edit_field("title", "End User Device Refresh 2021/22")
        panel.select_item("field", "title")
        panel.show_on_page()
        assert "corrected by hand" in panel.banner.text()
        assert "Set Field" in panel.banner.text() and panel.banner.isVisibleTo(panel)
        assert not [h for h in window.viewer.highlights("review")
                    if h.payload == ("field", "title")]
        assert panel.sections.models[0].index(_row(panel.fields_view, ("field", "title")),
                                               3).data() == ""
        panel.undo_stack.undo()                           # the extracted value and its place
        back = reg.get_paper(pid).fields["title"]
        assert (back.value, back.page, back.rects) == (
            title.value, title.page, title.rects)
        panel.show_on_page()
        assert [h for h in window.viewer.highlights("review") if h.payload == ("field", "title")]


def _fits(view, column: int) -> list[str]:
    """The cells of ``column`` whose text would not show whole."""
    fm, model = view.fontMetrics(), view.model()
    width = view.horizontalHeader().sectionSize(column)
    return [model.index(r, column).data() for r in range(model.rowCount())
            if fm.horizontalAdvance(model.index(r, column).data() or "") + 8 > width]


def test_switching_papers_of_a_pack_never_shrinks_the_costs_columns(qtbot, tmp_path):
    pack = meeting_pack(tmp_path)
    with review_window(qtbot, tmp_path, papers=(pack,), open_paper=pack) as (window, panel):
        window.resize(1024, 640)
        _shown(qtbot, window)
        panel.show_section(0)                             # Costs hidden while papers change
        first = panel.paper_id
        window.viewer.scroll_to(9)
        qtbot.waitUntil(lambda: panel.paper_id != first)
        window.viewer.scroll_to(0)
        qtbot.waitUntil(lambda: panel.paper_id == first)
        panel.show_section(2)
        costs = panel.costs_view
        assert costs.model().rowCount() > 5
        assert _fits(costs, 0) == [] and _fits(costs, 2) == []   # amounts, years whole
        assert not costs.wordWrap()
        assert costs.textElideMode() == Qt.TextElideMode.ElideNone
        panel.show_section(3)
        view = panel.checks_view
        checks = view.horizontalHeader()
        qtbot.waitUntil(lambda: sum(checks.sectionSize(c) for c in range(5))
                        >= view.viewport().width())
        # The Message column takes the room left; the others are no wider than they need.
        assert checks.sectionSize(2) > max(checks.sectionSize(c) for c in (0, 1, 3, 4))
        status = view.model().index(0, 4).data()
        assert checks.sectionSize(4) < view.fontMetrics().horizontalAdvance(status) + 60


def test_recommendations_say_their_part_and_page(qtbot, tmp_path):
    with review_window(qtbot, tmp_path) as (window, panel):
        model = panel.sections.models[1]
        headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in
                   range(model.columnCount())]
        assert headers[2:4] == ["Part", "Page"]
        shown = {(model.index(r, 2).data(), model.index(r, 3).data())
                 for r in range(model.rowCount())}
        assert ("Decision", "p. 1") in shown and ("Report", "p. 5") in shown


def test_tag_colours_are_shown_as_chips(qtbot, tmp_path):
    with review_window(qtbot, tmp_path) as (window, panel):
        _shown(qtbot, window)
        panel.show_section(2)
        view = panel.costs_view
        view.selectRow(0)
        tag = T.load_vocabulary().tags[0]
        qtbot.waitUntil(lambda: _focused() is view)
        qtbot.keyClick(view, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
        index = view.model().index(0, 3)
        assert index.data(CHIPS_ROLE) == [(tag.name, tag.colour)]
        view.clearSelection()
        view.setCurrentIndex(view.model().index(1, 0))
        image = view.viewport().grab(view.visualRect(index)).toImage()
        wanted = T.load_vocabulary().tags[0].colour.lower()
        painted = sum(1 for x in range(image.width()) for y in range(image.height())
                      if image.pixelColor(x, y).name() == wanted)
        assert painted > 40


@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_dismissing_a_check_offers_its_twins_and_says_how_many(qtbot, tmp_path):
    paper = money_paper(tmp_path)
    with review_window(qtbot, tmp_path, papers=(paper,), open_paper=paper) as (window, panel):
        reg, pid = panel.register, panel.paper_id
        _shown(qtbot, window)
        twins = [f for f in panel.detail.findings if f.code == "amount_mismatch"]
        assert len(twins) == 2 and len({f.page for f in twins}) == 2
        panel.select_item("finding", twins[0].id)
        panel.show_section(3)
        qtbot.keyClick(panel.checks_view, Qt.Key.Key_Return)
        dialog = panel.findChild(DismissDialog, "dismissDialog")
        assert dialog.twins_box.isVisibleTo(dialog) and dialog.twins_box.isChecked()
        assert f"1 more time on an other page (p. {twins[1].page})" in \
            dialog.twins_box.text()
        dialog.reason.setText("Finance confirmed £3.2m")
        dialog.accept()
        findings = {f.id: f for f in reg.get_paper(pid).findings}
        assert all(findings[f.id].dismissed for f in twins)
        assert all(findings[f.id].reason == "Finance confirmed £3.2m" for f in twins)
        assert panel.undo_stack.undoText().startswith("Dismiss 2 checks")
        panel.undo_stack.undo()                           # one step: both open again
        assert not any(f.dismissed for f in reg.get_paper(pid).findings)
        # Unticked, only the check chosen is dismissed.
        panel.select_item("finding", twins[0].id)
        panel.dismiss_selected_finding()
        dialog = panel.findChild(DismissDialog, "dismissDialog")
        dialog.twins_box.setChecked(False)
        dialog.reason.setText("Agreed")
        dialog.accept()
        findings = {f.id: f for f in reg.get_paper(pid).findings}
        assert findings[twins[0].id].dismissed and not findings[twins[1].id].dismissed
