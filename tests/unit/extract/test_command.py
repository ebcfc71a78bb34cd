"""``mopac-desk extract``: JSON contract, readable summary, exit 2 with one line for bad input."""

from __future__ import annotations

import json
import shutil

import pikepdf
import pytest

from mopac_desk.cli import main
from mopac_desk.files import file_sha256
from tests.helpers.paper_pdf import Flow, Style


def test_json_is_one_object_in_the_documented_shape(pcd977, capsys):
    assert main(["extract", str(pcd977), "--json"]) == 0
    out, err = capsys.readouterr()
    data = json.loads(out)
    assert err == ""
    assert data["schema"] == "mopac-desk/extraction@1"
    assert data["file"] == {"name": pcd977.name, "sha256": file_sha256(pcd977), "pages": 8}
    paper = data["papers"][0]
    assert set(paper) == {"first_page", "last_page", "parts", "fields", "recommendations",
                          "costs", "checks", "summary", "ocr"}
    assert paper["fields"]["decision_signed_on"]["value"] == "2021-04-28"
    assert set(paper["fields"]["title"]) == {"value", "page", "quote", "rects", "confidence"}
    assert set(paper["recommendations"][0]) == {"part", "number", "text", "action", "parent",
                                                "page", "rects", "confidence"}
    assert set(paper["costs"][0]) == {"amount_pence", "raw", "kind", "years", "part", "page",
                                      "context", "rects", "role", "basis", "period_years",
                                      "whole_pence", "in_recommendation", "funded_from",
                                      "headroom_pence", "confidence"}
    summary = paper["summary"]
    assert summary["capital_pence"] == 1_470_000_000 and summary["revenue_pence"] is None
    assert summary["contracts_pence"] == [] and summary["conflicts"] == []
    places = summary["sources"]["capital"][0]["places"]
    assert {p["part"] for p in places} == {"decision", "report"}
    assert set(places[0]) == {"page", "part", "quote", "context", "rects"}


def test_summary_is_readable(pcd977, capsys):
    assert main(["extract", str(pcd977)]) == 0
    out = capsys.readouterr().out
    assert "PCD 977" in out and "£14,700,000" in out and "threshold (not counted)" in out


def _bad_inputs(tmp_path, pcd977):
    not_pdf = tmp_path / "minutes.pdf"
    not_pdf.write_text("Minutes of the meeting", encoding="utf-8")
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    damaged = tmp_path / "damaged.pdf"
    damaged.write_bytes(pcd977.read_bytes()[:2000])
    locked = tmp_path / "locked.pdf"
    with pikepdf.open(pcd977) as pdf:
        pdf.save(locked, encryption=pikepdf.Encryption(owner="o", user="secret"))
    scan = Flow(Style(header="")).save(tmp_path / "scan.pdf")
    return {"not a PDF": not_pdf, "empty": empty, "damaged": damaged, "password": locked,
            "no text layer": scan, "missing": tmp_path / "nowhere.pdf"}


@pytest.mark.parametrize("case", ["not a PDF", "empty", "damaged", "password", "no text layer",
                                  "missing"])
def test_unreadable_input_exits_2_with_one_line(case, tmp_path, pcd977, capsys):
    path = _bad_inputs(tmp_path, pcd977)[case]
    assert main(["extract", str(path)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1 and path.name in err and "Traceback" not in err
    # With --json the one message is a JSON object on stdout, so a script always gets JSON.
    assert main(["extract", str(path), "--json"]) == 2
    out, err = capsys.readouterr()
    assert err == "" and out.count("\n") == 1
    data = json.loads(out)
    assert path.name in data["error"] and data["file"] == str(path)


def test_wrong_and_right_password(tmp_path, pcd977, capsys):
    locked = tmp_path / "locked.pdf"
    with pikepdf.open(pcd977) as pdf:
        pdf.save(locked, encryption=pikepdf.Encryption(owner="o", user="secret"))
    assert main(["extract", str(locked), "--password", "wrong", "--json"]) == 2
    assert "password" in json.loads(capsys.readouterr().out)["error"]
    assert main(["extract", str(locked), "--password", "secret", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["papers"][0]["fields"]["reference"]["value"] == "PCD 977"


def test_file_name_with_spaces(tmp_path, pcd977, capsys):
    copy = tmp_path / "PCD 977 final (v2).pdf"
    shutil.copy(pcd977, copy)
    assert main(["extract", str(copy), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["file"]["name"] == copy.name
