"""The register browser on a real register file: model, sorting, filters, search, import,
meetings and agenda drag-and-drop."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import QModelIndex, Qt

from mopac_desk.register import Register
from tests.conftest import PAPERS
from tests.unit.register.conftest import make_extraction, make_paper
from ui.register import RegisterBrowser
from ui.register.model import FOUND_COLUMN, PAPER_ID_ROLE, PapersTableModel, format_pence
from ui.workspace import Workspace


@pytest.fixture
def filled(tmp_path):
    reg = Register(tmp_path / "register.sqlite", user="tester")
    for i, (ref, capital) in enumerate([("PCD 977", 1_470_000_000), ("PCD 12", 90_000),
                                        ("PCD 300", 5_000_000_00)]):
        paper = make_paper(ref, title=f"Paper {ref}")
        paper.costs[0].amount_pence = capital
        reg.add_extraction(make_extraction(sha=str(i) * 64, papers=[paper]), "store/x.pdf",
                           ["cover", f"the end user devices of {ref}"])
    yield reg
    reg.close()


@pytest.fixture
def browser(qtbot, filled):
    workspace = Workspace()
    workspace.set_register(filled)
    w = RegisterBrowser(workspace)
    qtbot.addWidget(w)
    yield w
    w.shutdown()
    workspace.close()


def test_model_passes_qt_model_tester(qtmodeltester, filled):
    model = PapersTableModel()
    model.set_rows(filled.list_papers())
    qtmodeltester.check(model)


def test_table_shows_papers_and_sorts_numbers_as_numbers(browser):
    assert browser.proxy.rowCount() == 3
    browser.table.sortByColumn(4, Qt.SortOrder.AscendingOrder)
    refs = [browser.proxy.index(r, 0).data() for r in range(3)]
    assert refs == ["PCD 12", "PCD 300", "PCD 977"]
    assert browser.proxy.index(2, 4).data() == "£14,700,000"
    assert format_pence(-1_234_56) == "-£1,234.56"


def test_status_and_meeting_filters(browser, filled):
    ids = [p.id for p in filled.list_papers()]
    filled.set_status(ids[0], "checked")
    browser.status_filter.setCurrentIndex(browser.status_filter.findData("checked"))
    assert browser.proxy.rowCount() == 1
    browser.status_filter.setCurrentIndex(0)
    mid = browser.create_meeting("2025-06-12", "IAM")
    filled.add_to_meeting(mid, ids[1:])
    browser.refresh()
    browser.meeting_filter.setCurrentIndex(browser.meeting_filter.findData(mid))
    assert browser.proxy.rowCount() == 2


def test_enter_opens_stored_pdf_at_first_page(qtbot, browser):
    browser.table.setCurrentIndex(browser.proxy.index(0, 1))
    with qtbot.waitSignal(browser.open_paper_requested) as blocker:
        qtbot.keyClick(browser.table, Qt.Key.Key_Return)
    paper_id, path, page = blocker.args
    assert path.endswith("store/x.pdf") and page == 0
    assert paper_id == browser.proxy.index(0, 1).data(PAPER_ID_ROLE)


def test_search_box_filters_the_table_with_snippets_and_pages(qtbot, browser):
    with qtbot.waitSignal(browser.search_finished) as found:
        browser.search_box.setText('"end user" 977')
    assert found.args == [1] and browser.model.rowCount() == 1
    assert browser.proxy.index(0, 0).data() == "PCD 977"
    hit = browser.model.hit_at(0)
    assert hit.page == 2 and hit.words == ["end user", "977"] and "[end user]" in hit.snippet
    assert not browser.table.isColumnHidden(FOUND_COLUMN)
    with qtbot.waitSignal(browser.open_paper_requested) as blocker:
        browser.table.activated.emit(browser.model.index(0, 1))
    assert blocker.args[2] == 1
    with qtbot.waitSignal(browser.search_finished) as found:
        browser.search_box.setText('"unbalanced (')
    assert found.args == [0] and "No paper matches" in browser.search_label.text()
    browser.search_box.setText("")  # every paper again, the snippets gone
    qtbot.waitUntil(lambda: browser.model.rowCount() == 3)
    assert browser.table.isColumnHidden(FOUND_COLUMN)


def test_add_selected_and_reorder_agenda_by_moving_rows(qtbot, browser, filled):
    mid = browser.create_meeting("2025-06-12", "IAM")
    browser.table.selectAll()
    browser.add_selected_to_meeting()
    before = browser.agenda_paper_ids()
    assert len(before) == 3
    # what a drag with InternalMove does to the list's model
    assert browser.agenda.model().moveRow(QModelIndex(), 0, QModelIndex(), 3)
    expected = before[1:] + before[:1]
    qtbot.waitUntil(lambda: [p.id for p in filled.agenda(mid)] == expected)
    assert browser.agenda_paper_ids() == expected


def test_import_runs_on_a_worker_thread_and_can_be_cancelled(qtbot, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for p in PAPERS:
        shutil.copy(p, folder / p.name)
    reg = Register(tmp_path / "reg.sqlite")
    workspace = Workspace()
    w = RegisterBrowser(workspace)
    qtbot.addWidget(w)
    workspace.set_register(reg)
    with qtbot.waitSignal(w.import_finished, timeout=60_000) as blocker:
        thread = w.start_import([folder])
        assert thread is not None and not w.import_files_button.isEnabled()
    assert [o.status for o in blocker.args[0]] == ["imported"] * len(PAPERS)
    assert w.proxy.rowCount() >= len(PAPERS)
    assert w.import_files_button.isEnabled()

    # again, cancelled at once: the thread stops before any file and nothing is duplicated
    with qtbot.waitSignal(w.import_finished, timeout=60_000) as blocker:
        thread = w.start_import([folder])
        thread.cancel()
    assert len(blocker.args[0]) <= len(PAPERS)
    assert all(o.status == "duplicate" for o in blocker.args[0])
    reg.close()


def test_unreadable_register_gets_a_plain_message(qtbot, tmp_path):
    bad = tmp_path / "broken.sqlite"
    bad.write_bytes(b"garbage" * 500)
    w = RegisterBrowser(Workspace())
    qtbot.addWidget(w)
    with qtbot.waitSignal(w.message_shown) as blocker:
        assert not w.open_register(bad)
    assert "not a mopac-desk register" in blocker.args[1]
    assert not w.import_files_button.isEnabled()


def test_the_docked_browser_opens_stored_copies(qtbot, tmp_path):
    from tests.helpers.register_window import window_with_register

    with window_with_register(qtbot, tmp_path / "r.sqlite", PAPERS[:1]) as (window, browser):
        browser.table.setCurrentIndex(browser.proxy.index(0, 0))
        qtbot.keyClick(browser.table, Qt.Key.Key_Return)
        assert window.document is not None
        assert window.document.path.parent.parent.name == "store"


def test_status_of_selected_papers_and_agenda_removal(qtbot, browser, filled):
    mid = browser.create_meeting("2025-06-12", "IAM")
    browser.table.selectAll()
    browser.add_selected_to_meeting()
    with qtbot.waitSignal(browser.papers_changed) as blocker:
        browser.set_status_of_selected("ready for pack")
    assert len(blocker.args[0]) == 3
    assert {p.status for p in filled.list_papers()} == {"ready for pack"}
    assert len(browser.selected_paper_ids()) == 3  # the selection survives the refresh
    first = browser.agenda_paper_ids()[0]
    browser.remove_from_agenda(first)
    assert first not in [p.id for p in filled.agenda(mid)]
    assert browser.agenda.count() == 2


def test_edits_made_elsewhere_show_up(qtbot, browser, filled):
    pid = filled.list_papers()[0].id
    filled.set_field(pid, "reference", "PCD 1001")  # e.g. from the review panel
    qtbot.waitUntil(lambda: "PCD 1001" in [browser.proxy.index(r, 0).data()
                                           for r in range(browser.proxy.rowCount())])
    filled.create_meeting("2025-09-01", "IAM September")
    qtbot.waitUntil(lambda: browser.agenda_meeting.findText("2025-09-01 IAM September") >= 0)


def test_a_large_registers_table_is_listed_off_the_gui_thread(qtbot, filled, monkeypatch):
    # From RegisterBrowser.list_aside_from papers (sorting 10,000 by a field takes SQLite
    # 12-20 ms) the listing is read on the search thread; here every register counts as
    # large, and the table must behave as when it is listed at once.
    from tests.helpers.event_loop import responsive

    monkeypatch.setattr(RegisterBrowser, "list_aside_from", 0)
    workspace = Workspace()
    workspace.set_register(filled)
    w = RegisterBrowser(workspace)
    qtbot.addWidget(w)
    try:
        with responsive():
            qtbot.waitUntil(lambda: w.proxy.rowCount() == 3 and not w.searching)
        refs = lambda: [w.proxy.index(r, 0).data() for r in range(w.proxy.rowCount())]  # noqa: E731
        assert refs() == ["PCD 12", "PCD 300", "PCD 977"]  # by reference, in SQL
        w.table.sortByColumn(4, Qt.SortOrder.DescendingOrder)  # capital, largest first
        qtbot.waitUntil(lambda: refs() == ["PCD 977", "PCD 300", "PCD 12"])
        ids = {p.reference: p.id for p in filled.list_papers()}
        filled.set_status(ids["PCD 977"], "checked")  # an edit elsewhere: listed again
        w.status_filter.setCurrentIndex(w.status_filter.findData("checked"))
        qtbot.waitUntil(lambda: refs() == ["PCD 977"])
        w.status_filter.setCurrentIndex(0)
        qtbot.waitUntil(lambda: w.proxy.rowCount() == 3)
        w.table.clearSelection()
        w.refresh()
        assert w.searching  # the listing is under way: the open paper waits for its row
        w.mark_open_paper(ids["PCD 300"])
        qtbot.waitUntil(lambda: not w.searching)
        assert w.selected_paper_ids() == [ids["PCD 300"]]
    finally:
        w.shutdown()
        workspace.close()
