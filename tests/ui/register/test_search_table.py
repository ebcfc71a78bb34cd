"""Register search in the table and the lazy table model, on real register files: typing
filters the papers (with a count), snippets carry the words in bold, a pack's agenda cover
is credited to the pack, opening a hit marks the words on the page; 300 papers cost one
screen of reads; the window never stops answering while searching or importing."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import Qt

from mopac_desk.extract.model import FieldValue, Paper, Part
from mopac_desk.register import Register
from tests.conftest import PAPERS
from tests.helpers.event_loop import responsive
from tests.unit.register.conftest import make_extraction, make_paper
from ui.register import RegisterBrowser
from ui.register.model import CHUNK, FOUND_COLUMN, HIT_ROLE, HTML_ROLE
from ui.workspace import Workspace


def _pack_paper(ref: str, first: int, last: int, cover: bool) -> Paper:
    paper = make_paper(ref, first=first, last=last, title=f"Mobile contract {ref}")
    paper.parts = ([Part("cover", 1, first - 1)] if cover else []) + [Part("decision", first, last)]
    if cover:  # the pack's first paper: its pages start with the agenda cover
        paper.first_page = 1
        paper.fields["reference"] = FieldValue(ref, first, ref, [])
    return paper


@pytest.fixture
def pack_register(tmp_path):
    """A meeting pack (agenda cover on page 1, PCD 1577 on pages 2-3, PCD 1578 on page 4)
    and one paper of its own that never says Vodafone."""
    reg = Register(tmp_path / "register.sqlite", user="tester")
    papers = [_pack_paper("PCD 1577", 2, 3, cover=True), _pack_paper("PCD 1578", 4, 4, False)]
    reg.add_extraction(make_extraction("pack.pdf", "b" * 64, papers, pages=4), "store/pack.pdf",
                       ["Agenda. Item 4: the Vodafone mobile contract (PCD 1577)",
                        "PCD 1577 awards the mobile contract to Vodafone Ltd.",
                        "Vodafone will supply 4,000 handsets. Vodafone support is included.",
                        "PCD 1578 Estates refresh"])
    reg.add_extraction(make_extraction("pcd-977.pdf", "c" * 64, [make_paper("PCD 977")]),
                       "store/pcd-977.pdf", ["cover", "the end user devices"])
    yield reg
    reg.close()


@pytest.fixture
def browser(qtbot, pack_register):
    workspace = Workspace()
    workspace.set_register(pack_register)
    w = RegisterBrowser(workspace)
    qtbot.addWidget(w)
    yield w
    w.shutdown()
    workspace.close()


def test_typing_a_word_filters_the_table_with_a_count_and_bold_snippets(qtbot, browser):
    assert browser.model.rowCount() == 3
    with responsive(), qtbot.waitSignal(browser.search_finished, timeout=10_000) as found:
        for n in range(1, len("vodafone") + 1):  # as typed, a letter at a time
            browser.search_box.setText("vodafone"[:n])
    assert found.args == [1]
    assert [browser.model.index(r, 0).data() for r in range(browser.model.rowCount())] == [
        "PCD 1577"]
    label = browser.search_label.text()
    assert "1 paper match “vodafone”" in label and "1 meeting pack agenda" in label
    # two of the paper's pages say it (the cover is the pack's); the first is shown
    assert browser.model.index(0, FOUND_COLUMN).data().startswith("2 places, p. 2: ")
    html = browser.model.index(0, FOUND_COLUMN).data(HTML_ROLE)
    assert "<b>Vodafone</b>" in html and "[" not in html
    assert not browser.table.isColumnHidden(FOUND_COLUMN)
    assert "[" not in browser.model.index(0, FOUND_COLUMN).data()


def test_an_agenda_cover_is_credited_to_the_pack_not_its_first_paper(qtbot, browser,
                                                                    pack_register):
    with qtbot.waitSignal(browser.search_finished, timeout=10_000):
        browser.search_box.setText("agenda")
    assert browser.model.rowCount() == 0  # no paper says "agenda": only the pack's cover
    assert browser.results.count() == 1 and not browser.results.isHidden()
    item = browser.results.item(0)
    assert item.text().startswith("Agenda (pack.pdf p. 1): ")
    assert "<b>Agenda</b>" in item.data(HTML_ROLE)
    hit = pack_register.search("agenda")[0]  # the command line's search says the same
    assert hit.cover and hit.label == "Agenda (pack.pdf p. 1)"
    with qtbot.waitSignal(browser.open_hit_requested) as opened:
        browser.results.itemActivated.emit(item)
    assert opened.args[2:] == [0, "Agenda"]


def test_opening_a_hit_opens_the_paper_at_the_hit_with_the_words(qtbot, browser):
    with qtbot.waitSignal(browser.search_finished, timeout=10_000):
        browser.search_box.setText("handsets")
    hit = browser.model.index(0, FOUND_COLUMN).data(HIT_ROLE)
    assert hit.reference == "PCD 1577" and hit.page == 3
    with qtbot.waitSignal(browser.open_hit_requested) as opened:
        browser.table.activated.emit(browser.model.index(0, 1))
    paper_id, path, page, words = opened.args
    assert path.endswith("store/pack.pdf") and page == 2 and words == "handsets"


def test_sorting_is_done_by_the_register_and_a_search_keeps_its_rank(qtbot, browser,
                                                                     pack_register):
    browser.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert [browser.model.index(r, 0).data() for r in range(3)] == [
        "PCD 977", "PCD 1578", "PCD 1577"]  # text order, as the register sorts it
    with qtbot.waitSignal(browser.search_finished, timeout=10_000):
        browser.search_box.setText("mobile OR devices")
    assert browser.model.rowCount() == 3


def test_messages_above_the_table_go_away_by_themselves(qtbot, browser, monkeypatch):
    import ui.register.browser as browser_module

    monkeypatch.setattr(browser_module, "INFO_MESSAGE_MS", 50)
    browser.show_message("info", "1 file(s) handled, 0 failed.")
    assert browser.banner.isVisibleTo(browser)
    qtbot.waitUntil(lambda: not browser.banner.isVisibleTo(browser), timeout=2_000)


def test_300_papers_cost_one_screen_of_reads(qtbot, tmp_path):
    reg = Register(tmp_path / "big.sqlite", user="tester")
    for i in range(300):
        reg.add_extraction(make_extraction(f"p{i}.pdf", f"{i:064x}", [make_paper(
            f"PCD {1000 + i}", title=f"Paper {i}")]), f"store/{i}.pdf", ["cover", "text"])
    workspace = Workspace()
    workspace.set_register(reg)
    w = RegisterBrowser(workspace)
    qtbot.addWidget(w)
    calls = []
    real = reg.list_papers

    def counted(**kw):
        calls.append(len(kw.get("paper_ids") or []) or "all")
        return real(**kw)

    reg.list_papers = counted  # counts the real method's calls; every row still read by it
    try:
        w.refresh()
        assert w.model.rowCount() == 300 and calls == [CHUNK]
        assert w.model.index(0, 0).data() == "PCD 1000"
        assert calls == [CHUNK]  # the first screen was read with the ids
        assert w.model.index(299, 0).data() == "PCD 1299"
        assert calls == [CHUNK, 300 - 256]  # the last chunk, only when shown
        w.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)  # sorted by the register
        assert w.model.index(0, 1).data() == "Paper 99" and len(calls) == 3
    finally:
        reg.list_papers = real
        w.shutdown()
        workspace.close()
        reg.close()


def test_import_leaves_the_window_responsive(qtbot, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for p in PAPERS:
        shutil.copy(p, folder / p.name)
    reg = Register(tmp_path / "reg.sqlite")
    workspace = Workspace()
    w = RegisterBrowser(workspace)
    qtbot.addWidget(w)
    workspace.set_register(reg)
    try:
        with responsive(), qtbot.waitSignal(w.import_finished, timeout=120_000):
            w.start_import([folder])
        assert w.model.rowCount() >= len(PAPERS)
    finally:
        w.shutdown()
        workspace.close()
        reg.close()
