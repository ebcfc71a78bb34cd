"""What each review section shows for a paper, from ``Register.get_paper`` (display only)."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import QApplication, QStyle

from mopac_desk.extract.model import (COST_KINDS, DATE_FIELDS, FIELD_LABELS, FIELD_NAMES,
                                      UNCOUNTED_KINDS)
from mopac_desk.money import format_pence
from mopac_desk.register.schema import OUTCOMES

from .models import Cell, Row

FIELD_HEADERS = ("Field", "Value", "Confirmed", "Page")
REC_HEADERS = ("No.", "Recommendation", "Action", "Outcome", "Tags")
COST_HEADERS = ("Amount", "Kind", "Years", "Tags", "Page")
CHECK_HEADERS = ("Severity", "Check", "Message", "Page", "Status")

OUTCOME_CHOICES: list[tuple[str, Any]] = [("—", None)] + [(o.capitalize(), o) for o in OUTCOMES]
KIND_CHOICES: list[tuple[str, Any]] = [(k.capitalize(), k) for k in COST_KINDS]
# The totals line under the costs names these kinds even when they are nil.
TOTAL_KINDS = ("capital", "revenue", "contract")


def field_label(name: str) -> str:
    """A field's name as a clerk says it."""
    return FIELD_LABELS.get(name, name.replace("_", " ").capitalize())


def nice_date(iso: str | None) -> str:
    """``2021-04-30`` as ``30 Apr 2021`` (anything else unchanged)."""
    if not iso:
        return ""
    try:
        d = date.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{d.day} {d:%b %Y}"  # "%-d" is not portable (Windows)


def _page(page: int | None) -> str:
    return f"p. {page}" if page else ""


def field_rows(detail: dict[str, Any]) -> list[Row]:
    """One row per field: label, value (editable), confirmed tick, page."""
    rows = []
    for name in FIELD_NAMES:
        f = detail["fields"].get(name) or {}
        value = f.get("value")
        is_date = name in DATE_FIELDS
        shown = nice_date(value) if is_date else (value or "")
        label = field_label(name)
        quote = f.get("quote") or ""
        tip = f"{shown}\n\nOn the page: “{quote}”" if quote else shown
        rows.append(Row(("field", name), [
            Cell(label, tooltip=label),
            Cell(shown or "not found", value=value, edit="value", date=is_date,
                 dim=not shown, tooltip=tip or "Not found in the paper: type it in.",
                 accessible=f"{label}: {shown or 'not found'}"),
            Cell("", check=bool(f.get("confirmed")), edit="confirmed",
                 accessible=f"{label} {'confirmed' if f.get('confirmed') else 'not confirmed'}"),
            Cell(_page(f.get("page")), value=f.get("page")),
        ]))
    return rows


def recommendation_rows(detail: dict[str, Any]) -> list[Row]:
    """Recommendations as a tree: sub-items under their parent."""
    by_id: dict[int, Row] = {}
    top: list[Row] = []
    recs = detail["recommendations"]
    for r in recs:
        text = " ".join((r.get("text") or "").split())
        tags = ", ".join(r.get("tags") or [])
        outcome = r.get("outcome")
        row = Row(("recommendation", r["id"]), [
            Cell(r.get("number") or "", tooltip=_page(r.get("page"))),
            Cell(text, tooltip=text + (" (added by hand)" if r.get("manual") else "")),
            Cell((r.get("action") or "").capitalize()),
            Cell(outcome.capitalize() if outcome else "—", value=outcome, edit="outcome",
                 choices=OUTCOME_CHOICES, dim=not outcome,
                 tooltip=f"Outcome: {outcome or 'not recorded'} (Enter to set)",
                 accessible=f"Outcome: {outcome or 'not recorded'}"),
            Cell(tags, tooltip=tags),
        ], parent=("recommendation", r["parent_id"]) if r.get("parent_id") else None)
        by_id[r["id"]] = row
    for r in recs:
        row = by_id[r["id"]]
        parent = by_id.get(r.get("parent_id") or -1)
        (parent.children if parent is not None and parent is not row else top).append(row)
    return top


def cost_amount(c: dict[str, Any]) -> str:
    """"£14,700,000", or the paper's own words where there is no amount (placeholders)."""
    if c.get("amount_pence") is None or c.get("kind") == "placeholder":
        return c.get("raw") or "—"
    return format_pence(int(c["amount_pence"]))


def cost_rows(detail: dict[str, Any]) -> list[Row]:
    """One row per cost: amount, kind (editable), years, tags, page."""
    rows = []
    for c in detail["costs"]:
        amount = cost_amount(c)
        context = " ".join((c.get("context") or "").split())
        tags = ", ".join(c.get("tags") or [])
        kind = c.get("kind") or "other"
        uncounted = kind in UNCOUNTED_KINDS
        tip = f"{c.get('raw')}: {context}" if context else (c.get("raw") or "")
        if uncounted:
            tip += "\n(not counted in the totals)"
        rows.append(Row(("cost", c["id"]), [
            Cell(amount, tooltip=tip, dim=uncounted, accessible=f"{amount} {kind}"),
            Cell(kind.capitalize(), value=kind, edit="kind", choices=KIND_CHOICES,
                 accessible=f"Kind: {kind}"),
            Cell(", ".join(c.get("years") or [])),
            Cell(tags, tooltip=tags),
            Cell(_page(c.get("page")), value=c.get("page")),
        ]))
    return rows


def totals_text(totals: dict[str, int]) -> str:
    """The totals line: capital, revenue, contract, then any other counted kind."""
    kinds = list(TOTAL_KINDS) + [k for k in COST_KINDS
                                 if k in totals and k not in TOTAL_KINDS]
    parts = [f"{k.capitalize()} {format_pence(totals.get(k, 0))}" for k in kinds]
    return "Totals: " + " · ".join(parts)


def _severity_icon(severity: str):
    style = QApplication.style()
    pixmap = {
        "error": QStyle.StandardPixmap.SP_MessageBoxCritical,
        "warning": QStyle.StandardPixmap.SP_MessageBoxWarning,
    }.get(severity, QStyle.StandardPixmap.SP_MessageBoxInformation)
    return style.standardIcon(pixmap)


def finding_rows(detail: dict[str, Any]) -> list[Row]:
    """The readiness checks; dismissed ones stay, greyed, with the reason."""
    rows = []
    for f in detail["findings"]:
        dismissed = bool(f.get("dismissed"))
        status = f"Dismissed: {f.get('reason')}" if dismissed else "Open"
        quote = " ".join((f.get("quote") or "").split())
        tip = f["message"] + (f"\n\n“{quote}”" if quote else "")
        severity = f.get("severity") or "info"
        rows.append(Row(("finding", f["id"]), [
            Cell(severity.capitalize(), icon=_severity_icon(severity), dim=dismissed),
            Cell(f.get("code") or "", dim=dismissed),
            Cell(f["message"], tooltip=tip, dim=dismissed),
            Cell(_page(f.get("page")), value=f.get("page"), dim=dismissed),
            Cell(status, tooltip=status, dim=dismissed),
        ]))
    return rows
