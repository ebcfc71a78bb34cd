"""Version pairs of generated papers: what changed is found, what did not is not."""

from __future__ import annotations

import pytest

from mopac_desk.compare import compare_files
from tests.helpers import versions


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return tmp_path_factory.mktemp("versions")


def kinds(result) -> list[str]:
    return [c.kind for c in result.changes]


@pytest.mark.parametrize("style", [versions.SERIF, versions.JUSTIFIED], ids=["serif", "courier-justified"])
def test_the_same_paper_in_another_font_and_layout_shows_no_change(folder, style):
    old, new = versions.two_layouts(folder, style)
    result = compare_files(old, new)
    assert result.changes == []
    assert result.amounts == [] and result.recommendations == [] and result.summary_changes == []


def test_hyphenation_and_running_headers_do_not_fool_the_diff(folder):
    result = compare_files(*versions.hyphenated(folder))
    assert result.changes == []


def test_changed_sums_are_money_changes_listed_first(folder):
    result = compare_files(*versions.amounts_changed(folder))
    assert {(a.old_text, a.new_text) for a in result.amounts} == {
        ("£2.5m", "£2.7m"), ("£2,500,000", "£2,700,000"), ("£2.5M", "£2.7M"),
        ("£2,900,000", "£3,100,000")}
    assert len(result.amounts) == 5  # £2,500,000 stands twice
    capital = [a for a in result.amounts if a.kind == "capital"]
    assert len(capital) == 4
    assert all(a.old_pence == 250_000_000 and a.new_pence == 270_000_000 for a in capital)
    assert capital[0].describe() == "capital £2.5m → £2.7m"
    assert all(c.money for c in result.changes)
    assert result.money_first()[0].money
    # The financial summaries follow: capital £2.5m before, £2.7m after.
    [cap] = [s for s in result.summary_changes if s.kind == "capital"]
    assert (cap.old_pence, cap.new_pence) == ([250_000_000], [270_000_000])
    [rec] = result.recommendations
    assert rec.change == "reworded" and "£2,700,000" in rec.new.text
    # Rectangles on both sides, on the page the words stand.
    first = result.changes[0]
    assert first.old.rects and first.new.rects and first.old.page == first.new.page == 1


def test_a_replaced_recommendation_is_removed_and_added_a_reworded_one_is_reworded(folder):
    result = compare_files(*versions.recommendation_replaced(folder))
    changes = [(r.change, (r.old or r.new).number) for r in result.recommendations]
    assert changes == [("reworded", "1"), ("removed", "2"), ("added", "2")]
    assert result.recommendations[2].new.text == versions.REPLACED_REC
    assert any(a.old_text == "£1.8m" and a.new_text is None and a.kind == "contract"
               for a in result.amounts)
    money, rest = result.money_first()[0], result.money_first()[1:]
    assert money.money and not any(c.money for c in rest)
    assert [(c.old.text, c.new.text) for c in rest] == [("six", "seven")]


def test_an_inserted_paragraph_is_one_insertion_and_one_renumbering(folder):
    result = compare_files(*versions.inserted_paragraph(folder))
    assert kinds(result) == ["insert", "renumber"]
    insert, renumber = result.changes
    assert insert.old is None and insert.new.text.startswith("4. A new paragraph")
    assert (renumber.old.text, renumber.new.text) == ("4–12", "5–13")
    assert len(renumber.old.spans) >= 1 and renumber.old.rects


def test_changed_dates_are_replacements(folder):
    result = compare_files(*versions.dates_changed(folder))
    assert [(c.kind, c.old.text, c.new.text) for c in result.changes] == [
        ("replace", "12th March", "9th April"), ("replace", "31st March", "30th April")]
    assert result.amounts == []


def test_a_change_of_case_alone_is_formatting(folder):
    result = compare_files(*versions.case_changed(folder))
    assert [(c.kind, c.old.text, c.new.text) for c in result.changes] == [
        ("format", "Custody Estate Renewal", "CUSTODY ESTATE RENEWAL")]


def test_an_added_page_is_one_insertion_on_that_page(folder):
    result = compare_files(*versions.page_added(folder))
    [change] = result.changes
    assert change.kind == "insert" and change.new.page == 2
    assert change.new.text.startswith("Appendix A")
    assert change.old_at[0] == 1  # where it would stand in the old version


def test_the_alignment_keeps_the_same_paragraph_level_in_both_layouts(folder):
    old, new = versions.two_layouts(folder)
    result = compare_files(old, new)
    pins = result.alignment.pins
    assert len(pins) > 20
    # A place between pins maps in order, and back again to (about) where it started.
    for (op, oy), (np_, ny) in pins[::7]:
        assert result.alignment.old_to_new(op, oy) == pytest.approx((np_, ny), abs=0.01)
        back = result.alignment.new_to_old(np_, ny)
        assert back[0] == op and back[1] == pytest.approx(oy, abs=0.01)
    places = [result.alignment.old_to_new(1, y) for y in range(800, 0, -50)]
    positions = [result.alignment.new_position(p, y) for p, y in places]
    assert positions == sorted(positions)


def test_marks_and_the_change_strip_say_where_to_colour(folder):
    result = compare_files(*versions.page_added(folder))
    [(k, change, rect)] = result.marks("new", 2)[:1]
    assert k == 0 and change.kind == "insert" and len(rect) == 4
    assert result.marks("old", 1) == [] and result.marks("new", 1) == []
    [(where, _)] = result.strip("new")
    assert 0.5 < where < 1.0  # on the second of two pages
    [(where_old, _)] = result.strip("old")
    assert where_old > 0.5  # after the last paragraph of the one-page old version


def test_papers_with_no_text_in_common_align_by_page_and_fraction(tmp_path):
    from tests.helpers.paper_pdf import write_rows
    old = write_rows(tmp_path / "a.pdf", [(10.0, 72.0, f"alpha {k} beta") for k in range(60)])
    new = write_rows(tmp_path / "b.pdf", [(10.0, 72.0, "gamma delta epsilon")] * 120)
    result = compare_files(old, new)
    assert all(c.kind in ("replace", "delete", "insert") for c in result.changes)
    assert result.alignment.pins == []
    align = result.alignment
    for page, y in [(1, 800.0), (2, 421.0), (result.old.pages, 10.0)]:
        fraction = align.old_position(page, y) / sum(result.old.page_heights)
        mapped = align.new_position(*align.old_to_new(page, y)) / sum(result.new.page_heights)
        assert mapped == pytest.approx(fraction)


def test_in_a_meeting_pack_the_summary_that_changed_is_the_papers_own(folder):
    result = compare_files(*versions.pack_second_paper_changed(folder))
    assert len(result.old_summaries) == len(result.new_summaries) == 2
    [cap] = [s for s in result.summary_changes if s.kind == "capital"]
    assert cap.paper == 1 and (cap.old_pence, cap.new_pence) == ([250_000_000], [300_000_000])
    assert all(a.old_page >= 3 and a.new_page >= 3 for a in result.amounts)  # second paper
    assert result.amounts and all(c.money for c in result.changes)


def test_a_lettered_recommendation_inserted_renumbers_the_rest_once(folder):
    from dataclasses import replace as but

    from tests.helpers.paper_pdf import Flow, ReportSpec, write_report
    spec = ReportSpec(rec_marker="letter")
    recs = list(spec.recommendations)
    a, b = Flow(), Flow()
    write_report(a, spec)
    write_report(b, but(spec, recommendations=[versions.REPLACED_REC] + recs))
    result = compare_files(a.save(folder / "letters-v1.pdf"), b.save(folder / "letters-v2.pdf"))
    assert [c.kind for c in result.changes if not c.money] == ["insert", "renumber"]
    renumber = next(c for c in result.changes if c.kind == "renumber")
    assert (renumber.old.text, renumber.new.text) == ("a–c", "b–d")
    assert [r.change for r in result.recommendations] == ["added"]


@pytest.mark.parametrize("quote", ["Financial Comments", "Report author", "Part 2 of"])
def test_a_paragraph_maps_to_where_it_stands_in_the_other_layout(folder, quote):
    from mopac_desk.pdf import PaperDocument
    old, new = versions.two_layouts(folder, versions.JUSTIFIED)
    result = compare_files(old, new)

    def where(path):
        with PaperDocument.open(path) as doc:
            hit = doc.find(quote)[0]
            return hit.index + 1, max(r.y1 for r in hit.rects)

    (op, oy), (np_, ny) = where(old), where(new)
    page, y = result.alignment.old_to_new(op, oy)
    assert page == np_ and y == pytest.approx(ny, abs=12.0)  # within a line
    page, y = result.alignment.new_to_old(np_, ny)
    assert page == op and y == pytest.approx(oy, abs=12.0)
