"""A paper's financial summary from the register's cost rows, by the one core rule
(:func:`mopac_desk.extract.summary.summarise`), with the clerk's corrections in: kinds
changed, costs deleted or added by hand, and the figure a clerk picked where the paper
contradicts itself."""

from __future__ import annotations

import json
from types import SimpleNamespace
from typing import Any, Iterable, Mapping

from ..extract.summary import Summary, summarise


def cost_item(row: Mapping[str, Any]) -> SimpleNamespace:
    """A ``costs`` row as the rule reads a cost (JSON columns decoded, flags as booleans)."""
    item = dict(row)
    for key in ("rects", "years"):
        if isinstance(item.get(key), str):
            item[key] = json.loads(item[key])
    item["in_recommendation"] = bool(item.get("in_recommendation"))
    if item.get("page") is None:
        item["page"] = 0
    return SimpleNamespace(**item)


def summary_of(rows: Iterable[Mapping[str, Any]], choices: Mapping[str, int] | None = None
               ) -> Summary:
    """The summary of a paper whose costs are ``rows``."""
    return summarise([cost_item(r) for r in rows], choices or None)
