"""Comparison speed against extracting both versions.

Builds a 300-page paper of numbered paragraphs and a later version of it with 150 edits
(sums changed, sentences rewritten, paragraphs inserted and deleted, so everything after the
first insertion is renumbered), then prints the best of five ``compare_files`` against the
best of five extractions of both files (taken in turns), and a final line
``figure: compare_ratio_300 VALUE x (target <= 1.5) ok|over``. Exit status 1 when over.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from figures import figure  # noqa: E402

from mopac_desk.compare import compare_files  # noqa: E402
from mopac_desk.extract import extract_file  # noqa: E402
from tests.helpers import versions  # noqa: E402

PAGES = 300
EDITS = 150
TARGET = 1.5
RUNS = 5


def build(folder: Path) -> tuple[Path, Path, int]:
    """The two versions; returns their paths and the earlier one's page count."""
    rnd = random.Random(15)
    paragraphs = PAGES * 4  # about four numbered paragraphs to an A4 page
    texts = [_paragraph(rnd, n) for n in range(1, paragraphs + 1)]
    edited = list(texts)
    for k, n in enumerate(sorted(rnd.sample(range(len(texts)), EDITS), reverse=True)):
        what = k % 5
        if what == 0:
            edited[n] = edited[n].replace("in most boroughs", f"for £{rnd.randint(2, 90)}.{rnd.randint(1, 9)}m")
        elif what == 1:
            edited[n] = edited[n].replace("in the autumn", "before the end of March")
        elif what == 2:
            edited.insert(n, f"An added paragraph, number {k}, on the shared estates review.")
        elif what == 3:
            del edited[n]
        else:
            edited[n] = edited[n].upper()
    old = versions.numbered_flow(texts).save(folder / "v1.pdf")
    new = versions.numbered_flow(edited).save(folder / "v2.pdf")
    return old, new, extract_file(old).pages


_WORDS = ("custody estate radio handsets patrol vehicles cameras training forensic storage "
          "contact centres stations counters data response bases dog units marine air support "
          "survey borough officers budget capital revenue contract supplier works renewal "
          "programme review plan board approval delivery risk savings staff public safety "
          "London Mayor Deputy policing crime service demand year quarter report").split()


def _paragraph(rnd: random.Random, n: int) -> str:
    """A paragraph of plausible words, different from every other (as paragraphs are)."""
    words = [rnd.choice(_WORDS) for _ in range(rnd.randint(80, 150))]
    return f"The {' '.join(words[:12])}, in most boroughs, {' '.join(words[12:])} (item {n}), " \
           "reported in the autumn."


def best(fn, runs: int = 3) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        old, new, pages = build(Path(tmp))
        extract_file(old), extract_file(new)  # warm the file cache and the imports
        result = compare_files(old, new)
        # In turns, so that a busy machine slows both alike; the best of each counts.
        extract = compare = float("inf")
        for _ in range(RUNS):
            extract = min(extract, best(lambda: (extract_file(old), extract_file(new)), 1))
            compare = min(compare, best(lambda: compare_files(old, new), 1))
        ratio = compare / extract
        print(f"{pages} pages, {len(result.old.papers)} paper(s): {len(result.changes)} changes "
              f"({len(result.amounts)} money); compare {compare * 1000:.0f} ms best, extracting "
              f"both {extract * 1000:.0f} ms best")
        ok = figure("compare_ratio_300", ratio, "x", "<=", TARGET)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
