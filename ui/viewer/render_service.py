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
A page that takes longer arrives as any other.
"""

from __future__ import annotations

from collections import OrderedDict
from concurrent.futures import Future

from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtGui import QImage

from mopac_desk.pdf import PaperDocument, PaperError, RenderedPage


class RenderService(QObject):
    """Renders pages of one document at one scale at a time and keeps the recent ones.

    ``scale`` is pixels per PDF point (device pixels). Results for any other scale or any
    earlier document are dropped on arrival: they are stale.
    """

    page_ready = Signal(int)  # page index whose image at the current scale is now cached

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
        self._first_token: tuple[int, int, float] | None = None
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
        self._held = []
        self._release_timer.stop()

    def set_scale(self, scale: float) -> None:
        """Change the wanted scale; renders in flight at the old scale become stale."""
        scale = round(scale, 4)
        if scale == self._scale:
            return
        self._scale = scale
        self._cancel_pending()
        self._generation += 1

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
            token = self._submit(index)
            if self._first_pending:
                self._first_token = token

    def await_first(self) -> None:
        """Wait up to ``first_wait`` for the document's first page, asked for and not yet in,
        and deliver it now (``page_ready`` is emitted before this returns). Not from a paint
        event: a listener may repaint."""
        token = self._first_token
        if not self._first_pending or self._first_in or token is None or self._first_wait <= 0:
            return
        fut = self._pending.get(token[1])
        if fut is None or token[0] != self._generation or token[2] != self._scale:
            return
        try:
            page = fut.result(timeout=self._first_wait)
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
    def _submit(self, index: int) -> tuple[int, int, float]:
        assert self._doc is not None
        token = (self._generation, index, self._scale)
        fut = self._doc.render_async(index, self._scale)
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
    def _on_delivered(self, token: tuple[int, int, float], page: RenderedPage | None) -> None:
        generation, index, scale = token
        if generation != self._generation:
            return  # stale: a zoom change or another document since it was asked for
        if (index, scale) in self._cache or (page is None and index in self._failed):
            return  # delivered already (awaited as a first page): this is its queued copy
        self._pending.pop(index, None)
        if self._first_pending and not self._first_in and not self._pending:
            # The first page is in (or failed): the rest go once it has been painted.
            self._first_in = True
            self._release_timer.start()
        if page is None:
            self._failed.add(index)
            return
        # Zero-copy view of the PDFium bytes; the RenderedPage is cached beside it to keep
        # the buffer alive as long as the image.
        key = (index, scale)
        image = QImage(page.data, page.width, page.height, page.stride, QImage.Format.Format_RGB32)
        self._cache[key] = (image, page)
        self._bytes += len(page.data)
        self._trim()
        self.page_ready.emit(index)

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
