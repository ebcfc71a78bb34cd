"""Shared fixtures: the real papers and their truth files live in tests/fixtures."""

from __future__ import annotations

import atexit
import json
import os
import shutil
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# Tests must neither read nor change the clerk's own settings, tag vocabulary or register:
# QSettings and platformdirs both follow the XDG folders on Linux, so point them at a
# throw-away home for the whole run.
_HOME = Path(tempfile.mkdtemp(prefix="mopac-desk-tests-"))
atexit.register(shutil.rmtree, _HOME, ignore_errors=True)
for _var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
    os.environ[_var] = str(_HOME / _var.lower())

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


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    """One line naming what was skipped and why, so a missing tool (LibreOffice Calc, a
    system library) is seen, not hidden in a count."""
    skipped = terminalreporter.stats.get("skipped", [])
    if not skipped:
        return
    reasons: dict[str, int] = {}
    for report in skipped:
        longrepr = report.longrepr
        reason = longrepr[2] if isinstance(longrepr, tuple) else str(longrepr)
        reason = reason.removeprefix("Skipped: ")
        reasons[reason] = reasons.get(reason, 0) + 1
    terminalreporter.write_line(
        f"skipped {len(skipped)}: " + "; ".join(f"{n} × {r}" for r, n in reasons.items()))
