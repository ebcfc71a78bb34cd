"""The tag vocabulary and tags on papers, recommendations, costs and annotations."""

from __future__ import annotations

from typing import Any, Iterable

from . import schema
from .errors import NotFoundError, RegisterError
from .store import Change, Store


class Tags(Store):
    """Tags: one vocabulary, many items tagged in one transaction."""

    def create_tag(self, name: str, colour: str | None = None,
                   who: str | None = None) -> list[Change]:
        """Add a tag to the vocabulary (names are unique, ignoring case)."""
        name = " ".join(name.split())
        if not name:
            raise RegisterError("A tag needs a name.")
        with self._tx() as changes:
            if self._one("SELECT id FROM tags WHERE name = ?", (name,)):
                raise RegisterError(f"There is already a tag called '{name}'.")
            tid = self._insert("tags", {"name": name, "colour": colour})
            self._audit(changes, who, Change("tag", tid, None, "created tag", None, name))
        return changes

    def update_tag(self, tag: int | str, *, name: str | None = None, colour: str | None = None,
                   who: str | None = None) -> list[Change]:
        """Rename a tag and/or change its colour; every item keeps it under the new name."""
        with self._tx() as changes:
            tag_id = self._tag_id(tag)
            row = self._one("SELECT name, colour FROM tags WHERE id = ?", (tag_id,))
            if name is not None:
                name = " ".join(name.split())
                if not name:
                    raise RegisterError("A tag needs a name.")
                clash = self._one("SELECT id FROM tags WHERE name = ? AND id != ?",
                                  (name, tag_id))
                if clash:
                    raise RegisterError(f"There is already a tag called '{name}'.")
                if name != row["name"]:
                    self.conn.execute("UPDATE tags SET name = ? WHERE id = ?", (name, tag_id))
                    self._audit(changes, who, Change("tag", tag_id, None, "renamed tag",
                                                     row["name"], name))
            if colour is not None and colour != row["colour"]:
                self.conn.execute("UPDATE tags SET colour = ? WHERE id = ?", (colour, tag_id))
                self._audit(changes, who, Change("tag", tag_id, None, "set tag colour",
                                                 row["colour"], colour))
        return changes

    def tags(self) -> list[dict[str, Any]]:
        """The tag vocabulary with how many items carry each tag."""
        return self._all("SELECT t.id, t.name, t.colour, COUNT(a.tag_id) AS uses FROM tags t "
                         "LEFT JOIN tag_assignments a ON a.tag_id = t.id GROUP BY t.id "
                         "ORDER BY t.name")

    def _tag_id(self, tag: int | str) -> int:
        if isinstance(tag, int):
            return self._need("tags", tag, "tag")["id"]
        row = self._one("SELECT id FROM tags WHERE name = ?", (" ".join(tag.split()),))
        if row is None:
            raise NotFoundError(f"There is no tag called '{tag}'.")
        return row["id"]

    def _paper_of(self, entity: str, entity_id: int) -> int:
        if entity == "paper":
            return self._need("papers", entity_id, "paper")["id"]
        table = {"recommendation": "recommendations", "cost": "costs",
                 "annotation": "annotations"}[entity]
        return self._need(table, entity_id, entity)["paper_id"]

    def tag(self, tag: int | str, entity: str, ids: Iterable[int],
            who: str | None = None) -> list[Change]:
        """Put a tag on many papers, recommendations or costs at once (one transaction)."""
        return self._tagging(tag, entity, ids, who, add=True)

    def untag(self, tag: int | str, entity: str, ids: Iterable[int],
              who: str | None = None) -> list[Change]:
        """Take a tag off many items at once."""
        return self._tagging(tag, entity, ids, who, add=False)

    def _tagging(self, tag: int | str, entity: str, ids: Iterable[int], who: str | None,
                 add: bool) -> list[Change]:
        if entity not in schema.TAGGABLE:
            raise RegisterError(f"Only {', '.join(schema.TAGGABLE)} can be tagged.")
        with self._tx() as changes:
            tag_id = self._tag_id(tag)
            name = self._one("SELECT name FROM tags WHERE id = ?", (tag_id,))["name"]
            for entity_id in dict.fromkeys(ids):
                paper_id = self._paper_of(entity, entity_id)
                if add:
                    cur = self.conn.execute(
                        "INSERT OR IGNORE INTO tag_assignments VALUES (?, ?, ?)",
                        (tag_id, entity, entity_id))
                else:
                    cur = self.conn.execute(
                        "DELETE FROM tag_assignments WHERE tag_id = ? AND entity = ? AND "
                        "entity_id = ?", (tag_id, entity, entity_id))
                if cur.rowcount:
                    self._audit(changes, who, Change(entity, entity_id, paper_id,
                                                     "tagged" if add else "untagged",
                                                     None if add else name,
                                                     name if add else None))
        return changes

    def tags_of(self, entity: str, entity_id: int) -> list[str]:
        """Names of the tags on one item."""
        return [r["name"] for r in self._all(
            "SELECT t.name FROM tag_assignments a JOIN tags t ON t.id = a.tag_id "
            "WHERE a.entity = ? AND a.entity_id = ? ORDER BY t.name", (entity, entity_id))]
