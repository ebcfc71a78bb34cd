"""Damaged registers (cut short at several points, random pages overwritten, emptied, text no
longer UTF-8, a broken search index): every command says one plain line and exits 1 or does
its job, never a traceback; a command that fails writes nothing; no stored copy is ever lost."""

from __future__ import annotations

import os
import random
import shutil
import sqlite3
from pathlib import Path

import pytest

from mopac_desk.cli import main
from tests.conftest import PAPERS
from tests.reliability.support import CONTROLS, tree_hashes

pytestmark = pytest.mark.slow

PAGE = 4096


@pytest.fixture(scope="module")
def sound(tmp_path_factory) -> Path:
    """A register of two papers on a meeting's agenda (closed: no -wal file beside it)."""
    register = tmp_path_factory.mktemp("sound") / "register.sqlite"
    assert main(["import", *map(str, PAPERS[:2]), "--register", str(register),
                 "--meeting", "2025-06-12"]) == 0
    return register


def _cut(fraction: float):
    def damage(path: Path) -> None:
        os.truncate(path, int(path.stat().st_size * fraction) | 1)  # mid-page, odd length
    damage.__name__ = f"cut_to_{int(fraction * 100)}pc"
    return damage


def _pages(seed: int):
    def damage(path: Path) -> None:
        rng = random.Random(seed)
        pages = path.stat().st_size // PAGE
        with path.open("r+b") as fh:
            for _ in range(3):
                fh.seek(PAGE * rng.randrange(1, pages) + rng.randrange(0, PAGE - 512))
                fh.write(rng.randbytes(rng.choice([16, 512])))
    damage.__name__ = f"pages_seed_{seed}"
    return damage


def emptied(path: Path) -> None:
    path.write_bytes(b"")


def header(path: Path) -> None:
    with path.open("r+b") as fh:
        fh.write(b"PK\x03\x04 not sqlite")


def undecodable(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE recommendations SET text = CAST(x'c328ff' AS TEXT)")


def no_index(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("DROP TABLE search_index_data")


DAMAGE = [_cut(0.1), _cut(0.5), _cut(0.9), *(_pages(s) for s in range(1, 6)), emptied, header,
          undecodable, no_index]


@pytest.mark.parametrize("damage", DAMAGE, ids=[d.__name__ for d in DAMAGE])
def test_every_command_on_a_damaged_register(sound, damage, tmp_path, capsys):
    folder = tmp_path / "reg"
    shutil.copytree(sound.parent, folder)
    register = folder / sound.name
    damage(register)
    copies_before = tree_hashes(folder / "store")
    commands = [
        ["list"], ["list", "--json"], ["search", "devices"], ["meeting", "list"],
        ["meeting", "create", "2025-07-01"], ["meeting", "add", "2025-06-12", "1"],
        ["import", str(PAPERS[2])],
        ["export-pack", "--meeting", "2025-06-12", "--out", str(tmp_path / "pack.xlsx")],
        ["verify"], ["verify", "--repair"],
    ]
    for argv in commands:
        before = register.read_bytes()
        status = main([*argv, "--register", str(register)])
        out, err = capsys.readouterr()
        assert not CONTROLS & set(out + err), argv
        if argv[0] == "verify":
            assert status in (0, 1) and not err, (argv, err)
            if status:
                assert "damaged" in out or "empty" in out or "missing" in out, out
            continue
        assert status in (0, 1), (argv, status, err)
        if status == 1:
            lines = err.strip().splitlines()
            assert len(lines) == 1, (argv, err)
            assert "mopac-desk verify" in lines[0] or "another program" in lines[0], lines
            assert register.read_bytes() == before, argv  # a failing command wrote nothing
    after = tree_hashes(folder / "store")
    # no stored copy lost or changed (an import that got through may have added one)
    assert {k: after.get(k) for k in copies_before} == copies_before
    if damage is emptied:
        assert register.stat().st_size == 0
