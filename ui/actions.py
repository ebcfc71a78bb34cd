"""Every window action, defined once and keyed by id; menus and the toolbar are lists of ids.

A later feature adds its action here and its id to a menu list; the main window wires ids to
slots in one place. Menus a feature rebuilds itself (the tags, capture) have placeholder ids.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QWidget
from shiboken6 import isValid

from .theme import icon

SK = QKeySequence.StandardKey
SEPARATOR = "-"
RECENT_MENU = "@recent"  # placeholder id: the Open Recent submenu
CAPTURE_MENU = "@capture"  # placeholder id: Edit › Capture from Page (the capture feature's)
ANNOTATE_COLOUR_MENU = "@annotate_colour"  # placeholder: the annotation colours (ui/annotations)
TAG_MENU = "@tags"  # placeholder: the Tag menu is the tagging feature's (rebuilt with the tags)


@dataclass(frozen=True)
class ActionSpec:
    """What an action looks like: text, shortcuts (StandardKey or strings), icon, tooltip."""

    text: str
    shortcuts: tuple[SK | str, ...] = ()
    icon: str | None = None
    tip: str = ""
    checkable: bool = False
    extra: dict = field(default_factory=dict, compare=False)


ACTIONS: dict[str, ActionSpec] = {
    "file.open": ActionSpec("&Open…", (SK.Open,), "document-open", "Open a paper (PDF)"),
    "file.close": ActionSpec("&Close", (SK.Close,), "document-close", "Close the paper"),
    "file.quit": ActionSpec("&Quit", (SK.Quit, "Ctrl+Q"), "application-exit", "Quit mopac-desk"),
    "file.clear_recent": ActionSpec("Clear Recent Papers"),
    "file.export_pack": ActionSpec("Export Meeting &Pack…", ("Ctrl+E",), "document-save-as",
                                   "Export an Excel summary for an IAM meeting pack"),
    "edit.undo": ActionSpec("&Undo", (SK.Undo,), None, "Undo the last review step"),
    "edit.redo": ActionSpec("&Redo", ("Ctrl+Shift+Z", "Ctrl+Y"), None,
                            "Redo the step undone"),
    "edit.copy": ActionSpec("&Copy", (SK.Copy,), "edit-copy", "Copy the selected text"),
    "edit.find": ActionSpec("&Find…", (SK.Find,), "edit-find", "Find a phrase in the paper"),
    "edit.find_next": ActionSpec("Find &Next", ("F3",), None, "Next match"),
    "edit.find_previous": ActionSpec("Find &Previous", ("Shift+F3",), None,
                                     "Previous match"),
    "edit.preferences": ActionSpec("Pre&ferences…", (SK.Preferences, "Ctrl+,"), None,
                                   "Your name for the history, and the tag vocabulary"),
    "view.zoom_in": ActionSpec("Zoom &In", (SK.ZoomIn, "Ctrl+="), "zoom-in", "Zoom in"),
    "view.zoom_out": ActionSpec("Zoom &Out", (SK.ZoomOut,), "zoom-out", "Zoom out"),
    "view.actual_size": ActionSpec("&Actual Size", ("Ctrl+0",), "zoom-original",
                                   "Show the page at its printed size"),
    "view.fit_width": ActionSpec("Fit &Width", ("Ctrl+Alt+2",), "zoom-fit-width",
                                 "Fit the page width to the window"),
    "view.fit_page": ActionSpec("Fit &Page", ("Ctrl+Alt+1",), "zoom-fit-best",
                                "Fit the whole page in the window"),
    "view.thumbnails": ActionSpec("&Thumbnails", ("F4",), "view-thumbnails",
                                  "Show or hide page thumbnails", checkable=True),
    "go.previous": ActionSpec("&Previous Page", ("Ctrl+PgUp",), "go-up", "Previous page"),
    "go.next": ActionSpec("&Next Page", ("Ctrl+PgDown",), "go-down", "Next page"),
    "go.first": ActionSpec("&First Page", ("Ctrl+Home",), "go-first", "First page"),
    "go.last": ActionSpec("&Last Page", ("Ctrl+End",), "go-last", "Last page"),
    "go.page": ActionSpec("&Go to Page…", ("Ctrl+G",), "go-jump", "Go to a page number"),
    "review.cycle_focus": ActionSpec("Page or Review", ("F6",), None,
                                     "Move the focus between the page and the review panel"),
    "review.focus": ActionSpec("Review Panel", ("Ctrl+Shift+R",), None,
                               "Put the focus in the review panel"),
    **{f"review.section{n}": ActionSpec(name, (f"Alt+{n}",), None, f"Show the {name} section")
       for n, name in enumerate(("Fields", "Recommendations", "Costs", "Checks"), start=1)},
    # Annotate (ui/annotations/): one tool at a time; a markup chosen with text selected
    # marks it at once
    "annotate.select": ActionSpec("&Select", ("Ctrl+Alt+S",), None,
                                  "Select text and annotations"),
    "annotate.highlight": ActionSpec("&Highlight", ("Ctrl+Alt+H",), None,
                                     "Highlight the selected text"),
    "annotate.underline": ActionSpec("&Underline", ("Ctrl+Alt+U",), None,
                                     "Underline the selected text"),
    "annotate.strikeout": ActionSpec("Stri&ke Out", ("Ctrl+Alt+K",), None,
                                     "Strike out the selected text"),
    "annotate.note": ActionSpec("Sticky &Note", ("Ctrl+Alt+N",), None,
                                "Put a note at a point (Return: mid-page)"),
    "annotate.area": ActionSpec("&Area Box", ("Ctrl+Alt+B",), None,
                                "Drag a box round a table or figure"),
    "annotate.textbox": ActionSpec("&Text Box", ("Ctrl+Alt+T",), None,
                                   "Type words on the page"),
    "annotate.panel": ActionSpec("Annotations &Panel", ("Ctrl+Shift+A",), None,
                                 "Put the focus in the Annotations panel"),
    "file.export_annotated": ActionSpec("Export &Annotated PDF…", (), None,
                                        "Write the paper with its annotations as a PDF "
                                        "any reader shows"),
    # Compare (ui/compare/): two papers side by side, scrolled together, changes listed
    "view.side_by_side": ActionSpec("Side by &Side…", ("Ctrl+Alt+C",), None,
                                    "Compare the open paper with an earlier one, side by side"),
    "compare.next": ActionSpec("&Next Change", ("F7",), "go-down",
                               "Go to the next change on both sides"),
    "compare.previous": ActionSpec("P&revious Change", ("Shift+F7",), "go-up",
                                   "Go to the previous change on both sides"),
    "compare.sync": ActionSpec("Scroll &Together", ("Ctrl+Alt+Y",), None,
                               "Keep the same words level on both sides", checkable=True),
    "compare.export": ActionSpec("Export &Changes…", (), "document-save-as",
                                 "Write the changes to an Excel sheet"),
    "compare.cancel": ActionSpec("Cancel Comparing", (), None, "Stop comparing the papers"),
    "compare.swap": ActionSpec("S&wap Sides", (), None,
                               "Show the later paper on the left and compare the other way"),
    "compare.close": ActionSpec("Close Side by Side", ("Ctrl+Alt+W",), "window-close",
                                "Back to the one paper"),
    # OCR (ui/ocr/): a scan with its words as an invisible layer, for other readers
    "file.save_searchable": ActionSpec("Save &Searchable Copy…", (), None,
                                       "Write this scan with the words OCR read as an "
                                       "invisible text layer, so any reader can search it"),
    # Help (ui/first_run.py, ui/about.py)
    "help.welcome": ActionSpec("&Welcome…", (), None,
                               "The demo register, importing a folder, opening a paper"),
    "help.about": ActionSpec("&About mopac-desk", (), None,
                             "Version, the register in use and where the logs are kept"),
    # Tools (ui/trust/): check every stored copy and the register file, repair what can be
    "tools.check_register": ActionSpec("&Check Register…", (), None,
                                       "Check the register file and every stored copy, and "
                                       "repair what can be repaired"),
}

MENUS: list[tuple[str, list[str]]] = [
    ("&File", ["file.open", RECENT_MENU, SEPARATOR, "file.close", SEPARATOR,
               "file.export_pack", "file.export_annotated", "compare.export",
               "file.save_searchable", SEPARATOR,
               "file.quit"]),
    ("&Edit", ["edit.undo", "edit.redo", SEPARATOR, "edit.copy", SEPARATOR, "edit.find",
               "edit.find_next", "edit.find_previous", SEPARATOR, "edit.preferences",
               CAPTURE_MENU]),
    ("&View", ["view.zoom_in", "view.zoom_out", "view.actual_size", SEPARATOR,
               "view.fit_width", "view.fit_page", SEPARATOR, "view.thumbnails", SEPARATOR,
               "view.side_by_side", "compare.previous", "compare.next", "compare.sync",
               "compare.swap", "compare.close"]),
    ("&Go", ["go.first", "go.previous", "go.next", "go.last", SEPARATOR, "go.page"]),
    ("A&nnotate", ["annotate.select", SEPARATOR, "annotate.highlight", "annotate.underline",
                   "annotate.strikeout", SEPARATOR, "annotate.note", "annotate.area",
                   "annotate.textbox", SEPARATOR, ANNOTATE_COLOUR_MENU, "annotate.panel"]),
    (TAG_MENU, []),
    ("&Tools", ["tools.check_register"]),
    ("&Help", ["help.welcome", "help.about"]),
]

TOOLBAR: list[str] = [
    "file.open", SEPARATOR, "view.thumbnails", SEPARATOR, "go.previous", "go.next",
    "@page_spin", SEPARATOR, "view.zoom_out", "@zoom_box", "view.zoom_in", "view.fit_width",
    "view.fit_page", SEPARATOR, "edit.find",
]

# Actions that only make sense with a paper open.
NEEDS_DOCUMENT = {
    "file.close", "edit.copy", "edit.find", "edit.find_next", "edit.find_previous",
    "view.zoom_in", "view.zoom_out", "view.actual_size", "view.fit_width", "view.fit_page",
    "go.previous", "go.next", "go.first", "go.last", "go.page",
    "annotate.select", "annotate.highlight", "annotate.underline", "annotate.strikeout",
    "annotate.note", "annotate.area", "annotate.textbox", "file.export_annotated",
    "file.save_searchable",
}


def bind_undo(actions: dict[str, QAction], stack: QUndoStack) -> None:
    """Edit › Undo/Redo run ``stack`` and say which step they would undo or redo."""
    undo, redo = actions["edit.undo"], actions["edit.redo"]
    undo.triggered.connect(stack.undo)
    redo.triggered.connect(stack.redo)

    def follow() -> None:
        # A stack torn down with steps still on it signals once more as it goes.
        if not (isValid(stack) and isValid(undo) and isValid(redo)):
            return
        undo.setEnabled(stack.canUndo())
        redo.setEnabled(stack.canRedo())
        undo.setText(" ".join(filter(None, ("&Undo", stack.undoText()))))
        redo.setText(" ".join(filter(None, ("&Redo", stack.redoText()))))

    for signal in (stack.indexChanged, stack.cleanChanged, stack.canUndoChanged,
                   stack.canRedoChanged):
        signal.connect(lambda *_a: follow())
    follow()


def build_action(action_id: str, spec: ActionSpec, parent: QWidget) -> QAction:
    """A QAction for ``spec`` (object name = id, so tests and features can find it)."""
    action = QAction(spec.text, parent)
    action.setObjectName(action_id)
    if spec.icon:
        action.setIcon(icon(spec.icon))
    keys: list[QKeySequence] = []
    for s in spec.shortcuts:
        if isinstance(s, SK):
            keys.extend(QKeySequence.keyBindings(s))
        else:
            keys.append(QKeySequence(s))
    unique: list[QKeySequence] = []
    for k in keys:
        if not k.isEmpty() and k not in unique:
            unique.append(k)
    action.setShortcuts(unique)
    tip = spec.tip or spec.text.replace("&", "").rstrip("…")
    if unique:
        tip += f" ({unique[0].toString(QKeySequence.SequenceFormat.NativeText)})"
    action.setToolTip(tip)
    action.setStatusTip(spec.tip)
    action.setCheckable(spec.checkable)
    return action


def build_actions(parent: QWidget) -> dict[str, QAction]:
    """Every action in ``ACTIONS``, keyed by id."""
    return {action_id: build_action(action_id, spec, parent) for action_id, spec in ACTIONS.items()}
