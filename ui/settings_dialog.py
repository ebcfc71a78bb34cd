"""Preferences (Edit › Preferences…, Ctrl+,): the clerk's name for the audit history and the tag
vocabulary. Checking and saving the vocabulary is ``mopac_desk.review.tags``'s job."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QSettings, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView, QColorDialog, QDialog, QDialogButtonBox, QFormLayout, QGridLayout,
    QGroupBox, QLabel, QLineEdit, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout,
    QWidget,
)

from mopac_desk.review import tags as T
from mopac_desk.clerk import MAX_NAME_LENGTH, clean_clerk_name, clerk_name, default_clerk_name

from .ocr.settings import OcrModeBox  # OCR (issue #17): scans read automatically / ask / never

CLERK_KEY = "clerk/name"
_COLOUR_ROLE = Qt.ItemDataRole.UserRole
_ORIGINAL_ROLE = Qt.ItemDataRole.UserRole + 1  # the name a tag had when the dialog opened


def current_clerk() -> str:
    """The name edits are recorded under: the Preferences name, else the login name."""
    return clerk_name(QSettings().value(CLERK_KEY, ""))


class PreferencesBus(QObject):
    """Tells the features that the clerk saved Preferences (the workspace owns one)."""

    vocabulary_changed = Signal(object)  # tuple[Tag, ...]
    tags_renamed = Signal(object)  # dict {old name: new name}, sent before vocabulary_changed
    clerk_changed = Signal(str)


def swatch(colour: str, size: int = 14) -> QIcon:
    """A small filled square of ``colour`` with a dark edge (visible on light and dark themes)."""
    pix = QPixmap(size, size)
    pix.fill(QColor(colour))
    painter = QPainter(pix)
    painter.setPen(QColor("#202020"))
    painter.drawRect(0, 0, size - 1, size - 1)
    painter.end()
    return QIcon(pix)


class SettingsDialog(QDialog):
    """The Preferences dialog. ``saved`` carries the cleaned vocabulary after OK."""

    saved = Signal(object)  # tuple[Tag, ...]
    renamed = Signal(object)  # dict {old name: new name} of tags renamed, emitted before saved

    def __init__(self, parent: QWidget | None = None, vocabulary_path: Path | None = None):
        super().__init__(parent)
        self.setWindowTitle("Preferences")
        self.setObjectName("preferences")
        self._path = vocabulary_path
        self._colour_dialog: QColorDialog | None = None

        self.name_edit = QLineEdit(clean_clerk_name(QSettings().value(CLERK_KEY, "")))
        self.name_edit.setObjectName("clerk-name")
        self.name_edit.setPlaceholderText(default_clerk_name())
        self.name_edit.setMaxLength(MAX_NAME_LENGTH)
        self.name_edit.setAccessibleName("Your name")
        self.name_edit.setAccessibleDescription(
            "The name the register's history records for your edits; empty uses your login name")
        self.name_edit.setToolTip("Recorded with every edit you make. Leave empty to use your "
                                  "login name.")
        who = QGroupBox("Clerk")
        form = QFormLayout(who)
        name_label = QLabel("Your &name:")
        name_label.setBuddy(self.name_edit)
        form.addRow(name_label, self.name_edit)

        self.tag_list = QListWidget()
        self.tag_list.setObjectName("tag-list")
        self.tag_list.setAccessibleName("Tags")
        self.tag_list.setAccessibleDescription(
            "The first nine tags get Ctrl+1 to Ctrl+9. F2 renames, Delete removes, "
            "Alt+Up and Alt+Down move a tag")
        self.tag_list.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed
                                      | QAbstractItemView.EditTrigger.DoubleClicked)
        self.tag_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tag_list.currentRowChanged.connect(self._update_buttons)
        self.tag_list.itemChanged.connect(self._renumber)

        self.add_button = self._button("&Add", "Add a tag", self.add_tag)
        self.rename_button = self._button("&Rename", "Rename the selected tag (F2)",
                                          self.rename_tag)
        self.remove_button = self._button("Remo&ve", "Remove the selected tag (Delete)",
                                          self.remove_tag)
        self.up_button = self._button("Move &Up", "Move the selected tag up (Alt+Up)",
                                      lambda: self.move_tag(-1))
        self.down_button = self._button("Move &Down", "Move the selected tag down (Alt+Down)",
                                        lambda: self.move_tag(1))
        self.colour_button = self._button("&Colour…", "Choose the selected tag's colour",
                                          self.choose_colour)
        self._list_keys = {
            (Qt.Key.Key_Delete, Qt.KeyboardModifier.NoModifier): self.remove_tag,
            (Qt.Key.Key_Insert, Qt.KeyboardModifier.NoModifier): self.add_tag,
            (Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier): lambda: self.move_tag(-1),
            (Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier): lambda: self.move_tag(1),
        }
        self.tag_list.installEventFilter(self)

        vocab = QGroupBox("Tags (the first nine have Ctrl+1 … Ctrl+9)")
        grid = QGridLayout(vocab)
        grid.addWidget(self.tag_list, 0, 0, 7, 1)
        buttons = (self.add_button, self.rename_button, self.remove_button, self.up_button,
                   self.down_button, self.colour_button)
        for row, b in enumerate(buttons):
            grid.addWidget(b, row, 1)
        self.problem_label = QLabel()
        self.problem_label.setObjectName("problem")
        self.problem_label.setWordWrap(True)
        self.problem_label.setAccessibleName("Problem")
        self.problem_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.button_box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                           | QDialogButtonBox.StandardButton.Cancel)
        self.button_box.accepted.connect(self.accept)
        self.button_box.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(who)
        layout.addWidget(vocab)
        self.ocr_box = OcrModeBox(self)  # OCR (issue #17)
        layout.addWidget(self.ocr_box)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.button_box)

        order = [self.name_edit, self.tag_list, *buttons, self.ocr_box.combo,
                 self.button_box.button(QDialogButtonBox.StandardButton.Ok),
                 self.button_box.button(QDialogButtonBox.StandardButton.Cancel)]
        for first, second in zip(order, order[1:]):
            QWidget.setTabOrder(first, second)

        loaded = T.load_vocabulary(self._path)
        self.set_tags(loaded.tags)
        self.show_problem(loaded.problem or "")
        self.resize(440, 520)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The list's own keys (only while it has focus, so they never fight the name box).
        if watched is self.tag_list and event.type() == QEvent.Type.KeyPress:
            mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            slot = self._list_keys.get((Qt.Key(event.key()), mods))
            if slot is not None and self.tag_list.state() != QAbstractItemView.State.EditingState:
                slot()
                return True
        return super().eventFilter(watched, event)

    def _button(self, text: str, tip: str, slot) -> QPushButton:
        b = QPushButton(text)
        b.setToolTip(tip)
        b.setAccessibleName(text.replace("&", "").rstrip("…"))
        b.setAutoDefault(False)
        b.clicked.connect(slot)
        return b

    # ===== the list ===========================================================================
    def set_tags(self, tags: tuple[T.Tag, ...] | list[T.Tag]) -> None:
        """Show ``tags`` in the list (first one current)."""
        self.tag_list.blockSignals(True)
        self.tag_list.clear()
        for tag in tags:
            self._append(tag.name, tag.colour).setData(_ORIGINAL_ROLE, tag.name)
        self.tag_list.blockSignals(False)
        self._renumber()
        self.tag_list.setCurrentRow(0 if tags else -1)
        self._update_buttons()

    def _append(self, name: str, colour: str, row: int | None = None) -> QListWidgetItem:
        item = QListWidgetItem(name)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
        item.setData(_COLOUR_ROLE, colour)
        item.setIcon(swatch(colour))
        if row is None:
            self.tag_list.addItem(item)
        else:
            self.tag_list.insertItem(row, item)
        return item

    def tags(self) -> list[T.Tag]:
        """The list as the clerk has it now (not yet checked)."""
        out = []
        for row in range(self.tag_list.count()):
            item = self.tag_list.item(row)
            out.append(T.Tag(item.text(), item.data(_COLOUR_ROLE) or T.DEFAULT_COLOUR))
        return out

    def renamed_tags(self) -> dict[str, str]:
        """{name when the dialog opened: name now} for each tag the clerk renamed."""
        out = {}
        for row in range(self.tag_list.count()):
            item = self.tag_list.item(row)
            original = item.data(_ORIGINAL_ROLE)
            if original and T.clean_name(item.text()) != original:
                out[original] = T.clean_name(item.text())
        return out

    def _renumber(self, *_args: object) -> None:
        # Tell screen readers and tooltips which shortcut each tag has.
        self.tag_list.blockSignals(True)
        for row in range(self.tag_list.count()):
            item = self.tag_list.item(row)
            keys = f"Ctrl+{row + 1}" if row < T.SHORTCUT_TAGS else "no shortcut"
            item.setToolTip(f"{item.text()} ({keys}), colour {item.data(_COLOUR_ROLE)}")
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{item.text()}, {keys}")
        self.tag_list.blockSignals(False)

    def _update_buttons(self, *_args: object) -> None:
        row = self.tag_list.currentRow()
        has = row >= 0
        for b in (self.rename_button, self.remove_button, self.colour_button):
            b.setEnabled(has)
        self.up_button.setEnabled(has and row > 0)
        self.down_button.setEnabled(has and row < self.tag_list.count() - 1)

    def add_tag(self) -> None:
        """Add a new tag after the current one and start editing its name."""
        taken = {t.name.casefold() for t in self.tags()}
        name, n = "new tag", 2
        while name.casefold() in taken:
            name, n = f"new tag {n}", n + 1
        row = self.tag_list.currentRow() + 1 if self.tag_list.currentRow() >= 0 \
            else self.tag_list.count()
        item = self._append(name, T.DEFAULT_COLOUR, row)
        self._renumber()
        self.tag_list.setCurrentItem(item)
        self.tag_list.setFocus()
        self.tag_list.editItem(item)

    def rename_tag(self) -> None:
        item = self.tag_list.currentItem()
        if item is not None:
            self.tag_list.setFocus()
            self.tag_list.editItem(item)

    def remove_tag(self) -> None:
        row = self.tag_list.currentRow()
        if row >= 0:
            self.tag_list.takeItem(row)
            self._renumber()
            self.tag_list.setCurrentRow(min(row, self.tag_list.count() - 1))
            self._update_buttons()

    def move_tag(self, step: int) -> None:
        """Move the current tag ``step`` places (its shortcut moves with its place)."""
        row = self.tag_list.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.tag_list.count():
            return
        item = self.tag_list.takeItem(row)
        self.tag_list.insertItem(target, item)
        self._renumber()
        self.tag_list.setCurrentRow(target)
        self._update_buttons()

    def set_colour(self, row: int, colour: str) -> None:
        """Give the tag at ``row`` the colour ``#rrggbb``."""
        item = self.tag_list.item(row)
        if item is not None:
            colour = T.clean_colour(colour)
            item.setData(_COLOUR_ROLE, colour)
            item.setIcon(swatch(colour))
            self._renumber()

    def choose_colour(self) -> None:
        """Open a colour chooser for the current tag (non-blocking)."""
        row = self.tag_list.currentRow()
        if row < 0:
            return
        dialog = QColorDialog(QColor(self.tag_list.item(row).data(_COLOUR_ROLE)), self)
        dialog.setWindowTitle(f"Colour of “{self.tag_list.item(row).text()}”")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.colorSelected.connect(lambda c: self.set_colour(row, c.name()))
        self._colour_dialog = dialog
        dialog.open()

    def show_problem(self, text: str) -> None:
        self.problem_label.setText(text)
        self.problem_label.setVisible(bool(text))

    # ===== saving =============================================================================
    def accept(self) -> None:
        """Save the name and the vocabulary; a list that cannot be kept keeps the dialog open
        with the reason shown."""
        try:
            saved = T.save_vocabulary(self.tags(), self._path)
        except T.VocabularyError as exc:
            self.show_problem(str(exc))
            self.tag_list.setFocus()
            return
        name = clean_clerk_name(self.name_edit.text())
        settings = QSettings()
        if name:
            settings.setValue(CLERK_KEY, name)
        else:
            settings.remove(CLERK_KEY)
        settings.sync()
        self.ocr_box.save()  # OCR (issue #17)
        self.renamed.emit(self.renamed_tags())
        self.saved.emit(saved)
        super().accept()


def open_preferences(window: QWidget, bus: PreferencesBus,
                     vocabulary_path: Path | None = None) -> SettingsDialog:
    """Show Preferences over ``window`` (window-modal, non-blocking); on OK ``bus`` announces
    the new vocabulary and clerk name."""
    dialog = SettingsDialog(window, vocabulary_path)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.renamed.connect(bus.tags_renamed.emit)
    dialog.saved.connect(bus.vocabulary_changed.emit)
    dialog.saved.connect(lambda _tags: bus.clerk_changed.emit(current_clerk()))
    dialog.open()
    return dialog
