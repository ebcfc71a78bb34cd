"""SIGKILL in the middle of an import or an export, two importers at once, a reader that
goes away: whatever was committed is whole, nothing is lost, verify (then repair) accounts for
every file, and a closed pipe ends quietly."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import openpyxl
import pytest

from mopac_desk.files import file_sha256
from tests.conftest import PAPERS
from tests.reliability.support import assert_plain, cli, env, run

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")]


def _copies(folder: Path, n: int, papers=PAPERS) -> list[Path]:
    """``n`` distinct files (each a whole paper; bytes after %%EOF change only the hash)."""
    folder.mkdir(parents=True)
    made = []
    for i in range(n):
        source = papers[i % len(papers)]
        made.append(folder / f"{source.stem}-{i:03d}.pdf")
        made[-1].write_bytes(source.read_bytes() + f"\n%copy {i}\n".encode())
    return made


def _age_store(root: Path) -> None:
    old = time.time() - 3600
    for item in (root / "store").rglob("*"):
        if item.is_file():
            os.utime(item, (old, old))


def _kill_after(command: list[str], cwd: Path, lines: int, seconds: float) -> int:
    """Start ``command``, SIGKILL it after ``lines`` lines of output or ``seconds``; returns how
    many lines starting "imported:" it printed."""
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            env=env(), cwd=cwd)
    os.set_blocking(proc.stdout.fileno(), False)
    buffer = b""
    deadline = time.monotonic() + seconds
    while proc.poll() is None and buffer.count(b"\n") < lines and time.monotonic() < deadline:
        buffer += proc.stdout.read() or b""
        time.sleep(0.01)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    buffer += proc.stdout.read() or b""
    proc.stdout.close()
    return sum(line.startswith(b"imported:") for line in buffer.splitlines())


def test_repeated_sigkills_during_import_lose_nothing_and_verify_accounts_for_all(tmp_path):
    files = _copies(tmp_path / "in", 24)
    register = tmp_path / "reg" / "register.sqlite"
    rng = random.Random(13)
    for _ in range(4):
        _kill_after(cli("import", tmp_path / "in", "--register", register), tmp_path,
                    lines=rng.randrange(0, 6), seconds=rng.uniform(1.0, 4.0))
        if not register.exists():
            continue
        with sqlite3.connect(register) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        result = run("verify", "--register", register, cwd=tmp_path)
        assert_plain(result, statuses={0, 1})
        # only what a kill may leave: a copy stored just before its papers were written, or a
        # half-written .part; never a paper whose copy is missing or changed
        for line in result.stdout.splitlines():
            assert ("belong" in line or "unfinished" in line or "All is well" in line), line

    _age_store(register.parent)
    repaired = run("verify", "--repair", "--register", register, cwd=tmp_path)
    assert_plain(repaired, statuses={0})
    done = run("import", tmp_path / "in", "--register", register, cwd=tmp_path, timeout=300)
    assert_plain(done, statuses={0})
    assert run("verify", "--register", register, cwd=tmp_path).returncode == 0
    with sqlite3.connect(register) as conn:
        docs = conn.execute("SELECT sha256, stored_path FROM documents").fetchall()
    assert sorted(sha for sha, _ in docs) == sorted(file_sha256(f) for f in files)
    for sha, rel in docs:
        assert file_sha256(register.parent / rel) == sha


def test_sigkill_during_export_never_leaves_a_half_written_pack(tmp_path):
    register = tmp_path / "reg" / "register.sqlite"
    assert_plain(run("import", *PAPERS, "--register", register, cwd=tmp_path), statuses={0})
    out = tmp_path / "packs" / "pack.xlsx"
    out.parent.mkdir()
    command = cli("export-pack", "--all", "--out", out, "--register", register)
    rng = random.Random(5)
    finished = 0
    for _ in range(6):
        proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                env=env(), cwd=tmp_path)
        time.sleep(rng.uniform(0.3, 2.5))
        if proc.poll() is not None:
            finished += 1
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        if out.exists():  # the pack under its real name is always a whole workbook
            openpyxl.load_workbook(out, read_only=True).close()
    result = run("export-pack", "--all", "--out", out, "--register", register, cwd=tmp_path)
    assert_plain(result, statuses={0})
    openpyxl.load_workbook(out).close()
    assert run("verify", "--register", register, cwd=tmp_path).returncode == 0


def test_two_importers_at_once_lose_and_duplicate_nothing(tmp_path):
    first = _copies(tmp_path / "a", 8)
    second = _copies(tmp_path / "b", 8, papers=list(reversed(PAPERS)))
    for i, path in enumerate(second):  # distinct from the first folder's files
        path.write_bytes(path.read_bytes() + f"%second {i}\n".encode())
    register = tmp_path / "reg" / "register.sqlite"
    assert_plain(run("import", PAPERS[0], "--register", register, cwd=tmp_path), statuses={0})
    procs = [subprocess.Popen(cli("import", folder, "--register", register),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              env=env(), cwd=tmp_path)
             for folder in (tmp_path / "a", tmp_path / "b")]
    for proc in procs:
        out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, out[-1500:] + err[-1500:]
        assert "Traceback" not in err
    with sqlite3.connect(register) as conn:
        shas = [r[0] for r in conn.execute("SELECT sha256 FROM documents")]
        papers = conn.execute("SELECT count(*) FROM papers").fetchone()[0]
    assert sorted(shas) == sorted({file_sha256(p) for p in [PAPERS[0], *first, *second]})
    assert papers == len(PAPERS)  # copies of one paper are one paper, whoever imported them
    assert run("verify", "--register", register, cwd=tmp_path).returncode == 0


def test_a_reader_that_goes_away_ends_the_import_quietly(tmp_path):
    _copies(tmp_path / "in", 6)
    register = tmp_path / "reg" / "register.sqlite"
    proc = subprocess.Popen(cli("import", tmp_path / "in", "--register", register),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env(),
                            cwd=tmp_path)
    proc.stdout.readline()  # like `| head -1`
    proc.stdout.close()
    err = proc.stderr.read().decode()
    proc.stderr.close()
    proc.wait(timeout=120)
    assert "Traceback" not in err and "BrokenPipe" not in err and "Exception ignored" not in err
    with sqlite3.connect(register) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert run("verify", "--register", register, cwd=tmp_path).returncode in (0, 1)
