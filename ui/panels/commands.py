"""Undoable review edits: each command's redo/undo is one register operation (audited).

Subclass :class:`RegisterCommand` and implement ``apply(register, who)`` and
``revert(register, who)``. A command holds the workspace (for whichever register is open) and
the ids it edits, never a widget: views refresh from the workspace's one ``changed`` signal
per step. A refusal by the register (``RegisterError``) goes out as ``workspace.refused`` in
plain English, and a command whose first ``apply`` fails never enters the undo stack.
"""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtGui import QUndoCommand

from mopac_desk.register import PaperDetail, Register, RegisterError
from mopac_desk.register.detail import CostRow, RecommendationRow

from ..workspace import Workspace


class RegisterCommand(QUndoCommand):
    """A panel edit: ``apply`` does it, ``revert`` writes the inverse; both hit the register."""

    def __init__(self, workspace: Workspace, text: str) -> None:
        super().__init__(text)
        self.workspace = workspace
        self.error: str | None = None
        self._done_once = False

    def apply(self, register: Register, who: str) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def revert(self, register: Register, who: str) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def _run(self, step: Callable[[Register, str], Any]) -> bool:
        register = self.workspace.register
        if register is None:
            self.error = "No register is open."
            return False
        try:
            # One step is one edit: however many operations it takes, views hear once.
            with self.workspace.acting(self):
                step(register, self.workspace.clerk())
        except RegisterError as exc:
            self.error = str(exc)
            return False
        self.error = None
        return True

    def redo(self) -> None:
        ok = self._run(self.apply)
        if not ok:
            if not self._done_once:
                # Refused at once: QUndoStack drops a command made obsolete in redo().
                self.setObsolete(True)
            self.workspace.refuse(self.error or "")
        self._done_once = self._done_once or ok

    def undo(self) -> None:
        if not self._run(self.revert):
            self.workspace.refuse(self.error or "")


class OneStep(QUndoCommand):
    """Several commands as one undo step, announced to the views once each way: undoing
    "Add 3 costs" re-reads the paper once, not three times. The commands are done in order
    and undone in reverse; they never enter the stack themselves."""

    def __init__(self, workspace: Workspace, text: str, steps: list[QUndoCommand]) -> None:
        super().__init__(text)
        self.workspace = workspace
        self.steps = list(steps)

    def redo(self) -> None:
        with self.workspace.acting(self):
            for step in self.steps:
                step.redo()

    def undo(self) -> None:
        with self.workspace.acting(self):
            for step in reversed(self.steps):
                step.undo()


class SetFieldCommand(RegisterCommand):
    """Correct a field's value by hand (it becomes confirmed). A value typed in has no place
    on the page, so the old extracted place goes with the old value; undo puts the old value,
    tick and place back."""

    def __init__(self, workspace: Workspace, paper_id: int, name: str, value: str | None,
                 old_value: str | None, old_confirmed: bool, label: str,
                 old_place: tuple[int | None, str | None, list] = (None, None, [])) -> None:
        super().__init__(workspace, f"Set {label}")
        self.paper_id, self.name, self.value = paper_id, name, value
        self.old_value, self.old_confirmed = old_value, old_confirmed
        self.old_place = old_place

    def apply(self, register: Register, who: str) -> None:
        register.set_field(self.paper_id, self.name, self.value, who, clear_provenance=True)

    def revert(self, register: Register, who: str) -> None:
        page, quote, rects = self.old_place
        register.set_field(self.paper_id, self.name, self.old_value, who,
                           confirmed=self.old_confirmed, page=page, quote=quote,
                           rects=rects, clear_provenance=page is None)


class ConfirmFieldCommand(RegisterCommand):
    """Tick or untick a field's "confirmed" box."""

    def __init__(self, workspace: Workspace, paper_id: int, name: str, confirmed: bool,
                 label: str) -> None:
        super().__init__(workspace, f"{'Confirm' if confirmed else 'Unconfirm'} {label}")
        self.paper_id, self.name, self.confirmed = paper_id, name, confirmed

    def apply(self, register: Register, who: str) -> None:
        register.confirm_field(self.paper_id, self.name, who, confirmed=self.confirmed)

    def revert(self, register: Register, who: str) -> None:
        register.confirm_field(self.paper_id, self.name, who, confirmed=not self.confirmed)


class SetStatusCommand(RegisterCommand):
    """Move the paper to another status."""

    def __init__(self, workspace: Workspace, paper_id: int, status: str, old: str) -> None:
        super().__init__(workspace, f"Set status to {status}")
        self.paper_id, self.status, self.old = paper_id, status, old

    def apply(self, register: Register, who: str) -> None:
        register.set_status(self.paper_id, self.status, who)

    def revert(self, register: Register, who: str) -> None:
        register.set_status(self.paper_id, self.old, who)

    def id(self) -> int:
        return 1  # consecutive status changes of one paper are one undo step

    def mergeWith(self, other: QUndoCommand) -> bool:
        # Arrowing through the status box writes each status it passes (the audit keeps
        # them), but one Ctrl+Z goes straight back to where the clerk started.
        if not isinstance(other, SetStatusCommand) or other.paper_id != self.paper_id:
            return False
        self.status = other.status
        self.setText(other.text())
        return True


class SetOutcomeCommand(RegisterCommand):
    """Record (or clear) a recommendation's outcome."""

    def __init__(self, workspace: Workspace, rec_id: int, outcome: str | None,
                 old: str | None) -> None:
        super().__init__(workspace, f"Set outcome to {outcome or 'none'}")
        self.rec_id, self.outcome, self.old = rec_id, outcome, old

    def apply(self, register: Register, who: str) -> None:
        register.set_outcome(self.rec_id, self.outcome, who)

    def revert(self, register: Register, who: str) -> None:
        register.set_outcome(self.rec_id, self.old, who)


class SetCostKindCommand(RegisterCommand):
    """Reclassify a cost (changes which total it counts in)."""

    def __init__(self, workspace: Workspace, cost_id: int, kind: str, old: str,
                 old_by_clerk: bool = True) -> None:
        super().__init__(workspace, f"Set cost kind to {kind}")
        self.cost_id, self.kind, self.old, self.old_by_clerk = cost_id, kind, old, old_by_clerk

    def apply(self, register: Register, who: str) -> None:
        register.update_cost_kind(self.cost_id, self.kind, who)

    def revert(self, register: Register, who: str) -> None:
        register.update_cost_kind(self.cost_id, self.old, who, by_clerk=self.old_by_clerk)


class DeleteItemsCommand(RegisterCommand):
    """Remove wrongly found recommendations or costs; undo restores them with their ids."""

    def __init__(self, workspace: Workspace, entity: str,
                 rows: list[RecommendationRow] | list[CostRow],
                 children: dict[int, list[int]]) -> None:
        what = "recommendation" if entity == "recommendation" else "cost"
        n = len(rows)
        super().__init__(workspace, f"Delete {n} {what}{'s' if n != 1 else ''}")
        self.entity, self.rows, self.children = entity, rows, children

    @classmethod
    def of(cls, workspace: Workspace, detail: PaperDetail,
           keys: list[tuple[str, int]]) -> "DeleteItemsCommand | None":
        """The command deleting items ``keys`` (all of one entity) of paper ``detail``, keeping
        what undo needs: the rows, and each recommendation's sub-items."""
        entity = keys[0][0]
        rows: list[RecommendationRow] | list[CostRow]
        children: dict[int, list[int]] = {}
        if entity == "recommendation":
            rows = [r for r in detail.recommendations if (entity, r.id) in keys]
            for r in detail.recommendations:
                if r.parent_id is not None:
                    children.setdefault(r.parent_id, []).append(r.id)
        else:
            rows = [c for c in detail.costs if (entity, c.id) in keys]
        return cls(workspace, entity, rows, children) if rows else None

    def apply(self, register: Register, who: str) -> None:
        # One transaction: a refusal part-way deletes nothing.
        register.delete_items(self.entity, [row.id for row in self.rows], who)

    def revert(self, register: Register, who: str) -> None:
        for row in reversed(self.rows):
            register.restore_item(self.entity, row, children=self.children.get(row.id, []),
                                  who=who)


class DismissFindingCommand(RegisterCommand):
    """Dismiss a check with a reason; undo reopens it."""

    def __init__(self, workspace: Workspace, finding_id: int, reason: str, code: str) -> None:
        super().__init__(workspace, f"Dismiss check {code}")
        self.finding_id, self.reason = finding_id, reason

    def apply(self, register: Register, who: str) -> None:
        register.dismiss_finding(self.finding_id, self.reason, who)

    def revert(self, register: Register, who: str) -> None:
        register.undismiss_finding(self.finding_id, who)


class ReopenFindingCommand(RegisterCommand):
    """Reopen a dismissed check; undo dismisses it again with the same reason."""

    def __init__(self, workspace: Workspace, finding_id: int, reason: str, code: str) -> None:
        super().__init__(workspace, f"Reopen check {code}")
        self.finding_id, self.reason = finding_id, reason

    def apply(self, register: Register, who: str) -> None:
        register.undismiss_finding(self.finding_id, who)

    def revert(self, register: Register, who: str) -> None:
        register.dismiss_finding(self.finding_id, self.reason, who)


class DismissFindingsCommand(RegisterCommand):
    """Dismiss a check and its identical twins (the same finding on other pages) with one
    reason, as one undo step; undo reopens them all."""

    def __init__(self, workspace: Workspace, findings: list[tuple[int, str]],
                 reason: str) -> None:
        n = len(findings)
        text = (f"Dismiss check {findings[0][1]}" if n == 1
                else f"Dismiss {n} checks {findings[0][1]}")
        super().__init__(workspace, text)
        self.ids, self.reason = [f[0] for f in findings], reason

    def apply(self, register: Register, who: str) -> None:
        for finding_id in self.ids:
            register.dismiss_finding(finding_id, self.reason, who)

    def revert(self, register: Register, who: str) -> None:
        for finding_id in reversed(self.ids):
            register.undismiss_finding(finding_id, who)


class ChooseFigureCommand(RegisterCommand):
    """Settle a money conflict: ``pence`` is the right figure of ``kind`` (None: back to the
    rule's choice, the recommendation's figure); undo puts the earlier choice back."""

    def __init__(self, workspace: Workspace, paper_id: int, kind: str, pence: int | None,
                 old: int | None, label: str) -> None:
        super().__init__(workspace, f"Choose the {kind} figure {label}")
        self.paper_id, self.kind, self.pence, self.old = paper_id, kind, pence, old

    def apply(self, register: Register, who: str) -> None:
        register.choose_figure(self.paper_id, self.kind, self.pence, who)

    def revert(self, register: Register, who: str) -> None:
        register.choose_figure(self.paper_id, self.kind, self.old, who)
