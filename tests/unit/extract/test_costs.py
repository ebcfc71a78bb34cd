"""Cost kinds from the words around each amount, and financial years."""

from __future__ import annotations

import pytest

from mopac_desk.extract.costs import classify_text, read_text, years_in


@pytest.mark.parametrize("text, expected", [
    ("The total cost of the project is £5m, comprising £3m capital and £2m revenue.",
     [("£5m", "total"), ("£3m", "capital"), ("£2m", "revenue")]),
    ("A contingency of £250k is held within the budget.", [("£250k", "headroom")]),
    ("at a capital cost of £0.830m fully funded in the draft capital plan",
     [("£0.830m", "capital")]),
    ("award new contracts for a total contract(s) value of up to £25m and a term of 4 years",
     [("£25m", "contract")]),
    ("The project will cost £14.7M of DP capital for procurement of new devices.",
     [("£14.7M", "capital")]),
    ("Awards of public contracts for goods and/or services valued at £189,330 or above must be "
     "procured in accordance with the Regulations.", [("£189,330", "threshold")]),
    ("All awards of public contracts valued at £213,477 (inclusive of VAT) or above will be "
     "procured in accordance with the Regulations.", [("£213,477", "threshold")]),
    ("The DMPC has delegated authority to approve business cases for revenue or capital "
     "expenditure of £500,000 or above.", [("£500,000", "threshold")]),
    ("The total cost is £5m, which is above the £500,000 threshold in the Scheme of Delegation.",
     [("£5m", "total"), ("£500,000", "threshold")]),
    ("Running costs of £120k per annum will be met from existing budgets.",
     [("£120k", "revenue")]),
    ("The refresh will cost £xxxx, funded from approved capital budget.",
     [("£xxxx", "placeholder")]),
    ("We expect savings of £40k.", [("£40k", "other")]),
    ("Capital £1.2m £0.8m £2.0m", [("£1.2m", "capital"), ("£0.8m", "capital"), ("£2.0m", "capital")]),
])
def test_kinds(text, expected):
    assert [(raw, kind) for raw, _, kind in classify_text(text)] == expected


def test_years_as_written():
    assert years_in("Capital spend in 2025/26 & 2026/27, FY 23/24 and FY2122; plan 2022-25; "
                    "by 19/04/21; 2024-25") == ["2025/26", "2026/27", "FY 23/24", "FY2122",
                                                 "2024-25"]


def _read(text):
    return [(c.raw, c.kind, c.role) for c in read_text(text)]


@pytest.mark.parametrize("text, expected", [
    # a threshold, however its VAT note is written, and delegation limits
    ("Contracts valued at £213,477 (inc. VAT) or above shall be procured under the Regulations.",
     [("£213,477", "threshold", "mention")]),
    ("Goods and services valued at £214,904 incl. VAT or more follow the Procurement Act 2023.",
     [("£214,904", "threshold", "mention")]),
    ("Business cases of £500,000 and above are approved by the DMPC.",
     [("£500,000", "threshold", "mention")]),
    ("The value of the contract, £450,000, falls below the £500,000 DMPC approval threshold.",
     [("£450,000", "contract", "ask"), ("£500,000", "threshold", "mention")]),
    ("The Director of Commercial Services has delegated authority to approve contracts up "
     "to £1m.", [("£1m", "threshold", "mention")]),
    ("Contracts with a value above £2m are reported to the DMPC.",
     [("£2m", "threshold", "mention")]),
    # contract values
    ("Delegate authority to the Director of Digital to award the contract up to the value of "
     "£3m.", [("£3m", "contract", "ask")]),
    ("Approve a call-off contract from the RM6100 framework with a total value of £4.84m.",
     [("£4.84m", "contract", "ask")]),
    ("Award a support contract to Acme Ltd up to the value of £140,000.",
     [("£140,000", "contract", "ask")]),
    ("A five-year £2.5m contract will be let.", [("£2.5m", "contract", "ask")]),
    # totals and what they are made of
    ("Approve revenue spend of £410k per annum for four years (£1.64m in total).",
     [("£410k", "revenue", "component"), ("£1.64m", "revenue", "ask")]),
    ("Approval is sought to spend £600k (£200k per annum for three years) on licences.",
     [("£600k", "revenue", "ask"), ("£200k", "revenue", "component")]),
    ("Costs in 2025/26 are £1.2m and in 2026/27 £0.8m, a total of £2m of revenue.",
     [("£1.2m", "revenue", "component"), ("£0.8m", "revenue", "component"),
      ("£2m", "revenue", "ask")]),
    ("The total cost of £4.2m comprises £3.5m capital and £0.7m revenue.",
     [("£4.2m", "total", "ask"), ("£3.5m", "capital", "ask"), ("£0.7m", "revenue", "ask")]),
    # headroom
    ("The contract value of £273,000 comprises £227,500 and headroom of £45,500.",
     [("£273,000", "contract", "ask"), ("£227,500", "contract", "component"),
      ("£45,500", "headroom", "component")]),
    ("The contract value of £273,000 (£227,500 plus 20% headroom) is within budget.",
     [("£273,000", "contract", "ask"), ("£227,500", "contract", "component")]),
    ("A contract of £227,500 plus 20% headroom, £273,000 in total, will be awarded.",
     [("£227,500", "contract", "component"), ("£273,000", "contract", "ask")]),
    ("Approve capital expenditure of £1.2m and revenue expenditure of £480,000 over three years.",
     [("£1.2m", "capital", "ask"), ("£480,000", "revenue", "ask")]),
    ("Enter into a contract with Capita for vetting services at a total cost of £3.6m.",
     [("£3.6m", "contract", "ask")]),
    ("Approve the increase in contract value from £1.1m to £1.45m.",
     [("£1.1m", "contract", "mention"), ("£1.45m", "contract", "ask")]),
    ("Approve expenditure of up to £1,250,000 (capital) for new vehicles.",
     [("£1,250,000", "capital", "ask")]),
    ("The capital and revenue costs of £5m are met from approved budgets.",
     [("£5m", "total", "ask")]),
    # mentions
    ("Approve capital of £2m to buy 2,500 devices at £800 per device.",
     [("£2m", "capital", "ask"), ("£800", "capital", "mention")]),
    ("The capital cost per device is £800.", [("£800", "capital", "mention")]),
    ("Approve the receipt of grant funding of £2m from the Home Office for Safer Streets.",
     [("£2m", "other", "mention")]),
    ("Accept £450,000 revenue grant from the Home Office.", [("£450,000", "revenue", "mention")]),
    ("Capital receipts of £3.5m from the sale of the old station will be reinvested.",
     [("£3.5m", "capital", "mention")]),
    ("Approve the acceptance of the tender from Acme Ltd for the works contract of £2.3m.",
     [("£2.3m", "contract", "ask")]),
    ("Approve revenue spend of £300k, funded by a Home Office grant.",
     [("£300k", "revenue", "ask")]),
    ("Approve the drawdown of £2.1m capital from the previously approved £10m programme.",
     [("£2.1m", "capital", "ask"), ("£10m", "capital", "mention")]),
    ("This is funded from the £20m Technology Capital Plan allocation.",
     [("£20m", "capital", "mention")]),
    ("Approve a further £2m of capital, in addition to the £5m already approved.",
     [("£2m", "capital", "ask"), ("£5m", "capital", "mention")]),
    ("Capital of £1.4m has already been spent to date on the pilot.",
     [("£1.4m", "capital", "mention")]),
    ("The £650k approved under PCD 1200 is not affected; approve capital of £300k more.",
     [("£650k", "other", "mention"), ("£300k", "capital", "ask")]),
])
def test_kinds_and_roles_from_the_sentence(text, expected):
    assert _read(text) == expected


def test_per_annum_period_and_whole_sum():
    c, = read_text("Revenue costs of £120k per year from FY 23/24 to 27/28 are met from budgets.")
    assert (c.basis, c.period_years, c.whole_pence, c.years) == (
        "per_annum", 5, 60_000_000, ["FY 23/24 to 27/28"])
    c, = read_text("The annual licence cost of £95,000 will be paid for three years.")
    assert (c.kind, c.basis, c.period_years, c.whole_pence) == ("revenue", "per_annum", 3,
                                                               28_500_000)


def test_headroom_and_funding_are_read():
    c, h = read_text("The contract value is £2.2m, including headroom of £200k.")
    assert (c.kind, c.headroom_pence, c.whole_pence, h.kind) == ("contract", 20_000_000, None,
                                                                 "headroom")
    c, = read_text("A contract of £1.2m plus 10% headroom will be let.")
    assert (c.headroom_pence, c.whole_pence) == (12_000_000, 132_000_000)
    c, = read_text("Award a contract up to the value of £140,000, funded from the existing "
                   "Frontline Policing revenue budget.")
    assert (c.kind, c.funded_from) == ("contract", "revenue")


def test_each_amount_has_its_own_years_in_a_sentence_of_several():
    costs = read_text("Approve capital of £2m in 2024/25 and £3m in 2025/26 for the suite.")
    assert [c.years for c in costs] == [["2024/25"], ["2025/26"]]


def test_year_ranges_are_kept_whole():
    assert years_in("funding from FY 23/24 to 27/28 and from 2024/25 – 2026/27") == [
        "FY 23/24 to 27/28", "2024/25 – 2026/27"]
    assert years_in("in 2025/26 to support 2026/27") == ["2025/26", "2026/27"]


def test_a_page_of_three_thousand_amounts_is_read_and_summarised_quickly():
    import time

    from mopac_desk.extract.summary import summarise

    prose = " ".join(f"Capital £{1_000 + 7 * i:,} in 2024/25 and revenue £{900 + 3 * i:,}."
                     for i in range(1500))
    row = "Capital " + "  ".join(f"£{1_000 + 7 * i:,}" for i in range(3000))
    start = time.perf_counter()
    for text in (prose, row):
        costs = read_text(text)
        assert len(costs) == 3000
        summarise(costs)
    assert time.perf_counter() - start < 3.0  # was 9 s when every amount re-read its sentence
