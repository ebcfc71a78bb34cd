"""The page viewer: continuous page view, render service, find bar and thumbnails."""

from .find_bar import FindBar
from .page_view import PageView
from .render_service import RenderService
from .thumbnails import ThumbnailList

__all__ = ["FindBar", "PageView", "RenderService", "ThumbnailList"]
