"""The real MOPAC papers: a paper against itself, and against itself with a page taken out."""

from __future__ import annotations

import re
from pathlib import Path

import pikepdf

from mopac_desk.compare import compare_files
from mopac_desk.compare.command import summary


def test_a_real_paper_against_itself_shows_no_change(paper_path):
    result = compare_files(paper_path, paper_path)
    assert result.changes == [] and result.amounts == [] and result.recommendations == []
    assert result.summary_changes == []


def test_a_page_taken_out_is_deleted_text_on_that_page_only(pcd977, tmp_path):
    cut = tmp_path / "cut.pdf"
    with pikepdf.open(pcd977) as pdf:
        del pdf.pages[2]
        pdf.save(cut)
    result = compare_files(pcd977, cut)
    assert result.changes
    assert all(c.old is not None and 3 <= c.old.page <= 4 for c in result.changes)
    deleted = sum(len(c.old.text) for c in result.changes if c.kind in ("delete", "replace"))
    assert deleted > 500  # most of a page of text
    # Past the cut the two align again: page 5 of the old is page 4 of the new.
    page, _ = result.alignment.old_to_new(5, 400.0)
    assert page == 4


def test_a_page_added_in_the_middle_is_inserted_text_on_that_page_only(pcd977, tmp_path):
    from tests.conftest import PAPERS
    other = next(p for p in PAPERS if p != pcd977)
    added = tmp_path / "added.pdf"
    with pikepdf.open(pcd977) as pdf, pikepdf.open(other) as src:
        pdf.pages.insert(3, src.pages[1])
        pdf.save(added)
    result = compare_files(pcd977, added)
    # The added page's body is one change on it; its footnote ("1 Police and crime plan...")
    # is also a later page's, so which of the two counts as new is a toss-up.
    body = [c for c in result.changes if c.new is not None and c.new.page == 4]
    assert len(body) == 1 and body[0].kind == "insert" and len(body[0].new.text) > 500
    assert len(result.changes) <= 2
    page, _ = result.alignment.old_to_new(6, 400.0)
    assert page == 7


def _with_figure_retyped(src: Path, out: Path, old: str, new: str) -> int:
    """``src`` with every ``old`` figure its text layer draws in one piece retyped as ``new``
    (same length; the subset font's own glyphs for the digits, found through its ToUnicode
    map), as a revision made in the office would leave it; returns how many were retyped."""
    count = 0
    with pikepdf.open(src) as pdf:
        for page in pdf.pages:
            codes = {str(name): _unicode_map(font) for name, font in page.Resources.Font.items()}
            font, ops = None, []
            for operands, op in pikepdf.parse_content_stream(page):
                if op == pikepdf.Operator("Tf"):
                    font = str(operands[0])
                if op == pikepdf.Operator("TJ") and codes.get(font):
                    to_text = codes[font]
                    to_code = {ch: code for code, ch in to_text.items()}
                    parts = [bytearray(bytes(el)) if isinstance(el, pikepdf.String) else el
                             for el in operands[0]]
                    at = [(i, j) for i, el in enumerate(parts) if isinstance(el, bytearray)
                          for j in range(len(el))]
                    text = "".join(to_text.get(parts[i][j], "?") for i, j in at)
                    start = text.find(old)
                    while start >= 0:
                        for k, ch in enumerate(new):
                            i, j = at[start + k]
                            parts[i][j] = to_code[ch]
                        count += 1
                        start = text.find(old, start + 1)
                    operands = [pikepdf.Array([pikepdf.String(bytes(el)) if isinstance(
                        el, bytearray) else el for el in parts])]
                ops.append((operands, op))
            page.Contents = pdf.make_stream(pikepdf.unparse_content_stream(ops))
        pdf.save(out)
    return count


def _unicode_map(font: pikepdf.Object) -> dict[int, str]:
    cmap = font.get("/ToUnicode")
    text = cmap.read_bytes().decode("latin-1") if cmap is not None else ""
    pairs = re.findall(r"<([0-9A-Fa-f]{2})>\s*<([0-9A-Fa-f]+)>", text)
    return {int(a, 16): chr(int(b, 16)) for a, b in pairs}


def test_a_real_paper_revised_on_its_form_alone_shows_the_sum_and_the_conflict(pcd977,
                                                                               tmp_path):
    # The decision form's capital raised, the report's "£14.7m" left as it was: the money
    # changes come first, and the later summary conflicts with itself, its standing sum the
    # same; that is what the reviewer must see.
    revised = tmp_path / "pcd-977-revised.pdf"
    assert _with_figure_retyped(pcd977, revised, "14,700,000", "16,900,000") == 2
    result = compare_files(pcd977, revised)
    assert [(a.old_pence, a.new_pence, a.kind) for a in result.amounts] == [
        (1_470_000_000, 1_690_000_000, "capital")] * 2
    assert all(c.money for c in result.changes) and len(result.changes) == 2
    [line] = result.summary_changes
    assert (line.kind, line.old_pence, line.new_pence) == ("capital", [1_470_000_000],
                                                          [1_470_000_000])
    assert line.old_conflicting == [] and line.new_conflicting == [1_690_000_000]
    assert line.stated("new") == "£14,700,000, conflicting with £16,900,000"
    assert summary(result).index("Money (2)") < summary(result).index(
        "capital £14,700,000 → £14,700,000, conflicting with £16,900,000")
    assert result.to_dict()["summaries"]["changes"][0]["new_conflicting_pence"] == [
        1_690_000_000]
