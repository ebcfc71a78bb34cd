"""``mopac-desk check`` on real and unreadable files."""

from __future__ import annotations

import json
from pathlib import Path

from mopac_desk.cli import main
from tests.helpers.bad_pdfs import encrypted_pdf, image_only_pdf


def test_json_report_for_a_real_paper(pcd977: Path, capsys) -> None:
    assert main(["check", str(pcd977), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["file"]["name"] == pcd977.name and out["file"]["pages"] == 8
    [paper] = out["papers"]
    assert (paper["first_page"], paper["last_page"]) == (1, 8)
    [check] = paper["checks"]
    assert set(check) == {"code", "severity", "message", "page", "quote", "rects"}
    assert check["code"] == "title_mismatch" and check["quote"] == "Mobile Tablet Device Refresh"


def test_readable_report_lists_findings(pcd977: Path, capsys) -> None:
    assert main(["check", str(pcd977)]) == 0
    out = capsys.readouterr().out
    assert "page 7 title_mismatch" in out and "Mobile Tablet Device Refresh" in out


def test_unreadable_input_gives_one_plain_line(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "minutes.pdf"
    bad.write_text("not a pdf at all", encoding="utf-8")
    for path in (bad, tmp_path / "missing.pdf"):
        assert main(["check", str(path)]) == 2
        captured = capsys.readouterr()
        assert captured.out == ""
        lines = captured.err.strip().splitlines()
        assert len(lines) == 1 and "Traceback" not in captured.err


def test_wrong_password(tmp_path: Path, pcd977: Path, capsys) -> None:
    locked = encrypted_pdf(tmp_path, password="secret", source=pcd977)
    assert main(["check", str(locked), "--password", "nope"]) == 2
    assert len(capsys.readouterr().err.strip().splitlines()) == 1
    assert main(["check", str(locked), "--password", "secret", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["papers"][0]["checks"]


def test_scanned_paper_is_refused_plainly(tmp_path: Path, capsys) -> None:
    assert main(["check", str(image_only_pdf(tmp_path))]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
