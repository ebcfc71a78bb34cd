"""A comparison written as the new version with each change as a standard annotation, read
back by pikepdf and shown by PDFium."""

from __future__ import annotations

import pikepdf

from mopac_desk.annotations.pdf_read import read_annotations
from mopac_desk.cli import main
from mopac_desk.compare import compare_files
from mopac_desk.export.changes_pdf import change_annotations, write_changes_pdf
from tests.helpers import versions


def test_every_change_becomes_an_annotation_money_first(tmp_path):
    old, new = versions.amounts_changed(tmp_path)
    before = new.read_bytes()
    result = compare_files(old, new)
    notes = change_annotations(result)
    assert notes and notes[0].contents.startswith("Money: ")
    out = write_changes_pdf(result, new, tmp_path / "changes.pdf").path
    back = read_annotations(out)
    assert len(back) == len(notes)
    assert {a.contents for a in back} == {a.contents for a in notes}
    with pikepdf.open(out) as pdf:
        annots = [a for page in pdf.pages for a in page.get("/Annots", [])
                  if a.get("/Subtype") != "/Popup"]
        assert annots and all("/AP" in a and int(a.get("/F", 0)) & 4 for a in annots)
    assert new.read_bytes() == before  # the new version itself is never changed


def test_compare_command_writes_the_annotated_copy_and_the_change_list(tmp_path, capsys):
    old, new = versions.inserted_paragraph(tmp_path)
    before = new.read_bytes()
    out, xlsx = tmp_path / "marked.pdf", tmp_path / "changes.xlsx"
    assert main(["compare", str(old), str(new), "--annotated", str(out), "--xlsx", str(xlsx)]) == 0
    capsys.readouterr()
    assert read_annotations(out) and xlsx.stat().st_size > 0
    assert new.read_bytes() == before
    assert main(["compare", str(old), str(new), "--annotated", str(new)]) == 2
    assert "new file" in capsys.readouterr().err
