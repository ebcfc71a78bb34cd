"""Write small text PDFs laid out like an IAM report, clean or with one planted error.

PDFium writes them (standard Helvetica text objects), on the PDF layer's own PDFium thread.
"""

from __future__ import annotations

import ctypes
import textwrap
from dataclasses import dataclass, field, replace
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from mopac_desk.pdf import worker

WIDTH, HEIGHT = 595.0, 842.0
TOP, BOTTOM = 780.0, 80.0

# (font size, x, text) for one visual line; PAGE_BREAK starts a new page
Row = tuple[float, float, str]
PAGE_BREAK: Row = (0.0, 0.0, "")


def _put_text(pdf: pdfium.PdfDocument, page: pdfium.PdfPage, size: float, x: float, y: float,
              text: str, font: str) -> None:
    obj = pdfium_c.FPDFPageObj_NewTextObj(pdf.raw, font.encode("ascii"), ctypes.c_float(size))
    encoded = (text + "\0").encode("utf-16-le")
    buf = ctypes.create_string_buffer(encoded, len(encoded))
    pdfium_c.FPDFText_SetText(obj, ctypes.cast(buf, ctypes.POINTER(pdfium_c.FPDF_WCHAR)))
    pdfium_c.FPDFPageObj_Transform(obj, 1, 0, 0, 1, x, y)
    pdfium_c.FPDFPage_InsertObject(page.raw, obj)


def _write(path: Path, pages: list[list[tuple[float, float, float, str]]], font: str) -> None:
    pdf = pdfium.PdfDocument.new()
    try:
        for rows in pages:
            page = pdf.new_page(WIDTH, HEIGHT)
            for size, x, y, text in rows:
                _put_text(pdf, page, size, x, y, text, font)
            pdfium_c.FPDFPage_GenerateContent(page.raw)
            page.close()
        pdf.save(str(path))
    finally:
        pdf.close()


def write_rows(path: Path, rows: list[Row], font: str = "Helvetica") -> Path:
    """Lay ``rows`` out top to bottom over as many A4 pages as they need, with a running
    classification header and a "Page n of N" footer, and save the PDF."""
    pages: list[list[tuple[float, float, float, str]]] = [[]]
    y = TOP
    for size, x, text in rows:
        if (size, x, text) == PAGE_BREAK:
            pages.append([])
            y = TOP
            continue
        step = max(size * 2.4, 16.0)
        if y - step < BOTTOM:
            pages.append([])
            y = TOP
        y -= step
        pages[-1].append((size, x, y, text))
    total = len(pages)
    for n, page in enumerate(pages, start=1):
        page.insert(0, (7.0, 251.0, 805.0, "OFFICIAL – PUBLIC"))
        page.append((6.5, 276.0, 40.0, f"Page {n} of {total}"))
    worker.call(_write, path, pages, font)
    return path


@dataclass
class Report:
    """What an IAM report says; change one field to plant an error."""

    title: str = "Radio Handset Replacement 2025/26"
    part2_title: str = "Radio Handset Replacement 2025/26"
    meeting: str = "12th June 2025"
    report_by: str = "Jane Smith"
    required_by: str = "30 June 2025"
    capital: str = "£2,500,000"
    capital_in_summary: str = "£2.5m"
    capital_in_finance: str = "£2.5M"
    revenue: str = "£400,000"
    total: str = "£2,900,000"
    threshold: str = "£214,904"
    author: str = "Jane Smith, Head of Radio Services"
    # paragraphs of the body, each (heading or None, text)
    skip_number: int | None = None  # leave this paragraph number out
    omit_section: str | None = None  # leave this section heading and its paragraph out
    extra: dict[str, str] = field(default_factory=dict)
    font: str = "Helvetica"
    # "3. Legal Comments" headings with "3.1." paragraphs, as some offices lay papers out
    numbered_headings: bool = False

    def rows(self) -> list[Row]:
        rows: list[Row] = [
            (7.6, 415.0, "MAYOR OF LONDON"),
            (5.5, 388.0, "OFFICE FOR POLICING AND CRIME"),
            (11.0, 72.0, self.title),
            (8.0, 72.0, f"MOPAC Investment Advisory & Monitoring meeting {self.meeting}"),
            (8.0, 72.0, f"Report by {self.report_by} on behalf of the Chief Information Officer"),
            (7.6, 72.0, "Part 1 – This section of the report will be published by MOPAC. "
                        "It is classified as"),
            (7.6, 72.0, "OFFICIAL – PUBLIC"),
            (8.3, 72.0, "EXECUTIVE SUMMARY"),
        ]
        rows += _wrap(f"This paper requests approval of capital spend of {self.capital_in_summary} "
                      "to replace police radio handsets that reach the end of their supported "
                      "life during 2025/26.")
        rows += [(8.0, 72.0, "Recommendations")]
        rows += _wrap("The Deputy Mayor for Policing and Crime, via the Investment Advisory and "
                      "Monitoring meeting (IAM), is asked to:")
        rows += _wrap(f"1. Approve capital spend of {self.capital} from the approved DDaT Capital "
                      "Plan to replace radio handsets that reach end of life.", hang=True)
        rows += _wrap("2. Delegate authority to the Commercial Director to award contracts "
                      "within this budget.", hang=True)
        rows += [(8.0, 72.0, "Time sensitivity")]
        rows += _wrap(f"A decision is required from the Deputy Mayor by {self.required_by}. This "
                      "allows orders to be placed before the current handsets go out of support.")
        rows += [(8.0, 72.0, "Non-confidential facts and advice to the Deputy Mayor for Policing "
                             "and Crime")]
        body: list[tuple[str | None, str]] = [
            ("Introduction and background",
             "Officers rely on their radio handsets for every deployment and for their safety."),
            (None, "The handsets bought in 2019 reach the end of their supported life next year."),
            ("Issues for consideration",
             "Handsets out of support cannot receive security updates from the supplier."),
            ("Financial, Commercial and Procurement Comments",
             f"The replacement of handsets will cost {self.capital_in_finance} of capital, "
             "funded from the approved DDaT Capital budget."),
            (None, f"The whole-life cost totals {self.total}, comprising capital of "
                   f"{self.capital} and revenue of {self.revenue}."),
            ("Legal Comments",
             "The Mayor's Office for Policing and Crime is a contracting authority as defined in "
             "the Procurement Act 2023. All awards of public contracts for goods and/or services "
             f"valued at {self.threshold} or above will be procured in accordance with the Act."),
            ("Equality Comments",
             "The new handsets keep the accessibility features officers use today."),
            ("Privacy Comments",
             "The project does not process personal data of members of the public."),
            ("Real Estate Implications",
             "The project does not require changes to any building."),
            ("Environmental Implications",
             "Retired handsets will be recycled in line with MPS environmental policies."),
            ("Background/supporting papers", "None."),
        ]
        number = section = 0
        skipped = False
        for heading, text in body:
            if heading and heading == self.omit_section:
                continue
            number += 1
            if number == self.skip_number and not skipped:
                number += 1
                skipped = True
            if heading and self.numbered_headings:
                section += 1
                number = 1
                rows.append((8.0, 72.0, f"{section}. {heading}"))
            elif heading:
                rows.append((8.0, 72.0, heading))
            label = f"{section}.{number}." if self.numbered_headings else f"{number}."
            rows += _wrap(f"{label} {self.extra.get(heading or '', text)}", hang=True)
        rows += [
            (8.0, 72.0, f"Report author: {self.author}"),
            (7.6, 72.0, "Part 2 – This section refers to the details of the Part 2 business case "
                        "which is NOT"),
            (7.6, 72.0, "SUITABLE for MOPAC Publication."),
            (8.0, 72.0, "The Government Security Classification marking for Part 2 is:"),
            (7.6, 72.0, "OFFICIAL-SENSITIVE [COMMERCIAL]"),
        ]
        rows += _wrap(f"Part 2 of {self.part2_title} is exempt from publication for the "
                      "following reasons:")
        rows += _wrap("• Exempt under Article 2(2)(a) of the Elected Local Policing Bodies "
                      "(Specified Information) Order 2011 (Data Protection Section 43 – "
                      "Commercial Interests).", x=89.0)
        rows += _wrap("The paper will cease to be exempt until March 2027.")
        return rows

    def but(self, **changes: object) -> "Report":
        """A copy with some fields changed."""
        return replace(self, **changes)  # type: ignore[arg-type]


def _wrap(text: str, hang: bool = False, x: float = 72.0, size: float = 8.0) -> list[Row]:
    lines = textwrap.wrap(text, 95)
    return [(size, x if i == 0 or not hang else x + 28.0, ln) for i, ln in enumerate(lines)]


def write_report(path: Path, report: Report | None = None) -> Path:
    """Save ``report`` (a clean one by default) as a PDF at ``path``."""
    report = report or Report()
    return write_rows(path, report.rows(), report.font)


def write_pack(path: Path, reports: list[Report]) -> Path:
    """Save several reports in one PDF, each starting on a new page."""
    rows: list[Row] = []
    for i, report in enumerate(reports):
        if i:
            rows.append(PAGE_BREAK)
        rows += report.rows()
    return write_rows(path, rows, reports[0].font)
