"""Saving a pack: all or nothing, the previous pack kept on any failure, temporary files of
killed exports cleaned, the replaced file's permissions kept, a full disk said plainly."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import time
from pathlib import Path

import openpyxl
import pytest

from mopac_desk.export.excel import PackWriteError, write_pack
from mopac_desk.export.sample import sample_pack, synthetic_pack

from .sample_register import build_register

POSIX = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")


@pytest.fixture
def pack():
    return sample_pack()


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0,
                    reason="needs POSIX permissions that apply to the user")
def test_unwritable_folder_keeps_old_file(pack, tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    old = folder / "pack.xlsx"
    old.write_bytes(b"previous pack")
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        with pytest.raises(PackWriteError, match="The pack could not be written: the folder "
                                                 ".* does not accept new files"):
            write_pack(pack, old)
    finally:
        folder.chmod(stat.S_IRWXU)
    assert old.read_bytes() == b"previous pack"
    assert os.listdir(folder) == ["pack.xlsx"]


def test_folder_refusing_new_files_keeps_old_file(pack, tmp_path, monkeypatch):
    # Same as above for runs as root (which ignores permissions): the OS refuses the temp file.
    old = tmp_path / "pack.xlsx"
    old.write_bytes(b"previous pack")
    real_open = os.open

    def refuse(path, *args, **kwargs):
        if Path(path).name.startswith(".~"):
            raise PermissionError(13, "Permission denied")
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    with pytest.raises(PackWriteError, match="does not accept new files .permission denied"):
        write_pack(pack, old)
    assert old.read_bytes() == b"previous pack"


def test_failed_save_leaves_old_file_and_no_temp(pack, tmp_path, monkeypatch):
    # A failure mid-save (disk full, etc.) must not clobber the previous pack.
    old = tmp_path / "pack.xlsx"
    old.write_bytes(b"previous pack")

    def boom(self, filename):
        filename.write(b"partial")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(openpyxl.Workbook, "save", boom)
    with pytest.raises(PackWriteError, match=r"could not be written .*\(the disk is full\)"):
        write_pack(pack, old)
    assert old.read_bytes() == b"previous pack"
    assert os.listdir(tmp_path) == ["pack.xlsx"]


def test_replace_refused_keeps_old_file(pack, tmp_path, monkeypatch):
    # On Windows a pack open in Excel cannot be replaced: os.replace raises PermissionError.
    old = tmp_path / "pack.xlsx"
    old.write_bytes(b"previous pack")

    def refuse(src, dst):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(PackWriteError, match="open in another program"):
        write_pack(pack, old)
    assert old.read_bytes() == b"previous pack"
    assert os.listdir(tmp_path) == ["pack.xlsx"]


def test_overwrites_existing_pack(pack, tmp_path):
    out = tmp_path / "pack.xlsx"
    out.write_bytes(b"old")
    write_pack(pack, out)
    assert openpyxl.load_workbook(out).sheetnames[0] == "Summary"


def test_stale_temporary_files_of_killed_exports_are_removed(pack, tmp_path):
    out = tmp_path / "pack.xlsx"
    # A killed export of an older version (no host or process in the name), and one of a
    # process that has exited; the export of another pack is not ours to touch.
    old_style = tmp_path / ".~pack-k2j4h1.xlsx.tmp"
    old_style.write_bytes(b"partial")
    aged = time.time() - 3600
    os.utime(old_style, (aged, aged))
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    from mopac_desk.export.saving import _HOST

    dead = tmp_path / f".~pack-{_HOST}-{gone.stdout.strip()}-0a1b2c3d.xlsx.tmp"
    dead.write_bytes(b"partial")
    running = tmp_path / f".~pack-{_HOST}-{os.getppid()}-0a1b2c3d.xlsx.tmp"
    running.write_bytes(b"being written")
    other = tmp_path / ".~minutes-k2j4h1.xlsx.tmp"
    other.write_bytes(b"partial")
    os.utime(other, (aged, aged))
    write_pack(pack, out)
    assert sorted(os.listdir(tmp_path)) == sorted(
        [".~minutes-k2j4h1.xlsx.tmp", running.name, "pack.xlsx"])


def test_a_killed_export_leaves_no_litter_for_the_next(tmp_path):
    out = tmp_path / "pack.xlsx"
    code = ("import os, sys; sys.path.insert(0, %r)\n"
            "from mopac_desk.export import saving\n"
            "with saving.writing_pack(saving.Path(%r)) as tmp:\n"
            "    tmp.write_bytes(b'half')\n"
            "    os.kill(os.getpid(), 9)\n") % (str(Path.cwd()), str(out))
    subprocess.run([sys.executable, "-c", code], check=False)
    assert [n for n in os.listdir(tmp_path) if n.endswith(".tmp")]
    write_pack(sample_pack(), out)
    assert os.listdir(tmp_path) == ["pack.xlsx"]


@POSIX
def test_replacing_a_shared_pack_keeps_its_mode(pack, tmp_path):
    out = tmp_path / "pack.xlsx"
    out.write_bytes(b"old")
    out.chmod(0o644)
    write_pack(pack, out)
    assert stat.S_IMODE(out.stat().st_mode) == 0o644
    out.chmod(0o640)
    write_pack(pack, out)
    assert stat.S_IMODE(out.stat().st_mode) == 0o640


@POSIX
def test_a_new_pack_takes_the_umask_mode(pack, tmp_path):
    old = os.umask(0o022)
    try:
        write_pack(pack, tmp_path / "a.xlsx")
        os.umask(0o077)
        write_pack(pack, tmp_path / "b.xlsx")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "a.xlsx").stat().st_mode) == 0o644
    assert stat.S_IMODE((tmp_path / "b.xlsx").stat().st_mode) == 0o600


@pytest.fixture
def full_disk(tmp_path):
    """A 64 KB tmpfs (root only): too small for a large pack."""
    if sys.platform != "linux" or os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("needs root to mount a small tmpfs")
    mnt = tmp_path / "small"
    mnt.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mnt)],
                          capture_output=True, check=False)
    if done.returncode != 0:
        pytest.skip("cannot mount a tmpfs here: " + done.stderr.decode(errors="replace"))
    try:
        yield mnt
    finally:
        subprocess.run(["umount", str(mnt)], check=False)


def test_full_disk_keeps_the_previous_pack(full_disk):
    out = full_disk / "pack.xlsx"
    write_pack(sample_pack(), out)
    before = out.read_bytes()
    with pytest.raises(PackWriteError) as caught:
        write_pack(synthetic_pack(300, 1500, 1500), out)
    message = str(caught.value)
    assert "The pack could not be written" in message and "the disk is full" in message
    assert "read" not in message
    assert out.read_bytes() == before
    assert os.listdir(full_disk) == ["pack.xlsx"]


def test_export_pack_on_a_full_disk_says_one_plain_line(full_disk, tmp_path):
    reg = build_register(tmp_path / "register.sqlite")
    out = full_disk / "pack.xlsx"
    out.write_bytes(b"previous pack")
    filler = full_disk / "filler"
    with open(filler, "wb", buffering=0) as fh:  # leave no room at all
        try:
            while True:
                fh.write(b"x" * 1024)
        except OSError:
            pass
    code = ("import sys; sys.path.insert(0, %r); from mopac_desk.cli import main; "
            "sys.exit(main(['export-pack', '--register', %r, '--all', '--out', %r]))"
            ) % (str(Path.cwd()), str(reg), str(out))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=False)
    assert done.returncode == 1
    # (the register may warn about its own state first: that is not the pack's failure)
    lines = [ln for ln in done.stderr.strip().splitlines() if "warning:" not in ln]
    assert len(lines) == 1, done.stderr
    assert "The pack could not be written" in lines[0] and "the disk is full" in lines[0]
    assert "Exception ignored" not in done.stderr and "Traceback" not in done.stderr
    assert out.read_bytes() == b"previous pack"
    assert sorted(os.listdir(full_disk)) == ["filler", "pack.xlsx"]
