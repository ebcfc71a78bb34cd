"""Page images for the GUI: renders off the GUI thread, a byte-bounded LRU cache, stale drops.

``PaperDocument.render_async`` resolves its future on the PDFium thread. The done-callback only
emits a signal; because this QObject lives on the GUI thread the connection is queued, so the
QImage is built and cached on the GUI thread.

A new document's first asked-for page goes to the PDFium thread alone: the other pages asked
for with it, and the rest of the file's stream check (``PaperDocument.check_rest_async``),
are queued only once that page is in, so nothing competes with the first page for the PDFium
thread or, on a two-core machine, for the cores while it is drawn. With ``first_wait`` the GUI
thread also waits that long for it (idle, so the render has the interpreter to itself; on two
busy cores a GUI thread running Python beside it made the render about half as slow again),
and the image is ready before the window's first paint, with no trip through the event queue.
A page that takes longer arrives as any other. Given ``set_first_rows``, a first page taller
than that is drawn top first (``part_ready``, ``part_image``), then the rows below into the
same pixels (``page_ready``): what is on screen is painted about a third sooner.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from concurrent.futures import Future

from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtGui import QImage

from mopac_desk.pdf import PaperDocument, PaperError, RenderedPage


#: (generation, page index, scale, rows: None for the whole page) of one render asked for
Token = tuple[int, int, float, "int | None"]


class RenderService(QObject):
    """Renders pages of one document at one scale at a time and keeps the recent ones.

    ``scale`` is pixels per PDF point (device pixels). Results for any other scale or any
    earlier document are dropped on arrival: they are stale.
    """

    page_ready = Signal(int)  # page index whose image at the current scale is now cached
    part_ready = Signal(int)  # page index whose top part (the first view) can be painted

    _delivered = Signal(object, object)  # (token, RenderedPage | None); crosses threads

    def __init__(self, budget_bytes: int = 128 * 1024 * 1024, parent: QObject | None = None,
                 first_wait: float = 0.0):
        super().__init__(parent)
        self._budget = budget_bytes
        self._first_wait = first_wait
        self._doc: PaperDocument | None = None
        self._generation = 0
        self._scale = 1.0
        self._cache: "OrderedDict[tuple[int, float], tuple[QImage, RenderedPage]]" = OrderedDict()
        self._bytes = 0
        self._pending: dict[int, Future] = {}
        self._failed: set[int] = set()
        # Until the document's first page is in and painted: the pages asked for besides it.
        self._first_pending = False
        self._first_in = False
        self._first_token: Token | None = None
        # The first page's top rows, drawn first when the page is taller than the view
        # (issue #18): what is on screen is painted sooner, the rest follows at once.
        self._first_rows: int | None = None
        self._part: tuple[tuple[int, float], QImage, RenderedPage] | None = None
        self._held: list[int] = []
        self._release_timer = QTimer(self, singleShot=True, interval=0)
        self._release_timer.timeout.connect(self._release_held)
        self._delivered.connect(self._on_delivered)

    # -- configuration -------------------------------------------------------------------
    def set_document(self, doc: PaperDocument | None) -> None:
        """Forget everything about the previous document."""
        self._cancel_pending()
        self._generation += 1
        self._doc = doc
        self._cache.clear()
        self._bytes = 0
        self._failed.clear()
        self._first_pending = doc is not None
        self._first_in = False
        self._first_rows = None
        self._part = None
        self._held = []
        self._release_timer.stop()

    def set_first_rows(self, rows: int | None) -> None:
        """Draw the new document's first page first only as far down as ``rows`` pixel rows
        (the height of the view): asked for before the first :meth:`request`."""
        self._first_rows = rows if self._first_pending else None

    def set_scale(self, scale: float) -> None:
        """Change the wanted scale; renders in flight at the old scale become stale."""
        scale = round(scale, 4)
        if scale == self._scale:
            return
        self._scale = scale
        self._cancel_pending()
        self._generation += 1
        self._part = None

    @property
    def scale(self) -> float:
        return self._scale

    @property
    def cached_bytes(self) -> int:
        return self._bytes

    # -- lookups -------------------------------------------------------------------------
    def image(self, index: int) -> QImage | None:
        """The cached image of page ``index`` at the current scale, or None."""
        entry = self._cache.get((index, self._scale))
        if entry is None:
            return None
        self._cache.move_to_end((index, self._scale))
        return entry[0]

    def part_image(self, index: int) -> QImage | None:
        """The top part of page ``index`` at the current scale, while its whole image is not
        in yet (the pixels the whole page has there), or None."""
        if self._part is None or self._part[0] != (index, self._scale):
            return None
        return self._part[1]

    def any_image(self, index: int) -> QImage | None:
        """An image of the page at whatever scale is cached (a stand-in while re-rendering)."""
        for (i, _scale), entry in reversed(self._cache.items()):
            if i == index:
                return entry[0]
        return None

    def request(self, indices: list[int], exclusive: bool = True) -> None:
        """Make sure each page in ``indices`` is cached or on its way.

        ``exclusive``: also cancel queued renders of pages not in ``indices`` (the reader has
        scrolled past them)."""
        if self._doc is None:
            return
        if exclusive:
            wanted = set(indices)
            for index, fut in list(self._pending.items()):
                if index not in wanted and fut.cancel():
                    del self._pending[index]
                    self._drop_part(index)  # its rest will not come: drawn whole when due
        if self._first_pending:
            held = self._held if not exclusive else []
            held += [i for i in indices if i not in self._pending and i not in held]
            if self._pending or self._first_in or not held:
                self._held = held
                return
            indices, self._held = held[:1], held[1:]
        for index in indices:
            if (index, self._scale) in self._cache or index in self._pending or index in self._failed:
                continue
            if self._first_pending:
                self._first_token = self._submit(index, self._first_rows)
            else:
                self._submit(index)

    def await_first(self) -> None:
        """Wait up to ``first_wait`` in all for the document's first page, asked for and not
        yet in, and deliver it now (``part_ready`` / ``page_ready`` are emitted before this
        returns): its top part first when it was asked for, then the whole page, so the
        whole page is drawn while this thread waits instead of beside its Python (on two
        cores that made the render three times as slow). Not from a paint event: a listener
        may repaint."""
        if self._first_wait <= 0:
            return
        deadline = time.monotonic() + self._first_wait
        while self._first_token is not None and not self._cache:
            token, self._first_token = self._first_token, None
            generation, index, scale, _rows = token
            fut = self._pending.get(index)
            if fut is None or generation != self._generation or scale != self._scale:
                return
            try:
                page = fut.result(timeout=max(0.0, deadline - time.monotonic()))
            except TimeoutError:
                return  # a costly page: it arrives through the queue like the others
            except Exception:  # a page PDFium cannot draw stays a placeholder
                page = None
            self._on_delivered(token, page)  # the queued copy of this delivery is then dropped

    def cached_keys(self) -> list[tuple[int, float]]:
        """(page index, scale) of every cached image, oldest first."""
        return list(self._cache)

    def is_pending(self) -> bool:
        return bool(self._pending)

    # -- internals -----------------------------------------------------------------------
    def _submit(self, index: int, rows: int | None = None,
                rest_of: RenderedPage | None = None) -> Token:
        assert self._doc is not None
        token = (self._generation, index, self._scale, rows)
        fut = (self._doc.render_rest_async(rest_of) if rest_of is not None
               else self._doc.render_async(index, self._scale, rows))
        self._pending[index] = fut

        def done(f: Future) -> None:
            if f.cancelled():
                return
            try:
                page = f.result()
            except (PaperError, Exception):  # a page PDFium cannot draw stays a placeholder
                page = None
            try:
                self._delivered.emit(token, page)
            except RuntimeError:  # the service was deleted while the render ran
                pass

        fut.add_done_callback(done)
        return token

    def _cancel_pending(self) -> None:
        for fut in self._pending.values():
            fut.cancel()
        self._pending.clear()

    @Slot(object, object)
    def _on_delivered(self, token: Token, page: RenderedPage | None) -> None:
        generation, index, scale, rows = token
        if generation != self._generation:
            return  # stale: a zoom change or another document since it was asked for
        if (index, scale) in self._cache or (page is None and index in self._failed):
            return  # delivered already (awaited as a first page): this is its queued copy
        if page is not None and not page.whole:
            self._on_part(index, scale, page)
            return
        self._pending.pop(index, None)
        if self._first_pending and not self._first_in and not self._pending:
            # The first page is in (or failed): the rest go once it has been painted.
            self._first_in = True
            self._release_timer.start()
        if page is None:
            self._failed.add(index)
            self._drop_part(index)  # the rest failed: the placeholder says so, whole
            return
        # Zero-copy view of the PDFium bytes; the RenderedPage is cached beside it to keep
        # the buffer alive as long as the image.
        key = (index, scale)
        image = QImage(page.data, page.width, page.height, page.stride, QImage.Format.Format_RGB32)
        self._cache[key] = (image, page)
        self._bytes += len(page.data)
        if self._part is not None and self._part[0] == key:
            self._part = None
        self._trim()
        self.page_ready.emit(index)

    def _on_part(self, index: int, scale: float, page: RenderedPage) -> None:
        """The first page's top part is in: painted now, the whole page asked for at once
        (before the pages held back and the rest of the file's check)."""
        if self._part is not None or self._first_in:
            return  # delivered already (awaited): this is its queued copy
        self._pending.pop(index, None)
        self._first_in = True
        self._release_timer.start()
        # The rows below, into the same pixels: first in the PDFium thread's queue, and
        # awaited too.
        self._first_token = self._submit(index, rest_of=page)
        image = QImage(page.data, page.width, page.height, page.stride, QImage.Format.Format_RGB32)
        self._part = ((index, scale), image, page)
        self.part_ready.emit(index)

    def _drop_part(self, index: int) -> None:
        if self._part is not None and self._part[0][0] == index:
            self._part = None

    def _release_held(self) -> None:
        self._first_pending = self._first_in = False
        if self._doc is None:
            return
        self._doc.check_rest_async()  # before the other pages: they wait for it anyway
        held, self._held = self._held, []
        self.request(held, exclusive=False)

    def _trim(self) -> None:
        while self._bytes > self._budget and len(self._cache) > 1:
            _key, (_image, page) = self._cache.popitem(last=False)
            self._bytes -= len(page.data)
