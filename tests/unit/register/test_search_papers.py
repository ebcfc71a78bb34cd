"""The register's read side for the table and search: ids sorted and filtered in SQL,
papers ranked by bm25 on the paper index (one row per paper), each shown paper's hit and
place count, snippets only for the papers asked, a pack's agenda cover credited to the
pack."""

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
    assert m.paper_ids == [pcd1577] and len(m.covers) == 1
    paper_hit = register.paper_hits("vodafone", [pcd1577])[pcd1577]
    # two pages say it (the cover is the pack's); the hit is the first, the find bar steps on
    assert paper_hit.places == 2 and paper_hit.page == 2 and not paper_hit.cover
    assert paper_hit.words == ["Vodafone"] and "[Vodafone]" in paper_hit.snippet
    cover_hit = register.search_hits("vodafone", m.covers)[m.covers[0]]
    assert cover_hit.cover and cover_hit.label == "Agenda (pack.pdf p. 1)"
    assert register.search_hits("vodafone", []) == {} == register.paper_hits("vodafone", [])
    # the agenda alone matches no paper: its words are the pack's
    assert register.search_papers("agenda").paper_ids == []


def test_a_reference_or_title_match_ranks_first(register):
    said_often = make_paper("PCD 1", title="Estates strategy")
    in_title = make_paper("PCD 2", title="Body worn video renewal")
    often = register.add_extraction(make_extraction("a.pdf", "1" * 64, [said_often]), "store/a.pdf",
                                    ["video video video, the video estate",
                                     "more video: video walls and video rooms"])[0].id
    titled = register.add_extraction(make_extraction("b.pdf", "2" * 64, [in_title]), "store/b.pdf",
                                     ["cameras for officers", "the contract"])[0].id
    assert register.search_papers("video").paper_ids == [titled, often]
    assert register.search_papers("PCD 1").paper_ids[0] == often
    hit = register.paper_hits("video", [titled])[titled]
    assert hit.source == "field:title" and hit.places == 1


def test_a_paper_holding_the_words_on_different_pages_matches(register):
    pcd1577, pcd1578 = _pack(register)
    m = register.search_papers("awards handsets")  # page 2 and page 3
    assert m.paper_ids == [pcd1577]
    hit = register.paper_hits("awards handsets", m.paper_ids)[pcd1577]
    # no one place holds both: the hit is the first place with either (items before pages)
    assert hit.source == "recommendation" and hit.words == ["award"]
    # PCD 1578's recommendation delegates an award; its page has no handsets
    assert register.search_papers("awards NOT handsets").paper_ids == [pcd1578]
    assert register.search_papers("vodaf*").paper_ids == [pcd1577]
    assert register.paper_hits("vodaf*", [pcd1577])[pcd1577].places == 2


def test_search_takes_the_status_and_meeting_filters_and_never_raises(register):
    pcd1577, pcd1578 = _pack(register)
    both = register.search_papers("mobile OR estates")
    assert set(both.paper_ids) == {pcd1577, pcd1578} and len(both.covers) == 1
    register.set_status(pcd1578, "checked")
    checked = register.search_papers("mobile OR estates", status="checked")
    assert checked.paper_ids == [pcd1578] and checked.covers == []  # the cover is PCD 1577's file
    meeting = register.create_meeting("2024-03-12", "IAM")[0].entity_id
    register.add_to_meeting(meeting, [pcd1577])
    at = register.search_papers("mobile OR estates", status="new", meeting_id=meeting)
    assert at.paper_ids == [pcd1577] and len(at.covers) == 1
    assert register.search_papers("mobile", status="checked", meeting_id=meeting).paper_ids == []
    for q in ('"unbalanced (', "NOT", "title:mobile", "mob*ile", "*", ""):  # never raises
        register.search_papers(q)
        register.paper_hits(q, [pcd1577])
        register.search_hits(q, [1])


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


def test_a_hit_made_during_the_look_up_is_the_hit_made_for_its_place(register):
    pcd1577, pcd1578 = _pack(register)
    register.set_field(pcd1578, "title", "Estates refresh for mobile teams")  # rows renumbered
    for q in ("vodafone", "mobile", "contract", "estates", "award", "mobile contract"):
        for pid, hit in register.paper_hits(q, [pcd1577, pcd1578]).items():
            # (PCD 1578 holds "mobile" and "contract" in two places: its hit holds either)
            places = register.search(q) + register.search(" OR ".join(q.split()))
            same = [h for h in places if (h.paper_id, h.source, h.page) == (
                pid, hit.source, hit.page)]
            assert same and same[0].snippet == hit.snippet and same[0].stored_path == hit.stored_path
            assert (hit.reference, hit.title) == (same[0].reference, same[0].title)
