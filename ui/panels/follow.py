"""Which page view the review panel marks, and whose file's papers it reviews.

The window's viewer, as a rule; while two papers are side by side, the side the reader is in
(each side finds its own file's papers), so "show on page" and the highlights land on the
pages in front of the reader, and focusing the other side reviews that side's paper.
"""

from __future__ import annotations

from ..viewer import PageView
from . import highlights as H
from .file_papers import LOOKING_TEXT, FilePapers


class FollowsViewer:
    """Mixed into :class:`~ui.panels.review_panel.ReviewPanel`: its link to one page view and
    to the :class:`FilePapers` of the file that view shows."""

    viewer: PageView
    file_papers: FilePapers
    #: the panel's own lookup, for the window's viewer (set when the panel is built)
    own_file_papers: FilePapers

    def set_viewer(self, viewer: PageView, file_papers: FilePapers | None = None) -> None:
        """Mark and scroll ``viewer`` from now on, reviewing the paper of the file it shows
        as ``file_papers`` found it (None: the panel's own lookup, for the window's viewer)."""
        papers = file_papers if file_papers is not None else self.own_file_papers
        if viewer is self.viewer and papers is self.file_papers:
            return
        self._unlink_viewer()
        self.viewer.clear_highlights(H.HIGHLIGHT_KEY)  # the panel's marks move with it
        self.viewer, self.file_papers = viewer, papers
        self._link_viewer()
        if papers.papers:
            self._show_file_papers(papers.papers)
            self._update_highlights()  # the same paper on the other side: marked there too
        elif papers.looking:
            # Its answer comes through the signals just linked (starting again would throw
            # away the hashing, or the import, under way).
            self._give_up(LOOKING_TEXT)
        else:
            papers.relocate()  # none found: it says why again

    def _link_viewer(self) -> None:
        self.viewer.highlight_clicked.connect(self._highlight_clicked)
        self.viewer.current_page_changed.connect(self._page_changed)
        self.file_papers.located.connect(self._show_file_papers)
        self.file_papers.state.connect(self._give_up)

    def _unlink_viewer(self) -> None:
        self.viewer.highlight_clicked.disconnect(self._highlight_clicked)
        self.viewer.current_page_changed.disconnect(self._page_changed)
        self.file_papers.located.disconnect(self._show_file_papers)
        self.file_papers.state.disconnect(self._give_up)
