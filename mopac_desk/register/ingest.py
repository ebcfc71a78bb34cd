"""Writing extracted papers into the register: a new paper, or a fresh extraction of one
already there (clerk work always wins)."""

from __future__ import annotations

from typing import Sequence

from ..extract.model import FIELD_NAMES, Extraction, Paper
from .records import ImportedPaper
from .store import Change, Store, _json, _now, finding_key


class Ingest(Store):
    """Adding papers and re-extracting them."""

    def find_file(self, sha256: str) -> list[ImportedPaper]:
        """The papers already in the register from a file with this hash (empty if none)."""
        with self._lock:  # the importer's writer thread may be using this connection
            rows = self._all(
                "SELECT p.id, p.first_page, f.value AS reference, t.value AS title "
                "FROM papers p LEFT JOIN fields f ON f.paper_id = p.id AND f.name = 'reference' "
                "LEFT JOIN fields t ON t.paper_id = p.id AND t.name = 'title' "
                "WHERE p.sha256 = ? ORDER BY p.first_page", (sha256,))
        return [ImportedPaper(r["id"], r["reference"], r["first_page"], r["title"])
                for r in rows]

    def add_extraction(self, extraction: Extraction, stored_path: str,
                       page_texts: Sequence[str] = (), who: str | None = None,
                       meeting_id: int | None = None) -> list[ImportedPaper]:
        """Write every paper of one extracted file in ONE transaction (all or nothing).

        ``stored_path`` is the copy's path relative to the register folder; ``page_texts[i]``
        is the text of file page ``i + 1`` for the search index. Papers already present
        (same hash and first page) are skipped.
        """
        added: list[ImportedPaper] = []
        papers = extraction.papers or [Paper(first_page=1, last_page=max(extraction.pages, 1))]
        with self._tx() as changes:
            for paper in papers:
                exists = self._one("SELECT id FROM papers WHERE sha256 = ? AND first_page = ?",
                                   (extraction.sha256, paper.first_page))
                if exists:
                    continue
                now = _now()
                paper_id = self.db["papers"].insert({
                    "sha256": extraction.sha256, "first_page": paper.first_page,
                    "last_page": paper.last_page, "file_name": extraction.name,
                    "stored_path": stored_path, "file_pages": extraction.pages,
                    "imported_at": now, "extracted_at": now, "status": "new",
                }).last_pk
                self._write_paper_content(paper_id, paper)
                for page in range(paper.first_page, paper.last_page + 1):
                    if 0 < page <= len(page_texts) and page_texts[page - 1].strip():
                        self._index(paper_id, page, "page", page_texts[page - 1])
                ref = paper.value("reference")
                if meeting_id is not None:
                    self._append_agenda(meeting_id, paper_id)
                self._audit(changes, who, Change("paper", paper_id, paper_id, "imported", None,
                                                 ref or extraction.name))
                added.append(ImportedPaper(paper_id, ref, paper.first_page,
                                           paper.value("title")))
        return added

    def _write_paper_content(self, paper_id: int, paper: Paper) -> None:
        self.db["parts"].insert_all(
            [{"paper_id": paper_id, "kind": p.kind, "first_page": p.first_page,
              "last_page": p.last_page} for p in paper.parts])
        for name in FIELD_NAMES:
            fv = paper.fields.get(name)
            self.db["fields"].insert({
                "paper_id": paper_id, "name": name,
                "value": fv.value if fv else None, "extracted_value": fv.value if fv else None,
                "page": fv.page if fv else None, "quote": fv.quote if fv else None,
                "rects": _json(fv.rects if fv else []), "confirmed": 0,
            })
        self._insert_recommendations(paper_id, paper, start=0)
        self.db["costs"].insert_all([
            {"paper_id": paper_id, "position": i, "amount_pence": c.amount_pence, "raw": c.raw,
             "kind": c.kind, "years": _json(c.years), "part": c.part, "page": c.page,
             "context": c.context, "rects": _json(c.rects)}
            for i, c in enumerate(paper.costs)])
        self._write_findings(paper_id, paper)
        self._reindex_paper_items(paper_id)

    def _insert_recommendations(self, paper_id: int, paper: Paper, start: int,
                                only: set[int] | None = None) -> dict[int, int]:
        ids: dict[int, int] = {}
        for i, r in enumerate(paper.recommendations):
            if only is not None and i not in only:
                continue
            parent = ids.get(r.parent) if r.parent is not None else None
            ids[i] = self.db["recommendations"].insert({
                "paper_id": paper_id, "position": start + i, "part": r.part, "number": r.number,
                "text": r.text, "action": r.action, "parent_id": parent, "page": r.page,
                "rects": _json(r.rects), "outcome": None, "manual": 0,
            }).last_pk
        return ids

    def _write_findings(self, paper_id: int, paper: Paper) -> None:
        # A dismissal is keyed by rule + quoted words, so it survives re-extraction.
        self.conn.execute("UPDATE findings SET current = 0 WHERE paper_id = ?", (paper_id,))
        seen: dict[str, int] = {}
        for f in paper.checks:
            key = finding_key(f.code, f.quote)
            seen[key] = seen.get(key, 0) + 1
            if seen[key] > 1:
                key = f"{key}#{seen[key]}"
            self.conn.execute(
                "INSERT INTO findings (paper_id, key, code, severity, message, page, quote, "
                "rects, current) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1) "
                "ON CONFLICT (paper_id, key) DO UPDATE SET code = excluded.code, "
                "severity = excluded.severity, message = excluded.message, "
                "page = excluded.page, quote = excluded.quote, rects = excluded.rects, current = 1",
                (paper_id, key, f.code, f.severity, f.message, f.page, f.quote, _json(f.rects)))

    def reextract(self, paper_id: int, paper: Paper, who: str | None = None) -> list[Change]:
        """Apply a fresh extraction of a paper; clerk-confirmed or edited values always win.

        Fields the clerk confirmed keep their value (the engine's new reading is kept in
        ``extracted_value``); recommendations and costs are matched to the old ones so their
        ids, outcomes, tags and clerk-chosen kinds survive; manual items are never touched.
        """
        self._need("papers", paper_id, "paper")
        with self._tx() as changes:
            old_fields = {r["name"]: r for r in self._all(
                "SELECT * FROM fields WHERE paper_id = ?", (paper_id,))}
            for name in FIELD_NAMES:
                fv = paper.fields.get(name)
                new_value = fv.value if fv else None
                old = old_fields.get(name)
                if old and old["confirmed"]:
                    if old["extracted_value"] != new_value:
                        self.conn.execute("UPDATE fields SET extracted_value = ? WHERE id = ?",
                                          (new_value, old["id"]))
                        if new_value != old["value"]:
                            self._audit(changes, who, Change(
                                "field", old["id"], paper_id,
                                f"re-extraction of {name} kept the clerk's value",
                                new_value, old["value"]))
                    continue
                row = {"paper_id": paper_id, "name": name, "value": new_value,
                       "extracted_value": new_value, "page": fv.page if fv else None,
                       "quote": fv.quote if fv else None, "rects": _json(fv.rects if fv else [])}
                if old is None:
                    self.db["fields"].insert(row)
                else:
                    self.db["fields"].update(old["id"], row)
                if (old["value"] if old else None) != new_value:
                    self._audit(changes, who, Change(
                        "field", old["id"] if old else None, paper_id,
                        f"re-extraction changed {name}", old["value"] if old else None,
                        new_value))
            self._reextract_recommendations(paper_id, paper, who, changes)
            self._reextract_costs(paper_id, paper, who, changes)
            self._write_findings(paper_id, paper)
            self.conn.execute("UPDATE papers SET extracted_at = ? WHERE id = ?",
                              (_now(), paper_id))
            self._reindex_paper_items(paper_id)
            self._audit(changes, who, Change("paper", paper_id, paper_id, "re-extracted"))
        return changes

    def _reextract_recommendations(self, paper_id: int, paper: Paper, who: str | None,
                                   changes: list[Change]) -> None:
        old = self._all("SELECT * FROM recommendations WHERE paper_id = ? AND manual = 0 "
                        "ORDER BY position", (paper_id,))
        by_key = {(r["part"], r["number"], " ".join(r["text"].split())): r for r in old}
        matched: set[int] = set()
        new_ids: dict[int, int] = {}
        for i, r in enumerate(paper.recommendations):
            hit = by_key.get((r.part, r.number, " ".join(r.text.split())))
            if hit and hit["id"] not in matched:
                matched.add(hit["id"])
                new_ids[i] = hit["id"]
                self.conn.execute(
                    "UPDATE recommendations SET position = ?, page = ?, rects = ?, action = ? "
                    "WHERE id = ?", (i, r.page, _json(r.rects), r.action, hit["id"]))
        for r in old:
            if r["id"] not in matched:
                self._delete_tags("recommendation", [r["id"]])
                self.conn.execute("DELETE FROM recommendations WHERE id = ?", (r["id"],))
                self._audit(changes, who, Change("recommendation", r["id"], paper_id,
                                                 "re-extraction removed recommendation",
                                                 r["text"], None))
        fresh = {i for i in range(len(paper.recommendations)) if i not in new_ids}
        for i, rid in self._insert_recommendations(paper_id, paper, 0, only=fresh).items():
            new_ids[i] = rid
            self._audit(changes, who, Change("recommendation", rid, paper_id,
                                             "re-extraction added recommendation", None,
                                             paper.recommendations[i].text))
        for i, r in enumerate(paper.recommendations):
            parent = new_ids.get(r.parent) if r.parent is not None else None
            self.conn.execute("UPDATE recommendations SET parent_id = ? WHERE id = ?",
                              (parent, new_ids[i]))

    def _reextract_costs(self, paper_id: int, paper: Paper, who: str | None,
                         changes: list[Change]) -> None:
        old = self._all("SELECT * FROM costs WHERE paper_id = ? AND manual = 0", (paper_id,))
        by_key: dict[tuple, list[dict]] = {}
        for c in old:
            by_key.setdefault((c["raw"], c["part"], c["page"]), []).append(c)
        kept: set[int] = set()
        for i, c in enumerate(paper.costs):
            bucket = by_key.get((c.raw, c.part, c.page))
            if bucket:
                hit = bucket.pop(0)
                kept.add(hit["id"])
                kind = hit["kind"] if hit["kind_edited"] else c.kind
                self.conn.execute(
                    "UPDATE costs SET position = ?, amount_pence = ?, kind = ?, years = ?, "
                    "context = ?, rects = ? WHERE id = ?",
                    (i, c.amount_pence, kind, _json(c.years), c.context, _json(c.rects),
                     hit["id"]))
                if hit["amount_pence"] != c.amount_pence:
                    self._audit(changes, who, Change("cost", hit["id"], paper_id,
                                                     "re-extraction changed amount",
                                                     hit["amount_pence"], c.amount_pence))
                continue
            cid = self.db["costs"].insert({
                "paper_id": paper_id, "position": i, "amount_pence": c.amount_pence,
                "raw": c.raw, "kind": c.kind, "years": _json(c.years), "part": c.part,
                "page": c.page, "context": c.context, "rects": _json(c.rects)}).last_pk
            self._audit(changes, who, Change("cost", cid, paper_id, "re-extraction added cost",
                                             None, c.raw))
        for c in old:
            if c["id"] not in kept:
                self._delete_tags("cost", [c["id"]])
                self.conn.execute("DELETE FROM costs WHERE id = ?", (c["id"],))
                self._audit(changes, who, Change("cost", c["id"], paper_id,
                                                 "re-extraction removed cost", c["raw"], None))
