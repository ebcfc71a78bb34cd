"""File > Export meeting pack…: choose what to export, where, and run it off the GUI thread.

The dialog only gathers choices and shows progress; building and writing the pack is
``mopac_desk.export`` work, done on an ``ExportThread`` with its own register connection.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

from PySide6.QtCore import QThread, Signal
from PySide6.QtWidgets import (
    QButtonGroup, QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog, QGridLayout,
    QHBoxLayout, QLabel, QLineEdit, QProgressBar, QPushButton, QRadioButton, QVBoxLayout,
    QWidget,
)

from mopac_desk.export.excel import PackWriteError, write_pack
from mopac_desk.export.from_register import (
    pack_for_meeting, pack_for_papers, pack_for_register,
)
from mopac_desk.register import Register, RegisterError

MEETING, SELECTED, ALL = "meeting", "selected", "all"


@dataclass(frozen=True)
class ExportRequest:
    """What to export: ``scope`` is meeting / selected / all."""

    register_path: Path
    scope: str
    out: Path
    publication: bool = False
    meeting_id: int | None = None
    paper_ids: tuple[int, ...] = ()


def run_export(request: ExportRequest, progress=None) -> Path:
    """Build and write the pack for ``request`` (any thread; opens its own register)."""
    def building(done: int, total: int) -> None:
        if progress:
            progress(done * 50 // max(total, 1))

    def writing(done: int, total: int) -> None:
        if progress:
            progress(50 + done * 50 // max(total, 1))

    with Register(request.register_path) as reg:
        if request.scope == MEETING:
            if request.meeting_id is None:
                raise PackWriteError("Choose a meeting to export.")
            pack = pack_for_meeting(reg, request.meeting_id, progress=building)
        elif request.scope == SELECTED:
            pack = pack_for_papers(reg, request.paper_ids, progress=building)
        else:
            pack = pack_for_register(reg, progress=building)
    return write_pack(pack, request.out, publication=request.publication, progress=writing)


class ExportThread(QThread):
    """Runs :func:`run_export`; the outcome arrives as ``succeeded(path)`` or ``failed(text)``."""

    progress = Signal(int)    # percent
    succeeded = Signal(str)   # path written
    failed = Signal(str)      # plain-English reason

    def __init__(self, request: ExportRequest, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.request = request

    def run(self) -> None:
        try:
            out = run_export(self.request, self.progress.emit)
        except (RegisterError, PackWriteError) as exc:
            self.failed.emit(str(exc))
        except Exception as exc:  # noqa: BLE001 - the clerk gets a sentence, not a traceback
            self.failed.emit(f"The pack could not be written ({type(exc).__name__}: {exc}).")
        else:
            self.succeeded.emit(str(out))


class ExportDialog(QDialog):
    """Choose meeting / selected papers / whole register, publication version, output file."""

    exported = Signal(str)  # path of a pack just written

    def __init__(self, register_path: Path, meetings: Sequence[dict[str, Any]] = (),
                 selected_paper_ids: Sequence[int] = (), default_dir: Path | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export meeting pack")
        self.setObjectName("export-dialog")
        self.register_path = Path(register_path)
        self.selected_paper_ids = tuple(selected_paper_ids)
        self.default_dir = default_dir or Path.home()
        self.thread: ExportThread | None = None
        self.last_error: str | None = None
        self._build(meetings)
        self._update_state()

    @classmethod
    def for_register(cls, register: Register, selected_paper_ids: Sequence[int] = (),
                     parent: QWidget | None = None) -> "ExportDialog":
        """A dialog listing ``register``'s meetings (read now, on the calling thread)."""
        return cls(register.path, register.meetings(), selected_paper_ids, parent=parent)

    # -- layout -----------------------------------------------------------------------------
    def _build(self, meetings: Sequence[dict[str, Any]]) -> None:
        self.meeting_radio = QRadioButton("&Meeting:")
        self.meeting_combo = QComboBox()
        for m in meetings:
            self.meeting_combo.addItem(
                f"{m['date']}  {m['name']}  ({m.get('papers', 0)} paper(s))", m["id"])
        n = len(self.selected_paper_ids)
        self.selected_radio = QRadioButton(f"&Selected papers ({n})")
        self.all_radio = QRadioButton("&Whole register")
        self.scope_group = QButtonGroup(self)
        for button in (self.meeting_radio, self.selected_radio, self.all_radio):
            self.scope_group.addButton(button)
        self.selected_radio.setEnabled(n > 0)
        self.meeting_radio.setEnabled(bool(meetings))
        self.meeting_combo.setEnabled(bool(meetings))
        (self.meeting_radio if meetings else self.selected_radio if n else self.all_radio
         ).setChecked(True)

        self.publication_box = QCheckBox("&Publication version (leave out Part 2 content)")

        self.path_edit = QLineEdit()
        self.path_edit.setPlaceholderText("Where to save the pack (.xlsx)")
        self.browse_button = QPushButton("&Choose…")
        self.progress_bar = QProgressBar()
        self.progress_bar.setRange(0, 100)
        self.progress_bar.setValue(0)
        self.status_label = QLabel("")
        self.status_label.setWordWrap(True)

        self.buttons = QDialogButtonBox()
        self.export_button = self.buttons.addButton("&Export",
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)

        grid = QGridLayout()
        grid.addWidget(self.meeting_radio, 0, 0)
        grid.addWidget(self.meeting_combo, 0, 1)
        grid.addWidget(self.selected_radio, 1, 0, 1, 2)
        grid.addWidget(self.all_radio, 2, 0, 1, 2)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(self.browse_button)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(self.publication_box)
        layout.addWidget(QLabel("Save as:"))
        layout.addLayout(path_row)
        layout.addWidget(self.progress_bar)
        layout.addWidget(self.status_label)
        layout.addWidget(self.buttons)

        self.scope_group.buttonToggled.connect(self._update_state)
        self.path_edit.textChanged.connect(self._update_state)
        self.browse_button.clicked.connect(self.choose_path)
        self.export_button.clicked.connect(self.start_export)
        self.close_button.clicked.connect(self.reject)
        self.resize(520, self.sizeHint().height())

    def _update_state(self, *_: object) -> None:
        running = self.thread is not None
        self.meeting_combo.setEnabled(self.meeting_radio.isChecked() and not running)
        self.export_button.setEnabled(bool(self.path_edit.text().strip()) and not running)
        for w in (self.meeting_radio, self.selected_radio, self.all_radio, self.publication_box,
                  self.path_edit, self.browse_button, self.close_button):
            w.setEnabled(not running and (w is not self.selected_radio
                                          or bool(self.selected_paper_ids))
                         and (w is not self.meeting_radio or self.meeting_combo.count() > 0))

    # -- intents ----------------------------------------------------------------------------
    def choose_path(self) -> None:
        """Ask where to save (the platform's save dialog)."""
        start = self.path_edit.text().strip() or str(self.default_dir / self.suggested_name())
        path, _ = QFileDialog.getSaveFileName(self, "Save meeting pack", start,
                                              "Excel workbook (*.xlsx)")
        if path:
            self.path_edit.setText(path)

    def suggested_name(self) -> str:
        """A file name for the current choice, e.g. ``meeting-pack-2021-04-09.xlsx``."""
        if self.meeting_radio.isChecked() and self.meeting_combo.count():
            date_text = self.meeting_combo.currentText().split()[0]
            name = f"meeting-pack-{date_text}"
        elif self.selected_radio.isChecked():
            name = "selected-papers-pack"
        else:
            name = "register-pack"
        if self.publication_box.isChecked():
            name += "-publication"
        return name + ".xlsx"

    def request(self) -> ExportRequest:
        """The choices on screen as an :class:`ExportRequest`."""
        out = Path(self.path_edit.text().strip()).expanduser()
        if out.suffix.lower() != ".xlsx":
            out = out.with_name(out.name + ".xlsx")
        if self.meeting_radio.isChecked():
            scope = MEETING
        elif self.selected_radio.isChecked():
            scope = SELECTED
        else:
            scope = ALL
        return ExportRequest(
            register_path=self.register_path, scope=scope, out=out,
            publication=self.publication_box.isChecked(),
            meeting_id=self.meeting_combo.currentData() if scope == MEETING else None,
            paper_ids=self.selected_paper_ids if scope == SELECTED else (),
        )

    def start_export(self) -> None:
        """Start writing the pack on a worker thread (ignored while one is running)."""
        if self.thread is not None or not self.path_edit.text().strip():
            return
        self.last_error = None
        # Busy (no percentage) until the first step is done: "0 %" before anything has
        # started reads as stuck.
        self.progress_bar.setRange(0, 0)
        self.status_label.setStyleSheet("")
        self.status_label.setText("Exporting…")
        self.thread = ExportThread(self.request(), self)
        self.thread.progress.connect(self._progress)
        self.thread.succeeded.connect(self._succeeded)
        self.thread.failed.connect(self._failed)
        self.thread.finished.connect(self._thread_finished)
        self._update_state()
        self.thread.start()

    def _progress(self, percent: int) -> None:
        if percent <= 0:
            return  # still starting: stay busy
        if self.progress_bar.maximum() == 0:
            self.progress_bar.setRange(0, 100)
        self.progress_bar.setValue(percent)

    def _succeeded(self, path: str) -> None:
        self.progress_bar.setRange(0, 100)
        self.progress_bar.setValue(100)
        self.status_label.setText(f"Saved the pack to {path}")
        self.exported.emit(path)

    def _failed(self, message: str) -> None:
        self.last_error = message
        self.progress_bar.setRange(0, 100)
        self.progress_bar.setValue(0)
        self.status_label.setStyleSheet("color: #b00020;")
        self.status_label.setText(message)

    def _thread_finished(self) -> None:
        thread, self.thread = self.thread, None
        if thread is not None:
            thread.deleteLater()
        self._update_state()

    def is_running(self) -> bool:
        return self.thread is not None

    def done(self, result: int) -> None:  # noqa: D102 - QDialog override
        # Closing while the pack is being written would tear down the worker mid-save.
        if self.thread is not None:
            self.thread.wait()
        super().done(result)
