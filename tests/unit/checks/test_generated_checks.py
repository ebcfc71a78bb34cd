"""The checks on generated papers: an acronym defined twice, a marking caveat, thresholds
beside contract values, and a sum that contradicts itself."""

from __future__ import annotations

import pytest

from mopac_desk.pipeline import read_file
from tests.helpers.paper_pdf import DecisionSpec, Flow, ReportSpec, Style, write_decision, write_report

SERIF = Style(font="Times-Roman", bold="Times-Bold", size=12, left=100, right=480,
              numbered_headings=True)
JUSTIFIED = Style(font="Times-Roman", bold="Times-Bold", size=11, left=80, right=515, top=760,
                  bottom=90, justify=True, leading=1.2)


def _findings(tmp_path, style, rep, dec=None):
    flow = Flow(style)
    if dec:
        write_decision(flow, dec)
    write_report(flow, rep)
    ex = read_file(flow.save(tmp_path / "paper.pdf")).extraction
    assert len(ex.papers) == 1
    return ex.papers[0].checks


@pytest.mark.parametrize("style", [SERIF, JUSTIFIED], ids=["serif", "justified"])
def test_acronym_defined_twice_and_a_caveat_marking(tmp_path, style):
    rep = ReportSpec(
        title="Digital Evidence Hub", part2_marking="OFFICIAL-SENSITIVE [OPERATIONAL]",
        background="The Digital Evidence Hub (DEH) stores exhibits for every borough. The "
                   "contract for the Digital Exhibits Hub (DEH) ends in March next year, so the "
                   "service must move before then.")
    found = _findings(tmp_path, style, rep)
    acronyms = [f for f in found if f.code == "acronym_mismatch"]
    assert [f.quote for f in acronyms] == ["Digital Exhibits Hub (DEH)"]
    assert acronyms[0].also[0]["quote"] == "Digital Evidence Hub (DEH)"
    assert acronyms[0].rects and acronyms[0].also[0]["rects"]
    assert not [f for f in found if f.code == "placeholder"]


def test_threshold_with_vat_note_beside_contract_values_is_no_mismatch(tmp_path):
    rep = ReportSpec(
        title="Vehicle Recovery Service",
        recommendations=["Approve the award of a vehicle recovery contract worth £277.5k to "
                         "the preferred bidder.", "Note the transition plan."],
        financial="The contract value of £277.5k is met from the approved revenue budget.",
        legal=["All awards of public contracts for goods and/or services valued at £213,477 "
               "(inc. VAT) or above shall be procured in accordance with the Regulations."])
    found = _findings(tmp_path, SERIF, rep)
    assert not [f for f in found if f.code == "amount_mismatch"]


def test_a_contradicting_capital_sum_is_found(tmp_path):
    dec = DecisionSpec(reference="PCD 2104", title="Radio Console Replacement",
                       lead="approve capital expenditure of £3.2m for new radio consoles, "
                            "including:")
    rep = ReportSpec(title="Radio Console Replacement",
                     recommendations=["Approve capital expenditure of £3.2m for new radio "
                                      "consoles in the command centres.",
                                      "Note the training plan for operators."],
                     financial="The consoles will cost £3.4m of capital in 2024/25.")
    found = _findings(tmp_path, SERIF, rep, dec)
    mismatches = [f for f in found if f.code == "amount_mismatch"]
    assert [f.quote for f in mismatches] == ["£3.4m"]


def test_a_part2_forms_bids_never_enter_the_summary_or_an_amount_finding(tmp_path):
    from mopac_desk.extract.summary import summarise
    from tests.helpers.part2_pdf import Part2Spec, write_part2

    flow = Flow(SERIF)
    write_decision(flow, DecisionSpec())
    write_report(flow, ReportSpec())
    spec = Part2Spec()
    write_part2(flow, spec)
    paper = read_file(flow.save(tmp_path / "with-part2.pdf")).extraction.papers[0]
    assert "part2" in [p.kind for p in paper.parts]
    assert any(c.part == "part2" for c in paper.costs)  # the bids are read, and kept apart
    s = summarise(paper.costs)
    assert (s.capital_pence, s.contracts_pence) == (202_500_000, [180_000_000])
    quoted = " ".join(f.quote + " " + f.message for f in paper.checks)
    assert not any(secret in quoted for secret in spec.secrets)
    assert not [f for f in paper.checks if f.code == "amount_mismatch"]
