"""An Acrobat-annotated paper, made once per test session, and a register holding it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from mopac_desk.register import Register
from mopac_desk.register.importer import import_paths
from tests.helpers.annotated_pdf import Expected, annotate_like_acrobat, write_paper


@pytest.fixture(scope="session")
def _made(tmp_path_factory) -> tuple[Path, Path, Expected]:
    folder = tmp_path_factory.mktemp("annotated")
    plain = write_paper(folder / "paper.pdf")
    expected = annotate_like_acrobat(plain, folder / "reviewed.pdf")
    return plain, folder / "reviewed.pdf", expected


@pytest.fixture
def plain_pdf(_made, tmp_path) -> Path:
    """The paper without annotations (a private copy each test may change)."""
    return Path(shutil.copy(_made[0], tmp_path / "paper.pdf"))


@pytest.fixture
def reviewed_pdf(_made, tmp_path) -> Path:
    """The paper with Acrobat's review comments (a private copy)."""
    return Path(shutil.copy(_made[1], tmp_path / "reviewed.pdf"))


@pytest.fixture
def expected(_made) -> Expected:
    return _made[2]


@pytest.fixture
def register(tmp_path):
    reg = Register(tmp_path / "register.sqlite", user="clerk")
    yield reg
    reg.close()


@pytest.fixture
def paper_id(register, plain_pdf) -> int:
    """The plain paper imported into the register (no annotations yet)."""
    [outcome] = import_paths(register, [plain_pdf])
    return outcome.papers[0].id
