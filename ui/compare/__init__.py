"""Compare mode: two papers (or two versions of one) side by side, scrolled together by
content, with the change list (money first) and every change marked on both pages."""

from .controller import CompareController
from .view import CompareView

__all__ = ["CompareController", "CompareView"]
