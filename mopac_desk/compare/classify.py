"""From an alignment of two word lists to the changes a reader cares about.

Kinds: ``insert``, ``delete``, ``replace`` (words changed), ``renumber`` (paragraph labels
shifted by one amount over a run of paragraphs: one change, however many paragraphs) and
``format`` (the same words in another case). Typographic variants (curly or straight quotes,
dashes) and a different layout are no change at all.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field

from ..extract.lines import load_spans
from .diff import Op, absorb_short_equals, regroup
from .words import RectList, Side, Words

KINDS: tuple[str, ...] = ("insert", "delete", "replace", "renumber", "format")
_SLIDE = 24  # words an insertion or deletion may slide to start at a paragraph


@dataclass
class Change:
    """One change between the two documents.

    ``old``/``new`` are None on the side where nothing stands (an insertion has no old
    text). ``old_range``/``new_range`` are word indices into each side's :class:`Words`
    (empty for the missing side: that is where the change would stand), and
    ``old_at``/``new_at`` are ``(page, y)`` of that place on each side, for scrolling to it."""

    kind: str
    old: Side | None
    new: Side | None
    old_range: tuple[int, int]
    new_range: tuple[int, int]
    old_at: tuple[int, float] = (1, 0.0)
    new_at: tuple[int, float] = (1, 0.0)
    money: bool = False  # a £ sum changed in it (set by the money comparison)
    amounts: list[tuple[str | None, str | None]] = field(default_factory=list)
    # For a renumbering: the word indices of the labels renumbered, (old, new).
    labels: tuple[list[int], list[int]] | None = None
    # The lowest OCR confidence (0-100) of its words on a page read by OCR (None: typeset).
    ocr_confidence: float | None = None

    def to_dict(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "old": self.old.to_dict() if self.old else None,
            "new": self.new.to_dict() if self.new else None,
            "money": self.money,
        }


def _same_text(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def classify(old: Words, new: Words, ops: list[Op]) -> list[Change]:
    """Every change, in reading order (of the new document, then the old)."""
    ops = absorb_short_equals(_slide(regroup(ops, old.keys, new.keys), old, new))
    changes: list[Change] = []
    relabels: list[tuple[int, int] | None] = []
    for op in ops:
        if op.tag == "equal":
            _variants(old, new, op, changes, relabels)
            continue
        o, n = old.text(op.i1, op.i2), new.text(op.j1, op.j2)
        if op.tag == "replace" and _same_text(o, n):
            continue  # a number read as a label on one side only: the words are the same
        changes.append(_change(op.tag, old, new, (op.i1, op.i2), (op.j1, op.j2)))
    changes.extend(_renumbers(old, new, relabels))
    changes.sort(key=lambda c: (c.new_range[0], c.old_range[0]))
    _fill_sides(changes, old, new)
    return changes


def _change(kind: str, old: Words, new: Words, orng: tuple[int, int],
            nrng: tuple[int, int]) -> Change:
    # Sides are filled in once every change is known (see _fill_sides).
    return Change(kind, None, None, orng, nrng, old.place(orng[0]), new.place(nrng[0]))


def _words_of(c: Change, side: str) -> list[tuple[int, int]]:
    """Word ranges a change covers on one side (each renumbered label alone)."""
    if c.labels is not None:
        return [(i, i + 1) for i in c.labels[0 if side == "old" else 1]]
    rng = c.old_range if side == "old" else c.new_range
    return [rng] if rng[1] > rng[0] else []


def _fill_sides(changes: list[Change], old: Words, new: Words) -> None:
    """Each change's text and rectangles, the character boxes of every changed word read in
    one trip to the PDFium thread rather than one a line."""
    load_spans([p for c in changes for side, words in (("old", old), ("new", new))
                for rng in _words_of(c, side) for p in words.pieces(*rng)])
    for c in changes:
        if c.labels is not None:
            c.old, c.new = _label_side(old, c.labels[0]), _label_side(new, c.labels[1])
        else:
            c.old, c.new = old.side(*c.old_range), new.side(*c.new_range)


def _caseless(text: str) -> bool:
    return text.upper() == text.lower()


def _variants(old: Words, new: Words, op: Op, changes: list[Change],
              relabels: list[tuple[int, int] | None]) -> None:
    """Matching words printed differently: labels renumbered, or case changed (one change
    for a run of words in another case, over the numbers and punctuation between them)."""
    ow, nw, labels = old.texts, new.texts, old.labels
    run: tuple[int, int] | None = None  # (first, last) old index of a case change
    n = op.i2 - op.i1
    if ow[op.i1:op.i2] == nw[op.j1:op.j2]:
        # The usual case: printed alike throughout; its labels kept their numbers.
        ordered = old.label_list
        lo, hi = bisect_left(ordered, op.i1), bisect_left(ordered, op.i2)
        relabels.extend([None] * (hi - lo))
        return
    for k in range(n):
        i = op.i1 + k
        a, b = ow[i], nw[op.j1 + k]
        if a == b:
            if i in labels:
                relabels.append(None)  # a label that kept its number ends a renumbering
            continue
        if i in labels:
            relabels.append((i, op.j1 + k))
            continue
        if a.casefold() != b.casefold():
            continue  # curly against straight quotes, a dash for a hyphen: typography
        if run and all(_caseless(w) for w in ow[run[1] + 1:i]):
            run = (run[0], i)
            continue
        if run:
            _add_format(old, new, op, run, changes)
        run = (i, i)
    if run:
        _add_format(old, new, op, run, changes)


def _add_format(old: Words, new: Words, op: Op, run: tuple[int, int],
                changes: list[Change]) -> None:
    i, n = run[0], run[1] - run[0] + 1
    j = op.j1 + (i - op.i1)
    changes.append(_change("format", old, new, (i, i + n), (j, j + n)))


_ROMAN = {"i": 1, "v": 5, "x": 10}


def _numbers(label: str) -> list[int]:
    """A label's numbers: "3.1" -> [3, 1]; a list letter "c" -> [3]; "iv" -> [4]."""
    if label.isalpha():
        if len(label) == 1 and label not in ("i", "v", "x"):
            return [ord(label) - ord("a") + 1]
        values = [_ROMAN.get(ch, 0) for ch in label]
        return [sum(-v if k + 1 < len(values) and v < values[k + 1] else v
                    for k, v in enumerate(values))]
    return [int(p) for p in label.split(".") if p.isdigit()]


def _renumbers(old: Words, new: Words, relabels: list[tuple[int, int] | None]) -> list[Change]:
    """Labels shifted by one amount in a row become one change ("4–12" → "5–13"); None in
    ``relabels`` is a label left as it was, which ends the row."""
    groups: list[list[tuple[int, int]]] = []
    last_shift: tuple[int, int] | None = None
    for pair in relabels:
        if pair is None:
            last_shift = None
            continue
        i, j = pair
        a, b = _numbers(old.texts[i]), _numbers(new.texts[j])
        diff = [k for k in range(min(len(a), len(b))) if a[k] != b[k]]
        shift = (diff[0], b[diff[0]] - a[diff[0]]) if len(a) == len(b) and diff else None
        if groups and shift is not None and shift == last_shift:
            groups[-1].append((i, j))
        else:
            groups.append([(i, j)])
        last_shift = shift
    return [_renumber(old, new, g) for g in groups]


def _label_side(words: Words, indices: list[int]) -> Side:
    spans: list[tuple[int, RectList]] = []
    for i in indices:
        ((ln, s, e),) = words.pieces(i, i + 1)[:1]
        rects = ln.rects_for(s, e)
        if spans and spans[-1][0] == ln.page:
            spans[-1][1].extend(rects)
        else:
            spans.append((ln.page, list(rects)))
    first, last = words.texts[indices[0]], words.texts[indices[-1]]
    text = first if len(indices) == 1 else f"{first}–{last}"
    return Side(text, spans[0][0], spans[0][1], spans)


def _renumber(old: Words, new: Words, group: list[tuple[int, int]]) -> Change:
    olds, news = [i for i, _ in group], [j for _, j in group]
    return Change("renumber", None, None, (olds[0], olds[-1] + 1), (news[0], news[-1] + 1),
                  old.place(olds[0]), new.place(news[0]), labels=(olds, news))


# -- where an insertion or deletion starts ---------------------------------------------

def _slide(ops: list[Op], old: Words, new: Words) -> list[Op]:
    """Move a pure insertion or deletion along the text it repeats, so that it starts at a
    paragraph label or a line start ("4. New paragraph ... 5." rather than "New paragraph ...
    5. ... 4."), as a reader would mark it."""
    out = list(ops)
    for k in range(1, len(out) - 1):
        op, before, after = out[k], out[k - 1], out[k + 1]
        if before.tag != "equal" or after.tag != "equal" or op.tag not in ("insert", "delete"):
            continue
        words, keys = (new, new.keys) if op.tag == "insert" else (old, old.keys)
        s, e = (op.j1, op.j2) if op.tag == "insert" else (op.i1, op.i2)
        room_back = min(_SLIDE, before.i2 - before.i1)
        room_fwd = min(_SLIDE, after.i2 - after.i1)
        best, best_score = 0, _start_score(words, s)
        for d in range(1, room_back + 1):
            if keys[s - d] != keys[e - d]:
                break
            score = _start_score(words, s - d)
            if score > best_score:
                best, best_score = -d, score
        for d in range(1, room_fwd + 1):
            if e + d - 1 >= len(keys) or keys[s + d - 1] != keys[e + d - 1]:
                break
            score = _start_score(words, s + d)
            if score > best_score:
                best, best_score = d, score
        if best:
            out[k - 1] = before = Op("equal", before.i1, before.i2 + best, before.j1,
                                     before.j2 + best)
            out[k] = Op(op.tag, op.i1 + best, op.i2 + best, op.j1 + best, op.j2 + best)
            out[k + 1] = Op("equal", after.i1 + best, after.i2, after.j1 + best, after.j2)
    return [op for op in out if op.i1 != op.i2 or op.j1 != op.j2]


def _start_score(words: Words, i: int) -> int:
    if i >= len(words):
        return 1
    if i in words.labels:
        return 3
    return 2 if words.first_word_of_line(words.line_index[i]) == i else 0
