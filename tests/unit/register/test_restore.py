"""Undoing a delete: the item comes back with its id, data, tags and sub-items."""

from __future__ import annotations

import pytest

from mopac_desk.register import RegisterError

from .conftest import make_extraction


def test_deleted_recommendation_and_cost_come_back_as_they_were(register):
    pid = register.add_extraction(make_extraction(), "store/aa/x.pdf", ["a", "b"])[0].id
    register.create_tag("IT")
    before = register.get_paper(pid)
    rec, cost = before.recommendations[0], before.costs[0]
    register.tag("IT", "recommendation", [rec.id])
    register.tag("IT", "cost", [cost.id])
    register.set_outcome(rec.id, "approved")
    child = register.add_recommendation(pid, "A sub-item", parent_id=rec.id)[0].entity_id
    snapshot = register.get_paper(pid)
    rec = next(r for r in snapshot.recommendations if r.id == rec.id)
    cost = next(c for c in snapshot.costs if c.id == cost.id)

    register.delete_recommendation(rec.id)
    register.delete_cost(cost.id)
    children = [r.id for r in snapshot.recommendations if r.parent_id == rec.id]
    assert child in children and len(children) == 2
    register.restore_item("recommendation", rec, children=children)
    changes = register.restore_item("cost", cost, who="Ann")

    after = register.get_paper(pid)
    assert after.recommendations == snapshot.recommendations
    assert after.costs == snapshot.costs
    assert changes[0].what == "restored cost"
    assert register.audit_for(pid)[-1]["who"] == "Ann"
    with pytest.raises(RegisterError, match="already"):
        register.restore_item("cost", cost)
