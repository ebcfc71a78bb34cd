"""What each review section shows for a paper, from ``Register.get_paper`` (display only)."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import QApplication, QStyle

from mopac_desk.extract.model import COST_KINDS, DATE_FIELDS, FIELD_LABELS, FIELD_NAMES, \
    UNCOUNTED_KINDS
from mopac_desk.money import format_pence
from mopac_desk.register import PaperDetail
from mopac_desk.register.detail import CostRow
from mopac_desk.register.schema import OUTCOMES

from .models import Cell, Row

FIELD_HEADERS = ("Field", "Value", "Confirmed", "Page")
REC_HEADERS = ("No.", "Recommendation", "Part", "Page", "Action", "Outcome", "Tags")
COST_HEADERS = ("Amount", "Kind", "Years", "Tags", "Page")
CHECK_HEADERS = ("Severity", "Check", "Message", "Page", "Status")

OUTCOME_CHOICES: list[tuple[str, Any]] = [("—", None)] + [(o.capitalize(), o) for o in OUTCOMES]
KIND_CHOICES: list[tuple[str, Any]] = [(k.capitalize(), k) for k in COST_KINDS]
PART_NAMES = {"decision": "Decision", "report": "Report", "part2": "Part 2",
              "cover": "Cover", "other": "Other"}
NEEDS_REVIEW = "Changed in the new version: check it (its words are not the ones reviewed)."
TagColours = dict[str, str]


def part_name(part: str | None) -> str:
    """Which part of the paper an item is in, as a clerk says it: "Decision", "Report"."""
    return PART_NAMES.get(part or "", (part or "").capitalize())


def tag_chips(names: list[str], colours: TagColours) -> list[tuple[str, str]]:
    """(name, colour) of each tag, grey where the vocabulary has no colour for it."""
    return [(n, colours.get(n) or colours.get(n.casefold()) or "#9e9e9e") for n in names]


def _review_icon():
    return QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)


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


def field_rows(detail: PaperDetail, colours: TagColours | None = None) -> list[Row]:
    """One row per field: label, value (editable), confirmed tick, page."""
    rows = []
    for name in FIELD_NAMES:
        f = detail.field(name)
        value = f.value
        is_date = name in DATE_FIELDS
        shown = nice_date(value) if is_date else (value or "")
        label = field_label(name)
        quote = f.quote or ""
        tip = f"{shown}\n\nOn the page: “{quote}”" if quote else shown
        rows.append(Row(("field", name), [
            Cell(label, tooltip=label),
            Cell(shown or "not found", value=value, edit="value", date=is_date,
                 dim=not shown, tooltip=tip or "Not found in the paper: type it in.",
                 accessible=f"{label}: {shown or 'not found'}"),
            Cell("", check=f.confirmed, edit="confirmed",
                 accessible=f"{label} {'confirmed' if f.confirmed else 'not confirmed'}"),
            Cell(_page(f.page), value=f.page),
        ]))
    return rows


def recommendation_rows(detail: PaperDetail,
                        colours: TagColours | None = None) -> list[Row]:
    """Recommendations as a tree: sub-items under their parent; each says its part (the same
    list in a decision form and its report) and its page."""
    by_id: dict[int, Row] = {}
    top: list[Row] = []
    recs = detail.recommendations
    for r in recs:
        text = " ".join((r.text or "").split())
        tags = ", ".join(r.tags)
        outcome = r.outcome
        review = r.needs_review
        part = part_name(r.part)
        row = Row(("recommendation", r.id), [
            Cell(r.number or "", tooltip=NEEDS_REVIEW if review else _page(r.page),
                 icon=_review_icon() if review else None,
                 accessible=f"{r.number or ''}{' (changed: check it)' if review else ''}"),
            Cell(text, tooltip=text + (" (added by hand)" if r.manual else "")
                 + (f"\n\n{NEEDS_REVIEW}" if review else "")),
            Cell(part, tooltip=f"In the {part.lower()}" if part else ""),
            Cell(_page(r.page), value=r.page),
            Cell((r.action or "").capitalize()),
            Cell(outcome.capitalize() if outcome else "—", value=outcome, edit="outcome",
                 choices=OUTCOME_CHOICES, dim=not outcome,
                 tooltip=f"Outcome: {outcome or 'not recorded'} (Enter to set)",
                 accessible=f"Outcome: {outcome or 'not recorded'}"),
            Cell(tags, tooltip=tags, chips=tag_chips(r.tags, colours or {})),
        ], parent=("recommendation", r.parent_id) if r.parent_id else None)
        by_id[r.id] = row
    for r in recs:
        row = by_id[r.id]
        parent = by_id.get(r.parent_id or -1)
        (parent.children if parent is not None and parent is not row else top).append(row)
    return top


def cost_amount(c: CostRow) -> str:
    """"£14,700,000", or the paper's own words where there is no amount (placeholders)."""
    if c.amount_pence is None or c.kind == "placeholder":
        return c.raw or "—"
    return format_pence(c.amount_pence)


def counts_as(c: CostRow) -> str:
    """How the summary rule reads a cost, as the register row says it (display only)."""
    kind = c.kind or "other"
    role = c.role or "ask"
    if kind in UNCOUNTED_KINDS:
        return "not counted"
    if role == "mention":
        return "mentioned only"
    yearly = c.basis == "per_annum"
    years, whole = c.period_years, c.whole_pence
    if yearly and years and whole is not None:
        return f"a year × {years} = {format_pence(int(whole))}"
    if role == "component":
        return "part of a total"
    if kind == "contract":
        return "contract value"
    return "asked for (recommendation)" if c.in_recommendation else "asked for"


def cost_rows(detail: PaperDetail, colours: TagColours | None = None) -> list[Row]:
    """One row per cost: amount, kind (editable), years, tags, page; greyed when the summary
    does not count it (its tooltip says how it counts)."""
    rows = []
    for c in detail.costs:
        amount = cost_amount(c)
        context = " ".join((c.context or "").split())
        kind = c.kind or "other"
        counts = counts_as(c)
        uncounted = counts in ("not counted", "mentioned only")
        review = c.needs_review
        tip = f"{c.raw}: {context}" if context else (c.raw or "")
        tip += f"\n\nIn the money summary: {counts}"
        if c.confidence is not None:
            tip += f"\n\nRead by OCR ({c.confidence:.0f}% sure): compare it with the page"
        if review:
            tip += f"\n\n{NEEDS_REVIEW}"
        rows.append(Row(("cost", c.id), [
            Cell(amount, tooltip=tip, dim=uncounted, align_right=True,
                 icon=_review_icon() if review else None,
                 accessible=f"{amount} {kind}{', changed: check it' if review else ''}"),
            Cell(kind.capitalize(), value=kind, edit="kind", choices=KIND_CHOICES,
                 accessible=f"Kind: {kind}"),
            Cell(", ".join(c.years)),
            Cell(", ".join(c.tags), tooltip=", ".join(c.tags),
                 chips=tag_chips(c.tags, colours or {})),
            Cell(_page(c.page), value=c.page),
        ]))
    return rows


def _severity_icon(severity: str):
    style = QApplication.style()
    pixmap = {
        "error": QStyle.StandardPixmap.SP_MessageBoxCritical,
        "warning": QStyle.StandardPixmap.SP_MessageBoxWarning,
    }.get(severity, QStyle.StandardPixmap.SP_MessageBoxInformation)
    return style.standardIcon(pixmap)


def finding_rows(detail: PaperDetail, colours: TagColours | None = None) -> list[Row]:
    """The readiness checks; dismissed ones stay, greyed, with the reason."""
    rows = []
    for f in detail.findings:
        dismissed = f.dismissed
        status = f"Dismissed: {f.reason}" if dismissed else "Open"
        quote = " ".join((f.quote or "").split())
        tip = f.message + (f"\n\n“{quote}”" if quote else "")
        severity = f.severity or "info"
        rows.append(Row(("finding", f.id), [
            Cell(severity.capitalize(), icon=_severity_icon(severity), dim=dismissed),
            Cell(f.code or "", dim=dismissed),
            Cell(f.message, tooltip=tip, dim=dismissed),
            Cell(_page(f.page), value=f.page, dim=dismissed),
            Cell(status, tooltip=status, dim=dismissed),
        ]))
    return rows


def no_place_text(detail: PaperDetail | None, key: tuple[str, Any]) -> str:
    """Why "Show on page" has nothing to show for item ``key``."""
    entity, item_id = key
    if entity != "field":
        return "This item has no place on the page."
    f = detail.fields.get(item_id) if detail is not None else None
    label = field_label(item_id)
    if f is not None and f.value and f.edited_by:
        return (f"{label} was corrected by hand: the corrected value has no place on the page. "
                "To link it, select its words on the page and use Edit › Capture from Page › "
                f"Set Field › {label}.")
    if f is None or not f.value:
        return f"{label} was not found in the paper, so it has no place on the page."
    return f"{label} has no place on the page."
