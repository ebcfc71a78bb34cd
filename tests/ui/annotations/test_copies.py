"""A colleague's annotated copy: opening it shows the comments the register merged in."""

from __future__ import annotations

import pytest

from mopac_desk.register.importer import import_paths
from tests.helpers.annotated_pdf import annotate_like_acrobat, write_paper
from tests.helpers.register_window import review_window
from tests.ui.annotations.conftest import forget_window

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def test_opening_the_annotated_copy_shows_its_comments_on_its_pages(qtbot, tmp_path, clerk):
    plain = write_paper(tmp_path / "paper.pdf")
    reviewed = tmp_path / "reviewed.pdf"
    expected = annotate_like_acrobat(plain, reviewed)
    with review_window(qtbot, tmp_path, papers=[plain], open_paper=None) as (window, panel):
        register = window.workspace.register
        import_paths(register, [reviewed])  # the same words: a copy of the paper
        [paper] = register.list_papers()
        assert len(register.documents(paper.id)) == 2
        assert window.open_path(reviewed)
        controller = window.annotations
        qtbot.waitUntil(lambda: len(controller.annotations()) == 7, timeout=10_000)
        high = next(a for a in controller.annotations() if a.kind == "highlight")
        assert high.page == expected.highlight_page and high.author == "Priya Shah"
        assert [r.contents for r in high.replies] == ["Agreed: the plan has £2m."]
        # The file's own drawing of them is off: the window draws the register's.
        assert window.document.review_annotations is False
        # A new comment made on the copy joins the others, on the paper's current document.
        window.viewer.select(0, 0, 3)
        window.actions_by_id["annotate.highlight"].trigger()
        qtbot.waitUntil(lambda: len(controller.annotations()) == 8)
        docs = {a.document_id for a in register.list_annotations(paper.id)}
        assert len(docs) == 1
        window.close()
        forget_window()
