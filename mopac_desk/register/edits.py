"""A clerk's edits of one paper's items: fields, status, recommendations, costs, findings."""

from __future__ import annotations

import json
from typing import Any, Iterable, Sequence

from ..extract.dates import parse_date
from ..extract.model import DATE_FIELDS, FIELD_NAMES
from . import schema
from .detail import CostRow, RecommendationRow
from .errors import RegisterError
from .store import Change, Store, _check_kind, _json, _now


class Edits(Store):
    """Every clerk correction: one transaction and one audit row each."""

    def _field(self, paper_id: int, name: str) -> dict[str, Any]:
        if name not in FIELD_NAMES:
            raise RegisterError(f"'{name}' is not a field of a paper.")
        self._need("papers", paper_id, "paper")
        row = self._one("SELECT * FROM fields WHERE paper_id = ? AND name = ?", (paper_id, name))
        if row is None:
            fid = self._insert("fields", {"paper_id": paper_id, "name": name})
            row = self._one("SELECT * FROM fields WHERE id = ?", (fid,))
        return row

    def set_field(self, paper_id: int, name: str, value: str | None,
                  who: str | None = None, *, page: int | None = None,
                  quote: str | None = None,
                  rects: list[list[float]] | None = None,
                  clear_provenance: bool = False, confirmed: bool = True) -> list[Change]:
        """Correct a field's value; it becomes confirmed (``confirmed=False`` when an undo puts
        back a value the clerk had not ticked), and who/when is recorded.

        Date fields accept what a clerk types ("30/04/2021", "9th April 2021") and are stored
        as ISO ``YYYY-MM-DD``; an empty value clears the field. ``page``/``quote``/``rects``
        (given when the clerk captured the value from the page) replace the field's
        provenance; without them the old provenance stays, unless ``clear_provenance``
        (undoing a capture on a field that had none).
        """
        value = value.strip() if isinstance(value, str) else value
        if value and name in DATE_FIELDS:
            iso = parse_date(value)
            if iso is None:
                raise RegisterError(f"'{value}' is not a date; write it like 30/04/2021.")
            value = iso
        with self._tx() as changes:
            row = self._field(paper_id, name)
            self.conn.execute(
                "UPDATE fields SET value = ?, confirmed = ?, edited_by = ?, edited_at = ? "
                "WHERE id = ?", (value or None, int(confirmed), who or self.user, _now(),
                                 row["id"]))
            if page is not None or clear_provenance:
                self.conn.execute("UPDATE fields SET page = ?, quote = ?, rects = ? WHERE id = ?",
                                  (page, quote, _json(rects or []), row["id"]))
            self._reindex_paper_items(paper_id)
            self._audit(changes, who, Change("field", row["id"], paper_id, f"set {name}",
                                             row["value"], value or None))
        return changes

    def confirm_field(self, paper_id: int, name: str, who: str | None = None,
                      confirmed: bool = True) -> list[Change]:
        """Mark a field's extracted value as checked by the clerk (or unconfirm it)."""
        with self._tx() as changes:
            row = self._field(paper_id, name)
            self.conn.execute(
                "UPDATE fields SET confirmed = ?, edited_by = ?, edited_at = ? WHERE id = ?",
                (int(confirmed), who or self.user, _now(), row["id"]))
            self._audit(changes, who, Change(
                "field", row["id"], paper_id, f"{'confirmed' if confirmed else 'unconfirmed'} "
                f"{name}", bool(row["confirmed"]), confirmed))
        return changes

    def set_status(self, paper_id: int, status: str, who: str | None = None) -> list[Change]:
        """Move a paper to one of :data:`schema.STATUSES`."""
        return self.set_status_many([paper_id], status, who)

    def set_status_many(self, paper_ids: Iterable[int], status: str,
                        who: str | None = None) -> list[Change]:
        """Move several papers to one status in ONE transaction (all or none)."""
        if status not in schema.STATUSES:
            raise RegisterError(f"'{status}' is not a status; use one of: "
                                + ", ".join(schema.STATUSES) + ".")
        with self._tx() as changes:
            for paper_id in dict.fromkeys(paper_ids):
                row = self._need("papers", paper_id, "paper")
                if row["status"] != status:
                    self.conn.execute("UPDATE papers SET status = ? WHERE id = ?",
                                      (status, paper_id))
                    self._audit(changes, who, Change("paper", paper_id, paper_id, "set status",
                                                     row["status"], status))
        return changes

    def choose_figure(self, paper_id: int, kind: str, pence: int | None,
                      who: str | None = None) -> list[Change]:
        """Settle a conflict in the paper's money: ``pence`` is the figure of ``kind``
        (capital, revenue) the clerk found right; None goes back to the rule's choice (the
        recommendation's figure)."""
        if kind not in ("capital", "revenue"):
            raise RegisterError("A figure can be chosen for capital or revenue.")
        if pence is not None and not isinstance(pence, int):
            raise RegisterError("Amounts are whole pence (an integer), never a decimal.")
        with self._tx() as changes:
            row = self._need("papers", paper_id, "paper")
            choices = json.loads(row["money_choices"] or "{}")
            old = choices.get(kind)
            if pence is None:
                choices.pop(kind, None)
            else:
                choices[kind] = pence
            if old != pence:
                self.conn.execute("UPDATE papers SET money_choices = ? WHERE id = ?",
                                  (_json(choices), paper_id))
                self._refresh_summary(paper_id)
                self._audit(changes, who, Change("paper", paper_id, paper_id,
                                                 f"chose the {kind} figure", old, pence))
        return changes

    def delete_items(self, entity: str, ids: Iterable[int],
                     who: str | None = None) -> list[Change]:
        """Delete several recommendations or costs in ONE transaction (all or none)."""
        if entity not in ("recommendation", "cost"):
            raise RegisterError(f"A {entity} cannot be deleted this way.")
        table = "recommendations" if entity == "recommendation" else "costs"
        with self._tx() as changes:
            papers: set[int] = set()
            for item_id in dict.fromkeys(ids):
                row = self._need(table, item_id, entity)
                papers.add(row["paper_id"])
                self._delete_tags(entity, [item_id])
                self.conn.execute(f"DELETE FROM {table} WHERE id = ?", (item_id,))
                old = row["text"] if entity == "recommendation" else {
                    "amount_pence": row["amount_pence"], "raw": row["raw"], "kind": row["kind"]}
                self._audit(changes, who, Change(entity, item_id, row["paper_id"],
                                                 f"deleted {entity}", old, None))
            for paper_id in papers:
                if entity == "recommendation":
                    self._reindex_paper_items(paper_id)
                else:
                    self._refresh_summary(paper_id)
        return changes

    def set_outcome(self, recommendation_id: int, outcome: str | None,
                    who: str | None = None) -> list[Change]:
        """Record a recommendation's outcome (:data:`schema.OUTCOMES`) or clear it (None)."""
        if outcome is not None and outcome not in schema.OUTCOMES:
            raise RegisterError(f"'{outcome}' is not an outcome; use one of: "
                                + ", ".join(schema.OUTCOMES) + ".")
        with self._tx() as changes:
            row = self._need("recommendations", recommendation_id, "recommendation")
            self.conn.execute("UPDATE recommendations SET outcome = ? WHERE id = ?",
                              (outcome, recommendation_id))
            self._audit(changes, who, Change("recommendation", recommendation_id,
                                             row["paper_id"], "set outcome", row["outcome"],
                                             outcome))
        return changes

    def add_recommendation(self, paper_id: int, text: str, *, part: str = "decision",
                           number: str | None = None, action: str = "other",
                           parent_id: int | None = None, page: int | None = None,
                           rects: list[list[float]] | None = None,
                           who: str | None = None) -> list[Change]:
        """Capture a recommendation the extraction missed (marked manual)."""
        if not text.strip():
            raise RegisterError("A recommendation needs some text.")
        with self._tx() as changes:
            self._need("papers", paper_id, "paper")
            pos = self.conn.execute("SELECT COALESCE(MAX(position), -1) + 1 FROM recommendations "
                                    "WHERE paper_id = ?", (paper_id,)).fetchone()[0]
            rid = self._insert("recommendations", {
                "paper_id": paper_id, "position": pos, "part": part, "number": number,
                "text": text.strip(), "action": action, "parent_id": parent_id, "page": page,
                "rects": _json(rects or []), "manual": 1})
            self._reindex_paper_items(paper_id)
            self._audit(changes, who, Change("recommendation", rid, paper_id,
                                             "added recommendation", None, text.strip()))
        return changes

    def delete_recommendation(self, recommendation_id: int,
                              who: str | None = None) -> list[Change]:
        """Remove a recommendation (its tags go with it)."""
        with self._tx() as changes:
            row = self._need("recommendations", recommendation_id, "recommendation")
            self._delete_tags("recommendation", [recommendation_id])
            self.conn.execute("DELETE FROM recommendations WHERE id = ?", (recommendation_id,))
            self._reindex_paper_items(row["paper_id"])
            self._audit(changes, who, Change("recommendation", recommendation_id,
                                             row["paper_id"], "deleted recommendation",
                                             row["text"], None))
        return changes


    def add_cost(self, paper_id: int, amount_pence: int | None, raw: str, kind: str, *,
                 page: int | None = None, context: str = "", part: str = "decision",
                 years: list[str] | None = None, rects: list[list[float]] | None = None,
                 who: str | None = None) -> list[Change]:
        """Capture a cost by hand, with where it stands on the page (marked manual)."""
        _check_kind(kind)
        if amount_pence is not None and not isinstance(amount_pence, int):
            raise RegisterError("Amounts are whole pence (an integer), never a decimal.")
        with self._tx() as changes:
            self._need("papers", paper_id, "paper")
            pos = self.conn.execute("SELECT COALESCE(MAX(position), -1) + 1 FROM costs "
                                    "WHERE paper_id = ?", (paper_id,)).fetchone()[0]
            cid = self._insert("costs", {
                "paper_id": paper_id, "position": pos, "amount_pence": amount_pence, "raw": raw,
                "kind": kind, "years": _json(years or []), "part": part, "page": page,
                "context": context, "rects": _json(rects or []), "manual": 1,
                "kind_edited": 1})
            self._refresh_summary(paper_id)
            self._audit(changes, who, Change("cost", cid, paper_id, "added cost", None,
                                             {"amount_pence": amount_pence, "raw": raw,
                                              "kind": kind}))
        return changes

    def delete_cost(self, cost_id: int, who: str | None = None) -> list[Change]:
        """Remove a cost (its tags go with it)."""
        with self._tx() as changes:
            row = self._need("costs", cost_id, "cost")
            self._delete_tags("cost", [cost_id])
            self.conn.execute("DELETE FROM costs WHERE id = ?", (cost_id,))
            self._refresh_summary(row["paper_id"])
            self._audit(changes, who, Change("cost", cost_id, row["paper_id"], "deleted cost",
                                             {"amount_pence": row["amount_pence"],
                                              "raw": row["raw"], "kind": row["kind"]}, None))
        return changes

    def update_cost_kind(self, cost_id: int, kind: str, who: str | None = None, *,
                         by_clerk: bool = True) -> list[Change]:
        """Reclassify a cost (capital, revenue, threshold...); survives re-extraction.
        ``by_clerk=False`` (an undo back to the extracted kind) lets re-extraction decide
        the kind again."""
        _check_kind(kind)
        with self._tx() as changes:
            row = self._need("costs", cost_id, "cost")
            # a kind the clerk sets is what the cost is asked for as: it counts
            role = "ask" if by_clerk else row["role"]
            self.conn.execute("UPDATE costs SET kind = ?, kind_edited = ?, role = ? WHERE id = ?",
                              (kind, int(by_clerk), role, cost_id))
            self._refresh_summary(row["paper_id"])
            self._audit(changes, who, Change("cost", cost_id, row["paper_id"], "set cost kind",
                                             row["kind"], kind))
        return changes

    def restore_item(self, entity: str, row: RecommendationRow | CostRow, *,
                     children: Sequence[int] = (), who: str | None = None) -> list[Change]:
        """Put back a deleted recommendation or cost exactly as it was (same id, position,
        provenance and tags), given the row ``get_paper`` returned for it; ``children`` are
        recommendations that were its sub-items. Undoing a delete uses this, so later edits
        that name the item's id still apply."""
        tables = {"recommendation": ("recommendations", RecommendationRow),
                  "cost": ("costs", CostRow)}
        if entity not in tables or not isinstance(row, tables[entity][1]):
            raise RegisterError(f"A {entity} cannot be restored.")
        table = tables[entity][0]
        values = row.to_columns()
        with self._tx() as changes:
            self._need("papers", values["paper_id"], "paper")
            if self._one(f"SELECT id FROM {table} WHERE id = ?", (values["id"],)):
                raise RegisterError(f"That {entity} is already in the register.")
            if values.get("parent_id") is not None and not self._one(
                    "SELECT id FROM recommendations WHERE id = ?", (values["parent_id"],)):
                values["parent_id"] = None
            self._insert(table, values)
            for name in row.tags:
                self.conn.execute("INSERT OR IGNORE INTO tag_assignments (tag_id, entity, "
                                  "entity_id) SELECT id, ?, ? FROM tags WHERE name = ?",
                                  (entity, values["id"], name))
            for child in children:
                self.conn.execute("UPDATE recommendations SET parent_id = ? WHERE id = ? AND "
                                  "paper_id = ?", (values["id"], child, values["paper_id"]))
            if entity == "recommendation":
                self._reindex_paper_items(values["paper_id"])
            else:
                self._refresh_summary(values["paper_id"])
            self._audit(changes, who, Change(entity, values["id"], values["paper_id"],
                                             f"restored {entity}", None,
                                             values.get("text") or values.get("raw")))
        return changes


    def dismiss_finding(self, finding_id: int, reason: str,
                        who: str | None = None) -> list[Change]:
        """Dismiss a readiness finding with a reason; it stays dismissed across re-extraction."""
        if not reason.strip():
            raise RegisterError("Say why the check is dismissed.")
        with self._tx() as changes:
            row = self._need("findings", finding_id, "check")
            self.conn.execute("UPDATE findings SET dismissed = 1, reason = ?, dismissed_by = ?, "
                              "dismissed_at = ? WHERE id = ?",
                              (reason.strip(), who or self.user, _now(), finding_id))
            self._audit(changes, who, Change("finding", finding_id, row["paper_id"],
                                             f"dismissed {row['code']}", None, reason.strip()))
        return changes

    def undismiss_finding(self, finding_id: int, who: str | None = None) -> list[Change]:
        """Reopen a dismissed finding."""
        with self._tx() as changes:
            row = self._need("findings", finding_id, "check")
            self.conn.execute("UPDATE findings SET dismissed = 0, reason = NULL, "
                              "dismissed_by = NULL, dismissed_at = NULL WHERE id = ?",
                              (finding_id,))
            self._audit(changes, who, Change("finding", finding_id, row["paper_id"],
                                             f"reopened {row['code']}", row["reason"], None))
        return changes
