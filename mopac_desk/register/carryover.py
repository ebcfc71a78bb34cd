"""Applying a fresh reading of a paper to the register without losing clerk work.

Used when a paper is extracted again and when a new version of it arrives. Fields the clerk
confirmed keep their value (the engine's new reading is kept in ``extracted_value``).
Recommendations and costs are matched to the old ones by their words, not their page or
number, so an item whose words did not change keeps its id, outcome, tags and clerk-chosen
kind and moves to its new place; an item whose words changed a little keeps the clerk's work
and is marked ``needs_review``; manual items are never touched.
"""

from __future__ import annotations

from typing import Any

from rapidfuzz import fuzz

from ..extract.model import FIELD_NAMES, Cost, Paper
from ..checks import finding_key
from .store import Change, Store, _json, _now

# How alike (0-100) a reworded item must be to the old one to carry the clerk's work over.
_REWORDED = 80.0


def _words(text: str | None) -> str:
    return " ".join((text or "").split()).casefold()


def cost_row(paper_id: int, position: int, c: Cost) -> dict[str, Any]:
    """The ``costs`` row of an extracted cost (every attribute the summary rule reads)."""
    return {
        "paper_id": paper_id, "position": position, "amount_pence": c.amount_pence,
        "raw": c.raw, "kind": c.kind, "years": _json(c.years), "part": c.part,
        "page": c.page, "context": c.context, "rects": _json(c.rects),
        "role": c.role, "basis": c.basis, "period_years": c.period_years,
        "whole_pence": c.whole_pence, "in_recommendation": int(c.in_recommendation),
        "funded_from": c.funded_from, "headroom_pence": c.headroom_pence,
        "confidence": c.confidence,
    }


class Carryover(Store):
    """A fresh extraction of a paper, applied with the clerk's work kept."""

    def reextract(self, paper_id: int, paper: Paper, who: str | None = None) -> list[Change]:
        """Apply a fresh extraction of a paper (same document); clerk work always wins."""
        self._need("papers", paper_id, "paper")
        with self._tx() as changes:
            self._apply_reading(paper_id, paper, who, changes)
            self._audit(changes, who, Change("paper", paper_id, paper_id, "re-extracted"))
        return changes

    def _apply_reading(self, paper_id: int, paper: Paper, who: str | None,
                       changes: list[Change]) -> None:
        self._carry_fields(paper_id, paper, who, changes)
        self._carry_recommendations(paper_id, paper, who, changes)
        self._carry_costs(paper_id, paper, who, changes)
        self._write_findings(paper_id, paper)
        self.conn.execute("DELETE FROM parts WHERE paper_id = ?", (paper_id,))
        self._insert_all("parts", [
            {"paper_id": paper_id, "kind": p.kind, "first_page": p.first_page,
             "last_page": p.last_page} for p in paper.parts])
        self.conn.execute("UPDATE papers SET extracted_at = ? WHERE id = ?", (_now(), paper_id))
        self._reindex_paper_items(paper_id)
        self._refresh_summary(paper_id)

    def _carry_fields(self, paper_id: int, paper: Paper, who: str | None,
                      changes: list[Change]) -> None:
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
                if old["value"] == new_value and fv is not None:
                    # the same value now stands elsewhere: follow it
                    self.conn.execute("UPDATE fields SET page = ?, quote = ?, rects = ? "
                                      "WHERE id = ?", (fv.page, fv.quote, _json(fv.rects),
                                                       old["id"]))
                continue
            row = {"paper_id": paper_id, "name": name, "value": new_value,
                   "extracted_value": new_value, "page": fv.page if fv else None,
                   "quote": fv.quote if fv else None, "rects": _json(fv.rects if fv else []),
                   "confidence": fv.confidence if fv else None}
            if old is None:
                self._insert("fields", row)
            else:
                self._update("fields", old["id"], row)
            if (old["value"] if old else None) != new_value:
                self._audit(changes, who, Change(
                    "field", old["id"] if old else None, paper_id,
                    f"re-extraction changed {name}", old["value"] if old else None, new_value))

    def _carry_recommendations(self, paper_id: int, paper: Paper, who: str | None,
                               changes: list[Change]) -> None:
        old = self._all("SELECT * FROM recommendations WHERE paper_id = ? AND manual = 0 "
                        "ORDER BY position", (paper_id,))
        by_words: dict[tuple[str, str], list[dict]] = {}
        for r in old:
            by_words.setdefault((r["part"], _words(r["text"])), []).append(r)
        matched: dict[int, dict] = {}  # new index -> old row
        reworded: set[int] = set()
        for i, r in enumerate(paper.recommendations):
            bucket = by_words.get((r.part, _words(r.text)))
            if bucket:
                matched[i] = bucket.pop(0)
        used = {row["id"] for row in matched.values()}
        for i, r in enumerate(paper.recommendations):
            if i in matched:
                continue
            best, score = None, _REWORDED
            for row in old:
                if row["id"] in used or row["part"] != r.part:
                    continue
                s = fuzz.ratio(_words(row["text"]), _words(r.text))
                if s >= score:
                    best, score = row, s
            if best is not None:
                matched[i] = best
                used.add(best["id"])
                reworded.add(i)
        new_ids: dict[int, int] = {}
        for i, row in matched.items():
            r = paper.recommendations[i]
            new_ids[i] = row["id"]
            self.conn.execute(
                "UPDATE recommendations SET position = ?, number = ?, text = ?, page = ?, "
                "rects = ?, action = ?, needs_review = ? WHERE id = ?",
                (i, r.number, r.text, r.page, _json(r.rects), r.action,
                 int(i in reworded or bool(row.get("needs_review"))), row["id"]))
            if i in reworded:
                self._audit(changes, who, Change("recommendation", row["id"], paper_id,
                                                 "new wording: review it", row["text"],
                                                 r.text))
        for row in old:
            if row["id"] not in used:
                self._delete_tags("recommendation", [row["id"]])
                self.conn.execute("DELETE FROM recommendations WHERE id = ?", (row["id"],))
                self._audit(changes, who, Change("recommendation", row["id"], paper_id,
                                                 "re-extraction removed recommendation",
                                                 row["text"], None))
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

    def _carry_costs(self, paper_id: int, paper: Paper, who: str | None,
                     changes: list[Change]) -> None:
        old = self._all("SELECT * FROM costs WHERE paper_id = ? AND manual = 0 "
                        "ORDER BY position", (paper_id,))
        exact: dict[tuple, list[dict]] = {}
        for c in old:
            exact.setdefault((c["raw"], c["part"], _words(c["context"])), []).append(c)
        matched: dict[int, dict] = {}
        for i, c in enumerate(paper.costs):
            bucket = exact.get((c.raw, c.part, _words(c.context)))
            if bucket:
                matched[i] = bucket.pop(0)
        used = {row["id"] for row in matched.values()}
        changed: set[int] = set()
        for i, c in enumerate(paper.costs):
            if i in matched:
                continue
            best, score = None, _REWORDED
            for row in old:
                if row["id"] in used or row["part"] != c.part:
                    continue
                s = fuzz.ratio(_words(row["context"]), _words(c.context))
                if row["raw"] == c.raw and s >= 50:
                    s = max(s, _REWORDED)  # same figure, sentence moved about
                if s >= score:
                    best, score = row, s
            if best is not None:
                matched[i] = best
                used.add(best["id"])
                changed.add(i)
        for i, c in enumerate(paper.costs):
            row = matched.get(i)
            values = cost_row(paper_id, i, c)
            if row is None:
                cid = self._insert("costs", values)
                self._audit(changes, who, Change("cost", cid, paper_id,
                                                 "re-extraction added cost", None, c.raw))
                continue
            if row["kind_edited"]:
                values["kind"], values["role"] = row["kind"], row["role"]
            del values["paper_id"]
            values["needs_review"] = int(i in changed or bool(row.get("needs_review")))
            self._update("costs", row["id"], values)
            if row["amount_pence"] != c.amount_pence:
                self._audit(changes, who, Change("cost", row["id"], paper_id,
                                                 "re-extraction changed amount",
                                                 row["amount_pence"], c.amount_pence))
        for row in old:
            if row["id"] not in used:
                self._delete_tags("cost", [row["id"]])
                self.conn.execute("DELETE FROM costs WHERE id = ?", (row["id"],))
                self._audit(changes, who, Change("cost", row["id"], paper_id,
                                                 "re-extraction removed cost", row["raw"], None))

    def _insert_recommendations(self, paper_id: int, paper: Paper, start: int,
                                only: set[int] | None = None) -> dict[int, int]:
        ids: dict[int, int] = {}
        for i, r in enumerate(paper.recommendations):
            if only is not None and i not in only:
                continue
            parent = ids.get(r.parent) if r.parent is not None else None
            ids[i] = self._insert("recommendations", {
                "paper_id": paper_id, "position": start + i, "part": r.part, "number": r.number,
                "text": r.text, "action": r.action, "parent_id": parent, "page": r.page,
                "rects": _json(r.rects), "outcome": None, "manual": 0,
                "confidence": r.confidence,
            })
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
