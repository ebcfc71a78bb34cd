"""Find in a paper without freezing the window: the search runs on a helper thread.

``PaperDocument.find`` asks for one page's text at a time from the PDFium thread, so page
renders interleave with a long search instead of waiting behind it.
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor

from PySide6.QtCore import QObject, Signal, Slot

from mopac_desk.ocr.text import find as find_in_texts
from mopac_desk.pdf import Hit, PageText, PaperDocument, PaperError

_executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="find")


def _find(doc: PaperDocument, query: str, ocr_texts: dict[int, PageText]) -> list[Hit]:
    """The document's own hits, and those on pages OCR read (their layer is empty), in page
    order."""
    hits = [h for h in doc.find(query) if h.index not in ocr_texts]
    hits += find_in_texts(ocr_texts.values(), query)
    return sorted(hits, key=lambda h: (h.index, h.start))


class SearchRunner(QObject):
    """Runs one search at a time; a newer search makes older results stale (dropped)."""

    finished = Signal(str, list)  # query, [Hit]
    failed = Signal(str)  # clerk-ready message

    _delivered = Signal(int, str, object)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._generation = 0
        self._running = False
        self._delivered.connect(self._on_delivered)

    @property
    def running(self) -> bool:
        return self._running

    def start(self, doc: PaperDocument, query: str,
              ocr_texts: dict[int, PageText] | None = None) -> None:
        """Search ``doc`` for ``query`` (and the pages OCR read, ``ocr_texts``: issue #17);
        ``finished`` fires on the GUI thread."""
        self._generation += 1
        generation = self._generation
        self._running = True
        fut = _executor.submit(_find, doc, query, dict(ocr_texts or {}))

        def done(f: Future) -> None:
            try:
                result: object = f.result()
            except PaperError as exc:
                result = exc
            except Exception:  # a damaged page: report it plainly, never a traceback
                result = PaperError("The paper could not be searched: part of it is damaged.")
            try:
                self._delivered.emit(generation, query, result)
            except RuntimeError:  # runner deleted while searching
                pass

        fut.add_done_callback(done)

    def cancel(self) -> None:
        """Forget the search in progress (its result will be dropped)."""
        self._generation += 1
        self._running = False

    @Slot(int, str, object)
    def _on_delivered(self, generation: int, query: str, result: object) -> None:
        if generation != self._generation:
            return
        self._running = False
        if isinstance(result, PaperError):
            self.failed.emit(str(result))
            return
        hits: list[Hit] = list(result)  # type: ignore[arg-type]
        self.finished.emit(query, hits)
