"""The PDF layer: open, render, read text and boxes, search. Qt-free."""

from .document import PaperDocument, RenderedPage
from .errors import (
    DamagedPdfError,
    EmptyFileError,
    FileMissingError,
    NoTextLayerError,
    NotAPdfError,
    PaperError,
    PasswordRequiredError,
    ResourceLimitError,
    WrongPasswordError,
)
from .geometry import Hit, Rect
from .page_text import PageText

__all__ = [
    "DamagedPdfError", "EmptyFileError", "FileMissingError", "Hit", "NoTextLayerError",
    "NotAPdfError", "PageText", "PaperDocument", "PaperError", "PasswordRequiredError", "Rect",
    "RenderedPage", "ResourceLimitError", "WrongPasswordError",
]
