"""Cost kinds from the words around each amount, and financial years."""

from __future__ import annotations

import pytest

from mopac_desk.extract.costs import classify_text, years_in


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
