"""The new version of a paper with each change of a comparison as a standard PDF annotation,
for a reader with no mopac-desk: inserted and changed words highlighted, words that went
marked by a note where they stood, money changes first and in red.

The annotations are written by the annotation room's writer (explicit appearance streams,
the print flag, popups), so Acrobat, browsers and poppler all show and print them.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from ..annotations.model import PALETTE, Annotation
from ..annotations.pdf_write import ExportError, ExportResult, export_annotated
from ..compare.engine import Comparison
from ..compare.excel import ChangesCancelled
from ..whole_file import WholeFileError, writing_whole

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
                      out: str | os.PathLike[str], password: str | None = None,
                      cancel: Callable[[], bool] | None = None) -> ExportResult:
    """Write ``new_pdf`` with the comparison's changes as annotations to ``out`` (atomic;
    the new version itself is never changed). Raises the writer's ExportError (a plain
    message), and :class:`~mopac_desk.compare.excel.ChangesCancelled` when ``cancel()`` is
    true once the copy is written (it is then removed: ``out`` is left as it was)."""
    notes = change_annotations(comparison)
    if cancel is None:
        return export_annotated(Path(new_pdf), notes, Path(out), password=password,
                                keep_existing=True)
    dest = Path(out)
    try:
        with writing_whole(dest, suffix=".pdf.part") as part:
            if dest.exists() and dest.resolve() == Path(new_pdf).resolve():
                raise ExportError("The annotated PDF must be written to a new file, not over "
                                  "the paper's own document.")
            # The writer writes the copy whole at ``part``; it is moved into place only if
            # the export was not cancelled meanwhile.
            result = export_annotated(Path(new_pdf), notes, part, password=password,
                                      keep_existing=True)
            if cancel():
                raise ChangesCancelled()
    except WholeFileError as exc:
        raise ExportError(str(exc)) from None
    return replace(result, path=dest)
