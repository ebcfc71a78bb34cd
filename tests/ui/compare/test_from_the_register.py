"""Compare mode from the register: a paper beside its previous version, and the review panel
following the side the reader is in. Real generated PDFs in a real register file."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog

from tests.helpers.paper_pdf import (
    DecisionSpec,
    Flow,
    ReportSpec,
    Style,
    write_decision,
    write_report,
)
from tests.helpers.register_window import IAM_REPORT, PCD977, window_with_register

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def _paper(path: Path, rep: ReportSpec) -> Path:
    flow = Flow(Style())
    write_decision(flow, DecisionSpec(reference="PCD 1577"))
    write_report(flow, rep)
    return flow.save(path)


def test_compare_with_previous_version_from_the_register(qtbot, tmp_path, monkeypatch):
    rep = ReportSpec()
    changed = rep.recommendations[:]
    changed[0] = changed[0].replace("£2.025 million", "£2.4 million")
    v1 = _paper(tmp_path / "v1.pdf", rep)
    v2 = _paper(tmp_path / "v2.pdf", replace(rep, recommendations=changed))
    with window_with_register(qtbot, tmp_path / "register.sqlite", [v1]) as (window, browser):
        window.messenger.interactive = False
        register = window.workspace.register
        from mopac_desk.register.importer import import_paths
        [outcome] = import_paths(register, [v2])
        assert outcome.papers[0].role == "version"
        pid = outcome.papers[0].id
        docs = register.documents(pid)
        with qtbot.waitSignal(window.compare.compared, timeout=30_000) as blocker:
            browser.compare_requested.emit(pid, True)  # the context menu's entry
        view = window.compare.view
        current = next(d for d in docs if d.current)
        earlier = next(d for d in docs if not d.current)
        assert view.new_view.document().path == current.stored_path
        assert view.old_view.document().path == earlier.stored_path
        rows = [r for _t, rs in view.changes.entries() for r in rs]
        assert any("£2.025 million" in r and "£2.4 million" in r for r in rows)
        assert blocker.args[0].amounts
        # The sides are called by the names the files were imported under, not by the stored
        # copies' hashes; the export is offered outside the register's store.
        assert view.panes["old"].title.text() == "Earlier: v1.pdf"
        assert view.panes["new"].title.text() == "Later: v2.pdf"
        assert view.changes.heading.text().startswith("v1.pdf (4 p.) → v2.pdf (4 p.)")
        assert current.sha256 not in view.changes.heading.text()
        offered = []
        monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(
            lambda _parent, _title, start, _filters: (offered.append(start), ("", ""))[1]))
        window.actions_by_id["compare.export"].trigger()
        assert offered and Path(offered[0]).name == "v2 changes.xlsx"
        assert not Path(offered[0]).is_relative_to(register.root)
        window.compare.close()


def test_a_paper_without_versions_says_so(qtbot, tmp_path):
    with window_with_register(qtbot, tmp_path / "register.sqlite", [PCD977]) as (window, browser):
        window.messenger.interactive = False
        pid = window.workspace.register.list_papers()[0].id
        with qtbot.waitSignal(window.messenger.shown) as blocker:
            browser.compare_requested.emit(pid, True)
        assert "no earlier version" in blocker.args[2]
        assert not window.compare.active


def test_the_review_panel_follows_the_focused_side(qtbot, tmp_path):
    with window_with_register(qtbot, tmp_path / "register.sqlite",
                              [PCD977, IAM_REPORT]) as (window, _browser):
        window.messenger.interactive = False
        register = window.workspace.register
        ids = {p.file_name: p.id for p in register.list_papers()}
        panel = window.review_panel
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        assert window.open_path(PCD977)
        qtbot.waitUntil(lambda: panel.paper_id == ids[PCD977.name], timeout=10_000)
        with qtbot.waitSignal(window.compare.compared, timeout=30_000):
            assert window.compare.compare_with(IAM_REPORT)
        view = window.compare.view
        view.old_view.setFocus()
        qtbot.waitUntil(lambda: panel.paper_id == ids[IAM_REPORT.name], timeout=10_000)
        view.new_view.setFocus()
        qtbot.waitUntil(lambda: panel.paper_id == ids[PCD977.name], timeout=10_000)
        view.old_view.setFocus()
        qtbot.waitUntil(lambda: panel.paper_id == ids[IAM_REPORT.name], timeout=10_000)
        window.compare.close()  # back to the window's own paper
        qtbot.waitUntil(lambda: panel.paper_id == ids[PCD977.name], timeout=10_000)


def test_a_paper_opened_from_the_register_is_compared_under_its_own_name(qtbot, tmp_path):
    v1 = _paper(tmp_path / "v1.pdf", ReportSpec())
    v2 = _paper(tmp_path / "custody-v2.pdf", replace(ReportSpec(), meeting="9th April 2024"))
    with window_with_register(qtbot, tmp_path / "register.sqlite", [v2]) as (window, browser):
        window.messenger.interactive = False
        paper = window.workspace.register.list_papers()[0]
        browser.open_paper_requested.emit(paper.id, str(paper.stored_path), 0)
        qtbot.waitUntil(lambda: window.document is not None)
        assert window.document.path == paper.stored_path  # the store's copy, named by hash
        with qtbot.waitSignal(window.compare.compared, timeout=30_000) as blocker:
            assert window.compare.compare_with(v1)
        view = window.compare.view
        assert view.panes["new"].title.text() == "Later: custody-v2.pdf"
        assert blocker.args[0].new.name == "custody-v2.pdf"
        window.compare.close()


def _context_menu(qtbot, browser, row: int):
    """The register table's context menu on ``row``, as a right-click opens it."""
    from PySide6.QtWidgets import QMenu

    table = browser.table
    table.selectRow(row)
    before = set(browser.findChildren(QMenu))

    def opened() -> list[QMenu]:
        return [m for m in set(browser.findChildren(QMenu)) - before
                if any(a.text() == "Compare with…" for a in m.actions())]

    table.customContextMenuRequested.emit(table.visualRect(table.model().index(row, 0)).center())
    qtbot.waitUntil(lambda: bool(opened()))
    [menu] = opened()
    return menu, {a.text(): a for a in menu.actions()}


def test_the_registers_context_menu_compares_a_paper_with_a_chosen_file(qtbot, tmp_path,
                                                                        monkeypatch):
    rep = ReportSpec()
    v1 = _paper(tmp_path / "seen-by-iam.pdf", rep)
    v2 = _paper(tmp_path / "revised.pdf", replace(rep, meeting="9th April 2024"))
    with window_with_register(qtbot, tmp_path / "register.sqlite", [v2]) as (window, browser):
        window.messenger.interactive = False
        window.show()
        qtbot.waitExposed(window)
        menu, entries = _context_menu(qtbot, browser, 0)
        # One version only: "previous version" is there but off.
        assert entries["Compare with…"].isEnabled()
        assert not entries["Compare with previous version"].isEnabled()
        monkeypatch.setattr(QFileDialog, "getOpenFileName",
                            staticmethod(lambda *a, **k: (str(v1), "")))
        with qtbot.waitSignal(window.compare.compared, timeout=30_000) as blocker:
            entries["Compare with…"].trigger()
        menu.close()
        view = window.compare.view
        assert view.old_view.document().path == v1  # the chosen file left, as the earlier
        assert view.panes["new"].title.text() == "Later: revised.pdf"
        assert [c.kind for c in blocker.args[0].changes] == ["replace"]
        window.compare.close()
        # With a second version imported the entry is on.
        from mopac_desk.register.importer import import_paths
        import_paths(window.workspace.register, [v1])
        _menu, entries = _context_menu(qtbot, browser, 0)
        assert entries["Compare with previous version"].isEnabled()
        _menu.close()
