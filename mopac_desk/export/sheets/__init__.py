"""One module per sheet of the meeting pack workbook."""
