"""The register's stored copies follow the one whole-file rule: a read failure of the file
being imported stays that file's own, a write failure is the register's, and neither leaves a
half-written copy or a temporary file behind."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from mopac_desk.register import RegisterError
from mopac_desk.register.storage import copy_into, store_copy


def test_a_copy_is_whole_and_beside_nothing(tmp_path):
    source = tmp_path / "paper.pdf"
    source.write_bytes(b"%PDF-1.7 paper")
    rel = store_copy(source, tmp_path / "reg", "ab" * 32)
    assert (tmp_path / "reg" / rel).read_bytes() == b"%PDF-1.7 paper"
    assert os.listdir((tmp_path / "reg" / rel).parent) == [Path(rel).name]


@pytest.mark.skipif(sys.platform != "linux", reason="/proc/self/mem fails to read on Linux")
def test_a_read_failure_is_the_files_own_and_leaves_nothing(tmp_path):
    # /proc/self/mem opens but its first read fails (EIO): a real mid-copy read error.
    target = tmp_path / "store" / "ab" / "copy.pdf"
    with pytest.raises(OSError) as caught:
        copy_into(Path("/proc/self/mem"), target)
    assert not isinstance(caught.value, RegisterError)
    assert os.listdir(target.parent) == []


def test_a_write_failure_is_the_registers_and_keeps_the_copy_there(tmp_path):
    source = tmp_path / "paper.pdf"
    source.write_bytes(b"%PDF-1.7 paper")
    target = tmp_path / "store" / "ab" / "copy.pdf"
    target.mkdir(parents=True)  # a folder where the copy goes: the move fails, even for root
    with pytest.raises(RegisterError, match="The register's copy of the file could not be "
                                            "written in the folder"):
        copy_into(source, target)
    assert target.is_dir() and os.listdir(target.parent) == ["copy.pdf"]
