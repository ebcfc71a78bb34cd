"""Figures read by OCR are never trusted blindly: a smudged amount is flagged, not silently
wrong; malformed figures are named for what is wrong with them."""

from __future__ import annotations

import pytest

from mopac_desk.ocr.figures import LOW_CONFIDENCE, figure_problems, suspect_figures
from mopac_desk.ocr.reader import ocr_page_texts
from mopac_desk.pdf import PaperDocument

from .scans import find_rect, make_scan


@pytest.mark.parametrize("text", ["£2.025m", "£213,477", "£1.8m", "£277.5k", "£16,431k",
                                  "£500,000", "£2.025 million"])
def test_well_formed_figures_read_confidently_pass(text):
    assert figure_problems(text, 96.0) == []


@pytest.mark.parametrize("text, problem", [
    ("£2.O25m", "a letter stands where a digit belongs"),
    ("£l,500", "a letter stands where a digit belongs"),
    ("£2 .025m", "a space stands inside the number"),
    ("£2. 025m", "a space stands inside the number"),
    ("£ 500", "a space stands inside the number"),
    ("£1 800,000", "a space stands inside the number"),
    ("£21,3477", "its digits are not grouped in threes"),
    ("£1,8m", "its digits are not grouped in threes"),
    ("£243;447", "odd punctuation inside the number"),
    ("£2.0.25m", "odd punctuation inside the number"),
])
def test_malformed_figures_are_named(text, problem):
    assert problem in figure_problems(text, 96.0)


def test_low_confidence_alone_flags_a_figure():
    assert figure_problems("£213,477", LOW_CONFIDENCE - 1) == [
        f"read with low confidence ({LOW_CONFIDENCE - 1:.0f}%)"]
    assert figure_problems("£213,477", None) == []


def test_a_smudged_amount_is_flagged_where_it_stands(scanned, tmp_path):
    l, b, r, t = find_rect(scanned.typeset, 2, "£213,477")
    digit = (r - l) / 8
    # A blot over the "3" and the comma, as a wet thumb leaves on a signed form.
    smudge = (l + 3 * digit, b + 1, l + 4.4 * digit, t - 2)
    scan = make_scan(scanned.typeset, tmp_path / "smudged.pdf", smudges={2: [smudge]})
    with PaperDocument.open(scan) as doc:
        (pt,) = ocr_page_texts(doc, [2]).values()
    suspects = suspect_figures(pt)
    flagged = [s for s in suspects
               if any(min(rect.x1, r) > max(rect.x0, l) for rect in pt.rects_for_span(s.start, s.end))
               and abs(pt.rects_for_span(s.start, s.end)[0].y0 - b) < 6]
    assert flagged, [(s.text, s.problems) for s in suspects]
    # Whatever OCR made of it, it is not passed off as read cleanly.
    assert flagged[0].problems
    # The clean amounts of the page are not flagged.
    assert {s.text for s in suspects}.isdisjoint({"£2.025", "£500,000", "£277.5k"})
