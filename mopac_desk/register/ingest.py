"""Writing an extracted file into the register: each paper it holds is a new paper, another
copy of a paper already there, or a new version of one.

A paper is one decision, known by its reference; a document is a file it arrived in. A
document whose text is the paper's text (re-typeset, annotated elsewhere, one item of a
meeting pack) is attached as a *copy*: nothing is duplicated and the agenda holds the paper
once. A document with revised text is a *version*: it becomes current, older ones stay
readable, and the clerk's work moves onto it (see :mod:`.carryover`). Two different
references are never merged.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Mapping, Sequence

from ..checks import finding_key
from ..extract.model import FIELD_NAMES, Extraction, Paper
from ..ocr.engine import OcrPage
from .carryover import Carryover, cost_row
from .matching import reference_key, same_text, similarity
from .money import summary_of
from .records import NEW, COPY, VERSION, DocumentRecord, ImportedPaper
from .storage import storable_name
from .store import Change, _json, _now


class Ingest(Carryover):
    """Adding papers, their copies and their versions."""

    def find_file(self, sha256: str) -> list[ImportedPaper]:
        """The papers already in the register from a file with this hash (empty if none)."""
        with self._lock:  # another thread may be using this connection
            rows = self._all(
                "SELECT d.paper_id AS id, d.id AS document_id, d.first_page, d.role, "
                "d.own_first_page, "
                "f.value AS reference, t.value AS title, d.stored_path "
                "FROM documents d "
                "LEFT JOIN fields f ON f.paper_id = d.paper_id AND f.name = 'reference' "
                "LEFT JOIN fields t ON t.paper_id = d.paper_id AND t.name = 'title' "
                "WHERE d.sha256 = ? ORDER BY d.first_page", (sha256,))
        return [ImportedPaper(r["id"], r["reference"], r["first_page"], r["title"],
                              role=r["role"], document_id=r["document_id"],
                              stored_path=r["stored_path"],
                              starts_at=r["own_first_page"] or r["first_page"]) for r in rows]

    def documents(self, paper_id: int) -> list[DocumentRecord]:
        """The files a paper arrived in, newest version first, copies after their version."""
        rows = self._all("SELECT d.*, (SELECT COUNT(*) FROM ocr_pages o WHERE o.document_id = "
                         "d.id) AS ocr_pages FROM documents d WHERE paper_id = ? "
                         "ORDER BY version DESC, role = 'copy', id", (paper_id,))
        return [DocumentRecord.from_row(r, self.root) for r in rows]

    def imported_name(self, path: str | Path) -> str | None:
        """The name the file kept at ``path`` was imported under, when ``path`` is one of this
        register's stored copies (they are named by their hashes); None for any other file."""
        try:
            relative = Path(path).resolve().relative_to(self.root.resolve())
        except ValueError:
            return None
        with self._lock:
            row = self.conn.execute("SELECT file_name FROM documents WHERE stored_path = ? "
                                    "ORDER BY id LIMIT 1", (relative.as_posix(),)).fetchone()
        return row[0] if row else None

    def set_document_text(self, document_id: int, text: str) -> None:
        """Keep a document's own words (for one registered before they were kept). Derived
        data, so not a clerk action: no audit row."""
        with self._tx():
            self.conn.execute("UPDATE documents SET text = ? WHERE id = ?", (text, document_id))

    def add_extraction(self, extraction: Extraction, stored_path: str,
                       page_texts: Sequence[str] = (), who: str | None = None,
                       meeting_id: int | None = None, *,
                       paper_texts: Sequence[str] | None = None,
                       repaired: bool = False,
                       ocr_read: Mapping[int, OcrPage] | None = None) -> list[ImportedPaper]:
        """Write every paper of one extracted file in ONE transaction (all or nothing).

        ``stored_path`` is the copy's path relative to the register folder; ``page_texts[i]``
        is the text of file page ``i + 1`` for the search index; ``paper_texts[j]`` is the
        normalised own text of ``extraction.papers[j]`` (:func:`.matching.paper_words`), which
        decides copy or version. Without it, a paper with a known reference becomes a
        version. ``ocr_read[i]`` is what OCR read on file page ``i + 1`` of a scan: kept with
        each document that page belongs to. Papers already present (same hash and first page)
        are skipped.
        """
        out: list[ImportedPaper] = []
        papers = extraction.papers or [Paper(first_page=1, last_page=max(extraction.pages, 1))]
        with self._tx() as changes:
            for j, paper in enumerate(papers):
                if self._one("SELECT id FROM documents WHERE sha256 = ? AND first_page = ?",
                             (extraction.sha256, paper.first_page)):
                    continue
                text = paper_texts[j] if paper_texts is not None and j < len(paper_texts) else ""
                doc = {"sha256": extraction.sha256, "first_page": paper.first_page,
                       "last_page": paper.last_page, "file_name": storable_name(extraction.name),
                       "stored_path": stored_path, "file_pages": extraction.pages,
                       "imported_at": _now(), "repaired": int(repaired), "text": text,
                       "own_first_page": _own_first_page(paper)}
                existing = self._paper_for(paper, text)
                if existing is None:
                    imported = self._new_paper(paper, doc, page_texts, who, changes)
                else:
                    imported = self._attach(existing, paper, doc, page_texts, who, changes)
                if meeting_id is not None:
                    self._append_agenda(meeting_id, imported.id)
                self._keep_ocr(imported.document_id, paper, ocr_read or {})
                out.append(imported)
        return out

    # -- which paper a document belongs to ------------------------------------------------

    def match_document(self, paper: Paper, text: str) -> tuple[int | None, str]:
        """What importing this paper (with its own words ``text``) would do, without writing:
        ``(None, NEW)``, ``(paper_id, COPY)`` or ``(paper_id, VERSION)``."""
        with self._lock:
            paper_id = self._paper_for(paper, text)
            if paper_id is None:
                return None, NEW
            docs = self._all("SELECT text FROM documents WHERE paper_id = ?", (paper_id,))
        return paper_id, COPY if any(same_text(d["text"], text) for d in docs) else VERSION

    def _paper_for(self, paper: Paper, text: str) -> int | None:
        key = reference_key(paper.value("reference"))
        if key is not None:
            row = self._one("SELECT id FROM papers WHERE reference_key = ? ORDER BY id LIMIT 1",
                            (key,))
            return row["id"] if row else None
        if not text:
            return None
        # No reference to go by: only the very same text makes it the same paper.
        row = self._one("SELECT paper_id FROM documents WHERE text = ? LIMIT 1", (text,))
        return row["paper_id"] if row else None

    def _new_paper(self, paper: Paper, doc: dict, page_texts: Sequence[str], who: str | None,
                   changes: list[Change]) -> ImportedPaper:
        now = doc["imported_at"]
        costs = [cost_row(0, i, c) for i, c in enumerate(paper.costs)]
        paper_id = self._insert("papers", {
            "sha256": doc["sha256"], "first_page": doc["first_page"],
            "last_page": doc["last_page"], "file_name": doc["file_name"],
            "stored_path": doc["stored_path"], "file_pages": doc["file_pages"],
            "imported_at": now, "extracted_at": now, "status": "new",
            "reference_key": reference_key(paper.value("reference")),
            # the one rule's figures, from the rows about to be written (a new paper has no
            # clerk's choices yet): what _refresh_summary would read back and compute
            "summary": _json(summary_of(costs).to_dict()),
        })
        document_id = self._insert("documents", {**doc, "paper_id": paper_id, "role": "original",
                                                 "version": 1, "current": 1})
        for row in costs:
            row["paper_id"] = paper_id
        self._write_paper_content(paper_id, paper, costs, page_texts)
        ref = paper.value("reference")
        self._audit(changes, who, Change("paper", paper_id, paper_id, "imported", None,
                                         ref or doc["file_name"]))
        return ImportedPaper(paper_id, ref, paper.first_page, paper.value("title"), role=NEW,
                             document_id=document_id, stored_path=doc["stored_path"],
                             starts_at=doc["own_first_page"])

    def _attach(self, paper_id: int, paper: Paper, doc: dict, page_texts: Sequence[str],
                who: str | None, changes: list[Change]) -> ImportedPaper:
        docs = self._all("SELECT * FROM documents WHERE paper_id = ? ORDER BY version DESC, id",
                         (paper_id,))
        ref = paper.value("reference")
        twin = next((d for d in docs if same_text(d["text"], doc["text"])), None)
        if twin is not None:
            document_id = self._insert("documents", {
                **doc, "paper_id": paper_id, "role": "copy", "version": twin["version"],
                "current": 0})
            self._audit(changes, who, Change("document", document_id, paper_id,
                                             "attached another copy", None, doc["file_name"]))
            return ImportedPaper(paper_id, ref, paper.first_page, paper.value("title"),
                                 role=COPY, document_id=document_id,
                                 stored_path=doc["stored_path"], version=twin["version"],
                                 starts_at=doc["own_first_page"])
        current = next((d for d in docs if d["current"]), docs[0] if docs else None)
        version = max((d["version"] for d in docs), default=0) + 1
        alike = similarity(current["text"], doc["text"]) if current and current["text"] else None
        self.conn.execute("UPDATE documents SET current = 0 WHERE paper_id = ?", (paper_id,))
        document_id = self._insert("documents", {
            **doc, "paper_id": paper_id, "role": "version", "version": version, "current": 1})
        self.conn.execute(
            "UPDATE papers SET sha256 = ?, first_page = ?, last_page = ?, file_name = ?, "
            "stored_path = ?, file_pages = ? WHERE id = ?",
            (doc["sha256"], doc["first_page"], doc["last_page"], doc["file_name"],
             doc["stored_path"], doc["file_pages"], paper_id))
        self._apply_reading(paper_id, paper, who, changes)
        self._unindex_pages(paper_id)
        self._index_pages(paper_id, paper, page_texts)
        note = f"version {version}" + (f", {alike:.0%} the same text" if alike is not None else "")
        self._audit(changes, who, Change("document", document_id, paper_id,
                                         "new version became current", None,
                                         f"{doc['file_name']} ({note})"))
        return ImportedPaper(paper_id, ref, paper.first_page, paper.value("title"),
                             role=VERSION, document_id=document_id,
                             stored_path=doc["stored_path"], version=version,
                             similarity=alike, starts_at=doc["own_first_page"])

    # -- content ----------------------------------------------------------------------------

    def _keep_ocr(self, document_id: int | None, paper: Paper,
                  ocr_read: Mapping[int, OcrPage]) -> None:
        if document_id is None:
            return
        self._insert_all("ocr_pages", [
            {"document_id": document_id, "page": i + 1, "reading": _json(page.to_dict())}
            for i, page in sorted(ocr_read.items())
            if paper.first_page <= i + 1 <= paper.last_page])

    def ocr_pages(self, document_id: int) -> dict[int, OcrPage]:
        """What OCR read on a scanned document's pages, by 0-based file page (empty for a
        typeset document)."""
        rows = self._all("SELECT reading FROM ocr_pages WHERE document_id = ? ORDER BY page",
                         (document_id,))
        pages = [OcrPage.from_dict(json.loads(r["reading"])) for r in rows]
        return {p.index: p for p in pages}

    def _index_pages(self, paper_id: int, paper: Paper, page_texts: Sequence[str]) -> None:
        self._index(paper_id, [
            (page, "page", page_texts[page - 1])
            for page in range(paper.first_page, paper.last_page + 1)
            if 0 < page <= len(page_texts) and page_texts[page - 1].strip()])

    def _write_paper_content(self, paper_id: int, paper: Paper, costs: list[dict],
                             page_texts: Sequence[str]) -> None:
        """A new paper's rows, one statement a table, from what is in hand: nothing of it is
        in the register yet, so there is nothing to delete, carry over or read back. The rows,
        their ids and the search rows are those the update paths (carryover,
        _reindex_paper_items, _refresh_summary) would write for it."""
        conn = self.conn
        if paper.parts:
            conn.executemany(
                "INSERT INTO parts (paper_id, kind, first_page, last_page) VALUES (?, ?, ?, ?)",
                [(paper_id, p.kind, p.first_page, p.last_page) for p in paper.parts])
        fields = [paper.fields.get(name) for name in FIELD_NAMES]
        conn.executemany(
            "INSERT INTO fields (paper_id, name, value, extracted_value, page, quote, rects, "
            "confirmed, confidence) VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?)",
            [(paper_id, name, fv.value, fv.value, fv.page, fv.quote, _json(fv.rects),
              fv.confidence) if fv else (paper_id, name, None, None, None, None, "[]", None)
             for name, fv in zip(FIELD_NAMES, fields)])
        recs = paper.recommendations
        if recs:
            # ids given as SQLite would give them (one past the largest), so a sub-item can
            # name its parent in the same statement; a parent after its item stays unnamed,
            # as one at a time
            first = conn.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM recommendations"
                                 ).fetchone()[0]
            conn.executemany(
                "INSERT INTO recommendations (id, paper_id, position, part, number, text, "
                "action, parent_id, page, rects, outcome, manual, confidence) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, 0, ?)",
                [(first + i, paper_id, i, r.part, r.number, r.text, r.action,
                  first + r.parent if r.parent is not None and 0 <= r.parent < i else None,
                  r.page, _json(r.rects), r.confidence) for i, r in enumerate(recs)])
        self._insert_all("costs", costs)
        self._insert_findings(paper_id, paper)
        # search rows: the field values and recommendations, then the pages (ids in that order)
        self._paper_index_due.add(paper_id)  # (its paper index row, even with no places)
        self._index(paper_id, [
            (fv.page, f"field:{name}", fv.value) for name, fv in zip(FIELD_NAMES, fields)
            if fv is not None and fv.value is not None and fv.value != ""] + [
            (r.page, "recommendation", r.text) for r in recs] + [
            (page, "page", page_texts[page - 1])
            for page in range(paper.first_page, paper.last_page + 1)
            if 0 < page <= len(page_texts) and page_texts[page - 1].strip()])

    def _insert_findings(self, paper_id: int, paper: Paper) -> None:
        # the keys _write_findings gives (a repeat of rule + words numbered on), its statement
        seen: dict[str, int] = {}
        rows = []
        for f in paper.checks:
            key = finding_key(f.code, f.quote)
            seen[key] = seen.get(key, 0) + 1
            if seen[key] > 1:
                key = f"{key}#{seen[key]}"
            rows.append((paper_id, key, f.code, f.severity, f.message, f.page, f.quote,
                         _json(f.rects)))
        if rows:
            self.conn.executemany(
                "INSERT INTO findings (paper_id, key, code, severity, message, page, quote, "
                "rects, current) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1) "
                "ON CONFLICT (paper_id, key) DO UPDATE SET code = excluded.code, "
                "severity = excluded.severity, message = excluded.message, "
                "page = excluded.page, quote = excluded.quote, rects = excluded.rects, "
                "current = 1", rows)


def _own_first_page(paper: Paper) -> int:
    """Where the paper's own text starts: a meeting pack's agenda cover is the pack's."""
    own = [p.first_page for p in paper.parts if p.kind != "cover"]
    return min(own) if own else paper.first_page
