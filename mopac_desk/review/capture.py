"""Manual capture: turn text the clerk selected on a page into what the register stores.

Extraction misses things; the clerk selects the words in the viewer and says "this is a cost",
"this is a recommendation" or "this is the title". Each capture keeps its provenance (page,
quote, rectangles) like an extracted item, so it too is one click from the page.

Several amounts in one selection give one cost per amount (each with its own rectangles when
the caller can map characters to rectangles), not a question: the clerk deletes any not wanted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Sequence

from ..extract.costs import classify_text, years_in
from ..extract.dates import find_dates, parse_date
from ..extract.model import DATE_FIELDS, FIELD_LABELS, FIELD_NAMES, RectList
from ..extract.money import find_money
from ..extract.recommendations import action_of
from ..register import Register, RegisterError
from ..register.detail import CostRow, PaperDetail, RecommendationRow

MAX_FIELD_LENGTH = 500


# A list marker at the start of a selected item: "1.", "2.3", "(a)", "b)", "iv.", "•", "-".
_MARKER = re.compile(
    r"^\s*(?:(?P<num>\(?\d{1,2}(?:\.\d{1,2})+\.?|\(?\d{1,2}[.)]|\(\d{1,2}\)|"
    r"\(?[a-hj-z][.)]|\([a-hj-z]\)|"
    r"\(?(?:i{1,3}|iv|vi{0,3}|ix|x)[.)]|\((?:i{1,3}|iv|vi{0,3}|ix|x)\))(?=\s)|"
    r"[•●○▪◦■□➢►‣∙·\uf0b7\uf0a7\uf076\uf0d8\uf0e8\uf0fc\uf02d\-–—*](?=\s))\s*")
_TRAILING_JOIN = re.compile(r"\s*[;,]\s*(?:and|or)\s*$", re.IGNORECASE)


class CaptureError(ValueError):
    """The selection cannot become what the clerk asked for; the message says why, plainly."""


@dataclass(frozen=True)
class Selection:
    """Text selected on one page: ``page`` is 1-based, ``rects`` are ``[x0, y0, x1, y1]`` PDF
    points (origin bottom-left) covering the whole selection. ``rects_of(start, end)``, when
    given, maps a span of ``text`` to the rectangles of just those characters."""

    page: int
    text: str
    rects: Sequence[object] = field(default_factory=list)
    rects_of: Callable[[int, int], Sequence[object]] | None = field(default=None, compare=False)


@dataclass(frozen=True)
class CostCapture:
    """Arguments for ``Register.add_cost`` (amount in whole pence; None for a placeholder)."""

    amount_pence: int | None
    raw: str
    kind: str
    years: list[str]
    page: int
    context: str
    rects: RectList


@dataclass(frozen=True)
class RecommendationCapture:
    """Arguments for ``Register.add_recommendation``: text without its list marker, which is
    kept as ``number`` (None for a bullet or no marker)."""

    text: str
    number: str | None
    action: str
    page: int
    rects: RectList


@dataclass(frozen=True)
class FieldCapture:
    """Arguments for ``Register.set_field``: the value to store (dates ISO) and provenance."""

    name: str
    value: str
    page: int
    quote: str
    rects: RectList


def rect_list(rects: Sequence[object]) -> RectList:
    """Rectangles as plain ``[x0, y0, x1, y1]`` lists (from the PDF layer's ``Rect`` objects or
    from any 4-number sequences), rounded to 0.01 pt like extracted provenance."""
    out: RectList = []
    for r in rects:
        if hasattr(r, "as_list"):
            out.append(list(r.as_list()))
        else:
            out.append([round(float(v), 2) for v in r])  # type: ignore[attr-defined]
    return out


def _collapse(text: str) -> tuple[str, list[int]]:
    """``text`` with runs of whitespace made one space and the ends trimmed, and for every
    character of the result its offset in ``text`` (so spans found in the clean text can be
    mapped back to the page)."""
    out: list[str] = []
    where: list[int] = []
    pending = False
    for i, ch in enumerate(text):
        if ch.isspace():
            pending = bool(out)
            continue
        if pending:
            out.append(" ")
            where.append(i - 1)
            pending = False
        out.append(ch)
        where.append(i)
    return "".join(out), where


def _join_broken_words(text: str) -> str:
    """Undo words hyphenated at a line end ("replace-\\nment"), then collapse whitespace."""
    text = re.sub(r"(?<=[a-z])-\s*[\r\n]+\s*(?=[a-z])", "", text)
    return " ".join(text.split())


def _need_text(selection: Selection) -> None:
    if selection.page < 1:
        raise CaptureError("The selection is not on a page of this paper.")
    if not selection.text or not selection.text.strip():
        raise CaptureError("Nothing is selected: select some text on the page first.")


def costs_from_selection(selection: Selection) -> list[CostCapture]:
    """One cost for every £ amount (or £ placeholder) in the selected text, with the kind the
    extraction rules give it in this context, the financial years named in the selection and
    the whole selection as context. Raises :class:`CaptureError` ("No amount in the selected
    text") when there is none."""
    _need_text(selection)
    clean, where = _collapse(selection.text)
    found = find_money(clean)
    if not found:
        raise CaptureError("No amount in the selected text. Select the words with the £ "
                           "figure in them, for example “£14.7M capital”.")
    kinds = classify_text(clean)
    years = years_in(clean)
    out = []
    for k, match in enumerate(found):
        # classify_text walks the same find_money list, so the two line up one to one.
        kind = kinds[k][2] if k < len(kinds) and kinds[k][0] == match.raw else (
            "placeholder" if match.amount_pence is None else "other")
        if len(found) > 1 and selection.rects_of is not None:
            rects = selection.rects_of(where[match.start], where[match.end - 1] + 1)
        else:
            rects = selection.rects
        out.append(CostCapture(match.amount_pence, match.raw, kind, list(years),
                               selection.page, clean, rect_list(rects)))
    return out


def clean_recommendation(text: str) -> tuple[str, str | None]:
    """``(text, number)``: the item's words with hyphenated line breaks joined, whitespace
    collapsed, a leading list marker removed (kept as the number: "1.2.", "(a)" -> "1.2",
    "a"), and a trailing "; and" / ", or" / ";" / "," dropped."""
    text = _join_broken_words(text)
    number = None
    m = _MARKER.match(text)
    if m:
        if m.group("num"):
            number = ".".join(re.sub(r"[().]", " ", m.group("num")).split()) or None
        text = text[m.end():]
    text = _TRAILING_JOIN.sub("", text).rstrip(";,").strip()
    return text, number


def recommendation_from_selection(selection: Selection) -> RecommendationCapture:
    """A recommendation from the selected item: marker kept as its number, the action verb
    guessed the way extraction does it ("approve", "note", "delegate"...)."""
    _need_text(selection)
    text, number = clean_recommendation(selection.text)
    if len(re.findall(r"\w", text)) < 2:
        raise CaptureError("The selection has too few words to be a recommendation.")
    return RecommendationCapture(text, number, action_of(text), selection.page,
                                 rect_list(selection.rects))


def field_from_selection(name: str, selection: Selection) -> FieldCapture:
    """The value of field ``name`` from the selection: a date field takes the date written in
    it (stored ISO ``YYYY-MM-DD``), any other field the words, whitespace normalised."""
    if name not in FIELD_NAMES:
        raise CaptureError(f"'{name}' is not a field of a paper.")
    _need_text(selection)
    quote = " ".join(selection.text.split())
    label = FIELD_LABELS[name]
    if name in DATE_FIELDS:
        value = parse_date(quote)
        if value is None:
            dated = [d for d in find_dates(quote) if d.iso]
            if len({d.iso for d in dated}) > 1:
                raise CaptureError(f"The selection holds more than one date; select just the "
                                   f"{label.lower()}.")
            value = dated[0].iso if dated else None
        if value is None:
            raise CaptureError(f"No date in the selected text for “{label}”. Select a date "
                               "such as “9th April 2021” or “19/04/21”.")
    else:
        value = _join_broken_words(selection.text)
        if len(value) > MAX_FIELD_LENGTH:
            raise CaptureError(f"The selection is too long for “{label}”; select just the "
                               "words of the field.")
    return FieldCapture(name, value, selection.page, quote, rect_list(selection.rects))


def selection_from_spans(spans: Sequence[tuple[int, str, Sequence[object]]]) -> Selection:
    """A :class:`Selection` from the viewer's per-page spans ``(page_1_based, text, rects)``:
    a selection running onto the next page is kept on its first page (provenance has one
    page), its text joined with a line break."""
    if not spans:
        raise CaptureError("Nothing is selected: select some text on the page first.")
    page = spans[0][0]
    text = "\n".join(s[1] for s in spans)
    rects = [r for s in spans if s[0] == page for r in rect_list(s[2])]
    return Selection(page, text, rects)


# -- writing captures to the register (each call one audited transaction) ---------------------

@dataclass(frozen=True)
class FieldSnapshot:
    """A field as it stood before a capture: what undo puts back."""

    name: str
    value: str | None
    confirmed: bool
    page: int | None
    quote: str | None
    rects: RectList


def check_page_in_paper(register: Register, paper_id: int, page: int) -> PaperDetail:
    """The paper's record (``get_paper``), after checking the selection's page is one of its
    pages (a meeting-pack file holds several papers)."""
    paper = register.get_paper(paper_id)
    first, last = paper.summary.first_page, paper.summary.last_page
    if not first <= page <= last:
        raise CaptureError(f"The selection is on page {page}, which is not part of this paper "
                           f"(pages {first}–{last}).")
    return paper


def add_cost(register: Register, paper_id: int, cost: CostCapture,
             who: str | None = None) -> CostRow:
    """Store a captured cost (marked manual); returns its register row as ``get_paper`` gives
    it, which :meth:`Register.restore_item` can put back after an undo."""
    paper = check_page_in_paper(register, paper_id, cost.page)
    changes = register.add_cost(paper_id, cost.amount_pence, cost.raw, cost.kind,
                                page=cost.page, context=cost.context,
                                part=paper.part_at(cost.page),
                                years=list(cost.years), rects=cost.rects, who=who)
    cost_row = register.get_paper(paper_id).cost(changes[0].entity_id or -1)
    if cost_row is None:
        raise RegisterError("The captured item was not found in the register.")
    return cost_row


def add_recommendation(register: Register, paper_id: int, rec: RecommendationCapture,
                       who: str | None = None) -> RecommendationRow:
    """Store a captured recommendation (marked manual); returns its register row."""
    paper = check_page_in_paper(register, paper_id, rec.page)
    changes = register.add_recommendation(
        paper_id, rec.text, part=paper.part_at(rec.page), number=rec.number,
        action=rec.action, page=rec.page, rects=rec.rects, who=who)
    rec_row = register.get_paper(paper_id).recommendation(changes[0].entity_id or -1)
    if rec_row is None:
        raise RegisterError("The captured item was not found in the register.")
    return rec_row


def field_snapshot(register: Register, paper_id: int, name: str) -> FieldSnapshot:
    """How field ``name`` of the paper stands now."""
    row = register.get_paper(paper_id).field(name)
    return FieldSnapshot(name, row.value, row.confirmed, row.page, row.quote, list(row.rects))


def set_field(register: Register, paper_id: int, capture: FieldCapture,
              who: str | None = None) -> None:
    """Store a captured field value with its provenance (the field becomes confirmed)."""
    check_page_in_paper(register, paper_id, capture.page)
    register.set_field(paper_id, capture.name, capture.value, who, page=capture.page,
                       quote=capture.quote, rects=capture.rects)


def restore_field(register: Register, paper_id: int, snapshot: FieldSnapshot,
                  who: str | None = None) -> None:
    """Put a field back as ``snapshot`` had it: value, provenance and confirmed flag."""
    register.set_field(paper_id, snapshot.name, snapshot.value, who, page=snapshot.page,
                       quote=snapshot.quote, rects=snapshot.rects,
                       clear_provenance=snapshot.page is None, confirmed=snapshot.confirmed)
