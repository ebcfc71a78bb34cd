"""Typed, plain-English errors for papers that cannot be read.

Every message is fit to show a clerk as it is: no library names, no tracebacks.
"""

from __future__ import annotations


class PaperError(Exception):
    """Base class: a paper could not be opened or read. ``str(err)`` is the clerk's message."""

    def __init__(self, message: str, path: str | None = None) -> None:
        super().__init__(message)
        self.path = path

    def __reduce__(self):  # the path too, when the error crosses to another process
        return (self.__class__, (str(self), self.path))


class FileMissingError(PaperError):
    """The file does not exist or cannot be read."""


class EmptyFileError(PaperError):
    """The file has no bytes at all."""


class NotAPdfError(PaperError):
    """The file is not a PDF (wrong content, whatever its name)."""


class PasswordRequiredError(PaperError):
    """The PDF is encrypted and no password was given."""


class WrongPasswordError(PasswordRequiredError):
    """The PDF is encrypted and the password given does not open it."""


class DamagedPdfError(PaperError):
    """The file starts like a PDF but is truncated or corrupt."""


class NoTextLayerError(PaperError):
    """The PDF has pages but no text layer (a scan): fields cannot be extracted."""


class ResourceLimitError(PaperError):
    """The PDF would take more memory to read than a paper may cost (a decompression bomb,
    an image of absurd size): it is refused before PDFium reads it."""
