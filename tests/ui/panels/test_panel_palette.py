"""The review panel follows the colour scheme: highlights take its selection colour, greyed
cells re-colour when it switches to dark mode (real register, real paper)."""

from __future__ import annotations

from tests.helpers.register_window import review_window


def test_highlights_take_the_colour_scheme_selection_colour(qtbot, tmp_path):
    from PySide6.QtGui import QColor, QPalette

    with review_window(qtbot, tmp_path) as (window, panel):
        palette = panel.palette()
        palette.setColor(QPalette.ColorRole.Highlight, QColor("#ff8800"))
        panel.setPalette(palette)
        panel.select_item("field", "title")
        [strong] = [h for h in window.viewer.highlights("review")
                    if h.payload == ("field", "title")]
        assert strong.color.rgb() == QColor("#ff8800").rgb()


def test_greyed_cells_follow_a_switch_to_dark_mode(qtbot, tmp_path, qapp):
    from PySide6.QtGui import QColor, QPalette
    from PySide6.QtCore import Qt

    from ui.panels.models import KEY_ROLE

    def not_found_colour(model) -> QColor:
        for r in range(model.rowCount()):
            if model.index(r, 0).data(KEY_ROLE) == ("field", "decision_signed_on"):
                return model.index(r, 1).data(Qt.ItemDataRole.ForegroundRole).color()
        raise AssertionError("no decision_signed_on row")

    original = qapp.palette()
    with review_window(qtbot, tmp_path) as (window, panel):
        panel.edit_field("decision_signed_on", "")
        fields = panel.sections.models[0]
        assert not_found_colour(fields) == original.color(QPalette.ColorRole.PlaceholderText)
        qapp.processEvents()  # the edit's own refresh is done before the switch
        assert not panel.refresh_pending()
        dark = QPalette(original)
        for role, colour in ((QPalette.ColorRole.Base, "#1e1e1e"),
                             (QPalette.ColorRole.Text, "#e6e6e6"),
                             (QPalette.ColorRole.PlaceholderText, "#9a9a9a")):
            dark.setColor(role, QColor(colour))
        try:
            qapp.setPalette(dark)
            qtbot.waitUntil(lambda: not_found_colour(fields) == QColor("#9a9a9a"))
        finally:
            qapp.setPalette(original)
