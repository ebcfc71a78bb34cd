"""The engine: it loads from the installed packages, maps pixels to page points for every
page turn, and rights a page scanned sideways before reading it."""

from __future__ import annotations

import math

import pytest
from PIL import Image

from mopac_desk.ocr.engine import OcrEngine, PageGeometry, _Unturn, engine_available, model_dir
from mopac_desk.ocr.reader import recognise_pages
from mopac_desk.pdf import PaperDocument

from .conftest import typeset_paper
from .scans import find_rect, make_scan


def test_engine_and_model_come_from_the_installed_packages():
    folder = model_dir()
    assert folder is not None and (folder / "eng.traineddata").is_file()
    assert (folder / "osd.traineddata").is_file()  # page turns are found by tesseract's OSD
    assert engine_available()


@pytest.mark.parametrize("rotation, pixel, point", [
    (0, (0, 0), (0.0, 842.0)), (0, (300, 600), (72.0, 842.0 - 144.0)),
    (90, (0, 0), (0.0, 0.0)), (90, (300, 600), (144.0, 72.0)),
    (180, (0, 0), (595.0, 0.0)), (270, (0, 0), (595.0, 842.0)),
])
def test_pixels_map_to_the_unturned_page(rotation, pixel, point):
    # A 595 x 842 page; turned a quarter it displays 842 x 595.
    w, h = (595.0, 842.0) if rotation in (0, 180) else (842.0, 595.0)
    geo = PageGeometry(w, h, rotation, 300 / 72)
    x, y = geo.to_page(*pixel)
    assert (round(x, 6), round(y, 6)) == point


@pytest.mark.parametrize("angle", [0.8, -1.5, -90.0, 90.0, 180.0])
def test_a_turned_pixel_maps_back_where_it_was(angle):
    img = Image.new("L", (400, 300), 255)
    img.putpixel((50, 70), 0)
    turned = img.rotate(angle, expand=True, fillcolor=255)
    dark = [(x, y) for x in range(turned.width) for y in range(turned.height)
            if turned.getpixel((x, y)) < 128]
    x, y = (sum(p[0] for p in dark) / len(dark), sum(p[1] for p in dark) / len(dark))
    bx, by = _Unturn(angle, turned.size, img.size).point(x + 0.5, y + 0.5)
    assert math.hypot(bx - 50.5, by - 70.5) < 1.5


def test_a_page_scanned_sideways_is_read_the_right_way_up(tmp_path):
    typeset = typeset_paper(tmp_path / "typeset.pdf")
    scan = make_scan(typeset, tmp_path / "sideways.pdf", lean=0.0, turn=90)
    with PaperDocument.open(scan) as doc:
        assert doc.page_size(2)[0] > doc.page_size(2)[1]  # the sheet lies landscape
        (page,) = recognise_pages(doc, [2])
    assert page.turned == 90  # laid a quarter anticlockwise, righted a quarter clockwise
    words = [w.text for w in page.words]
    assert "£213,477" in words and "Recommendations" in words
    # Boxes are on the page as the PDF has it: where the typeset word went when turned.
    l, b, r, t = find_rect(typeset, 2, "£213,477")
    box = next(w.box for w in page.words if w.text == "£213,477")
    # ccw quarter turn of a 595 x 842 page: (x, y) -> (842 - y, x)
    want = (842 - t, l, 842 - b, r)
    assert all(abs(p - q) < 2.0 for p, q in zip(box, want)), (box, want)


def test_an_empty_page_reads_as_no_words():
    with OcrEngine() as engine:
        page = engine.recognise(Image.new("L", (600, 800), 255), PageGeometry(144, 192))
    assert page.words == () and page.mean_confidence is None


def test_a_page_scanned_upside_down_is_read_the_right_way_up(tmp_path):
    typeset = typeset_paper(tmp_path / "typeset.pdf")
    scan = make_scan(typeset, tmp_path / "upside-down.pdf", lean=0.0, turn=180, pages=[2])
    with PaperDocument.open(scan) as doc:
        (page,) = recognise_pages(doc, [0])
    assert page.turned == 180
    assert "£213,477" in [w.text for w in page.words]
    assert page.mean_confidence > 90
