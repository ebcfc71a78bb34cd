"""One typeset paper (a DMPC decision and its IAM report, four pages) and its scan, read by
OCR once for the module's tests: OCR takes about half a second a page."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from mopac_desk.ocr.engine import OcrPage
from mopac_desk.ocr.reader import recognise_pages
from mopac_desk.ocr.text import OcrPageText, page_text
from mopac_desk.pdf import PaperDocument
from tests.helpers.paper_pdf import DecisionSpec, Flow, ReportSpec, write_decision, write_report

from .scans import make_scan


@dataclass
class Scanned:
    typeset: Path
    scan: Path
    pages: list[OcrPage]
    texts: dict[int, OcrPageText]


def typeset_paper(path: Path) -> Path:
    flow = Flow()
    write_decision(flow, DecisionSpec())
    write_report(flow, ReportSpec())
    return flow.save(path)


@pytest.fixture(scope="package")
def scanned(tmp_path_factory: pytest.TempPathFactory) -> Scanned:
    folder = tmp_path_factory.mktemp("scan")
    typeset = typeset_paper(folder / "typeset.pdf")
    scan = make_scan(typeset, folder / "scan.pdf", dpi=200, lean=0.6)
    with PaperDocument.open(scan) as doc:
        pages = recognise_pages(doc)
    return Scanned(typeset, scan, pages, {p.index: page_text(p) for p in pages})
