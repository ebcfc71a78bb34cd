"""No rule raises on odd text: every rule runs on arbitrary lines and costs."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from mopac_desk.checks import RULES

from .lines import cost, make_lines, make_paper

_ALPHABET = st.sampled_from(list("abcXx01234567 89.,:;£[]()/-–%&'\n") +
                            ["Title: ", "Part 2 of ", " is exempt", "Legal Comments", "1. ",
                             "2.3. ", "Investment Advisory & Monitoring meeting ", "deferred? YES",
                             "Until what date:", "total ", "capital ", "revenue ", "headroom ",
                             "DMPC Decision – ", "Introduction and background"])
_TEXT = st.lists(_ALPHABET, min_size=1, max_size=25).map("".join).map(
    lambda t: t.replace("\n", " ").strip() or "x")


@settings(max_examples=60, deadline=None)
@given(rows=st.lists(st.tuples(st.integers(1, 3), _TEXT), max_size=12),
       amounts=st.lists(st.tuples(st.integers(0, 10**10),
                                  st.sampled_from(["capital", "revenue", "total", "contract",
                                                   "threshold", "headroom", "other"]),
                                  _TEXT), max_size=6),
       kind=st.sampled_from([None, "report", "decision"]))
def test_rules_never_raise(rows, amounts, kind) -> None:
    lines = make_lines(*sorted(rows, key=lambda r: r[0]))
    costs = [cost(f"£{p / 100:,.2f}", p, k, f"{ctx} £{p / 100:,.2f} {ctx}") for p, k, ctx in amounts]
    paper = make_paper(lines, kind, costs, meeting_date="2024-05-01",
                       decision_signed_on="2024-04-01", decision_required_by="2024-06-30")
    for rule in RULES:
        for f in rule(paper, lines):
            assert f.code and f.severity in ("error", "warning", "info") and f.page >= 1
