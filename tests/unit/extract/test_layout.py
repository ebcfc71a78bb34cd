"""Lines, running headers/footers and ligatures on real and generated pages."""

from __future__ import annotations

from mopac_desk.extract import read_lines
from mopac_desk.extract.lines import page_lines
from mopac_desk.pdf import PageText, PaperDocument


def test_running_header_and_footer_flagged_on_every_page(pcd977):
    with PaperDocument.open(pcd977) as doc:
        lines = read_lines(doc)
    running = [ln for ln in lines if ln.running]
    assert {ln.text for ln in running} == {"OFFICIAL – PUBLIC"} | {f"Page {n} of 8" for n in range(1, 9)}
    assert len(running) == 16
    # The marking inside the text ("It is classified as OFFICIAL – PUBLIC") is body text.
    assert any(not ln.running and ln.text == "OFFICIAL – PUBLIC" for ln in lines)
    footnotes = [ln.text for ln in lines if ln.footnote]
    assert footnotes == ["1 Police and crime plan: a safer city for all Londoners | London City Hall"]


def test_lines_map_substrings_to_rectangles(pcd977):
    with PaperDocument.open(pcd977) as doc:
        lines = read_lines(doc)
        title = next(ln for ln in lines if ln.text.startswith("Title:"))
        start = title.text.index("End User")
        [rect] = title.rects_for(start, len(title.text))
        hit = doc.find("End User Device Refresh FY2122")[0]
    assert hit.index == title.page - 1
    assert [round(v) for v in rect] == [round(v) for v in hit.rects[0].as_list()]


def test_footnote_mark_stays_on_its_line(pcd977):
    with PaperDocument.open(pcd977) as doc:
        lines = read_lines(doc)
    texts = [ln.text for ln in lines if ln.page == 6]
    assert "Contributes to the MOPAC Police & Crime Plan 2017-20211" in texts


def test_ligatures_become_letters_with_boxes():
    text = "ﬁnal oﬃce"
    boxes = [(float(i * 10), 0.0, float(i * 10 + 10), 10.0) for i in range(len(text))]
    [line] = page_lines(PageText(0, text, boxes), 1)
    assert line.text == "final office"
    assert len(line.boxes) == len(line.text)
    assert line.rects_for(0, 2) == [[0.0, 0.0, 10.0, 10.0]]


def test_meeting_line_is_not_a_sentence_naming_the_meeting():
    from mopac_desk.extract.segment import is_meeting_line

    assert is_meeting_line("MOPAC Investment Advisory & Monitoring meeting 9th April 2021")
    assert is_meeting_line("MOPAC Investment Advisory & Monitoring meeting [Date]")
    assert is_meeting_line("Investment Advisory and Monitoring Meeting – 14 November 2023")
    assert not is_meeting_line("Investment Advisory and Monitoring meeting (IAM), is asked to:")
    assert not is_meeting_line("Investment Advisory & Monitoring meeting will consider the case")
