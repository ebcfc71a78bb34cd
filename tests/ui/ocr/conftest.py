"""A one-page scan of a generated decision form (rendered to a leaning greyscale image and
wrapped in a PDF, as tests/unit/ocr/scans.py makes them), and a window with settings of its
own. OCR reads the page in about a second."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.helpers.paper_pdf import DecisionSpec, Flow, ReportSpec, write_decision, write_report
from tests.unit.ocr.scans import make_scan

from .windows import open_window


@dataclass
class Scan:
    typeset: Path
    scan: Path


@pytest.fixture(scope="package")
def scan(tmp_path_factory: pytest.TempPathFactory) -> Scan:
    folder = tmp_path_factory.mktemp("scan")
    flow = Flow()
    write_decision(flow, DecisionSpec())
    write_report(flow, ReportSpec())
    typeset = flow.save(folder / "typeset.pdf")
    return Scan(typeset, make_scan(typeset, folder / "scan.pdf", dpi=200, lean=0.6,
                                   pages=[0]))


@pytest.fixture
def window(qtbot, settings, tmp_path):
    """A window with an empty register open."""
    (tmp_path / "register").mkdir()
    w = open_window(qtbot, tmp_path / "register" / "register.sqlite")
    yield w
    w.close_document()


@pytest.fixture(scope="package")
def smudged(scan: Scan) -> Path:
    """The scan's page with a blot over part of "£2.025 million" (a wet thumb on the form)."""
    from tests.unit.ocr.scans import find_rect

    l, b, r, t = find_rect(scan.typeset, 0, "£2.025")
    w = (r - l) / 6
    return make_scan(scan.typeset, scan.scan.with_name("smudged.pdf"), dpi=200, lean=0.6,
                     pages=[0], smudges={0: [(l + 1.2 * w, b + 1, l + 2.6 * w, t - 1)]})
