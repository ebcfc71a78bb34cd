"""The new version of a paper with each change of a comparison as a standard PDF annotation,
for a reader with no mopac-desk: inserted and changed words highlighted, words that went
marked by a note where they stood, money changes first and in red.

The annotations are written by the annotation room's writer (explicit appearance streams,
the print flag, popups), so Acrobat, browsers and poppler all show and print them.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..annotations.model import PALETTE, Annotation
from ..annotations.pdf_write import ExportResult, export_annotated
from ..compare.engine import Comparison

AUTHOR = "mopac-desk comparison"
_COLOURS = {"insert": PALETTE["green"], "replace": PALETTE["blue"], "renumber": PALETTE["purple"],
            "format": PALETTE["purple"], "delete": PALETTE["red"]}
_SHOWN = 400  # characters of a change's text kept in a note


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _SHOWN else text[:_SHOWN - 1] + "…"


def change_annotations(comparison: Comparison) -> list[Annotation]:
    """One annotation for each change, placed on the new version (money changes first)."""
    out: list[Annotation] = []
    for change in comparison.money_first():
        colour = PALETTE["red"] if change.money else _COLOURS.get(change.kind, PALETTE["blue"])
        old = _short(change.old.text) if change.old else ""
        new = _short(change.new.text) if change.new else ""
        prefix = "Money: " if change.money else ""
        if change.new is not None and change.kind != "delete":
            said = {"insert": "Inserted", "renumber": "Renumbered", "format": "Formatting"}.get(
                change.kind, "Changed")
            words = f"{prefix}{said}" + (f"; was: “{old}”" if old else "")
            for page, rects in change.new.spans or [(change.new.page, change.new.rects)]:
                if rects:
                    out.append(Annotation(kind="highlight", page=page, rects=rects,
                                          contents=words, quote=new, author=AUTHOR,
                                          colour=colour))
            continue
        page, y = change.new_at
        x0 = 36.0
        out.append(Annotation(kind="note", page=page, rects=[[x0, y - 16, x0 + 16, y]],
                              contents=f"{prefix}Deleted: “{old}”", author=AUTHOR,
                              colour=colour))
    return out


def write_changes_pdf(comparison: Comparison, new_pdf: str | os.PathLike[str],
                      out: str | os.PathLike[str], password: str | None = None) -> ExportResult:
    """Write ``new_pdf`` with the comparison's changes as annotations to ``out`` (atomic;
    the new version itself is never changed). Raises the writer's ExportError."""
    return export_annotated(Path(new_pdf), change_annotations(comparison), Path(out),
                            password=password, keep_existing=True)
