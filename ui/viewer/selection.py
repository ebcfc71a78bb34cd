"""Text selection in the page view: from an anchor character to a cursor character, which
may be on another page, over the pages' text layers (kept for the pages the reader touched).
"""

from __future__ import annotations

from collections import OrderedDict

from mopac_desk.pdf import PageText, PaperDocument, PaperError

from .text_pick import span_text

TEXT_CACHE_PAGES = 24


class PageTexts:
    """The text layers of the pages of one document, the most recently used kept."""

    def __init__(self) -> None:
        self._doc: PaperDocument | None = None
        self._texts: "OrderedDict[int, PageText]" = OrderedDict()
        self._read_elsewhere: dict[int, PageText] = {}  # OCR (issue #17), see set_read_elsewhere

    def set_document(self, doc: PaperDocument | None) -> None:
        """Read from ``doc`` from now on (forgetting the old document's pages)."""
        self._doc = doc
        self._texts.clear()
        self._read_elsewhere = {}

    # -- OCR (issue #17): a scan's pages read by OCR stand in for their empty text layer ------
    def set_read_elsewhere(self, texts: dict[int, PageText]) -> None:
        """Page texts read elsewhere (by OCR) for pages with no text layer of their own, by
        0-based page; they win over the document's empty layer."""
        self._read_elsewhere = dict(texts)

    def read_elsewhere(self) -> dict[int, PageText]:
        return dict(self._read_elsewhere)

    def get(self, index: int) -> PageText | None:
        """Page ``index``'s text layer (None: no document, or the page cannot be read)."""
        if self._doc is None:
            return None
        if index in self._read_elsewhere:
            return self._read_elsewhere[index]
        pt = self._texts.get(index)
        if pt is None:
            try:
                pt = self._doc.page_text(index)
            except PaperError:
                return None
            self._texts[index] = pt
            if len(self._texts) > TEXT_CACHE_PAGES:
                self._texts.popitem(last=False)
        else:
            self._texts.move_to_end(index)
        return pt


class TextSelection:
    """Anchor and cursor as (page, character index); empty when there is no anchor."""

    def __init__(self, texts: PageTexts) -> None:
        self._texts = texts
        self.anchor: tuple[int, int] | None = None
        self.cursor: tuple[int, int] = (0, 0)

    @property
    def active(self) -> bool:
        """Something is (being) selected."""
        return self.anchor is not None

    def start(self, page: int, index: int) -> None:
        """Begin at character ``index`` of ``page`` (nothing selected yet)."""
        self.anchor = self.cursor = (page, index)

    def move_to(self, page: int, index: int) -> bool:
        """Move the cursor end; True when that changed what is selected."""
        if (page, index) == self.cursor:
            return False
        self.cursor = (page, index)
        return True

    def set(self, page: int, start: int, end: int, end_page: int | None = None) -> None:
        """Select from ``start`` on ``page`` to ``end`` on ``end_page`` (default: ``page``)."""
        self.anchor = (page, start)
        self.cursor = (page if end_page is None else end_page, end)

    def clear(self) -> bool:
        """Select nothing; True when something was selected."""
        had = self.anchor is not None
        self.anchor = None
        return had

    def span_on_page(self, page: int) -> tuple[int, int] | None:
        """The selected character span on ``page`` (the selection may cross pages)."""
        if self.anchor is None:
            return None
        (p0, i0), (p1, i1) = sorted((self.anchor, self.cursor))
        if not p0 <= page <= p1:
            return None
        pt = self._texts.get(page)
        if pt is None:
            return None
        start = i0 if page == p0 else 0
        end = i1 if page == p1 else len(pt.text)
        return (start, end) if end > start else None

    def rects_on_page(self, page: int) -> list:
        """The rectangles of the selected characters on ``page``."""
        span = self.span_on_page(page)
        pt = self._texts.get(page) if span is not None else None
        return pt.rects_for_span(*span) if pt is not None and span is not None else []

    def spans(self) -> list[tuple[int, int, int, list]]:
        """``(page_index, start, end, rects)`` for every page the selection covers."""
        if self.anchor is None:
            return []
        (p0, _i0), (p1, _i1) = sorted((self.anchor, self.cursor))
        spans = []
        for page in range(p0, p1 + 1):
            span = self.span_on_page(page)
            pt = self._texts.get(page)
            if span is not None and pt is not None:
                spans.append((page, span[0], span[1], pt.rects_for_span(*span)))
        return spans

    def text(self) -> str:
        """The selected text, line breaks as newlines, pages joined by a newline."""
        parts = []
        for page, start, end, _rects in self.spans():
            pt = self._texts.get(page)
            if pt is not None:
                parts.append(span_text(pt, start, end).strip("\n"))
        return "\n".join(parts)
