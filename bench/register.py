"""Register benchmarks, each against the bare library it wraps.

1. Import throughput of 200 papers ÷ extraction alone of the same papers (``read_file`` one
   after another in this process), median of ten interleaved batches (target >= 0.9). The
   import reads in its child processes (two on two cores) while this process writes; the
   first batch includes starting them.
2. Median search on a 10,000-paper register over a fixed query set: the papers ranked by
   bm25 and the first screen with snippets, as the window shows it (target <= 20 ms).
3. The lazy register table showing its first screen at 10,000 papers (target <= 50 ms).

Run: ``python bench/register.py`` (about a minute; uses a temporary folder);
``python bench/register.py --search`` for the search figure alone, ``--import`` for the
import figure alone.
"""

from __future__ import annotations

import copy
import gc
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from figures import figure  # noqa: E402
from mopac_desk.pipeline import read_file  # noqa: E402
from mopac_desk.extract.model import Extraction, FieldValue  # noqa: E402
from mopac_desk.register import Register  # noqa: E402
from mopac_desk.register.importer import import_paths  # noqa: E402
from mopac_desk.register.reader_process import reader_count  # noqa: E402

PAPERS = sorted((ROOT / "tests" / "fixtures" / "papers").glob("*.pdf"))
QUERIES = ["device", "devic*", '"end user"', "laptop", "OneDrive", "capital", "refresh",
           '"Investment Advisory"', "migration", "budget"]
WORDS = ("alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike "
         "november oscar papa quebec romeo sierra tango uniform victor whisky xray").split()


def make_papers(folder: Path, n: int) -> list[Path]:
    """``n`` different papers (each its own reference and title), as generated PDFs: the
    register would rightly attach byte-variants of one paper as copies of it."""
    from tests.helpers.paper_pdf import DecisionSpec, Flow, ReportSpec, write_decision, write_report

    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(n):
        flow = Flow()
        title = f"Estate Renewal Programme {i}"
        write_decision(flow, DecisionSpec(reference=f"PCD {3000 + i}", title=title))
        write_report(flow, ReportSpec(title=title))
        out.append(flow.save(folder / f"pcd-{3000 + i}.pdf"))
    return out


def bench_import(tmp: Path, n: int = 200, batches: int = 10) -> float:
    """Both sides run on the same files, interleaved batch by batch so a change in machine
    load during the run hits both equally, each starting from a collected heap (left to
    chance, a full cycle collection lands in one side or the other: up to a third of a
    batch's time); the figure is the median of the batches' ratios, so a burst of load on
    one side of one batch does not decide it."""
    files = make_papers(tmp / "in", n)
    read_file(PAPERS[0])  # warm the engine up so neither side pays for it
    extract_t: list[float] = []
    import_t: list[float] = []
    size = n // batches

    def extract(batch: list[Path]) -> None:
        t0 = time.perf_counter()
        for f in batch:
            read_file(f)
        extract_t.append(time.perf_counter() - t0)

    def import_(batch: list[Path]) -> None:
        t0 = time.perf_counter()
        outcomes = import_paths(reg, batch)
        import_t.append(time.perf_counter() - t0)
        assert all(o.status == "imported" for o in outcomes), [o.line() for o in outcomes]

    with Register(tmp / "import.sqlite") as reg:
        for b in range(batches):
            batch = files[b * size:(b + 1) * size]
            for side in (extract, import_):
                gc.collect()
                side(batch)
    ratio = statistics.median(e / i for e, i in zip(extract_t, import_t))
    print("    batch ratios: " + " ".join(f"{e / i:.2f}" for e, i in zip(extract_t, import_t)))
    print(f"import {n} papers in {batches} batches, read by {reader_count()} child "
          f"process(es): extraction alone {sum(extract_t):.2f} s, "
          f"import {sum(import_t):.2f} s (ratio of the sums {sum(extract_t) / sum(import_t):.2f}) "
          f"-> throughput ratio {ratio:.2f}, median of the batches (target >= 0.9)")
    figure("import_ratio", ratio, "x", ">=", 0.9)
    return ratio


def build_big_register(path: Path, n: int = 10_000) -> Register:
    readings = [read_file(p) for p in PAPERS]
    reg = Register(path)
    for i in range(n):
        r = readings[i % len(readings)]
        extra = " ".join(WORDS[(i * 7 + k) % len(WORDS)] for k in range(5)) + f" item{i}"
        papers = copy.deepcopy(r.extraction.papers)
        for paper in papers:  # each its own decision
            paper.fields["reference"] = FieldValue(f"PCD {100000 + i}", paper.first_page, "", [])
        ex = Extraction(r.extraction.name, f"{i:064x}", r.extraction.pages, papers)
        reg.add_extraction(ex, f"store/{i}.pdf", [t + "\n" + extra for t in r.page_texts])
    return reg


def bench_search(reg: Register, rounds: int = 15) -> float:
    """What the window does for a search: rank the papers (bm25 on the paper index) and
    make the first screen (its rows, their hits with snippets, the packs' covers), against
    bare FTS5 ranking the same way (the paper index) and bm25 over the page rows (the way
    it ranked before the paper index)."""
    from ui.register.model import CHUNK
    from mopac_desk.register.paper_index import rank_expression
    from mopac_desk.register.search import fts_query

    bare = sqlite3.connect(str(reg.path))
    bare_sql = ("SELECT rowid FROM paper_index WHERE paper_index MATCH ? "
                f"ORDER BY {rank_expression()}")
    pages_sql = ("SELECT rowid FROM search_index WHERE search_index MATCH ? "
                 "ORDER BY bm25(search_index) LIMIT 64")
    ours_t, bare_t, pages_t, cli_t = [], [], [], []
    for _ in range(rounds):
        for q in QUERIES:
            t0 = time.perf_counter()
            m = reg.search_papers(q)
            first = m.paper_ids[:CHUNK]
            reg.list_papers(paper_ids=first)
            reg.paper_hits(q, first)
            reg.search_hits(q, m.covers[:20])
            ours_t.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            bare.execute(bare_sql, (fts_query(q),)).fetchall()
            bare_t.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            bare.execute(pages_sql, (fts_query(q),)).fetchall()
            pages_t.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            reg.search(q)
            cli_t.append(time.perf_counter() - t0)
    bare.close()
    ours, base, pages, cli = (statistics.median(t) for t in (ours_t, bare_t, pages_t, cli_t))
    n = reg.conn.execute("SELECT COUNT(*) FROM papers").fetchone()[0]
    rows = reg.conn.execute("SELECT COUNT(*) FROM search_rows").fetchone()[0]
    print(f"search on {n:,} papers ({rows:,} indexed places), {len(QUERIES)} queries: "
          f"ranked papers + first screen with snippets median {ours * 1000:.1f} ms; "
          f"bare FTS5 ranking every matching paper {base * 1000:.1f} ms (ratio "
          f"{ours / base:.2f}); bm25 top 64 over the page rows {pages * 1000:.1f} ms; "
          f"command-line search (100 best places) {cli * 1000:.1f} ms")
    figure("search_ms_10k", ours * 1000, "ms", "<=", 20)
    return ours / base


def bench_model(reg: Register, rounds: int = 7) -> float:
    """The register table showing its first screen: the ordered ids (SQL sort), the first
    chunk of rows, the lazy model reset and every cell of a screen read for display."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from ui.register.model import CHUNK, COLUMNS, PapersTableModel

    app = QApplication.instance() or QApplication([])
    model = PapersTableModel()
    took_t, full_t = [], []
    for _ in range(rounds):
        t0 = time.perf_counter()
        ids = reg.paper_ids(sort="reference")
        model.set_ids(ids, lambda chunk: reg.list_papers(paper_ids=chunk),
                      reg.list_papers(paper_ids=ids[:CHUNK]))
        for r in range(40):  # a tall screen of rows
            for c in range(len(COLUMNS) - 1):
                model.index(r, c).data(Qt.ItemDataRole.DisplayRole)
        took_t.append(time.perf_counter() - t0)
    t0 = time.perf_counter()
    reg.list_papers()  # the old way: every paper read before the table shows one
    full_t.append(time.perf_counter() - t0)
    took = statistics.median(took_t)
    print(f"register table, {model.rowCount():,} papers: first screen shown in "
          f"{took * 1000:.1f} ms (median of {rounds}); reading every paper as before "
          f"{full_t[0] * 1000:.0f} ms")
    figure("table_fill_ms_10k", took * 1000, "ms", "<=", 50)
    del app
    return took


def main(argv: list[str]) -> int:
    search_only = "--search" in argv  # the search figure alone (its own 10,000 papers)
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        if not search_only:
            bench_import(tmp)
        if "--import" in argv:  # the import figure alone
            return 0
        t0 = time.perf_counter()
        reg = build_big_register(tmp / "big.sqlite")
        print(f"(built a 10,000-paper register in {time.perf_counter() - t0:.1f} s, "
              f"{(tmp / 'big.sqlite').stat().st_size / 1e6:.0f} MB)")
        bench_search(reg)
        if not search_only:
            bench_model(reg)
        reg.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
