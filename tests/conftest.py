"""Shared fixtures: the real papers and their truth files live in tests/fixtures."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

FIXTURES = Path(__file__).parent / "fixtures"
PAPERS = sorted((FIXTURES / "papers").glob("*.pdf"))


def truth_for(pdf: Path) -> dict:
    return json.loads((FIXTURES / "truth" / f"{pdf.stem}.json").read_text(encoding="utf-8"))


@pytest.fixture(params=PAPERS, ids=[p.stem for p in PAPERS])
def paper_path(request) -> Path:
    """Each real MOPAC paper in turn."""
    return request.param


@pytest.fixture
def pcd977() -> Path:
    return FIXTURES / "papers" / "pcd-977-end-user-device-refresh.pdf"
