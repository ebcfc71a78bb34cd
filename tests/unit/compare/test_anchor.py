"""Items and annotations of an old version carried to the new one, or reported, never lost."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from mopac_desk.annotations.model import Annotation
from mopac_desk.compare import compare_documents
from mopac_desk.compare.anchor import FOUND, MOVED, NEEDS_REANCHORING, PLACED, reanchor
from mopac_desk.extract import extract_file
from mopac_desk.pdf import PaperDocument
from tests.helpers import versions


@dataclass
class Note:
    """A reviewer's highlight as the register keeps it: a quote and where it stood."""

    quote: str
    page: int
    rects: list[list[float]] = field(default_factory=list)


def _compare(old, new):
    old_doc, new_doc = PaperDocument.open(old), PaperDocument.open(new)
    return old_doc, new_doc, compare_documents(old_doc, new_doc)


@pytest.fixture
def opened():
    docs = []

    def open_pair(old, new):
        old_doc, new_doc, result = _compare(old, new)
        docs.extend([old_doc, new_doc])
        return result
    yield open_pair
    for d in docs:
        d.close()


def test_unchanged_words_follow_a_renumbered_paragraph_to_its_new_place(tmp_path, opened):
    old, new = versions.inserted_paragraph(tmp_path)
    result = opened(old, new)
    quote = "further work on training rooms"
    old_rec = _rects_of(old, quote)
    [placement] = reanchor(result, [Note(quote, *old_rec)])
    assert placement.status == PLACED
    assert (placement.page, placement.rects) == _rects_of(new, quote)
    assert placement.rects != old_rec[1]  # it moved down the page


def test_changed_words_need_re_anchoring_and_are_kept(tmp_path, opened):
    old, new = versions.dates_changed(tmp_path)
    result = opened(old, new)
    paper = extract_file(old).papers[0]
    field_ = paper.fields["decision_required_by"]
    kept = Note("Custody Estate Renewal", 1, paper.fields["title"].rects)
    placements = reanchor(result, [field_, kept, Note("Westminster", 1)])
    assert [p.status for p in placements] == [NEEDS_REANCHORING, PLACED, NEEDS_REANCHORING]
    assert placements[0].item is field_ and placements[0].page == 1 and placements[0].rects == []


def test_a_quote_inside_rewritten_text_is_found_again_nearby(tmp_path, opened):
    old, new = versions.recommendation_replaced(tmp_path)
    result = opened(old, new)
    rec = extract_file(old).papers[0].recommendations[1]
    [placement] = reanchor(result, [Note("Westminster", rec.page, rec.rects)])
    assert placement.status == NEEDS_REANCHORING  # in neither version
    [placement] = reanchor(result, [Note("to the", rec.page, rec.rects)])
    assert placement.status == FOUND and placement.page == 1 and placement.rects


def test_a_note_without_words_moves_with_its_paragraph(tmp_path, opened):
    old, new = versions.inserted_paragraph(tmp_path)
    result = opened(old, new)
    page, rects = _rects_of(old, "further work on training rooms")
    note = Annotation(kind="note", page=page, rects=[[40.0, rects[0][1], 60.0, rects[0][3]]])
    [placement] = reanchor(result, [note])
    assert placement.status == MOVED and placement.item is note
    new_page, new_rects = _rects_of(new, "further work on training rooms")
    assert placement.page == new_page
    assert placement.rects[0][0] == 40.0  # same margin
    assert placement.rects[0][3] == pytest.approx(new_rects[0][3], abs=3.0)  # level again


def test_a_closed_comparison_cannot_re_anchor(tmp_path):
    from mopac_desk.compare import compare_files
    result = compare_files(*versions.dates_changed(tmp_path))
    with pytest.raises(ValueError):
        reanchor(result, [Note("Custody", 1)])


def _rects_of(path, quote) -> tuple[int, list[list[float]]]:
    """Page and rects of ``quote`` as the PDF layer's find gives them."""
    with PaperDocument.open(path) as doc:
        [hit] = doc.find(quote)
        return hit.index + 1, [[round(v, 2) for v in r.as_list()] for r in hit.rects]
