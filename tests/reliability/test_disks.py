"""Read-only and full disks, and files the user may not read: only writes are refused, each
with the right reason ("read-only", "the disk is full", "permission denied"), and nothing
committed is lost."""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
from pathlib import Path

import pytest

from mopac_desk.files import file_sha256
from tests.conftest import PAPERS
from tests.reliability.support import assert_plain, remount_read_only, run, tmpfs, tree_hashes

pytestmark = pytest.mark.slow


def _register(folder: Path) -> Path:
    register = folder / "register.sqlite"
    result = run("import", *PAPERS, "--register", register, "--meeting", "2025-06-12",
                 cwd=folder)
    assert_plain(result, statuses={0})
    return register


def _reads_work_writes_refused(register: Path, out: Path, obey_modes: bool) -> None:
    before = tree_hashes(register.parent)
    for args in (["list"], ["search", "devices"], ["meeting", "list"], ["verify"],
                 ["export-pack", "--meeting", "2025-06-12", "--out", out]):
        result = run(*args, "--register", register, cwd=out.parent, obey_modes=obey_modes)
        assert_plain(result, statuses={0})
    assert out.is_file()
    for args in (["import", PAPERS[0]], ["meeting", "create", "2025-07-01"],
                 ["meeting", "add", "2025-06-12", "1"]):
        result = run(*args, "--register", register, cwd=out.parent, obey_modes=obey_modes)
        assert_plain(result, statuses={1})
        assert "read-only" in result.stderr, result.stderr
    assert tree_hashes(register.parent) == before


def test_a_register_on_a_read_only_disk_is_read_and_never_written(tmp_path):
    with tmpfs("8m") as disk:
        register = _register(disk)
        remount_read_only(disk)
        _reads_work_writes_refused(register, tmp_path / "pack.xlsx", obey_modes=False)


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_a_read_only_file_and_folder_are_read_and_never_written(tmp_path):
    folder = tmp_path / "reg"
    folder.mkdir()
    register = _register(folder)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    os.chmod(register, 0o444)
    os.chmod(folder, 0o555)
    try:
        _reads_work_writes_refused(register, out_dir / "pack.xlsx", obey_modes=True)
    finally:
        os.chmod(folder, 0o755)
        os.chmod(register, 0o644)


def _distinct(folder: Path, n: int) -> list[Path]:
    folder.mkdir()
    out = []
    for i in range(n):
        source = PAPERS[i % len(PAPERS)]
        out.append(folder / f"{i:02d}-{source.name}")
        out[-1].write_bytes(source.read_bytes() + f"\n%copy {i}\n".encode())
    return out


def test_a_full_disk_says_the_register_could_not_be_written_and_loses_nothing(tmp_path):
    _distinct(tmp_path / "in", 12)
    with tmpfs("600k") as disk:
        register = disk / "register.sqlite"
        result = run("import", tmp_path / "in", "--register", register, cwd=tmp_path,
                     timeout=300)
        assert_plain(result, statuses={1})
        failed = [line for line in result.stdout.splitlines() if line.startswith("failed:")]
        assert failed, result.stdout  # the disk did fill up
        for line in failed:
            assert "could not be read" not in line, line  # it was the write that failed
            assert "could not be written" in line and "full" in line, line
        if not register.exists():
            return
        # whatever was committed is whole: each document's copy is there with its hash
        with sqlite3.connect(f"file:{register}?mode=ro", uri=True) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            docs = conn.execute("SELECT sha256, stored_path FROM documents").fetchall()
        imported = sum(line.startswith("imported:") for line in result.stdout.splitlines())
        assert len(docs) == imported
        for sha, rel in docs:
            assert file_sha256(disk / rel) == sha
        assert not list(disk.rglob("*.part"))  # a failed copy is never left half-written
        listing = run("list", "--register", register, cwd=tmp_path)
        assert_plain(listing, statuses={0})


@pytest.fixture
def locked_file():
    """A real paper the user may not read (mode 000), outside root's private folders."""
    folder = Path(tempfile.mkdtemp(prefix="mopac-desk-locked-"))
    locked = folder / "locked.pdf"
    shutil.copy(PAPERS[0], locked)
    os.chmod(locked, 0)
    yield locked
    os.chmod(locked, 0o644)
    shutil.rmtree(folder)


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_a_file_that_cannot_be_read_says_permission_denied(locked_file, tmp_path):
    for command in ("extract", "check"):
        result = run(command, locked_file, cwd=tmp_path, obey_modes=True)
        assert_plain(result, statuses={2})
        assert "cannot be read: permission denied" in result.stderr, result.stderr
        assert "damaged" not in result.stderr and "Error" not in result.stderr
    result = run("import", locked_file, "--register", tmp_path / "r.sqlite", cwd=tmp_path,
                 obey_modes=True)
    assert_plain(result, statuses={1})
    assert "the file cannot be read: permission denied" in result.stdout
    assert "damaged" not in result.stdout
    assert not list(tmp_path.glob("store/*/*.pdf"))  # no copy of a file that was not read


def test_an_export_to_a_full_disk_is_one_line_and_no_half_written_pack(tmp_path):
    register = _register(tmp_path)
    with tmpfs("12k") as disk:
        out = disk / "pack.xlsx"
        result = run("export-pack", "--all", "--out", out, "--register", register, cwd=tmp_path)
        assert_plain(result, statuses={1})
        assert "space" in result.stderr.lower() or "full" in result.stderr.lower(), result.stderr
        assert not out.exists()
