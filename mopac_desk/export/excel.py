"""Write a meeting pack workbook (.xlsx) from :class:`PackData`.

Sheets: Summary, Papers, Recommendations, Costs, Checks, Annotations. Totals are live formulas
over the Costs sheet so a clerk who corrects an amount there sees every total follow. Text from
papers is untrusted: it is always stored as a string (never a formula), stripped of characters
XML cannot hold. The file is written beside the destination and moved into place, so a failure
never leaves a half-written or clobbered pack.
"""

from __future__ import annotations

import os
import re
import tempfile
from copy import copy
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.table import Table, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

from .pack import (
    OFFICIAL_SENSITIVE, PackData, PackPaper, protective_marking, publication_version,
)

SHEET_NAMES = ("Summary", "Papers", "Recommendations", "Costs", "Checks", "Annotations")
# Kinds summed on the Summary, in display order; threshold and placeholder are never summed.
TOTAL_KINDS = ("capital", "revenue", "total", "contract", "headroom", "other")
KIND_LABELS = {
    "capital": "Capital", "revenue": "Revenue", "total": "Total", "contract": "Contract",
    "headroom": "Headroom", "threshold": "Threshold", "placeholder": "Placeholder",
    "other": "Other",
}
MONEY = "£#,##0"
MONEY_PENCE = "£#,##0.00"
DATE = "dd/mm/yyyy"
DATETIME = "dd/mm/yyyy hh:mm"
EXCEL_CELL_LIMIT = 32767
# Control characters, lone surrogates and the two non-characters that XML 1.0 cannot hold.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_OOXML_ESCAPE = re.compile(r"_(x[0-9A-Fa-f]{4}_)")
# Leading characters a spreadsheet may read as the start of a formula.
_FORMULA_LEAD = ("=", "+", "-", "@", "\t", "\r")

Progress = Callable[[int, int], None]


class PackWriteError(Exception):
    """The pack could not be written; the message is fit to show a clerk as it is."""


@dataclass(frozen=True)
class Column:
    """One table column: heading, how its cells are formatted, and a width hint."""

    title: str
    kind: str = "text"  # text | wrap | money | date | datetime | int | formula
    width: float | None = None


def write_pack(pack: PackData, dest: str | os.PathLike[str], *, publication: bool = False,
               progress: Progress | None = None) -> Path:
    """Write ``pack`` as an .xlsx workbook at ``dest`` and return the path written.

    ``publication`` leaves out everything drawn from Part 2 of a paper. ``progress(done, total)``
    is called as rows are written (from the calling thread). Raises :class:`PackWriteError` with a
    plain message when the destination cannot be written; an existing file there stays intact.
    """
    dest_path = Path(dest)
    _check_destination(dest_path)
    wb = build_workbook(pack, publication=publication, progress=progress)
    save_atomically(wb, dest_path)
    return dest_path


def build_workbook(pack: PackData, *, publication: bool = False,
                   progress: Progress | None = None) -> Workbook:
    """Build the workbook in memory (no file is touched)."""
    if publication:
        pack = publication_version(pack)
    writer = _PackWriter(pack, publication, progress)
    return writer.build()


def save_atomically(wb: Workbook, dest: Path) -> None:
    """Save to a temporary file in ``dest``'s folder, then move it over ``dest`` in one step."""
    folder = dest.parent
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=".~" + dest.stem + "-", suffix=".xlsx.tmp",
                                        dir=folder)
    except OSError as exc:
        raise PackWriteError(
            f"Cannot write in the folder {folder}: {exc.strerror or exc}. "
            "Choose a folder you can save to."
        ) from exc
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as fh:
            wb.save(fh)
        os.replace(tmp, dest)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        if isinstance(exc, PermissionError) and dest.exists():
            raise PackWriteError(
                f"Cannot replace {dest.name}: it is open in another program or read-only. "
                "Close it and try again; the existing file was left as it was."
            ) from exc
        raise PackWriteError(
            f"Could not save the pack to {dest}: {exc.strerror or exc}. "
            "Any existing file there was left as it was."
        ) from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _check_destination(dest: Path) -> None:
    if dest.suffix.lower() != ".xlsx":
        raise PackWriteError(f"The pack must be saved as an .xlsx file, not '{dest.name}'.")
    if dest.is_dir():
        raise PackWriteError(f"{dest} is a folder; choose a file name ending .xlsx.")
    if not dest.parent.is_dir():
        raise PackWriteError(f"The folder {dest.parent} does not exist.")


def clean_text(value: str) -> str:
    """Remove characters XML cannot hold, use Excel's line breaks, and keep within Excel's
    per-cell limit."""
    if "\r" in value:
        # An XML reader turns a stored CR into LF anyway; say so up front, so the cell holds
        # exactly what was written.
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = _XML_ILLEGAL.sub("", value)
    if "_x" in value:
        # Excel reads "_xHHHH_" in a cell as an escaped character; escape the underscore so
        # paper text such as "_x0041_" shows as written.
        value = _OOXML_ESCAPE.sub(r"_x005F_\1", value)
    if len(value) > EXCEL_CELL_LIMIT:
        value = value[: EXCEL_CELL_LIMIT - 1] + "…"
    return value


def money_value(pence: int) -> int | float:
    """Pounds for a cell: an int when whole, else the exact pence value as the nearest float."""
    if pence % 100 == 0:
        return pence // 100
    return float(Decimal(pence) / 100)


def _plain_datetime(value: datetime) -> datetime:
    # Excel has no time zones: show the clerk's local wall-clock time.
    if value.tzinfo is not None:
        value = value.astimezone().replace(tzinfo=None)
    return value.replace(microsecond=0)


def _header_text(value: str) -> str:
    # '&' starts a header/footer code in Excel; double it so paper text stays literal.
    return clean_text(value).replace("&", "&&")[:200]


class _PackWriter:
    """Builds one workbook; holds shared styles so each cell reuses the same style records."""

    def __init__(self, pack: PackData, publication: bool, progress: Progress | None) -> None:
        self.pack = pack
        self.publication = publication
        self.progress = progress
        self.marking = protective_marking(pack)
        self.labels = _paper_labels(pack.papers)
        self.has_pence = any(
            c.amount_pence is not None and c.amount_pence % 100
            for p in pack.papers for c in p.costs
        )
        self.total_format = MONEY_PENCE if self.has_pence else MONEY
        self.total_rows = (
            len(pack.papers) + sum(len(p.recommendations) + len(p.costs) + len(p.checks)
                                   + len(p.annotations) for p in pack.papers)
        )
        self.done = 0
        self.wb = Workbook()
        self.costs_last_row = 2  # set when the Costs sheet is written
        self._styles: dict[str, Any] = {}

    # -- styles ---------------------------------------------------------------------------
    def _style_for(self, ws: Worksheet, key: str) -> Any:
        """A style record for a cell kind, built once on a detached default-styled cell and
        then shared: far cheaper than assigning font/alignment/format objects cell by cell."""
        style = self._styles.get(key)
        if style is None:
            cell = Cell(ws)  # not placed in the sheet: only its style record is kept
            cell.alignment = Alignment(vertical="top", wrap_text=key.startswith("wrap"),
                                       horizontal="center" if key in ("int", "date") else None)
            if key.endswith("_quoted"):
                cell.quotePrefix = True
            if key in ("money", "money_pence"):
                cell.number_format = MONEY_PENCE if key == "money_pence" else MONEY
            elif key == "date":
                cell.number_format = DATE
            elif key == "datetime":
                cell.number_format = DATETIME
            elif key == "formula":
                cell.number_format = self.total_format
            style = cell._style
            self._styles[key] = style
        return style

    def _tick(self, n: int = 1) -> None:
        self.done += n
        if self.progress is not None and (self.done % 500 < n or self.done >= self.total_rows):
            self.progress(min(self.done, self.total_rows), self.total_rows)

    # -- cells ----------------------------------------------------------------------------
    def _put(self, ws: Worksheet, row: int, col: int, value: Any, kind: str = "text",
             tall: bool = True) -> None:
        """Write one value safely. ``tall`` is False in a one-line row, where plain text needs
        no top alignment and so keeps the default style (cheaper to write)."""
        if value is None or value == "":
            return  # an absent cell is an empty cell
        # Cells share one style record per kind; nothing restyles a cell in place afterwards
        # (that would restyle every cell sharing the record).
        cell = ws.cell(row=row, column=col)
        if isinstance(value, str):
            if kind == "formula":  # our own SUMIFS, never paper text
                cell.value = value
                cell._style = self._style_for(ws, "formula")
                return
            value = clean_text(value)
            # Stored as a plain string whatever it looks like: openpyxl would otherwise read
            # "=..." as a formula and "#N/A" as an error. Quote-prefixed so that editing the
            # cell in Excel keeps it text too.
            cell._value = value
            cell.data_type = "s"
            key = "wrap" if kind == "wrap" else "text"
            if value.startswith(_FORMULA_LEAD):
                key += "_quoted"
            elif key == "text" and not tall:
                return
            cell._style = self._style_for(ws, key)
            return
        if isinstance(value, datetime):
            cell.value = _plain_datetime(value)
            cell._style = self._style_for(ws, "datetime")
            return
        if isinstance(value, date):
            cell.value = value
            cell._style = self._style_for(ws, "date")
            return
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            cell._value = value  # a number needs none of openpyxl's type sniffing
            cell.data_type = "n"
        else:
            cell.value = value
        if kind == "money":
            cell._style = self._style_for(ws, "money" if isinstance(value, int) else "money_pence")
        elif kind == "int":
            cell._style = self._style_for(ws, "int")
        elif tall:
            cell._style = self._style_for(ws, "text")

    def _table(self, ws: Worksheet, name: str, columns: Sequence[Column],
               rows: Iterable[Sequence[Any]], first_row: int = 1) -> int:
        """Write a header and rows as an Excel table; return the last row used."""
        for c, col in enumerate(columns, start=1):
            ws.cell(row=first_row, column=c, value=col.title)
        widths = [len(col.title) + 4 for col in columns]  # room for the filter button
        wrapped = [(i, col.width or 50) for i, col in enumerate(columns) if col.kind == "wrap"]
        r = first_row
        for values in rows:
            r += 1
            # Spreadsheet programs do not grow rows for wrapped text in a file they open, so
            # the height is set from an estimate of the wrapped line count.
            lines = max((_line_count(values[i], w) for i, w in wrapped), default=1)
            if lines > 1:
                ws.row_dimensions[r].height = 15 * min(lines, 27)
            for c, (col, value) in enumerate(zip(columns, values), start=1):
                self._put(ws, r, c, value, col.kind, lines > 1)
                if col.width is None and value is not None:
                    n = _display_width(value, col.kind)
                    if n > widths[c - 1]:
                        widths[c - 1] = n
            self._tick()
        last = max(r, first_row + 1)  # a table needs at least one body row
        ref = f"A{first_row}:{get_column_letter(len(columns))}{last}"
        table = Table(displayName=name, ref=ref)
        table.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
        ws.add_table(table)
        for c, col in enumerate(columns, start=1):
            width = col.width if col.width is not None else min(widths[c - 1] + 2, 50)
            ws.column_dimensions[get_column_letter(c)].width = width
        self._style_header(ws, first_row, len(columns))
        ws.row_dimensions[first_row].height = 30  # room for two-line headings
        return r

    def _style_header(self, ws: Worksheet, row: int, ncols: int) -> None:
        # Table styles are not drawn by every spreadsheet program: style the headings directly.
        font = Font(bold=True, color="FFFFFF")
        fill = PatternFill("solid", fgColor="1F3864")
        align = Alignment(vertical="center", wrap_text=True)
        for c in range(1, ncols + 1):
            cell = ws.cell(row=row, column=c)
            cell.font, cell.fill, cell.alignment = font, fill, align

    def _print_setup(self, ws: Worksheet, title_rows: str | None = "1:1") -> None:
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
        if title_rows:
            ws.print_title_rows = title_rows
        ws.print_options.gridLines = False
        meeting = self._pack_title()
        for hf in (ws.oddHeader, ws.evenHeader, ws.firstHeader):
            hf.center.text = self.marking
            hf.center.font = "Arial,Bold"
            hf.left.text = _header_text(meeting)
        for hf in (ws.oddFooter, ws.evenFooter, ws.firstFooter):
            hf.center.text = self.marking
            hf.left.text = "&A"
            hf.right.text = "Page &P of &N"
        ws.page_margins.header = 0.3
        ws.page_margins.footer = 0.3

    def _pack_title(self) -> str:
        p = self.pack
        if p.meeting_name or p.meeting_date:
            when = p.meeting_date.strftime("%d/%m/%Y") if p.meeting_date else ""
            return " – ".join(x for x in (p.meeting_name or "Meeting", when) if x)
        return "MOPAC papers"

    # -- sheets ---------------------------------------------------------------------------
    def build(self) -> Workbook:
        summary = self.wb.active
        summary.title = "Summary"
        papers_ws = self.wb.create_sheet("Papers")
        recs_ws = self.wb.create_sheet("Recommendations")
        costs_ws = self.wb.create_sheet("Costs")
        checks_ws = self.wb.create_sheet("Checks")
        notes_ws = self.wb.create_sheet("Annotations")
        # Costs first: every total elsewhere is a formula over its rows.
        self._costs(costs_ws)
        self._papers(papers_ws)
        self._recommendations(recs_ws)
        self._checks(checks_ws)
        self._annotations(notes_ws)
        self._summary(summary)
        for ws in self.wb.worksheets:
            if ws.title != "Summary":
                ws.freeze_panes = "A2"
                self._print_setup(ws)
        self._print_setup(summary, title_rows=None)
        self.wb.calculation.fullCalcOnLoad = True
        props = self.wb.properties
        props.title = clean_text(self._pack_title())
        props.creator = clean_text(self.pack.generated_by or "mopac-desk")
        props.keywords = self.marking
        props.category = self.marking
        return self.wb

    def _costs_range(self, col: str) -> str:
        return f"Costs!${col}$2:${col}${self.costs_last_row}"

    def _sumifs(self, kind: str, paper_cell: str | None = None) -> str:
        crit = f'{self._costs_range("A")},{paper_cell},' if paper_cell else ""
        return (f'=SUMIFS({self._costs_range("C")},{crit}'
                f'{self._costs_range("D")},"{KIND_LABELS[kind]}")')

    def _costs(self, ws: Worksheet) -> None:
        columns = [
            Column("No.", "int", 7), Column("Paper"), Column("Amount", "money", 18),
            Column("Kind"), Column("Counted in totals"), Column("Financial years"),
            Column("Context", "wrap", 70), Column("Page", "int", 8),
            Column("Also on pages", "text", 14), Column("Part"),
        ]

        def rows() -> Iterable[Sequence[Any]]:
            for no, paper in enumerate(self.pack.papers, start=1):
                for cost in paper.costs:
                    yield (
                        no, self.labels[no - 1],
                        None if cost.amount_pence is None else money_value(cost.amount_pence),
                        KIND_LABELS.get(cost.kind, cost.kind),
                        "Yes" if cost.counted else "No",
                        ", ".join(cost.years), cost.context, cost.page,
                        ", ".join(str(n) for n in cost.also_on),
                        _part_label(cost.part, cost.from_part2),
                    )

        self.costs_last_row = max(self._table(ws, "Costs", columns, rows()), 2)

    def _papers(self, ws: Worksheet) -> None:
        columns = [
            Column("No.", "int", 7), Column("Item", "text", 8), Column("Reference"),
            Column("Title", "wrap", 45), Column("Report by", "wrap", 24),
            Column("On behalf of", "wrap", 28), Column("Decision required by", "date", 14),
            Column("Status"), Column("Classification", "wrap", 22),
        ]
        if not self.publication:
            columns.append(Column("Part 2 classification", "wrap", 24))
        columns += [
            Column("Capital", "formula", 16), Column("Revenue", "formula", 16),
            Column("Contract value", "formula", 16), Column("Recommendations", "int", 17),
            Column("Open checks", "int", 12),
        ]
        cap_col = len(columns) - 4

        def rows() -> Iterable[Sequence[Any]]:
            for no, p in enumerate(self.pack.papers, start=1):
                r = no + 1
                values: list[Any] = [
                    no, p.item, p.reference, p.title, p.report_by, p.on_behalf_of,
                    p.decision_required_by, p.status, p.classification,
                ]
                if not self.publication:
                    values.append(p.part2_classification)
                values += [
                    self._sumifs("capital", f"$A{r}"), self._sumifs("revenue", f"$A{r}"),
                    self._sumifs("contract", f"$A{r}"), len(p.recommendations), p.open_checks,
                ]
                yield values

        self._table(ws, "Papers", columns, rows())
        self.papers_capital_col = cap_col

    def _recommendations(self, ws: Worksheet) -> None:
        columns = [
            Column("No.", "int", 7), Column("Paper"), Column("Part"), Column("Number", "text", 9),
            Column("Recommendation", "wrap", 80), Column("Action"), Column("Tags", "wrap", 24),
            Column("Outcome"),
        ]

        def rows() -> Iterable[Sequence[Any]]:
            for no, p in enumerate(self.pack.papers, start=1):
                for rec in p.recommendations:
                    yield (no, self.labels[no - 1], _part_label(rec.part, rec.from_part2),
                           rec.number, rec.text, rec.action, ", ".join(rec.tags), rec.outcome)

        self._table(ws, "Recommendations", columns, rows())

    def _checks(self, ws: Worksheet) -> None:
        columns = [
            Column("No.", "int", 7), Column("Paper"), Column("Code"), Column("Severity"),
            Column("Message", "wrap", 70), Column("Page", "int", 8), Column("Dismissed"),
        ]

        def rows() -> Iterable[Sequence[Any]]:
            for no, p in enumerate(self.pack.papers, start=1):
                for c in p.checks:
                    yield (no, self.labels[no - 1], c.code, c.severity, c.message, c.page,
                           "Yes" if c.dismissed else "No")

        self._table(ws, "Checks", columns, rows())

    def _annotations(self, ws: Worksheet) -> None:
        columns = [
            Column("No.", "int", 7), Column("Paper"), Column("Page", "int", 8), Column("Author"),
            Column("Note", "wrap", 70), Column("Created", "datetime", 17),
        ]

        def rows() -> Iterable[Sequence[Any]]:
            for no, p in enumerate(self.pack.papers, start=1):
                for a in p.annotations:
                    yield (no, self.labels[no - 1], a.page, a.author, a.text, a.created)

        self._table(ws, "Annotations", columns, rows())

    def _summary(self, ws: Worksheet) -> None:
        pack = self.pack
        bold = Font(bold=True)
        ws.column_dimensions["A"].width = 30
        ws.column_dimensions["B"].width = 40
        ws.column_dimensions["C"].width = 18
        ws.column_dimensions["D"].width = 18
        ws["A1"] = "Meeting pack" if (pack.meeting_name or pack.meeting_date) else "Papers pack"
        ws["A1"].font = Font(bold=True, size=16)
        ws["A2"] = self.marking
        ws["A2"].font = Font(bold=True, size=12,
                             color="C00000" if self.marking == OFFICIAL_SENSITIVE else "000000")
        version = ("Publication version: content from Part 2 of papers left out"
                   if self.publication else "Full version (includes Part 2 content)")
        n_recs = sum(len(p.recommendations) for p in pack.papers)
        n_open = sum(p.open_checks for p in pack.papers)
        info: list[tuple[str, Any]] = [
            ("Meeting", pack.meeting_name or "—"),
            ("Meeting date", pack.meeting_date),
            ("Generated", pack.generated_at),
            ("Generated by", pack.generated_by),
            ("Protective marking", self.marking),
            ("Version", version),
            ("Papers", len(pack.papers)),
            ("Recommendations", n_recs),
            ("Open checks", n_open),
        ]
        row = 4
        for label, value in info:
            ws.cell(row=row, column=1, value=label).font = bold
            self._put(ws, row, 2, value)
            cell = ws.cell(row=row, column=2)
            cell._style = copy(cell._style)  # its own record before restyling
            cell.alignment = Alignment(horizontal="left", vertical="top", wrap_text=True)
            row += 1

        row += 1
        ws.cell(row=row, column=1, value="Totals by kind").font = Font(bold=True, size=12)
        row += 1
        ws.cell(row=row, column=1,
                value="Sums of the Costs sheet. Thresholds and placeholders are listed there "
                      "but not counted.").font = Font(italic=True, color="595959")
        row += 1
        ws.cell(row=row, column=1, value="Kind")
        ws.cell(row=row, column=2, value="Total")
        self._style_header(ws, row, 2)
        self.totals_first_row = row + 1
        for kind in TOTAL_KINDS:
            row += 1
            ws.cell(row=row, column=1, value=KIND_LABELS[kind])
            cell = ws.cell(row=row, column=2, value=self._sumifs(kind))
            cell.number_format = self.total_format
            cell.alignment = Alignment(horizontal="right")

        row += 2
        ws.cell(row=row, column=1, value="Capital and revenue by paper").font = Font(
            bold=True, size=12)
        row += 1
        head = row
        for c, title in enumerate(("No.", "Paper", "Capital", "Revenue"), start=1):
            ws.cell(row=row, column=c, value=title)
        self._style_header(ws, row, 4)
        for no, _paper in enumerate(pack.papers, start=1):
            row += 1
            ws.cell(row=row, column=1, value=no)
            self._put(ws, row, 2, self.labels[no - 1])
            for c, kind in ((3, "capital"), (4, "revenue")):
                cell = ws.cell(row=row, column=c, value=self._sumifs(kind, f"$A{row}"))
                cell.number_format = self.total_format
        self.by_paper_rows = (head, row)
        if pack.papers:
            chart = BarChart()
            chart.type = "bar"  # horizontal bars keep long paper names readable
            chart.grouping = "clustered"
            chart.title = "Capital and revenue by paper"
            chart.legend.position = "b"
            chart.y_axis.numFmt = MONEY
            chart.y_axis.majorGridlines = None
            chart.x_axis.scaling.orientation = "maxMin"  # agenda order top to bottom
            chart.y_axis.delete = False
            chart.x_axis.delete = False
            data = Reference(ws, min_col=3, max_col=4, min_row=head, max_row=row)
            cats = Reference(ws, min_col=2, min_row=head + 1, max_row=row)
            chart.add_data(data, titles_from_data=True)
            chart.set_categories(cats)
            chart.height = max(7.5, min(0.6 * len(pack.papers) + 3, 60))
            chart.width = 18
            ws.add_chart(chart, "F4")


def _part_label(part: str, from_part2: bool) -> str:
    label = (part or "").capitalize()
    if from_part2:
        return f"{label} (Part 2)" if label else "Part 2"
    return label


def _paper_labels(papers: Sequence[PackPaper]) -> list[str]:
    """A short, unique name per paper for the detail sheets (reference, else title, else item)."""
    seen: dict[str, int] = {}
    labels = []
    for no, p in enumerate(papers, start=1):
        base = (p.reference or p.title or (f"Item {p.item}" if p.item else f"Paper {no}")).strip()
        base = re.sub(r"\s+", " ", base)[:80]
        count = seen.get(base, 0) + 1
        seen[base] = count
        labels.append(base if count == 1 else f"{base} ({count})")
    return labels


def _line_count(value: Any, width: float) -> int:
    """Roughly how many lines ``value`` wraps to in a column ``width`` characters wide."""
    if not isinstance(value, str) or not value:
        return 1
    per_line = max(int(width * 1.15) - 2, 8)  # text averages narrower than the "0" unit
    return sum(max(1, -(-len(part) // per_line)) for part in value.splitlines() or [""])


def _display_width(value: Any, kind: str) -> int:
    if kind in ("money", "formula"):
        return 14
    if isinstance(value, datetime):
        return 17
    if isinstance(value, date):
        return 12
    if isinstance(value, str):
        return len(value) if len(value) < 60 else 60
    return len(str(value))
