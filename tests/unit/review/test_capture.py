"""Manual capture from a text selection: costs, recommendations and field values with provenance."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mopac_desk.extract.model import COST_KINDS, FIELD_NAMES
from mopac_desk.extract.money import format_pence
from mopac_desk.pdf import PaperDocument
from mopac_desk.review.capture import (
    FIELD_LABELS, CaptureError, Selection, clean_recommendation, costs_from_selection,
    field_from_selection, recommendation_from_selection, selection_from_spans,
)

BOX = [[72.0, 700.0, 300.0, 712.0]]


def page_selection(doc: PaperDocument, index: int, phrase: str, extra: int = 0) -> Selection:
    """The selection a clerk makes by dragging over ``phrase`` (and ``extra`` more characters)."""
    pt = doc.page_text(index)
    start = pt.text.index(phrase)
    end = start + len(phrase) + extra
    return Selection(index + 1, pt.text[start:end], pt.rects_for_span(start, end),
                     lambda s, e: pt.rects_for_span(start + s, start + e))


def test_a_cost_from_the_real_page_keeps_page_rects_kind_and_context(pcd977):
    doc = PaperDocument.open(pcd977)
    sel = page_selection(doc, 0, "at a capital cost of £14,700,000")
    [cost] = costs_from_selection(sel)
    assert (cost.amount_pence, cost.raw, cost.kind, cost.page) == (
        1_470_000_000, "£14,700,000", "capital", 1)
    assert cost.context == "at a capital cost of £14,700,000"
    assert cost.rects == [r.as_list() for r in sel.rects] and cost.rects


def test_several_amounts_give_one_cost_each_with_their_own_rects():
    text = "capital £14.7M and\r\nrevenue of £0.830m in 2021/22"
    two = Selection(1, text, BOX, lambda s, e: [[float(s), 0.0, float(e), 1.0]])
    costs = costs_from_selection(two)
    assert [(c.raw, c.amount_pence, c.kind) for c in costs] == [
        ("£14.7M", 1_470_000_000, "capital"), ("£0.830m", 83_000_000, "revenue")]
    assert all(c.years == ["2021/22"] for c in costs)
    # each amount's rects cover just its characters in the original (uncollapsed) text
    assert costs[0].rects == [[8.0, 0.0, 14.0, 1.0]]
    i = text.index("£0.830m")
    assert costs[1].rects == [[float(i), 0.0, i + 7.0, 1.0]]


def test_a_placeholder_amount_is_captured_without_a_value():
    [cost] = costs_from_selection(Selection(3, "a total of £xxxx", BOX))
    assert cost.amount_pence is None and cost.kind == "placeholder"


@pytest.mark.parametrize("text", ["approve the spend", "   ", "", "14,700,000 pounds"])
def test_no_amount_is_a_plain_error(text):
    with pytest.raises(CaptureError, match="No amount in the selected text|Nothing is selected"):
        costs_from_selection(Selection(1, text, BOX))


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=10**13), st.text(alphabet=" \r\nabc,", max_size=8),
       st.text(alphabet=" \r\n.;", max_size=8))
def test_any_written_amount_is_captured_exactly(pence, before, after):
    raw = format_pence(pence)
    costs = costs_from_selection(Selection(1, f"{before}{raw}{after}", BOX))
    assert [c.amount_pence for c in costs] == [pence]
    assert costs[0].kind in COST_KINDS


def test_recommendation_from_a_bullet_on_the_page(pcd977):
    doc = PaperDocument.open(pcd977)
    sel = page_selection(doc, 0, "• Use of existing Digital Policing contracts",
                         extra=len(" (TTPi and Pegasus) to resource the project \r\nand procure "
                                   "laptops and desktop devices."))
    rec = recommendation_from_selection(sel)
    assert rec.text == ("Use of existing Digital Policing contracts (TTPi and Pegasus) to resource "
                        "the project and procure laptops and desktop devices.")
    assert rec.number is None and rec.page == 1 and rec.rects == [r.as_list() for r in sel.rects]


@pytest.mark.parametrize("raw, text, number, action", [
    ("1. Approve spend of £14.7M; and", "Approve spend of £14.7M", "1", "approve"),
    ("(a) note the report", "note the report", "a", "note"),
    ("2.3. To delegate authority to the\r\nChief Finance Officer,",
     "To delegate authority to the Chief Finance Officer", "2.3", "delegate"),
    ("iv) award the contract to Pegasus;", "award the contract to Pegasus", "iv", "award"),
    ("14 laptops to be replace-\r\nment stock", "14 laptops to be replacement stock", None, "other"),
])
def test_recommendation_marker_kept_as_number_and_action_guessed(raw, text, number, action):
    rec = recommendation_from_selection(Selection(2, raw, BOX))
    assert (rec.text, rec.number, rec.action) == (text, number, action)


def test_a_lone_marker_is_not_a_recommendation():
    with pytest.raises(CaptureError, match="too few words"):
        recommendation_from_selection(Selection(1, " 1. ", BOX))


@settings(max_examples=150, deadline=None)
@given(st.text(min_size=1, max_size=80))
def test_cleaning_never_raises_and_leaves_no_stray_whitespace(raw):
    text, number = clean_recommendation(raw)
    assert text == text.strip() and "  " not in text and "\n" not in text
    assert number is None or number.strip() == number


def test_date_field_is_stored_iso_and_quotes_the_page(pcd977):
    doc = PaperDocument.open(pcd977)
    sel = page_selection(doc, 3, "Date 31/03/2021")
    f = field_from_selection("decision_signed_on", sel)
    assert (f.value, f.quote, f.page) == ("2021-03-31", "Date 31/03/2021", 4)
    assert f.rects == [r.as_list() for r in sel.rects]


def test_text_field_is_whitespace_normalised(pcd977):
    doc = PaperDocument.open(pcd977)
    f = field_from_selection("title", page_selection(doc, 0, "End User Device Refresh FY2122"))
    assert f.value == "End User Device Refresh FY2122"
    wrapped = field_from_selection("report_author", Selection(1, "Jamie  Hewitt,\r\nDirector", BOX))
    assert wrapped.value == "Jamie Hewitt, Director"


@pytest.mark.parametrize("name, text, says", [
    ("meeting_date", "the meeting", "No date in the selected text for “Meeting date”"),
    ("meeting_date", "9 April 2021 or 19/04/21", "more than one date"),
    ("title", "  \r\n ", "Nothing is selected"),
    ("title", "x" * 600, "too long"),
    ("colour", "blue", "not a field"),
])
def test_bad_field_selections_say_why(name, text, says):
    with pytest.raises(CaptureError, match=says):
        field_from_selection(name, Selection(1, text, BOX))


def test_every_field_has_a_plain_label():
    assert list(FIELD_LABELS) == list(FIELD_NAMES)
    assert all(label[0].isupper() and "_" not in label for label in FIELD_LABELS.values())


def test_a_selection_across_pages_stays_on_its_first_page():
    sel = selection_from_spans([(3, "capital of", [[1, 2, 3, 4]]), (4, "£2m", [[5, 6, 7, 8]])])
    assert (sel.page, sel.text, sel.rects) == (3, "capital of\n£2m", [[1, 2, 3, 4]])
    with pytest.raises(CaptureError):
        selection_from_spans([])


# -- into the register -------------------------------------------------------------------------

from mopac_desk.review import capture as C  # noqa: E402


def test_captured_cost_lands_manual_with_provenance_and_part(register, paper):
    pid = paper.summary.id
    [cost] = costs_from_selection(Selection(6, "a revenue cost of £250k in 2022/23", BOX))
    row = C.add_cost(register, pid, cost, who="ada")
    assert (row.amount_pence, row.kind, row.page, row.part) == (
        25_000_000, "revenue", 6, "report")
    assert row.manual and row.rects == BOX and row.years == ["2022/23"]
    assert register.audit_for(pid)[-1]["who"] == "ada"
    register.delete_cost(row.id)
    register.restore_item("cost", row)  # what redo after undo does: same id back
    assert any(c.id == row.id for c in register.get_paper(pid).costs)


def test_captured_recommendation_lands_with_number_and_action(register, paper):
    pid = paper.summary.id
    rec = recommendation_from_selection(Selection(1, "3. Note the risks;", BOX))
    row = C.add_recommendation(register, pid, rec)
    assert (row.text, row.number, row.action, row.part, row.page) == (
        "Note the risks", "3", "note", "decision", 1)
    assert row.manual and row.rects == BOX


def test_selection_outside_the_paper_is_refused(register, paper):
    with pytest.raises(CaptureError, match="page 40, which is not part of this paper"):
        C.add_cost(register, paper.summary.id,
                   costs_from_selection(Selection(40, "£5m", BOX))[0])


def test_field_capture_then_restore_puts_value_tick_and_provenance_back(register, paper):
    pid = paper.summary.id
    before = {n: C.field_snapshot(register, pid, n) for n in ("title", "classification")}
    register.set_field(pid, "classification", None)  # a field extraction missed: no provenance
    register.conn.execute("UPDATE fields SET page = NULL, quote = NULL, rects = '[]', "
                          "confirmed = 0 WHERE paper_id = ? AND name = 'classification'", (pid,))
    missed = C.field_snapshot(register, pid, "classification")
    assert missed.page is None and missed.value is None and not missed.confirmed
    for snap in (before["title"], missed):
        cap = field_from_selection(snap.name, Selection(2, "OFFICIAL  SENSITIVE", BOX))
        C.set_field(register, pid, cap, who="ada")
        now = register.get_paper(pid).fields[snap.name]
        assert (now.value, now.page, now.quote, now.rects, now.confirmed) == (
            "OFFICIAL SENSITIVE", 2, "OFFICIAL SENSITIVE", BOX, True)
        C.restore_field(register, pid, snap, who="ada")
        assert C.field_snapshot(register, pid, snap.name) == snap


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab£1.,m \r\n\t")), max_size=40))
def test_whitespace_collapse_maps_every_character_back_to_the_page(raw):
    clean, where = C._collapse(raw)
    assert clean == " ".join(raw.split()) and len(where) == len(clean)
    assert all(raw[where[i]] == ch for i, ch in enumerate(clean) if ch != " ")
    assert where == sorted(where)
