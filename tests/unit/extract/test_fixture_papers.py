"""The quality bar on the real MOPAC papers in tests/fixtures (truth in tests/fixtures/truth)."""

from __future__ import annotations


from mopac_desk.extract import extract_file
from mopac_desk.extract.model import Extraction
from mopac_desk.extract.summary import summarise
from tests.conftest import truth_for

from .truth import cost_problems, field_problems, missing_recommendations

_CACHE: dict[str, Extraction] = {}


def _extract(path) -> Extraction:
    if path.name not in _CACHE:
        _CACHE[path.name] = extract_file(path)
    return _CACHE[path.name]


def test_one_paper_with_the_truth_parts(paper_path):
    truth = truth_for(paper_path)
    ex = _extract(paper_path)
    assert len(ex.papers) == 1
    kinds = [p.kind for p in ex.papers[0].parts]
    assert kinds == truth["documents"]


def test_every_truth_field_exact(paper_path):
    truth = truth_for(paper_path)
    paper = _extract(paper_path).papers[0]
    assert field_problems(paper, truth["fields"]) == []


def test_every_truth_recommendation_found_in_its_part(paper_path):
    truth = truth_for(paper_path)
    paper = _extract(paper_path).papers[0]
    assert missing_recommendations(paper, truth["recommendations"]) == []
    expected_total = sum(len(v) for v in truth["recommendations"].values())
    assert len(paper.recommendations) == expected_total


def test_every_truth_cost_found_with_its_kind_and_none_invented(paper_path):
    truth = truth_for(paper_path)
    paper = _extract(paper_path).papers[0]
    expected = [(c["amount_gbp"] * 100, c["kind"]) for c in truth["costs"]]
    assert cost_problems(paper, expected) == []


def test_placeholders_in_truth_are_found_as_placeholders(paper_path):
    truth = truth_for(paper_path)
    paper = _extract(paper_path).papers[0]
    money_placeholders = [c["quote"] for c in truth["checks"]
                          if c["code"] == "placeholder" and c["quote"].startswith("£")]
    found = {c.raw for c in paper.costs if c.kind == "placeholder"}
    assert set(money_placeholders) <= found


def test_pcd977_decision_items_nest_under_the_lead_sentence(pcd977):
    recs = _extract(pcd977).papers[0].recommendations
    decision = [r for r in recs if r.part == "decision"]
    assert decision[0].text.startswith("approve spend of £14,700,000")
    assert decision[0].parent is None and decision[0].action == "approve"
    assert all(r.parent == 0 for r in decision[1:])
    report = [r for r in recs if r.part == "report"]
    assert [r.number for r in report] == ["1", "2", "3", "4", "5"]
    assert all(r.parent is None for r in report)


def test_pcd977_provenance_points_at_the_words(pcd977):
    from mopac_desk.pdf import PaperDocument

    paper = _extract(pcd977).papers[0]
    with PaperDocument.open(pcd977) as doc:
        for name in ("reference", "title", "decision_signed_on", "report_author"):
            f = paper.fields[name]
            assert f is not None
            text = doc.page_text(f.page - 1)
            x0, y0, x1, y1 = f.rects[0]
            i = text.index_at((x0 + x1) / 2, (y0 + y1) / 2)
            # The character under the middle of the first rectangle belongs to the quote.
            assert i is not None and text.text[i] in f.quote
        for cost in paper.costs:
            hits = [h for h in doc.find(cost.raw) if h.index == cost.page - 1]
            found = [r.as_list() for h in hits for r in h.rects]
            assert any(abs(r[0] - cost.rects[0][0]) < 1 and abs(r[1] - cost.rects[0][1]) < 1
                       for r in found), cost


def test_amounts_are_integers_and_json_round_trips(paper_path):
    ex = _extract(paper_path)
    data = ex.to_dict()
    for c in data["papers"][0]["costs"]:
        assert c["amount_pence"] is None or isinstance(c["amount_pence"], int)
    again = Extraction.from_dict(data)
    assert again.to_dict() == data


def test_summary_is_what_the_truth_asks(paper_path):
    truth = truth_for(paper_path)["summary"]
    paper = _extract(paper_path).papers[0]
    got = summarise(paper.costs)

    def pounds(pence):
        assert pence is None or pence % 100 == 0
        return None if pence is None else pence // 100

    assert pounds(got.capital_pence) == truth["capital"]
    assert pounds(got.revenue_pence) == truth["revenue"]
    assert [pounds(p) for p in got.contracts_pence] == truth["contracts"]
    assert got.conflicts == truth["conflicts"]
    # The JSON carries the same summary, every figure with its places.
    data = Extraction.from_dict(_extract(paper_path).to_dict()).to_dict()["papers"][0]["summary"]
    assert data == got.to_dict()
    for figures in got.sources.values():
        assert all(p.rects and p.page >= 1 for f in figures for p in f.places)
