"""Migrations: a real version-1 register file is upgraded, with a backup made first."""

from __future__ import annotations

import sqlite3

from mopac_desk.register import Register
from mopac_desk.register import schema


def _make_v1(path) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    schema.migrate(conn, None, target=1)
    conn.execute("INSERT INTO papers (id, sha256, first_page, last_page, file_name, stored_path, "
                 "file_pages, imported_at, extracted_at) VALUES (1, 'ab', 1, 2, 'a.pdf', "
                 "'store/ab/ab.pdf', 2, '2024-01-01', '2024-01-01')")
    conn.execute("INSERT INTO fields (paper_id, name, value, confirmed) VALUES "
                 "(1, 'reference', 'PCD 1', 0), (1, 'title', 'Clerk title', 1)")
    conn.close()


def test_v1_file_is_migrated_with_backup(tmp_path):
    path = tmp_path / "register.sqlite"
    _make_v1(path)
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == 1

    with Register(path) as reg:
        assert reg.schema_version == schema.SCHEMA_VERSION == 4
        assert reg.backup_made is not None and reg.backup_made.parent == tmp_path
        fields = reg.get_paper(1).fields
        assert fields["reference"].extracted_value == "PCD 1"
        # a clerk-confirmed v1 value has no engine reading to carry over
        assert fields["title"].extracted_value is None
        assert fields["title"].value == "Clerk title"

    backup = sqlite3.connect(reg.backup_made)
    assert backup.execute("PRAGMA user_version").fetchone()[0] == 1
    assert backup.execute("SELECT value FROM fields WHERE name = 'reference'").fetchone()[0] == "PCD 1"
    assert backup.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    backup.close()


def test_current_file_is_not_backed_up_again(tmp_path):
    path = tmp_path / "register.sqlite"
    Register(path).close()
    with Register(path) as reg:
        assert reg.backup_made is None
    assert not list(tmp_path.glob("*.bak"))
