"""Every view refreshes from the workspace's change stream, once per edit: one field edit in
the review panel reads the paper once and the register's list once.

The counts wrap the real Register instance's methods (the real reads still run)."""

from __future__ import annotations

from collections import Counter
from contextlib import contextmanager
from typing import Iterator

from tests.helpers.register_window import review_window


@contextmanager
def counted_reads(register) -> Iterator[Counter]:
    """Count ``get_paper`` and ``list_papers`` calls made by the views, and any list read
    made inside ``get_paper`` apart (it reads its own summary row directly: none)."""
    calls: Counter = Counter()
    real_get, real_list = register.get_paper, register.list_papers
    inside_get = [0]

    def get_paper(*args, **kwargs):
        calls["get_paper"] += 1
        inside_get[0] += 1
        try:
            return real_get(*args, **kwargs)
        finally:
            inside_get[0] -= 1

    def list_papers(*args, **kwargs):
        calls["list_papers" if not inside_get[0] else "list_papers_in_get_paper"] += 1
        return real_list(*args, **kwargs)

    register.get_paper, register.list_papers = get_paper, list_papers
    try:
        yield calls
    finally:
        del register.get_paper, register.list_papers


def _settle(qapp, panel, browser) -> None:
    # Anything queued or timed (a deferred refresh) must run before the counts are read.
    for _ in range(5):
        qapp.processEvents()
    assert not panel.refresh_pending()


def test_one_field_edit_reads_the_paper_once_and_the_list_once(qtbot, qapp, tmp_path):
    from ui.panels.models import KEY_ROLE

    with review_window(qtbot, tmp_path) as (window, panel):
        browser = window.register_browser
        fields = panel.sections.models[0]
        index = next(fields.index(r, 1) for r in range(fields.rowCount())
                     if fields.index(r, 0).data(KEY_ROLE) == ("field", "title"))
        with counted_reads(panel.register) as calls:
            assert fields.setData(index, "End User Device Refresh 2021/22")
            _settle(qapp, panel, browser)
        assert calls["get_paper"] == 1
        assert calls["list_papers"] <= 1
        assert calls["list_papers_in_get_paper"] == 0
        # Both views show the edit.
        assert panel.detail.fields["title"].value == "End User Device Refresh 2021/22"
        titles = [browser.proxy.index(r, 1).data() for r in range(browser.proxy.rowCount())]
        assert "End User Device Refresh 2021/22" in titles

        with counted_reads(panel.register) as calls:
            window.actions_by_id["edit.undo"].trigger()
            _settle(qapp, panel, browser)
        assert (calls["get_paper"], calls["list_papers"]) == (1, 1)
        assert panel.detail.fields["title"].value == "End User Device Refresh FY2122"


def test_one_edit_is_one_change_signal(qtbot, tmp_path):
    with review_window(qtbot, tmp_path) as (window, panel):
        heard: list[tuple[list, object]] = []
        panel.workspace.changed.connect(lambda changes, who: heard.append((changes, who)))
        costs = [c.id for c in panel.detail.costs][:2]
        panel.select_item("cost", costs[0])
        view = panel.costs_view
        for cid in costs[1:]:
            index = panel.sections.models[2].index_of(("cost", cid))
            view.selectionModel().select(index, view.selectionModel().SelectionFlag.Select
                                         | view.selectionModel().SelectionFlag.Rows)
        panel.delete_selected()
        assert len(heard) == 1
        assert {c.entity_id for c in heard[0][0] if c.entity == "cost"} >= set(costs)
        assert heard[0][1] is panel.undo_stack.command(panel.undo_stack.count() - 1)


def test_capturing_several_amounts_is_one_change_signal_each_way(qtbot, tmp_path):
    with review_window(qtbot, tmp_path) as (window, panel):
        viewer = window.viewer
        text = viewer.page_text(1).text
        start = text.index("valued at £189,330")
        end = text.index("£500,000 or above.\r\n4.4") + len("£500,000")
        viewer.select(1, start, end)
        heard: list[object] = []
        panel.workspace.changed.connect(lambda _changes, who: heard.append(who))
        window.capture.cost_action.trigger()
        assert len(heard) == 1 and panel.undo_stack.count() == 1
        panel.undo_stack.undo()
        assert len(heard) == 2 and heard[1] is heard[0]
