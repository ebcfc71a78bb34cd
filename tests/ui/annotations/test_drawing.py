"""Comments are drawn by the window itself, sharp at every zoom."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor

from mopac_desk.annotations.model import PALETTE

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.mark.parametrize("zoom", [1.0, 3.0])
def test_an_area_box_is_drawn_with_a_crisp_edge_at_any_zoom(qtbot, annotating, zoom):
    window, controller = annotating
    view = window.viewer
    paper = controller._papers[0]
    window.workspace.register.add_annotation(paper.id, 1, "area", rects=[[100, 500, 250, 600]],
                                             colour=PALETTE["red"])
    qtbot.waitUntil(lambda: len(controller.annotations()) == 1)
    view.set_zoom(zoom)
    view.scroll_to(0, [100, 500, 250, 600])
    qtbot.waitUntil(lambda: view.is_rendered(0), timeout=10_000)
    image = view.viewport().grab().toImage()
    dpr = image.devicePixelRatio()
    edge = view.map_from_pdf(0, 100, 550)
    outside = view.map_from_pdf(0, 100 - 6 / zoom, 550)

    def colour(point) -> QColor:
        return image.pixelColor(round(point.x() * dpr), round(point.y() * dpr))

    on_edge, off_edge = colour(edge), colour(outside)
    assert on_edge.red() > 180 and on_edge.green() < 120  # the palette's red
    assert min(off_edge.red(), off_edge.green(), off_edge.blue()) > 230  # the white page


def test_nothing_is_drawn_once_the_comment_is_deleted(qtbot, annotating):
    window, controller = annotating
    paper = controller._papers[0]
    register = window.workspace.register
    changes = register.add_annotation(paper.id, 1, "area", rects=[[100, 500, 250, 600]],
                                      colour=PALETTE["red"])
    qtbot.waitUntil(lambda: len(controller.annotations()) == 1)
    register.delete_annotation(changes[0].entity_id)
    qtbot.waitUntil(lambda: controller.annotations() == [])
    view = window.viewer
    view.scroll_to(0, [100, 500, 250, 600])
    image = view.viewport().grab().toImage()
    p = view.map_from_pdf(0, 100, 550)
    c = image.pixelColor(round(p.x() * image.devicePixelRatio()),
                         round(p.y() * image.devicePixelRatio()))
    assert min(c.red(), c.green(), c.blue()) > 230
