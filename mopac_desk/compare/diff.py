"""Word-level alignment of two word lists with rapidfuzz's opcodes.

The alignment is the longest common subsequence of words (rapidfuzz's ``Indel`` opcodes: a
Levenshtein distance without substitutions). With substitutions allowed, a minimal edit
prefers to rewrite a few words in each of several look-alike paragraphs (a numbered list
whose items differ in a name) over deleting the one paragraph that went; without them the
deleted paragraph is one deletion and the rest matches.
rapidfuzz (MIT) is exact and fast on word lists, but its cost grows with the product of the
two lengths (about 3 s for two 120,000-word texts). Papers compared are versions of one
another, so the lists are aligned a window at a time: each window's alignment is kept up to
its last long run of matching words well inside the window, and the next window starts from
there. A window that finds no such run (a long insertion) doubles until it does.
difflib is not used: its default "autojunk" merges nearby changes, and without it it is some
forty times slower.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from rapidfuzz.distance import Indel

WINDOW = 1500  # words per side in one alignment window (its cost grows as its square)
_ANCHOR = 8  # matching words that make a safe place to cut a window
_KEEP = 0.8  # a cut must fall within this share of the window (its tail is unreliable)


@dataclass(frozen=True, slots=True)
class Op:
    """One block of the alignment: ``old[i1:i2]`` against ``new[j1:j2]``.

    ``tag`` is ``equal``, ``insert``, ``delete`` or ``replace`` (difflib's names)."""

    tag: str
    i1: int
    i2: int
    j1: int
    j2: int


def align(old: Sequence[str], new: Sequence[str], window: int = WINDOW) -> list[Op]:
    """Blocks covering both lists in order (equal runs and changes), adjacent blocks of one
    tag merged."""
    # rapidfuzz hashes the words itself (as fast as mapping them to integers first).
    a, b = list(old), list(new)
    out: list[Op] = []
    i = j = 0
    while i < len(a) or j < len(b):
        size = window
        while True:
            ia, jb = min(len(a), i + size), min(len(b), j + size)
            last = ia == len(a) and jb == len(b)
            ops = Indel.opcodes(a[i:ia], b[j:jb])
            blocks = [Op(o.tag, o.src_start + i, o.src_end + i, o.dest_start + j, o.dest_end + j)
                      for o in ops]
            if last:
                out.extend(blocks)
                i, j = len(a), len(b)
                break
            cut = _cut(blocks, i + int((ia - i) * _KEEP), j + int((jb - j) * _KEEP))
            if cut is not None:
                k, mid = cut
                out.extend(blocks[:k])
                eq = blocks[k]
                out.append(Op("equal", eq.i1, eq.i1 + mid, eq.j1, eq.j1 + mid))
                i, j = eq.i1 + mid, eq.j1 + mid
                break
            size *= 2
    return _merge(out)


def _cut(blocks: list[Op], i_limit: int, j_limit: int) -> tuple[int, int] | None:
    """(index of the block, words of it to keep): a place inside the last long equal run
    that starts within the limits, as far on as the limits allow, leaving a few of its words
    to start the next window with."""
    half = _ANCHOR // 2
    for k in range(len(blocks) - 1, -1, -1):
        op = blocks[k]
        if op.tag != "equal" or op.i2 - op.i1 < _ANCHOR:
            continue
        keep = min(i_limit - op.i1, j_limit - op.j1, op.i2 - op.i1 - half)
        if keep >= half:
            return k, keep
    return None


def _merge(ops: list[Op]) -> list[Op]:
    """Adjacent blocks of one tag joined; empty blocks dropped; a delete next to an insert
    becomes one replace."""
    out: list[Op] = []
    for op in ops:
        if op.i1 == op.i2 and op.j1 == op.j2:
            continue
        if out:
            prev = out[-1]
            same = prev.tag == op.tag or (prev.tag != "equal" and op.tag != "equal")
            if same:
                tag = prev.tag if prev.tag == op.tag else "replace"
                out[-1] = Op(tag, prev.i1, op.i2, prev.j1, op.j2)
                continue
        out.append(op)
    return out


def regroup(ops: list[Op], old: Sequence[str], new: Sequence[str]) -> list[Op]:
    """One insertion (or deletion) instead of several around stray matches.

    Between two long matching runs, a page inserted into the new version may share a few
    words with the old text that follows it ("The proposal is"); the alignment can match
    them inside the inserted page as well as where they really continue, and the second
    reads as several changes. When the old words of such a stretch are exactly how the new
    stretch ends (or starts), they are matched there: one insertion, then the match (the
    same number of words matched, so no worse an alignment). Likewise for deletions."""
    out: list[Op] = []
    k = 0
    while k < len(ops):
        if _long_equal(ops[k]):
            out.append(ops[k])
            k += 1
            continue
        m = k
        while m < len(ops) and not _long_equal(ops[m]):
            m += 1
        out.extend(_regroup_stretch(ops[k:m], old, new))
        k = m
    return _merge(out)


def _long_equal(op: Op) -> bool:
    return op.tag == "equal" and op.i2 - op.i1 >= _ANCHOR


def _regroup_stretch(run: list[Op], old: Sequence[str], new: Sequence[str]) -> list[Op]:
    i1, i2, j1, j2 = run[0].i1, run[-1].i2, run[0].j1, run[-1].j2
    o, n = i2 - i1, j2 - j1
    if len(run) == 1 or o == n:
        return run
    a, b = list(old[i1:i2]), list(new[j1:j2])
    if o < n and b[n - o:] == a:
        return [Op("insert", i1, i1, j1, j2 - o), Op("equal", i1, i2, j2 - o, j2)]
    if o < n and b[:o] == a:
        return [Op("equal", i1, i2, j1, j1 + o), Op("insert", i2, i2, j1 + o, j2)]
    if n < o and a[o - n:] == b:
        return [Op("delete", i1, i2 - n, j1, j1), Op("equal", i2 - n, i2, j1, j2)]
    if n < o and a[:n] == b:
        return [Op("equal", i1, i1 + n, j1, j2), Op("delete", i1 + n, i2, j2, j2)]
    return run


def absorb_short_equals(ops: list[Op]) -> list[Op]:
    """One change instead of several when changes are only a word or two apart.

    A minimal edit script matches stray common words ("of", "the", ",") inside rewritten
    text, which would list one rewritten sentence as five changes. An equal run of one word,
    or of up to three between two changes each four words or more, is taken into the change
    (again and again, as changes grow by taking words in)."""
    while True:
        out = _absorb_once(ops)
        if len(out) == len(ops):
            return out
        ops = out


def _absorb_once(ops: list[Op]) -> list[Op]:
    out: list[Op] = []
    k = 0
    while k < len(ops):
        op = ops[k]
        if (op.tag == "equal" and out and out[-1].tag != "equal" and k + 1 < len(ops)
                and _short(op, out[-1], ops[k + 1])):
            nxt = ops[k + 1]
            prev = out.pop()
            out.append(Op("replace", prev.i1, nxt.i2, prev.j1, nxt.j2))
            k += 2
            continue
        if op.tag != "equal" and out and out[-1].tag != "equal":
            prev = out.pop()
            op = Op("replace", prev.i1, op.i2, prev.j1, op.j2)
        out.append(op)
        k += 1
    return [_retag(op) for op in out]


def _short(eq: Op, before: Op, after: Op) -> bool:
    n = eq.i2 - eq.i1
    if n == 1:
        return True
    if n > 3:
        return False
    return _big(before) and _big(after)


def _big(op: Op) -> bool:
    return max(op.i2 - op.i1, op.j2 - op.j1) >= 4


def _retag(op: Op) -> Op:
    if op.tag == "equal":
        return op
    if op.i1 == op.i2:
        return Op("insert", op.i1, op.i2, op.j1, op.j2)
    if op.j1 == op.j2:
        return Op("delete", op.i1, op.i2, op.j1, op.j2)
    return Op("replace", op.i1, op.i2, op.j1, op.j2)
