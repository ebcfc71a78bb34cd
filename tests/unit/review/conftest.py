"""A real register file with the PCD 977 fixture paper imported."""

from __future__ import annotations

from pathlib import Path

import pytest

from mopac_desk.register import PaperDetail, Register
from mopac_desk.register.importer import import_paths


@pytest.fixture
def register(tmp_path: Path, pcd977: Path):
    reg = Register(tmp_path / "register.sqlite", user="tester")
    import_paths(reg, [pcd977])
    yield reg
    reg.close()


@pytest.fixture
def paper(register) -> PaperDetail:
    return register.get_paper(register.list_papers()[0].id)
