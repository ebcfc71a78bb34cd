"""The money summary at the top of the Costs section, on a real register and a generated paper
whose capital conflicts, whose revenue is per annum over four years and whose contract
includes headroom: what it says, its figures shown on the page, and a clerk's pick."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from mopac_desk.money import format_pence
from tests.helpers.register_window import review_window
from tests.ui.panels.money_paper import (
    CAPITAL, CAPITAL_ELSEWHERE, CONTRACT, HEADROOM, REVENUE_A_YEAR, REVENUE_YEARS, money_paper,
)


def _paper_window(qtbot, tmp_path):
    paper = money_paper(tmp_path)
    return review_window(qtbot, tmp_path, papers=(paper,), open_paper=paper)


def test_the_costs_section_opens_with_what_the_paper_asks(qtbot, tmp_path):
    with _paper_window(qtbot, tmp_path) as (window, panel):
        panel.show_section(2)
        text = panel.money.text()
        assert panel.money.isVisibleTo(panel)
        assert (f"Capital: conflict — {format_pence(CAPITAL)} stands (recommendation, "
                in text)
        assert f"also {format_pence(CAPITAL_ELSEWHERE)} (report, p. 3)" in text
        whole = REVENUE_A_YEAR * REVENUE_YEARS
        assert (f"Revenue: {format_pence(REVENUE_A_YEAR)} a year for {REVENUE_YEARS} years = "
                f"{format_pence(whole)}") in text
        assert (f"Contracts: {format_pence(CONTRACT)} (recommendation, p. 3), headroom of "
                f"{format_pence(HEADROOM)} included (never added to spend)") in text
        # The old totals line ("Contract £0", every kind added up) is gone.
        assert "Totals" not in text and "£0" not in text


def test_a_figure_shows_every_place_the_paper_states_it(qtbot, tmp_path):
    with _paper_window(qtbot, tmp_path) as (window, panel):
        panel.show_section(0)
        money = panel.detail.money
        index = next(i for i, f in enumerate(money.sources["capital"]) if not f.stands)
        figure = money.sources["capital"][index]
        assert len(figure.places) == 3
        window.viewer.scroll_to(0)
        qtbot.mouseClick(panel.money.buttons[("capital", index)], Qt.MouseButton.LeftButton)
        assert panel.tabs.currentIndex() == 2
        strong = [h for h in window.viewer.highlights("review")
                  if h.payload == ("figure", ("capital", index))]
        assert sorted((h.page, list(h.rects[0])) for h in strong) == sorted(
            (p.page - 1, list(p.rects[0])) for p in figure.places)
        assert window.viewer.current_page() == figure.places[0].page - 1
        assert panel.money.selected() == ("capital", index)
        # Selecting a cost row takes the page back to that cost.
        cost = panel.detail.costs[0]
        panel.select_item("cost", cost.id)
        assert panel.money.selected() is None
        assert not [h for h in window.viewer.highlights("review")
                    if h.payload[0] == "figure"]


def test_the_clerk_picks_the_right_figure_of_a_conflict_and_undo_puts_it_back(
        qtbot, tmp_path):
    with _paper_window(qtbot, tmp_path) as (window, panel):
        reg, pid = panel.register, panel.paper_id
        panel.show_section(2)
        menu = panel.money.choose_buttons["capital"].menu()
        pick = next(a for a in menu.actions() if a.text().startswith(
            format_pence(CAPITAL_ELSEWHERE)))
        pick.trigger()
        assert reg.get_paper(pid).money.capital_pence == CAPITAL_ELSEWHERE
        assert reg.audit_for(pid)[-1]["what"] == "chose the capital figure"
        assert (f"Capital: settled by the clerk — {format_pence(CAPITAL_ELSEWHERE)} chosen"
                in panel.money.text())
        assert "Choose the capital figure" in window.workspace.undo_stack.undoText()
        window.workspace.undo_stack.undo()
        assert reg.get_paper(pid).money.capital_pence == CAPITAL
        assert f"conflict — {format_pence(CAPITAL)} stands" in panel.money.text()
        window.workspace.undo_stack.redo()
        assert reg.get_paper(pid).money.capital_pence == CAPITAL_ELSEWHERE
        # Back to the rule: the recommendation's figure stands again.
        rule = panel.money.choose_buttons["capital"].menu().actions()[-1]
        assert rule.isEnabled()
        rule.trigger()
        assert reg.get_paper(pid).money.capital_pence == CAPITAL


def test_items_a_new_version_changed_are_marked(qtbot, tmp_path):
    with _paper_window(qtbot, tmp_path) as (window, panel):
        reg, _pid = panel.register, panel.paper_id
        cost = panel.detail.costs[1]
        rec = panel.detail.recommendations[0]
        # As the register marks them when a new version rewords them.
        with reg.conn:
            reg.conn.execute("UPDATE costs SET needs_review = 1 WHERE id = ?", (cost.id,))
            reg.conn.execute("UPDATE recommendations SET needs_review = 1 WHERE id = ?",
                             (rec.id,))
        panel.refresh()
        costs, recs = panel.sections.models[2], panel.sections.models[1]
        amount = costs.index_of(("cost", cost.id), 0)
        assert amount.data(Qt.ItemDataRole.DecorationRole) is not None
        assert "changed" in amount.data(Qt.ItemDataRole.AccessibleTextRole)
        assert "Changed in the new version" in amount.data(Qt.ItemDataRole.ToolTipRole)
        other = costs.index_of(("cost", panel.detail.costs[0].id), 0)
        assert other.data(Qt.ItemDataRole.DecorationRole) is None
        number = recs.index_of(("recommendation", rec.id), 0)
        assert number.data(Qt.ItemDataRole.DecorationRole) is not None
        assert "2 items changed in the new version" in panel.money.text()


def test_a_paper_without_money_says_so(qtbot, tmp_path):
    from tests.helpers.paper_pdf import Flow, ReportSpec, write_report

    flow = Flow()
    write_report(flow, ReportSpec(title="Custody Visiting Scheme Annual Report",
                                  recommendations=["Note the annual report of the scheme."],
                                  financial="There are no financial implications."))
    paper = flow.save(tmp_path / "no-money.pdf")
    with review_window(qtbot, tmp_path, papers=(paper,), open_paper=paper) as (window, panel):
        assert "asks for no capital or revenue" in panel.money.text()


@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_the_figures_are_reached_with_tab_and_shown_with_space(qtbot, tmp_path):
    from PySide6.QtWidgets import QApplication

    with _paper_window(qtbot, tmp_path) as (window, panel):
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitActive(window)
        panel.show_section(2)
        first = panel.money.focus_chain()[0]
        panel.sections.tabBar().setFocus()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is panel.sections.tabBar())
        qtbot.keyClick(panel.sections.tabBar(), Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is first
        qtbot.keyClick(first, Qt.Key.Key_Space)
        kind, index = next(k for k, b in panel.money.buttons.items() if b is first)
        assert panel.money.selected() == (kind, index)
        assert [h for h in window.viewer.highlights("review")
                if h.payload == ("figure", (kind, index))]
