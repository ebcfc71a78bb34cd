"""The Annotations panel: every comment of the open file, filtered, with its thread.

Rows come from the controller (page order, then place, then time); the panel filters them
by author, kind, status, tag and words and asks for edits with signals. It never writes.
Keyboard: the list takes Return (show it on the page) and Delete; Tab walks the filters,
the list and the editor.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from mopac_desk.annotations.model import KINDS, PALETTE, STATUSES, Annotation

from ..settings_dialog import swatch
from .commands import KIND_NAMES

ID_ROLE = Qt.ItemDataRole.UserRole
ALL = ""
#: how a status reads in the panel ("none" is a comment still open)
STATUS_NAMES = {"none": "open", "accepted": "accepted", "rejected": "rejected",
                "cancelled": "cancelled", "completed": "completed"}


def status_counts(items: list[Annotation]) -> str:
    """"3 open, 5 accepted": how many comments have each status (none: "No annotations")."""
    counts = Counter(a.status for a in items)
    parts = [f"{counts[s]} {STATUS_NAMES[s]}" for s in STATUSES if counts[s]]
    return ", ".join(parts) if parts else "No annotations"


def row_text(a: Annotation) -> str:
    """One line for a comment: page, kind, author, its quote or words."""
    words = a.contents or (f"“{a.quote}”" if a.quote else "")
    words = " ".join(words.split())
    if len(words) > 90:
        words = words[:89] + "…"
    status = f" [{STATUS_NAMES[a.status]}]" if a.status != "none" else ""
    flags = (" 🔒" if a.private else "") + (" ⚠ needs re-anchoring" if a.needs_anchor else "")
    return f"p. {a.page} · {KIND_NAMES.get(a.kind, a.kind)} · {a.author or '—'}{status}" \
           f"{flags}\n{words}".rstrip()


def _when(stamp: str) -> str:
    """A register time (ISO, UTC) as "2026-05-01 14:03"."""
    return stamp[:16].replace("T", " ")


class _List(QTreeWidget):
    """The comments list: Return shows the selected comment on the page, Delete removes it."""

    enter_pressed = Signal()
    delete_pressed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.enter_pressed.emit()
            return
        if event.key() == Qt.Key.Key_Delete:
            self.delete_pressed.emit()
            return
        super().keyPressEvent(event)


class AnnotationsPanel(QWidget):
    """The dock's contents: filters, a count per status, the list and the editor."""

    activated = Signal(int)            # show this comment on the page
    current_changed = Signal(object)   # the row made current (its id, or None)
    status_requested = Signal(int, str)
    reply_requested = Signal(int, str)
    edit_requested = Signal(int, dict)  # id, keyword arguments of update_annotation
    delete_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("annotationsPanel")
        self.setAccessibleName("Annotations panel")
        self._items: list[Annotation] = []
        self._selected: int | None = None
        self._build()

    # ===== building ==========================================================================
    def _build(self) -> None:
        box = QVBoxLayout(self)
        box.setContentsMargins(6, 6, 6, 6)
        self.text_filter = QLineEdit(self)
        self.text_filter.setObjectName("annotationTextFilter")
        self.text_filter.setPlaceholderText("Filter by words…")
        self.text_filter.setClearButtonEnabled(True)
        box.addWidget(self.text_filter)
        row = QHBoxLayout()
        self.author_filter = self._combo("Author", [("All authors", ALL)])
        self.kind_filter = self._combo("Kind", [("All kinds", ALL)] + [
            (KIND_NAMES[k].capitalize(), k) for k in KINDS])
        self.status_filter = self._combo("Status", [("Any status", ALL)] + [
            (STATUS_NAMES[s].capitalize(), s) for s in STATUSES])
        self.tag_filter = self._combo("Tag", [("Any tag", ALL)])
        for combo in (self.author_filter, self.kind_filter, self.status_filter,
                      self.tag_filter):
            row.addWidget(combo, 1)
            combo.currentIndexChanged.connect(self._fill)
        box.addLayout(row)
        self.text_filter.textChanged.connect(self._fill)
        self.counts = QLabel("No annotations", self)
        self.counts.setObjectName("annotationCounts")
        box.addWidget(self.counts)
        self.list = _List(self)
        self.list.setObjectName("annotationList")
        self.list.setAccessibleName("Annotations")
        self.list.setHeaderHidden(True)
        self.list.setWordWrap(True)
        self.list.setUniformRowHeights(False)
        self.list.setMinimumHeight(60)
        self.list.currentItemChanged.connect(self._current_changed)
        self.list.itemClicked.connect(lambda item, _c: self._activate(item))
        self.list.enter_pressed.connect(lambda: self._activate(self.list.currentItem()))
        self.list.delete_pressed.connect(self._delete)
        # The editor scrolls inside its share, so the dock never makes the window taller.
        scroller = QScrollArea(self)
        scroller.setWidgetResizable(True)
        scroller.setFrameShape(QFrame.Shape.NoFrame)
        scroller.setWidget(self._build_editor())
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.list)
        split.addWidget(scroller)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setChildrenCollapsible(False)
        box.addWidget(split, 1)
        self._show_editor(None)

    def _combo(self, name: str, entries: list[tuple[str, str]]) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(f"annotation{name}Filter")
        combo.setAccessibleName(f"Filter by {name.lower()}")
        for text, data in entries:
            combo.addItem(text, data)
        return combo

    def _build_editor(self) -> QGroupBox:
        group = QGroupBox("Selected annotation", self)
        self.editor = group
        form = QFormLayout(group)
        self.quote_label = QLabel(group)
        self.quote_label.setWordWrap(True)
        self.quote_label.setTextFormat(Qt.TextFormat.PlainText)
        form.addRow(self.quote_label)
        self.contents = QPlainTextEdit(group)
        self.contents.setObjectName("annotationContents")
        self.contents.setAccessibleName("Annotation words")
        self.contents.setTabChangesFocus(True)
        self.contents.setPlaceholderText("Words of the comment (Ctrl+Return saves)")
        self.contents.setMaximumHeight(90)
        form.addRow("&Words", self.contents)
        save = QShortcut(QKeySequence("Ctrl+Return"), self.contents)
        save.setContext(Qt.ShortcutContext.WidgetShortcut)
        save.activated.connect(self.save_contents)
        self.save_button = QPushButton("&Save words", group)
        self.save_button.clicked.connect(self.save_contents)
        form.addRow(self.save_button)
        self.status = QComboBox(group)
        self.status.setObjectName("annotationStatus")
        for s in STATUSES:
            self.status.addItem(STATUS_NAMES[s].capitalize(), s)
        self.status.activated.connect(
            lambda _i: self._ask(self.status_requested, self.status.currentData()))
        form.addRow("S&tatus", self.status)
        self.colour = QComboBox(group)
        self.colour.setObjectName("annotationColour")
        for name, colour in PALETTE.items():
            self.colour.addItem(swatch(colour), name.capitalize(), colour)
        self.colour.activated.connect(
            lambda _i: self._edit({"colour": self.colour.currentData()}))
        form.addRow("&Colour", self.colour)
        self.tags = QLineEdit(group)
        self.tags.setObjectName("annotationTags")
        self.tags.setPlaceholderText("tags, separated by commas")
        self.tags.editingFinished.connect(self._save_tags)
        form.addRow("T&ags", self.tags)
        self.private = QCheckBox("&Private (never exported unless asked)", group)
        self.private.setObjectName("annotationPrivate")
        self.private.toggled.connect(lambda on: self._edit({"private": on}))
        form.addRow(self.private)
        self.replies = QLabel(group)
        self.replies.setWordWrap(True)
        self.replies.setTextFormat(Qt.TextFormat.PlainText)
        form.addRow(self.replies)
        self.reply_edit = QLineEdit(group)
        self.reply_edit.setObjectName("annotationReply")
        self.reply_edit.setPlaceholderText("Reply… (Return sends)")
        self.reply_edit.returnPressed.connect(self._reply)
        form.addRow("&Reply", self.reply_edit)
        self.delete_button = QPushButton("&Delete annotation", group)
        self.delete_button.setObjectName("annotationDelete")
        self.delete_button.clicked.connect(self._delete)
        form.addRow(self.delete_button)
        return group

    # ===== showing ===========================================================================
    def set_annotations(self, items: list[Annotation], colours: dict[int, str]) -> None:
        """Show ``items`` (already in page order); filters and the selection are kept."""
        self._items = list(items)
        self._colours = colours
        self._refill_combo(self.author_filter, "All authors",
                           sorted({a.author for a in items if a.author}))
        self._refill_combo(self.tag_filter, "Any tag",
                           sorted({t for a in items for t in a.tags}))
        self.counts.setText(status_counts(items))
        self._fill()

    @staticmethod
    def _refill_combo(combo: QComboBox, all_text: str, values: list[str]) -> None:
        chosen = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(all_text, ALL)
        for v in values:
            combo.addItem(v, v)
        index = combo.findData(chosen)
        combo.setCurrentIndex(max(0, index))
        combo.blockSignals(False)

    def shown(self) -> list[Annotation]:
        """The comments that pass the filters, in list order."""
        author, kind = self.author_filter.currentData(), self.kind_filter.currentData()
        status, tag = self.status_filter.currentData(), self.tag_filter.currentData()
        words = self.text_filter.text().strip().casefold()
        out = []
        for a in self._items:
            if (author and a.author != author) or (kind and a.kind != kind) or \
                    (status and a.status != status) or (tag and tag not in a.tags):
                continue
            if words:
                hay = " ".join([a.contents, a.quote, a.author, *a.tags,
                                *(r.contents for r in a.replies)]).casefold()
                if words not in hay:
                    continue
            out.append(a)
        return out

    def _fill(self) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        current = None
        for a in self.shown():
            item = QTreeWidgetItem([row_text(a)])
            item.setData(0, ID_ROLE, a.id)
            item.setIcon(0, swatch(self._colours.get(a.id, a.colour)))
            item.setToolTip(0, a.contents or a.quote)
            for r in a.replies:
                child = QTreeWidgetItem([f"{r.author or '—'}: {r.contents}"])
                child.setData(0, ID_ROLE, a.id)
                item.addChild(child)
            self.list.addTopLevelItem(item)
            item.setExpanded(True)
            if a.id == self._selected:
                current = item
        if current is not None:
            self.list.setCurrentItem(current)
        self.list.blockSignals(False)
        shown = self.list.topLevelItemCount()
        if shown != len(self._items):
            self.counts.setText(f"{status_counts(self._items)} (showing {shown})")
        else:
            self.counts.setText(status_counts(self._items))
        self._show_editor(self._annotation(self._selected))

    def _annotation(self, annotation_id: int | None) -> Annotation | None:
        return next((a for a in self._items if a.id == annotation_id), None)

    def select(self, annotation_id: int | None) -> None:
        """Make ``annotation_id`` the current row (the page selected it)."""
        self._selected = annotation_id
        self.list.blockSignals(True)
        self.list.setCurrentItem(None)
        for n in range(self.list.topLevelItemCount()):
            item = self.list.topLevelItem(n)
            if item.data(0, ID_ROLE) == annotation_id:
                self.list.setCurrentItem(item)
                self.list.scrollToItem(item)
        self.list.blockSignals(False)
        self._show_editor(self._annotation(annotation_id))

    def selected_id(self) -> int | None:
        return self._selected

    def focus_list(self) -> None:
        """Put the keyboard in the list (the first row current when none is)."""
        self.list.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if self.list.currentItem() is None and self.list.topLevelItemCount():
            self.list.setCurrentItem(self.list.topLevelItem(0))

    def edit_contents(self) -> None:
        """Put the keyboard in the words of the selected comment (just placed)."""
        if self._selected is not None:
            self.contents.setFocus(Qt.FocusReason.OtherFocusReason)

    def _show_editor(self, a: Annotation | None) -> None:
        self.editor.setEnabled(a is not None)
        for widget in (self.status, self.colour, self.private):
            widget.blockSignals(True)
        if a is None:
            self.quote_label.setText("Select an annotation on the page or in the list.")
            self.contents.setPlainText("")
            self.tags.setText("")
            self.replies.setText("")
        else:
            quote = f"“{a.quote}”" if a.quote else ""
            anchor = ("\nNeeds placing again: a new version of the paper moved its words."
                      if a.needs_anchor else "")
            self.quote_label.setText(
                f"{KIND_NAMES.get(a.kind, a.kind).capitalize()} on page {a.page} by "
                f"{a.author or '—'}, {_when(a.modified or a.created)}. {quote}{anchor}")
            if self.contents.toPlainText() != a.contents and not self.contents.hasFocus():
                self.contents.setPlainText(a.contents)
            self.status.setCurrentIndex(max(0, self.status.findData(a.status)))
            self.colour.setCurrentIndex(self.colour.findData(a.colour))
            self.private.setChecked(a.private)
            if not self.tags.hasFocus():
                self.tags.setText(", ".join(a.tags))
            self.replies.setText("\n".join(f"{r.author or '—'} ({_when(r.created)}): "
                                           f"{r.contents}" for r in a.replies))
        for widget in (self.status, self.colour, self.private):
            widget.blockSignals(False)

    # ===== asking for edits ==================================================================
    def _current_changed(self, item: QTreeWidgetItem | None, _old: Any) -> None:
        self._selected = item.data(0, ID_ROLE) if item is not None else None
        self.contents.setPlainText("")
        self._show_editor(self._annotation(self._selected))
        self.current_changed.emit(self._selected)

    def _activate(self, item: QTreeWidgetItem | None) -> None:
        if item is not None:
            self._selected = item.data(0, ID_ROLE)
            self.activated.emit(self._selected)

    def _ask(self, signal: Any, *args: Any) -> None:
        if self._selected is not None:
            signal.emit(self._selected, *args)

    def _edit(self, new: dict[str, Any]) -> None:
        self._ask(self.edit_requested, new)

    def save_contents(self) -> None:
        """Save the words typed for the selected comment."""
        self._edit({"text": self.contents.toPlainText().strip()})

    def _save_tags(self) -> None:
        a = self._annotation(self._selected)
        tags = list(dict.fromkeys(t.strip() for t in self.tags.text().split(",") if t.strip()))
        if a is not None and tags != a.tags:
            self._edit({"tags": tags})

    def _reply(self) -> None:
        text = self.reply_edit.text().strip()
        if text:
            self._ask(self.reply_requested, text)
            self.reply_edit.clear()

    def _delete(self) -> None:
        self._ask(self.delete_requested)
