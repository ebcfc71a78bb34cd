"""Migration 4 on a real version-3 register file: a backup first, then every paper gets its
row in the paper index from the place rows already there, and search finds what it found.

tests/fixtures/registers/register-v3.sqlite was made by the version-3 program importing the
three fixture papers and a generated meeting pack (agenda cover, PCD 1577, PCD 1600), with
one title set by a clerk.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from mopac_desk.register import Register, schema
from mopac_desk.register.paper_index import stale_papers

V3 = Path(__file__).resolve().parents[2] / "fixtures" / "registers" / "register-v3.sqlite"
WORDS = ["device", "laptops", "custody", "onedrive", "capital", "video", "agenda", "courier",
         "locking", "clerk", "hewitt", "2025"]


@pytest.fixture
def v3_copy(tmp_path: Path) -> Path:
    path = tmp_path / "register.sqlite"
    shutil.copyfile(V3, path)
    return path


def _papers_with_a_place(conn: sqlite3.Connection, word: str) -> set[int]:
    """What the version-3 search matched: papers with a place holding the word, a pack's
    agenda cover not counted as its first paper's."""
    return {r[0] for r in conn.execute(
        "SELECT r.paper_id FROM search_index s JOIN search_rows r ON r.id = s.rowid "
        "WHERE search_index MATCH ? AND NOT EXISTS (SELECT 1 FROM parts c WHERE "
        "c.paper_id = r.paper_id AND c.kind = 'cover' AND r.source = 'page' "
        "AND r.page BETWEEN c.first_page AND c.last_page)", (f'"{word}"',))}


def test_a_v3_register_is_backed_up_and_gets_its_paper_index(v3_copy):
    assert sqlite3.connect(v3_copy).execute("PRAGMA user_version").fetchone()[0] == 3
    with Register(v3_copy) as reg:
        assert reg.schema_version == schema.SCHEMA_VERSION == 4
        assert reg.backup_made is not None and ".v3-" in reg.backup_made.name
        papers = reg.conn.execute("SELECT COUNT(*) FROM papers").fetchone()[0]
        assert papers == 5
        assert reg.conn.execute("SELECT COUNT(*) FROM paper_index").fetchone()[0] == papers
        assert stale_papers(reg.conn) == []
        assert reg.integrity_ok()
    backup = sqlite3.connect(reg.backup_made)
    assert backup.execute("PRAGMA user_version").fetchone()[0] == 3
    assert backup.execute("SELECT COUNT(*) FROM sqlite_master WHERE name = 'paper_index'"
                          ).fetchone()[0] == 0
    backup.close()
    with Register(v3_copy) as again:
        assert again.backup_made is None  # migrated once


def test_after_migration_search_finds_the_papers_it_found_before(v3_copy):
    before = sqlite3.connect(v3_copy)
    expected = {w: _papers_with_a_place(before, w) for w in WORDS}
    before.close()
    with Register(v3_copy) as reg:
        for word in WORDS:
            assert set(reg.search_papers(word).paper_ids) == expected[word], word
        # the pack's agenda is the pack's: no paper, one cover hit
        agenda = reg.search_papers("agenda")
        assert [h.label for h in reg.search_hits("agenda", agenda.covers).values()] == [
            "Agenda (pack.pdf p. 1)"]
        # a title match ranks first; the clerk's own title is what is indexed
        custody = reg.search_papers("custody").paper_ids
        assert reg.list_papers(paper_ids=custody[:1])[0].title == "Custody Estate Renewal 2024/25"
        clerk = reg.search_papers("clerk").paper_ids
        hit = reg.paper_hits("clerk", clerk)[clerk[0]]
        assert hit.source == "field:title" and "([clerk]'s title)" in hit.snippet
        # and the index keeps up with what happens after the migration
        reg.set_field(clerk[0], "title", "Kestrel radios for officers")
        assert reg.search_papers("kestrel").paper_ids == clerk
        assert stale_papers(reg.conn) == []


def test_a_backup_the_disk_cannot_hold_stops_the_upgrade_and_leaves_the_file(tmp_path):
    from mopac_desk.register import RegisterError
    from tests.reliability.support import tmpfs

    with tmpfs("512k") as disk:  # root only; skipped otherwise (a 372 kB register)
        path = disk / "register.sqlite"
        shutil.copy(V3, path)
        with pytest.raises(RegisterError, match="the disk is full. Nothing was changed"):
            Register(path, user="tester")
        conn = sqlite3.connect(path)
        try:  # still layout 3, and whole
            assert conn.execute("PRAGMA user_version").fetchone()[0] == 3
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        finally:
            conn.close()
        assert not [p.name for p in disk.iterdir() if ".bak" in p.name]  # no half backup
