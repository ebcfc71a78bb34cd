"""The windowed alignment agrees with one whole alignment and stays fast on long texts."""

from __future__ import annotations

import random
import time

from rapidfuzz.distance import Indel

from mopac_desk.compare.diff import absorb_short_equals, align


def _edited(n: int, edits: int, seed: int = 3) -> tuple[list[str], list[str]]:
    rnd = random.Random(seed)
    vocab = [f"w{i}" for i in range(2000)]
    a = [rnd.choice(vocab) for _ in range(n)]
    b = list(a)
    for _ in range(edits):
        i = rnd.randrange(len(b))
        op = rnd.random()
        if op < 0.33:
            b[i] = "changed"
        elif op < 0.66:
            del b[i]
        else:
            b.insert(i, "added")
    return a, b


def _cost(ops) -> int:
    return sum((o.i2 - o.i1) + (o.j2 - o.j1) for o in ops if o.tag != "equal")


def _covers(ops, a, b) -> bool:
    i = j = 0
    for o in ops:
        if (o.i1, o.j1) != (i, j):
            return False
        if o.tag == "equal" and a[o.i1:o.i2] != b[o.j1:o.j2]:
            return False
        i, j = o.i2, o.j2
    return (i, j) == (len(a), len(b))


def test_windows_give_an_alignment_as_good_as_the_whole():
    a, b = _edited(20_000, 200)
    ops = align(a, b, window=1000)
    assert _covers(ops, a, b)
    # As few words deleted and inserted as in one alignment of the whole lists.
    assert _cost(ops) <= Indel.distance(a, b) * 1.05


def test_a_long_insertion_is_found_by_growing_the_window():
    a, _ = _edited(6000, 0)
    b = a[:1000] + [f"new{i}" for i in range(4000)] + a[1000:]
    ops = align(a, b, window=1000)
    assert _covers(ops, a, b)
    assert [o.tag for o in ops] == ["equal", "insert", "equal"]


def test_long_texts_align_quickly():
    a, b = _edited(120_000, 1500)
    t0 = time.perf_counter()
    ops = align(a, b)
    assert _covers(ops, a, b)
    assert time.perf_counter() - t0 < 3.0  # one whole alignment takes about as long alone


def test_stray_common_words_inside_a_rewritten_sentence_make_one_change():
    a = "we approve the plan of the estate for six sites".split()
    b = "they reject a scheme of the board for nine towns".split()
    ops = absorb_short_equals(align(a, b))
    assert [o.tag for o in ops] == ["replace"]
