"""Checking a register against its stored copies, and repairing what can be repaired.

:func:`verify_register` reads the register file read-only and checks what the register
promises: every document's stored copy is there and still has the hash it was imported with;
no file in ``store/`` is left that no document names; SQLite's ``integrity_check`` and
``foreign_key_check`` pass. It never writes. :func:`repair_register` then removes orphan copies
and stale ``.part`` files and puts back missing or changed copies from any file with the right
hash it can find (another document's copy, an orphan, or the folders of originals it is
given). It never deletes a register row: a copy that cannot be found stays reported, its
paper stays in the register.

The window's Tools › Check Register and ``mopac-desk verify`` both call these functions; the
report's sentences are plain words for a clerk.
"""

from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

from ..files import file_sha256
from . import paper_index
from .connect import connect, connect_read_only, stored_copies_beside
from .errors import VERIFY_HINT, RegisterError
from .storage import PART_GLOB, copy_into

MISSING, CHANGED, ORPHAN, PART, DAMAGED, FOREIGN_KEY, ABSENT, UNRANKED = (
    "missing", "changed", "orphan", "part", "damaged", "foreign_key", "absent", "unranked")
#: what repair_register can mend (a damaged file or a broken link is restored from a backup)
REPAIRABLE = (MISSING, CHANGED, ORPHAN, PART, UNRANKED)

# Files younger than this may belong to an import running right now (a copy is stored just
# before its papers are written; a .part grows while it is copied): repair leaves them.
IN_USE_S = 120.0

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Problem:
    """One thing wrong: ``kind`` (one of MISSING, CHANGED, ORPHAN, PART, DAMAGED,
    FOREIGN_KEY, ABSENT, UNRANKED), a one-line ``label`` naming it for a clerk, and what it
    concerns."""

    kind: str
    label: str
    path: Path | None = None
    sha256: str | None = None
    paper_ids: tuple[int, ...] = ()
    document_ids: tuple[int, ...] = ()


@dataclass
class VerifyReport:
    """What :func:`verify_register` found (and :func:`repair_register` did)."""

    register: Path
    papers: int = 0
    copies: int = 0  # distinct stored copies the register names
    problems: list[Problem] = field(default_factory=list)
    repaired: list[str] = field(default_factory=list)  # plain sentences, what repair did

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def damaged(self) -> bool:
        """The register file itself is damaged (then nothing in store/ is called an orphan)."""
        return any(p.kind in (DAMAGED, FOREIGN_KEY) for p in self.problems)

    def of_kind(self, kind: str) -> list[Problem]:
        return [p for p in self.problems if p.kind == kind]

    def lines(self, command_line: bool = True) -> list[str]:
        """The report in plain words, one sentence per kind of problem (the advice names the
        command-line options when ``command_line``, the window's Repair button otherwise)."""
        repair = "run with --repair" if command_line else "choose Repair"
        originals = ("run with --repair --originals FOLDER after locating them" if command_line
                     else "choose Repair after locating them")
        out = list(self.repaired)
        out += [f"There is no register at {p.label}; check the file named." for p in
                self.of_kind(ABSENT)]
        for kind, one, many, advice in (
            (DAMAGED, "The register file is damaged", "The register file is damaged",
             "restore it from a backup (nothing in it was changed)"),
            (FOREIGN_KEY, "1 row of the register points to a row that does not exist",
             "{n} rows of the register point to rows that do not exist",
             "restore the register from a backup"),
            (MISSING, "1 stored copy is missing", "{n} stored copies are missing",
             f"re-import the originals or {originals}"),
            (CHANGED, "1 stored copy no longer matches the file that was imported",
             "{n} stored copies no longer match the files that were imported",
             f"re-import the originals or {originals}"),
            (ORPHAN, "1 file in store/ belongs to no paper",
             "{n} files in store/ belong to no paper", f"{repair} to remove them"),
            (PART, "1 unfinished copy is left from an import that was stopped",
             "{n} unfinished copies are left from imports that were stopped",
             f"{repair} to remove them"),
            (UNRANKED, "1 paper is out of step in the search ranking",
             "{n} papers are out of step in the search ranking",
             "the file was changed by another program or is damaged, and search may miss "
             f"or misorder them; {repair} to index them again"),
        ):
            found = self.of_kind(kind)
            if not found:
                continue
            head = one if len(found) == 1 else many.format(n=len(found))
            names = _listing([p.label for p in found])
            out.append(f"{head}: {names}; {advice}.")
        if self.ok:
            out.append(f"All is well: {self.papers} paper(s), {self.copies} stored cop"
                       f"{'y' if self.copies == 1 else 'ies'} checked, the register file is "
                       "sound.")
        return out

    def to_dict(self) -> dict[str, Any]:
        return {"register": str(self.register), "ok": self.ok, "papers": self.papers,
                "copies": self.copies, "repaired": list(self.repaired),
                "problems": [{"kind": p.kind, "label": p.label,
                              "path": str(p.path) if p.path else None, "sha256": p.sha256,
                              "paper_ids": list(p.paper_ids),
                              "document_ids": list(p.document_ids)} for p in self.problems],
                "lines": self.lines()}


def _listing(labels: Sequence[str], limit: int = 8) -> str:
    shown = ", ".join(labels[:limit])
    return shown + (f" and {len(labels) - limit} more" if len(labels) > limit else "")


@dataclass
class _Copy:
    """One stored copy as the register names it (several documents may share one file)."""

    rel: str
    sha256: str
    names: list[str] = field(default_factory=list)  # "PCD 977"
    file_name: str = ""
    paper_ids: list[int] = field(default_factory=list)
    document_ids: list[int] = field(default_factory=list)

    def label(self) -> str:
        refs = ", ".join(dict.fromkeys(self.names)) or "a paper"
        return f"{refs} ({self.file_name})" if self.file_name else refs


def verify_register(path: str | Path, *, check_hashes: bool = True,
                    progress: Progress | None = None,
                    cancel: Callable[[], bool] | None = None) -> VerifyReport:
    """Check the register at ``path`` (read-only; it may be open elsewhere). ``progress(done,
    total)`` is called after each stored copy is hashed; ``cancel()`` true stops early (the
    report then covers what was checked)."""
    path = Path(path).resolve()
    report = VerifyReport(path)
    root = path.parent
    if not path.exists():
        report.problems.append(Problem(ABSENT, str(path), path=path))
        return report
    if _empty_and_alone(path):
        return report  # a register made and not yet written: nothing in it to check
    try:
        conn = connect_read_only(path)
    except RegisterError as exc:
        report.problems.append(Problem(DAMAGED, _sentence(exc), path=path))
        return report
    try:
        _integrity(conn, report)
        if not report.damaged:
            _readable(conn, report)
        if not report.damaged:
            _ranking(conn, report)
        conn.text_factory = lambda b: b.decode("utf-8", "replace")  # damaged text still reads
        copies = _copies(conn, report)
    finally:
        conn.close()
    if copies is None:
        kept = stored_copies_beside(root)
        if kept:
            report.repaired.append(f"{kept} stored cop{'y is' if kept == 1 else 'ies are'} "
                                   "kept in store/; none was touched.")
        return report
    report.copies = len(copies)
    for done, copy in enumerate(copies.values(), 1):
        if cancel is not None and cancel():
            break
        _check_copy(root, copy, report, check_hashes)
        if progress:
            progress(done, len(copies))
    if not report.damaged:
        _strays(root, set(copies), report)
    return report


def _empty_and_alone(path: Path) -> bool:
    wal = Path(f"{path}-wal")
    return (path.stat().st_size == 0 and not stored_copies_beside(path.parent)
            and not (wal.exists() and wal.stat().st_size))


def _sentence(exc: BaseException) -> str:
    # this is verify speaking: its own advice follows, not a pointer to itself
    text = str(exc)
    for hint in (f" {VERIFY_HINT[0].upper()}{VERIFY_HINT[1:]}.", f", or {VERIFY_HINT}.",
                 f"; {VERIFY_HINT}."):
        text = text.replace(hint, ".")
    return text.rstrip(".")


def _readable(conn: sqlite3.Connection, report: VerifyReport) -> None:
    """Read every row once: text that is no longer UTF-8 and a broken search index pass
    SQLite's integrity check but fail whoever reads them."""
    try:
        tables = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'"
                              ).fetchall()
    except sqlite3.DatabaseError as exc:
        report.problems.append(Problem(DAMAGED, f"its list of tables cannot be read ({exc})",
                                       path=report.register))
        return
    virtual = {name for name, sql in tables if (sql or "").upper().startswith("CREATE VIRTUAL")}
    shadows = {name for name, _ in tables if any(name.startswith(v + "_") for v in virtual)}
    for name, _ in tables:
        if name in shadows or name.startswith("sqlite_"):
            continue
        quoted = '"' + name.replace('"', '""') + '"'
        try:
            if name in virtual:  # builds the index's tables and reads its structure
                conn.execute(f"SELECT count(*) FROM {quoted} WHERE {quoted} MATCH 'a*'"
                             ).fetchall()
            else:
                for _ in conn.execute(f"SELECT * FROM {quoted}"):
                    pass
        except sqlite3.DatabaseError as exc:
            what = "search index" if name in virtual else f"table {name}"
            report.problems.append(Problem(
                DAMAGED, f"its {what} cannot be read ({exc})", path=report.register))


def _ranking(conn: sqlite3.Connection, report: VerifyReport) -> None:
    """Search ranks papers on their paper index row, kept in step with the page rows in the
    transaction that writes them: a row out of step (a file edited by another program, a
    register copied half-way) makes search miss or misorder that paper."""
    try:
        if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'paper_index'"
                            ).fetchone():
            return  # an older layout: opening it migrates and builds the index
        stale = paper_index.stale_papers(conn)
        labels = dict(conn.execute(
            "SELECT p.id, coalesce((SELECT f.value FROM fields f WHERE f.paper_id = p.id "
            "AND f.name = 'reference'), p.file_name) FROM papers p "
            "WHERE p.id IN (SELECT value FROM json_each(?))", (str(stale),)).fetchall())
    except sqlite3.DatabaseError as exc:
        report.problems.append(Problem(DAMAGED, f"its search index cannot be read ({exc})",
                                       path=report.register))
        return
    for pid in stale:
        report.problems.append(Problem(UNRANKED, labels.get(pid, f"paper {pid} (gone)"),
                                       path=report.register, paper_ids=(pid,)))


def _reindex(path: Path, report: VerifyReport) -> str | None:
    """Index the out-of-step papers again, in one transaction (what was said, or None)."""
    ids = [pid for p in report.of_kind(UNRANKED) for pid in p.paper_ids]
    if not ids:
        return None
    try:
        conn, read_only = connect(path, timeout=5.0)
    except RegisterError as exc:
        return f"The search ranking could not be repaired ({exc})."
    try:
        if read_only is not None:
            return f"The search ranking could not be repaired: {read_only}."
        with conn:
            conn.execute("BEGIN IMMEDIATE")
            paper_index.reindex(conn, ids)
    except sqlite3.DatabaseError as exc:
        return f"The search ranking could not be repaired ({exc})."
    finally:
        conn.close()
    return f"Indexed {len(ids)} paper(s) again for search."


def _integrity(conn: sqlite3.Connection, report: VerifyReport) -> None:
    try:
        rows = [r[0] for r in conn.execute("PRAGMA integrity_check(20)").fetchall()]
    except sqlite3.DatabaseError as exc:
        report.problems.append(Problem(DAMAGED, f"SQLite cannot check it ({exc})",
                                       path=report.register))
        return
    if rows != ["ok"]:
        first = rows[0] if rows else "no answer"
        count = f"{len(rows)}+" if len(rows) >= 20 else str(len(rows))
        report.problems.append(Problem(
            DAMAGED, f"SQLite's integrity check found {count} problem(s), the first: {first}",
            path=report.register))
    try:
        fk = conn.execute("PRAGMA foreign_key_check").fetchall()
    except sqlite3.DatabaseError:
        return
    for table, rowid, parent, _ in fk[:50]:
        report.problems.append(Problem(
            FOREIGN_KEY, f"{table} row {rowid} names a missing {parent} row",
            path=report.register))


def _copies(conn: sqlite3.Connection, report: VerifyReport) -> dict[str, _Copy] | None:
    """The stored copies the register names, by relative path (None when unreadable)."""
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master "
                                             "WHERE type = 'table'")}
        # schema 3 keeps each file a paper arrived in as a document; older registers one
        # file per paper
        table, paper = (("documents", "d.paper_id") if "documents" in tables
                        else ("papers", "d.id"))
        rows = conn.execute(
            f"SELECT d.id, {paper}, d.sha256, d.stored_path, d.file_name, "
            f"(SELECT value FROM fields f WHERE f.paper_id = {paper} "
            f"AND f.name = 'reference') FROM {table} d ORDER BY {paper}, d.id").fetchall()
        report.papers = conn.execute("SELECT count(*) FROM papers").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        if not report.damaged:
            report.problems.append(Problem(DAMAGED, f"its list of papers cannot be read ({exc})",
                                           path=report.register))
        return None
    copies: dict[str, _Copy] = {}
    for doc_id, paper_id, sha, rel, file_name, reference in rows:
        if not rel:
            continue
        copy = copies.setdefault(rel, _Copy(rel, sha or "", file_name=file_name or ""))
        copy.names.append(reference or f"paper {paper_id}")
        copy.paper_ids.append(paper_id)
        copy.document_ids.append(doc_id)
    return copies


def _check_copy(root: Path, copy: _Copy, report: VerifyReport, check_hashes: bool) -> None:
    target = root / copy.rel
    kind = None
    if not target.is_file():
        kind = MISSING
    elif check_hashes and copy.sha256:
        try:
            if file_sha256(target) != copy.sha256:
                kind = CHANGED
        except OSError:
            kind = CHANGED
    if kind:
        report.problems.append(Problem(kind, copy.label(), path=target, sha256=copy.sha256,
                                       paper_ids=tuple(dict.fromkeys(copy.paper_ids)),
                                       document_ids=tuple(copy.document_ids)))


def _strays(root: Path, named: set[str], report: VerifyReport) -> None:
    store = root / "store"
    if not store.is_dir():
        return
    parts = set(store.glob(PART_GLOB))
    for item in sorted(store.rglob("*")):
        if not item.is_file():
            continue
        rel = item.relative_to(root).as_posix()
        if item in parts:
            report.problems.append(Problem(PART, rel, path=item))
        elif rel not in named:
            report.problems.append(Problem(ORPHAN, rel, path=item))


def repair_register(path: str | Path, *, originals: Iterable[str | Path] = (),
                    progress: Progress | None = None,
                    in_use_s: float = IN_USE_S) -> VerifyReport:
    """Repair what :func:`verify_register` finds, then check again; the returned report's
    ``repaired`` says what was done and its ``problems`` what is left. Missing or changed
    copies are put back from any file with the right hash (another copy, an orphan in store/,
    a PDF under one of ``originals``); orphans and stale ``.part`` files are removed (not
    ones touched in the last ``in_use_s`` seconds: an import may be writing them). Nothing
    is removed from a register whose file is damaged, and no register row is ever deleted."""
    path = Path(path).resolve()
    root = path.parent
    before = verify_register(path, progress=progress)
    done: list[str] = []
    if before.damaged:
        after = verify_register(path, check_hashes=False)
        after.repaired = ["The register file is damaged, so nothing was changed or removed."]
        after.problems = before.problems
        return after
    wanted = {p.sha256: p for p in before.problems if p.kind in (MISSING, CHANGED) and p.sha256}
    if wanted:
        found = _sources(before, root, originals, set(wanted))
        restored = []
        for sha, problem in wanted.items():
            source = found.get(sha)
            if source is None or problem.path is None:
                continue
            try:
                copy_into(source, problem.path)
            except (OSError, RegisterError) as exc:
                done.append(f"{problem.label} could not be put back ({exc}).")
                continue
            restored.append(problem.label)
        if restored:
            done.append(f"Put back {len(restored)} stored cop"
                        f"{'y' if len(restored) == 1 else 'ies'}: {_listing(restored)}.")
    said = _reindex(path, before)
    if said:
        done.append(said)
    removed, left = _remove_strays(before, in_use_s)
    if removed:
        done.append(f"Removed {removed} file(s) from store/ that belonged to no paper or "
                    "were left by a stopped import.")
    if left:
        done.append(f"Left {left} recent file(s) in store/ alone: an import may be writing "
                    "them; run the repair again later.")
    after = verify_register(path)
    after.repaired = done
    if after.of_kind(MISSING) or after.of_kind(CHANGED):
        after.repaired.append("The papers whose copies are still missing or changed stay in "
                              "the register; nothing was deleted from it.")
    return after


def _sources(report: VerifyReport, root: Path, originals: Iterable[str | Path],
             wanted: set[str]) -> dict[str, Path]:
    """A file for each wanted hash, where one can be found."""
    found: dict[str, Path] = {}
    candidates: list[Path] = [p.path for p in report.of_kind(ORPHAN) if p.path]
    store = root / "store"
    if store.is_dir():  # another document's copy under another name
        bad = {p.path for p in report.problems if p.path}
        candidates += [p for p in store.rglob("*.pdf") if p not in bad]
    for folder in originals:
        folder = Path(folder)
        candidates += ([folder] if folder.is_file() else
                       sorted(p for p in folder.rglob("*") if p.suffix.lower() == ".pdf"))
    for candidate in dict.fromkeys(candidates):
        if not wanted - set(found):
            break
        try:
            sha = file_sha256(candidate)
        except OSError:
            continue
        if sha in wanted and sha not in found:
            found[sha] = candidate
    return found


def _remove_strays(report: VerifyReport, in_use_s: float) -> tuple[int, int]:
    removed = left = 0
    cutoff = time.time() - in_use_s
    for problem in report.of_kind(ORPHAN) + report.of_kind(PART):
        assert problem.path is not None
        try:
            if problem.path.stat().st_mtime > cutoff:
                left += 1
                continue
            problem.path.unlink()
            removed += 1
        except FileNotFoundError:
            continue  # put back where it belongs, or removed by another repair
        except OSError:
            left += 1
    return removed, left


@dataclass(frozen=True)
class MissingCopy:
    """A paper whose stored copy is not where the register says (the quick check)."""

    paper_id: int
    label: str
    path: Path


def missing_copies(store: Any, paper_ids: Iterable[int] | None = None) -> list[MissingCopy]:
    """The papers (all, or those in ``paper_ids``) whose stored copy is missing: a quick
    check (no hashing) for commands to warn about, on an open register."""
    rows = store._all(
        "SELECT d.paper_id, d.stored_path, d.file_name, (SELECT value FROM fields f "
        "WHERE f.paper_id = d.paper_id AND f.name = 'reference') AS reference "
        "FROM documents d ORDER BY d.paper_id, d.id")
    wanted = None if paper_ids is None else set(paper_ids)
    seen: dict[int, MissingCopy] = {}
    for row in rows:
        pid = row["paper_id"]
        if pid in seen or (wanted is not None and pid not in wanted) or not row["stored_path"]:
            continue
        target = store.root / row["stored_path"]
        if not target.is_file():
            seen[pid] = MissingCopy(pid, row["reference"] or f"paper {pid}", target)
    return list(seen.values())
