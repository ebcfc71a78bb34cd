"""locate_or_import: the open file's register papers, found by hash or imported first."""

from __future__ import annotations

import threading

import pytest

from mopac_desk.register.locate import (
    IMPORTING, LOOKING, LocateCancelled, LocateError, locate_or_import,
)
from tests.helpers.bad_pdfs import PASSWORD, encrypted_pdf, image_only_pdf


def test_a_new_file_is_imported_and_then_found_without_importing_again(register, pcd977):
    stages: list[str] = []
    first = locate_or_import(register, pcd977, on_progress=stages.append)
    assert stages == [LOOKING, IMPORTING]
    assert [p.reference for p in first] == ["PCD 977"]
    assert [p.id for p in register.list_papers()] == [p.id for p in first]

    stages.clear()
    again = locate_or_import(register, pcd977, on_progress=stages.append)
    assert stages == [LOOKING]
    assert [p.id for p in again] == [p.id for p in first]
    assert len(register.list_papers()) == 1


def test_a_found_file_is_hashed_once(register, pcd977, monkeypatch):
    locate_or_import(register, pcd977)
    import mopac_desk.register.locate as locate

    hashed: list[object] = []
    real = locate.file_sha256
    monkeypatch.setattr(locate, "file_sha256", lambda p: hashed.append(p) or real(p))
    locate_or_import(register, pcd977)
    assert hashed == [pcd977]


def test_a_protected_file_imports_with_its_password(register, tmp_path):
    locked = encrypted_pdf(tmp_path)
    with pytest.raises(LocateError, match="(?i)password"):
        locate_or_import(register, locked)
    papers = locate_or_import(register, locked, PASSWORD)
    assert papers and papers[0].id in [p.id for p in register.list_papers()]


def test_a_scan_gets_a_plain_reason_and_nothing_is_imported(register, tmp_path):
    scan = image_only_pdf(tmp_path)
    with pytest.raises(LocateError, match="no text layer"):
        locate_or_import(register, scan)
    assert register.list_papers() == []


def test_a_missing_file_gets_a_plain_reason(register, tmp_path):
    with pytest.raises(LocateError, match="could not be read"):
        locate_or_import(register, tmp_path / "gone.pdf")


def test_cancelled_before_the_import_writes_nothing(register, pcd977):
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(LocateCancelled):
        locate_or_import(register, pcd977, cancel=cancel)
    assert register.list_papers() == []
