"""The one rule for writing a file: whole or not at all, the old file kept on any failure or
cancel, never a temporary file left, one plain sentence for each fault."""

from __future__ import annotations

import os
import stat
import sys

import pytest

from mopac_desk.whole_file import (
    DISK_FULL,
    FAILED,
    IN_USE,
    MISSING_FOLDER,
    READ_ONLY,
    WholeFileError,
    check_folder,
    not_written,
    writing_whole,
)
from tests.reliability.support import remount_read_only, tmpfs

POSIX = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")


class Cancelled(Exception):
    """Stands for a room's own cancel exception."""


def _names(folder):
    return sorted(p.name for p in folder.iterdir())


def test_the_file_is_written_beside_and_moved_into_place(tmp_path):
    dest = tmp_path / "out.pdf"
    dest.write_bytes(b"old")
    with writing_whole(dest) as tmp:
        assert tmp.parent == tmp_path and tmp.name.startswith(".out.pdf.")
        assert tmp.name.endswith(".part") and tmp.read_bytes() == b""
        assert dest.read_bytes() == b"old"  # nothing is replaced while writing
        tmp.write_bytes(b"new")
    assert dest.read_bytes() == b"new"
    assert _names(tmp_path) == ["out.pdf"]


def test_prefix_suffix_fsync_and_a_folder_made(tmp_path):
    dest = tmp_path / "store" / "ab" / "abc.pdf"
    with writing_whole(dest, prefix=".incoming-", suffix=".part", fsync=True,
                       make_folder=True) as tmp:
        assert tmp.name.startswith(".incoming-") and tmp.name.endswith(".part")
        tmp.write_bytes(b"copy")
    assert dest.read_bytes() == b"copy" and _names(dest.parent) == ["abc.pdf"]


@pytest.mark.parametrize("raised", [ValueError("a bug"), Cancelled(), KeyboardInterrupt()])
def test_any_exception_or_cancel_leaves_the_old_file_and_no_temporary(tmp_path, raised):
    dest = tmp_path / "changes.xlsx"
    dest.write_bytes(b"older")
    with pytest.raises(type(raised)):  # passed on as it is: the caller's own to tell
        with writing_whole(dest) as tmp:
            tmp.write_bytes(b"half")
            raise raised
    assert dest.read_bytes() == b"older"
    assert _names(tmp_path) == ["changes.xlsx"]


def test_a_write_failure_is_one_plain_sentence(tmp_path):
    dest = tmp_path / "pack.xlsx"
    dest.write_bytes(b"previous pack")
    with pytest.raises(WholeFileError) as caught:
        with writing_whole(dest, what="the pack") as tmp:
            tmp.write_bytes(b"partial")
            raise OSError(28, "No space left on device")
    assert caught.value.kind == DISK_FULL and caught.value.dest == dest
    assert str(caught.value) == (f"The pack could not be written in the folder “{tmp_path}” "
                                 "(the disk is full); nothing there was changed.")
    assert dest.read_bytes() == b"previous pack"
    assert _names(tmp_path) == ["pack.xlsx"]


def test_a_missing_folder_is_refused_before_anything_is_written(tmp_path):
    dest = tmp_path / "no-such-folder" / "out.pdf"
    with pytest.raises(WholeFileError, match="does not exist") as caught:
        with writing_whole(dest):
            pytest.fail("the block must not run")
    assert caught.value.kind == MISSING_FOLDER
    assert str(caught.value) == (f"“out.pdf” could not be written: the folder "
                                 f"“{dest.parent}” does not exist.")
    assert _names(tmp_path) == []


def test_a_folder_that_cannot_be_made_says_so(tmp_path):
    # A file where a folder should be refuses new files even for root.
    (tmp_path / "notes").write_text("a file")
    dest = tmp_path / "notes" / "tags.json"
    with pytest.raises(WholeFileError, match="does not accept new files") as caught:
        with writing_whole(dest, what="the tag list", make_folder=True):
            pytest.fail("the block must not run")
    assert str(caught.value).startswith("The tag list could not be written: the folder")
    assert caught.value.kind == FAILED


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="needs POSIX permissions that apply to the user")
def test_a_read_only_folder_keeps_the_old_file(tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    (folder / "out.pdf").write_bytes(b"old")
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        with pytest.raises(WholeFileError, match="does not accept new files "
                                                 r"\(permission denied\)") as caught:
            with writing_whole(folder / "out.pdf"):
                pytest.fail("the block must not run")
    finally:
        folder.chmod(stat.S_IRWXU)
    assert caught.value.kind == READ_ONLY
    assert _names(folder) == ["out.pdf"] and (folder / "out.pdf").read_bytes() == b"old"


def test_a_folder_in_the_way_of_the_move_is_told_and_kept(tmp_path):
    dest = tmp_path / "changes.xlsx"
    dest.mkdir()
    (dest / "keep.txt").write_text("kept")
    with pytest.raises(WholeFileError, match="could not be written in the folder"):
        with writing_whole(dest) as tmp:
            tmp.write_bytes(b"sheet")
    assert (dest / "keep.txt").read_text() == "kept"
    assert _names(tmp_path) == ["changes.xlsx"]


def test_a_file_that_cannot_be_replaced_is_open_elsewhere(tmp_path, monkeypatch):
    # Windows refuses to replace a file open in Excel or Acrobat with PermissionError.
    dest = tmp_path / "out.pdf"
    dest.write_bytes(b"old")

    def refuse(src, dst):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(WholeFileError, match="open in another program") as caught:
        with writing_whole(dest) as tmp:
            tmp.write_bytes(b"new")
    assert caught.value.kind == IN_USE
    assert dest.read_bytes() == b"old" and _names(tmp_path) == ["out.pdf"]


@POSIX
def test_the_replaced_files_mode_is_kept_and_a_new_file_takes_the_umask(tmp_path):
    shared = tmp_path / "shared.pdf"
    shared.write_bytes(b"old")
    shared.chmod(0o640)
    with writing_whole(shared, fsync=True) as tmp:
        tmp.write_bytes(b"new")
    assert stat.S_IMODE(shared.stat().st_mode) == 0o640
    old = os.umask(0o022)
    try:
        with writing_whole(tmp_path / "new.pdf") as tmp:
            tmp.write_bytes(b"new")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.pdf").stat().st_mode) == 0o644


def test_not_written_words_a_failure_before_the_write(tmp_path):
    err = not_written(tmp_path / "pack.xlsx", PermissionError(13, "Permission denied"),
                      what="the pack")
    assert err.kind == READ_ONLY
    assert str(err) == (f"The pack could not be written in the folder “{tmp_path}” "
                        "(permission denied); nothing there was changed.")


def test_a_real_full_disk_keeps_the_old_file(tmp_path):
    with tmpfs("64k") as disk:  # root only; skipped otherwise
        dest = disk / "copy.pdf"
        dest.write_bytes(b"old")
        with pytest.raises(WholeFileError, match=r"\(the disk is full\)") as caught:
            with writing_whole(dest, fsync=True) as tmp:
                with open(tmp, "wb") as out:
                    out.write(b"x" * 200_000)
        assert caught.value.kind == DISK_FULL
        assert dest.read_bytes() == b"old" and _names(disk) == ["copy.pdf"]


def test_a_real_read_only_disk_takes_no_new_files(tmp_path):
    with tmpfs("64k") as disk:  # root only (for whom file modes do not bind); skipped otherwise
        (disk / "copy.pdf").write_bytes(b"old")
        remount_read_only(disk)
        with pytest.raises(WholeFileError, match=r"does not accept new files "
                                                 r"\(the disk is read-only\)") as caught:
            with writing_whole(disk / "copy.pdf"):
                pytest.fail("the block must not run")
        assert caught.value.kind == READ_ONLY
        assert (disk / "copy.pdf").read_bytes() == b"old" and _names(disk) == ["copy.pdf"]


def test_check_folder_says_so_before_long_work(tmp_path):
    check_folder(tmp_path / "pack.xlsx", what="the pack")  # a folder there: nothing to say
    with pytest.raises(WholeFileError, match="^The pack could not be written: the folder "
                                             ".* does not exist.$"):
        check_folder(tmp_path / "gone" / "pack.xlsx", what="the pack")
