"""The review panel and the features on it (tags, capture from the page)."""

from __future__ import annotations

from .capture import CaptureController
from .commands import RegisterCommand
from .review_panel import ReviewPanel
from .tagging import TaggingController

__all__ = ["CaptureController", "RegisterCommand", "ReviewPanel", "TaggingController"]
