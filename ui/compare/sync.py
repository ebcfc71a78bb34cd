"""Scrolling two page views together by content: the line at one view's reading height is
kept level with the same words in the other, through the comparison's alignment (pinned on
the lines the diff matched, page and fraction of the page where nothing matched)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from ..viewer import PageView

#: (1-based page, y) of one document -> (1-based page, y) of the other
Mapping = Callable[[int, float], tuple[int, float]]
READING_HEIGHT = 1 / 3  # of the viewport: where the reader's eye is (the current page's rule)


def page_fraction(src: PageView, dst: PageView) -> Mapping:
    """The fallback map: the same page (or the last), the same fraction of its height."""

    def mapping(page: int, y: float) -> tuple[int, float]:
        doc_a, doc_b = src.document(), dst.document()
        if doc_a is None or doc_b is None:
            return page, y
        h_a = doc_a.page_sizes[page - 1][1] or 1.0
        p = min(page, doc_b.page_count)
        return p, y / h_a * doc_b.page_sizes[p - 1][1]

    return mapping


class ScrollSync(QObject):
    """Keeps ``old`` and ``new`` level while enabled. A flag guards against the echo: the
    scroll this class makes on one view must not come back as a scroll of the other."""

    toggled = Signal(bool)

    def __init__(self, old: PageView, new: PageView, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.old, self.new = old, new
        self._old_to_new: Mapping = page_fraction(old, new)
        self._new_to_old: Mapping = page_fraction(new, old)
        self._enabled = True
        self._syncing = False
        old.verticalScrollBar().valueChanged.connect(lambda _v: self._follow(old, new))
        new.verticalScrollBar().valueChanged.connect(lambda _v: self._follow(new, old))

    def set_mappings(self, old_to_new: Mapping | None, new_to_old: Mapping | None) -> None:
        """Use the comparison's alignment (None: page and fraction)."""
        self._old_to_new = old_to_new or page_fraction(self.old, self.new)
        self._new_to_old = new_to_old or page_fraction(self.new, self.old)

    def is_enabled(self) -> bool:
        return self._enabled

    def set_enabled(self, on: bool) -> None:
        """Turn syncing on (the new side is brought level with the old) or off."""
        if on == self._enabled:
            return
        self._enabled = on
        if on:
            self._follow(self.old, self.new)
        self.toggled.emit(on)

    def level(self, source: PageView) -> None:
        """Bring the other view level with ``source`` now (after a jump made with sync off
        moved both)."""
        self._follow(source, self.new if source is self.old else self.old, force=True)

    def hold(self) -> _Held:
        """A context in which scrolls are not followed (moving both sides at once)."""
        return _Held(self)

    def _follow(self, source: PageView, target: PageView, force: bool = False) -> None:
        if self._syncing or not (self._enabled or force):
            return
        if source.document() is None or target.document() is None:
            return
        ref = source.viewport().height() * READING_HEIGHT
        page, y = source.page_position_at(ref)
        if page < 0:
            return
        mapping = self._old_to_new if source is self.old else self._new_to_old
        to_page, to_y = mapping(page + 1, y)
        self._syncing = True
        try:
            target.scroll_page_position_to(to_page - 1, to_y, ref)
        finally:
            self._syncing = False


class _Held:
    def __init__(self, sync: ScrollSync) -> None:
        self._sync = sync

    def __enter__(self) -> None:
        self._was = self._sync._syncing
        self._sync._syncing = True

    def __exit__(self, *_exc: object) -> None:
        self._sync._syncing = self._was
