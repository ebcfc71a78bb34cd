"""A comparison written as the new version with each change as a standard annotation, read
back by pikepdf and shown by another reader (poppler); a cancelled export leaves nothing."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest

from mopac_desk.annotations.pdf_read import read_annotations
from mopac_desk.annotations.pdf_write import ExportError
from mopac_desk.cli import main
from mopac_desk.compare import compare_files
from mopac_desk.compare.excel import ChangesCancelled
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


def _ppm(path: Path) -> tuple[int, int, bytes]:
    data = path.read_bytes()
    magic, width, height, top = data.split(maxsplit=4)[:4]
    return int(width), int(height), data[len(b" ".join([magic, width, height, top])) + 1:]


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler's pdftoppm not installed")
def test_another_reader_poppler_shows_the_money_changes(tmp_path):
    old, new = versions.amounts_changed(tmp_path)
    result = compare_files(old, new)
    out = write_changes_pdf(result, new, tmp_path / "changes.pdf").path
    subprocess.run(["pdftoppm", "-r", "60", "-f", "1", "-l", "1", str(out),
                    str(tmp_path / "page")], check=True, timeout=60)
    w, h, pixels = _ppm(tmp_path / "page-1.ppm")
    scale = 60 / 72

    def rgb(x: float, y: float) -> tuple[int, ...]:
        i = ((h - 1 - int(y * scale)) * w + int(x * scale)) * 3
        return tuple(pixels[i:i + 3])

    money = [a for a in result.amounts if a.new_page == 1]
    assert money
    for a in money:
        x0, y0, x1, y1 = a.new_rects[0]
        row = [rgb(x0 + (x1 - x0) * k / 12, (y0 + y1) / 2) for k in range(1, 12)]
        # The red highlight under the sum (a multiply blend: dark glyphs stay dark).
        assert sum(1 for r, g, b in row if r > 200 and g < 190 and b < 190) >= 3, row
    plain = rgb(300, 30)  # the foot of the page, with nothing on it
    assert plain == (255, 255, 255)


def test_a_cancelled_export_leaves_what_was_there(tmp_path):
    old, new = versions.amounts_changed(tmp_path)
    result = compare_files(old, new)
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "changes.pdf").write_bytes(b"older")
    with pytest.raises(ChangesCancelled):
        write_changes_pdf(result, new, folder / "changes.pdf", cancel=lambda: True)
    assert [p.name for p in folder.iterdir()] == ["changes.pdf"]
    assert (folder / "changes.pdf").read_bytes() == b"older"
    written = write_changes_pdf(result, new, folder / "changes.pdf", cancel=lambda: False)
    assert written.path == folder / "changes.pdf" and read_annotations(written.path)
    assert [p.name for p in folder.iterdir()] == ["changes.pdf"]
    with pytest.raises(ExportError, match="new file"):
        write_changes_pdf(result, new, new, cancel=lambda: False)
