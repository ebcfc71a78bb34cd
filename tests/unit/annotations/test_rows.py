"""The pack's Annotations sheet: a row per comment and per reply, private notes left out."""

from __future__ import annotations

from datetime import datetime

from mopac_desk.annotations.model import Annotation, Reply
from mopac_desk.annotations.rows import COLUMNS, annotation_rows, rows_for_papers


def test_one_row_per_comment_and_reply_with_thread_and_parent():
    comments = [
        Annotation(kind="highlight", page=3, rects=[[1, 1, 2, 2]], id=7, quote="£2m",
                   contents="=SUM(A1)", author="Priya", created="2025-06-12T10:00:00+01:00",
                   status="accepted", tags=["finance", "legal"],
                   replies=[Reply("Tom", "Agreed", "2025-06-13T09:00:00+00:00")]),
        Annotation(kind="note", page=4, rects=[[1, 1, 2, 2]], id=8, private=True),
        Annotation(kind="area", page=5, rects=[[1, 1, 2, 2]], id=9),
    ]
    rows = annotation_rows(comments, "PCD 977", {3: "iii"})
    assert [(r.thread, r.parent, r.kind) for r in rows] == [
        ("A7", "", "Highlight"), ("A7.1", "A7", "Reply"), ("A9", "", "Area")]
    first = rows[0]
    assert first.values() == ("A7", "", "PCD 977", "iii", 3, "Highlight", "£2m", "=SUM(A1)",
                              "Priya", datetime(2025, 6, 12, 9, 0), None, "Accepted",
                              "finance, legal")
    assert len(first.values()) == len(COLUMNS)
    assert rows[2].page_label == "5" and rows[2].status == ""
    assert len(rows_for_papers([("A", comments, None), ("B", comments[:1], None)])) == 5
