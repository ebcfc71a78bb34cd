"""How each sheet prints: A4, the protective marking at the top and bottom of every page,
the sheet's name and "Page n of m" in the footer, the heading row repeated on each page, and
one page wide (so a secretary never gets a page holding one stray column)."""

from __future__ import annotations

from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.properties import PageSetupProperties

from .cells import header_text

A4 = "9"  # the paper size code for A4 in SpreadsheetML


def print_setup(ws: WriteOnlyWorksheet, marking: str, title: str, *,
                title_rows: str | None = "1:1", landscape: bool = True) -> None:
    """Page setup, header and footer for one sheet (before its first row is written: the
    streaming writer puts the page setup properties at the top of the sheet)."""
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.paperSize = A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    if title_rows:
        ws.print_title_rows = title_rows
    ws.print_options.gridLines = False
    for hf in (ws.oddHeader, ws.evenHeader, ws.firstHeader):
        hf.center.text = marking
        hf.center.font = "Arial,Bold"
        hf.left.text = header_text(title)
    for hf in (ws.oddFooter, ws.evenFooter, ws.firstFooter):
        hf.center.text = marking
        hf.left.text = "&A"
        hf.right.text = "Page &P of &N"
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.header = 0.3
    ws.page_margins.footer = 0.3
