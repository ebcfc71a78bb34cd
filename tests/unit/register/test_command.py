"""The register's command line, run in-process through ``mopac_desk.cli.main``."""

from __future__ import annotations

import json

from mopac_desk.cli import main
from mopac_desk.paths import demo_papers
from tests.conftest import PAPERS


def test_import_list_search_and_exit_status(tmp_path, capsys):
    reg = str(tmp_path / "r.sqlite")
    bad = tmp_path / "bad.pdf"
    bad.write_text("not a pdf")
    assert main(["import", str(PAPERS[0]), str(bad), "--register", reg,
                 "--meeting", "2025-06-12"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("imported: ") and out[1].startswith("failed: bad.pdf — ")
    assert "not a PDF" in out[1]
    assert main(["import", str(PAPERS[0]), "--register", reg]) == 0
    assert capsys.readouterr().out.startswith("duplicate: ")

    assert main(["list", "--json", "--register", reg]) == 0
    [row] = json.loads(capsys.readouterr().out)
    assert row["meeting"].startswith("2025-06-12") and isinstance(row["totals_pence"], dict)
    assert main(["search", "devic*", "--json", "--register", reg]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert hits and all(h["paper_id"] == row["id"] for h in hits)
    assert main(["search", '"unbalanced (', "--register", reg]) == 0


def test_meeting_subcommands(tmp_path, capsys):
    reg = str(tmp_path / "r.sqlite")
    main(["import", str(PAPERS[0]), str(PAPERS[1]), "--register", reg])
    assert main(["meeting", "create", "2025-07-01", "IAM July", "--register", reg]) == 0
    assert main(["meeting", "add", "1", "2", "1", "--register", reg]) == 0
    assert main(["meeting", "create", "July", "--register", reg]) == 1
    assert "YYYY-MM-DD" in capsys.readouterr().err
    assert main(["meeting", "list", "--json", "--register", reg]) == 0
    [meeting] = json.loads(capsys.readouterr().out)
    assert [p["id"] for p in meeting["agenda"]] == [2, 1]


def test_demo_register_is_idempotent(tmp_path, capsys):
    reg = str(tmp_path / "demo.sqlite")
    assert main(["demo-register", "--register", reg]) == 0
    first = capsys.readouterr().out
    assert first.count("imported: ") == len(demo_papers())
    assert main(["demo-register", "--register", reg]) == 0
    second = capsys.readouterr().out
    assert second.count("duplicate: ") == len(demo_papers()) and "imported: " not in second
    main(["meeting", "list", "--json", "--register", reg])
    meetings = json.loads(capsys.readouterr().out)
    assert len(meetings) == 1 and len(meetings[0]["agenda"]) == len(demo_papers())


def test_unreadable_register_is_a_message_not_a_traceback(tmp_path, capsys):
    bad = tmp_path / "r.sqlite"
    bad.write_bytes(b"rubbish" * 1000)
    assert main(["list", "--register", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "not a mopac-desk register" in err and "Traceback" not in err


# -- trust under faults (issue 13) and the command line's friction (issue 16) ---------------

import os  # noqa: E402
import sqlite3  # noqa: E402
import sys  # noqa: E402

import pytest  # noqa: E402

from tests.helpers.bad_pdfs import PASSWORD, encrypted_pdf  # noqa: E402

PCD977 = next(p for p in PAPERS if p.name.startswith("pcd-977"))


def _imported(tmp_path, capsys, papers=PAPERS):
    reg = tmp_path / "reg" / "r.sqlite"
    assert main(["import", *map(str, papers), "--register", str(reg),
                 "--meeting", "2025-06-12"]) == 0
    capsys.readouterr()
    return reg


def _one_plain_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in err, err
    return lines[0]


def test_verify_says_all_is_well_or_what_is_missing(tmp_path, capsys):
    reg = _imported(tmp_path, capsys)
    assert main(["verify", "--register", str(reg)]) == 0
    assert capsys.readouterr().out.startswith("All is well: 3 paper(s), 3 stored copies")
    for copy in (reg.parent / "store").glob("*/*.pdf"):
        if copy.read_bytes() == PCD977.read_bytes():
            copy.unlink()
    assert main(["verify", "--register", str(reg)]) == 1
    out = capsys.readouterr().out
    assert out.startswith(f"1 stored copy is missing: PCD 977 ({PCD977.name}); re-import the "
                          "originals or run with --repair")
    assert main(["verify", "--register", str(reg), "--repair", "--originals",
                 str(PCD977.parent)]) == 0
    assert "Put back 1 stored copy" in capsys.readouterr().out
    assert main(["verify", "--json", "--register", str(reg)]) == 0
    assert json.loads(capsys.readouterr().out)["ok"] is True
    assert main(["verify", "--originals", str(tmp_path), "--register", str(reg)]) == 2
    assert "add --repair" in capsys.readouterr().err
    assert main(["verify", "--register", str(tmp_path / "absent.sqlite")]) == 1
    assert capsys.readouterr().out.startswith("There is no register at")


def test_list_search_and_export_warn_of_a_missing_stored_copy(tmp_path, capsys):
    reg = _imported(tmp_path, capsys)
    for copy in (reg.parent / "store").glob("*/*.pdf"):
        if copy.read_bytes() == PCD977.read_bytes():
            copy.unlink()
    for argv in (["list"], ["search", "devices"],
                 ["export-pack", "--meeting", "2025-06-12", "--out", str(tmp_path / "p.xlsx")]):
        assert main([*argv, "--register", str(reg)]) == 0
        line = _one_plain_line(capsys.readouterr().err)
        assert "stored copy of 1 paper is missing (PCD 977)" in line
        assert "mopac-desk verify" in line


def _truncate(path):
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _undecodable(path):
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE fields SET value = CAST(x'ff41fe' AS TEXT)")


def _broken_index(path):
    with sqlite3.connect(path) as conn:
        conn.execute("DROP TABLE search_index_config")


@pytest.mark.parametrize("damage", [_truncate, _undecodable, _broken_index])
def test_every_command_on_a_damaged_register_is_one_plain_line(tmp_path, capsys, damage):
    reg = _imported(tmp_path, capsys, papers=PAPERS[:2])
    damage(reg)
    before = reg.read_bytes()
    new_paper = [p for p in PAPERS if p not in PAPERS[:2]][0]
    commands = [["search", "devices"], ["import", str(new_paper)],
                ["export-pack", "--all", "--out", str(tmp_path / "p.xlsx")], ["list"],
                ["meeting", "list"], ["verify"]]
    failed = 0
    for argv in commands:
        status = main([*argv, "--register", str(reg)])
        captured = capsys.readouterr()
        assert "Traceback" not in captured.err + captured.out
        if argv[0] == "verify":
            assert status == 1 and "damaged" in captured.out
            continue
        if status:
            failed += 1
            line = _one_plain_line(captured.err)
            assert status == 1 and "damaged" in line and "mopac-desk verify" in line, line
    assert failed >= 2  # a broken search index still lists; every command that meets it fails
    if damage is _truncate:
        assert reg.read_bytes() == before  # nothing was written to the damaged file


def test_an_emptied_register_beside_stored_copies_is_not_made_anew(tmp_path, capsys):
    reg = _imported(tmp_path, capsys)
    for extra in reg.parent.glob("r.sqlite-*"):
        extra.unlink()
    reg.write_bytes(b"")
    for argv in (["list"], ["import", str(PCD977)], ["verify"]):
        assert main([*argv, "--register", str(reg)]) == 1
        captured = capsys.readouterr()
        assert "empty (0 bytes)" in captured.err + captured.out
    assert reg.stat().st_size == 0


def test_another_programs_database_is_left_alone(tmp_path, capsys):
    other = tmp_path / "contacts.sqlite"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE people (name TEXT)")
    before = other.read_bytes()
    assert main(["import", str(PCD977), "--register", str(other)]) == 1
    assert "another program" in _one_plain_line(capsys.readouterr().err)
    assert other.read_bytes() == before


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="file modes do not bind root; tests/reliability uses a read-only mount")
def test_a_read_only_register_is_read_and_refuses_writes(tmp_path, capsys):
    reg = _imported(tmp_path, capsys)
    os.chmod(reg, 0o444)
    os.chmod(reg.parent, 0o555)
    try:
        assert main(["list", "--register", str(reg)]) == 0
        assert main(["search", "devices", "--register", str(reg)]) == 0
        assert main(["export-pack", "--all", "--out", str(tmp_path / "p.xlsx"),
                     "--register", str(reg)]) == 0
        capsys.readouterr()
        assert main(["import", str(PCD977), "--register", str(reg)]) == 1
        assert "read-only" in _one_plain_line(capsys.readouterr().err)
        assert main(["meeting", "create", "2025-07-01", "--register", str(reg)]) == 1
        assert "read-only" in _one_plain_line(capsys.readouterr().err)
    finally:
        os.chmod(reg.parent, 0o755)
        os.chmod(reg, 0o644)


@pytest.mark.skipif(sys.platform != "linux", reason="file names are bytes only on Linux")
def test_names_that_are_not_utf8_or_hold_a_newline_import_and_print_on_one_line(tmp_path,
                                                                                 capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    odd = os.fsdecode(b"caf\xe9.pdf")
    (folder / odd).write_bytes(PCD977.read_bytes())
    (folder / "two\nlines.pdf").write_bytes(PAPERS[0].read_bytes())
    reg = tmp_path / "r.sqlite"
    assert main(["import", str(folder), "--register", str(reg)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 3 and all(line.startswith("imported: ") for line in out[:2]), out
    assert any('"caf\\xe9.pdf"' in line for line in out)
    assert any('"two\\nlines.pdf"' in line for line in out)
    assert main(["verify", "--register", str(reg)]) == 0  # no orphan copy left behind
    assert main(["list", "--json", "--register", str(reg)]) == 0
    capsys.readouterr()


def test_import_takes_a_password_and_the_refusal_says_how(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    encrypted_pdf(folder)
    reg = str(tmp_path / "r.sqlite")
    assert main(["import", str(folder), "--register", reg]) == 1
    assert "--password" in capsys.readouterr().out
    assert main(["import", str(folder), "--register", reg, "--password", PASSWORD]) == 0
    assert capsys.readouterr().out.startswith("imported: protected.pdf")


@pytest.mark.parametrize("command", ["check", "extract"])
def test_json_errors_are_json(tmp_path, capsys, command):
    bad = tmp_path / "notes.pdf"
    bad.write_text("not a pdf")
    assert main([command, str(bad), "--json"]) == 2
    error = json.loads(capsys.readouterr().out)
    assert "not a PDF" in error["error"] and error["file"] == str(bad)
    assert main([command, str(tmp_path / "absent.pdf"), "--json"]) == 2
    assert "could not be found" in json.loads(capsys.readouterr().out)["error"]


def test_meetings_are_named_by_id_or_date_everywhere(tmp_path, capsys):
    reg = str(tmp_path / "r.sqlite")
    assert main(["meeting", "create", "2025-07-01", "IAM July", "--register", reg]) == 0
    assert main(["import", str(PCD977), "--meeting", "1", "--register", reg]) == 0
    assert main(["meeting", "add", "2025-07-01", "1", "--register", reg]) == 0
    assert main(["meeting", "add", "7", "1", "--register", reg]) == 1
    assert "no meeting number 7" in capsys.readouterr().err
    for meeting in ("1", "2025-07-01"):
        assert main(["export-pack", "--meeting", meeting, "--out", str(tmp_path / "p.xlsx"),
                     "--register", reg]) == 0
    assert main(["meeting", "create", "2025-08-01", "--register", reg]) == 0
    capsys.readouterr()
    assert main(["export-pack", "--meeting", "2025-08-01", "--out", str(tmp_path / "e.xlsx"),
                 "--register", reg]) == 2
    assert "no papers" in _one_plain_line(capsys.readouterr().err)
    assert not (tmp_path / "e.xlsx").exists()


def test_search_names_the_document_and_explains_syntax_alone(tmp_path, capsys):
    reg = _imported(tmp_path, capsys, papers=[PCD977])
    assert main(["search", "devices", "--register", str(reg)]) == 0
    first = capsys.readouterr().out.splitlines()[0]
    assert PCD977.name in first
    assert main(["search", "devices", "--json", "--register", str(reg)]) == 0
    hit = json.loads(capsys.readouterr().out)[0]
    assert hit["document"]["file"] == PCD977.name and hit["document"]["label"]
    assert main(["search", "AND", "--register", str(reg)]) == 2
    assert "nothing was searched" in _one_plain_line(capsys.readouterr().err)


def test_an_emptied_register_with_a_journal_beside_it_is_left_alone(tmp_path, capsys):
    reg = tmp_path / "r.sqlite"
    reg.write_bytes(b"")
    wal = tmp_path / "r.sqlite-wal"
    wal.write_bytes(b"\x37\x7f\x06\x82 changes not yet in the file")
    assert main(["meeting", "create", "2025-07-01", "--register", str(reg)]) == 1
    assert "journal r.sqlite-wal holds changes" in _one_plain_line(capsys.readouterr().err)
    assert reg.stat().st_size == 0 and wal.read_bytes().startswith(b"\x37\x7f")
    wal.unlink()  # an empty file alone holds nothing to lose: it becomes a register
    assert main(["meeting", "create", "2025-07-01", "--register", str(reg)]) == 0
