"""Page thumbnails: a list of small page images, rendered only when the list shows them."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QAbstractItemView, QListView, QWidget

from mopac_desk.pdf import PaperDocument

from .page_view import PageView
from .render_service import RenderService

THUMB_WIDTH = 110

_Index = QModelIndex | QPersistentModelIndex


class ThumbnailModel(QAbstractListModel):
    """One row per page; asking for a row's image is what queues its render."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._doc: PaperDocument | None = None
        self._renders = RenderService(budget_bytes=24 * 1024 * 1024, parent=self)
        self._renders.page_ready.connect(self._on_ready)
        self._placeholders: dict[tuple[int, int], QImage] = {}
        self._dpr = 1.0
        self._widest = 1.0

    def set_document(self, doc: PaperDocument | None, dpr: float) -> None:
        self.beginResetModel()
        self._doc = doc
        self._dpr = dpr
        self._renders.set_document(doc)
        self._widest = max((w for w, _h in doc.page_sizes), default=1.0) if doc else 1.0
        if doc is not None:
            self._renders.set_scale(THUMB_WIDTH / self._widest * dpr)
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() or self._doc is None else self._doc.page_count

    def thumb_size(self, row: int) -> QSize:
        assert self._doc is not None
        w, h = self._doc.page_size(row)
        k = THUMB_WIDTH / self._widest  # the widest page, found once per document
        return QSize(round(w * k), round(h * k))

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self._doc is None:
            return None
        row = index.row()
        if role == Qt.ItemDataRole.DisplayRole:
            return str(row + 1)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"Page {row + 1}"
        if role == Qt.ItemDataRole.DecorationRole:
            image = self._renders.image(row)
            if image is None:
                self._renders.request([row], exclusive=False)
                return self._placeholder(self.thumb_size(row))
            image.setDevicePixelRatio(self._dpr)
            return image
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignHCenter
        return None

    def is_rendered(self, row: int) -> bool:
        return self._renders.image(row) is not None

    def _placeholder(self, size: QSize) -> QImage:
        key = (size.width(), size.height())
        image = self._placeholders.get(key)
        if image is None:
            image = QImage(size, QImage.Format.Format_RGB32)
            image.fill(QColor(0xe4, 0xe6, 0xea))
            painter = QPainter(image)
            painter.setPen(QColor(0xc4, 0xc8, 0xce))
            painter.drawRect(0, 0, size.width() - 1, size.height() - 1)
            painter.end()
            self._placeholders[key] = image
        return image

    def _on_ready(self, row: int) -> None:
        index = self.index(row)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole])


class ThumbnailList(QListView):
    """Thumbnails of the viewer's paper; click one to go there; the current page is selected."""

    def __init__(self, view: PageView, parent: QWidget | None = None):
        super().__init__(parent)
        self._syncing = False
        self._view = view
        self._model = ThumbnailModel(self)
        self.setModel(self._model)
        self.setViewMode(QListView.ViewMode.IconMode)
        # One column in a narrow panel, a grid of pages when the panel is wide.
        self.setFlow(QListView.Flow.LeftToRight)
        self.setWrapping(True)
        self.setMovement(QListView.Movement.Static)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setIconSize(QSize(THUMB_WIDTH, round(THUMB_WIDTH * 1.5)))
        self.setSpacing(6)
        self.setUniformItemSizes(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setMinimumWidth(THUMB_WIDTH + 40)
        # White pages need a darker ground to show their edges.
        self.setStyleSheet("QListView { background: #d9dde3; }")
        self.clicked.connect(lambda index: self._view.scroll_to(index.row()))
        self._waiting_for: PaperDocument | None = None
        view.document_changed.connect(self._on_document_changed)
        view.render_service.page_ready.connect(self._on_page_ready)
        view.page_sizes_read.connect(self._on_page_ready)
        view.current_page_changed.connect(self._on_current_page)

    def thumbnail_model(self) -> ThumbnailModel:
        return self._model

    def _on_document_changed(self) -> None:
        doc = self._view.document()
        if doc is None:
            self._show_document(None)
        else:
            # Thumbnails wait for the first page of the paper: both want the PDFium thread
            # and the CPU, and the clerk is looking at the page.
            self._waiting_for = doc
            self._model.set_document(None, self.devicePixelRatioF())

    def _on_page_ready(self, _index: int = 0) -> None:
        doc = self._waiting_for
        # ...and for the sizes of its pages, read after it (the list is laid out by them).
        if doc is not None and doc is self._view.document() and doc.sizes_read:
            self._waiting_for = None
            self._show_document(doc)

    def _show_document(self, doc) -> None:
        self._waiting_for = None
        self._model.set_document(doc, self.devicePixelRatioF())
        self._on_current_page(self._view.current_page())

    def _on_current_page(self, page: int) -> None:
        if page < 0:
            return
        index = self._model.index(page)
        if self.currentIndex() != index:
            self._syncing = True
            try:
                self.setCurrentIndex(index)
            finally:
                self._syncing = False
            self.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)

    def currentChanged(self, current: QModelIndex, previous: QModelIndex) -> None:
        super().currentChanged(current, previous)
        # Arrow keys in the list move the pages too; following the view must not echo back.
        if not self._syncing and current.isValid() and current.row() != self._view.current_page():
            self._view.scroll_to(current.row())
