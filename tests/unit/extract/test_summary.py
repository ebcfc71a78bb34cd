"""The financial summary rule on hand-made cost lists (as extracted, or as a clerk corrected
them in the register)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from hypothesis import given, settings
from hypothesis import strategies as st

from mopac_desk.extract.costs import read_text
from mopac_desk.extract.model import Cost
from mopac_desk.extract.summary import Summary, summarise


def cost(raw: str, pence: int, kind: str, page: int = 1, part: str = "report",
         context: str = "", **more) -> Cost:
    return Cost(amount_pence=pence, raw=raw, kind=kind, years=more.pop("years", []), part=part,
                page=page, context=context or f"... {raw} ...",
                rects=[[72.0, 700.0 - page, 110.0, 709.0]], **more)


def test_a_sum_stated_several_times_counts_once_with_every_place():
    costs = [cost("£14,700,000", 1_470_000_000, "capital", 1, "decision", in_recommendation=True),
             cost("£14.7M", 1_470_000_000, "capital", 2, "decision"),
             cost("£14.7M", 1_470_000_000, "capital", 5, in_recommendation=True),
             cost("£14.7m", 1_470_000_000, "capital", 6),
             cost("£189,330", 18_933_000, "threshold", 6, role="mention")]
    s = summarise(costs)
    assert (s.capital_pence, s.revenue_pence, s.contracts_pence, s.conflicts) == (
        1_470_000_000, None, [], [])
    assert [p.page for p in s.sources["capital"][0].places] == [1, 2, 5, 6]


def test_amounts_alike_within_their_precision_are_one_sum():
    s = summarise([cost("£46.763m", 4_676_300_000, "capital"),
                   cost("£46,763,120", 4_676_312_000, "capital", 3)])
    assert s.capital_pence == 4_676_312_000 and s.conflicts == []  # the precise one


def test_restated_sum_and_a_contradiction_the_recommendation_stands():
    costs = [cost("£3.4m", 340_000_000, "capital", 1),
             cost("£3.2m", 320_000_000, "capital", 1, in_recommendation=True),
             cost("£3.4m", 340_000_000, "capital", 3),
             cost("£3.4m", 340_000_000, "capital", 3)]
    s = summarise(costs)
    assert (s.capital_pence, s.conflicts) == (320_000_000, ["capital"])
    assert [(f.pence, f.stands, [p.page for p in f.places]) for f in s.sources["capital"]] == [
        (340_000_000, False, [1, 3, 3]), (320_000_000, True, [1])]
    # A clerk's choice overrides; the conflict is still shown, marked as settled.
    chosen = summarise(costs, choices={"capital": 340_000_000})
    assert (chosen.capital_pence, chosen.conflicts, chosen.chosen_by_clerk) == (
        340_000_000, ["capital"], ["capital"])


def test_without_a_recommendation_the_most_stated_figure_stands():
    s = summarise([cost("£3.2m", 320_000_000, "capital", 1),
                   cost("£3.4m", 340_000_000, "capital", 2),
                   cost("£3.4m", 340_000_000, "capital", 3)])
    assert (s.capital_pence, s.conflicts) == (340_000_000, ["capital"])


def test_a_clerk_changing_a_kind_or_deleting_a_cost_changes_the_summary():
    extracted = [cost("£2m", 200_000_000, "capital", in_recommendation=True),
                 cost("£500k", 50_000_000, "other"),
                 cost("£1.5m", 150_000_000, "contract")]
    assert (summarise(extracted).capital_pence, summarise(extracted).revenue_pence) == (
        200_000_000, None)
    corrected = [extracted[0], replace(extracted[1], kind="revenue", role="ask"), extracted[2]]
    s = summarise(corrected)
    assert (s.capital_pence, s.revenue_pence, s.contracts_pence) == (
        200_000_000, 50_000_000, [150_000_000])
    assert summarise(corrected[1:]).capital_pence is None  # the capital row deleted


def test_two_years_close_in_value_are_two_parts_not_a_total_and_its_breakdown():
    s = summarise([cost("£2.5m", 250_000_000, "revenue", years=["2025/26"]),
                   cost("£2.6m", 260_000_000, "revenue", years=["2026/27"])])
    assert (s.revenue_pence, s.conflicts) == (510_000_000, [])


def test_parts_for_different_years_add_up_and_a_total_with_its_parts_counts_once():
    parts = [cost("£2m", 200_000_000, "capital", years=["2024/25"]),
             cost("£3m", 300_000_000, "capital", 2, years=["2025/26"])]
    assert summarise(parts).capital_pence == 500_000_000
    with_total = parts + [cost("£5m", 500_000_000, "capital", 3)]
    s = summarise(with_total)
    assert (s.capital_pence, s.conflicts) == (500_000_000, [])


def test_contracts_are_listed_never_added_and_funding_from_revenue_is_that_spend():
    costs = [cost("£140,000", 14_000_000, "contract", funded_from="revenue"),
             cost("£140k", 14_000_000, "contract", 2),
             cost("£4.84m", 484_000_000, "contract", 3)]
    s = summarise(costs)
    assert s.contracts_pence == [14_000_000, 484_000_000]
    assert (s.capital_pence, s.revenue_pence) == (None, 14_000_000)
    assert s.sources["revenue"][0].funded_from == "revenue"


def test_per_annum_counts_over_the_period_and_components_are_not_added():
    costs = [cost("£410k", 41_000_000, "revenue", basis="per_annum", period_years=4,
                  whole_pence=164_000_000, role="component"),
             cost("£1.64m", 164_000_000, "revenue", period_years=4),
             cost("£410k", 41_000_000, "revenue", 3, basis="per_annum", period_years=4,
                  whole_pence=164_000_000)]
    s = summarise(costs)
    assert (s.revenue_pence, s.conflicts) == (164_000_000, [])
    figure, = s.sources["revenue"]
    assert (figure.per_annum_pence, figure.period_years, len(figure.places)) == (
        41_000_000, 4, 3)


def test_thresholds_placeholders_mentions_and_totals_are_never_spend():
    s = summarise([cost("£213,477", 21_347_700, "threshold", role="mention"),
                   cost("£500,000", 50_000_000, "threshold"),
                   Cost(None, "£xxxx", "placeholder", [], "report", 1, "£xxxx"),
                   cost("£20m", 2_000_000_000, "capital", role="mention"),
                   cost("£6m", 600_000_000, "total")])
    assert (s.capital_pence, s.revenue_pence, s.contracts_pence, s.sources) == (
        None, None, [], {})


@dataclass
class RegisterRow:
    """A register row: only the required attributes and a few of the optional ones."""

    amount_pence: int | None
    kind: str
    raw: str
    part: str = "report"
    page: int = 1
    context: str = ""
    rects: list = field(default_factory=list)
    role: str | None = None  # a column added later: NULL on old rows


def test_register_rows_without_the_new_attributes_feed_the_rule():
    rows = [RegisterRow(83_000_000, "capital", "£0.830m"),
            RegisterRow(83_000_000, "capital", "£0.830m", page=2, rects="[[1, 2, 3, 4]]"),
            RegisterRow(21_490_400, "threshold", "£214,904")]
    s = summarise(rows)
    assert (s.capital_pence, len(s.sources["capital"][0].places)) == (83_000_000, 2)
    assert s.sources["capital"][0].places[1].rects == [[1, 2, 3, 4]]  # JSON text read
    assert Summary.from_dict(s.to_dict()).to_dict() == s.to_dict()


def test_a_yearly_figure_without_its_period_and_the_whole_sum_elsewhere_are_one():
    s = summarise([cost("£1.64m", 164_000_000, "revenue", in_recommendation=True),
                   cost("£410k", 41_000_000, "revenue", 3, basis="per_annum")])
    assert (s.revenue_pence, s.conflicts) == (164_000_000, [])
    figure, = s.sources["revenue"]
    assert (figure.per_annum_pence, figure.period_years, [p.page for p in figure.places]) == (
        41_000_000, 4, [1, 3])
    alone = summarise([cost("£55k", 5_500_000, "revenue", basis="per_annum")])
    assert alone.revenue_pence == 5_500_000  # no period stated: the yearly figure, marked so
    assert alone.sources["revenue"][0].per_annum_pence == 5_500_000


def test_a_contract_with_headroom_and_its_base_stated_alone_elsewhere_are_one_contract():
    s = summarise([cost("£1.2m", 120_000_000, "contract", whole_pence=132_000_000,
                        headroom_pence=12_000_000, in_recommendation=True),
                   cost("£1.2m", 120_000_000, "contract", 4),
                   cost("£1.32m", 132_000_000, "contract", 5)])
    assert s.contracts_pence == [132_000_000]
    figure, = s.sources["contract"]
    assert (figure.headroom_pence, [p.page for p in figure.places]) == (12_000_000, [1, 4, 5])


_WORDS = ["£1.2m", "£410k", "£213,477", "£500,000", "£xxxx", "£0.8m", " per annum ", " for four ",
          "years", " (", ")", " in total", " capital ", " revenue ", " contract ", " value of ",
          " headroom of ", "10% ", " including ", " plus ", " up to ", " or above ", " inc. VAT ",
          " funded from the revenue budget", " 2024/25 ", " to 2027/28 ", " and ", ", ", ". ",
          "; ", " previously approved ", " per device ", " from ", " to ", "Approve "]


@settings(max_examples=80, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=30).map("".join))
def test_reading_and_summarising_never_raise_and_only_spend_and_contracts_count(text):
    costs = read_text(text)
    s = summarise(costs)
    assert all(isinstance(p, int) for p in s.contracts_pence)
    for kind in ("capital", "revenue"):
        pence = s.spend_pence(kind)
        assert pence is None or (isinstance(pence, int) and pence >= 0)
    # Only capital, revenue and contract amounts are ever a figure's places.
    counted = {(p.quote, p.context) for figs in s.sources.values() for f in figs for p in f.places}
    assert counted <= {(c.raw, c.context) for c in costs
                       if c.kind in ("capital", "revenue", "contract")}
