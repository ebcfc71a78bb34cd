"""verify / repair on real register files and real stored copies."""

from __future__ import annotations

import os
import shutil
import sqlite3
import time

import pytest

from mopac_desk.register import Register
from mopac_desk.register.importer import import_paths
from mopac_desk.register.verify import (
    CHANGED, DAMAGED, FOREIGN_KEY, MISSING, ORPHAN, PART, UNRANKED, missing_copies,
    repair_register, verify_register,
)
from tests.conftest import PAPERS


@pytest.fixture
def imported(tmp_path):
    """A register holding the three fixture papers, and where its copies are."""
    path = tmp_path / "reg" / "register.sqlite"
    with Register(path, user="tester") as reg:
        outcomes = import_paths(reg, PAPERS)
        assert all(o.status == "imported" for o in outcomes)
        copies = {o.path.name: path.parent / o.papers[0].stored_path for o in outcomes}
    return path, copies


def _age(path, seconds=3600):
    old = time.time() - seconds
    os.utime(path, (old, old))


def test_a_sound_register_is_all_well(imported):
    path, _ = imported
    report = verify_register(path)
    assert report.ok and report.papers == 3 and report.copies == 3
    assert report.lines() == ["All is well: 3 paper(s), 3 stored copies checked, the register "
                              "file is sound."]


def test_missing_changed_orphan_and_part_are_found_and_named(imported):
    path, copies = imported
    pcd977 = copies["pcd-977-end-user-device-refresh.pdf"]
    pcd977.unlink()
    changed = copies["onedrive-migration-iam-report.pdf"]
    changed.write_bytes(changed.read_bytes() + b"tampered")
    orphan = path.parent / "store" / "zz" / "left-over.pdf"
    orphan.parent.mkdir()
    orphan.write_bytes(b"%PDF-1.7 nobody's")
    part = pcd977.parent / ".incoming-abc.part"
    part.write_bytes(b"half a copy")

    report = verify_register(path)
    assert not report.ok and not report.damaged
    assert [p.label for p in report.of_kind(MISSING)] == [
        "PCD 977 (pcd-977-end-user-device-refresh.pdf)"]
    assert len(report.of_kind(CHANGED)) == 1 and len(report.of_kind(ORPHAN)) == 1
    assert len(report.of_kind(PART)) == 1
    text = "\n".join(report.lines())
    assert ("1 stored copy is missing: PCD 977 (pcd-977-end-user-device-refresh.pdf); "
            "re-import the originals or run with --repair") in text
    assert "store/zz/left-over.pdf" in text and "unfinished cop" in text
    with Register(path) as reg:
        assert [m.label for m in missing_copies(reg)] == ["PCD 977"]


def test_repair_puts_back_from_originals_and_removes_strays_but_no_rows(imported, tmp_path):
    path, copies = imported
    for copy in copies.values():
        copy.unlink()
    orphan = path.parent / "store" / "zz" / "left-over.pdf"
    orphan.parent.mkdir()
    orphan.write_bytes(b"%PDF-1.7 nobody's")
    fresh = path.parent / "store" / "zz" / "just-written.pdf"
    fresh.write_bytes(b"%PDF-1.7 an import is writing me")
    _age(orphan)
    originals = tmp_path / "found"
    originals.mkdir()
    shutil.copy(PAPERS[0], originals / "renamed.pdf")  # found by contents, not name

    report = repair_register(path, originals=[originals])
    assert not orphan.exists() and fresh.exists()  # a recent file may be an import's
    assert copies[PAPERS[0].name].read_bytes() == PAPERS[0].read_bytes()
    assert len(report.of_kind(MISSING)) == 2
    said = " ".join(report.repaired)
    assert "Put back 1 stored copy" in said and "nothing was deleted" in said
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT count(*) FROM papers").fetchone()[0] == 3
        assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 3


def test_a_changed_copy_is_replaced_by_one_with_the_right_hash(imported, tmp_path):
    path, copies = imported
    copy = copies[PAPERS[1].name]
    copy.write_bytes(b"%PDF-1.7 not the paper any more")
    report = repair_register(path, originals=[PAPERS[1]])
    assert report.ok and copy.read_bytes() == PAPERS[1].read_bytes()


def test_foreign_keys_and_damage_are_reported_and_repair_touches_nothing(imported):
    path, copies = imported
    with sqlite3.connect(path) as conn:  # foreign keys off: a row pointing nowhere
        conn.execute("INSERT INTO fields (paper_id, name, value) VALUES (999, 'title', 'x')")
    report = verify_register(path)
    assert report.of_kind(FOREIGN_KEY) and report.damaged
    assert "1 row of the register points to a row that does not exist" in report.lines()[0]

    orphan = path.parent / "store" / "zz" / "maybe-a-paper.pdf"
    orphan.parent.mkdir()
    orphan.write_bytes(b"%PDF-1.7")
    _age(orphan)
    report = repair_register(path)
    assert orphan.exists()  # the register cannot be trusted to say what is an orphan
    assert report.repaired == ["The register file is damaged, so nothing was changed or removed."]


def test_a_damaged_or_empty_file_is_reported_not_opened_for_writing(imported):
    path, _ = imported
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    report = verify_register(path)
    assert report.damaged and not report.ok
    assert "mopac-desk verify" not in " ".join(report.lines())  # verify does not point at itself

    path.write_bytes(b"")
    report = verify_register(path)
    [problem] = report.problems
    assert problem.kind == DAMAGED and "empty (0 bytes)" in problem.label
    assert path.stat().st_size == 0


def test_text_that_is_no_longer_utf8_and_a_broken_search_index_are_damage(imported):
    path, _ = imported
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE fields SET value = CAST(x'ff41fe' AS TEXT) WHERE name = 'title'")
    assert "fields cannot be read" in verify_register(path).lines()[0]

    path2 = path.with_name("second.sqlite")
    with Register(path2) as reg:
        import_paths(reg, PAPERS[:1])
    with sqlite3.connect(path2) as conn:
        conn.execute("DROP TABLE search_index_config")
    assert "search index cannot be read" in verify_register(path2).lines()[0]


def test_a_paper_out_of_step_in_the_search_ranking_is_found_and_indexed_again(imported):
    path, _ = imported
    with Register(path) as reg:
        pid = next(p.id for p in reg.list_papers() if p.reference == "PCD 977")
        assert pid in reg.search_papers("laptops").paper_ids  # PCD 977 speaks of laptops
    conn = sqlite3.connect(path)  # another program edits the file behind the register
    with conn:
        conn.execute("DELETE FROM paper_index WHERE rowid = ?", (pid,))
    conn.close()
    with Register(path) as reg:
        assert pid not in reg.search_papers("laptops").paper_ids  # search misses it now

    report = verify_register(path)
    assert [p.paper_ids for p in report.of_kind(UNRANKED)] == [(pid,)]
    assert ("1 paper is out of step in the search ranking: PCD 977; the file was changed by "
            "another program or is damaged, and search may miss or misorder them; run with "
            "--repair to index them again.") in report.lines()
    after = repair_register(path)
    assert after.ok and "Indexed 1 paper(s) again for search." in after.repaired
    with Register(path) as reg:
        assert pid in reg.search_papers("laptops").paper_ids
