"""The register browser's search: the table filtered to the matching papers, best first,
with snippets in bold; hits on meeting packs' covers listed apart; opening a hit.

A part of :class:`ui.register.browser.RegisterBrowser` (mixed into it).
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidgetItem

from mopac_desk.register.search import SearchHit

from ..viewer.find_bar import FindBar
from .model import FOUND_COLUMN, HTML_ROLE, marked_html
from .worker import SearchResult

_HIT_ROLE = Qt.ItemDataRole.UserRole
_TITLE_COLUMN = 1


class SearchMixin:
    """Search of the browser (needs its ``search_box``, ``search_label``, ``results``,
    ``table``, ``model``, ``_searcher``, ``_register`` and ``refresh``)."""

    _title_width = 0  # the Title column's width before a search narrowed it

    def run_search(self) -> None:
        """Search now for the text in the search box: the table then lists the matching
        papers, best first, each with its best snippet (the search runs off the GUI
        thread; ``search_finished`` says when the table shows it). An empty box shows
        every paper again."""
        self._search_timer.stop()
        text = self.search_box.text().strip()
        if text == self._search_text and (text or not self.model.searching):
            if not text or self._searcher.running:
                return
        self._search_text = text
        if not text or self._register is None:
            self._searcher.cancel()
            self.results.clear()
            self.results.setVisible(False)
            self.search_label.setVisible(False)
            self.refresh()
            return
        self._start_search(text)

    @property
    def searching(self) -> bool:
        """A search has been asked for and the table does not show its result yet."""
        return self._searcher.running

    def _start_search(self, text: str) -> None:
        self.search_label.setText(f"Searching for “{text}”…")
        self.search_label.setVisible(True)
        self._searcher.start(text, self.status_filter.currentData(),
                             self.meeting_filter.currentData())

    def _search_done(self, result: SearchResult) -> None:
        register = self._register
        if register is None:
            return
        if result.query is None:  # the table's listing, read off the GUI thread
            if self._search_text:
                return  # a search was asked for since
            if result.error:
                self.show_message("error", result.error)
                return
            self._show_listing(result.matches.paper_ids, result.first_rows,
                               set(self.selected_paper_ids()))
            return
        if result.query != self._search_text:
            return
        if result.error:
            self.show_message("error", result.error)
            return
        keep = set(self.selected_paper_ids())
        m, query = result.matches, result.query
        self.model.set_ids(m.paper_ids, lambda chunk: register.list_papers(paper_ids=chunk),
                           result.first_rows)
        self.model.set_hits(lambda ids: register.paper_hits(query, ids), result.hits)
        self._show_found(True)
        n = len(m.paper_ids)
        if n:
            text = f"{n:,} paper{'s' if n != 1 else ''} match “{query}”, best first"
        else:
            text = f"No paper matches “{query}”."
        if m.covers:
            text += f"; {len(m.covers)} meeting pack agenda{'s' if len(m.covers) != 1 else ''}"
        self.search_label.setText(text)
        self.search_label.setVisible(True)
        self.results.clear()
        for hit in result.covers:
            item = QListWidgetItem(f"{hit.label}: " + "".join(t for t, _ in hit.parts))
            item.setData(HTML_ROLE, f"<b>{escape(hit.label)}</b>: " + marked_html(hit))
            item.setData(_HIT_ROLE, hit)
            self.results.addItem(item)
        self.results.setVisible(bool(result.covers))
        self._reselect(keep)
        self.search_finished.emit(n)

    def _show_found(self, searching: bool) -> None:
        was = not self.table.isColumnHidden(FOUND_COLUMN)
        self.table.setColumnHidden(FOUND_COLUMN, not searching)
        header = self.table.horizontalHeader()
        if searching and not was:
            # The snippet is what a search is read by: the title gives it room meanwhile.
            self._title_width = header.sectionSize(_TITLE_COLUMN)
            header.resizeSection(_TITLE_COLUMN, self._title_width * 3 // 5)
            header.resizeSection(FOUND_COLUMN, max(header.sectionSize(FOUND_COLUMN),
                                                   self.table.viewport().width()
                                                   - header.sectionSize(0)
                                                   - header.sectionSize(_TITLE_COLUMN)))
        elif was and not searching:
            header.resizeSection(_TITLE_COLUMN, self._title_width
                                 or header.sectionSize(_TITLE_COLUMN))
        if not searching:
            self.search_label.setVisible(False)
            self.results.setVisible(False)

    def _open_hit(self, item: QListWidgetItem) -> None:
        hit = item.data(_HIT_ROLE)
        if isinstance(hit, SearchHit):
            self._emit_hit(hit)

    def _emit_hit(self, hit: SearchHit) -> None:
        """Open the paper at the hit's page; the window marks the words found there."""
        page = max((hit.page or 1) - 1, 0)
        if hit.page is None:  # a field or recommendation without a page: its first page
            page = max(self.model.paper_at(self.model.row_of(hit.paper_id)).first_page - 1, 0) \
                if self.model.row_of(hit.paper_id) >= 0 else 0
        words = hit.words
        self.open_paper_requested.emit(hit.paper_id, str(hit.stored_path), page)
        self.open_hit_requested.emit(hit.paper_id, str(hit.stored_path), page,
                                     words[0] if words else "")



def mark_words(find_bar: FindBar, words: str) -> None:
    """Show the viewer's find marks on ``words`` (a register hit's, its paper just opened
    at the hit's page): the find bar starts from the hit at or after that page."""
    if words:
        find_bar.show()
        find_bar.search(words)
