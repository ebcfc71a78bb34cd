"""Pairs of generated papers, an earlier and a later version, for the comparison tests.

Each builder writes both PDFs with :mod:`tests.helpers.paper_pdf` and returns their paths.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from tests.helpers.paper_pdf import (
    Flow,
    Report,
    ReportSpec,
    Row,
    Style,
    save_pack,
    save_report,
    write_report,
    write_rows,
)

SERIF = Style(font="Times-Roman", bold="Times-Bold", size=12, left=100, right=480, top=740,
              bottom=100)
JUSTIFIED = Style(font="Courier", bold="Courier-Bold", size=9, left=60, right=540, top=790,
                  bottom=60, justify=True, leading=1.2)

# Body paragraphs of a numbered paper; sentences vary so paragraphs do not look alike.
TOPICS = ["custody suites", "radio handsets", "patrol vehicles", "body-worn cameras",
          "training rooms", "forensic storage", "contact centres", "station front counters",
          "data centres", "response bases", "dog units", "marine policing", "air support",
          "estates surveys"]


def paragraph(n: int, topic: str) -> str:
    return (f"The review of {topic} found that the current arrangements meet demand in most "
            f"boroughs, although item {n} of the plan asks for further work on {topic} before "
            "the next budget round, reported to the Deputy Mayor in the autumn.")


def numbered_flow(texts: list[str], style: Style | None = None, extra_page: list[str] | None = None) -> Flow:
    """A paper of numbered paragraphs ("1." to "N.") after a short heading."""
    flow = Flow(style or Style())
    flow.heading("Estates and Equipment Review", number=False)
    flow.para("This report sets out the findings of the review, paragraph by paragraph.")
    for n, text in enumerate(texts, 1):
        flow.para(text, marker=f"{n}.")
    if extra_page:
        flow.new_page()
        flow.heading("Appendix A: sites visited", number=False)
        for text in extra_page:
            flow.para(text)
    return flow


def inserted_paragraph(folder: Path) -> tuple[Path, Path]:
    """Twelve numbered paragraphs; the later version inserts one as paragraph 4, so 4-12
    become 5-13."""
    texts = [paragraph(n, t) for n, t in enumerate(TOPICS[:12], 1)]
    new_text = ("A new paragraph on the shared services agreement with the London Fire "
                "Brigade, which the Deputy Mayor asked for in January.")
    old = numbered_flow(texts).save(folder / "numbered-v1.pdf")
    new = numbered_flow(texts[:3] + [new_text] + texts[3:]).save(folder / "numbered-v2.pdf")
    return old, new


def page_added(folder: Path) -> tuple[Path, Path]:
    """The later version adds an appendix page."""
    texts = [paragraph(n, t) for n, t in enumerate(TOPICS[:6], 1)]
    old = numbered_flow(texts).save(folder / "appendix-v1.pdf")
    sites = ["Charing Cross custody suite, visited in May.",
             "Lambeth radio workshop, visited in June."]
    new = numbered_flow(texts, extra_page=sites).save(folder / "appendix-v2.pdf")
    return old, new


def two_layouts(folder: Path, style: Style = SERIF) -> tuple[Path, Path]:
    """One IAM report set twice: Helvetica as written, then in another type, size and
    margins (so lines and page breaks fall elsewhere)."""
    spec = ReportSpec(filler_before_recs=12)
    a, b = Flow(), Flow(style)
    write_report(a, spec)
    write_report(b, spec)
    return a.save(folder / "layout-a.pdf"), b.save(folder / "layout-b.pdf")


def amounts_changed(folder: Path) -> tuple[Path, Path]:
    """A report whose capital rises from £2.5m to £2.7m, written four ways in four places."""
    old = save_report(folder / "amounts-v1.pdf", Report())
    new = save_report(folder / "amounts-v2.pdf", Report(
        capital="£2,700,000", capital_in_summary="£2.7m", capital_in_finance="£2.7M",
        total="£3,100,000"))
    return old, new


REPLACED_REC = ("Approve the disposal of the former Lambeth custody suite to the London "
                "Borough of Lambeth for community use.")


def recommendation_replaced(folder: Path) -> tuple[Path, Path]:
    """The second recommendation replaced by another, the first reworded."""
    spec = ReportSpec()
    recs = list(spec.recommendations)
    new_recs = [recs[0].replace("across six sites", "across seven sites"), REPLACED_REC, recs[2]]
    a, b = Flow(), Flow()
    write_report(a, spec)
    write_report(b, replace(spec, recommendations=new_recs))
    return a.save(folder / "recs-v1.pdf"), b.save(folder / "recs-v2.pdf")


def dates_changed(folder: Path) -> tuple[Path, Path]:
    """The meeting and the decision-required-by dates moved."""
    spec = ReportSpec()
    a, b = Flow(), Flow()
    write_report(a, spec)
    write_report(b, replace(spec, meeting="9th April 2024", required_by="30th April 2024"))
    return a.save(folder / "dates-v1.pdf"), b.save(folder / "dates-v2.pdf")


def case_changed(folder: Path) -> tuple[Path, Path]:
    """The title set in capitals in the later version: a change of format only."""
    spec = ReportSpec()
    a, b = Flow(), Flow()
    write_report(a, spec)
    write_report(b, replace(spec, upper_title=True))
    return a.save(folder / "case-v1.pdf"), b.save(folder / "case-v2.pdf")


HYPHENATED: list[Row] = [
    (10.0, 72.0, "The custody estate needs re-"),
    (10.0, 72.0, "newal across six sites, and the locking sys-"),
    (10.0, 72.0, "tems are beyond repair. Finance -"),
    (10.0, 72.0, "Estates will fund the work from the well-"),
    (10.0, 72.0, "known capital plan."),
]
UNBROKEN: list[Row] = [
    (10.0, 72.0, "The custody estate needs renewal across six sites, and the locking"),
    (10.0, 72.0, "systems are beyond repair. Finance - Estates will fund the work from the"),
    (10.0, 72.0, "well-known capital plan."),
]


def hyphenated(folder: Path) -> tuple[Path, Path]:
    """One text with words broken over line ends by hand ("re-" / "newal") and unbroken,
    each page under a running header and over a "Page n of N" footer; the broken one runs
    over more pages, so its page numbers differ too."""
    filler = [(10.0, 72.0, f"Line {k} of the estates narrative, unchanged.") for k in range(40)]
    old = write_rows(folder / "hyphen-v1.pdf", HYPHENATED + filler + HYPHENATED)
    new = write_rows(folder / "hyphen-v2.pdf", UNBROKEN + filler + UNBROKEN)
    return old, new


def long_paper(folder: Path, name: str, paragraphs: int, edits: dict[int, str] | None = None,
               style: Style | None = None) -> Path:
    """A long paper of numbered paragraphs (``edits`` replaces paragraph n's text), for
    the comparison benchmark and the window tests."""
    texts = []
    for n in range(1, paragraphs + 1):
        texts.append((edits or {}).get(n, paragraph(n, TOPICS[n % len(TOPICS)])))
    return numbered_flow(texts, style).save(folder / name)


def pack_second_paper_changed(folder: Path) -> tuple[Path, Path]:
    """A meeting pack of two reports; the later pack raises the second report's capital."""
    first = Report()
    second = Report(title="Body Worn Video Refresh 2025/26",
                    part2_title="Body Worn Video Refresh 2025/26")
    raised = second.but(capital="£3,000,000", capital_in_summary="£3m",
                        capital_in_finance="£3M", total="£3,400,000")
    return (save_pack(folder / "pack-v1.pdf", [first, second]),
            save_pack(folder / "pack-v2.pdf", [first, raised]))
