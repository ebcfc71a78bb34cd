"""``Register.get_paper``: one typed record of a paper, its columns decoded once."""

from __future__ import annotations

import dataclasses
import json

import pytest

from mopac_desk.register import NotFoundError, PaperDetail, PaperSummary, RegisterError
from mopac_desk.register.detail import (
    CostRow, FieldRow, FindingRow, MeetingLink, PartRow, RecommendationRow,
)

from .conftest import make_extraction


def _add(register) -> int:
    return register.add_extraction(make_extraction(), "store/aa/x.pdf", ["text", "more"])[0].id


def test_the_record_is_typed_and_its_json_columns_and_flags_are_decoded(register):
    pid = _add(register)
    register.create_tag("IT")
    register.tag("IT", "paper", [pid])
    mid = register.create_meeting("2021-04-09", "IAM April")[0].entity_id
    register.add_to_meeting(mid, [pid])
    detail = register.get_paper(pid)
    assert isinstance(detail, PaperDetail) and isinstance(detail.summary, PaperSummary)
    assert detail.id == pid and detail.summary.reference == "PCD 977"
    title = detail.fields["title"]
    assert isinstance(title, FieldRow)
    assert title.rects == [[10, 680, 300, 692]] and title.confirmed is False
    assert detail.parts == [PartRow("decision", 1, 2)]
    rec = detail.recommendations[0]
    assert isinstance(rec, RecommendationRow) and rec.rects == [[10, 500, 400, 512]]
    assert rec.manual is False and rec.needs_review is False and rec.tags == []
    assert detail.recommendations[1].parent_id == rec.id
    capital = detail.costs[0]
    assert isinstance(capital, CostRow) and capital.years == ["2021/22"]
    assert capital.kind_edited is False and capital.in_recommendation is False
    [finding] = detail.findings
    assert isinstance(finding, FindingRow) and finding.current is True
    assert finding.dismissed is False
    assert detail.tags == ["IT"]
    assert detail.meetings == [MeetingLink(mid, "2021-04-09", "IAM April", 0)]
    assert detail.money.capital_pence == 1_470_000_000
    assert detail.paper.money_choices == {} and detail.paper.file_pages == 2
    assert [d.current for d in detail.documents] == [True]
    with pytest.raises(dataclasses.FrozenInstanceError):
        detail.summary = detail.summary  # type: ignore[misc]


def test_lookups_by_id_and_a_blank_field(register):
    pid = _add(register)
    detail = register.get_paper(pid)
    rec, cost, finding = detail.recommendations[0], detail.costs[1], detail.findings[0]
    assert detail.recommendation(rec.id) == rec and detail.recommendation(-1) is None
    assert detail.cost(cost.id) == cost and detail.finding(finding.id) == finding
    assert detail.part_at(2) == "decision" and detail.part_at(9) == "decision"
    register.conn.execute("DELETE FROM fields WHERE paper_id = ? AND name = 'classification'",
                          (pid,))
    blank = register.get_paper(pid).field("classification")
    assert (blank.id, blank.value, blank.page, blank.rects, blank.confirmed) == (
        None, None, None, [], False)
    assert "classification" not in register.get_paper(pid).fields


def test_the_clerks_picks_are_read_once_as_whole_pence(register):
    pid = _add(register)
    register.add_cost(pid, 12_345, "£123.45", "revenue", page=2, context="fee")
    register.choose_figure(pid, "revenue", 12_345)
    assert register.get_paper(pid).paper.money_choices == {"revenue": 12_345}
    register.conn.execute("UPDATE papers SET money_choices = 'not json' WHERE id = ?", (pid,))
    assert register.get_paper(pid).paper.money_choices == {}


def test_to_dict_is_json_ready(register):
    pid = _add(register)
    register.add_annotation(pid, 1, "note", text="Ask Finance")
    data = register.get_paper(pid).to_dict()
    back = json.loads(json.dumps(data))
    assert back["summary"]["reference"] == "PCD 977"
    assert back["fields"]["title"]["rects"] == [[10, 680, 300, 692]]
    assert back["costs"][0]["years"] == ["2021/22"]
    assert back["annotations"][0]["contents"] == "Ask Finance"
    assert back["money"]["capital_pence"] == 1_470_000_000
    assert isinstance(back["documents"][0]["stored_path"], str)


def test_a_missing_paper_is_a_plain_error(register):
    with pytest.raises(NotFoundError, match="no paper number 5"):
        register.get_paper(5)
    pid = _add(register)
    assert register.get_paper(pid).summary == register.list_papers()[0]


def test_restore_takes_the_row_of_its_own_kind(register):
    pid = _add(register)
    detail = register.get_paper(pid)
    register.delete_cost(detail.costs[0].id)
    with pytest.raises(RegisterError, match="cannot be restored"):
        register.restore_item("recommendation", detail.costs[0])
    register.restore_item("cost", detail.costs[0])
    assert register.get_paper(pid).costs == detail.costs
