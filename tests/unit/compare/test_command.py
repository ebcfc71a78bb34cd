"""``mopac-desk compare``: the JSON contract, the readable list, one line and exit 2 for bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pikepdf
import pytest

from mopac_desk.cli import main
from mopac_desk.compare import compare_files
from mopac_desk.compare.command import summary
from tests.helpers import bad_pdfs, versions


@pytest.fixture(scope="module")
def amounts(tmp_path_factory):
    return versions.amounts_changed(tmp_path_factory.mktemp("cmd"))


def test_json_is_one_object_of_the_documented_schema(amounts, capsys):
    old, new = amounts
    assert main(["compare", str(old), str(new), "--json"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    data = json.loads(out)
    assert data["schema"] == "mopac-desk/compare@1"
    assert data["old"] == {"name": old.name, "pages": 2}
    change = data["changes"][0]
    assert set(change) == {"kind", "old", "new", "money"}
    assert change["kind"] in ("insert", "delete", "replace", "renumber", "format")
    assert set(change["old"]) == {"text", "page", "rects"}
    assert set(data["amounts"][0]) >= {"old_pence", "new_pence", "kind", "old_page", "new_page"}
    assert data["amounts"][0]["old_pence"] == 250_000_000
    assert set(data["summaries"]) == {"old", "new", "changes"}
    assert data["summaries"]["old"][0]["capital_pence"] == 250_000_000
    assert data["summaries"]["new"][0]["capital_pence"] == 270_000_000
    assert set(data) == {"schema", "old", "new", "changes", "amounts", "recommendations",
                         "summaries", "ocr"}
    # Typeset papers: nothing read by OCR, no misreading, nothing doubtful.
    assert data["ocr"] == {"old_pages": [], "new_pages": [], "noise": [], "doubtful": []}


def test_plain_output_lists_money_first(amounts, capsys):
    assert main(["compare", str(amounts[0]), str(amounts[1])]) == 0
    out = capsys.readouterr().out
    assert out.index("Money (5):") < out.index("Recommendations") < out.index("Changes")
    assert "capital £2.5m → £2.7m" in out
    assert "Financial summary:" in out and "capital £2,500,000 → £2,700,000" in out


def test_no_change_says_so(tmp_path, capsys):
    old, new = versions.two_layouts(tmp_path)
    assert main(["compare", str(old), str(new)]) == 0
    assert "No change in the text." in capsys.readouterr().out


def test_paper_text_reaches_the_terminal_without_control_characters(tmp_path):
    result = compare_files(*versions.dates_changed(tmp_path))
    # What a hostile PDF's text layer could carry (PDFium's standard fonts cannot write it).
    result.changes[0].new.text = "9th \x1b[2J\x1b]0;owned\x07April\u202e"
    out = summary(result)
    assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out
    assert "\\e[2J" in out  # shown, not obeyed


@pytest.mark.parametrize("bad", ["missing", "not-a-pdf", "empty", "truncated", "garbage",
                                 "zero-pages", "locked", "scan"])
@pytest.mark.parametrize("json_flag", [[], ["--json"]], ids=["plain", "json"])
def test_unreadable_input_is_one_plain_line_and_status_2(tmp_path, amounts, capsys, bad,
                                                          json_flag):
    path = {
        "missing": lambda: tmp_path / "missing.pdf",
        "not-a-pdf": lambda: bad_pdfs.text_named_pdf(tmp_path),
        "empty": lambda: bad_pdfs.empty_pdf(tmp_path),
        "truncated": lambda: bad_pdfs.truncated_pdf(tmp_path),
        "garbage": lambda: bad_pdfs.garbage_pdf(tmp_path),
        "zero-pages": lambda: bad_pdfs.zero_page_pdf(tmp_path),
        "locked": lambda: bad_pdfs.encrypted_pdf(tmp_path),
        "scan": lambda: bad_pdfs.image_only_pdf(tmp_path),
    }[bad]()
    for args in ([str(amounts[0]), str(path)], [str(path), str(amounts[0])]):
        assert main(["compare", *args, *json_flag]) == 2
        out, err = capsys.readouterr()
        assert "Traceback" not in out + err
        if json_flag:  # one JSON object on stdout, as extract and check give it
            assert err == "" and len(out.splitlines()) == 1
            error = json.loads(out)
            assert error["error"] and Path(error["file"]).name == path.name
        else:
            assert out == "" and len(err.strip().splitlines()) == 1
            assert err.startswith("mopac-desk: ")


def test_passwords_open_protected_papers(tmp_path, amounts, capsys):
    locked = tmp_path / "locked.pdf"
    with pikepdf.open(amounts[1]) as pdf:
        pdf.save(locked, encryption=pikepdf.Encryption(owner="o", user="secret"))
    assert main(["compare", str(amounts[0]), str(locked), "--password-new", "secret",
                 "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)["amounts"]) == 5
    assert main(["compare", str(locked), str(amounts[0]), "--password-old", "wrong"]) == 2
