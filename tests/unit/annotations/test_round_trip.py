"""Round trips on a real MOPAC paper and on generated comments of every kind and wording."""

from __future__ import annotations

import shutil

from hypothesis import HealthCheck, given, settings, strategies as st

from mopac_desk.annotations.model import KINDS, STATUSES, Annotation, Reply
from mopac_desk.annotations.pdf_read import read_annotations
from mopac_desk.annotations.pdf_write import export_annotated
from mopac_desk.pdf import PaperDocument
from tests.helpers.annotated_pdf import write_paper


def test_a_real_paper_keeps_its_links_and_takes_a_highlight(pcd977, tmp_path):
    paper = shutil.copy(pcd977, tmp_path / "pcd977.pdf")
    assert read_annotations(paper) == []  # its links are not review comments
    with PaperDocument.open(paper) as doc:
        hit = doc.find("end user device")[0]
    mark = Annotation(kind="highlight", page=hit.index + 1,
                      rects=[r.as_list() for r in hit.rects], contents="Why now?",
                      author="Priya Shah", pdf_name="mopac-real")
    out = tmp_path / "out.pdf"
    export_annotated(paper, [mark], out)
    [back] = read_annotations(out)
    assert back.quote.casefold() == "end user device" and back.contents == "Why now?"
    import pikepdf
    with pikepdf.open(paper) as a, pikepdf.open(out) as b:
        def links(pdf):
            return sum(str(x.get("/Subtype")) == "/Link" for p in pdf.pages
                       for x in p.obj.get("/Annots", []))
        assert links(a) == links(b) == 2


_words = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Cf", "Zl", "Zp")),
                 max_size=40).map(lambda s: " ".join(s.split()))
_reply = st.builds(Reply, author=_words, contents=_words)


@st.composite
def _comment(draw, n: int = 0) -> Annotation:
    kind = draw(st.sampled_from(KINDS))
    x = draw(st.integers(40, 400))
    y = draw(st.integers(100, 700))
    rects = [[x, y, x + draw(st.integers(20, 150)), y + draw(st.integers(10, 40))]]
    ink = [[[x, y], [x + 10, y + 20], [x + 30, y]]] if kind == "ink" else []
    return Annotation(
        kind=kind, page=draw(st.integers(1, 2)), rects=[] if kind == "ink" else rects, ink=ink,
        contents=draw(_words), author=draw(_words), status=draw(st.sampled_from(STATUSES)),
        colour=draw(st.sampled_from(["#ffd54f", "#e53935", "#000000", "#64b5f6"])),
        replies=draw(st.lists(_reply, max_size=2)))


@settings(max_examples=20, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(_comment(), min_size=1, max_size=6))
def test_any_comments_come_back_as_they_went(tmp_path_factory, comments):
    folder = tmp_path_factory.mktemp("rt")
    paper = write_paper(folder / "paper.pdf")
    for i, a in enumerate(comments):
        a.id = i + 1
    out = folder / "out.pdf"
    export_annotated(paper, comments, out)
    back = {a.pdf_name: a for a in read_annotations(out, quotes=False)}
    assert len(back) == len(comments)
    for a in comments:
        got = back[f"mopac-annotation-{a.id}"]
        assert (got.kind, got.page, got.contents, got.author, got.status, got.colour) == (
            a.kind, a.page, a.contents, a.author, a.status, a.colour)
        assert [(r.author, r.contents) for r in got.replies] == [
            (r.author, r.contents) for r in a.replies]
