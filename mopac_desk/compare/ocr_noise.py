"""Telling OCR's misreadings from changes, where a side of a comparison was read by OCR.

OCR of a clean scan is good but not perfect: a narrow "I" dropped, a stray space inside a
number ("£21 3,477"), "l" for "1", a comma for a full stop, a capital for a small letter. Each
would be a change in a word-by-word comparison, and a scan compared with its typeset source
would drown in them. So a change that stands on an OCR-read page is *noise* when its two
texts say the same once these misreadings are allowed for, and **never** when a figure in it
differs: a changed digit, decimal point or thousands separator is always a change (OCR's
"l" for "1" and "O" for "0" inside a number aside). Noise is kept, listed apart from the
changes, so a reader can still look at it: nothing is dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from ..extract.summary import Summary
from ..ocr.text import OcrPageText
from .classify import Change
from .money import RecommendationChange
from .summaries import SummaryChange
from .words import RectList

#: Edits (after the misreadings below are allowed for) a noisy word change may hold: one per
#: five characters, at most four.
_PER_EDIT, _MAX_EDITS = 5, 4
#: A recommendation OCR read is the same recommendation within one edit per twenty characters.
_REC_PER_EDIT = 20
#: Similarity (0-100) from which a margin line on a scanned page is a known running line:
#: "page #o#f #" (OCR's "Page 1o0f 4") is 91 like "page # of #", "page #" only 71.
_RUNNING_ALIKE = 80.0

# Letters OCR reads for digits inside a number ("£2.O25m", "£l.8m"), and digits for letters.
_IN_NUMBERS = str.maketrans({"O": "0", "o": "0", "D": "0", "Q": "0", "l": "1", "I": "1",
                             "i": "1", "|": "1", "!": "1", "S": "5", "s": "5", "B": "8",
                             "Z": "2", "z": "2"})
# Shapes OCR confuses in words: each class reduced to one letter.
_ALIKE = str.maketrans({"0": "o", "1": "l", "i": "l", "|": "l", "!": "l", "j": "l",
                        "5": "s", "8": "b", "2": "z"})
_PLAIN = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-",
                        "\u2010": "-", "\u2011": "-", "\u2212": "-", "\ufffe": None,
                        "\x02": None, "\u00ad": None})
_HAS_DIGIT = re.compile(r"\d")
_FIGURE = re.compile(r"\d[\d.,]*\d|\d")
_NOT_ALNUM = re.compile(r"[\W_]+")


def figures(text: str) -> list[str]:
    """The figures a text states, as OCR may have split or misread them: within a word that
    holds a digit, letters shaped like digits are digits; spaces are left out ("£21 3,477"
    states 213,477)."""
    words = [w.translate(_IN_NUMBERS) if _HAS_DIGIT.search(w) else w for w in text.split()]
    return _FIGURE.findall("".join(words))


def _squash(text: str) -> str:
    return "".join(text.translate(_PLAIN).casefold().split())


def _letters(text: str) -> str:
    return _NOT_ALNUM.sub("", _squash(text).translate(_ALIKE))


def alike(old: str, new: str, per_edit: int = _PER_EDIT, most: int = _MAX_EDITS) -> bool:
    """True when ``old`` and ``new`` say the same allowing for OCR's misreadings: the same
    figures, and the words the same but for spacing, case, punctuation and a few letters
    (one edit per ``per_edit`` characters, at most ``most``)."""
    if figures(old) != figures(new):
        return False
    a, b = _letters(old), _letters(new)
    if a == b:
        return True
    room = min(most, max(1, round(max(len(a), len(b)) / per_edit)))
    return Levenshtein.distance(a, b, score_cutoff=room) <= room


def _pages(change: Change, side: str) -> list[int]:
    s = change.old if side == "old" else change.new
    if s is not None:
        return [p for p, _r in s.spans] or [s.page]
    return [(change.old_at if side == "old" else change.new_at)[0]]


def touches_ocr(change: Change, old_ocr: Iterable[int], new_ocr: Iterable[int]) -> bool:
    """True when the change stands on a page read by OCR (0-based page sets) on either side,
    or, for words on one side only, where they would stand on the other."""
    olds, news = set(old_ocr), set(new_ocr)
    return (any(p - 1 in olds for p in _pages(change, "old"))
            or any(p - 1 in news for p in _pages(change, "new")))


def is_noise(change: Change, old_ocr: Mapping[int, OcrPageText],
             new_ocr: Mapping[int, OcrPageText]) -> bool:
    """True when ``change`` is OCR's misreading rather than a change (see the module's note).
    A renumbering is never noise; a change on typeset pages only never is."""
    if change.kind == "renumber" or not touches_ocr(change, old_ocr, new_ocr):
        return False
    return alike(change.old.text if change.old else "", change.new.text if change.new else "")


def split_noise(changes: Sequence[Change], old_ocr: Mapping[int, OcrPageText],
                new_ocr: Mapping[int, OcrPageText]) -> tuple[list[Change], list[Change]]:
    """``(changes, noise)``: the changes a reader should see, and OCR's misreadings, each in
    the order given."""
    if not old_ocr and not new_ocr:
        return list(changes), []
    kept: list[Change] = []
    noise: list[Change] = []
    for c in changes:
        (noise if is_noise(c, old_ocr, new_ocr) else kept).append(c)
    return kept, noise


def change_confidence(change: Change, old_ocr: Mapping[int, OcrPageText],
                      new_ocr: Mapping[int, OcrPageText]) -> float | None:
    """The lowest OCR confidence (0-100) of the words a change covers on pages read by OCR;
    None when it covers none (typeset pages, or words only on the typeset side)."""
    found: list[float] = []
    for s, ocr in ((change.old, old_ocr), (change.new, new_ocr)):
        for page, rects in (s.spans if s is not None else []):
            pt = ocr.get(page - 1)
            value = pt.confidence_in(rects) if pt is not None and rects else None
            if value is not None:
                found.append(value)
    return min(found) if found else None


def misread_running(shape: str, running: Iterable[str]) -> bool:
    """True when a margin line's shape (case folded, digits as "#") is one of the ``running``
    headers' or footers' shapes as OCR may misread it (rapidfuzz similarity at least
    :data:`_RUNNING_ALIKE`)."""
    return any(fuzz.ratio(shape, known, score_cutoff=_RUNNING_ALIKE) for known in running)


def _overlaps(a: Sequence[float], b: Sequence[float]) -> bool:
    return min(a[2], b[2]) > max(a[0], b[0]) and min(a[3], b[3]) > max(a[1], b[1])


def _noise_rects(noise: Sequence[Change], side: str) -> dict[int, RectList]:
    out: dict[int, RectList] = {}
    for c in noise:
        s = c.old if side == "old" else c.new
        for page, rects in (s.spans if s is not None else []):
            out.setdefault(page, []).extend(rects)
    return out


def _explained(summary: Summary | None, kind: str, pence: Iterable[int],
               rects: Mapping[int, RectList]) -> bool:
    """True when every one of ``pence`` is stated on this side only inside noise."""
    if summary is None:
        return False
    source = "contract" if kind == "contracts" else kind
    figs = summary.sources.get(source, [])
    for p in pence:
        places = [pl for f in figs if f.pence == p for pl in f.places]
        if not places or not all(
                any(_overlaps(r, n) for r in pl.rects for n in rects.get(pl.page, []))
                for pl in places):
            return False
    return True


def summary_noise(changes: Sequence[SummaryChange], old: Sequence[Summary],
                  new: Sequence[Summary], noise: Sequence[Change]
                  ) -> tuple[list[SummaryChange], list[SummaryChange]]:
    """``(changes, noise)`` of the summaries compared: a summary line whose differing sums are
    each stated, on their side, only where OCR misread the text (a "£21" read from a split
    "£21 3,477") is noise."""
    if not noise:
        return list(changes), []
    rects = {"old": _noise_rects(noise, "old"), "new": _noise_rects(noise, "new")}
    kept: list[SummaryChange] = []
    dropped: list[SummaryChange] = []
    for s in changes:
        # A conflict OCR made (a sum misread in one place) is explained the same way.
        old_all, new_all = s.old_pence + s.old_conflicting, s.new_pence + s.new_conflicting
        only_old = [p for p in old_all if p not in new_all]
        only_new = [p for p in new_all if p not in old_all]
        a = old[s.paper] if s.paper < len(old) else None
        b = new[s.paper] if s.paper < len(new) else None
        if (only_old or only_new) and _explained(a, s.kind, only_old, rects["old"]) \
                and _explained(b, s.kind, only_new, rects["new"]):
            dropped.append(s)
        else:
            kept.append(s)
    return kept, dropped


def _marked(changes: Sequence[Change], side: str, page: int, rects: RectList) -> bool:
    for c in changes:
        s = c.old if side == "old" else c.new
        for p, marks in (s.spans if s is not None else []):
            if p == page and any(_overlaps(r, m) for r in rects for m in marks):
                return True
    return False


def recommendation_noise(recs: Sequence[RecommendationChange], kept: Sequence[Change]
                         ) -> tuple[list[RecommendationChange], list[RecommendationChange]]:
    """``(changes, noise)`` of the recommendations compared: one "reworded" only by OCR's
    misreadings (alike, and no change kept in the word comparison stands in it) is noise."""
    out: list[RecommendationChange] = []
    noise: list[RecommendationChange] = []
    for r in recs:
        if (r.change == "reworded" and r.old is not None and r.new is not None
                and alike(r.old.text, r.new.text, per_edit=_REC_PER_EDIT, most=8)
                and not _marked(kept, "old", r.old.page, r.old.rects)
                and not _marked(kept, "new", r.new.page, r.new.rects)):
            noise.append(r)
        else:
            out.append(r)
    return out, noise
