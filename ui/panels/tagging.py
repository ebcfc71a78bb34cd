"""Tags on the review panel: a Tag menu (menu bar and the panel's context menus) with one action
per tag of the clerk's vocabulary; Ctrl+1..Ctrl+9 toggle the first nine on every selected item.

Each toggle is one :class:`TagCommand` on the panel's undo stack. What a toggle does (add to
those lacking the tag, or take it off all) is decided by ``mopac_desk.review.tags``.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from mopac_desk.register import Register, RegisterError
from mopac_desk.review import tags as T

from ..settings_dialog import PreferencesBus, swatch
from ..workspace import Workspace
from .commands import RegisterCommand
from .review_panel import ReviewPanel

MENU_TITLE = "&Tag"


class TagCommand(RegisterCommand):
    """Toggle one tag on the selected items: redo tags (or untags) exactly the items the toggle
    names; undo does the exact inverse. The register tag is created on first use."""

    def __init__(self, workspace: Workspace, tag: T.Tag, toggle: T.TagToggle) -> None:
        n = len(toggle.items)
        things = f"{n} item{'s' if n != 1 else ''}"
        text = (f"Tag {things} “{tag.name}”" if toggle.add
                else f"Remove tag “{tag.name}” from {things}")
        super().__init__(workspace, text)
        self.tag, self.toggle = tag, toggle
        self.tag_id: int | None = None

    def apply(self, register: Register, who: str) -> None:
        if self.tag_id is None:
            name = T.ensure_register_tag(register, self.tag, who)
            self.tag_id = next(t["id"] for t in register.tags() if t["name"] == name)
        # By id from now on: a later rename in Preferences must not strand this step.
        self.toggle = T.TagToggle(self.tag_id, self.toggle.add, self.toggle.items)
        T.apply_toggle(register, self.toggle, who)

    def revert(self, register: Register, who: str) -> None:
        T.apply_toggle(register, self.toggle, who, inverse=True)


class TaggingController(QObject):
    """Owns the Tag menu and its actions for one panel, rebuilt when the vocabulary changes.

    ``shortcut_host`` (the window) carries the actions so Ctrl+1..9 work wherever the focus
    is in it; ``bus`` tells of an edited vocabulary. The wiring puts ``menu`` in the menu bar.
    """

    def __init__(self, workspace: Workspace, panel: ReviewPanel, shortcut_host: QWidget,
                 bus: PreferencesBus) -> None:
        super().__init__(panel)
        self.setObjectName("tagging")
        self.workspace = workspace
        self.panel = panel
        self.window = shortcut_host
        vocabulary = T.load_vocabulary()
        self.tags: tuple[T.Tag, ...] = vocabulary.tags
        self.problem = vocabulary.problem
        self.menu = QMenu("&Tag", panel)
        self.menu.setObjectName("tag-menu")
        self.menu.setToolTipsVisible(True)
        self.menu.aboutToShow.connect(self._show_states)
        self.menu.aboutToHide.connect(self._enable_all)
        self.actions: list[QAction] = []
        self._build_actions()
        # The panel's lists show their actions as their context menu: the Tag submenu joins.
        for view in (panel.recommendations_view, panel.costs_view):
            separator = QAction(view)
            separator.setSeparator(True)
            view.addAction(separator)
            view.addAction(self.menu.menuAction())
        bus.tags_renamed.connect(self._renamed)
        bus.vocabulary_changed.connect(self.set_vocabulary)
        self._renames: dict[str, str] = {}
        if self.problem:
            panel.show_message(self.problem)

    # ===== actions ============================================================================
    def _build_actions(self) -> None:
        for action in self.actions:
            self.window.removeAction(action)
            action.deleteLater()
        self.menu.clear()
        self.actions = []
        for n, tag in enumerate(self.tags):
            action = QAction(tag.name, self.window)
            action.setObjectName(f"tag.{n + 1}")
            action.setIcon(swatch(tag.colour))
            action.setCheckable(True)
            action.setData(tag.name)
            if n < T.SHORTCUT_TAGS:
                action.setShortcut(QKeySequence(f"Ctrl+{n + 1}"))
                action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            keys = f" ({action.shortcut().toString()})" if n < T.SHORTCUT_TAGS else ""
            action.setToolTip(f"Put “{tag.name}” on the selected items, or take it off when "
                              f"they all have it{keys}")
            action.triggered.connect(lambda _checked=False, t=tag: self.toggle(t))
            self.menu.addAction(action)
            # In the window too, so the shortcut works wherever the focus is in it.
            self.window.addAction(action)
            self.actions.append(action)
        if not self.tags:
            empty = self.menu.addAction("No tags: add some in Edit › Preferences")
            empty.setEnabled(False)

    def _renamed(self, renames: dict[str, str]) -> None:
        self._renames = dict(renames)

    def set_vocabulary(self, tags: tuple[T.Tag, ...]) -> None:
        """Follow the clerk's edited vocabulary (names, order, shortcuts, colours); renames
        and colours reach the register's tags too, so tagged items follow the new name."""
        self.tags = tuple(tags)
        self._build_actions()
        renames, self._renames = self._renames, {}
        register = self.workspace.register
        if register is None:
            return
        try:
            with self.workspace.acting(self):  # the renames reach every view as one change
                problems = T.sync_register_tags(register, self.tags, renames,
                                                self.workspace.clerk())
        except RegisterError as exc:
            problems = [str(exc)]
        for problem in problems:
            self.panel.show_message(problem)

    def action_for(self, name: str) -> QAction | None:
        """The action of the tag called ``name`` (ignoring case)."""
        for action in self.actions:
            if action.data().casefold() == name.casefold():
                return action
        return None

    def _show_states(self) -> None:
        # Ticked when every selected item carries the tag (choosing it then takes it off).
        register, items = self.workspace.register, self.panel.selected_items()
        for action in self.actions:
            action.setEnabled(register is not None and bool(items))
            ticked = False
            if register is not None and items:
                plan = T.plan_toggle(register, action.data(), items)
                ticked = not plan.add
            action.setChecked(ticked)

    def _enable_all(self) -> None:
        # Greyed only while the menu is open: a disabled action would also lose its shortcut.
        for action in self.actions:
            action.setEnabled(True)

    # ===== toggling ===========================================================================
    def toggle(self, tag: T.Tag) -> TagCommand | None:
        """Toggle ``tag`` on the panel's selected items (one undoable command)."""
        register = self.workspace.register
        items = self.panel.selected_items()
        if register is None or self.panel.paper_id is None:
            self.panel.show_message("Open a paper from the register before tagging.")
            return None
        if not items:
            self.panel.show_message("Select one or more recommendations or costs in the "
                                    "Review panel, then choose the tag.")
            return None
        command = TagCommand(self.workspace, tag, T.plan_toggle(register, tag.name, items))
        self.panel.push(command)
        return command

