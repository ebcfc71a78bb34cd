"""What the reliability tests share: running ``mopac-desk`` as a real process, asserting that
its output is plain, and disks that are small or read-only (real tmpfs mounts, root only)."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Iterator

import pytest

ROOT = Path(__file__).resolve().parents[2]
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
# Dropping these from the bounding set makes root obey file modes like anyone else.
DROP_DAC = ["setpriv", "--bounding-set=-dac_override,-dac_read_search"]


def env() -> dict[str, str]:
    out = dict(os.environ)
    out["PYTHONPATH"] = str(ROOT) + os.pathsep + out.get("PYTHONPATH", "")
    out["PYTHONUNBUFFERED"] = "1"
    return out


def cli(*args: str | Path) -> list[str]:
    return [sys.executable, "-m", "mopac_desk", *map(str, args)]


def run(*args: str | Path, cwd: Path, timeout: float = 120,
        obey_modes: bool = False) -> subprocess.CompletedProcess:
    """Run ``mopac-desk ARGS`` and wait; ``obey_modes`` runs it as a root that file modes bind
    (so "permission denied" and read-only folders are real for it too)."""
    command = cli(*args)
    if obey_modes and IS_ROOT:
        if shutil.which("setpriv") is None:
            pytest.skip("needs setpriv to drop root's file-permission override")
        command = DROP_DAC + command
    return subprocess.run(command, capture_output=True, text=True, env=env(), cwd=cwd,
                          timeout=timeout, errors="surrogateescape")


CONTROLS = {chr(c) for c in [*range(0, 9), *range(11, 32), 0x7F, *range(0x80, 0xA0)]}


def assert_plain(result: subprocess.CompletedProcess, *, statuses: set[int],
                 one_line_err: bool = True) -> None:
    """No traceback, an expected exit status, stderr one line (when asked), nothing a
    terminal would obey on either stream."""
    both = result.stdout + result.stderr
    assert "Traceback" not in both and "Exception ignored" not in both, both[-2000:]
    assert result.returncode in statuses, (result.returncode, both[-2000:])
    if one_line_err and result.stderr.strip():
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1, result.stderr
    bad = CONTROLS & set(both)
    assert not bad, f"control characters reached the terminal: {sorted(map(ord, bad))}"


def can_mount() -> bool:
    return IS_ROOT and sys.platform.startswith("linux") and shutil.which("mount") is not None


@contextlib.contextmanager
def tmpfs(size: str) -> Iterator[Path]:
    """A real, small tmpfs mount (root only; skips otherwise)."""
    if not can_mount():
        pytest.skip("needs root to mount a small tmpfs")
    where = Path(tempfile.mkdtemp(prefix="mopac-desk-disk-"))
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        where.rmdir()
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], capture_output=True)
        with contextlib.suppress(OSError):
            where.rmdir()


def remount_read_only(where: Path) -> None:
    subprocess.run(["mount", "-o", "remount,ro", str(where)], check=True, capture_output=True)


def tree_hashes(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` and its bytes (what "nothing lost" compares)."""
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}
