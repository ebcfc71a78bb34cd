"""Generated MOPAC-like papers as real PDFs, written by PDFium with its standard fonts.

Two ways to lay a paper out:

* a :class:`Flow` (with a :class:`Style`) sets paragraphs, headings and lists with real glyph
  widths; ``write_report``, ``write_decision`` and ``write_agenda`` fill it with an IAM
  report, a DMPC decision form or an agenda cover. Layouts vary on purpose (serif/sans,
  margins, numbered headings, bullets, several papers in one file) so the extraction tests
  cover the genre rather than the three fixture papers.
* :func:`write_rows` sets given lines (size, x, text) one under another; a :class:`Report`
  gives an IAM report's lines, clean or with one planted error, for the readiness checks
  (``save_report``, ``save_pack``).

Every PDFium call runs on the PDF layer's single PDFium thread.
"""

from __future__ import annotations

import ctypes
import textwrap
from dataclasses import dataclass, field, replace
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from mopac_desk.pdf import worker


@dataclass
class _Run:
    x: float
    y: float
    text: str
    font: str
    size: float


def _set_text(obj: ctypes.c_void_p, text: str) -> None:
    data = (text + "\0").encode("utf-16-le")
    # An array of the wide character type passes as the pointer itself: ctypes.cast would
    # tie the buffer and its pointer in a reference cycle, garbage for the collector to
    # find later (30,000 objects for two long papers, collected in the window's time).
    buf = (pdfium_c.FPDF_WCHAR * (len(data) // 2)).from_buffer_copy(data)
    pdfium_c.FPDFText_SetText(obj, buf)


def _put(doc: pdfium.PdfDocument, page: pdfium.PdfPage, run: _Run) -> None:
    obj = pdfium_c.FPDFPageObj_NewTextObj(doc.raw, run.font.encode("ascii"), run.size)
    _set_text(obj, run.text)
    pdfium_c.FPDFPageObj_Transform(obj, 1, 0, 0, 1, run.x, run.y)
    pdfium_c.FPDFPage_InsertObject(page.raw, obj)


def _write_runs(path: Path, pages: list[list[_Run]], width: float, height: float) -> None:
    """Save pages of text runs, each run one text object, in the order given."""
    doc = pdfium.PdfDocument.new()
    try:
        for runs in pages:
            page = doc.new_page(width, height)
            for run in runs:
                _put(doc, page, run)
            pdfium_c.FPDFPage_GenerateContent(page.raw)
            page.close()
        doc.save(str(path))
    finally:
        doc.close()


# -- the Flow ------------------------------------------------------------------------------

_WIDTHS: dict[tuple[str, str], float] = {}  # (font, text) -> width at 1 pt


def _measure_all(font: str, texts: list[str]) -> None:
    """Width of each text at 1 pt in ``font``, measured by PDFium (cached)."""
    todo = [t for t in set(texts) if (font, t) not in _WIDTHS]
    if not todo:
        return

    def _run() -> None:
        doc = pdfium.PdfDocument.new()
        try:
            for t in todo:
                obj = pdfium_c.FPDFPageObj_NewTextObj(doc.raw, font.encode("ascii"), 100.0)
                _set_text(obj, t)
                l, b, r, top = (ctypes.c_float(), ctypes.c_float(), ctypes.c_float(),
                                ctypes.c_float())
                pdfium_c.FPDFPageObj_GetBounds(obj, l, b, r, top)
                _WIDTHS[(font, t)] = max(0.0, r.value - l.value) / 100.0
                pdfium_c.FPDFPageObj_Destroy(obj)
        finally:
            doc.close()

    worker.call(_run)


@dataclass
class Style:
    """Page geometry and type of a generated paper."""

    font: str = "Helvetica"
    bold: str = "Helvetica-Bold"
    size: float = 11.0
    left: float = 72.0
    right: float = 523.0
    top: float = 770.0
    bottom: float = 72.0
    width: float = 595.0
    height: float = 842.0
    leading: float = 1.35
    paragraph_gap: float = 8.0
    header: str = "OFFICIAL – PUBLIC"
    numbered_headings: bool = False
    justify: bool = False  # paragraphs set flush left and right


@dataclass
class Flow:
    """Lays text out top to bottom, breaking pages; :meth:`save` writes the PDF."""

    style: Style = field(default_factory=Style)
    pages: list[list[_Run]] = field(default_factory=list)
    y: float = 0.0
    heading_no: int = 0
    # (first page, last page) of every recommendation written, 0-based page indices
    rec_pages: list[tuple[int, int]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.new_page()

    def new_page(self) -> None:
        self.pages.append([])
        self.y = self.style.top

    def _line(self, x: float, text: str, font: str, size: float) -> None:
        step = size * self.style.leading
        if self.y - step < self.style.bottom:
            self.new_page()
        self.y -= step
        self.pages[-1].append(_Run(x, self.y, text, font, size))

    def _wrap(self, text: str, width: float, font: str, size: float) -> list[str]:
        """Greedy word wrap with real glyph widths, as a word processor fills its lines."""
        words = text.split()
        _measure_all(font, words + ["a a", "aa"])
        space = (_WIDTHS[(font, "a a")] - _WIDTHS[(font, "aa")]) * size
        out, cur, cur_w = [], "", 0.0
        for word in words:
            w = _WIDTHS[(font, word)] * size
            if cur and cur_w + space + w > width:
                out.append(cur)
                cur, cur_w = word, w
            else:
                cur_w = cur_w + space + w if cur else w
                cur = f"{cur} {word}" if cur else word
        if cur:
            out.append(cur)
        return out

    def gap(self, points: float | None = None) -> None:
        self.y -= self.style.paragraph_gap if points is None else points

    def heading(self, text: str, size: float | None = None, number: bool | None = None) -> None:
        """A bold heading (numbered "3. Legal Comments" when the style numbers headings)."""
        s = self.style
        if number if number is not None else s.numbered_headings:
            self.heading_no += 1
            text = f"{self.heading_no}. {text}"
        self.gap()
        for piece in self._wrap(text, s.right - s.left, s.bold, size or s.size + 1):
            self._line(s.left, piece, s.bold, size or s.size + 1)

    def para(self, text: str, marker: str | None = None, indent: float = 0.0,
             hang: float = 18.0) -> None:
        """A paragraph, optionally with a list marker ("1.", "•", "(a)") and hanging indent."""
        s = self.style
        x = s.left + indent
        text_x = x + (hang if marker else 0.0)
        lines = self._wrap(text, s.right - text_x, s.font, s.size)
        for i, piece in enumerate(lines):
            if i == 0 and marker:
                self._line(x, marker, s.font, s.size)
                self.y += s.size * s.leading  # the item's text sits on the marker's line
            if s.justify and i < len(lines) - 1:
                self._justified(text_x, piece, s.right - text_x)
            else:
                self._line(text_x, piece, s.font, s.size)
        self.gap()

    def _justified(self, x: float, text: str, width: float) -> None:
        """One line set word by word so that it fills ``width`` (the last line of a
        paragraph stays ragged, as in a word processor)."""
        s = self.style
        words = text.split()
        self._line(x, words[0], s.font, s.size)
        if len(words) == 1:
            return
        widths = [_WIDTHS[(s.font, w)] * s.size for w in words]
        gap = (width - sum(widths)) / (len(words) - 1)
        pos = x + widths[0] + gap
        for w, wd in zip(words[1:], widths[1:]):
            self.pages[-1].append(_Run(pos, self.y, w, s.font, s.size))
            pos += wd + gap

    def save(self, path: Path) -> Path:
        s = self.style
        total = len(self.pages)
        pages = [([
            _Run(s.width / 2 - 45, s.height - 40, s.header, s.font, 9),
            _Run(s.width / 2 - 25, 30, f"Page {n} of {total}", s.font, 9),
        ] if s.header else []) + runs for n, runs in enumerate(self.pages, 1)]
        worker.call(_write_runs, path, pages, s.width, s.height)
        return path


# -- papers laid out by a Flow ----------------------------------------------------------

@dataclass
class ReportSpec:
    """What an IAM report says; the tests compare extraction against these values."""

    title: str = "Custody Estate Renewal 2024/25"
    meeting: str = "12th March 2024"
    by: str = "Priya Shah"
    behalf: str = "Chief Operating Officer"
    recommendations: list[str] = field(default_factory=lambda: [
        "Approve capital expenditure of £2.025 million in 2024/25 to renew custody suite "
        "cell doors and locking systems across six sites.",
        "Delegate authority to the Director of Property Services to award the works contracts "
        "with a total contract value of up to £1.8m.",
        "Note the revenue pressure of £277.5k per year from 2025/26 which will be met from "
        "existing budgets.",
    ])
    rec_marker: str = "number"  # number | bullet | letter | none
    required_by: str = "31st March 2024"
    author: str = "Tom Reed, Head of Estates Programmes"
    filler_before_recs: int = 0
    upper_title: bool = False
    number_all: bool = False  # "1. Executive Summary", "2. Recommendations", ...
    verb_heading: str | None = None  # a line such as "Approve" before unnumbered items
    author_label_alone: bool = False  # "Report author:" on a line of its own
    sub_items: dict[int, list[str]] = field(default_factory=dict)  # bullets under item i
    intro_lines: list[str] | None = None  # the list's lead-in, broken where given
    financial: str = ("The total capital cost is £2.025 million, funded from the approved "
                      "capital plan for 2024/25.")
    # Added for the money and definition tests; the defaults keep the text above unchanged.
    summary: str = ("This paper asks for approval of the work described below, which supports "
                    "the Police and Crime Plan.")
    background: str = "The custody estate has reached the end of its planned life and needs renewal."
    extra_financial: list[str] = field(default_factory=list)  # more paragraphs of the section
    legal: list[str] | None = None  # the Legal Comments paragraphs, replacing the standard two
    part2_marking: str = "OFFICIAL-SENSITIVE [COMMERCIAL]"


def write_report(flow: Flow, spec: ReportSpec, part2_name: str | None = None) -> None:
    """Lay out an IAM report (Part 1 and the Part 2 exemption note)."""
    s = flow.style
    flow.para("MAYOR OF LONDON")
    flow.heading(spec.title.upper() if spec.upper_title else spec.title, size=s.size + 5,
                 number=False)
    flow.para(f"MOPAC Investment Advisory & Monitoring meeting {spec.meeting}")
    flow.para(f"Report by {spec.by} on behalf of the {spec.behalf}")
    flow.para("Part 1 – This section of the report will be published by MOPAC. It is classified "
              "as OFFICIAL – PUBLIC")
    flow.heading("Executive Summary", number=spec.number_all)
    flow.para(spec.summary)
    for _ in range(spec.filler_before_recs):
        flow.para("It follows the approach agreed for earlier phases of the programme.")
    flow.heading("Recommendations", number=spec.number_all)
    if spec.intro_lines:
        for piece in spec.intro_lines:  # set as given, line by line
            flow._line(s.left, piece, s.font, s.size)
        flow.gap()
    else:
        flow.para("The Deputy Mayor for Policing and Crime, via the Investment Advisory and "
                  "Monitoring meeting (IAM), is asked to:")
    if spec.verb_heading:
        flow.para(spec.verb_heading)
    for i, rec in enumerate(spec.recommendations):
        marker = {"number": f"{i + 1}.", "bullet": "•", "letter": f"({chr(97 + i)})",
                  "none": None}[spec.rec_marker]
        first = len(flow.pages) - 1
        flow.para(rec, marker=marker)
        flow.rec_pages.append((first, len(flow.pages) - 1))
        for sub in spec.sub_items.get(i, []):
            flow.para(sub, marker="•", indent=18)
    flow.heading("Time sensitivity", number=spec.number_all)
    flow.para(f"A decision is required from the Deputy Mayor by {spec.required_by}. This is to "
              "allow the works to start on time.")
    flow.heading("Non-confidential facts and advice to the Deputy Mayor for Policing and Crime",
                 number=False)
    flow.heading("Introduction and background")
    flow.para(spec.background)
    flow.heading("Financial Comments")
    flow.para(spec.financial)
    for text in spec.extra_financial:
        flow.para(text)
    flow.heading("Legal Comments")
    for text in spec.legal if spec.legal is not None else [
            "MOPAC is a contracting authority as defined in the Public Contracts Regulations "
            "2015. All awards of public contracts for goods and/or services valued at "
            "£213,477 or above shall be procured in accordance with the Regulations.",
            "Paragraph 4.8 of the MOPAC Scheme of Delegation and Consent provides that the "
            "DMPC has delegated authority to approve business cases for revenue or capital "
            "expenditure of £500,000 or above."]:
        flow.para(text)
    flow.heading("Background/supporting papers")
    flow.para("None.")
    if spec.author_label_alone:
        flow.para("Report author:")
        flow.para(spec.author)
    else:
        flow.para(f"Report author: {spec.author}")
    flow.para("Part 2 – This section refers to the details of the Part 2 business case which is "
              "NOT SUITABLE for MOPAC Publication.")
    flow.para("The Government Security Classification marking for Part 2 is:")
    flow.para(spec.part2_marking)
    flow.para(f"Part 2 of {part2_name or spec.title} is exempt from publication for the "
              "following reasons: commercial interests.")


@dataclass
class DecisionSpec:
    """What a DMPC decision form says."""

    reference: str = "PCD 1234"
    title: str = "Custody Estate Renewal 2024/25"
    lead: str = "approve capital expenditure of £2.025 million for custody renewal, including:"
    bullets: list[str] = field(default_factory=lambda: [
        "Use of the existing estates framework to procure the works.",
        "Award of the locking systems contract to the preferred supplier.",
    ])
    signed: str = "4/4/2024"
    numbered: bool = False  # "1." items after a lead-in ending "recommended to:"
    logo: bool = False  # "MAYOR OF LONDON / OFFICE FOR POLICING AND CRIME" above the header
    summary: str = "This decision concerns the renewal of custody cell doors and locks."
    title_label_alone: bool = False  # "Title:" on its own line, the title on the next
    title_in_table: bool = False  # a "Title" cell with the title in the cell beside it


def write_decision(flow: Flow, spec: DecisionSpec) -> None:
    """Lay out a DMPC decision form with the Deputy Mayor's and CEO's signature blocks."""
    s = flow.style
    if spec.logo:
        flow.para("MAYOR OF LONDON")
        flow.para("OFFICE FOR POLICING AND CRIME")
    flow.heading(f"DMPC Decision – {spec.reference}", size=s.size + 4, number=False)
    if spec.title_in_table:
        flow._line(s.left, "Title", s.bold, s.size)
        flow.pages[-1].append(_Run(s.left + 120, flow.y, spec.title, s.font, s.size))
        flow.gap()
    elif spec.title_label_alone:
        flow.para("Title:")
        flow.para(spec.title)
    else:
        flow.para(f"Title: {spec.title}")
    flow.heading("Executive Summary:", number=False)
    flow.para(spec.summary)
    flow.heading("Recommendation:", number=False)
    flow.para(f"The Deputy Mayor for Policing and Crime is recommended to {spec.lead}")
    for i, b in enumerate(spec.bullets, 1):
        flow.para(b, marker=f"{i}." if spec.numbered else "•", indent=0 if spec.numbered else 18)
    flow.heading("Deputy Mayor for Policing and Crime", number=False)
    flow.para("I confirm I have considered whether or not I have any personal or prejudicial "
              "interest in this matter. The above request has my approval.")
    flow.para("Signature")
    flow.para(f"Date {spec.signed}")
    flow.new_page()
    flow.heading("Chief Executive Officer", number=False)
    flow.para("I have been consulted about the proposal.")
    flow.para("Signature")
    flow.para("Date 1/4/2024")
    flow.new_page()


def write_agenda(flow: Flow, titles: list[str], meeting: str = "12th March 2024") -> None:
    """An agenda cover page listing the papers of a meeting pack."""
    flow.para(f"MOPAC Investment Advisory & Monitoring meeting {meeting}")
    flow.heading("Agenda", number=False)
    for i, t in enumerate(titles, 1):
        flow.para(f"DMPC Decision – PCD {1233 + i} {t}" if i == 1 else t, marker=f"{i}.")
    flow.para("DMPC Decision – papers for noting")
    flow.new_page()


# -- papers laid out as given rows ----------------------------------------------------------

WIDTH, HEIGHT = 595.0, 842.0
TOP, BOTTOM = 780.0, 80.0

# (font size, x, text) for one visual line; PAGE_BREAK starts a new page
Row = tuple[float, float, str]
PAGE_BREAK: Row = (0.0, 0.0, "")


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
    runs = [[_Run(x, y, text, font, size) for size, x, y, text in page] for page in pages]
    worker.call(_write_runs, path, runs, WIDTH, HEIGHT)
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


def save_report(path: Path, report: Report | None = None) -> Path:
    """Save ``report`` (a clean one by default) as a PDF at ``path``."""
    report = report or Report()
    return write_rows(path, report.rows(), report.font)


def save_pack(path: Path, reports: list[Report]) -> Path:
    """Save several reports in one PDF, each starting on a new page."""
    rows: list[Row] = []
    for i, report in enumerate(reports):
        if i:
            rows.append(PAGE_BREAK)
        rows += report.rows()
    return write_rows(path, rows, reports[0].font)
