"""The acronym rule, marking caveats, thresholds beside contract values, and the amount
check's speed on a page of thousands of amounts."""

from __future__ import annotations

import time

from mopac_desk.checks import run_checks
from mopac_desk.checks.acronyms import acronym_mismatch
from mopac_desk.checks.amounts import amount_mismatch
from mopac_desk.checks.placeholders import placeholder

from .lines import cost, make_lines, make_paper


def test_an_acronym_defined_two_ways_gives_both_places() -> None:
    lines = make_lines("The Police Cloud Gateway (PCG) replaces the old exchange.",
                       (2, "Data will move to the Police Criminal Gateway the (PCG) in May."),
                       (2, "The PCG is hosted in the MPS cloud."))
    found = acronym_mismatch(make_paper(lines), lines)
    assert len(found) == 1
    f = found[0]
    assert (f.code, f.severity, f.page, f.quote) == (
        "acronym_mismatch", "warning", 2, "Police Criminal Gateway the (PCG)")
    assert "Police Cloud Gateway" in f.message and "page 1" in f.message
    assert f.rects[0][0] == 72.0 + 5.0 * len("Data will move to the ")
    assert f.also == [{"page": 1, "quote": "Police Cloud Gateway (PCG)",
                       "rects": f.also[0]["rects"]}]
    assert f.also[0]["rects"][0][0] == 72.0 + 5.0 * len("The ")


def test_an_acronym_defined_alike_or_spelled_differently_is_fine() -> None:
    lines = make_lines("via the Investment Advisory and Monitoring meeting (IAM), is asked to",
                       "The Investment Advisory & Monitoring (IAM) board met.",
                       "The Mayor's Office for Policing and Crime (MOPAC) and the Metropolitan",
                       "Police Service (MPS); later the Metropolitan Police Service (MPS).",
                       "Business Justification Papers (BJP) and a Business Justification Paper",
                       "(BJP). See Annex A (PDF) for the Digital Data and Technology (DDaT) plan.",
                       "The Chief Finance Officer (CFO) and the Chief Financial Officer (CFO).",
                       "The Investment Advisory & Monitoring Board (IAM) met.")
    assert acronym_mismatch(make_paper(lines), lines) == []


def test_a_short_name_in_quotes_defined_two_ways() -> None:
    lines = make_lines("The Criminal Justice Exchange (the “Gateway”) carries case files.",
                       "Later the Police Cloud Gateway (the “Gateway”) will carry them.")
    found = acronym_mismatch(make_paper(lines), lines)
    assert [f.quote for f in found] == ["Police Cloud Gateway (the “Gateway”)"]


def test_a_marking_caveat_in_brackets_is_never_a_placeholder() -> None:
    lines = make_lines("The Government Security Classification marking for Part 2 is:",
                       "OFFICIAL-SENSITIVE [OPERATIONAL]", "OFFICIAL – SENSITIVE [PERSONAL]",
                       "OFFICIAL-SENSITIVE [HR MATTERS]", "Report by [Name] on behalf of [ROLE]")
    assert [f.quote for f in placeholder(make_paper(lines), lines)] == ["[Name]", "[ROLE]"]


def test_a_threshold_beside_a_contract_value_is_no_mismatch() -> None:
    legal = ("All awards of public contracts for goods and/or services valued at £213,477 "
             "(inc. VAT) or above shall be procured in accordance with the Regulations.")
    costs = [cost("£277.5k", 27_750_000, "contract", "award a contract worth £277.5k"),
             cost("£213,477", 21_347_700, "threshold", legal, page=3),
             cost("£277.5k", 27_750_000, "contract", "the contract value of £277.5k", page=4)]
    costs[1].role = "mention"
    assert amount_mismatch(make_paper([], costs=costs), []) == []
    lines = make_lines(legal)
    assert [f.code for f in run_checks(make_paper(lines, "report", costs), lines)] == []


def test_three_thousand_amounts_are_checked_in_well_under_a_second() -> None:
    costs = [cost(f"£{1_000 + 7 * i:,}", (1_000 + 7 * i) * 100, "capital",
                  f"Line {i}: capital of £{1_000 + 7 * i:,}.") for i in range(3000)]
    costs += [cost("£2.5m", 250_000_000, "capital", f"capital of £2.5m (ref {i})")
              for i in range(3)]
    paper = make_paper([], costs=costs)
    start = time.perf_counter()
    amount_mismatch(paper, [])
    # About 0.1 s here (every pair compared, it took 54 s); a second allows a busy machine.
    assert time.perf_counter() - start < 1.0


def test_rounded_restatements_still_agree_and_odd_ones_out_are_found() -> None:
    costs = [cost("£46.763m", 4_676_300_000, "capital", "capital spend of £46.763m"),
             cost("£46,763,120", 4_676_312_000, "capital", "capital of £46,763,120", page=2),
             cost("£47m", 4_700_000_000, "capital", "about £47m of capital", page=3),
             cost("£46.763m", 4_676_300_000, "capital", "capital spend of £46.763m (again)",
                  page=4),
             cost("£52m", 5_200_000_000, "capital", "capital of £52m", page=5)]
    found = amount_mismatch(make_paper([], costs=costs), [])
    assert [(f.quote, f.page) for f in found] == [("£52m", 5)]
    assert found[0].also and found[0].also[0]["page"] == 1


def test_title_check_reads_a_forms_title_cell_and_a_label_alone() -> None:
    from mopac_desk.checks.titles import title_mismatch

    head = ["MAYOR OF LONDON", "OFFICE FOR POLICING AND CRIME", "POLICE CLOUD GATEWAY",
            "MOPAC Investment Advisory & Monitoring meeting 4th May 2023",
            "Part 2 of the Police Cloud Gateway is exempt from publication"]
    cell = make_lines("DMPC Decision – PCD 658", "Title Police Cloud Gateway", *head)
    assert title_mismatch(make_paper(cell), cell) == []
    alone = make_lines("DMPC Decision – PCD 658", "Title:", "Fleet Telematics Renewal", *head)
    found = title_mismatch(make_paper(alone), alone)
    assert [f.quote for f in found] == ["Fleet Telematics Renewal"] and found[0].rects
