"""The register's read side for the table and search: ids sorted and filtered in SQL,
papers ranked by bm25 with hit counts, snippets only for the rows asked, a pack's agenda
cover credited to the pack."""

from __future__ import annotations

from mopac_desk.extract.model import Part
from mopac_desk.register import Register
from mopac_desk.register.search import snippet_parts

from .conftest import make_extraction, make_paper


def _pack(register: Register) -> tuple[int, int]:
    first = make_paper("PCD 1577", first=1, last=3, title="Mobile contract")
    first.parts = [Part("cover", 1, 1), Part("decision", 2, 3)]
    second = make_paper("PCD 1578", first=4, last=4, title="Estates refresh")
    out = register.add_extraction(
        make_extraction("pack.pdf", "b" * 64, [first, second], pages=4), "store/pack.pdf",
        ["Agenda: Vodafone mobile contract", "awards the contract to Vodafone",
         "Vodafone handsets; Vodafone support", "estates refresh, not mobile"])
    return out[0].id, out[1].id


def test_papers_are_ranked_with_counts_and_the_cover_is_kept_apart(register):
    pcd1577, _ = _pack(register)
    m = register.search_papers("vodafone")
    assert m.paper_ids == [pcd1577] and m.hits == {pcd1577: 2} and m.places == 2
    assert len(m.covers) == 1
    hits = register.search_hits("vodafone", [m.best_rows[pcd1577], *m.covers])
    paper_hit = hits[m.best_rows[pcd1577]]
    cover_hit = hits[m.covers[0]]
    assert paper_hit.page == 3 and not paper_hit.cover  # two mentions outrank one
    assert paper_hit.words == ["Vodafone"] and "[Vodafone]" in paper_hit.snippet
    assert cover_hit.cover and cover_hit.label == "Agenda (pack.pdf p. 1)"
    assert register.search_hits("vodafone", []) == {}


def test_search_takes_the_status_filter_and_never_raises(register):
    pcd1577, pcd1578 = _pack(register)
    both = register.search_papers("mobile OR estates")
    assert set(both.paper_ids) == {pcd1577, pcd1578}
    register.set_status(pcd1578, "checked")
    assert register.search_papers("mobile OR estates", status="checked").paper_ids == [pcd1578]
    assert register.search_papers('"unbalanced (').paper_ids == []  # never raises


def test_paper_ids_sort_and_filter_in_sql(register):
    ids = []
    for i, (ref, capital) in enumerate([("PCD 977", 1_470_000_000), ("PCD 12", 90_000),
                                        ("PCD 300", None)]):
        paper = make_paper(ref, title=f"Paper {ref}")
        paper.costs[0].amount_pence = capital
        if capital is None:
            paper.costs = []
        ids.append(register.add_extraction(make_extraction(sha=str(i) * 64, papers=[paper]),
                                           "store/x.pdf", ["a", "b"])[0].id)
    assert register.paper_ids() == [ids[1], ids[2], ids[0]]  # text order of the references
    assert register.paper_ids(sort="reference", descending=True) == [ids[0], ids[2], ids[1]]
    # no money sorts last either way: a clerk sorting by capital looks for the sums
    assert register.paper_ids(sort="capital") == [ids[1], ids[0], ids[2]]
    assert register.paper_ids(sort="capital", descending=True) == [ids[0], ids[1], ids[2]]
    register.set_status(ids[2], "checked")
    assert register.paper_ids(status="checked") == [ids[2]]
    rows = register.list_papers(paper_ids=[ids[0]])
    assert [r.reference for r in rows] == ["PCD 977"] and rows[0].capital_pence


def test_snippet_parts_mark_the_words():
    assert snippet_parts("the \x02Vodafone\x03 contract") == [
        ("the ", False), ("Vodafone", True), (" contract", False)]
