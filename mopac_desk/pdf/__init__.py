"""The PDF layer: open, render, read text and boxes, search. Qt-free."""

from .document import Hit, PageText, PaperDocument, Rect, RenderedPage
from .errors import (
    DamagedPdfError,
    EmptyFileError,
    FileMissingError,
    NoTextLayerError,
    NotAPdfError,
    PaperError,
    PasswordRequiredError,
    WrongPasswordError,
)

__all__ = [
    "DamagedPdfError", "EmptyFileError", "FileMissingError", "Hit", "NoTextLayerError",
    "NotAPdfError", "PageText", "PaperDocument", "PaperError", "PasswordRequiredError", "Rect",
    "RenderedPage", "WrongPasswordError",
]
