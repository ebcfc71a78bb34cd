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
