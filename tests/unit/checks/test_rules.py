"""Each rule on hand-made lines and costs."""

from __future__ import annotations

from datetime import date

from mopac_desk.checks import RULES, finding_key, run_checks
from mopac_desk.checks.amounts import amount_mismatch, arithmetic, tolerance
from mopac_desk.checks.dates import dates
from mopac_desk.checks.numbering import numbering
from mopac_desk.checks.placeholders import placeholder
from mopac_desk.checks.sections import STANDARD_SECTIONS, sections
from mopac_desk.checks.thresholds import in_force, threshold, threshold_table
from mopac_desk.checks.titles import title_mismatch
from mopac_desk.extract.model import Finding

from .lines import cost, make_lines, make_paper


def quotes(findings: list[Finding]) -> list[str]:
    return [f.quote for f in findings]


# -- placeholder ---------------------------------------------------------------------------

def test_placeholders_are_found_with_their_place() -> None:
    lines = make_lines("MOPAC Investment Advisory & Monitoring meeting [Date]",
                       (2, "Report by [Name] on behalf of the [Chief Digital Officer]"),
                       (2, "The project will cost £xxxx in total, due on XX/XX/2025."),
                       (2, "Supplier TBC. Is there a Part 2 form – YES/NO"))
    found = placeholder(make_paper(lines), lines)
    assert quotes(found) == ["[Date]", "[Name]", "[Chief Digital Officer]", "£xxxx",
                             "XX/XX/2025", "TBC", "YES/NO"]
    date_box = found[0].rects[0]
    assert found[0].page == 1 and date_box[0] == 72.0 + 5.0 * 47
    assert all(f.code == "placeholder" and f.severity == "error" for f in found)


def test_unfilled_year_is_quoted_whole() -> None:
    lines = make_lines("The contract ends in March 20XX and is reviewed in FY XX/XX.")
    assert quotes(placeholder(make_paper(lines), lines)) == ["20XX", "XX/XX"]


def test_bracketed_role_split_over_two_lines_is_one_placeholder() -> None:
    lines = make_lines("Report by Nick Turner on behalf of the [Chief Information",
                       "Officer]")
    assert quotes(placeholder(make_paper(lines), lines)) == ["[Chief Information Officer]"]


def test_legitimate_brackets_and_words_are_not_placeholders() -> None:
    lines = make_lines("OFFICIAL-SENSITIVE [COMMERCIAL]", "as set out in the plan [1] and [ii]",
                       "Exxon and Xerox supplied 2 boxes [sic].", "Is there a Part 2 form – YES")
    assert placeholder(make_paper(lines), lines) == []


def test_deferral_without_a_date() -> None:
    deferred = make_lines("Is the publication of Part 1 of this approval to be deferred? YES",
                          "If yes, for what reason: commercial", "Until what date:")
    found = placeholder(make_paper(deferred), deferred)
    assert quotes(found) == ["Until what date:"]
    not_deferred = make_lines("Is the publication of Part 1 of this approval to be deferred? NO",
                              "Until what date: N/A")
    assert placeholder(make_paper(not_deferred), not_deferred) == []
    dated = make_lines("Is the publication of Part 1 of this approval to be deferred? YES",
                       "Until what date: 1 March 2026")
    assert placeholder(make_paper(dated), dated) == []
    wrapped = make_lines("Is the publication of Part 1 of this approval to be deferred? YES",
                         "Until what date:", "March 2026")
    assert placeholder(make_paper(wrapped), wrapped) == []


def test_running_footer_is_not_checked() -> None:
    lines = make_lines("Body text.", "Page XX of 4")
    lines[1].running = True
    assert placeholder(make_paper(lines), lines) == []


# -- title_mismatch ------------------------------------------------------------------------

DECISION = ["DMPC Decision – PCD 1001", "Title: Custody Camera Upgrade"]
REPORT_HEAD = ["MAYOR OF LONDON", "OFFICE FOR POLICING AND CRIME"]


def test_title_copied_from_another_paper() -> None:
    lines = make_lines(*DECISION, *REPORT_HEAD, "CUSTODY CAMERA UPGRADE",
                       "MOPAC Investment Advisory & Monitoring meeting 4th May 2023",
                       "Part 2 of Fleet Telematics Renewal is exempt from publication for")
    found = title_mismatch(make_paper(lines), lines)
    assert quotes(found) == ["Fleet Telematics Renewal"]
    assert found[0].rects[0][0] == 72.0 + 5.0 * len("Part 2 of ")


def test_the_odd_one_out_may_be_the_decision_title() -> None:
    lines = make_lines("DMPC Decision – PCD 1001", "Title: Fleet Telematics Renewal",
                       *REPORT_HEAD, "Custody Camera Upgrade",
                       "MOPAC Investment Advisory & Monitoring meeting 4th May 2023",
                       "Part 2 of Custody Camera Upgrade is exempt from publication")
    assert quotes(title_mismatch(make_paper(lines), lines)) == ["Fleet Telematics Renewal"]


def test_case_spacing_wrapping_and_small_variants_agree() -> None:
    lines = make_lines("DMPC Decision – PCD 1001", "Title: Custody Camera Upgrade 2023/24",
                       *REPORT_HEAD, "CUSTODY CAMERA", "UPGRADE 2023/24",
                       "MOPAC Investment Advisory & Monitoring meeting 4th May 2023",
                       "Part 2 of the Custody Camera Upgrade 2023-24 is exempt from publication",
                       "Part 2 of this report is exempt from publication")
    assert title_mismatch(make_paper(lines), lines) == []


# -- amount_mismatch / arithmetic ------------------------------------------------------------

def test_odd_amount_out_is_quoted() -> None:
    costs = [cost("£14,700,000", 1_470_000_000, "capital", "approve spend of £14,700,000",
                  part="decision"),
             cost("£14.7M", 1_470_000_000, "capital", "will cost £14.7M of capital", page=2),
             cost("£17.4M", 1_740_000_000, "capital", "spend of £17.4M from capital", page=3)]
    found = amount_mismatch(make_paper([], costs=costs), [])
    assert quotes(found) == ["£17.4M"] and found[0].page == 3


def test_one_to_one_disagreement_quotes_both() -> None:
    costs = [cost("£0.830m", 83_000_000, "capital", "Approve ... capital cost of £0.830m"),
             cost("£0.930m", 93_000_000, "capital", "at a capital cost of £0.930m", page=2)]
    found = amount_mismatch(make_paper([], costs=costs), [])
    assert quotes(found) == ["£0.830m vs £0.930m"]


def test_breakdowns_rates_and_rounding_are_not_mismatches() -> None:
    costs = [
        # one sentence splitting capital by year: not a headline figure
        cost("£3m", 300_000_000, "capital", "capital of £3m in 2025/26 and £2m in 2026/27"),
        cost("£2m", 200_000_000, "capital", "capital of £3m in 2025/26 and £2m in 2026/27"),
        cost("£5m", 500_000_000, "capital", "a capital cost of £5m"),
        cost("£5,012,000", 501_200_000, "capital", "capital budget of £5,012,000"),
        cost("£1m", 100_000_000, "revenue", "revenue of £1m per annum"),
        cost("£5m", 500_000_000, "revenue", "revenue of £5m over five years"),
    ]
    assert amount_mismatch(make_paper([], costs=costs), []) == []


def test_contract_value_must_be_base_plus_headroom() -> None:
    context = "a contract value of £1.3m, being £1m plus 20% headroom"
    costs = [cost("£1.3m", 130_000_000, "contract", context),
             cost("£1m", 100_000_000, "contract", context)]
    assert quotes(amount_mismatch(make_paper([], costs=costs), [])) == ["£1.3m"]
    good = "a contract value of £1.2m, being £1m plus headroom of £0.2m"
    costs = [cost("£1.2m", 120_000_000, "contract", good), cost("£1m", 100_000_000, "contract", good),
             cost("£0.2m", 20_000_000, "headroom", good)]
    assert amount_mismatch(make_paper([], costs=costs), []) == []


def test_total_must_be_capital_plus_revenue() -> None:
    s = "a total of £1.5m, being capital of £1m and revenue of £0.4m"
    costs = [cost("£1.5m", 150_000_000, "total", s), cost("£1m", 100_000_000, "capital", s),
             cost("£0.4m", 40_000_000, "revenue", s)]
    assert quotes(arithmetic(make_paper([], costs=costs), [])) == ["£1.5m"]
    s2 = "a total of £1.4m, being capital of £1,000,000 and revenue of £0.4m"
    costs = [cost("£1.4m", 140_000_000, "total", s2), cost("£1,000,000", 100_000_000, "capital", s2),
             cost("£0.4m", 40_000_000, "revenue", s2)]
    assert arithmetic(make_paper([], costs=costs), []) == []


def test_tolerance_follows_the_written_precision() -> None:
    assert tolerance("£1.2m") == 5_000_000
    assert tolerance("£46.763m") == 50_000
    assert tolerance("£14,700,000") == 100
    assert tolerance("£5m") == 12_500_000


# -- threshold -----------------------------------------------------------------------------

def test_threshold_table_dates() -> None:
    assert threshold_table()[0].start < threshold_table()[-1].start
    assert in_force(date(2021, 4, 9)).pence == 189_330_00
    assert in_force(date(2023, 12, 31)).pence == 213_477_00
    assert in_force(date(2025, 3, 1)).law == "Procurement Act 2023"
    assert in_force(date(2015, 1, 1)) is None


LEGAL = "All awards of public contracts for goods and/or services valued at {} or above"


def _threshold_costs(raw: str, pence: int) -> list:
    return [cost(raw, pence, "threshold", LEGAL.format(raw)),
            cost("£500,000", 50_000_000, "threshold",
                 "Paragraph 4.8 of the Scheme of Delegation provides that the DMPC has delegated "
                 "authority to approve expenditure of £500,000 or above.")]


def test_outdated_threshold_on_a_dated_paper() -> None:
    paper = make_paper([], costs=_threshold_costs("£189,330", 189_330_00),
                       meeting_date="2022-03-10")
    found = threshold(paper, [])
    assert quotes(found) == ["£189,330"] and "£213,477" in found[0].message
    ok = make_paper([], costs=_threshold_costs("£189,330", 189_330_00), meeting_date="2021-04-09")
    assert threshold(ok, []) == []


def test_signature_date_stands_in_for_the_meeting() -> None:
    paper = make_paper([], costs=_threshold_costs("£213,477", 213_477_00),
                       decision_signed_on="2024-02-01")
    assert quotes(threshold(paper, [])) == ["£213,477"]


def test_undated_draft_is_only_flagged_for_a_figure_never_in_force() -> None:
    assert threshold(make_paper([], costs=_threshold_costs("£213,477", 213_477_00)), []) == []
    wrong = make_paper([], costs=_threshold_costs("£200,000", 200_000_00))
    assert quotes(threshold(wrong, [])) == ["£200,000"]


# -- sections ------------------------------------------------------------------------------

REPORT_SECTIONS = ["Financial, Commercial and Procurement Comments", "1. Costs are funded.",
                   "Legal Comments", "2. The Regulations apply.", "Equality Comments",
                   "3. No impact.", "GDPR and Data Privacy Comments", "4. No impact.",
                   "Real Estate Implications", "5. None.", "Environmental Implications",
                   "6. Devices are recycled."]


def test_complete_report_has_all_sections() -> None:
    lines = make_lines(*REPORT_SECTIONS)
    assert sections(make_paper(lines, "report"), lines) == []


def test_missing_section_is_named() -> None:
    lines = make_lines(*(t for t in REPORT_SECTIONS if t not in ("Legal Comments",
                                                                  "2. The Regulations apply.")))
    found = sections(make_paper(lines, "report"), lines)
    assert quotes(found) == ["Legal Comments"] and found[0].code == "sections"


def test_a_mention_in_a_sentence_is_not_a_heading() -> None:
    rows = [t for t in REPORT_SECTIONS if t not in ("Legal Comments", "2. The Regulations apply.")]
    rows.append("7. Legal advice has been taken on the contract and the routes to market used.")
    lines = make_lines(*rows)
    assert quotes(sections(make_paper(lines, "report"), lines)) == ["Legal Comments"]


def test_decision_forms_and_fragments_are_not_checked() -> None:
    lines = make_lines("Financial Comments", "1. Funded.")
    assert sections(make_paper(lines, "decision"), lines) == []
    assert sections(make_paper(lines, "report"), lines) == []
    assert len(STANDARD_SECTIONS) == 6


# -- numbering -----------------------------------------------------------------------------

def test_skipped_paragraph_number() -> None:
    lines = make_lines("1. One.", "2. Two.", (1, "10. continues paragraph two", 100.0),
                       "3. Three.", "5. Five.", "6. Six.")
    found = numbering(make_paper(lines, "report"), lines)
    assert quotes(found) == ["5. Five."] and "4." in found[0].message


def test_restarts_resumes_and_late_starts_are_allowed() -> None:
    # The OneDrive report's own pattern: 1-11, Legal restarts at 1, Privacy resumes at 9.
    rows = [f"{n}. Para." for n in [*range(1, 12), 1, 2, 3, *range(9, 16)]]
    lines = make_lines(*rows)
    assert numbering(make_paper(lines, "report"), lines) == []
    late = make_lines("23. Retired devices.", "24. Disposal.")
    assert numbering(make_paper(late, "report"), late) == []


def test_indented_numbers_and_sub_numbers() -> None:
    lines = make_lines("1. Introduction", "1.1. First.", "1.2. Second.", "2. Issues", "2.1. One.",
                       "2.3. Three.", (1, "14. tablets in November (continuation)", 100.0))
    found = numbering(make_paper(lines, "decision"), lines)
    assert quotes(found) == ["2.3. Three."]


# -- dates ---------------------------------------------------------------------------------

def test_decision_due_or_signed_before_the_meeting() -> None:
    paper = make_paper([], meeting_date="2021-04-09", decision_required_by="2021-04-01",
                       decision_signed_on="2021-04-08")
    assert quotes(dates(paper, [])) == ["2021-04-01", "2021-04-08"]
    fine = make_paper([], meeting_date="2021-04-09", decision_required_by="2021-04-19",
                      decision_signed_on="2021-04-28")
    assert dates(fine, []) == []
    assert dates(make_paper([], decision_required_by="2021-04-01"), []) == []


# -- registry and keys -----------------------------------------------------------------------

def test_registry_lists_every_rule_once() -> None:
    names = [r.__name__ for r in RULES]
    assert names == ["placeholder", "title_mismatch", "amount_mismatch", "arithmetic",
                     "threshold", "sections", "numbering", "dates", "acronym_mismatch"]


def test_finding_key_ignores_spacing_case_and_page() -> None:
    a = Finding("placeholder", "error", "m", 2, "[Chief  Information Officer]")
    b = Finding("placeholder", "warning", "other", 2, "[chief information\nofficer]")
    c = Finding("placeholder", "error", "m", 3, "[Chief Information Officer]")
    key = finding_key(a.code, a.quote)
    assert key == finding_key(b.code, b.quote) == finding_key(c.code, c.quote)
    assert key.startswith("placeholder:")
    assert finding_key("placeholder", "[Other Officer]") != key
    assert finding_key("dates", a.quote) != key


def test_run_checks_gives_one_finding_per_key() -> None:
    lines = make_lines("meeting [Date]", "meeting [Date]")
    found = run_checks(make_paper(lines), lines)
    assert quotes(found) == ["[Date]"]


def test_title_block_does_not_stand_in_for_a_section() -> None:
    rows = [t for t in REPORT_SECTIONS if t not in ("Real Estate Implications", "5. None.")]
    lines = make_lines("Custody Estate Renewal 2024/25", "Introduction and background", *rows)
    assert quotes(sections(make_paper(lines, "report"), lines)) == ["Real Estate Implications"]


def test_single_mentions_of_different_lots_or_years_are_not_compared() -> None:
    lots = [cost("£2m", 200_000_000, "contract", "Lot 1 has a contract value of £2m"),
            cost("£3m", 300_000_000, "contract", "Lot 2 has a contract value of £3m")]
    assert amount_mismatch(make_paper([], costs=lots), []) == []
    years = [cost("£2m", 200_000_000, "capital", "capital of £2m"),
             cost("£3m", 300_000_000, "capital", "capital of £3m")]
    years[0].years, years[1].years = ["2025/26"], ["2026/27"]
    assert amount_mismatch(make_paper([], costs=years), []) == []


def test_classification_line_above_the_heading_is_not_part_of_the_title() -> None:
    lines = make_lines("OFFICIAL – PUBLIC", "Custody Camera Upgrade",
                       "MOPAC Investment Advisory & Monitoring meeting 4th May 2023",
                       "Part 2 of Custody Camera Upgrade is exempt from publication")
    assert title_mismatch(make_paper(lines), lines) == []


def test_arithmetic_reads_each_amounts_own_clause() -> None:
    # Extraction may give the total the kind of the word after it; the clause says "total".
    s = "Total spend of £50.263m, capital of £46.763m and revenue of £3.6m in 2025/26"
    costs = [cost("£50.263m", 5_026_300_000, "capital", s),
             cost("£46.763m", 4_676_300_000, "capital", s),
             cost("£3.6m", 360_000_000, "revenue", s)]
    assert quotes(arithmetic(make_paper([], costs=costs), [])) == ["£50.263m"]
    after = "£5m capital and £1m revenue, £6.5m in total"
    costs = [cost("£5m", 500_000_000, "capital", after), cost("£1m", 100_000_000, "revenue", after),
             cost("£6.5m", 650_000_000, "total", after)]
    assert quotes(arithmetic(make_paper([], costs=costs), [])) == ["£6.5m"]


def test_a_section_cut_out_whole_is_one_finding() -> None:
    # Equality Comments and its paragraph 3 removed without renumbering.
    rows = ["Introduction and background", *REPORT_SECTIONS[:4], *REPORT_SECTIONS[6:]]
    lines = make_lines(*rows)
    paper = make_paper(lines, "report")
    assert quotes(sections(paper, lines)) == ["Equality Comments"]
    assert numbering(paper, lines) == []
    # With every section there, the same gap is a numbering finding.
    lines = make_lines("Introduction and background", *REPORT_SECTIONS[:5], *REPORT_SECTIONS[6:])
    assert quotes(numbering(make_paper(lines, "report"), lines)) == ["4. No impact."]


def test_wider_budgets_rates_and_history_are_not_the_sum_asked_for() -> None:
    costs = [cost("£5m", 500_000_000, "capital", "Approve capital spend of £5m on handsets"),
             cost("£5m", 500_000_000, "capital", "The handsets will cost £5m of capital"),
             cost("£150m", 15_000_000_000, "capital", "The DDaT capital plan of £150m covers it"),
             cost("£4m", 400_000_000, "capital", "Previous papers approved £4m of capital"),
             cost("£900", 90_000, "capital", "Capital of £900 per handset")]
    assert amount_mismatch(make_paper([], costs=costs), []) == []


def test_a_title_named_as_the_paper_agrees() -> None:
    lines = make_lines(*REPORT_HEAD, "EUS Device demand 2025/26 & 2025/27",
                       "MOPAC Investment Advisory & Monitoring meeting 4th May 2025",
                       "Part 2 of the EUS Device Demand paper is exempt from publication")
    assert title_mismatch(make_paper(lines), lines) == []


def test_run_in_headings_count() -> None:
    rows = [t for t in REPORT_SECTIONS if t not in ("Legal Comments", "2. The Regulations apply.")]
    rows.append("Legal Comments. MOPAC is a contracting authority as defined in the Regulations.")
    lines = make_lines(*rows)
    assert sections(make_paper(lines, "report"), lines) == []


def test_author_line_and_part_2_do_not_stand_in_for_a_section() -> None:
    rows = [t for t in REPORT_SECTIONS if t not in ("Real Estate Implications", "5. None.")]
    lines = make_lines("Introduction and background", *rows,
                       "Report author: Tom Reed, Head of Estates Programmes",
                       "Part 2 – Property Details")
    assert quotes(sections(make_paper(lines, "report"), lines)) == ["Real Estate Implications"]
