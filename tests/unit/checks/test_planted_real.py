"""Errors planted in the text of the real papers (their own layout, fonts and numbering):
each plant adds exactly its finding to the paper's true ones."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest

from mopac_desk.checks import run_checks
from mopac_desk.extract.engine import extract_lines, read_lines
from mopac_desk.extract.lines import Line
from mopac_desk.pdf import PaperDocument

PAPERS = Path(__file__).parents[2] / "fixtures" / "papers"
PCD = "pcd-977-end-user-device-refresh.pdf"
ONEDRIVE = "onedrive-migration-iam-report.pdf"
EUS = "eus-device-demand-2025-27-draft.pdf"


@lru_cache(maxsize=None)
def _lines(name: str) -> tuple[Line, ...]:
    with PaperDocument.open(PAPERS / name) as doc:
        return tuple(read_lines(doc))


def _replace(lines: list[Line], old: str, new: str, nth: int = 0) -> list[Line]:
    """``lines`` with the ``nth`` line holding ``old`` rewritten; new characters borrow the
    boxes of the characters they replace."""
    out, seen = [], 0
    for ln in lines:
        if old in ln.text:
            if seen == nth:
                i = ln.text.index(old)
                span = ln.boxes[i:i + len(old)]
                boxes = [*ln.boxes[:i], *(span[min(j, len(span) - 1)] for j in range(len(new))),
                         *ln.boxes[i + len(old):]]
                ln = Line(ln.page, ln.text[:i] + new + ln.text[i + len(old):], boxes, ln.x0,
                          ln.y0, ln.x1, ln.y1, ln.font_size, ln.running, ln.footnote)
            seen += 1
        out.append(ln)
    assert seen > nth, old
    return out


def _cut(lines: list[Line], first: str, upto: str) -> list[Line]:
    """``lines`` without the run from the line starting ``first`` to the one before ``upto``."""
    out, cutting = [], False
    for ln in lines:
        cutting = (cutting or ln.text.startswith(first)) and not ln.text.startswith(upto)
        if not cutting:
            out.append(ln)
    return out


def _findings(lines: list[Line]) -> set[tuple[str, str]]:
    return {(f.code, f.quote) for paper, own in extract_lines(lines)
            for f in run_checks(paper, own)}


TRUE = {
    PCD: {("title_mismatch", "Mobile Tablet Device Refresh")},
    ONEDRIVE: {("placeholder", "[Date]")},
    EUS: {("placeholder", "[Date]"), ("placeholder", "[Chief Information Officer]"),
          ("placeholder", "£xxxx"),
          ("title_mismatch", "End User Device Demand 2024/2025 Refresh and Business As Usual")},
}

PLANTS = [
    (PCD, lambda ls: _replace(ls, "£14.7M of DP capital to fund", "£17.4M of DP capital to fund"),
     ("amount_mismatch", "£17.4M")),
    (PCD, lambda ls: _replace(ls, "approve spend of £14,700,000", "approve spend of £14,200,000"),
     ("amount_mismatch", "£14,200,000")),
    (PCD, lambda ls: _replace(ls, "£189,330", "£181,302", nth=1), ("threshold", "£181,302")),
    (PCD, lambda ls: _replace(ls, "10. The project", "11. The project"),
     ("numbering", "11. The project to refresh laptops and desktops will cost £14.7M of DP "
                   "capital to fund")),
    (PCD, lambda ls: _replace(ls, "2.2. To ensure", "2.3. To ensure"),
     ("numbering", "2.3. To ensure revenue costs are not affected users will only be given a "
                   "new device")),
    (PCD, lambda ls: _replace(ls, "Report by Angus McCallum", "Report by [Name]"),
     ("placeholder", "[Name]")),
    (PCD, lambda ls: _replace(ls, "Date 28/4/2021", "Date 28/3/2021"), ("dates", "28/3/2021")),
    (PCD, lambda ls: _cut(ls, "Equality Comments", "GDPR and Data Privacy Comments"),
     ("sections", "Equality Comments")),
    (PCD, lambda ls: _replace(ls, "End User Device Refresh FY2122", "Custody Estate Renewal", 1),
     ("title_mismatch", "Custody Estate Renewal")),
    (PCD, lambda ls: _replace(ls, "Part 2 form – YES", "Part 2 form – YES/NO"),
     ("placeholder", "YES/NO")),
    (PCD, lambda ls: _replace(_replace(ls, "deferred? NO", "deferred? YES"),
                              "Until what date: N/A", "Until what date:"),
     ("placeholder", "Until what date:")),
    (ONEDRIVE, lambda ls: _replace(ls, "capital cost of £0.830m fully", "capital cost of £0.880m fully"),
     ("amount_mismatch", "£0.830m vs £0.880m")),
    (ONEDRIVE, lambda ls: _replace(ls, "£214,904", "£189,330"), ("threshold", "£189,330")),
    (ONEDRIVE, lambda ls: _replace(ls, "6. The use of OneDrive", "7. The use of OneDrive"),
     ("numbering", "7. The use of OneDrive is also a key part of the Police Digital Service "
                   "(PDS) National")),
    (ONEDRIVE, lambda ls: _cut(ls, "Real Estate Implications", "Environmental Implications"),
     ("sections", "Real Estate Implications")),
    (ONEDRIVE, lambda ls: _replace(ls, "Report author: Jamie Hewitt", "Report author: TBC"),
     ("placeholder", "TBC")),
    (EUS, lambda ls: _replace(ls, "£213,477", "£181,302"), ("threshold", "£181,302")),
    (EUS, lambda ls: _replace(ls, "Capital spend of £46.763m",
                              "Total spend of £50.263m, capital of £46.763m and revenue of £3.6m"),
     ("arithmetic", "£50.263m")),
]


@pytest.mark.parametrize("name, plant, expected", PLANTS,
                         ids=[f"{n.split('-')[0]}-{e[0]}-{i}" for i, (n, _, e) in enumerate(PLANTS)])
def test_plant_adds_exactly_its_finding(name: str, plant, expected: tuple[str, str]) -> None:
    assert _findings(plant(list(_lines(name)))) == TRUE[name] | {expected}


@pytest.mark.parametrize("name", [PCD, ONEDRIVE, EUS])
def test_unchanged_lines_give_the_true_findings(name: str) -> None:
    assert _findings(list(_lines(name))) == TRUE[name]
